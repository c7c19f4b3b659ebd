/* wick-heatmap-market.c: feeding a heatmap model a market's candles, open interest, liquidations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap-model.h"

#include "wick-heatmap-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Open interest over successive candles: each point counts in the candle its time falls in. */
typedef struct
{
  const WickOpenInterestPoint *points;
  guint                        n_points;
  guint                        next;         /* first point not read yet */
  double                       last_known;   /* close of the last valid point read, or NAN */
  gint64                       first_ms;     /* times of the first and last valid points */
  gint64                       last_ms;
} OpenInterestCursor;

static inline gboolean
is_valid_point (const WickOpenInterestPoint *p)
{
  return p->open_usd > 0.0 && isfinite (p->open_usd) &&
         p->close_usd > 0.0 && isfinite (p->close_usd);
}

/* The index of the first of @n records (each starting with a gint64 time) at or after
 * @time_ms. */
static guint
lower_bound_time (gconstpointer base,
                  guint         n,
                  gsize         stride,
                  gint64        time_ms)
{
  guint lo = 0;
  guint hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 t = *(const gint64 *)(gconstpointer)((const guint8 *) base + mid * stride);

      if (t < time_ms)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
open_interest_cursor_init (OpenInterestCursor *cursor,
                           WickOpenInterest   *open_interest,
                           gint64              start_ms)
{
  const WickOpenInterestPoint *p;
  guint n;
  guint first = 0;
  guint last;

  memset (cursor, 0, sizeof *cursor);
  cursor->last_known = NAN;

  if (open_interest == NULL)
    return;

  p = wick_open_interest_get_points (open_interest);
  n = wick_open_interest_get_length (open_interest);

  while (first < n && !is_valid_point (&p[first]))
    first++;
  if (first == n)
    return;

  last = n - 1;
  while (!is_valid_point (&p[last]))
    last--;

  cursor->points = p;
  cursor->n_points = n;
  cursor->first_ms = p[first].time_ms;
  cursor->last_ms = p[last].time_ms;
  cursor->next = lower_bound_time (p, n, sizeof *p, start_ms);

  for (guint i = cursor->next; i-- > 0;)
    {
      if (is_valid_point (&p[i]))
        {
          cursor->last_known = p[i].close_usd;
          break;
        }
    }
}

/* Sets the open interest of the candle [@from_ms, @to_ms): the open of its first valid point
 * and the close of its last. A candle inside the history without a valid point (a gap, or a
 * zero) keeps the last known value: nothing opened, nothing closed. Outside the history it
 * stays unknown. */
static void
open_interest_cursor_fill (OpenInterestCursor *cursor,
                           gint64              from_ms,
                           gint64              to_ms,
                           WickHeatmapInput   *input)
{
  const WickOpenInterestPoint *p = cursor->points;
  double open = NAN;
  double close = NAN;

  for (; cursor->next < cursor->n_points && p[cursor->next].time_ms < to_ms; cursor->next++)
    {
      const WickOpenInterestPoint *point = &p[cursor->next];

      if (!is_valid_point (point))
        continue;

      if (point->time_ms >= from_ms)
        {
          if (isnan (open))
            open = point->open_usd;
          close = point->close_usd;
        }
      cursor->last_known = point->close_usd;
    }

  if (!isnan (open))
    {
      input->oi_open_usd = open;
      input->oi_close_usd = close;
    }
  else if (p != NULL && from_ms >= cursor->first_ms && from_ms <= cursor->last_ms &&
           isfinite (cursor->last_known))
    {
      input->oi_open_usd = cursor->last_known;
      input->oi_close_usd = cursor->last_known;
    }
}

/* Sets the realised liquidations of the candle [@from_ms, @to_ms) from the buckets starting in
 * it; without any they stay unknown. */
static void
fill_liquidations (const WickLiquidationBucket *buckets,
                   guint                        n_buckets,
                   guint                       *next,
                   gint64                       from_ms,
                   gint64                       to_ms,
                   WickHeatmapInput            *input)
{
  double long_usd = 0.0;
  double short_usd = 0.0;
  gboolean any = FALSE;

  while (*next < n_buckets && buckets[*next].time_ms < from_ms)
    (*next)++;

  for (; *next < n_buckets && buckets[*next].time_ms < to_ms; (*next)++)
    {
      long_usd += buckets[*next].long_usd;
      short_usd += buckets[*next].short_usd;
      any = TRUE;
    }

  if (any)
    {
      input->long_liquidated_usd = long_usd;
      input->short_liquidated_usd = short_usd;
    }
}

static gboolean append_candles (WickHeatmapModel  *self,
                                WickSeries        *series,
                                WickOpenInterest  *oi,
                                WickLiquidations  *liquidations,
                                guint              start,
                                guint              end,
                                GError           **error);

/**
 * wick_heatmap_model_append_market:
 * @self: a #WickHeatmapModel
 * @series: the candles; the model's columns are its first candles
 * @oi: (nullable): open interest, if known
 * @liquidations: (nullable): realised liquidations, if known
 * @end: append the candles of @series from wick_heatmap_model_get_n_columns() up to this
 *   index (exclusive): the closed ones
 * @error: return location for a %WICK_HEATMAP_ERROR
 *
 * Appends the closed candles of @series that the model does not have yet, with the open
 * interest and realised liquidations of each. Both are matched by time: the points and buckets
 * starting inside a candle's interval belong to it. A candle without open interest inside the
 * open-interest history (a gap, or a zero value) opens and closes nothing; before or after
 * that history it falls back to volume.
 *
 * Returns: %TRUE on success; %FALSE with %WICK_HEATMAP_ERROR_MISMATCH when @series does not
 *   continue the model's candles
 */
gboolean
wick_heatmap_model_append_market (WickHeatmapModel  *self,
                                  WickSeries        *series,
                                  WickOpenInterest  *oi,
                                  WickLiquidations  *liquidations,
                                  guint              end,
                                  GError           **error)
{
  const WickCandle *candles;
  guint start;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), FALSE);
  g_return_val_if_fail (WICK_IS_SERIES (series), FALSE);
  g_return_val_if_fail (oi == NULL || WICK_IS_OPEN_INTEREST (oi), FALSE);
  g_return_val_if_fail (liquidations == NULL || WICK_IS_LIQUIDATIONS (liquidations), FALSE);
  g_return_val_if_fail (end <= wick_series_get_length (series), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  candles = wick_series_get_candles (series);
  start = wick_heatmap_model_get_n_columns (self);

  if (start > 0 &&
      (start > wick_series_get_length (series) ||
       candles[start - 1].open_time_ms != wick_heatmap_model_get_column_time (self, start - 1)))
    {
      g_set_error_literal (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_MISMATCH,
                           _("The candles do not continue the heatmap’s candles"));
      return FALSE;
    }

  return append_candles (self, series, oi, liquidations, start, end, error);
}

