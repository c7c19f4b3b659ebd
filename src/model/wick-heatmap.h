/* wick-heatmap.h: the liquidation heatmap, a time × price grid of estimated USD
 *
 * A WickHeatmap is binned from a WickHeatmapModel for one grid specification: a run of
 * columns (one per candle, the levels alive after that candle), a run of equal price buckets,
 * and the sides and tiers to include. It is immutable: build it on a worker thread and read
 * it anywhere. When the model gains candles, wick_heatmap_extend() makes the grid with the
 * new columns in O(buckets + tiers + consumed levels), sharing the old columns.
 *
 * Cells are in USD. Bucket 0 is the lowest price; a column's buckets are contiguous floats.
 * The realised liquidations of each candle sit at its low (longs) and high (shorts). The sides
 * and tiers are chosen when binning: another choice is another grid, and the split of one
 * cell by side and tier comes from wick_heatmap_model_sum_levels().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-heatmap-model.h"

G_BEGIN_DECLS

/* Masks of WickHeatmapGridSpec.sides and .tiers */
#define WICK_HEATMAP_LONGS      (1u << WICK_SIDE_LONG)
#define WICK_HEATMAP_SHORTS     (1u << WICK_SIDE_SHORT)
#define WICK_HEATMAP_BOTH_SIDES (WICK_HEATMAP_LONGS | WICK_HEATMAP_SHORTS)
#define WICK_HEATMAP_ALL_TIERS  ((1u << WICK_HEATMAP_MAX_TIERS) - 1)

#define WICK_HEATMAP_DEFAULT_BUCKETS 400
#define WICK_HEATMAP_MAX_BUCKETS     100000

typedef struct
{
  guint  first_column;   /* model column (= series index) of the grid's column 0 */
  guint  n_columns;
  double price_low;      /* lower edge of bucket 0; bucket i is [low + i·size, low + (i+1)·size) */
  double bucket_size;
  guint  n_buckets;
  guint  sides;          /* WICK_HEATMAP_LONGS, WICK_HEATMAP_SHORTS or both */
  guint  tiers;          /* bit i includes WickHeatmapConfig.tiers[i] */
} WickHeatmapGridSpec;

/* A candle's realised liquidations on one side, placed on the candle. */
typedef struct
{
  gint64   time_ms;   /* the candle's open time */
  double   price;     /* its low for longs, its high for shorts */
  double   usd;
  WickSide side;
} WickHeatmapBubble;

void   wick_heatmap_grid_spec_init_auto  (WickHeatmapGridSpec *spec,
                                          guint                first_column,
                                          guint                n_columns,
                                          double               price_low,
                                          double               price_high,
                                          guint                n_buckets);
void   wick_heatmap_grid_spec_init_fixed (WickHeatmapGridSpec *spec,
                                          guint                first_column,
                                          guint                n_columns,
                                          double               price_low,
                                          double               price_high,
                                          double               bucket_size);
double wick_heatmap_nice_bucket_size     (double               price_low,
                                          double               price_high,
                                          guint                n_buckets);

#define WICK_TYPE_HEATMAP (wick_heatmap_get_type ())

G_DECLARE_FINAL_TYPE (WickHeatmap, wick_heatmap, WICK, HEATMAP, GObject)

WickHeatmap               *wick_heatmap_new                   (WickHeatmapModel           *model,
                                                               const WickHeatmapGridSpec  *spec,
                                                               GError                    **error);
WickHeatmap               *wick_heatmap_extend                (WickHeatmap                *self,
                                                               WickHeatmapModel           *model,
                                                               GError                    **error);
const WickHeatmapGridSpec *wick_heatmap_get_spec              (WickHeatmap                *self);
const WickHeatmapConfig   *wick_heatmap_get_config            (WickHeatmap                *self);
guint                      wick_heatmap_get_n_columns         (WickHeatmap                *self);
guint                      wick_heatmap_get_n_buckets         (WickHeatmap                *self);
double                     wick_heatmap_get_bucket_price      (WickHeatmap                *self,
                                                               guint                       bucket);
gboolean                   wick_heatmap_find_bucket           (WickHeatmap                *self,
                                                               double                      price,
                                                               guint                      *bucket);
gint64                     wick_heatmap_get_column_time       (WickHeatmap                *self,
                                                               guint                       column);
const float               *wick_heatmap_get_column            (WickHeatmap                *self,
                                                               guint                       column);
double                     wick_heatmap_get_value             (WickHeatmap                *self,
                                                               guint                       column,
                                                               guint                       bucket);
double                     wick_heatmap_get_column_max        (WickHeatmap                *self,
                                                               guint                       column);
double                     wick_heatmap_get_max_value         (WickHeatmap                *self);
double                     wick_heatmap_get_max_value_between (WickHeatmap                *self,
                                                               guint                       first,
                                                               guint                       end);
double                     wick_heatmap_get_predicted         (WickHeatmap                *self,
                                                               guint                       column,
                                                               WickSide                    side);
gboolean                   wick_heatmap_get_bubble            (WickHeatmap                *self,
                                                               guint                       column,
                                                               WickSide                    side,
                                                               WickHeatmapBubble          *bubble);
double                     wick_heatmap_get_max_bubble_usd    (WickHeatmap                *self);

G_END_DECLS
