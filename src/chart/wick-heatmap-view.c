/* wick-heatmap-view.c: which heatmap grid a view needs, and building it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap-view"

#include "config.h"

#include "wick-heatmap-view.h"

#include "wick-format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The fewest candles a grid reaches beyond each side of the view. */
#define MIN_MARGIN_COLUMNS 16
/* A grid this many times wider or taller than the view is rebuilt for it. */
#define MAX_OVERSIZE 4.0
/* The fewest candles a model holds before its first grid, so that pans stay inside it. */
#define MIN_MODEL_MARGIN 2048

/**
 * wick_heatmap_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Both sides, every tier, automatic buckets, and cells transparent below 30 % of the colour
 * scale and solid from 90 % of it: the defaults of the settings.
 */
void
wick_heatmap_options_init (WickHeatmapOptions *options)
{
  g_return_if_fail (options != NULL);

  options->sides = WICK_HEATMAP_BOTH_SIDES;
  options->tiers = WICK_HEATMAP_ALL_TIERS;
  options->bucket_size = 0;
  options->threshold_low = 0.3;
  options->threshold_high = 0.9;
}

/**
 * wick_heatmap_tiers_from_leverages:
 * @leverages: (array zero-terminated=1): leverages as text, such as "10" and "25"
 *
 * Returns: the mask of the default configuration's tiers (10, 25, 50 and 100×) that
 *   @leverages names; unknown names are ignored
 */
guint
wick_heatmap_tiers_from_leverages (const char * const *leverages)
{
  WickHeatmapConfig config;
  guint tiers = 0;

  g_return_val_if_fail (leverages != NULL, 0);

  wick_heatmap_config_init (&config);

  for (guint i = 0; leverages[i] != NULL; i++)
    {
      double leverage = g_ascii_strtod (leverages[i], NULL);

      for (guint t = 0; t < config.n_tiers; t++)
        {
          if (fabs (config.tiers[t].leverage - leverage) < 1e-9)
            tiers |= 1u << t;
        }
    }

  return tiers;
}

/* The candles in view, [first, end): those that end after its start and open before its
 * end, or the nearest one when none does. FALSE without candles. */
static gboolean
visible_columns (WickViewport *viewport,
                 WickSeries   *series,
                 guint        *first,
                 guint        *end)
{
  guint n = wick_series_get_length (series);
  gint64 interval_ms = MAX (wick_series_get_interval_ms (series), 1);
  double from_ms, to_ms;

  if (n == 0)
    return FALSE;

  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);
  *first = wick_series_lower_bound (series, (gint64) floor (from_ms) - interval_ms + 1);
  *end = wick_series_lower_bound (series, (gint64) ceil (to_ms));

  *first = MIN (*first, n - 1);
  *end = CLAMP (*end, *first + 1, n);

  return TRUE;
}

static void
grid_price_range (WickViewport *viewport,
                  double       *visible_low,
                  double       *visible_high,
                  double       *low,
                  double       *high)
{
  double span;

  wick_viewport_get_price_range (viewport, visible_low, visible_high);
  span = *visible_high - *visible_low;
  if (!(span > 0))
    span = fabs (*visible_high) * 0.01 + 1;

  *low = MAX (*visible_low - span / 2, 0);
  *high = *visible_high + span / 2;
}

/**
 * wick_heatmap_view_get_spec:
 * @viewport: the view
 * @series: the candles of the model to bin (column i is candle i)
 * @options: sides, tiers and bucket size
 * @spec: (out caller-allocates): the grid for the view
 *
 * The candles in view and half as many again on either side (at least 16, and at most
 * %WICK_HEATMAP_VIEW_MAX_COLUMNS in all, keeping the latest candles in view), the visible
 * prices and half their range again above and below, in buckets of the options' size or of
 * a round size making about %WICK_HEATMAP_VIEW_AUTO_BUCKETS over the visible range.
 */
