/* test-cli-export.c: `wick --export` with --theme, --levels, --signals, --legend, --title
 * and --format, run as a real process with no display; every mistake is one line on stderr,
 * exit code 2 and no file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <gio/gio.h>

#include "test-cli-utils.h"
#include "test-pixel-utils.h"
#include "wick-palette.h"
#include "wick-render.h"
#include "wick-signals.h"
#include "wick-viewport.h"

#define MAX_ARGS 16

static cairo_surface_t *
export_png (Fixture     *fixture,
            const char  *name,
            const char **extra)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  const char *args[MAX_ARGS] = { "--export", path, "--size", "1000x600", NULL };
  g_auto(Run) run = { 0 };
  cairo_surface_t *image;
  guint n = 4;

  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    {
      g_assert_cmpuint (n, <, MAX_ARGS - 1);
      args[n++] = extra[i];
    }
  args[n] = NULL;

  run_wick (fixture, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (image);

  return image;
}

/* Differing pixels within a rectangle, both corners included. */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int              x0,
                   int              y0,
                   int              x1,
                   int              y1)
{
  const guchar *a_data = cairo_image_surface_get_data (a);
  const guchar *b_data = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint n = 0;

  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      n += (*(const guint32 *) (gconstpointer) (a_data + (gsize) y * stride + 4 * x) & 0xffffff) !=
           (*(const guint32 *) (gconstpointer) (b_data + (gsize) y * stride + 4 * x) & 0xffffff);

  return n;
}

/* The default is a 1920×1080 light PNG; --size and --scale multiply exactly. */
static void
test_size_and_scale (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    const char *size;
    const char *scale;
    int         width;
    int         height;
  } cases[] = {
    { NULL, NULL, 1920, 1080 },
    { "1920x1080", "2", 3840, 2160 },
    { "3840x2160", NULL, 3840, 2160 },
    { "641x399", "2", 1282, 798 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, "chart.png", NULL);
      const char *args[MAX_ARGS] = { "--export", path, NULL };
      g_auto(Run) run = { 0 };
      cairo_surface_t *image;
      guint n = 2;

      if (cases[i].size != NULL)
        {
          args[n++] = "--size";
          args[n++] = cases[i].size;
        }
      if (cases[i].scale != NULL)
        {
          args[n++] = "--scale";
          args[n++] = cases[i].scale;
        }
      args[n] = NULL;

      run_wick (fixture, &run, args);
      g_assert_cmpint (run.status, ==, 0);
      image = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, cases[i].width);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, cases[i].height);
      cairo_surface_destroy (image);
      g_assert_cmpuint (count_files (fixture->dir), ==, 1);
    }
}

