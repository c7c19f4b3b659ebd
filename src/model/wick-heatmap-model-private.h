/* wick-heatmap-model-private.h: the liquidation-level model's state, shared by its files
 *
 * wick-heatmap-model.c holds the type and its queries, wick-heatmap-model-append.c runs one
 * candle, and wick-heatmap-model-seed.c stands one column for many candles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-heatmap-model.h"

#include "wick-heatmap-heap-private.h"
#include "wick-heatmap-private.h"

G_BEGIN_DECLS

/* Heaps of alive levels. The levels that one candle opens on one side are stored together,
 * nearest to the entry first (highest leverage first), and are consumed in that order: the
 * side heaps hold one entry per such group, keyed by its next level. */
enum {
  HEAP_LONGS,    /* groups of longs, highest price on top (key −price) */
  HEAP_SHORTS,   /* groups of shorts, lowest price on top (key price) */
  HEAP_RAW,      /* every alive level, smallest raw size on top (key raw) */
  N_HEAPS
};

/* Growable arrays that the hot path appends to without a call */
typedef struct
{
  WickHeatLevel  *data;   /* Owned */
  guint           len;
  guint           size;
} LevelArray;

typedef struct
{
  WickHeatColumn *data;   /* Owned */
  guint           len;
  guint           size;
} ColumnArray;

typedef struct
{
  guint32        *data;   /* Owned */
  guint           len;
  guint           size;
} IndexArray;

struct _WickHeatmapModel
{
  GObject            parent_instance;

  WickHeatmapConfig  config;
  double             shares[WICK_HEATMAP_MAX_TIERS];       /* tier weights over their sum */
  guint              tier_order[WICK_HEATMAP_MAX_TIERS];   /* highest leverage first */
  LevelArray         levels;          /* in birth order */
  ColumnArray        columns;         /* one per candle */
  IndexArray         deaths;          /* level indices, grouped by the column they ended in */
  WickHeatHeap       heaps[N_HEAPS];
  guint              n_lazy[2];       /* levels ended outside consume (), per WickSide */
  guint              n_alive[2];      /* per WickSide */
  double             alive_raw[2];    /* Σ raw of the alive levels, per WickSide */
  double             scale;           /* USD of a level = raw × scale */
  WickHeatmapTotals  totals;          /* active_usd is filled in on request */
};

/* Makes room for @needed elements of @element_size at *@data, which holds *@size. */
static inline void
_wick_heatmap_reserve (gpointer *data,
                       guint    *size,
                       guint     needed,
                       gsize     element_size)
{
  if (needed <= *size)
    return;

  *size = MAX (needed, MAX (64, 2 * *size));
  *data = g_realloc_n (*data, *size, element_size);
}

#define RESERVE(array, needed) \
  _wick_heatmap_reserve ((gpointer *) &(array).data, &(array).size, (needed), \
                         sizeof *(array).data)

static inline WickHeatLevel *
get_level (WickHeatmapModel *self,
           guint32           index)
{
  return &self->levels.data[index];
}

static inline double
side_key (WickSide side,
          double   price)
{
  return side == WICK_SIDE_LONG ? -price : price;
}

/* Adds a level; the caller puts it in a group with push_group (). */
static inline void
add_level (WickHeatmapModel *self,
           double            price,
           double            raw,
           guint32           column,
           guint32           origin,
           WickSide          side,
           guint             tier)
{
  WickHeatLevel level = { price, raw, column, WICK_HEAT_ALIVE, origin, side, tier };
  guint32 index = self->levels.len;

  RESERVE (self->levels, index + 1);
  self->levels.data[self->levels.len++] = level;
  _wick_heat_heap_push (&self->heaps[HEAP_RAW], raw, index, index + 1);
  self->n_alive[side]++;
  self->alive_raw[side] += raw;
}

/* Makes the levels [@start, @end), all of one side and nearest to the entry first, a group. */
static inline void
push_group (WickHeatmapModel *self,
            WickSide          side,
            guint32           start,
            guint32           end)
{
  if (start < end)
    _wick_heat_heap_push (&self->heaps[side == WICK_SIDE_LONG ? HEAP_LONGS : HEAP_SHORTS],
                          side_key (side, get_level (self, start)->price), start, end);
}

/* A level a candle opens: its side, tier, price and USD. */
typedef struct
{
  double price;
  double usd;
  guint  side;
  guint  tier;
} Opening;

guint _wick_heatmap_model_plan_openings (WickHeatmapModel       *self,
                                         const WickHeatmapInput *input,
                                         double                  usd,
                                         Opening                *openings);

G_END_DECLS
