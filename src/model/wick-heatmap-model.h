/* wick-heatmap-model.h: estimated liquidation levels of leveraged positions, candle by candle
 *
 * For each closed candle the model assumes that new positions were opened at the candle's
 * entry price, splits them over leverage tiers and sides, and places each share at its exact
 * liquidation price (Binance's isolated-margin formula, see
 * wick_heatmap_liquidation_price()). A later candle that trades through a level consumes it
 * (low ≤ long level, high ≥ short level) and the consumed USD is that candle's predicted
 * liquidations. Falling open interest closes the same fraction of every level.
 *
 * The model is bucket-free: it keeps every level's exact price and the columns it lived in.
 * A WickHeatmap (wick-heatmap.h) bins it into a time × price grid. Appending a candle costs
 * O(tiers + consumed levels), with a heap step of O(log alive candles) for each.
 *
 * Not thread-safe: use a model from one thread at a time, and hand a
 * wick_heatmap_model_copy() to a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-liquidations.h"
#include "wick-open-interest.h"
#include "wick-series.h"

G_BEGIN_DECLS

#define WICK_HEATMAP_ERROR (wick_heatmap_error_quark ())

typedef enum
{
  WICK_HEATMAP_ERROR_INVALID_CONFIG,
  WICK_HEATMAP_ERROR_INVALID_CANDLE,   /* not finite, not positive, or high below low … */
  WICK_HEATMAP_ERROR_OUT_OF_ORDER,     /* a candle not after the last one appended */
  WICK_HEATMAP_ERROR_INVALID_SPEC,     /* a grid outside the model's columns, no buckets … */
  WICK_HEATMAP_ERROR_MISMATCH,         /* series or grid that does not continue this model */
} WickHeatmapError;

/* How much was opened in a candle. */
typedef enum
{
  /* The rise of open interest over the candle; a fall closes that fraction of every level.
   * Candles without open interest fall back to volume. */
  WICK_HEATMAP_WEIGHTING_OPEN_INTEREST,
  /* The candle's volume in USD (volume × typical price); open interest is ignored. */
  WICK_HEATMAP_WEIGHTING_VOLUME,
} WickHeatmapWeighting;

/* Who opened it. */
typedef enum
{
  /* Longs get the taker-buy share of the volume when the input has it, otherwise as
   * WICK_HEATMAP_SIDE_SPLIT_DIRECTION. */
  WICK_HEATMAP_SIDE_SPLIT_TAKER,
  /* All long on a rising candle (close > open), all short on a falling one, half and half on
   * a doji. */
  WICK_HEATMAP_SIDE_SPLIT_DIRECTION,
} WickHeatmapSideSplit;

/* At what price. */
typedef enum
{
  WICK_HEATMAP_ENTRY_TYPICAL,   /* (high + low + close) / 3 */
  WICK_HEATMAP_ENTRY_CLOSE,
} WickHeatmapEntry;

/* What a fall of open interest (by ΔOI < 0) closes. */
typedef enum
{
  /* The fraction |ΔOI| / OI of every level: each open position is as likely to be closed. */
  WICK_HEATMAP_CLOSE_PROPORTIONAL,
  /* The fraction min (|ΔOI| / Σ levels, 1), as in the reference time-evolving model. */
  WICK_HEATMAP_CLOSE_MODELLED,
} WickHeatmapClose;

#define WICK_HEATMAP_MAX_TIERS 8

typedef struct
{
  double leverage;   /* above 1, and below 1 / maintenance margin rate */
  double weight;     /* not negative; the shares are the weights over their sum */
} WickHeatmapTier;

typedef struct
{
  WickHeatmapTier      tiers[WICK_HEATMAP_MAX_TIERS];
  guint                n_tiers;
  double               maintenance_margin_rate;   /* 0.004 = 0.4 % */
  WickHeatmapWeighting weighting;
  WickHeatmapSideSplit side_split;
  WickHeatmapEntry     entry;
  WickHeatmapClose     close;
  double               min_level_usd;   /* shares below this are not added; levels that fall
                                         * below it are dropped */
} WickHeatmapConfig;

/* One candle and what is known about it; the model copies it. */
typedef struct
{
  WickCandle candle;
  double     oi_open_usd;            /* open interest at the candle's open; NAN if unknown */
  double     oi_close_usd;           /* at its close; NAN if unknown */
  double     taker_buy_ratio;        /* taker-buy volume / volume in [0, 1]; NAN if unknown */
  double     long_liquidated_usd;    /* realised long liquidations; NAN if unknown */
  double     short_liquidated_usd;   /* realised short liquidations; NAN if unknown */
} WickHeatmapInput;