void
wick_heatmap_view_get_spec (WickViewport             *viewport,
                            WickSeries               *series,
                            const WickHeatmapOptions *options,
                            WickHeatmapGridSpec      *spec)
{
  guint n, first = 0, end = 0, margin, grid_first, grid_end;
  double visible_low, visible_high, low, high, bucket;

  g_return_if_fail (WICK_IS_VIEWPORT (viewport));
  g_return_if_fail (WICK_IS_SERIES (series));
  g_return_if_fail (options != NULL);
  g_return_if_fail (spec != NULL);

  n = wick_series_get_length (series);
  grid_first = grid_end = 0;

  if (visible_columns (viewport, series, &first, &end))
    {
      margin = MAX ((end - first) / 2, MIN_MARGIN_COLUMNS);
      grid_first = first > margin ? first - margin : 0;
      grid_end = MIN (end + margin, n);

      if (grid_end - grid_first > WICK_HEATMAP_VIEW_MAX_COLUMNS)
        {
          if (end - first >= WICK_HEATMAP_VIEW_MAX_COLUMNS)
            {
              grid_end = end;
            }
          else
            {
              guint spare = (WICK_HEATMAP_VIEW_MAX_COLUMNS - (end - first)) / 2;

              grid_first = first > spare ? first - spare : 0;
              grid_end = MIN (grid_first + WICK_HEATMAP_VIEW_MAX_COLUMNS, n);
            }
          grid_first = grid_end - MIN (grid_end, WICK_HEATMAP_VIEW_MAX_COLUMNS);
        }
    }

  grid_price_range (viewport, &visible_low, &visible_high, &low, &high);
  bucket = options->bucket_size > 0 && isfinite (options->bucket_size)
             ? options->bucket_size
             : wick_heatmap_nice_bucket_size (visible_low, visible_high,
                                              WICK_HEATMAP_VIEW_AUTO_BUCKETS);
  if ((high - low) / bucket > WICK_HEATMAP_VIEW_MAX_BUCKETS)
    bucket = wick_heatmap_nice_bucket_size (low, high, WICK_HEATMAP_VIEW_MAX_BUCKETS);

  wick_heatmap_grid_spec_init_fixed (spec, grid_first, grid_end - grid_first, low, high, bucket);
  spec->sides = options->sides;
  spec->tiers = options->tiers;
}

/**
 * wick_heatmap_view_needs_rebin:
 * @have: the spec of the grid shown, its columns as candles of @series
 * @viewport: the view
 * @series: the candles
 * @options: the options now
 *
 * Returns: whether the view needs another grid: other options or bucket size, candles or
 *   prices in view that the grid does not hold, or a grid far larger than the view
 */
gboolean
wick_heatmap_view_needs_rebin (const WickHeatmapGridSpec *have,
                               WickViewport              *viewport,
                               WickSeries                *series,
                               const WickHeatmapOptions  *options)
{
  WickHeatmapGridSpec want;
  double visible_low, visible_high, low, high, have_high;
  guint first, end;

  g_return_val_if_fail (have != NULL, TRUE);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), TRUE);
  g_return_val_if_fail (WICK_IS_SERIES (series), TRUE);
  g_return_val_if_fail (options != NULL, TRUE);

  wick_heatmap_view_get_spec (viewport, series, options, &want);

  if (have->sides != want.sides || have->tiers != want.tiers ||
      have->bucket_size != want.bucket_size)
    return TRUE;

  if (visible_columns (viewport, series, &first, &end) &&
      (have->first_column != want.first_column || have->n_columns != want.n_columns) &&
      (first < have->first_column || end > have->first_column + have->n_columns ||
       have->n_columns > MAX_OVERSIZE * (end - first) + 4 * MIN_MARGIN_COLUMNS))
    return TRUE;

  grid_price_range (viewport, &visible_low, &visible_high, &low, &high);
  have_high = have->price_low + have->n_buckets * have->bucket_size;

  return (visible_low < have->price_low && have->price_low > 0) ||
         visible_high > have_high ||
         have_high - have->price_low > MAX_OVERSIZE * (high - low);
}

