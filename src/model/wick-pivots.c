/* wick-pivots.c: swing highs and lows (pivots, fractals) and the zig-zag through them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-pivots"

#include "config.h"

#include "wick-pivots.h"

#include "wick-model-private.h"

#include <math.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Whether candle @j is a pivot high, and a pivot low. Every comparison is made, combined
 * with &: whether a candle is above its neighbour is a toss-up, so leaving at the first that
 * fails costs more in mispredicted branches than the comparisons after it. */
static inline void
test_pivot (const WickCandle *candles,
            guint             j,
            guint             left_bars,
            guint             right_bars,
            gboolean         *out_high,
            gboolean         *out_low)
{
  double h = candles[j].high;
  double l = candles[j].low;
  gboolean high = TRUE, low = TRUE;
  guint k;

  for (k = 1; k <= left_bars; k++)
    {
      high &= h > candles[j - k].high;
      low &= l < candles[j - k].low;
    }
  for (k = 1; k <= right_bars; k++)
    {
      high &= h >= candles[j + k].high;
      low &= l <= candles[j + k].low;
    }

  *out_high = high;
  *out_low = low;
}

static inline void
append_pivot (GArray        *pivots,
              guint          j,
              guint          right_bars,
              WickPivotKind  kind,
              double         price)
{
  WickPivot pivot = { j, j + right_bars, kind, price };

  g_array_append_val (pivots, pivot);
}

/* Appends the pivots of candle @j, if it has any: its low first, unless it is a pivot both
 * ways and closed down, when its high came first. */
static inline void
append_pivots (GArray           *pivots,
               const WickCandle *candles,
               guint             j,
               guint             right_bars,
               gboolean          high,
               gboolean          low)
{
  const WickCandle *c = &candles[j];

  if (high && low && c->close < c->open)
    {
      append_pivot (pivots, j, right_bars, WICK_PIVOT_HIGH, c->high);
      append_pivot (pivots, j, right_bars, WICK_PIVOT_LOW, c->low);
    }
  else
    {
      if (low)
        append_pivot (pivots, j, right_bars, WICK_PIVOT_LOW, c->low);
      if (high)
        append_pivot (pivots, j, right_bars, WICK_PIVOT_HIGH, c->high);
    }
}

#ifdef __SSE2__
/* The candles tested at a time, with their highs and lows copied side by side. */
#define PIVOT_BLOCK 512

/* Tests candles [@start, @stop) two at a time, with the comparisons of test_pivot () in
 * vector registers. Returns the first candle left for test_pivot (). */
static guint
find_pivots_sse2 (GArray           *pivots,
                  const WickCandle *candles,
                  guint             start,
                  guint             stop,
                  guint             left_bars,
                  guint             right_bars)
{
  g_autofree double *highs = g_new (double, PIVOT_BLOCK + left_bars + right_bars);
  g_autofree double *lows = g_new (double, PIVOT_BLOCK + left_bars + right_bars);
  guint j = start;

  while (j + 2 <= stop)
    {
      /* Candles [j0, end) are tested, reading [j0 - left_bars, end + right_bars). */
      guint j0 = j;
      guint end = j0 + MIN (stop - j0, PIVOT_BLOCK) / 2 * 2;
      const WickCandle *c = &candles[j0 - left_bars];

      for (guint k = 0; k < end - j0 + left_bars + right_bars; k++)
        {
          highs[k] = c[k].high;
          lows[k] = c[k].low;
        }

      for (; j < end; j += 2)
        {
          const double *h = &highs[j - j0 + left_bars];
          const double *l = &lows[j - j0 + left_bars];
          __m128d hh = _mm_loadu_pd (h), ll = _mm_loadu_pd (l);
          __m128d is_high = _mm_castsi128_pd (_mm_set1_epi32 (-1)), is_low = is_high;
          int high, low;

          for (guint k = 1; k <= left_bars; k++)
            {
              is_high = _mm_and_pd (is_high, _mm_cmpgt_pd (hh, _mm_loadu_pd (h - k)));
              is_low = _mm_and_pd (is_low, _mm_cmplt_pd (ll, _mm_loadu_pd (l - k)));
            }
          for (guint k = 1; k <= right_bars; k++)
            {
              is_high = _mm_and_pd (is_high, _mm_cmpge_pd (hh, _mm_loadu_pd (h + k)));
              is_low = _mm_and_pd (is_low, _mm_cmple_pd (ll, _mm_loadu_pd (l + k)));
            }

          high = _mm_movemask_pd (is_high);
          low = _mm_movemask_pd (is_low);
          /* Most candles are neither. */
          if (G_LIKELY ((high | low) == 0))
            continue;
          append_pivots (pivots, candles, j, right_bars, high & 1, low & 1);
          append_pivots (pivots, candles, j + 1, right_bars, high >> 1, low >> 1);
        }
    }

  return j;
}
#endif

