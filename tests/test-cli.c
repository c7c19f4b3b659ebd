/* test-cli.c: the headless command line, run as a real process with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-cli-utils.h"
#include "test-exchange-server.h"
#include "test-okx-fake.h"
#include "test-pixel-utils.h"
#include "wick-palette.h"
#include "wick-render.h"
#include "wick-viewport.h"

static void
test_export_png (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "chart.png", NULL);
  g_auto(Run) run = { 0 };
  cairo_surface_t *image;

  run_wick_args (fixture, &run, "--export", path, "--size", "800x500", "--scale", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1000);
  cairo_surface_destroy (image);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
test_export_svg_and_pdf (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (fixture->dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "chart.PDF", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) run_svg = { 0 };
  g_auto(Run) run_pdf = { 0 };
  gsize length;

  run_wick_args (fixture, &run_svg, "--export", svg, "--range", "2026-01-04..2026-01-07", NULL);
  g_assert_cmpint (run_svg.status, ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  run_wick_args (fixture, &run_pdf, "--export", pdf, "--source", "sample", NULL);
  g_assert_cmpint (run_pdf.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static const BadCase bad_cases[] = {
  { "extension", { "--export", "@DIR@/chart.bmp", NULL }, ".bmp" },
  { "no-extension", { "--export", "@DIR@/chart", NULL }, "chart" },
  { "size-letters", { "--export", "@DIR@/chart.png", "--size", "wide", NULL }, "wide" },
  { "size-zero", { "--export", "@DIR@/chart.png", "--size", "0x100", NULL }, "16384" },
  { "size-huge", { "--export", "@DIR@/chart.png", "--size", "100000x100000", NULL }, "100000" },
  { "scale", { "--export", "@DIR@/chart.png", "--scale", "9", NULL }, "9" },
  { "range-empty", { "--export", "@DIR@/chart.png", "--range", "2030-01-01..2030-02-01", NULL }, "No candles" },
  { "range-backwards", { "--export", "@DIR@/chart.png", "--range", "2026-01-07..2026-01-01", NULL }, "2026-01-07" },
  { "range-garbage", { "--export", "@DIR@/chart.png", "--range", "yesterday", NULL }, "yesterday" },
  { "unwritable", { "--export", "@DIR@/missing/dir/chart.png", NULL }, "missing" },
  { "source", { "--export", "@DIR@/chart.png", "--source", "nowhere", NULL }, "nowhere" },
  { "csv-missing", { "--export", "@DIR@/chart.png", "--source", "csv:@DIR@/none.csv", NULL }, "none.csv" },
  { "symbol", { "--export", "@DIR@/chart.png", "--symbol", "DOGEUSDT", NULL }, "DOGEUSDT" },
  { "size-without-export", { "--size", "800x600", NULL }, "--export" },
  { "heatmap-value", { "--export", "@DIR@/chart.png", "--heatmap", "maybe", NULL }, "maybe" },
  { "heatmap-without-export", { "--heatmap", "on", NULL }, "--export" },
  { "stray-argument", { "chart.png", NULL }, "chart.png" },
  { "levels-extra", { "--levels", "list", "7", NULL }, "nothing" },
  { "levels-action", { "--levels", "move", NULL }, "move" },
  { "signals-format", { "--signals", "--format", "xml", NULL }, "xml" },
  { "indicators-format", { "--indicators", "--format", "json", NULL }, "json" },
  { "signals-range", { "--signals", "--range", "2030-01-01..2030-02-01", NULL }, "No candles" },
  { "format-alone", { "--format", "json", NULL }, "--signals" },
  { "signals-and-indicators", { "--signals", "--indicators", NULL }, "--indicators" },
};

static void
test_bad_arguments (Fixture       *fixture,
                    gconstpointer  data)
{
  check_bad_cases (fixture, bad_cases, G_N_ELEMENTS (bad_cases));
}

static void
test_real_candles_from_csv (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *shared = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *csv = NULL;
  g_autofree char *source = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "real.png", NULL);
  g_auto(Run) run = { 0 };

  if (shared != NULL)
    csv = g_build_filename (shared, "binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv", NULL);
  if (csv == NULL || !g_file_test (csv, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The real market data folder (../shared/data) is not here");
      return;
    }

  source = g_strconcat ("csv:", csv, NULL);
  run_wick_args (fixture, &run, "--export", path, "--source", source,
                 "--range", "2026-01-01..2026-01-10", "--size", "1200x700", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Rows of the image where the line colour runs across most of the plot: drawn lines. */
