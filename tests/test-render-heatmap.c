/* test-render-heatmap.c: the liquidation heatmap as drawn, hit-tested and binned for a view
 *
 * A hand-made market: eight dojis at 100 open long levels (10×) at 90.36 and short ones at
 * 109.56; a cascade candle down to 85 consumes the longs and has realised long liquidations;
 * three dojis at 120 follow. Each frame is compared pixel by pixel with the same frame
 * without the heatmap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-heatmap-view.h"
#include "wick-render-heatmap.h"
#include "wick-render.h"

#include "test-heatmap-utils.h"

#define N_CANDLES    12
#define CASCADE      8
#define MMR          0.004
#define CASCADE_USD  5e6
#define PLOT_WIDTH   800
#define PLOT_HEIGHT  600

typedef struct
{
  WickSeries       *series;
  WickMarket       *market;
  WickHeatmapModel *model;
  WickHeatmap      *grid;
  WickHeatmapImage *image;
  WickViewport     *viewport;
  WickScene         scene;
  cairo_surface_t  *on;
  cairo_surface_t  *off;
  double            long_level;
  double            short_level;
} Fixture;

static void
candle_at (guint       i,
           WickCandle *c)
{
  double price = i < CASCADE ? 100 : 120;

  c->open_time_ms = AT (i);
  c->open = c->close = price;
  c->high = price + 1;
  c->low = price - 1;
  c->volume = 10;

  if (i == CASCADE)
    {
      c->open = 100;
      c->high = 100.5;
      c->low = 85;
      c->close = 95;
      c->volume = 40;
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  WickCandle candles[N_CANDLES];
  WickHeatmapConfig config;
  WickHeatmapGridSpec spec;
  g_autoptr(GError) error = NULL;

  one_tier_config (&config, 10);
  fixture->model = new_model (&config);

  for (guint i = 0; i < N_CANDLES; i++)
    {
      WickHeatmapInput input;

      candle_at (i, &candles[i]);
      wick_heatmap_input_init (&input, &candles[i]);
      if (i == CASCADE)
        input.long_liquidated_usd = CASCADE_USD;
      append (fixture->model, &input);
    }

  fixture->long_level = wick_heatmap_liquidation_price (100, 10, MMR, WICK_SIDE_LONG);
  fixture->short_level = wick_heatmap_liquidation_price (100, 10, MMR, WICK_SIDE_SHORT);

  fixture->series = wick_series_new (HOUR_MS);
  g_assert_true (wick_series_append (fixture->series, candles, N_CANDLES, &error));
  g_assert_no_error (error);
  fixture->market = wick_market_new ("test", "BTCUSDT", "1h", fixture->series);

  wick_heatmap_grid_spec_init_fixed (&spec, 0, N_CANDLES, 80, 130, 0.5);
  fixture->grid = wick_heatmap_new (fixture->model, &spec, &error);
  g_assert_no_error (error);
  fixture->image = wick_heatmap_image_new (fixture->grid, fixture->model, HOUR_MS, 0.05, 0.9);

  fixture->viewport = wick_viewport_new ();
  wick_viewport_set_size (fixture->viewport, PLOT_WIDTH + WICK_VIEWPORT_AXIS_WIDTH,
                          PLOT_HEIGHT + WICK_VIEWPORT_AXIS_HEIGHT);
  wick_viewport_set_time_range (fixture->viewport, AT (0), AT (N_CANDLES));
  wick_viewport_set_auto_price (fixture->viewport, FALSE);
  wick_viewport_set_price_range (fixture->viewport, 80, 130);

  wick_scene_init (&fixture->scene, fixture->market, wick_palette_get (FALSE));
  fixture->scene.show_volume = FALSE;
  fixture->scene.heatmap = fixture->image;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->on, cairo_surface_destroy);
  g_clear_pointer (&fixture->off, cairo_surface_destroy);
  g_clear_object (&fixture->viewport);
  g_clear_object (&fixture->image);
  g_clear_object (&fixture->grid);
  g_clear_object (&fixture->market);
  g_clear_object (&fixture->series);
  g_clear_object (&fixture->model);
}

static cairo_surface_t *
render (Fixture  *fixture,
        gboolean  show_heatmap)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) wick_viewport_get_width (fixture->viewport),
                                        (int) wick_viewport_get_height (fixture->viewport));
  cr = cairo_create (surface);
  fixture->scene.show_heatmap = show_heatmap;
  wick_render_static (cr, &fixture->scene, fixture->viewport);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
render_both (Fixture *fixture)
{
  g_clear_pointer (&fixture->on, cairo_surface_destroy);
  g_clear_pointer (&fixture->off, cairo_surface_destroy);
  fixture->on = render (fixture, TRUE);
  fixture->off = render (fixture, FALSE);
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  return *(const guint32 *)(gconstpointer) (data + (gsize) y * stride + 4 * x);
}

static guint
channel (guint32 argb,
         guint   shift)
{
  return (argb >> shift) & 0xff;
}

/* Near the left edge of candle @i's slot, clear of its body and wick. */
static int
slot_x (Fixture *fixture,
        guint    i)
{
  return (int) floor (wick_viewport_time_to_x (fixture->viewport, AT (i))) + 3;
}

