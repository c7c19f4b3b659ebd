/* test-export.c: PNG, SVG and PDF files, size and scale parsing, and failure without debris
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-export.h"
#include "wick-render.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define T0      G_GINT64_CONSTANT (1767225600000)
#define TITLE   "BTCUSDT · 1h · Test data (synthetic)"

typedef struct
{
  char         *dir;
  WickSeries   *series;
  WickMarket   *market;
  WickLod      *lod;
  WickViewport *viewport;
  WickScene     scene;
} Fixture;

static WickSeries *
make_series (guint n)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autofree WickCandle *candles = g_new (WickCandle, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  double price = 92000;
  guint i;

  for (i = 0; i < n; i++)
    {
      double close = price * (1 + g_rand_double_range (rand, -0.005, 0.005));

      candles[i].open_time_ms = T0 + (gint64) i * HOUR_MS;
      candles[i].open = price;
      candles[i].close = close;
      candles[i].high = MAX (price, close) * 1.002;
      candles[i].low = MIN (price, close) * 0.998;
      candles[i].volume = g_rand_double_range (rand, 10, 500);
      price = close;
    }

  wick_series_append (series, candles, n, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("wick-test-export-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->series = make_series (200);
  fixture->market = wick_market_new ("test", "BTCUSDT", "1h", fixture->series);
  wick_market_set_source_label (fixture->market, "Test data (synthetic)");
  wick_market_set_is_synthetic (fixture->market, TRUE);
  fixture->lod = wick_lod_new (fixture->series);

  fixture->viewport = wick_viewport_new ();
  wick_viewport_set_size (fixture->viewport, 800, 600);
  wick_viewport_show_range (fixture->viewport, fixture->series, T0 + 50 * HOUR_MS,
                            T0 + 170 * HOUR_MS);

  wick_scene_init (&fixture->scene, fixture->market, wick_palette_get (FALSE));
  fixture->scene.lod = fixture->lod;
  fixture->scene.show_title_block = TRUE;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_chmod (fixture->dir, 0700);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);

  g_clear_object (&fixture->viewport);
  g_clear_pointer (&fixture->lod, wick_lod_free);
  g_clear_object (&fixture->market);
  g_clear_object (&fixture->series);
}

/* The directory's entries, sorted and joined with spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static gboolean
fixture_export (Fixture     *fixture,
                const char  *name,
                int          width,
                int          height,
                double       scale,
                GError     **error)
{
  g_autofree char *path = fixture_path (fixture, name);
  WickExportFormat format;

  if (!wick_export_format_from_path (path, &format, error))
    return FALSE;

  return wick_export (&fixture->scene, fixture->viewport, format, width, height, scale, path,
                      error);
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  static const struct
  {
    int    width;
    int    height;
    double scale;
  } cases[] = {
    { 320, 200, 1 }, { 320, 200, 2 }, { 1920, 1080, 1 }, { 16, 16, 1 }, { 100, 50, 3 },
    { 200, 100, 1.5 },
  };
  double from, to, before_from, before_to;
  guint i;

  wick_viewport_get_time_range (fixture->viewport, &before_from, &before_to);

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = fixture_path (fixture, "chart.png");
      cairo_surface_t *image;

      g_assert_true (fixture_export (fixture, "chart.png", cases[i].width, cases[i].height,
                                     cases[i].scale, &error));
      g_assert_no_error (error);

      image = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==,
                       (int) (cases[i].width * cases[i].scale));
      g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                       (int) (cases[i].height * cases[i].scale));
      /* RGB without alpha. */
      g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_RGB24);
      cairo_surface_destroy (image);
    }

  /* The caller's viewport is left alone. */
  g_assert_cmpfloat (wick_viewport_get_width (fixture->viewport), ==, 800);
  g_assert_cmpfloat (wick_viewport_get_height (fixture->viewport), ==, 600);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat (from, ==, before_from);
  g_assert_cmpfloat (to, ==, before_to);

  /* Only the file; no temporary left behind. */
  {
    g_autofree char *listing = list_dir (fixture->dir);

    g_assert_cmpstr (listing, ==, "chart.png");
  }
}