/**
 * wick_heatmap_view_get_model_first:
 * @spec: a grid, from wick_heatmap_view_get_spec()
 *
 * Returns: the first candle of a model for @spec and the grids of nearby views: a grid's width
 *   before @spec, and at least 2,048 candles
 */
guint
wick_heatmap_view_get_model_first (const WickHeatmapGridSpec *spec)
{
  guint margin;

  g_return_val_if_fail (spec != NULL, 0);

  margin = MAX (spec->n_columns, MIN_MODEL_MARGIN);

  return spec->first_column > margin ? spec->first_column - margin : 0;
}

/**
 * wick_heatmap_view_build_models:
 * @series: the candles, the last one forming
 * @open_interest: (nullable): their open interest
 * @liquidations: (nullable): their realised liquidations
 * @first: the first candle a grid of the models may show, below the length of @series
 * @base: (out) (transfer full): the model of every candle but the last
 * @model: (out) (transfer full): the model of every candle
 * @column_offset: (out): candle c is column c − @column_offset of both models
 * @error: return location for a #WICK_HEATMAP_ERROR
 *
 * The default model of the candles of @series, held from @first on as in
 * wick_heatmap_model_new_for_window(), so that grids of the latest candles of years of them
 * cost as little as those of a few days. @base is the one to extend when the forming candle
 * changes or closes (wick_heatmap_view_extend_models()). Thread-safe for inputs no other
 * thread changes meanwhile, such as copies.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_heatmap_view_build_models (WickSeries        *series,
                                WickOpenInterest  *open_interest,
                                WickLiquidations  *liquidations,
                                guint              first,
                                WickHeatmapModel **base,
                                WickHeatmapModel **model,
                                guint             *column_offset,
                                GError           **error)
{
  g_autoptr(WickHeatmapModel) closed = NULL;
  g_autoptr(WickHeatmapModel) all = NULL;
  guint n, first_column = 0;

  g_return_val_if_fail (WICK_IS_SERIES (series), FALSE);
  g_return_val_if_fail (base != NULL && model != NULL && column_offset != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = wick_series_get_length (series);
  first = n > 0 ? MIN (first, n - 1) : 0;

  closed = wick_heatmap_model_new_for_window (NULL, series, open_interest, liquidations, first,
                                              n > 0 ? n - 1 : 0, &first_column, error);
  if (closed == NULL)
    return FALSE;

  all = wick_heatmap_model_copy (closed);
  if (n > 0 &&
      !wick_heatmap_model_append_candles (all, series, open_interest, liquidations, n - 1, n,
                                          error))
    return FALSE;

  *base = g_steal_pointer (&closed);
  *model = g_steal_pointer (&all);
  *column_offset = first - first_column;

  return TRUE;
}

/**
 * wick_heatmap_view_extend_models:
 * @base: a model from wick_heatmap_view_build_models(), which no thread changes any more
 * @tail: the candles since: the one of @base's last column, the candles closed since, and the
 *   forming one last
 * @open_interest: (nullable): their open interest
 * @liquidations: (nullable): their realised liquidations
 * @new_base: (out) (transfer full): @base with the candles of @tail but the last
 * @model: (out) (transfer full): with the last one too
 * @error: return location for a #WICK_HEATMAP_ERROR
 *
 * Takes in the candles closed since @base, and the forming one, as a model of every candle
 * would: a live tick of the forming candle costs the copy of @base and one candle, however
 * long the market is. Thread-safe as wick_heatmap_view_build_models() is.
 *
 * Returns: %TRUE on success; %FALSE with %WICK_HEATMAP_ERROR_MISMATCH when @tail does not
 *   continue @base
 */