static guint
count_line_rows (const char *path,
                 guint32     rgb)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);
  guint rows = 0;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      int hits = 0;

      for (int x = 0; x < width / 2; x++)
        hits += (row[x] & 0xffffff) == rgb;
      rows += hits > width / 3;
    }
  cairo_surface_destroy (image);

  return rows;
}

static void
test_levels (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *before = g_build_filename (fixture->dir, "before.png", NULL);
  g_autofree char *after = g_build_filename (fixture->dir, "after.png", NULL);
  g_auto(Run) add_support = { 0 };
  g_auto(Run) add_resistance = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) remove = { 0 };
  g_auto(Run) remove_again = { 0 };
  g_auto(Run) bad_price = { 0 };
  g_auto(Run) export_before = { 0 };
  g_auto(Run) export_after = { 0 };
  g_auto(Run) list_after = { 0 };
  guint32 support_rgb;

  run_wick_args (fixture, &export_before, "--export", before, "--size", "1000x600", NULL);
  g_assert_cmpint (export_before.status, ==, 0);

  run_wick_args (fixture, &add_support, "--levels", "add", "92000", "--label", "Support 92k ✓",
                 NULL);
  g_assert_cmpint (add_support.status, ==, 0);
  g_assert_cmpstr (add_support.out, ==, "1\n");
  run_wick_args (fixture, &add_resistance, "--levels", "add", "94400.5", NULL);
  g_assert_cmpstr (add_resistance.out, ==, "2\n");

  /* Highest first, tab-separated. */
  run_wick_args (fixture, &list, "--levels", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (list.out, ==, "2\t94400.50\t\n1\t92000.00\tSupport 92k ✓\n");

  /* The saved lines are in the picture: a row of the support colour across the plot. */
  run_wick_args (fixture, &export_after, "--export", after, "--size", "1000x600", NULL);
  g_assert_cmpint (export_after.status, ==, 0);
  {
    const WickColor *support = &wick_palette_get (FALSE)->support;

    support_rgb = (guint32) (support->red * 255 + .5) << 16 |
                  (guint32) (support->green * 255 + .5) << 8 |
                  (guint32) (support->blue * 255 + .5);
  }
  g_assert_cmpuint (count_line_rows (before, support_rgb), ==, 0);
  g_assert_cmpuint (count_line_rows (after, support_rgb), >=, 1);

  run_wick_args (fixture, &remove, "--levels", "remove", "2", NULL);
  g_assert_cmpint (remove.status, ==, 0);
  run_wick_args (fixture, &remove_again, "--levels", "remove", "2", NULL);
  g_assert_cmpint (remove_again.status, ==, 2);
  g_assert_nonnull (strstr (remove_again.err, "2"));
  run_wick_args (fixture, &bad_price, "--levels", "add", "0", NULL);
  g_assert_cmpint (bad_price.status, ==, 2);
  g_assert_cmpuint (count_lines (bad_price.err), ==, 1);

  run_wick_args (fixture, &list_after, "--levels", "list", NULL);
  g_assert_cmpstr (list_after.out, ==, "1\t92000.00\tSupport 92k ✓\n");
}

static cairo_surface_t *
export_heatmap (Fixture    *fixture,
                const char *name,
                const char *heatmap)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_auto(Run) run = { 0 };
  cairo_surface_t *image;

  if (heatmap != NULL)
    run_wick_args (fixture, &run, "--export", path, "--size", "1000x600", "--heatmap", heatmap,
                   NULL);
  else
    run_wick_args (fixture, &run, "--export", path, "--size", "1000x600", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (image);

  return image;
}