/* The middle row of the bucket holding @price. */
static int
bucket_y (Fixture *fixture,
          double   price)
{
  guint bucket;
  double low;

  g_assert_true (wick_heatmap_find_bucket (fixture->grid, price, &bucket));
  low = wick_heatmap_get_bucket_price (fixture->grid, bucket);

  return (int) floor (wick_viewport_price_to_y (fixture->viewport, low + 0.25));
}

static gboolean
heatmap_at (Fixture *fixture,
            int      x,
            int      y)
{
  return pixel (fixture->on, x, y) != pixel (fixture->off, x, y);
}

/* Colour at the long levels' price until the cascade consumes them, none after, and none at
 * prices without levels. */
static void
test_band (Fixture       *fixture,
           gconstpointer  data)
{
  int y = bucket_y (fixture, fixture->long_level);
  int short_y = bucket_y (fixture, fixture->short_level);

  render_both (fixture);

  for (guint i = 0; i < N_CANDLES; i++)
    {
      int x = slot_x (fixture, i);

      if (i < CASCADE)
        g_assert_true (heatmap_at (fixture, x, y));
      else
        g_assert_false (heatmap_at (fixture, x, y));

      g_assert_false (heatmap_at (fixture, x, bucket_y (fixture, 95)));
      g_assert_false (heatmap_at (fixture, x, bucket_y (fixture, 80.5)));
    }

  /* The shorts above, until the rally to 120 trades through them. */
  g_assert_true (heatmap_at (fixture, slot_x (fixture, 3), short_y));
  g_assert_false (heatmap_at (fixture, slot_x (fixture, 10), short_y));

  /* The colour is the image's, composited over the frame without it. */
  {
    int x = slot_x (fixture, 3);
    guint bucket;
    guint32 src, under, over;

    g_assert_true (wick_heatmap_find_bucket (fixture->grid, fixture->long_level, &bucket));
    src = wick_heatmap_image_get_pixel (fixture->image,
                                        wick_heatmap_get_value (fixture->grid, 3, bucket));
    under = pixel (fixture->off, x, y);
    over = pixel (fixture->on, x, y);
    g_assert_cmpuint (src >> 24, >, 0);

    for (guint shift = 0; shift < 24; shift += 8)
      {
        double expected = channel (src, shift) + channel (under, shift) *
                          (1 - channel (src, 24) / 255.);

        g_assert_cmpfloat_with_epsilon (channel (over, shift), expected, 2.5);
      }
  }
}

/* The same band through the logarithmic mapping, row by row. */
static void
test_log_scale (Fixture       *fixture,
                gconstpointer  data)
{
  int y;

  wick_viewport_set_log_scale (fixture->viewport, TRUE);
  wick_viewport_set_price_range (fixture->viewport, 80, 130);
  render_both (fixture);

  y = bucket_y (fixture, fixture->long_level);
  g_assert_true (heatmap_at (fixture, slot_x (fixture, 2), y));
  g_assert_false (heatmap_at (fixture, slot_x (fixture, 9), y));
  g_assert_false (heatmap_at (fixture, slot_x (fixture, 2), bucket_y (fixture, 95)));
}

/* Cells below the low threshold are transparent. */
static void
test_threshold (Fixture       *fixture,
                gconstpointer  data)
{
  int y = bucket_y (fixture, fixture->long_level);

  g_clear_object (&fixture->image);
  fixture->image = wick_heatmap_image_new (fixture->grid, fixture->model, HOUR_MS, 0.99, 1);
  fixture->scene.heatmap = fixture->image;
  render_both (fixture);

  /* After the first candle the long bucket holds an eighth of the largest cell. */
  g_assert_false (heatmap_at (fixture, slot_x (fixture, 0), y));
  g_assert_true (heatmap_at (fixture, slot_x (fixture, 7), y));
}