static void
test_png_pixels (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (fixture, "pixels.png");
  const WickColor *background = &fixture->scene.palette->background;
  cairo_surface_t *image;
  guint32 pixel;

  /* Upper-case extension, dark palette, no title block. */
  g_free (path);
  path = fixture_path (fixture, "PIXELS.PNG");
  fixture->scene.palette = wick_palette_get (TRUE);
  fixture->scene.show_title_block = FALSE;
  background = &fixture->scene.palette->background;
  g_assert_true (fixture_export (fixture, "PIXELS.PNG", 400, 300, 1, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* The bottom-right corner is the opaque background, channel for channel. */
  pixel = *(guint32 *) (cairo_image_surface_get_data (image) +
                        298 * cairo_image_surface_get_stride (image) + 4 * 398);
  g_assert_cmpint ((pixel >> 16) & 0xff, ==, (int) (background->red * 255 + .5));
  g_assert_cmpint ((pixel >> 8) & 0xff, ==, (int) (background->green * 255 + .5));
  g_assert_cmpint (pixel & 0xff, ==, (int) (background->blue * 255 + .5));
  cairo_surface_destroy (image);
}

typedef struct
{
  int       depth;
  char     *root;
  gboolean  has_title;
} SvgCheck;

static void
svg_start_element_cb (GMarkupParseContext  *context,
                      const char           *element_name,
                      const char          **attribute_names,
                      const char          **attribute_values,
                      gpointer              user_data,
                      GError              **error)
{
  SvgCheck *check = user_data;

  if (check->depth++ == 0)
    check->root = g_strdup (element_name);
}

static void
svg_end_element_cb (GMarkupParseContext  *context,
                    const char           *element_name,
                    gpointer              user_data,
                    GError              **error)
{
  SvgCheck *check = user_data;

  check->depth--;
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 text_len,
             gpointer              user_data,
             GError              **error)
{
  SvgCheck *check = user_data;
  const char *element = g_markup_parse_context_get_element (context);

  if (g_strcmp0 (element, "title") == 0 && g_strstr_len (text, text_len, TITLE) != NULL)
    check->has_title = TRUE;
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  data)
{
  static const GMarkupParser parser = {
    svg_start_element_cb, svg_end_element_cb, svg_text_cb, NULL, NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (fixture, "chart.svg");
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  SvgCheck check = { 0 };
  gsize length;

  g_assert_true (fixture_export (fixture, "chart.svg", 800, 500, 1, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* Well-formed XML with an <svg> root. */
  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_markup_parse_context_parse (context, contents, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (check.root, ==, "svg");
  g_assert_cmpint (check.depth, ==, 0);

  /* The title text is in the file, as the document's <title>. */
  g_assert_nonnull (strstr (contents, TITLE));
  g_assert_true (check.has_title);
  g_assert_nonnull (strstr (contents, "width=\"800"));

  g_free (check.root);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (fixture, "chart.Pdf");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (fixture_export (fixture, "chart.Pdf", 1024, 640, 1, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (length, >, 100);
  g_assert_cmpmem (contents, 5, "%PDF-", 5);
  /* Binary streams hold NULs: compare bytes, allowing a final newline. */
  while (length > 0 && (contents[length - 1] == '\n' || contents[length - 1] == '\r'))
    length--;
  g_assert_cmpuint (length, >, 5);
  g_assert_cmpmem (contents + length - 5, 5, "%%EOF", 5);
}

static void
test_format_from_path (void)
{
  static const struct
  {
    const char       *path;
    gboolean          ok;
    WickExportFormat  format;
  } cases[] = {
    { "chart.png", TRUE, WICK_EXPORT_FORMAT_PNG },
    { "/tmp/a.b/chart.PNG", TRUE, WICK_EXPORT_FORMAT_PNG },
    { "chart.svg", TRUE, WICK_EXPORT_FORMAT_SVG },
    { "chart.SvG", TRUE, WICK_EXPORT_FORMAT_SVG },
    { "out/chart.pdf", TRUE, WICK_EXPORT_FORMAT_PDF },
    { "chart.jpg", FALSE, 0 },
    { "chart.png.txt", FALSE, 0 },
    { "chart", FALSE, 0 },
    { "chart.", FALSE, 0 },
    { "dir.png/chart", FALSE, 0 },
    { "", FALSE, 0 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      WickExportFormat format = 99;
      gboolean ok = wick_export_format_from_path (cases[i].path, &format, &error);

      g_test_message ("%s: %s", cases[i].path, error != NULL ? error->message : "ok");
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (format, ==, cases[i].format);
        }
      else
        {
          g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_FORMAT);
          /* The message names the supported extensions. */
          g_assert_nonnull (strstr (error->message, ".png"));
          g_assert_nonnull (strstr (error->message, ".svg"));
          g_assert_nonnull (strstr (error->message, ".pdf"));
          g_assert_cmpint (format, ==, 99);
        }
    }

  {
    g_autoptr(GError) error = NULL;
    WickExportFormat format;

    wick_export_format_from_path ("chart.jpg", &format, &error);
    g_assert_nonnull (strstr (error->message, ".jpg"));
  }
}

static void
test_parse_size (void)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
    int         width;
    int         height;
  } cases[] = {
    { "1920x1080", TRUE, 1920, 1080 },
    { "1920×1080", TRUE, 1920, 1080 },
    { "800X600", TRUE, 800, 600 },
    { "16x16", TRUE, 16, 16 },
    { "16384x4096", TRUE, 16384, 4096 },
    { "8192x8192", TRUE, 8192, 8192 },
    { "0800x0600", TRUE, 800, 600 },
    { "", FALSE, 0, 0 },
    { "1920", FALSE, 0, 0 },
    { "x1080", FALSE, 0, 0 },
    { "1920x", FALSE, 0, 0 },
    { "abcxdef", FALSE, 0, 0 },
    { "15x100", FALSE, 0, 0 },
    { "100x15", FALSE, 0, 0 },
    { "0x0", FALSE, 0, 0 },
    { "16385x100", FALSE, 0, 0 },
    { "100x16385", FALSE, 0, 0 },
    { "8193x8192", FALSE, 0, 0 },
    { "16384x16384", FALSE, 0, 0 },
    { "1920x1080x3", FALSE, 0, 0 },
    { "-100x100", FALSE, 0, 0 },
    { "+100x100", FALSE, 0, 0 },
    { " 100x100", FALSE, 0, 0 },
    { "100 x 100", FALSE, 0, 0 },
    { "1e3x100", FALSE, 0, 0 },
    { "100.5x100", FALSE, 0, 0 },
    { "99999999999x100", FALSE, 0, 0 },
    { "1920*1080", FALSE, 0, 0 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int width = -1, height = -1;
      gboolean ok = wick_export_parse_size (cases[i].text, &width, &height, &error);

      g_test_message ("“%s”: %s", cases[i].text, error != NULL ? error->message : "ok");
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (width, ==, cases[i].width);
          g_assert_cmpint (height, ==, cases[i].height);
        }
      else
        {
          g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE);
          g_assert_cmpint (width, ==, -1);
          g_assert_cmpint (height, ==, -1);
        }
    }
}

static void
test_parse_scale (void)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
    double      scale;
  } cases[] = {
    { "1", TRUE, 1 }, { "2", TRUE, 2 }, { "1.5", TRUE, 1.5 }, { "4", TRUE, 4 },
    { "4.0", TRUE, 4 }, { "3.25", TRUE, 3.25 },
    { "0", FALSE, 0 }, { "0.5", FALSE, 0 }, { "4.01", FALSE, 0 }, { "-2", FALSE, 0 },
    { "abc", FALSE, 0 }, { "", FALSE, 0 }, { "2x", FALSE, 0 }, { "nan", FALSE, 0 },
    { "inf", FALSE, 0 }, { " 2", FALSE, 0 }, { "2 ", FALSE, 0 }, { "1,5", FALSE, 0 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double scale = -1;
      gboolean ok = wick_export_parse_scale (cases[i].text, &scale, &error);

      g_test_message ("“%s”: %s", cases[i].text, error != NULL ? error->message : "ok");
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpfloat (scale, ==, cases[i].scale);
      else
        {
          g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE);
          g_assert_cmpfloat (scale, ==, -1);
        }
    }
}

static void
test_bad_arguments (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct
  {
    int    width;
    int    height;
    double scale;
  } cases[] = {
    { 15, 100, 1 }, { 100, 16385, 1 }, { 16384, 16384, 1 }, { 800, 600, 0.5 },
    { 800, 600, 4.5 }, { 800, 600, 0 }, { -5, 600, 1 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;

      g_assert_false (fixture_export (fixture, "chart.png", cases[i].width, cases[i].height,
                                      cases[i].scale, &error));
      g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE);
      listing = list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, "");
    }

  /* A bad extension: the format error, and no file. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *listing = NULL;

    g_assert_false (fixture_export (fixture, "chart.jpeg", 800, 600, 1, &error));
    g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_FORMAT);
    listing = list_dir (fixture->dir);
    g_assert_cmpstr (listing, ==, "");
  }
}

static void
test_missing_directory (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *names[] = { "chart.png", "chart.svg", "chart.pdf" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, "missing", names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;
      WickExportFormat format;

      g_assert_true (wick_export_format_from_path (path, &format, NULL));
      g_assert_false (wick_export (&fixture->scene, fixture->viewport, format, 800, 600, 1,
                                   path, &error));
      g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE);
      g_test_message ("%s", error->message);
      /* The message names the file and the reason. */
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
      listing = list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, "");
    }
}