/* --heatmap off and on differ only inside the plot, where the grid, its legend and the
 * bubbles are; without the flag, the settings' default (shown) applies. */
static void
test_export_heatmap (Fixture       *fixture,
                     gconstpointer  data)
{
  cairo_surface_t *on = export_heatmap (fixture, "on.png", "on");
  cairo_surface_t *off = export_heatmap (fixture, "off.png", "off");
  cairo_surface_t *by_default = export_heatmap (fixture, "default.png", NULL);
  int width = cairo_image_surface_get_width (on);
  int height = cairo_image_surface_get_height (on);
  int stride = cairo_image_surface_get_stride (on);
  const guchar *on_data = cairo_image_surface_get_data (on);
  const guchar *off_data = cairo_image_surface_get_data (off);
  const guchar *default_data = cairo_image_surface_get_data (by_default);
  int left = width, right = -1, top = height, bottom = -1;
  guint n_different = 0;

  for (int y = 0; y < height; y++)
    {
      const guint32 *on_row = (const guint32 *)(gconstpointer) (on_data + (gsize) y * stride);
      const guint32 *off_row = (const guint32 *)(gconstpointer) (off_data + (gsize) y * stride);
      const guint32 *default_row = (const guint32 *)(gconstpointer) (default_data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          g_assert_cmphex (default_row[x], ==, on_row[x]);
          if (on_row[x] == off_row[x])
            continue;

          n_different++;
          left = MIN (left, x);
          right = MAX (right, x);
          top = MIN (top, y);
          bottom = MAX (bottom, y);
        }
    }

  /* A good share of the plot is coloured ... */
  g_assert_cmpuint (n_different, >, width * height / 20);
  /* ... and nothing outside it: not the title block, the axes or their labels. */
  g_assert_cmpint (left, >=, 0);
  g_assert_cmpint (right, <, width - WICK_VIEWPORT_AXIS_WIDTH);
  g_assert_cmpint (top, >=, WICK_RENDER_TITLE_BLOCK_HEIGHT);
  g_assert_cmpint (bottom, <, height - WICK_VIEWPORT_AXIS_HEIGHT);

  cairo_surface_destroy (on);
  cairo_surface_destroy (off);
  cairo_surface_destroy (by_default);
}

/* Hourly candles near 100, the first a tall up candle and the last a tall down one. */
static char *
write_distinct_ends_csv (Fixture *fixture,
                         guint    n,
                         gint64   first_ms)
{
  g_autofree char *path = g_build_filename (fixture->dir, "ends.csv", NULL);
  g_autoptr(GString) text = g_string_new ("open_time_ms,open,high,low,close,volume\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      gint64 time_ms = first_ms + (gint64) i * 3600000;

      if (i == 0)
        g_string_append_printf (text, "%" G_GINT64_FORMAT ",100,151,99,150,10\n", time_ms);
      else if (i == n - 1)
        g_string_append_printf (text, "%" G_GINT64_FORMAT ",100,101,59,60,10\n", time_ms);
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT ",%s,101,99,%s,10\n", time_ms,
                                i % 2 ? "100" : "100.5", i % 2 ? "100.5" : "100");
    }

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

/* --range all shows every candle, from the first to the last, as a viewport fitted to the
 * whole range places them; without it, only the latest are in view. */
