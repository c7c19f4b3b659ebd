/* wick-signals-levels.c: springs, breakouts and reversal candles at support and resistance
 *
 * The rules of signals.md §4 that read the zones, walked once over the candles with the zones
 * as they stood at the close before each (wick-signals-zones.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

#include "wick-format.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A close below a support zone that may come back above it (§4's close spring). */
typedef struct
{
  WickBand band;       /* the zone as it stood before the close below */
  guint    start;      /* the close below */
  guint    low_index;  /* the lowest candle so far */
  double   stop;       /* a low at or below this is a real breakdown */
} Excursion;

/* A close above a resistance R (§4), followed for its confirmation or its failure. */
typedef struct
{
  double   level;       /* R */
  guint    index;       /* the close above */
  guint    weeks;       /* N of an n-week high; 0 for a zone */
  gboolean has_volume;
} Attempt;

/* The price a zone is called by: the round number inside it nearest its centre (a multiple of
 * 1,000 at 92,000), else its centre. */
double
_wick_signals_band_name (const WickBand *band)
{
  double step = pow (10.0, floor (log10 (band->mid)) - 1.0);
  double below = floor (band->mid / step) * step;
  double above = below + step;
  gboolean has_below = below >= band->low;
  gboolean has_above = above <= band->high;

  if (has_below && has_above)
    return band->mid - below <= above - band->mid ? below : above;
  if (has_below)
    return below;
  if (has_above)
    return above;

  return band->mid >= 100.0 ? round (band->mid) : band->mid;
}

/* Whether the band is support for candle @i: the last close before @i outside the band was
 * above it. With none since its first pivot, its role is that pivot's. */
gboolean
_wick_signals_band_is_support (const WickSignalsContext *ctx,
                               const WickBand           *band,
                               guint                     i)
{
  guint k;

  for (k = i; k > band->first_index; k--)
    {
      double close = ctx->candles[k - 1].close;

      if (close > band->high)
        return TRUE;
      if (close < band->low)
        return FALSE;
    }

  return band->starts_as_support;
}

/* Whether @price is beyond (below for a low, above for a high) every extreme of the
 * probe_bars candles before @i: a test comes from the side, after a move into the zone. */
gboolean
_wick_signals_is_probe (const WickSignalsContext *ctx,
                        double                    price,
                        guint                     i,
                        gboolean                  is_low)
{
  const WickCandle *c = ctx->candles;
  gboolean is_beyond = FALSE;
  guint k = i > ctx->params->probe_bars ? i - ctx->params->probe_bars : 0;

  /* All of them, without branches: which one is beyond is unpredictable. */
  if (is_low)
    for (; k < i; k++)
      is_beyond |= c[k].low < price;
  else
    for (; k < i; k++)
      is_beyond |= c[k].high > price;

  return !is_beyond;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickTouchCounts, _wick_touch_counts_free)

static double
cascade_share (const WickSignalsContext *ctx,
               guint                     i)
{
  guint k;

  for (k = i >= 2 ? i - 2 : 0; k <= i; k++)
    if (ctx->flags[k] & WICK_BAR_LONG_CASCADE)
      return 1.0;

  return 0.0;
}

static char *
format_spring (const WickSignalsContext *ctx,
               const WickBand           *band,
               guint                     start,
               guint                     low_index,
               guint                     confirmed)
{
  g_autofree char *name = wick_format_level (_wick_signals_band_name (band));
  g_autofree char *low = wick_format_level (ctx->candles[low_index].low);
  g_autofree char *duration = NULL;

  if (start == confirmed)
    /* Translators: the support's price, then the low of the candle's wick */
    return g_strdup_printf (_("Support test at %s: wick to %s, closed back above"), name, low);

  duration = _wick_signals_format_duration ((gint64) (confirmed - start) * ctx->interval_ms);

  /* Translators: the support's price, the lowest low below it, then a duration */
  return g_strdup_printf (_("Support test at %s: closed below, down to %s, and back above "
                            "after %s"),
                          name, low, duration);
}

static void
report_spring (WickSignalsContext *ctx,
               const WickBand     *band,
               guint               touches,
               guint               start,
               guint               low_index,
               guint               confirmed)
{
  const WickCandle *c = ctx->candles;

  _wick_signals_emit (ctx, WICK_SIGNAL_SUPPORT_TEST, WICK_SIGNAL_BULLISH,
                      start, low_index, confirmed, c[low_index].low, band->low,
                      0.4 + 0.3 * _wick_clamp01 (touches / 3.0) + 0.3 * cascade_share (ctx, start),
                      -1,
                      _wick_signals_has_text (ctx)
                        ? format_spring (ctx, band, start, low_index, confirmed) : NULL);
}

