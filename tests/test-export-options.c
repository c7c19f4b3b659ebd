/* test-export-options.c: what a saved picture holds: its exact size, identical bytes for the
 * same scene, the style and the parts switched on or off, and the clipboard's pixels matching
 * the PNG's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-export-utils.h"
#include "test-pixel-utils.h"

static void
test_png_size (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct
  {
    int width;
    int height;
    int scale;
  } cases[] = {
    { 1920, 1080, 1 }, { 1920, 1080, 2 }, { 3840, 2160, 1 }, { 641, 399, 2 }, { 969, 745, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WickExportOptions) options = { 0 };
      g_autofree char *path = NULL;
      cairo_surface_t *image;

      wick_export_options_init (&options);
      options.width = cases[i].width;
      options.height = cases[i].height;
      options.scale = cases[i].scale;
      path = export_with (fixture, "size.png", &options);

      image = load_png (path);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, cases[i].width * cases[i].scale);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                       cases[i].height * cases[i].scale);
      cairo_surface_destroy (image);
    }
}

/* The same scene, written twice, is the same file byte for byte. */
static void
test_png_deterministic (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(WickExportOptions) options = { 0 };
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length, second_length;

  wick_export_options_init (&options);
  options.width = 1200;
  options.height = 700;
  options.scale = 2;
  first_path = export_with (fixture, "first.png", &options);
  second_path = export_with (fixture, "second.png", &options);

  g_assert_true (g_file_get_contents (first_path, &first, &first_length, NULL));
  g_assert_true (g_file_get_contents (second_path, &second, &second_length, NULL));
  g_assert_cmpuint (first_length, >, 1000);
  g_assert_cmpmem (first, first_length, second, second_length);
}

static cairo_surface_t *
export_png (Fixture                 *fixture,
            const char              *name,
            const WickExportOptions *options)
{
  g_autofree char *path = export_with (fixture, name, options);

  return load_png (path);
}

/* The style sets the background; each switch removes its part and nothing else. */
static void
test_theme_and_switches (Fixture       *fixture,
                         gconstpointer  data)
{
  const WickPalette *light = wick_palette_get (FALSE);
  const WickPalette *dark = wick_palette_get (TRUE);
  g_auto(WickExportOptions) options = { 0 };
  cairo_surface_t *all, *dark_image, *no_levels, *no_legend;
  const WickLevel *level = wick_level_store_get_level (fixture->levels, 0);
  g_autoptr(WickViewport) view = wick_viewport_dup (fixture->viewport);
  double line_y;
  WickRect plot;

  wick_export_options_init (&options);
  options.width = 800;
  options.height = 600;
  all = export_png (fixture, "all.png", &options);
  options.dark = TRUE;
  dark_image = export_png (fixture, "dark.png", &options);
  options.dark = FALSE;
  options.show_levels = FALSE;
  no_levels = export_png (fixture, "no-levels.png", &options);
  options.show_levels = TRUE;
  options.show_legend = FALSE;
  no_legend = export_png (fixture, "no-legend.png", &options);

  /* The corner under the price axis is the palette's background. */
  g_assert_true (test_pixel_is (all, 798, 598, &light->background, 0.01));
  g_assert_true (test_pixel_is (dark_image, 798, 598, &dark->background, 0.01));
  g_assert_false (test_pixel_is (dark_image, 798, 598, &light->background, 0.01));

  /* Where the export puts the plot and the line. */
  wick_viewport_set_header_height (view, WICK_RENDER_TITLE_BLOCK_HEIGHT);
  wick_viewport_fit_prices (view, fixture->series);
  wick_viewport_get_plot (view, &plot);
  line_y = wick_viewport_price_to_y (view, level->price);

  /* Without lines, only the line and its label change (there are no zones here). */
  g_assert_cmpuint (count_differences (all, no_levels, (int) plot.x, (int) line_y - 1,
                                       (int) (plot.x + plot.width) - 1, (int) line_y + 1),
                    >, plot.width / 3);
  g_assert_cmpuint (count_differences (all, no_levels, 0, 0, 799, (int) line_y - 20), ==, 0);
  g_assert_cmpuint (count_differences (all, no_levels, 0, (int) line_y + 20, 799, 599), ==, 0);

  /* Without the legend, only its line at the top of the plot changes. */
  g_assert_cmpuint (count_differences (all, no_legend, 0, (int) plot.y, 400, (int) plot.y + 40),
                    >, 50);
  g_assert_cmpuint (count_differences (all, no_legend, 0, (int) plot.y + 60, 799, 599), ==, 0);
  g_assert_cmpuint (count_differences (all, no_legend, 0, 0, 799, (int) plot.y - 1), ==, 0);

  cairo_surface_destroy (all);
  cairo_surface_destroy (dark_image);
  cairo_surface_destroy (no_levels);
  cairo_surface_destroy (no_legend);
}