static void
test_export_range_all (Fixture       *fixture,
                       gconstpointer  data)
{
  const guint n = 200;
  const gint64 first_ms = G_GINT64_CONSTANT (1767225600000);  /* 2026-01-01 00:00 UTC */
  const WickPalette *palette = wick_palette_get (FALSE);
  g_autofree char *csv = write_distinct_ends_csv (fixture, n, first_ms);
  g_autofree char *source = g_strconcat ("csv:", csv, NULL);
  g_autofree char *all_path = g_build_filename (fixture->dir, "all.png", NULL);
  g_autofree char *latest_path = g_build_filename (fixture->dir, "latest.png", NULL);
  g_autoptr(WickViewport) viewport = wick_viewport_new ();
  g_autoptr(WickSeries) series = wick_series_new (3600000);
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) latest_run = { 0 };
  const WickCandle ends[] = {
    { first_ms, 100, 151, 99, 150, 10 },
    { first_ms + (gint64) (n - 1) * 3600000, 100, 101, 59, 60, 10 },
  };
  cairo_surface_t *all, *latest;
  int first_x, last_x;

  run_wick_args (fixture, &run, "--export", all_path, "--source", source, "--range", "all",
                 "--size", "1000x600", "--heatmap", "off", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_wick_args (fixture, &latest_run, "--export", latest_path, "--source", source,
                 "--size", "1000x600", "--heatmap", "off", NULL);
  g_assert_cmpint (latest_run.status, ==, 0);

  /* The viewport of the whole range, laid out as the export lays out its plot. */
  g_assert_true (wick_series_append (series, ends, G_N_ELEMENTS (ends), &error));
  g_assert_no_error (error);
  wick_viewport_set_size (viewport, 1000, 600);
  wick_viewport_set_header_height (viewport, WICK_RENDER_TITLE_BLOCK_HEIGHT);
  wick_viewport_show_range (viewport, series, ends[0].open_time_ms,
                            ends[1].open_time_ms + 3600000);
  first_x = (int) floor (wick_viewport_time_to_x (viewport, ends[0].open_time_ms + 1800000));
  last_x = (int) floor (wick_viewport_time_to_x (viewport, ends[1].open_time_ms + 1800000));

  all = cairo_image_surface_create_from_png (all_path);
  latest = cairo_image_surface_create_from_png (latest_path);
  g_assert_cmpint (cairo_surface_status (all), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (latest), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (all);
  cairo_surface_flush (latest);

  /* The first candle's tall body, where the viewport puts it, and the last one's. */
  g_assert_cmpint (first_x, <, last_x);
  g_assert_cmpuint (test_count_color (all, first_x - 1, 0, first_x + 1, 599, &palette->up, 0.02),
                    >, 40);
  g_assert_cmpuint (test_count_color (all, last_x - 1, 0, last_x + 1, 599, &palette->down, 0.02),
                    >, 40);
  /* The default view holds the last candle but not the first: no tall up body anywhere. */
  g_assert_cmpuint (test_count_color (latest, 0, 0, 999, 599, &palette->down, 0.02), >, 40);
  for (int x = 0; x < 1000; x++)
    g_assert_cmpuint (test_count_color (latest, x, 0, x, 599, &palette->up, 0.02), <, 40);

  cairo_surface_destroy (all);
  cairo_surface_destroy (latest);
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_wick_args (fixture, &run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "wick " PACKAGE_VERSION "\n");
}

/* --signals --format json: an array of objects with the documented members, and the
 * sample's support test among them. */
static void
test_signals_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gboolean has_support_test = FALSE;
  JsonArray *array;
  guint i;

  run_wick_args (fixture, &run, "--signals", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >, 10);

  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *signal = json_array_get_object_element (array, i);
      const char *time = json_object_get_string_member (signal, "time");
      const char *confirmed = json_object_get_string_member (signal, "confirmed_time");
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (time, NULL);
      g_autoptr(GDateTime) parsed_confirmed = g_date_time_new_from_iso8601 (confirmed, NULL);
      double strength = json_object_get_double_member (signal, "strength");

      g_assert_nonnull (parsed);
      g_assert_nonnull (parsed_confirmed);
      g_assert_true (g_str_has_suffix (time, "Z"));
      g_assert_cmpint (g_date_time_to_unix (parsed) * 1000, ==,
                       json_object_get_int_member (signal, "open_time_ms"));
      g_assert_cmpint (g_date_time_compare (parsed_confirmed, parsed), >=, 0);
      g_assert_cmpfloat (json_object_get_double_member (signal, "price"), >, 0.0);
      g_assert_true (strength >= 0.0 && strength <= 1.0);
      g_assert_true (g_str_equal (json_object_get_string_member (signal, "direction"), "bullish") ||
                     g_str_equal (json_object_get_string_member (signal, "direction"), "bearish"));
      g_assert_cmpstr (json_object_get_string_member (signal, "kind"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (signal, "explanation"), !=, "");

      if (g_str_equal (json_object_get_string_member (signal, "kind"), "support-test") &&
          g_str_equal (time, "2026-01-05T14:00:00Z"))
        {
          g_assert_cmpstr (json_object_get_string_member (signal, "explanation"), ==,
                           "Support test at 92,000: wick to 91,540, closed back above");
          g_assert_cmpfloat (json_object_get_double_member (signal, "price"), ==, 91540.0);
          has_support_test = TRUE;
        }
    }
  g_assert_true (has_support_test);
}