/**
 * wick_heatmap_model_append_candles:
 * @self: a #WickHeatmapModel
 * @series: candles; when @self has columns, candle @start − 1 is its last one
 * @oi: (nullable): open interest, if known
 * @liquidations: (nullable): realised liquidations, if known
 * @start: the first candle of @series to append
 * @end: the candle after the last one to append; at most the length of @series
 * @error: return location for a %WICK_HEATMAP_ERROR
 *
 * As wick_heatmap_model_append_market(), for a model whose columns are not the first
 * candles of @series: one of wick_heatmap_model_new_for_window(), or @series only the latest
 * candles of a market. The candle before @start must have the time of the model's last column.
 *
 * Returns: %TRUE on success; %FALSE with %WICK_HEATMAP_ERROR_MISMATCH when @series does not
 *   continue the model's candles
 */
gboolean
wick_heatmap_model_append_candles (WickHeatmapModel  *self,
                                   WickSeries        *series,
                                   WickOpenInterest  *oi,
                                   WickLiquidations  *liquidations,
                                   guint              start,
                                   guint              end,
                                   GError           **error)
{
  guint n_columns;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), FALSE);
  g_return_val_if_fail (WICK_IS_SERIES (series), FALSE);
  g_return_val_if_fail (oi == NULL || WICK_IS_OPEN_INTEREST (oi), FALSE);
  g_return_val_if_fail (liquidations == NULL || WICK_IS_LIQUIDATIONS (liquidations), FALSE);
  g_return_val_if_fail (start <= end && end <= wick_series_get_length (series), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_columns = wick_heatmap_model_get_n_columns (self);
  if (n_columns > 0 &&
      (start == 0 ||
       wick_series_get_candles (series)[start - 1].open_time_ms !=
         wick_heatmap_model_get_column_time (self, n_columns - 1)))
    {
      g_set_error_literal (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_MISMATCH,
                           _("The candles do not continue the heatmap’s candles"));
      return FALSE;
    }

  return append_candles (self, series, oi, liquidations, start, end, error);
}