/* A crosshair placed in the window's view lands on the same candle in a larger picture, and
 * only when asked for. */
static void
test_crosshair (Fixture       *fixture,
                gconstpointer  data)
{
  const WickPalette *palette = wick_palette_get (FALSE);
  const WickCandle *candle = &wick_series_get_candles (fixture->series)[100];
  g_autoptr(WickViewport) view = wick_viewport_dup (fixture->viewport);
  g_auto(WickExportOptions) options = { 0 };
  cairo_surface_t *with, *without;
  double centre_ms = candle->open_time_ms + HOUR_MS / 2.0;
  WickRect plot;
  int column;

  fixture->scene.has_crosshair = TRUE;
  fixture->scene.crosshair_x = wick_viewport_time_to_x (fixture->viewport, centre_ms);
  fixture->scene.crosshair_y = 300;

  wick_export_options_init (&options);
  options.width = 1600;
  options.height = 900;
  options.show_crosshair = TRUE;
  with = export_png (fixture, "crosshair.png", &options);
  options.show_crosshair = FALSE;
  without = export_png (fixture, "no-crosshair.png", &options);

  wick_viewport_set_size (view, 1600, 900);
  wick_viewport_set_header_height (view, WICK_RENDER_TITLE_BLOCK_HEIGHT);
  wick_viewport_get_plot (view, &plot);
  column = (int) floor (wick_viewport_time_to_x (view, centre_ms));

  /* A dashed line: half the column's pixels, give or take what lies on top. */
  g_assert_cmpuint (test_count_color (with, column, (int) plot.y, column,
                                      (int) (plot.y + plot.height) - 1, &palette->crosshair, 0.02),
                    >, plot.height / 4);
  g_assert_cmpuint (test_count_color (without, 0, (int) plot.y, 1599,
                                      (int) (plot.y + plot.height) - 1, &palette->crosshair, 0.02),
                    <, 20);

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

/* The clipboard's picture is the PNG's, pixel for pixel. */
static void
test_render_image (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(WickExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png, *image;
  WickScene scene = fixture->scene;
  const guchar *pixels;
  int stride;

  wick_export_options_init (&options);
  options.width = 500;
  options.height = 320;
  options.scale = 2;
  png = export_png (fixture, "clip.png", &options);

  wick_export_options_apply (&options, &scene);
  image = wick_export_render_image (&scene, fixture->viewport, 500, 320, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1000);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 640);

  g_assert_cmpuint (count_differences (png, image, 0, 0, 999, 639), ==, 0);

  /* Opaque everywhere. */
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < 640; y++)
    for (int x = 0; x < 1000; x++)
      g_assert_cmphex (pixels[(gsize) y * stride + 4 * x + 3], ==, 0xff);

  cairo_surface_destroy (png);
  cairo_surface_destroy (image);

  /* Larger than an image can be. */
  image = wick_export_render_image (&scene, fixture->viewport, 20000, 100, 2, &error);
  g_assert_null (image);
  g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE);
}