gboolean
wick_heatmap_view_extend_models (WickHeatmapModel  *base,
                                 WickSeries        *tail,
                                 WickOpenInterest  *open_interest,
                                 WickLiquidations  *liquidations,
                                 WickHeatmapModel **new_base,
                                 WickHeatmapModel **model,
                                 GError           **error)
{
  g_autoptr(WickHeatmapModel) closed = NULL;
  g_autoptr(WickHeatmapModel) all = NULL;
  guint n;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (base), FALSE);
  g_return_val_if_fail (WICK_IS_SERIES (tail), FALSE);
  g_return_val_if_fail (wick_series_get_length (tail) >= 2, FALSE);
  g_return_val_if_fail (new_base != NULL && model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = wick_series_get_length (tail);

  /* Only the forming candle changed: @base stays, and the append below checks that @tail
   * continues it. */
  if (n == 2)
    {
      closed = g_object_ref (base);
    }
  else
    {
      closed = wick_heatmap_model_copy (base);
      if (!wick_heatmap_model_append_candles (closed, tail, open_interest, liquidations, 1,
                                              n - 1, error))
        return FALSE;
    }

  all = wick_heatmap_model_copy (closed);
  if (!wick_heatmap_model_append_candles (all, tail, open_interest, liquidations, n - 1, n,
                                          error))
    return FALSE;

  *new_base = g_steal_pointer (&closed);
  *model = g_steal_pointer (&all);

  return TRUE;
}

/**
 * wick_heatmap_view_copy_open_interest:
 * @open_interest: (nullable): open interest
 * @from_ms: the open of the first candle a model takes in from the copy
 *
 * What a model needs of @open_interest for candles from @from_ms on: the points from then,
 * and the last valid one before, which tells where a gap keeps the last value.
 *
 * Returns: (transfer full) (nullable): the copy, or %NULL for %NULL
 */
WickOpenInterest *
wick_heatmap_view_copy_open_interest (WickOpenInterest *open_interest,
                                      gint64            from_ms)
{
  const WickOpenInterestPoint *p;
  WickOpenInterest *copy;
  guint n, first;

  g_return_val_if_fail (open_interest == NULL || WICK_IS_OPEN_INTEREST (open_interest), NULL);

  if (open_interest == NULL)
    return NULL;

  p = wick_open_interest_get_points (open_interest);
  n = wick_open_interest_get_length (open_interest);
  first = 0;
  while (first < n && p[first].time_ms < from_ms)
    first++;
  while (first > 0 &&
         !(p[first - 1].open_usd > 0 && isfinite (p[first - 1].open_usd) &&
           p[first - 1].close_usd > 0 && isfinite (p[first - 1].close_usd)))
    first--;
  if (first > 0)
    first--;

  copy = wick_open_interest_new (wick_open_interest_get_interval_ms (open_interest));
  wick_open_interest_set_points (copy, p + first, n - first, NULL);

  return copy;
}

/**
 * wick_heatmap_view_copy_liquidations:
 * @liquidations: (nullable): realised liquidations
 * @from_ms: the open of the first candle a model takes in from the copy
 *
 * Returns: (transfer full) (nullable): the buckets of @liquidations from @from_ms on, or
 *   %NULL for %NULL
 */
WickLiquidations *
wick_heatmap_view_copy_liquidations (WickLiquidations *liquidations,
                                     gint64            from_ms)
{
  const WickLiquidationBucket *b;
  WickLiquidations *copy;
  guint n, first;

  g_return_val_if_fail (liquidations == NULL || WICK_IS_LIQUIDATIONS (liquidations), NULL);

  if (liquidations == NULL)
    return NULL;

  b = wick_liquidations_get_buckets (liquidations);
  n = wick_liquidations_get_length (liquidations);
  first = 0;
  while (first < n && b[first].time_ms < from_ms)
    first++;

  copy = wick_liquidations_new (wick_liquidations_get_bucket_ms (liquidations));
  wick_liquidations_set_buckets (copy, b + first, n - first, NULL);

  return copy;
}

/**
 * wick_heatmap_view_build_image:
 * @model: the model, which no thread changes any more
 * @spec: the grid, from wick_heatmap_view_get_spec()
 * @interval_ms: the candles' interval
 * @options: the threshold
 * @error: return location for a #WICK_HEATMAP_ERROR
 *
 * Bins @model and colours the grid. Thread-safe.
 *
 * Returns: (transfer full) (nullable): the picture of the grid
 */