/* --signals as text for one day: tab-separated lines of seven fields. */
static void
test_signals_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean has_cascade = FALSE;

  run_wick_args (fixture, &run, "--signals", "--range", "2026-01-05..2026-01-05", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 2);
  for (guint i = 0; lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 7);
      g_assert_true (g_str_has_prefix (fields[0], "2026-01-05T"));
      if (g_str_equal (fields[2], "liquidation-cascade"))
        has_cascade = g_str_has_prefix (fields[6], "Long liquidation cascade: $427M");
    }
  g_assert_true (has_cascade);
}

/* --indicators --format csv: the header, a row per candle, empty cells before the values. */
static void
test_indicators_csv (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) day = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) later = NULL;

  run_wick_args (fixture, &run, "--indicators", "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "open_time_ms,rsi14,atr14,ema20,ema50,macd,macd_signal,macd_hist,"
                   "bb_upper,bb_mid,bb_lower,CDLHAMMER,CDLINVERTEDHAMMER,CDLSHOOTINGSTAR,"
                   "CDLENGULFING,CDLHARAMI,CDLPIERCING,CDLMORNINGSTAR,CDLEVENINGSTAR,"
                   "CDLDOJI,CDLDRAGONFLYDOJI");
  /* The sample's 1704 hours, then the final newline. */
  g_assert_cmpuint (count_lines (run.out), ==, 1 + 1704);

  first = g_strsplit (lines[1], ",", -1);
  g_assert_cmpuint (g_strv_length (first), ==, 21);
  g_assert_cmpstr (first[0], ==, "1761955200000");
  for (guint k = 1; k < 21; k++)
    g_assert_cmpstr (first[k], ==, "");

  /* From candle 50 every column has a value. */
  later = g_strsplit (lines[51], ",", -1);
  g_assert_cmpuint (g_strv_length (later), ==, 21);
  for (guint k = 1; k < 21; k++)
    g_assert_cmpstr (later[k], !=, "");

  run_wick_args (fixture, &day, "--indicators", "--range", "2026-01-05..2026-01-05", NULL);
  g_assert_cmpint (day.status, ==, 0);
  g_assert_cmpuint (count_lines (day.out), ==, 1 + 24);
}

/* ---- exchanges, against fake exchanges in this process ---- */

static void
test_exchange_export (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TestExchange) exchange = test_exchange_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "binance.png", NULL);
  g_auto(Run) run = { 0 };
  cairo_surface_t *image;

  fixture_set_exchanges (fixture, exchange->http_url, exchange->http_url);
  run_wick_args (fixture, &run, "--source", "binance", "--symbol", "BTCUSDT", "--interval", "1h",
                 "--export", path, "--size", "800x500", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (exchange->n_klines, >, 0);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 500);
  cairo_surface_destroy (image);
}