/* Appends candles [@start, @end) of @series. */
static gboolean
append_candles (WickHeatmapModel  *self,
                WickSeries        *series,
                WickOpenInterest  *oi,
                WickLiquidations  *liquidations,
                guint              start,
                guint              end,
                GError           **error)
{
  const WickCandle *candles = wick_series_get_candles (series);
  const WickLiquidationBucket *buckets = NULL;
  OpenInterestCursor cursor;
  guint n_buckets = 0;
  guint next_bucket = 0;
  gint64 interval_ms;

  if (end <= start)
    return TRUE;

  interval_ms = wick_series_get_interval_ms (series);
  _wick_heatmap_model_reserve (self, end - start);
  open_interest_cursor_init (&cursor, oi, candles[start].open_time_ms);

  if (liquidations != NULL)
    {
      buckets = wick_liquidations_get_buckets (liquidations);
      n_buckets = wick_liquidations_get_length (liquidations);
      next_bucket = lower_bound_time (buckets, n_buckets, sizeof *buckets,
                                      candles[start].open_time_ms);
    }

  for (guint i = start; i < end; i++)
    {
      gint64 from_ms = candles[i].open_time_ms;
      gint64 to_ms = from_ms + interval_ms;
      WickHeatmapInput input;

      wick_heatmap_input_init (&input, &candles[i]);
      open_interest_cursor_fill (&cursor, from_ms, to_ms, &input);
      fill_liquidations (buckets, n_buckets, &next_bucket, from_ms, to_ms, &input);

      if (!wick_heatmap_model_append (self, &input, error))
        return FALSE;
    }

  return TRUE;
}

/* The first candle of @series whose interval holds or follows the first valid point of @oi:
 * the candles before it have no open interest, and fall back to volume. */
static guint
first_open_interest_candle (WickSeries       *series,
                            WickOpenInterest *oi)
{
  const WickOpenInterestPoint *p;
  guint n;

  if (oi == NULL)
    return wick_series_get_length (series);

  p = wick_open_interest_get_points (oi);
  n = wick_open_interest_get_length (oi);
  for (guint i = 0; i < n; i++)
    {
      if (is_valid_point (&p[i]))
        return wick_series_lower_bound (series, p[i].time_ms -
                                                wick_series_get_interval_ms (series) + 1);
    }

  return wick_series_get_length (series);
}

/**
 * wick_heatmap_model_new_for_window:
 * @config: (nullable): the configuration, or %NULL for wick_heatmap_config_init()'s
 * @series: the candles
 * @oi: (nullable): open interest, if known
 * @liquidations: (nullable): realised liquidations, if known
 * @first: the first candle a grid of the model will show
 * @end: the candle after the last one; at most the length of @series
 * @first_column: (out): the model's column of candle @first
 * @error: return location for a #WICK_HEATMAP_ERROR
 *
 * A model for grids of the candles [@first, @end) only, as an export draws one. Before the
 * first candle with open interest (whose falls close part of every level) levels only end when
 * a candle reaches them, so the levels alive before @first, or before that candle when it
 * comes earlier, are worked out in one pass and held in column 0, and the candles after follow
 * as columns 1, 2 …: the grids are those a model of every candle gives, to the rounding of
 * sums where levels at the very same price end in one candle. When open interest is known
 * from the first candle, it is a model of the candles up to @end, and the columns are the
 * candles.
 *
 * Returns: (transfer full) (nullable): the model
 */
WickHeatmapModel *
wick_heatmap_model_new_for_window (const WickHeatmapConfig  *config,
                                   WickSeries               *series,
                                   WickOpenInterest         *oi,
                                   WickLiquidations         *liquidations,
                                   guint                     first,
                                   guint                     end,
                                   guint                    *first_column,
                                   GError                  **error)
{
  g_autoptr(WickHeatmapModel) model = NULL;
  guint seed_end;

  g_return_val_if_fail (WICK_IS_SERIES (series), NULL);
  g_return_val_if_fail (oi == NULL || WICK_IS_OPEN_INTEREST (oi), NULL);
  g_return_val_if_fail (liquidations == NULL || WICK_IS_LIQUIDATIONS (liquidations), NULL);
  g_return_val_if_fail (first <= end && end <= wick_series_get_length (series), NULL);
  g_return_val_if_fail (first_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(model = wick_heatmap_model_new (config, error)))
    return NULL;

  seed_end = MIN (first, first_open_interest_candle (series, oi));
  if (seed_end == 0)
    {
      *first_column = first;
      if (!append_candles (model, series, oi, liquidations, 0, end, error))
        return NULL;
      return g_steal_pointer (&model);
    }

  _wick_heatmap_model_seed (model, wick_series_get_candles (series), seed_end);
  *first_column = first - seed_end + 1;
  if (!append_candles (model, series, oi, liquidations, seed_end, end, error))
    return NULL;

  return g_steal_pointer (&model);
}