/* A level alive in one column. */
typedef struct
{
  double   price;           /* exact liquidation price */
  double   usd;             /* its size in that column */
  guint    opened_column;   /* the candle that opened it */
  guint    tier;            /* index into WickHeatmapConfig.tiers */
  WickSide side;
} WickHeatmapLevel;

/* Estimated USD per side and tier, such as the levels in one cell of the grid. */
typedef struct
{
  double usd[2][WICK_HEATMAP_MAX_TIERS];   /* [WickSide][tier] */
} WickHeatmapCell;

/* Running totals since the first candle, per WickSide. Up to rounding,
 * active = added − consumed − closed. */
typedef struct
{
  double added_usd[2];
  double consumed_usd[2];   /* predicted liquidations */
  double closed_usd[2];     /* removed by falling open interest, dropped as dust */
  double active_usd[2];     /* alive after the last candle */
} WickHeatmapTotals;

void     wick_heatmap_config_init       (WickHeatmapConfig        *config);
gboolean wick_heatmap_config_validate   (const WickHeatmapConfig  *config,
                                         GError                  **error);
double   wick_heatmap_liquidation_price (double                    entry_price,
                                         double                    leverage,
                                         double                    maintenance_margin_rate,
                                         WickSide                  side);
void     wick_heatmap_input_init        (WickHeatmapInput         *input,
                                         const WickCandle         *candle);
double   wick_heatmap_cell_get_total    (const WickHeatmapCell    *cell);

#define WICK_TYPE_HEATMAP_MODEL (wick_heatmap_model_get_type ())

G_DECLARE_FINAL_TYPE (WickHeatmapModel, wick_heatmap_model, WICK, HEATMAP_MODEL, GObject)

GQuark                   wick_heatmap_error_quark           (void);
WickHeatmapModel        *wick_heatmap_model_new             (const WickHeatmapConfig  *config,
                                                             GError                  **error);
WickHeatmapModel        *wick_heatmap_model_copy            (WickHeatmapModel         *self);
const WickHeatmapConfig *wick_heatmap_model_get_config      (WickHeatmapModel         *self);
guint                    wick_heatmap_model_get_n_columns   (WickHeatmapModel         *self);
gint64                   wick_heatmap_model_get_column_time (WickHeatmapModel         *self,
                                                             guint                     column);
gboolean                 wick_heatmap_model_append          (WickHeatmapModel         *self,
                                                             const WickHeatmapInput   *input,
                                                             GError                  **error);
gboolean                 wick_heatmap_model_append_market   (WickHeatmapModel         *self,
                                                             WickSeries               *series,
                                                             WickOpenInterest         *oi,
                                                             WickLiquidations         *liquidations,
                                                             guint                     end,
                                                             GError                  **error);
gboolean                 wick_heatmap_model_append_candles  (WickHeatmapModel         *self,
                                                             WickSeries               *series,
                                                             WickOpenInterest         *oi,
                                                             WickLiquidations         *liquidations,
                                                             guint                     start,
                                                             guint                     end,
                                                             GError                  **error);
WickHeatmapModel        *wick_heatmap_model_new_for_window  (const WickHeatmapConfig  *config,
                                                             WickSeries               *series,
                                                             WickOpenInterest         *oi,
                                                             WickLiquidations         *liquidations,
                                                             guint                     first,
                                                             guint                     end,
                                                             guint                    *first_column,
                                                             GError                  **error);
double                   wick_heatmap_model_get_predicted   (WickHeatmapModel         *self,
                                                             guint                     column,
                                                             WickSide                  side);
double                   wick_heatmap_model_get_realised    (WickHeatmapModel         *self,
                                                             guint                     column,
                                                             WickSide                  side);
void                     wick_heatmap_model_get_totals      (WickHeatmapModel         *self,
                                                             WickHeatmapTotals        *totals);
gboolean                 wick_heatmap_model_get_price_range (WickHeatmapModel         *self,
                                                             guint                     first,
                                                             guint                     end,
                                                             double                   *low,
                                                             double                   *high);
GArray                  *wick_heatmap_model_dup_levels      (WickHeatmapModel         *self,
                                                             guint                     column,
                                                             double                    price_low,
                                                             double                    price_high);
void                     wick_heatmap_model_sum_levels      (WickHeatmapModel         *self,
                                                             guint                     column,
                                                             double                    price_low,
                                                             double                    price_high,
                                                             WickHeatmapCell          *cell);

G_END_DECLS