static void
test_target_is_directory (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "taken.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  /* The temporary file is written, but renaming it over a directory fails: it is removed. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (wick_export (&fixture->scene, fixture->viewport, WICK_EXPORT_FORMAT_PNG,
                               200, 100, 1, path, &error));
  g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "taken.png");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_replace_existing (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "chart.svg");
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf buf;
  mode_t mask;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_true (fixture_export (fixture, "chart.svg", 300, 200, 1, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));

  /* An ordinary file (0666 less the umask), not the private 0600 of a temporary one. */
  mask = umask (022);
  umask (mask);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0666 & ~mask);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "chart.svg");
}

static void
test_read_only_directory (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *names[] = { "chart.png", "chart.svg", "chart.pdf" };
  guint i;

  if (geteuid () == 0)
    {
      g_test_skip ("root can write into a read-only directory");
      return;
    }

  g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;

      g_assert_false (fixture_export (fixture, names[i], 800, 600, 1, &error));
      g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, g_strerror (EACCES)));
      listing = list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, "");
    }

  g_chmod (fixture->dir, 0700);
}

static void
test_not_a_directory (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *file = fixture_path (fixture, "file");
  g_autofree char *path = g_build_filename (file, "chart.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  /* A parent that is a file, not a directory. */
  g_file_set_contents (file, "", -1, &error);
  g_assert_no_error (error);
  g_assert_false (wick_export (&fixture->scene, fixture->viewport, WICK_EXPORT_FORMAT_PDF,
                               100, 100, 1, path, &error));
  g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "file");
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/export/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("png", test_png);
  ADD_TEST ("png-pixels", test_png_pixels);
  ADD_TEST ("svg", test_svg);
  ADD_TEST ("pdf", test_pdf);
  g_test_add_func ("/wick/export/format-from-path", test_format_from_path);
  g_test_add_func ("/wick/export/parse-size", test_parse_size);
  g_test_add_func ("/wick/export/parse-scale", test_parse_scale);
  ADD_TEST ("bad-arguments", test_bad_arguments);
  ADD_TEST ("missing-directory", test_missing_directory);
  ADD_TEST ("target-is-directory", test_target_is_directory);
  ADD_TEST ("replace-existing", test_replace_existing);
  ADD_TEST ("read-only-directory", test_read_only_directory);
  ADD_TEST ("not-a-directory", test_not_a_directory);

  return g_test_run ();
}