/* How many of the @n ascending @values are below @x (at or below it, with @or_equal): the
 * first that is not. A few bands as a rule: compared all at once, without branches, as
 * where the price falls among them is a toss-up. */
static inline guint
count_below (const double *values,
             guint         n,
             double        x,
             gboolean      or_equal)
{
  guint count = 0, k = 0;

  if (n > 32)
    {
      const double *base = values;

      while (n > 1)
        {
          guint half = n / 2;

          base = (or_equal ? base[half] <= x : base[half] < x) ? base + half : base;
          n -= half;
        }

      return (guint) (base - values) + (or_equal ? *base <= x : *base < x);
    }

#ifdef __SSE2__
  {
    __m128i counts = _mm_setzero_si128 ();
    __m128d limit = _mm_set1_pd (x);

    /* A comparison that holds is -1 in each half. */
    for (; k + 2 <= n; k += 2)
      {
        __m128d v = _mm_loadu_pd (&values[k]);
        __m128d is_below = or_equal ? _mm_cmple_pd (v, limit) : _mm_cmplt_pd (v, limit);

        counts = _mm_sub_epi64 (counts, _mm_castpd_si128 (is_below));
      }
    count = (guint) _mm_cvtsi128_si32 (counts) +
            (guint) _mm_cvtsi128_si32 (_mm_unpackhi_epi64 (counts, counts));
  }
#endif

  for (; k < n; k++)
    count += or_equal ? values[k] <= x : values[k] < x;

  return count;
}

/* @x moved up (down) by @by, which is no less than 0, and by a hair more: a bound worked out
 * from rounded differences, made safe. */
static inline double
widen_up (double x,
          double by)
{
  return x + (by + (fabs (x) + by) * 0x1p-40);
}

static inline double
widen_down (double x,
            double by)
{
  return x - (by + (fabs (x) + by) * 0x1p-40);
}

/* Wick springs at candle @i, and the start of close springs. */
static void
check_springs (WickSignalsContext   *ctx,
               WickTouchCounts      *counts,
               const WickBand       *b,
               const WickBandBounds *bounds,
               guint                 n_bands,
               guint                 i,
               GArray               *excursions)
{
  const WickCandle *c = ctx->candles;
  double atr = _wick_atr_before (ctx, i);
  double sweep = ctx->params->spring_atr * atr;
  const WickBand *swept = NULL;
  const WickBand *lost = NULL;
  gboolean is_low = _wick_touch_counts_is_probe_low (counts, ctx, c[i].low, i);
  guint swept_touches = 0;
  double above, up_to;
  guint k, end;

  /* Nothing is swept without a new low, or lost without a lower close: most candles. */
  if (!is_low && !(c[i].close < c[i - 1].close))
    return;

  /* The bands either test can pass have their low in (above, up_to]: a band swept has it at
   * or below the close and, the sweep being no less than 0, above the low; a band lost has
   * it above the close and at or below the close before. A band's low is at or below its
   * first price, and not far below: the bands from the first whose first price is above
   * `above' to the last whose first price is within the overhang over up_to hold those, in
   * their order. */
  above = !is_low ? c[i].close : sweep >= 0.0 ? c[i].low : -INFINITY;
  up_to = is_low ? MAX (c[i].close, c[i - 1].close) : c[i - 1].close;
  k = count_below (bounds->first_prices, n_bands, above, TRUE);
  end = count_below (bounds->first_prices, n_bands, widen_up (up_to, bounds->below), TRUE);

  /* Each test in full, combined with & and |: their parts go either way at random, while
   * both together are rarely true, so one branch is taken and it is well predicted. */
  for (; k < end; k++)
    {
      gboolean is_swept = is_low & (c[i].low < b[k].low - sweep) &
                          (c[i].close >= b[k].low);
      gboolean is_lost = (c[i].close < b[k].low) & (c[i - 1].close >= b[k].low);

      if (!(is_swept | is_lost) || !_wick_signals_band_is_support (ctx, &b[k], i))
        continue;

      /* Of the zones swept, the one tested most often before. */
      if (is_swept)
        {
          guint touches = _wick_signals_count_touches (ctx, counts, &b[k], TRUE, i);

          if (swept == NULL || touches > swept_touches)
            {
              swept = &b[k];
              swept_touches = touches;
            }
        }

      if (is_lost && (lost == NULL || b[k].low > lost->low))
        lost = &b[k];
    }

  if (swept != NULL)
    report_spring (ctx, swept, swept_touches, i, i, i);

  if (lost != NULL)
    {
      Excursion excursion = {
        *lost, i, i, lost->low - ctx->params->spring_stop_atr * atr,
      };

      g_array_append_val (excursions, excursion);
    }
}