/**
 * wick_pivots_find:
 * @candles: closed candles, oldest first
 * @n_candles: how many
 * @first: the first candle that may be a pivot (earlier ones are read only as left bars)
 * @left_bars: L, the candles before a pivot that must be strictly lower (higher)
 * @right_bars: R, the candles after it that must not be higher (lower); at least 1
 *
 * Finds the pivot highs and lows confirmed by the last of @candles: those at j >= @first,
 * j >= @left_bars and j + @right_bars < @n_candles. See the header for the rules.
 *
 * Returns: (transfer full) (element-type WickPivot): the pivots, ordered by candle (and by
 *   confirmation, which is the same order)
 */
GArray *
wick_pivots_find (const WickCandle *candles,
                  guint             n_candles,
                  guint             first,
                  guint             left_bars,
                  guint             right_bars)
{
  GArray *pivots;
  guint j;

  g_return_val_if_fail (candles != NULL || n_candles == 0, NULL);
  g_return_val_if_fail (right_bars >= 1, NULL);

  pivots = g_array_sized_new (FALSE, FALSE, sizeof (WickPivot), 64);

  if (n_candles <= right_bars)
    return pivots;

  j = MAX (first, left_bars);
#ifdef __SSE2__
  if (j < n_candles - right_bars)
    j = find_pivots_sse2 (pivots, candles, j, n_candles - right_bars, left_bars, right_bars);
#endif
  for (; j < n_candles - right_bars; j++)
    {
      gboolean high, low;

      test_pivot (candles, j, left_bars, right_bars, &high, &low);
      /* Most candles are neither. */
      if (G_LIKELY (!(high | low)))
        continue;
      append_pivots (pivots, candles, j, right_bars, high, low);
    }

  return pivots;
}

/* Whether the bars from @from to @to on each side of the pivot @p also keep to its rule. */
static gboolean
holds_wider (const WickCandle *candles,
             const WickPivot  *p,
             guint             from,
             guint             left_bars,
             guint             right_bars)
{
  guint j = p->index;
  guint k;

  if (p->kind == WICK_PIVOT_HIGH)
    {
      for (k = from; k <= left_bars; k++)
        if (!(p->price > candles[j - k].high))
          return FALSE;
      for (k = from; k <= right_bars; k++)
        if (!(p->price >= candles[j + k].high))
          return FALSE;
    }
  else
    {
      for (k = from; k <= left_bars; k++)
        if (!(p->price < candles[j - k].low))
          return FALSE;
      for (k = from; k <= right_bars; k++)
        if (!(p->price <= candles[j + k].low))
          return FALSE;
    }

  return TRUE;
}