/* The cascade's realised long liquidations: a bubble under the candle's low. */
static void
test_bubble (Fixture       *fixture,
             gconstpointer  data)
{
  WickHeatmapBubble bubble;
  double x, y, radius;
  guint32 on;

  render_both (fixture);

  g_assert_true (wick_heatmap_get_bubble (fixture->grid, CASCADE, WICK_SIDE_LONG, &bubble));
  g_assert_cmpfloat (bubble.price, ==, 85);
  g_assert_false (wick_heatmap_get_bubble (fixture->grid, CASCADE, WICK_SIDE_SHORT, NULL));
  g_assert_true (wick_render_heatmap_bubble_circle (fixture->image, fixture->viewport, &bubble,
                                                    &x, &y, &radius));
  g_assert_cmpfloat (radius, >, 4);
  g_assert_cmpfloat (y - radius, >, wick_viewport_price_to_y (fixture->viewport, 85));

  /* Orange: more red than blue. */
  on = pixel (fixture->on, (int) x, (int) y);
  g_assert_true (heatmap_at (fixture, (int) x, (int) y));
  g_assert_cmpuint (channel (on, 16), >, channel (on, 0) + 40);
}

static void
test_hit_test (Fixture       *fixture,
               gconstpointer  data)
{
  WickHeatmapBubble bubble;
  WickHeatmapHit hit;
  g_autofree char *band = NULL;
  g_autofree char *bubble_text = NULL;
  double x, y, radius;
  guint bucket;

  g_assert_true (wick_render_heatmap_hit_test (fixture->image, fixture->viewport,
                                               slot_x (fixture, 4),
                                               bucket_y (fixture, fixture->long_level), &hit));
  g_assert_false (hit.is_bubble);
  g_assert_cmpuint (hit.column, ==, 4);
  g_assert_true (wick_heatmap_find_bucket (fixture->grid, fixture->long_level, &bucket));
  g_assert_cmpuint (hit.bucket, ==, bucket);
  g_assert_cmpfloat (hit.price_low, <=, fixture->long_level);
  g_assert_cmpfloat (hit.price_high, >, fixture->long_level);
  g_assert_cmpfloat (hit.usd, >, 0);

  band = wick_render_heatmap_dup_tooltip (fixture->image, fixture->viewport, slot_x (fixture, 4),
                                          bucket_y (fixture, fixture->long_level));
  g_assert_nonnull (band);
  g_assert_nonnull (strstr (band, "90.0"));
  g_assert_nonnull (strstr (band, "Longs"));
  g_assert_nonnull (strstr (band, "10×"));
  g_assert_null (strstr (band, "Shorts"));

  /* Nothing where no level lives, nor outside the plot. */
  g_assert_false (wick_render_heatmap_hit_test (fixture->image, fixture->viewport,
                                                slot_x (fixture, 4), bucket_y (fixture, 95), &hit));
  g_assert_null (wick_render_heatmap_dup_tooltip (fixture->image, fixture->viewport,
                                                  slot_x (fixture, 10),
                                                  bucket_y (fixture, fixture->long_level)));
  g_assert_false (wick_render_heatmap_hit_test (fixture->image, fixture->viewport,
                                                PLOT_WIDTH + 5, 100, &hit));

  g_assert_true (wick_heatmap_get_bubble (fixture->grid, CASCADE, WICK_SIDE_LONG, &bubble));
  g_assert_true (wick_render_heatmap_bubble_circle (fixture->image, fixture->viewport, &bubble,
                                                    &x, &y, &radius));
  g_assert_true (wick_render_heatmap_hit_test (fixture->image, fixture->viewport, x, y, &hit));
  g_assert_true (hit.is_bubble);
  g_assert_cmpfloat (hit.usd, ==, CASCADE_USD);
  bubble_text = wick_render_heatmap_dup_tooltip (fixture->image, fixture->viewport, x, y);
  g_assert_nonnull (strstr (bubble_text, "$5M"));
}