static void
follow_excursions (WickSignalsContext *ctx,
                   WickTouchCounts    *counts,
                   GArray             *excursions,
                   guint               i)
{
  const WickCandle *c = ctx->candles;
  guint k = 0;

  while (k < excursions->len)
    {
      Excursion *e = &g_array_index (excursions, Excursion, k);
      gboolean is_done = FALSE;

      if (c[i].low < c[e->low_index].low)
        e->low_index = i;

      if (c[e->low_index].low <= e->stop)
        is_done = TRUE;
      else if (c[i].close > e->band.low)
        {
          if (_wick_signals_is_probe (ctx, c[e->low_index].low, e->start, TRUE))
            report_spring (ctx, &e->band, _wick_signals_count_touches (ctx, counts, &e->band, TRUE, e->start),
                           e->start, e->low_index, i);
          is_done = TRUE;
        }
      else if (i - e->start >= ctx->params->spring_close_bars)
        is_done = TRUE;

      if (is_done)
        g_array_remove_index (excursions, k);
      else
        k++;
    }
}

static char *
format_breakout (const WickSignalsContext *ctx,
                 const Attempt            *attempt,
                 double                    ratio)
{
  g_autofree char *name = wick_format_level (attempt->level);
  g_autofree char *close = wick_format_level (ctx->candles[attempt->index].close);
  char ratio_text[WICK_FORMAT_BUF_SIZE];

  wick_format_grouped_into (ratio_text, sizeof ratio_text, ratio, 1);

  if (attempt->weeks > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: weeks, a price, a price, then a volume
                                          * ratio ("2.3") */
                                         "Breakout above the %u-week high at %s: closed at %s "
                                         "on %s× the average volume",
                                         "Breakout above the %u-week high at %s: closed at %s "
                                         "on %s× the average volume",
                                         attempt->weeks),
                            attempt->weeks, name, close, ratio_text);

  /* Translators: a price, a price, then a volume ratio ("2.3") */
  return g_strdup_printf (_("Breakout above resistance at %s: closed at %s on %s× the "
                            "average volume"),
                          name, close, ratio_text);
}

static void
report_breakout (WickSignalsContext *ctx,
                 const Attempt      *attempt,
                 guint               confirmed)
{
  const WickCandle *c = ctx->candles;
  guint i = attempt->index;
  double atr = _wick_atr_before (ctx, i);
  double ratio = c[i].volume / ctx->volume_average[i];

  _wick_signals_emit (ctx, WICK_SIGNAL_BREAKOUT, WICK_SIGNAL_BULLISH,
                      i, i, confirmed, c[i].close, attempt->level,
                      0.4 + 0.3 * _wick_clamp01 ((ratio - ctx->params->breakout_volume) /
                                                 ctx->params->breakout_volume) +
                      0.3 * _wick_clamp01 ((c[i].close - attempt->level) / atr),
                      -1,
                      _wick_signals_has_text (ctx) ? format_breakout (ctx, attempt, ratio) : NULL);
}

static char *
format_failed_breakout (const WickSignalsContext *ctx,
                        const Attempt            *attempt,
                        guint                     f)
{
  g_autofree char *name = wick_format_level (attempt->level);
  g_autofree char *close = wick_format_level (ctx->candles[f].close);
  g_autofree char *duration = _wick_signals_format_duration ((gint64) (f - attempt->index) *
                                                             ctx->interval_ms);

  /* Translators: a price, a price, then a duration ("2 hours") */
  return g_strdup_printf (_("Failed breakout above %s: closed back below at %s, %s after the "
                            "breakout"),
                          name, close, duration);
}

static void
report_failed_breakout (WickSignalsContext *ctx,
                        const Attempt      *attempt,
                        guint               f)
{
  const WickCandle *c = ctx->candles;
  double atr = _wick_atr_before (ctx, attempt->index);

  _wick_signals_emit (ctx, WICK_SIGNAL_FAILED_BREAKOUT, WICK_SIGNAL_BEARISH,
                      attempt->index, f, f, c[f].close, attempt->level,
                      0.5 + 0.5 * _wick_clamp01 ((attempt->level - c[f].close) / atr),
                      -1,
                      _wick_signals_has_text (ctx) ? format_failed_breakout (ctx, attempt, f)
                                                   : NULL);
}