/* --range is what is fetched, with some history before it for the indicators. */
static void
test_exchange_export_range (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TestExchange) exchange = test_exchange_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "range.png", NULL);
  gint64 from_ms = exchange->last_open_ms - 100 * TEST_EXCHANGE_HOUR_MS;
  gint64 to_ms = exchange->last_open_ms - 50 * TEST_EXCHANGE_HOUR_MS;
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (from_ms / 1000);
  g_autoptr(GDateTime) to = g_date_time_new_from_unix_utc (to_ms / 1000);
  g_autofree char *from_text = g_date_time_format (from, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *to_text = g_date_time_format (to, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *range = g_strconcat (from_text, "..", to_text, NULL);
  g_auto(Run) run = { 0 };

  fixture_set_exchanges (fixture, exchange->http_url, exchange->http_url);
  run_wick_args (fixture, &run, "--source", "binance", "--export", path, "--size", "640x400",
                 "--range", range, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (exchange->first_start_ms, ==, from_ms - 200 * TEST_EXCHANGE_HOUR_MS);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* The exchange's own word for what is wrong, on one line, as bad input. */
static void
test_exchange_invalid_symbol (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TestExchange) exchange = test_exchange_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "none.png", NULL);
  g_auto(Run) run = { 0 };

  fixture_set_exchanges (fixture, exchange->http_url, exchange->http_url);
  run_wick_args (fixture, &run, "--source", "binance", "--symbol", "NOSUCHCOIN", "--export", path,
                 NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "wick: Invalid symbol.\n");
  g_assert_cmpuint (exchange->n_klines, ==, 1);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

/* A symbol or interval Binance cannot have is refused before any request. */
static void
test_exchange_rejected_before_request (Fixture       *fixture,
                                       gconstpointer  data)
{
  static const char * const cases[][2] = {
    { "BTC/USDT!", "1h" },
    { "BTCUSDT", "7m" },
  };
  g_autoptr(TestExchange) exchange = test_exchange_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "none.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      fixture_set_exchanges (fixture, exchange->http_url, exchange->http_url);
      run_wick_args (fixture, &run, "--source", "binance",
                 "--symbol", cases[i][0], "--interval", cases[i][1],
                 "--export", path, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_nonnull (strstr (run.err, i == 0 ? "BTC/USDT!" : "7m"));
    }

  g_assert_cmpuint (exchange->n_klines, ==, 0);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

/* Nobody listens on the port: a run-time failure, said in one line. */
static void
test_exchange_server_down (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *base_url = test_server_listen (server, "http");
  g_autofree char *path = g_build_filename (fixture->dir, "down.png", NULL);
  g_auto(Run) run = { 0 };

  soup_server_disconnect (server);
  fixture_set_exchanges (fixture, base_url, base_url);
  run_wick_args (fixture, &run, "--source", "binance", "--export", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "wick: "));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

/* USD-M perpetual futures: the same export from /fapi/v1/klines, never from spot, and
 * Binance's error body from there on one line. */
static void
test_exchange_binance_futures (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(TestExchange) exchange = test_exchange_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "futures.png", NULL);
  g_autofree char *none = g_build_filename (fixture->dir, "none.png", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) invalid = { 0 };
  cairo_surface_t *image;

  fixture_set_exchanges (fixture, exchange->http_url, exchange->http_url);
  run_wick_args (fixture, &run, "--source", "binance-futures", "--symbol", "BTCUSDT",
                 "--interval", "1h", "--export", path, "--size", "800x500", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (exchange->n_futures_klines, >, 0);
  g_assert_cmpuint (exchange->n_klines, ==, 0);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  cairo_surface_destroy (image);

  run_wick_args (fixture, &invalid, "--source", "binance-futures", "--symbol", "NOSUCHCOIN",
                 "--export", none, NULL);
  g_assert_cmpint (invalid.status, ==, 2);
  g_assert_cmpstr (invalid.err, ==, "wick: Invalid symbol.\n");
  g_assert_cmpuint (exchange->n_klines, ==, 0);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

/* The requests the fake OKX logged to @path. */
static guint
count_okx_requests (FakeOkx    *fake,
                    const char *path,
                    const char *inst_id)
{
  g_autoptr(GPtrArray) requests = fake_take_requests (fake);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      Request *request = g_ptr_array_index (requests, i);

      n += g_str_equal (request->path, path) &&
           g_strcmp0 (g_hash_table_lookup (request->query, "instId"), inst_id) == 0;
    }

  return n;
}

/* OKX's candles, paged from /market/candles and /market/history-candles, make the picture. */
static void
test_okx_export (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "okx.png", NULL);
  g_auto(Run) run = { 0 };
  FakeOkx fake = { 0 };
  cairo_surface_t *image;

  fake_start (&fake);
  fixture_set_exchanges (fixture, NULL, fake.base_url);
  run_wick_args (fixture, &run, "--source", "okx", "--symbol", "BTC-USDT", "--interval", "1h",
                 "--export", path, "--size", "800x500", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 500);
  cairo_surface_destroy (image);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);

  /* 1500 candles: five pages of 300 reach back 1440 hours, history-candles the rest. */
  g_assert_cmpuint (count_okx_requests (&fake, "/api/v5/market/candles", "BTC-USDT"), >=, 5);
  fake_stop (&fake);
}

/* OKX's error envelope (HTTP 200, code 51001) is bad input: its message, on one line. */
static void
test_okx_error_body (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "none.png", NULL);
  g_auto(Run) run = { 0 };
  FakeOkx fake = { 0 };

  fake_start (&fake);
  fixture_set_exchanges (fixture, NULL, fake.base_url);
  run_wick_args (fixture, &run, "--source", "okx", "--symbol", "ETH-USDT", "--interval", "1h",
                 "--export", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "wick: Instrument ID does not exist\n");
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_assert_cmpuint (count_okx_requests (&fake, "/api/v5/market/candles", "ETH-USDT"), ==, 1);
  fake_stop (&fake);
}