/* --theme dark paints the dark palette; light is the default. */
static void
test_theme (Fixture       *fixture,
            gconstpointer  data)
{
  const char *dark_args[] = { "--theme", "dark", NULL };
  const char *light_args[] = { "--theme", "light", NULL };
  cairo_surface_t *by_default = export_png (fixture, "default.png", NULL);
  cairo_surface_t *light = export_png (fixture, "light.png", light_args);
  cairo_surface_t *dark = export_png (fixture, "dark.png", dark_args);

  g_assert_true (test_pixel_is (by_default, 998, 598, &wick_palette_get (FALSE)->background, 0.01));
  g_assert_true (test_pixel_is (dark, 998, 598, &wick_palette_get (TRUE)->background, 0.01));
  g_assert_cmpuint (count_differences (by_default, light, 0, 0, 999, 599), ==, 0);
  g_assert_cmpuint (count_differences (by_default, dark, 0, 0, 999, 599), >, 500000);

  cairo_surface_destroy (by_default);
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

/* Each switch changes only the plot: the title block and the axes stay as they are. */
static void
test_switches (Fixture       *fixture,
               gconstpointer  data)
{
  static const char *switches[][3] = {
    { "--levels", "off", NULL },
    { "--signals", "off", NULL },
    { "--legend", "off", NULL },
  };
  const char *add_args[] = { "--source", "sample", "--levels", "add", "92000", NULL };
  const char *base_args[] = { "--heatmap", "off", NULL };
  g_auto(Run) add = { 0 };
  cairo_surface_t *all;
  int right = 1000 - WICK_VIEWPORT_AXIS_WIDTH - 1;
  int bottom = 600 - WICK_VIEWPORT_AXIS_HEIGHT - 1;
  int top = (int) WICK_RENDER_TITLE_BLOCK_HEIGHT;

  /* A saved line to show or leave out. */
  run_wick (fixture, &add, add_args);
  g_assert_cmpint (add.status, ==, 0);

  all = export_png (fixture, "all.png", base_args);

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      g_autofree char *name = g_strdup_printf ("switch-%u.png", i);
      const char *args[] = { "--heatmap", "off", switches[i][0], switches[i][1], NULL };
      const char *on_args[] = { "--heatmap", "off", switches[i][0], "on", NULL };
      cairo_surface_t *off = export_png (fixture, name, args);
      cairo_surface_t *on = export_png (fixture, "on.png", on_args);
      guint inside;

      g_test_message ("%s off", switches[i][0]);
      inside = count_differences (all, off, 0, top + 1, right - 1, bottom);
      g_assert_cmpuint (inside, >, 100);
      g_assert_cmpuint (count_differences (all, off, 0, 0, 999, top - 1), ==, 0);
      /* “on” is the default. */
      g_assert_cmpuint (count_differences (all, on, 0, 0, 999, 599), ==, 0);

      cairo_surface_destroy (off);
      cairo_surface_destroy (on);
    }

  /* --signals also works as --signals=off, and alone it means on. */
  {
    const char *equals_args[] = { "--heatmap", "off", "--signals=off", NULL };
    const char *spaced_args[] = { "--heatmap", "off", "--signals", "off", NULL };
    const char *alone_args[] = { "--heatmap", "off", "--signals", NULL };
    cairo_surface_t *equals = export_png (fixture, "equals.png", equals_args);
    cairo_surface_t *spaced = export_png (fixture, "spaced.png", spaced_args);
    cairo_surface_t *alone = export_png (fixture, "alone.png", alone_args);

    g_assert_cmpuint (count_differences (equals, spaced, 0, 0, 999, 599), ==, 0);
    g_assert_cmpuint (count_differences (all, alone, 0, 0, 999, 599), ==, 0);
    cairo_surface_destroy (equals);
    cairo_surface_destroy (spaced);
    cairo_surface_destroy (alone);
  }

  cairo_surface_destroy (all);
}

/* Runs wick with the settings of @keyfile (the keyfile backend's lines of Wick's group) and the
 * time zone @tz, as a user who chose them in the preferences. */
static cairo_surface_t *
export_png_with_settings (Fixture     *fixture,
                          const char  *name,
                          const char  *keyfile,
                          const char  *tz,
                          const char **extra)
{
  g_autofree char *config = g_build_filename (fixture->data_dir, "config", NULL);
  g_autofree char *folder = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (folder, "keyfile", NULL);
  g_autofree char *contents = g_strconcat ("[io/github/wickchart/Wick]\n", keyfile, NULL);
  g_autofree char *backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  cairo_surface_t *image;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("TZ", tz, TRUE);

  image = export_png (fixture, name, extra);

  g_setenv ("GSETTINGS_BACKEND", backend != NULL ? backend : "memory", TRUE);
  g_unsetenv ("XDG_CONFIG_HOME");
  g_unsetenv ("TZ");

  return image;
}

/* An export looks like a picture saved from the window: it follows the preferences' time zone,
 * candle colours and hidden kinds of signal. */
static void
test_follows_settings (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *args[] = { "--heatmap", "off", NULL };
  const char *no_markers_args[] = { "--heatmap", "off", "--signals", "off", NULL };
  const WickPalette *blue_orange = wick_palette_get_full (FALSE, TRUE);
  g_autoptr(GString) hidden = g_string_new ("signal-kinds-hidden=[");
  g_autofree char *keyfile = NULL;
  cairo_surface_t *by_default, *chosen, *no_markers;
  int right = 1000 - WICK_VIEWPORT_AXIS_WIDTH - 1;
  int bottom = 600 - WICK_VIEWPORT_AXIS_HEIGHT - 1;
  int top = (int) WICK_RENDER_TITLE_BLOCK_HEIGHT;

  for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
    g_string_append_printf (hidden, "%s'%s'", kind > 0 ? ", " : "",
                            wick_signal_kind_to_string (kind));
  g_string_append (hidden, "]\n");
  keyfile = g_strconcat ("time-zone='local'\ncandle-colors='blue-orange'\n", hidden->str, NULL);

  by_default = export_png (fixture, "default.png", args);
  chosen = export_png_with_settings (fixture, "chosen.png", keyfile, "JST-9", args);
  no_markers = export_png_with_settings (fixture, "no-markers.png", keyfile, "JST-9",
                                         no_markers_args);

  /* Blue and orange candles instead of green and red. */
  g_assert_cmpuint (test_count_color (by_default, 0, top, right, bottom, &blue_orange->up, 0.01),
                    ==, 0);
  g_assert_cmpuint (test_count_color (chosen, 0, top, right, bottom, &blue_orange->up, 0.01),
                    >, 200);
  /* The title block's time range in Japan's time, nine hours on. */
  g_assert_cmpuint (count_differences (by_default, chosen, 0, 0, 999, top - 1), >, 50);
  /* Every kind hidden: no markers, as with --signals off. */
  g_assert_cmpuint (count_differences (chosen, no_markers, 0, 0, 999, 599), ==, 0);

  cairo_surface_destroy (by_default);
  cairo_surface_destroy (chosen);
  cairo_surface_destroy (no_markers);
}

