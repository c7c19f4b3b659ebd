/* wick-heatmap-levels.c: questions about a heatmap model's levels and candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap-model.h"

#include "wick-heatmap-private.h"

#include <math.h>
#include <string.h>

/**
 * wick_heatmap_model_get_predicted:
 * @self: a #WickHeatmapModel
 * @column: a column
 * @side: long or short
 *
 * Returns: the USD of the @side levels that the candle of @column consumed: its predicted
 *   liquidations
 */
double
wick_heatmap_model_get_predicted (WickHeatmapModel *self,
                                  guint             column,
                                  WickSide          side)
{
  WickHeatTables t;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), 0.0);
  g_return_val_if_fail (side == WICK_SIDE_LONG || side == WICK_SIDE_SHORT, 0.0);

  _wick_heatmap_model_get_tables (self, &t);
  g_return_val_if_fail (column < t.n_columns, 0.0);

  return t.columns[column].predicted[side];
}

/**
 * wick_heatmap_model_get_realised:
 * @self: a #WickHeatmapModel
 * @column: a column
 * @side: long or short
 *
 * Returns: the realised @side liquidations of the candle of @column in USD, or NAN when
 *   unknown
 */
double
wick_heatmap_model_get_realised (WickHeatmapModel *self,
                                 guint             column,
                                 WickSide          side)
{
  WickHeatTables t;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), NAN);
  g_return_val_if_fail (side == WICK_SIDE_LONG || side == WICK_SIDE_SHORT, NAN);

  _wick_heatmap_model_get_tables (self, &t);
  g_return_val_if_fail (column < t.n_columns, NAN);

  return t.columns[column].realised[side];
}

/**
 * wick_heatmap_model_get_price_range:
 * @self: a #WickHeatmapModel
 * @first: first column
 * @end: end column (exclusive), at most wick_heatmap_model_get_n_columns()
 * @low: (out): lowest level price
 * @high: (out): highest level price
 *
 * The prices of the levels alive in any of the columns [@first, @end), for a grid that shows
 * all of them.
 *
 * Returns: %FALSE when no level is alive there
 */
gboolean
wick_heatmap_model_get_price_range (WickHeatmapModel *self,
                                    guint             first,
                                    guint             end,
                                    double           *low,
                                    double           *high)
{
  WickHeatTables t;
  double lo = G_MAXDOUBLE;
  double hi = -G_MAXDOUBLE;
  guint n;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), FALSE);
  g_return_val_if_fail (end <= wick_heatmap_model_get_n_columns (self), FALSE);
  g_return_val_if_fail (low != NULL && high != NULL, FALSE);

  *low = *high = 0.0;
  if (first >= end)
    return FALSE;

  _wick_heatmap_model_get_tables (self, &t);
  n = t.columns[end - 1].level_end;

  for (guint i = 0; i < n; i++)
    {
      const WickHeatLevel *l = &t.levels[i];

      if (l->end > first)
        {
          lo = MIN (lo, l->price);
          hi = MAX (hi, l->price);
        }
    }

  if (lo > hi)
    return FALSE;

  *low = lo;
  *high = hi;

  return TRUE;
}

/**
 * wick_heatmap_model_dup_levels:
 * @self: a #WickHeatmapModel
 * @column: a column
 * @price_low: lowest price, inclusive
 * @price_high: highest price, exclusive
 *
 * Lists the levels alive after the candle of @column whose price is in [@price_low,
 * @price_high), with their size in that column. Scans every level born so far: meant for
 * tooltips and tests, not for drawing.
 *
 * Returns: (transfer full) (element-type WickHeatmapLevel): the levels, in the order they
 *   were opened
 */
GArray *
wick_heatmap_model_dup_levels (WickHeatmapModel *self,
                               guint             column,
                               double            price_low,
                               double            price_high)
{
  const WickHeatColumn *col;
  WickHeatTables t;
  GArray *result;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), NULL);
  g_return_val_if_fail (column < wick_heatmap_model_get_n_columns (self), NULL);

  result = g_array_new (FALSE, FALSE, sizeof (WickHeatmapLevel));
  _wick_heatmap_model_get_tables (self, &t);
  col = &t.columns[column];

  for (guint i = 0; i < col->level_end; i++)
    {
      const WickHeatLevel *l = &t.levels[i];

      if (l->end > column && l->price >= price_low && l->price < price_high)
        {
          WickHeatmapLevel level = {
            l->price, l->raw * col->scale, l->origin, l->tier, l->side,
          };

          g_array_append_val (result, level);
        }
    }

  return result;
}

/**
 * wick_heatmap_model_sum_levels:
 * @self: a #WickHeatmapModel
 * @column: a column
 * @price_low: lowest price, inclusive
 * @price_high: highest price, exclusive
 * @cell: (out caller-allocates): the USD per side and tier
 *
 * Adds up the levels that wick_heatmap_model_dup_levels() lists, such as those of one cell of
 * a grid for its tooltip.
 */
void
wick_heatmap_model_sum_levels (WickHeatmapModel *self,
                               guint             column,
                               double            price_low,
                               double            price_high,
                               WickHeatmapCell  *cell)
{
  const WickHeatColumn *col;
  WickHeatTables t;

  g_return_if_fail (WICK_IS_HEATMAP_MODEL (self));
  g_return_if_fail (column < wick_heatmap_model_get_n_columns (self));
  g_return_if_fail (cell != NULL);

  memset (cell, 0, sizeof *cell);
  _wick_heatmap_model_get_tables (self, &t);
  col = &t.columns[column];

  for (guint i = 0; i < col->level_end; i++)
    {
      const WickHeatLevel *l = &t.levels[i];

      if (l->end > column && l->price >= price_low && l->price < price_high)
        cell->usd[l->side][l->tier] += l->raw * col->scale;
    }
}
