/* wick-model-private.h: internals shared by the model's own units (not for other layers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>

#include "wick-liquidations.h"
#include "wick-open-interest.h"
#include "wick-series.h"

G_BEGIN_DECLS

/* Size of the buffer _wick_format_number () writes into. */
#define WICK_NUMBER_BUF_SIZE 64

char       *_wick_format_time_ms                       (gint64                        time_ms);
const char *_wick_format_number                        (char                         *buf,
                                                        double                        value);

/* Each returns NULL when the value is valid, otherwise a newly allocated sentence fragment
 * describing the problem ("high 91000.00 is below close 92000.00") and the error code of the
 * owning domain in @code. */
char       *_wick_candle_describe_problem              (const WickCandle             *candle,
                                                        WickSeriesError              *code);
char       *_wick_liquidation_bucket_describe_problem  (const WickLiquidationBucket  *bucket,
                                                        WickLiquidationsError        *code);
char       *_wick_open_interest_point_describe_problem (const WickOpenInterestPoint  *point,
                                                        WickOpenInterestError        *code);

/* The fast check behind wick_candle_validate (). NaN fails every comparison, and an infinite
 * open, low or close would need an infinite high. */
static inline gboolean
_wick_candle_is_valid (const WickCandle *c)
{
  return c->open > 0.0 && c->high > 0.0 && c->low > 0.0 && c->close > 0.0 &&
         c->volume >= 0.0 && isfinite (c->high) && isfinite (c->volume) &&
         c->low <= c->open && c->low <= c->close &&
         c->high >= c->open && c->high >= c->close;
}

/* Replaces the candles with @candles (taking ownership) without validation or a signal; the
 * caller has checked every candle and their order. */
void        _wick_series_take_candles                  (WickSeries                   *self,
                                                        GArray                       *candles);

/* A %WICK_SOURCE_ERROR (EMPTY or INVALID_DATA) carrying a parse error's message, prefixed
 * with the name of the file it came from. */
GError     *_wick_source_error_from_parse              (const GError                 *parse_error,
                                                        const char                   *file_name);

/* wick-pivots.c: wider pivots picked from narrower ones (wick_pivots_find ()'s, in its order). */
GArray     *_wick_pivots_refine                        (const WickCandle             *candles,
                                                        const GArray                 *narrow,
                                                        guint                         n_bars,
                                                        guint                         n_candles,
                                                        guint                         first,
                                                        guint                         left_bars,
                                                        guint                         right_bars);

G_END_DECLS