/* --format wins over the extension; --title is the document's title and the picture's. */
static void
test_format_and_title (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *svg_args[] = { "--export", "@DIR@/chart.out", "--format", "svg", "--title",
                             "Support test <92k>", NULL };
  const char *pdf_args[] = { "--export", "@DIR@/chart", "--format", "PDF", NULL };
  g_autofree char *svg_path = g_build_filename (fixture->dir, "chart.out", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "chart", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_auto(Run) svg_run = { 0 };
  g_auto(Run) pdf_run = { 0 };
  gsize length;

  run_wick (fixture, &svg_run, svg_args);
  g_assert_cmpint (svg_run.status, ==, 0);
  g_assert_true (g_file_get_contents (svg_path, &svg, &length, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "<title>Support test &lt;92k&gt;</title>"));

  run_wick (fixture, &pdf_run, pdf_args);
  g_assert_cmpint (pdf_run.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &length, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);
}

static const BadCase bad_cases[] = {
  { "extension", { "--export", "@DIR@/chart.gif", NULL }, ".gif" },
  { "no-extension", { "--export", "@DIR@/chart", NULL }, "extension" },
  { "format", { "--export", "@DIR@/chart.png", "--format", "jpeg", NULL }, "jpeg" },
  { "size", { "--export", "@DIR@/chart.png", "--size", "1920x", NULL }, "1920x" },
  { "size-small", { "--export", "@DIR@/chart.png", "--size", "8x8", NULL }, "16" },
  { "scale", { "--export", "@DIR@/chart.png", "--scale", "0.5", NULL }, "0.5" },
  { "unwritable", { "--export", "@DIR@/no/such/folder/chart.svg", NULL }, "folder" },
  { "range-empty", { "--export", "@DIR@/chart.pdf", "--range", "2020-01-01..2020-01-02", NULL },
    "No candles" },
  { "theme", { "--export", "@DIR@/chart.png", "--theme", "blue", NULL }, "blue" },
  { "levels", { "--export", "@DIR@/chart.png", "--levels", "list", NULL }, "on or off" },
  { "signals", { "--export", "@DIR@/chart.png", "--signals=yes", NULL }, "yes" },
  { "legend", { "--export", "@DIR@/chart.png", "--legend", "1", NULL }, "--legend" },
  { "title-long", { "--export", "@DIR@/chart.png", "--title",
                    "0123456789012345678901234567890123456789012345678901234567890123456789"
                    "0123456789012345678901234567890123456789012345678901234567890123456789"
                    "0123456789012345678901234567890123456789012345678901234567890123456789",
                    NULL }, "200" },
  { "theme-alone", { "--theme", "dark", NULL }, "--export" },
  { "signals-alone", { "--signals", "off", NULL }, "--export" },
  { "title-alone", { "--title", "x", NULL }, "--export" },
};

static void
test_bad_arguments (Fixture       *fixture,
                    gconstpointer  data)
{
  check_bad_cases (fixture, bad_cases, G_N_ELEMENTS (bad_cases));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/wick/cli-export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("size-and-scale", test_size_and_scale);
  ADD ("theme", test_theme);
  ADD ("switches", test_switches);
  ADD ("follows-settings", test_follows_settings);
  ADD ("format-and-title", test_format_and_title);
  ADD ("bad-arguments", test_bad_arguments);

#undef ADD

  return g_test_run ();
}