static void
follow_attempts (WickSignalsContext *ctx,
                 GArray             *attempts,
                 guint               i)
{
  const WickCandle *c = ctx->candles;
  guint k = 0;

  while (k < attempts->len)
    {
      Attempt *a = &g_array_index (attempts, Attempt, k);
      gboolean is_done = FALSE;

      if (i == a->index + 1 && a->has_volume && c[i].close > a->level)
        report_breakout (ctx, a, i);

      if (c[i].close < a->level)
        {
          report_failed_breakout (ctx, a, i);
          is_done = TRUE;
        }
      else if (i - a->index >= ctx->params->failed_breakout_bars)
        is_done = TRUE;

      if (is_done)
        g_array_remove_index (attempts, k);
      else
        k++;
    }
}

/* Closes above resistance at candle @i: of the zones and the latest n-week high, the highest
 * level cleared by the margin. Returns whether the n-week high was cleared. */
static gboolean
check_breakouts (WickSignalsContext   *ctx,
                 const WickBand       *b,
                 const WickBandBounds *bounds,
                 guint                 n_bands,
                 const WickWeekLevel  *week,
                 guint                 i,
                 GArray               *attempts)
{
  const WickSignalParams *params = ctx->params;
  const WickCandle *c = ctx->candles;
  double atr = _wick_atr_before (ctx, i);
  Attempt best = { NAN, };
  gboolean is_week_cleared = FALSE;
  guint k, end;

  /* A level is cleared by a close above it from a close at or below it (the margin is
   * positive): never by a close that is not higher. */
  if (!(c[i].close > c[i - 1].close))
    return FALSE;

  /* So only the bands with their high in [the close before, the close) can be. A band's
   * high is at or above its last price, and not far above: the bands from the first whose
   * last price is within the overhang under the close before to the last whose last price
   * is below the close hold those, in their order. The n-week high comes after them. */
  k = count_below (bounds->last_prices, n_bands, widen_down (c[i - 1].close, bounds->above),
                   FALSE);
  end = count_below (bounds->last_prices, n_bands, c[i].close, FALSE);
  end = MAX (k, end);

  for (; k <= end; k++)
    {
      gboolean is_band = k < end;
      double level = is_band ? b[k].high : week != NULL ? week->price : NAN;
      double margin;

      /* The margin is positive: a close not above the level clears it by none. Both tests
       * in full, as in check_springs (). */
      if (!((c[i - 1].close <= level) & (c[i].close > level)))
        continue;
      margin = MAX (params->breakout_margin * level, params->breakout_margin_atr * atr);
      if (!(c[i].close > level + margin))
        continue;
      if (is_band && _wick_signals_band_is_support (ctx, &b[k], i))
        continue;
      if (!is_band)
        is_week_cleared = TRUE;
      if (!isnan (best.level) && level <= best.level)
        continue;

      best = (Attempt) {
        level, i, is_band ? 0 : week->weeks,
        c[i].volume >= params->breakout_volume * ctx->volume_average[i],
      };
    }

  if (!isnan (best.level))
    g_array_append_val (attempts, best);

  return is_week_cleared;
}

/* Whether a close at candle @i clears the n-week high @week by the margin: the test
 * check_breakouts () makes of it. */
static gboolean
is_week_cleared (const WickSignalsContext *ctx,
                 const WickWeekLevel      *week,
                 guint                     i)
{
  const WickCandle *c = ctx->candles;
  double margin = MAX (ctx->params->breakout_margin * week->price,
                       ctx->params->breakout_margin_atr * _wick_atr_before (ctx, i));

  return c[i - 1].close <= week->price && c[i].close > week->price + margin;
}

/* The n-week high the breakout rule holds before judging candle @first, as a walk from the
 * first candle would leave it: the latest confirmed before it, unless a close since its
 * confirmation cleared it. Only the candles since then are read. */
