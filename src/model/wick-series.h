/* wick-series.h: an ordered, validated run of OHLCV candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-types.h"

G_BEGIN_DECLS

#define WICK_SERIES_ERROR (wick_series_error_quark ())

typedef enum
{
  WICK_SERIES_ERROR_NOT_FINITE,
  WICK_SERIES_ERROR_NOT_POSITIVE,
  WICK_SERIES_ERROR_BAD_RANGE,      /* low above open/close, or high below them */
  WICK_SERIES_ERROR_OUT_OF_ORDER,
  WICK_SERIES_ERROR_DUPLICATE,
} WickSeriesError;

/* Plain data: one candle, 48 bytes, stored contiguously in WickSeries. */
struct _WickCandle
{
  gint64 open_time_ms;
  double open;
  double high;
  double low;
  double close;
  double volume;
};

#define WICK_TYPE_SERIES (wick_series_get_type ())

G_DECLARE_FINAL_TYPE (WickSeries, wick_series, WICK, SERIES, GObject)

GQuark            wick_series_error_quark     (void);
gboolean          wick_candle_validate        (const WickCandle  *candle,
                                               GError           **error);
WickSeries       *wick_series_new             (gint64             interval_ms);
gint64            wick_series_get_interval_ms (WickSeries        *self);
guint             wick_series_get_length      (WickSeries        *self);
const WickCandle *wick_series_get_candles     (WickSeries        *self);
const WickCandle *wick_series_get_candle      (WickSeries        *self,
                                               guint              index);
const WickCandle *wick_series_get_last        (WickSeries        *self);
gboolean          wick_series_append          (WickSeries        *self,
                                               const WickCandle  *candles,
                                               guint              n_candles,
                                               GError           **error);
gboolean          wick_series_replace         (WickSeries        *self,
                                               const WickCandle  *candles,
                                               guint              n_candles,
                                               GError           **error);
gboolean          wick_series_upsert_last     (WickSeries        *self,
                                               const WickCandle  *candle,
                                               GError           **error);
guint             wick_series_lower_bound     (WickSeries        *self,
                                               gint64             time_ms);
gboolean          wick_series_find            (WickSeries        *self,
                                               gint64             time_ms,
                                               guint             *index);
void              wick_series_get_price_range (WickSeries        *self,
                                               guint              first,
                                               guint              end,
                                               double            *low,
                                               double            *high);
double            wick_series_get_max_volume  (WickSeries        *self,
                                               guint              first,
                                               guint              end);
WickSeries       *wick_series_copy            (WickSeries        *self);

G_END_DECLS