/* The grid a view needs, and when it needs another. */
static void
test_view_spec (Fixture       *fixture,
                gconstpointer  data)
{
  WickHeatmapOptions options;
  WickHeatmapGridSpec spec;
  const WickHeatmapGridSpec *have;
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GError) error = NULL;

  wick_heatmap_options_init (&options);
  wick_heatmap_view_get_spec (fixture->viewport, fixture->series, &options, &spec);
  g_assert_cmpuint (spec.first_column, ==, 0);
  g_assert_cmpuint (spec.n_columns, ==, N_CANDLES);
  g_assert_cmpfloat (spec.price_low, <=, 80 - 20);
  g_assert_cmpfloat (spec.price_low + spec.n_buckets * spec.bucket_size, >=, 130 + 20);
  g_assert_cmpfloat (spec.bucket_size, ==,
                    wick_heatmap_nice_bucket_size (80, 130, WICK_HEATMAP_VIEW_AUTO_BUCKETS));
  g_assert_cmpuint (spec.sides, ==, WICK_HEATMAP_BOTH_SIDES);

  grid = wick_heatmap_new (fixture->model, &spec, &error);
  g_assert_no_error (error);
  have = wick_heatmap_get_spec (grid);
  g_assert_false (wick_heatmap_view_needs_rebin (have, fixture->viewport, fixture->series,
                                                 &options));

  /* Another side, a fixed bucket, or prices beyond the grid. */
  options.sides = WICK_HEATMAP_LONGS;
  g_assert_true (wick_heatmap_view_needs_rebin (have, fixture->viewport, fixture->series,
                                                &options));
  options.sides = WICK_HEATMAP_BOTH_SIDES;
  options.bucket_size = 1;
  g_assert_true (wick_heatmap_view_needs_rebin (have, fixture->viewport, fixture->series,
                                                &options));
  options.bucket_size = 0;
  wick_viewport_set_price_range (fixture->viewport, 84, 134);
  g_assert_false (wick_heatmap_view_needs_rebin (have, fixture->viewport, fixture->series,
                                                 &options));
  wick_viewport_set_price_range (fixture->viewport, 150, 200);
  g_assert_true (wick_heatmap_view_needs_rebin (have, fixture->viewport, fixture->series,
                                                &options));

  /* The tiers by name. */
  {
    const char *tiers[] = { "10", "100", "7", NULL };

    g_assert_cmpuint (wick_heatmap_tiers_from_leverages (tiers), ==, (1u << 0) | (1u << 3));
  }
}

/* The whole chain from a market, as an export runs it. */
static void
test_build (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(WickHeatmapImage) image = NULL;
  g_autoptr(GError) error = NULL;
  WickHeatmapOptions options;
  cairo_surface_t *surface;

  wick_heatmap_options_init (&options);
  image = wick_heatmap_view_build (fixture->market, fixture->viewport, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);

  surface = wick_heatmap_image_get_surface (image);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, N_CANDLES);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==,
                   wick_heatmap_get_n_buckets (wick_heatmap_image_get_grid (image)));
  g_assert_cmpfloat (wick_heatmap_image_get_max_usd (image), >, 0);
}