WickHeatmapImage *
wick_heatmap_view_build_image (WickHeatmapModel           *model,
                               const WickHeatmapGridSpec  *spec,
                               gint64                      interval_ms,
                               const WickHeatmapOptions   *options,
                               GError                    **error)
{
  g_autoptr(WickHeatmap) grid = NULL;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (model), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  grid = wick_heatmap_new (model, spec, error);
  if (grid == NULL)
    return NULL;

  return wick_heatmap_image_new (grid, model, MAX (interval_ms, 1),
                                 options->threshold_low, options->threshold_high);
}

/**
 * wick_heatmap_view_build:
 * @market: the market
 * @viewport: the view
 * @options: what to show
 * @error: return location for a #WICK_HEATMAP_ERROR
 *
 * The model, grid and picture for @viewport in one go, as an export needs them. The model
 * holds only the candles of the grid and what those before left alive
 * (wick_heatmap_model_new_for_window ()), so that the grid of the last days of years of
 * candles costs as little as that of a few days.
 *
 * Returns: (transfer full) (nullable): the picture
 */
WickHeatmapImage *
wick_heatmap_view_build (WickMarket                *market,
                         WickViewport              *viewport,
                         const WickHeatmapOptions  *options,
                         GError                   **error)
{
  g_autoptr(WickHeatmapModel) model = NULL;
  WickHeatmapConfig config;
  WickHeatmapGridSpec spec;
  WickSeries *series;
  guint first_column = 0;

  g_return_val_if_fail (WICK_IS_MARKET (market), NULL);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  series = wick_market_get_series (market);
  wick_heatmap_view_get_spec (viewport, series, options, &spec);
  wick_heatmap_config_init (&config);
  model = wick_heatmap_model_new_for_window (&config, series,
                                             wick_market_get_open_interest (market),
                                             wick_market_get_liquidations (market),
                                             spec.first_column,
                                             spec.first_column + spec.n_columns,
                                             &first_column, error);
  if (model == NULL)
    return NULL;

  spec.first_column = first_column;

  return wick_heatmap_view_build_image (model, &spec, wick_series_get_interval_ms (series),
                                        options, error);
}

/**
 * wick_heatmap_format_usd_into:
 * @buffer: (out caller-allocates): where the text goes
 * @size: room in @buffer
 * @usd: an amount
 *
 * Short US dollars for labels: "$0", "$850", "$12.5K", "$1M", "$120M", "$1.3B".
 *
 * Returns: the length written
 */
gsize
wick_heatmap_format_usd_into (char   *buffer,
                              gsize   size,
                              double  usd)
{
  static const struct
  {
    double      unit;
    const char *suffix;
  } units[] = {
    { 1e12, "T" },
    { 1e9, "B" },
    { 1e6, "M" },
    { 1e3, "K" },
  };
  double magnitude = fabs (usd);
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *sign = usd < 0 ? "-" : "";
  int written;

  g_return_val_if_fail (buffer != NULL && size > 0, 0);

  if (!isfinite (usd))
    return g_strlcpy (buffer, "–", size);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      double value = magnitude / units[i].unit;

      /* 999,950 is "$1M", not "$1000K". */
      if (magnitude >= units[i].unit * 0.99995)
        {
          /* One decimal below 100, dropped when it is zero: "$12.5K", "$1M". */
          guint decimals = value >= 99.95 || fmod (round (value * 10), 10) == 0 ? 0 : 1;

          wick_format_grouped_into (number, sizeof number, value, decimals);
          written = snprintf (buffer, size, "%s$%s%s", sign, number, units[i].suffix);
          return written > 0 ? MIN ((gsize) written, size - 1) : 0;
        }
    }

  wick_format_grouped_into (number, sizeof number, magnitude, 0);
  written = snprintf (buffer, size, "%s$%s", sign, number);
  return written > 0 ? MIN ((gsize) written, size - 1) : 0;
}
