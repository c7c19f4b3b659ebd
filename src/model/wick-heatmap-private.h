/* wick-heatmap-private.h: the liquidation-level model's tables, read by the grid binning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-heatmap.h"

G_BEGIN_DECLS

/* end of a level that is still alive */
#define WICK_HEAT_ALIVE G_MAXUINT32

/* One level over a run of columns in which its raw size is constant: its USD in column j is
 * raw × the column's scale. Levels are stored in the order they are born; those that one
 * candle opens on one side are consecutive, nearest to the entry first. When the scale is
 * renormalised, every alive level ends and continues as a new entry with the same origin. */
typedef struct
{
  double  price;    /* exact liquidation price */
  double  raw;      /* USD divided by the model scale at birth */
  guint32 birth;    /* first column it is alive in */
  guint32 end;      /* first column it is no longer alive in, or WICK_HEAT_ALIVE */
  guint32 origin;   /* column of the candle that opened it */
  guint8  side;     /* WickSide */
  guint8  tier;
} WickHeatLevel;

/* What the model keeps of each candle. */
typedef struct
{
  gint64  time_ms;
  double  low;
  double  high;
  double  scale;          /* model scale after the candle */
  double  predicted[2];   /* USD consumed by the candle, per WickSide */
  double  realised[2];    /* realised liquidations, NAN when unknown */
  guint32 level_end;      /* levels born up to this column are [0, level_end) */
  guint32 death_end;      /* levels ended up to this column are deaths[0, death_end) */
} WickHeatColumn;

/* Borrowed views of the model's tables, valid until the model changes. */
typedef struct
{
  const WickHeatLevel  *levels;
  guint                 n_levels;
  const WickHeatColumn *columns;
  guint                 n_columns;
  const guint32        *deaths;     /* level indices, grouped by the column they ended in */
  guint                 n_deaths;
} WickHeatTables;

void _wick_heatmap_model_get_tables (WickHeatmapModel *self,
                                     WickHeatTables   *tables);
/* Makes room for @n_candles more candles and their levels. */
void _wick_heatmap_model_reserve    (WickHeatmapModel *self,
                                     guint             n_candles);
/* Column 0 of an empty model: the levels @candles leave alive, when weighted by volume. */
void _wick_heatmap_model_seed       (WickHeatmapModel *self,
                                     const WickCandle *candles,
                                     guint             n_candles);

G_END_DECLS
