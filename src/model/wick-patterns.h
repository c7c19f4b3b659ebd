/* wick-patterns.h: TA-Lib's candlestick patterns over a run of candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-series.h"

G_BEGIN_DECLS

/*
 * Each function writes one #gint8 per candle into @out, which the caller allocates with
 * @n_candles elements: 100 (bullish) or -100 (bearish) where the pattern ends on that candle,
 * 80 or -80 for TA-Lib's weaker engulfing and harami (one end of the two bodies equal), and 0
 * elsewhere. The return value is the pattern's lookback, the first index TA-Lib gives an
 * output for; the cells before it are 0 and mean "no value", not "no pattern". When the run is
 * not longer than the lookback, every cell is 0 and the return value is @n_candles.
 *
 * The rules, comparisons (strict or not) and candle settings are TA-Lib's (ta_CDL*.c, with
 * TA_RestoreCandleDefaultSettings), including how it averages a setting over the candles
 * before the one it judges with running sums. With RB the real body |C - O|, US and LS the
 * upper and lower shadows and HL the range H - L, a setting is a factor times the mean of a
 * range over the N candles before candle k (k itself excluded), or times k's own range when
 * N is 0:
 *
 *   setting          range     N   factor      setting          range     N   factor
 *   BodyLong         RB       10   1.0         ShadowLong       RB        0   1.0
 *   BodyShort        RB       10   1.0         ShadowVeryShort  HL       10   0.1
 *   BodyDoji         HL       10   0.1         Near             HL        5   0.2
 *
 *   pattern                  TA-Lib name        output     lookback
 *   hammer                   CDLHAMMER          100        11
 *   inverted hammer          CDLINVERTEDHAMMER  100        11
 *   shooting star            CDLSHOOTINGSTAR    -100       11
 *   engulfing                CDLENGULFING       ±100, ±80  2
 *   harami                   CDLHARAMI          ±100, ±80  11
 *   piercing                 CDLPIERCING        100        11
 *   morning star             CDLMORNINGSTAR     100        12
 *   evening star             CDLEVENINGSTAR     -100       12
 *   doji                     CDLDOJI            100        10
 *   dragonfly doji           CDLDRAGONFLYDOJI   100        10
 *
 * Like TA-Lib, no pattern looks at the trend: a hammer is reported wherever its shape is,
 * and whether it stands after a decline or at a support is for the caller to judge.
 */

typedef enum
{
  WICK_PATTERN_HAMMER,
  WICK_PATTERN_INVERTED_HAMMER,
  WICK_PATTERN_SHOOTING_STAR,
  WICK_PATTERN_ENGULFING,
  WICK_PATTERN_HARAMI,
  WICK_PATTERN_PIERCING,
  WICK_PATTERN_MORNING_STAR,
  WICK_PATTERN_EVENING_STAR,
  WICK_PATTERN_DOJI,
  WICK_PATTERN_DRAGONFLY_DOJI,
  WICK_N_PATTERNS
} WickPattern;

/* TA-Lib's default optInPenetration of CDLMORNINGSTAR and CDLEVENINGSTAR. */
#define WICK_PATTERNS_STAR_PENETRATION 0.3

const char *wick_patterns_get_name        (WickPattern       pattern);
guint       wick_patterns_get_lookback    (WickPattern       pattern);
guint       wick_patterns_compute         (WickPattern       pattern,
                                           const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);

void        wick_patterns_compute_all     (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8 * const    *out);
guint       wick_patterns_hammer          (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);
guint       wick_patterns_inverted_hammer (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);
guint       wick_patterns_shooting_star   (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);
guint       wick_patterns_engulfing       (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);
guint       wick_patterns_harami          (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);
guint       wick_patterns_piercing        (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);
guint       wick_patterns_morning_star    (const WickCandle *candles,
                                           guint             n_candles,
                                           double            penetration,
                                           gint8            *out);
guint       wick_patterns_evening_star    (const WickCandle *candles,
                                           guint             n_candles,
                                           double            penetration,
                                           gint8            *out);
guint       wick_patterns_doji            (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);
guint       wick_patterns_dragonfly_doji  (const WickCandle *candles,
                                           guint             n_candles,
                                           gint8            *out);

G_END_DECLS