static WickWeekState
week_state_at (const WickSignalsContext *ctx,
               guint                     first)
{
  const WickWeekLevel *levels = (const WickWeekLevel *) (gpointer) ctx->week_levels->data;
  WickWeekState state = { 0, -1 };
  guint lo = 0, hi = ctx->week_levels->len;

  /* The levels confirmed before @first: those confirmed before a candle are known at it. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (levels[mid].confirmed_index < first - 1)
        lo = mid + 1;
      else
        hi = mid;
    }
  state.next = lo;
  if (lo == 0)
    return state;

  state.week = (int) lo - 1;
  for (guint i = levels[lo - 1].confirmed_index + 1; i < first && i < ctx->n; i++)
    {
      if (_wick_atr_before (ctx, i) > 0.0 && is_week_cleared (ctx, &levels[state.week], i))
        {
          state.week = -1;
          break;
        }
    }

  return state;
}

/**
 * _wick_signals_find_levels:
 * @first: the first candle judged, from 1
 * @end: the candle after the last one judged
 *
 * Walks candles [@first, @end) with the zones as they stood at the close before each:
 * springs, breakouts and their failures, and reversal candles at a zone; then follows the
 * springs and breakouts begun there past @end to their outcome. So runs over consecutive
 * ranges, on any threads, report between them what one run over all the candles reports,
 * and, put together in the order of their ranges, in the same order.
 */
void
_wick_signals_find_levels (WickSignalsContext *ctx,
                           guint               first,
                           guint               end)
{
  const WickWeekLevel *levels = (const WickWeekLevel *) (gpointer) ctx->week_levels->data;
  g_autoptr(GArray) excursions = g_array_new (FALSE, FALSE, sizeof (Excursion));
  g_autoptr(GArray) attempts = g_array_new (FALSE, FALSE, sizeof (Attempt));
  g_autoptr(WickTouchCounts) counts = NULL;
  const WickWeekLevel *week;
  WickWeekState week_state;
  guint next_level;
  WickZoneIndex *zi;
  const WickBand *bands = NULL;
  WickBandBounds bounds = { NULL, };
  guint n_bands = 0, bands_until = 0, counts_until = 0;
  guint window;
  guint i;

  first = MAX (first, 1);
  end = MIN (end, ctx->n);
  if (first >= end)
    return;

  /* The zones at candle i - 1 hold pivots from i - window on; with a window of 0, from the
   * first candle on. */
  window = ctx->params->zones.window;
  counts = _wick_touch_counts_new (ctx, window > 0 && first > window + 1 ? first - window - 1 : 0,
                                   end);
  week_state = week_state_at (ctx, first);
  week = week_state.week >= 0 ? &levels[week_state.week] : NULL;
  next_level = week_state.next;

  zi = _wick_zone_index_new (ctx->candles, end, first - 1, ctx->atr, &ctx->params->zones,
                             ctx->swings, ctx->params->swing_bars);

  for (i = first; i < end; i++)
    {
      /* The longest stage: give up now and then when asked to. */
      if (i % 65536 == 0 && g_cancellable_is_cancelled (ctx->cancellable))
        break;

      /* The candles before this one at hand for the counts. */
      if (i >= counts_until)
        counts_until = _wick_touch_counts_fill (counts, ctx, i);

      /* Most candles follow nothing. */
      if (excursions->len > 0)
        follow_excursions (ctx, counts, excursions, i);
      if (attempts->len > 0)
        follow_attempts (ctx, attempts, i);

      /* The latest n-week high known at the close before; a breakout uses it up. */
      for (; next_level < ctx->week_levels->len && levels[next_level].confirmed_index < i;
           next_level++)
        week = &levels[next_level];

      if (!(_wick_atr_before (ctx, i) > 0.0))
        continue;

      /* The bands change at few candles. */
      if (bands == NULL || i - 1 >= bands_until)
        {
          bands = _wick_zone_index_get_bands (zi, i - 1, &n_bands);
          bounds = _wick_zone_index_get_bounds (zi);
          bands_until = _wick_zone_index_get_next_change (zi);
        }

      check_springs (ctx, counts, bands, &bounds, n_bands, i, excursions);
      if (check_breakouts (ctx, bands, &bounds, n_bands, week, i, attempts))
        week = NULL;
      if (_wick_signals_has_reversal_pattern (ctx, i))
        {
          _wick_signals_check_reversal_candles (ctx, counts, bands, n_bands, i, TRUE);
          _wick_signals_check_reversal_candles (ctx, counts, bands, n_bands, i, FALSE);
        }
    }

  /* What began in the range runs its course beyond it. */
  for (; i < ctx->n && (excursions->len > 0 || attempts->len > 0); i++)
    {
      follow_excursions (ctx, counts, excursions, i);
      follow_attempts (ctx, attempts, i);
    }

  _wick_zone_index_free (zi);
}