/* Nobody listens where OKX should be: a run-time failure, said in one line. */
static void
test_okx_server_down (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *base_url = test_server_listen (server, "http");
  g_autofree char *path = g_build_filename (fixture->dir, "down.png", NULL);
  g_auto(Run) run = { 0 };

  soup_server_disconnect (server);
  fixture_set_exchanges (fixture, NULL, base_url);
  run_wick_args (fixture, &run, "--source", "okx", "--symbol", "BTC-USDT", "--export", path,
                 NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "wick: "));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

/* The OKX source reads spot markets under Wick's interval names: a swap's instId or OKX's
 * own bar name is refused before any request, naming what was typed. */
static void
test_okx_swap_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const cases[][3] = {
    { "BTC-USDT-SWAP", "1h", "BTC-USDT-SWAP" },
    { "BTC-USDT", "1H", "1H" },
  };
  g_autofree char *path = g_build_filename (fixture->dir, "none.png", NULL);
  g_autoptr(GPtrArray) requests = NULL;
  FakeOkx fake = { 0 };

  fake_start (&fake);
  fixture_set_exchanges (fixture, NULL, fake.base_url);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_wick_args (fixture, &run, "--source", "okx", "--symbol", cases[i][0],
                     "--interval", cases[i][1], "--export", path, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_nonnull (strstr (run.err, cases[i][2]));
    }

  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  requests = fake_take_requests (&fake);
  g_assert_cmpuint (requests->len, ==, 0);
  fake_stop (&fake);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/wick/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("export-png", test_export_png);
  ADD ("export-svg-pdf", test_export_svg_and_pdf);
  ADD ("bad-arguments", test_bad_arguments);
  ADD ("real-candles", test_real_candles_from_csv);
  ADD ("levels", test_levels);
  ADD ("export-heatmap", test_export_heatmap);
  ADD ("export-range-all", test_export_range_all);
  ADD ("signals-json", test_signals_json);
  ADD ("signals-text", test_signals_text);
  ADD ("indicators-csv", test_indicators_csv);
  ADD ("version", test_version);
  ADD ("exchange/export", test_exchange_export);
  ADD ("exchange/export-range", test_exchange_export_range);
  ADD ("exchange/invalid-symbol", test_exchange_invalid_symbol);
  ADD ("exchange/rejected-before-request", test_exchange_rejected_before_request);
  ADD ("exchange/server-down", test_exchange_server_down);
  ADD ("exchange/binance-futures", test_exchange_binance_futures);
  ADD ("exchange/okx-export", test_okx_export);
  ADD ("exchange/okx-error-body", test_okx_error_body);
  ADD ("exchange/okx-server-down", test_okx_server_down);
  ADD ("exchange/okx-swap-refused", test_okx_swap_refused);

#undef ADD

  return g_test_run ();
}