static void
test_apply (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(WickExportOptions) options = { 0 };
  WickScene scene = fixture->scene;

  scene.has_crosshair = TRUE;
  scene.selected_level_id = 1;
  scene.hovered_level_id = 1;
  scene.show_zone_pins = TRUE;
  scene.selected_signal = 3;

  wick_export_options_init (&options);
  options.dark = TRUE;
  options.show_levels = FALSE;
  options.show_signals = FALSE;
  options.show_legend = FALSE;
  options.show_heatmap = FALSE;
  options.title = g_strdup ("Support test");
  wick_export_options_apply (&options, &scene);

  g_assert_true (scene.palette == wick_palette_get (TRUE));
  g_assert_true (scene.show_title_block);
  g_assert_cmpstr (scene.title, ==, "Support test");
  g_assert_null (scene.levels);
  g_assert_null (scene.zones);
  g_assert_false (scene.show_signal_markers);
  g_assert_false (scene.show_legend);
  g_assert_false (scene.show_heatmap);
  /* The crosshair is off by default; screen-only states never reach a file. */
  g_assert_false (scene.has_crosshair);
  g_assert_cmpuint (scene.selected_level_id, ==, 0);
  g_assert_cmpuint (scene.hovered_level_id, ==, 0);
  g_assert_false (scene.show_zone_pins);
  g_assert_cmpint (scene.selected_signal, ==, -1);

  /* A crosshair asked for but not on the chart stays off. */
  scene = fixture->scene;
  options.show_crosshair = TRUE;
  wick_export_options_apply (&options, &scene);
  g_assert_false (scene.has_crosshair);

  g_assert_cmpstr (wick_export_format_get_extension (WICK_EXPORT_FORMAT_PNG), ==, ".png");
  g_assert_cmpstr (wick_export_format_get_extension (WICK_EXPORT_FORMAT_SVG), ==, ".svg");
  g_assert_cmpstr (wick_export_format_get_extension (WICK_EXPORT_FORMAT_PDF), ==, ".pdf");
}

/* A size out of range, a missing folder or a folder in the way: an error, and no file. */
static void
test_errors_leave_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "taken.svg", NULL);
  static const struct
  {
    const char       *name;
    WickExportFormat  format;
    int               width;
    int               height;
    double            scale;
  } cases[] = {
    { "small.png", WICK_EXPORT_FORMAT_PNG, 8, 8, 1 },
    { "huge.pdf", WICK_EXPORT_FORMAT_PDF, 20000, 100, 1 },
    { "scaled.png", WICK_EXPORT_FORMAT_PNG, 1920, 1080, 5 },
    { "missing/chart.svg", WICK_EXPORT_FORMAT_SVG, 800, 600, 1 },
    { "taken.svg", WICK_EXPORT_FORMAT_SVG, 800, 600, 1 },
  };

  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %s", cases[i].name);
      g_assert_false (wick_export (&fixture->scene, fixture->viewport, cases[i].format,
                                   cases[i].width, cases[i].height, cases[i].scale, path,
                                   &error));
      g_assert_error (error, WICK_EXPORT_ERROR,
                      (i < 3 ? WICK_EXPORT_ERROR_SIZE : WICK_EXPORT_ERROR_WRITE));
      /* Only the folder that was in the way. */
      g_assert_cmpuint (count_files (fixture->dir), ==, 1);
    }

  g_rmdir (blocker);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/wick/export-options/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("png-size", test_png_size);
  ADD ("png-deterministic", test_png_deterministic);
  ADD ("theme-and-switches", test_theme_and_switches);
  ADD ("crosshair", test_crosshair);
  ADD ("render-image", test_render_image);
  ADD ("apply", test_apply);
  ADD ("errors-leave-nothing", test_errors_leave_nothing);

#undef ADD

  return g_test_run ();
}