static void
test_format_usd (void)
{
  static const struct
  {
    double      usd;
    const char *text;
  } cases[] = {
    { 0, "$0" },
    { 850, "$850" },
    { 12500, "$12.5K" },
    { 999990, "$1M" },
    { 1e6, "$1M" },
    { 120e6, "$120M" },
    { 14.54e6, "$14.5M" },
    { 1.26e9, "$1.3B" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char text[32];

      wick_heatmap_format_usd_into (text, sizeof text, cases[i].usd);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Checks that @model, whose candle c is column c − @offset, bins the candles [@first, end of
 * @series) to the grid of a model of every candle: the straightforward reference. */
static void
check_models_grid (WickHeatmapModel *model,
                   guint             offset,
                   WickSeries       *series,
                   WickOpenInterest *oi,
                   WickLiquidations *liquidations,
                   guint             first)
{
  g_autoptr(WickHeatmapModel) reference = new_model (NULL);
  g_autoptr(WickHeatmap) expected = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GError) error = NULL;
  guint n = wick_series_get_length (series);
  WickHeatmapGridSpec spec;
  double low, high;

  g_assert_true (wick_heatmap_model_append_market (reference, series, oi, liquidations, n,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (offset + wick_heatmap_model_get_n_columns (model), ==, n);

  g_assert_true (wick_heatmap_model_get_price_range (reference, first, n, &low, &high));
  wick_heatmap_grid_spec_init_auto (&spec, first, n - first, low * 0.9, high * 1.1, 300);
  expected = wick_heatmap_new (reference, &spec, &error);
  g_assert_no_error (error);

  spec.first_column -= offset;
  grid = wick_heatmap_new (model, &spec, &error);
  g_assert_no_error (error);
  assert_grids_equal (grid, expected);
}

/* The window's models: built from a candle on, then extended by ticks of the forming candle
 * and by candles that close, as a live market does. */
static void
test_view_models (void)
{
  const guint n = 2000, start = 1500, first = 1200;

  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(WickMarket) market = make_random_market (n, seed);
      const WickCandle *all = wick_series_get_candles (wick_market_get_series (market));
      g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
      g_autoptr(WickHeatmapModel) base = NULL;
      g_autoptr(WickHeatmapModel) model = NULL;
      g_autoptr(GError) error = NULL;
      WickOpenInterest *oi;
      WickLiquidations *liquidations = wick_market_get_liquidations (market);
      guint offset = G_MAXUINT, length;

      /* Half of them with open interest, which every candle then runs through. */
      if (seed % 2 == 0)
        wick_market_set_open_interest (market, NULL);
      oi = wick_market_get_open_interest (market);

      g_assert_true (wick_series_append (series, all, start, &error));
      g_assert_true (wick_heatmap_view_build_models (series, oi, liquidations, first, &base,
                                                     &model, &offset, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (offset, ==, oi != NULL ? 0 : first - 1);
      g_assert_cmpuint (offset + wick_heatmap_model_get_n_columns (base), ==, start - 1);
      check_models_grid (model, offset, series, oi, liquidations, first);

      length = start;
      for (guint k = 0; k < 24; k++)
        {
          g_autoptr(WickSeries) tail = wick_series_new (HOUR_MS);
          g_autoptr(WickHeatmapModel) new_base = NULL;
          g_autoptr(WickHeatmapModel) extended = NULL;
          g_autoptr(WickOpenInterest) tail_oi = NULL;
          g_autoptr(WickLiquidations) tail_liquidations = NULL;
          guint base_length = offset + wick_heatmap_model_get_n_columns (base);
          WickCandle forming;

          /* Ticks move the forming candle; every third step it closes, and every eighth two
           * more candles arrive at once. */
          if (k % 3 == 2)
            {
              guint more = k % 8 == 7 ? 2 : 1;

              g_assert_true (wick_series_append (series, all + length, more, &error));
              length += more;
            }
          else
            {
              forming = all[length - 1];
              forming.close *= 1 + 0.004 * (k % 2 ? 1 : -1) * (k + 1);
              forming.high = MAX (forming.high, forming.close);
              forming.low = MIN (forming.low, forming.close);
              forming.volume += 100 * k;
              g_assert_true (wick_series_upsert_last (series, &forming, &error));
            }
          g_assert_no_error (error);

          g_assert_true (wick_series_append (tail, wick_series_get_candles (series) +
                                                     base_length - 1,
                                             length - base_length + 1, &error));
          /* What the window hands its worker: the data from the tail's first candle on */
          tail_oi = wick_heatmap_view_copy_open_interest (oi, wick_series_get_candles (tail)[0]
                                                                .open_time_ms);
          tail_liquidations = wick_heatmap_view_copy_liquidations (
            liquidations, wick_series_get_candles (tail)[0].open_time_ms);
          g_assert_true (wick_heatmap_view_extend_models (base, tail, tail_oi, tail_liquidations,
                                                          &new_base, &extended, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (offset + wick_heatmap_model_get_n_columns (new_base), ==,
                            length - 1);
          check_models_grid (extended, offset, series, oi, liquidations, first);

          g_set_object (&base, new_base);
        }

      /* A tail that does not continue the base */
      {
        g_autoptr(WickSeries) tail = wick_series_new (HOUR_MS);
        g_autoptr(WickHeatmapModel) new_base = NULL;
        g_autoptr(WickHeatmapModel) extended = NULL;

        g_assert_true (wick_series_append (tail, all + 10, 3, &error));
        g_assert_false (wick_heatmap_view_extend_models (base, tail, oi, liquidations,
                                                         &new_base, &extended, &error));
        g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_MISMATCH);
        g_assert_null (new_base);
        g_assert_null (extended);
      }
    }
}

#define TEST(path, func) \
  g_test_add ("/wick/render-heatmap/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TEST ("band", test_band);
  TEST ("log-scale", test_log_scale);
  TEST ("threshold", test_threshold);
  TEST ("bubble", test_bubble);
  TEST ("hit-test", test_hit_test);
  TEST ("view-spec", test_view_spec);
  TEST ("build", test_build);
  g_test_add_func ("/wick/render-heatmap/format-usd", test_format_usd);
  g_test_add_func ("/wick/render-heatmap/view-models", test_view_models);

  return g_test_run ();
}