/**
 * _wick_pivots_refine:
 * @candles: the candles @narrow was found in
 * @narrow: (element-type WickPivot): pivots of @n_bars on each side, as wick_pivots_find ()
 *   gives them, of candles up to @n_candles at least
 * @n_bars: their bars on each side
 * @n_candles: @first, @left_bars and @right_bars: as for wick_pivots_find ()
 *
 * A pivot with more bars on each side is one with fewer whose further bars keep to the rule
 * too, so the wider pivots are those of @narrow that pass the further bars: what
 * wick_pivots_find () gives for @left_bars and @right_bars (both at least @n_bars), in the
 * same order, for the price of a pass over @narrow instead of the candles.
 *
 * Returns: (transfer full) (element-type WickPivot): the pivots
 */
GArray *
_wick_pivots_refine (const WickCandle *candles,
                     const GArray     *narrow,
                     guint             n_bars,
                     guint             n_candles,
                     guint             first,
                     guint             left_bars,
                     guint             right_bars)
{
  const WickPivot *p = (const WickPivot *) (gconstpointer) narrow->data;
  GArray *pivots = g_array_sized_new (FALSE, FALSE, sizeof (WickPivot), 64);
  guint lo = 0, hi = narrow->len;

  g_assert (left_bars >= n_bars && right_bars >= n_bars && right_bars >= 1);

  first = MAX (first, left_bars);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (p[mid].index < first)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo; i < narrow->len && p[i].index + right_bars < n_candles; i++)
    {
      if (holds_wider (candles, &p[i], n_bars + 1, left_bars, right_bars))
        append_pivot (pivots, p[i].index, right_bars, p[i].kind, p[i].price);
    }

  return pivots;
}

static gboolean
leg_is_large_enough (const WickPivot *from,
                     const WickPivot *to,
                     WickZigzagMode   mode,
                     double           threshold,
                     const double    *atr)
{
  double move = fabs (to->price - from->price);

  if (mode == WICK_ZIGZAG_PERCENT)
    return move / to->price > threshold / 100.0;

  /* A NAN ATR fails the comparison: no leg before the ATR has a value. */
  return move >= threshold * atr[to->index];
}

/**
 * wick_zigzag_build:
 * @pivots: (array length=n_pivots): pivots as wick_pivots_find() orders them
 * @n_pivots: how many
 * @mode: how @threshold is read
 * @threshold: the smallest leg, in percent of the new pivot's price or in ATRs
 * @atr: (nullable): the ATR per candle, indexed by candle and covering every pivot's
 *   candle; needed for %WICK_ZIGZAG_ATR
 *
 * Walks @pivots into a zig-zag of alternating highs and lows. See the header for the rules.
 *
 * Returns: (transfer full) (element-type WickZigzagPoint): the points, oldest first
 */
GArray *
wick_zigzag_build (const WickPivot *pivots,
                   guint            n_pivots,
                   WickZigzagMode   mode,
                   double           threshold,
                   const double    *atr)
{
  GArray *points;
  guint i;

  g_return_val_if_fail (pivots != NULL || n_pivots == 0, NULL);
  g_return_val_if_fail (mode == WICK_ZIGZAG_PERCENT || atr != NULL, NULL);
  g_return_val_if_fail (threshold >= 0.0, NULL);

  points = g_array_sized_new (FALSE, FALSE, sizeof (WickZigzagPoint), 32);

  for (i = 0; i < n_pivots; i++)
    {
      const WickPivot *pivot = &pivots[i];
      WickZigzagPoint *last;
      WickZigzagPoint point = { *pivot, G_MAXUINT };

      if (points->len == 0)
        {
          g_array_append_val (points, point);
          continue;
        }

      last = &g_array_index (points, WickZigzagPoint, points->len - 1);

      if (pivot->kind == last->pivot.kind)
        {
          gboolean more_extreme = pivot->kind == WICK_PIVOT_HIGH
                                  ? pivot->price > last->pivot.price
                                  : pivot->price < last->pivot.price;

          if (more_extreme)
            last->pivot = *pivot;
        }
      else if (pivot->index > last->pivot.index &&
               leg_is_large_enough (&last->pivot, pivot, mode, threshold, atr))
        {
          last->fixed_index = pivot->confirmed_index;
          g_array_append_val (points, point);
        }
    }

  return points;
}
