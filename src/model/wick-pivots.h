/* wick-pivots.h: swing highs and lows (pivots, fractals) and the zig-zag through them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-series.h"

G_BEGIN_DECLS

/*
 * Pivots (signals.md §1). With L the left and R the right bar count, candle j is a pivot high
 * when
 *
 *   H[j] > H[j-k] for k = 1..L   and   H[j] >= H[j+k] for k = 1..R
 *
 * and a pivot low when the same holds for the lows with the comparisons turned round. A pivot
 * is confirmed at j + R, the first candle at whose close it is known: the functions read only
 * the @n_candles candles they are given, which must all be closed, so a pivot is reported only
 * once its confirming candle is among them, and a pivot once reported never moves or goes away
 * when more candles arrive.
 *
 * Choices where signals.md leaves one:
 *  - Ties: strict on the left, not on the right, so of two or more equal highs (lows) in a
 *    window the first one is the pivot and the later ones are not. The level was set when price
 *    first printed it, the pivot is confirmed sooner, and it is backtrader's rule (the first
 *    index of the highest high). The zig-zag follows the same rule: an equal later swing does
 *    not replace the earlier one.
 *  - A pivot needs its full windows: candles j < L are never pivots, even when every candle
 *    before them is lower (higher).
 *  - One candle can be both a pivot high and a pivot low (an outside bar). Both are reported,
 *    in the order the candle most likely made them: low first when it closed at or above its
 *    open (open, low, high, close), high first otherwise.
 *
 * Zig-zag (signals.md §1, after pandas-ta's zigzag): walk the pivots in order and keep the last
 * point P. A pivot of P's kind that is strictly more extreme replaces P; a pivot of the other
 * kind starts a new leg when the move from P is large enough:
 *
 *   WICK_ZIGZAG_PERCENT   |x - P| / x > threshold / 100     (x the new pivot's price)
 *   WICK_ZIGZAG_ATR       |x - P| >= threshold × ATR[j]     (j the new pivot's candle)
 *
 * Otherwise it is skipped. A pivot of the other kind on P's own candle is skipped too (a leg
 * needs two candles). Where the ATR has no value yet (NAN) no leg can start. Every point but
 * the last is final from the confirmation of the point after it (`fixed_index`); the last
 * point is provisional and can still be replaced by a more extreme pivot of its kind.
 *
 * Defaults, for hourly BTC: minor swings 3/3, major swings 12/12, zig-zag legs of 2 × ATR (14)
 * for minor and 5 × ATR (14) for major structure, or 2 % (signals.md suggests 1.5-2 %).
 */

#define WICK_PIVOTS_MINOR_BARS    3
#define WICK_PIVOTS_MAJOR_BARS    12
#define WICK_ZIGZAG_MINOR_ATR     2.0
#define WICK_ZIGZAG_MAJOR_ATR     5.0
#define WICK_ZIGZAG_PERCENT_STEP  2.0

typedef enum
{
  WICK_PIVOT_LOW,
  WICK_PIVOT_HIGH,
} WickPivotKind;

typedef struct
{
  guint         index;            /* the candle of the high (low) */
  guint         confirmed_index;  /* index + right bars: known at this candle's close */
  WickPivotKind kind;
  double        price;            /* H[index] or L[index] */
} WickPivot;

typedef enum
{
  WICK_ZIGZAG_PERCENT,
  WICK_ZIGZAG_ATR,
} WickZigzagMode;

typedef struct
{
  WickPivot pivot;
  guint     fixed_index;  /* from this candle on the point cannot change; G_MAXUINT for the last */
} WickZigzagPoint;

GArray *wick_pivots_find  (const WickCandle *candles,
                           guint             n_candles,
                           guint             first,
                           guint             left_bars,
                           guint             right_bars);
GArray *wick_zigzag_build (const WickPivot  *pivots,
                           guint             n_pivots,
                           WickZigzagMode    mode,
                           double            threshold,
                           const double     *atr);

G_END_DECLS
