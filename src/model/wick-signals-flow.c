/* wick-signals-flow.c: liquidation cascades and capitulation volume (signals.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

#include "wick-format.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)

/* Takes the logarithms a window at candle @i reads, of the @bars candles before it and of
 * @i itself, that are not taken yet (up to *@filled, excluded); the values before the window
 * are never read again. Markets have a window to fill at a few candles only, so most
 * logarithms are never taken. */
static void
fill_log1p (double       *xs,
            const double *side,
            guint         bars,
            guint        *filled,
            guint         i)
{
  for (guint k = MAX (*filled, i > bars ? i - bars : 0); k <= i; k++)
    xs[k] = log1p (side[k]);
  *filled = MAX (*filled, i + 1);
}

static void
fill_log_volume (double           *logs,
                 const WickCandle *candles,
                 guint             bars,
                 guint            *filled,
                 guint             i)
{
  for (guint k = MAX (*filled, i > bars ? i - bars : 0); k <= i; k++)
    logs[k] = candles[k].volume > 0.0 ? log (candles[k].volume) : NAN;
  *filled = MAX (*filled, i + 1);
}

/* Liquidations per candle: the sums of the buckets whose time falls in it, NAN for none. */
static void
align_liquidations (WickSignalsContext *ctx,
                    double             *longs,
                    double             *shorts)
{
  guint i = 0, b;

  for (i = 0; i < ctx->n; i++)
    longs[i] = shorts[i] = NAN;

  for (i = 0, b = 0; b < ctx->n_liquidations; b++)
    {
      const WickLiquidationBucket *bucket = &ctx->liquidations[b];

      while (i < ctx->n && ctx->candles[i].open_time_ms + ctx->interval_ms <= bucket->time_ms)
        i++;
      if (i == ctx->n)
        break;
      if (bucket->time_ms < ctx->candles[i].open_time_ms)
        continue;

      longs[i] = (isnan (longs[i]) ? 0.0 : longs[i]) + bucket->long_usd;
      shorts[i] = (isnan (shorts[i]) ? 0.0 : shorts[i]) + bucket->short_usd;
    }
}

/* Open interest at the close of candle @i: the last point inside it, or NAN. */
static double
open_interest_at (const WickSignalsContext *ctx,
                  guint                     i)
{
  gint64 end = ctx->candles[i].open_time_ms + ctx->interval_ms;
  guint lo = 0, hi = ctx->n_open_interest;

  /* The first point at or after the candle's end; the one before it is the candidate. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ctx->open_interest[mid].time_ms < end)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == 0 || ctx->open_interest[lo - 1].time_ms < ctx->candles[i].open_time_ms)
    return NAN;

  return ctx->open_interest[lo - 1].close_usd;
}

typedef struct
{
  gboolean is_open;
  guint    start;
  guint    last;       /* the last cascade candle */
  double   max_z;
} Episode;

static char *
format_episode (const WickSignalsContext *ctx,
                const Episode            *episode,
                gboolean                  is_long,
                double                    total,
                guint                     extreme)
{
  const WickCandle *c = ctx->candles;
  guint s = episode->start, e = episode->last;
  g_autofree char *total_text = wick_format_usd (total);
  g_autofree char *duration = _wick_signals_format_duration ((gint64) (e - s + 1) *
                                                             ctx->interval_ms);
  g_autofree char *price = wick_format_level (is_long ? c[extreme].low : c[extreme].high);
  double oi_before = ctx->n_open_interest > 0 ? open_interest_at (ctx, s - 1) : NAN;
  double oi_after = ctx->n_open_interest > 0 ? open_interest_at (ctx, e) : NAN;

  if (oi_before > 0.0 && !isnan (oi_after))
    {
      double change = oi_after / oi_before - 1.0;
      g_autofree char *percent = wick_format_percent (fabs (change), 1);

      if (is_long)
        return g_strdup_printf (change < 0
                                /* Translators: a dollar amount, a duration ("4 hours"), a price,
                                 * then a number of per cent */
                                ? _("Long liquidation cascade: %s of longs liquidated in %s, "
                                    "down to %s; open interest fell %s %%")
                                : _("Long liquidation cascade: %s of longs liquidated in %s, "
                                    "down to %s; open interest rose %s %%"),
                                total_text, duration, price, percent);

      return g_strdup_printf (change < 0
                              ? _("Short liquidation cascade: %s of shorts liquidated in %s, "
                                  "up to %s; open interest fell %s %%")
                              : _("Short liquidation cascade: %s of shorts liquidated in %s, "
                                  "up to %s; open interest rose %s %%"),
                              total_text, duration, price, percent);
    }

  return g_strdup_printf (is_long
                          /* Translators: a dollar amount, a duration ("4 hours"), a price */
                          ? _("Long liquidation cascade: %s of longs liquidated in %s, "
                              "down to %s")
                          : _("Short liquidation cascade: %s of shorts liquidated in %s, "
                              "up to %s"),
                          total_text, duration, price);
}

static void
report_episode (WickSignalsContext *ctx,
                const Episode      *episode,
                gboolean            is_long,
                const double       *side,
                guint               confirmed)
{
  const WickSignalParams *params = ctx->params;
  const WickCandle *c = ctx->candles;
  guint s = episode->start, e = episode->last;
  guint extreme = s, k;
  double floor_usd = params->cascade_floor_usd * ctx->interval_ms / (double) HOUR_MS;
  double atr = _wick_atr_before (ctx, s);
  double total = 0.0, move, strength;

  if (s == 0 || !(atr > 0.0))
    return;

  for (k = s; k <= e; k++)
    {
      if (!isnan (side[k]))
        total += side[k];
      if (is_long ? c[k].low < c[extreme].low : c[k].high > c[extreme].high)
        extreme = k;
    }

  move = is_long ? c[s - 1].close - c[extreme].low : c[extreme].high - c[s - 1].close;
  if (move < params->cascade_move_atr * atr)
    return;

  strength = 0.5 + 0.25 * _wick_clamp01 ((episode->max_z - params->cascade_z) / params->cascade_z) +
             0.25 * _wick_clamp01 (total / (10.0 * floor_usd));

  _wick_signals_emit (ctx, WICK_SIGNAL_LIQUIDATION_CASCADE,
                      is_long ? WICK_SIGNAL_BULLISH : WICK_SIGNAL_BEARISH,
                      s, extreme, confirmed,
                      is_long ? c[extreme].low : c[extreme].high,
                      NAN, strength, -1,
                      _wick_signals_has_text (ctx)
                        ? format_episode (ctx, episode, is_long, total, extreme) : NULL);
}

/* One side of §3: flags its cascade candles and reports its episodes. */
static void
find_cascades (WickSignalsContext *ctx,
               const double       *side,
               const double       *other,
               gboolean            is_long)
{
  const WickSignalParams *params = ctx->params;
  double floor_usd = params->cascade_floor_usd * ctx->interval_ms / (double) HOUR_MS;
  guint window_bars = params->baseline_bars;
  Episode episode = { FALSE, 0, 0, 0.0 };
  g_autofree double *xs = g_new (double, ctx->n);
  guint filled = 0;
  WickWindow w;
  guint i;

  _wick_window_init (&w, window_bars);

  for (i = 0; i < ctx->n; i++)
    {
      gboolean is_cascade = FALSE;
      double z = 0.0;

      if (!isnan (side[i]) && side[i] >= floor_usd &&
          side[i] / (side[i] + other[i]) >= params->cascade_share)
        {
          fill_log1p (xs, side, window_bars, &filled, i);
          is_cascade = _wick_window_is_outlier (&w, xs, window_bars, i, params->cascade_z, &z);
        }

      if (is_cascade)
        {
          ctx->flags[i] |= is_long ? WICK_BAR_LONG_CASCADE : WICK_BAR_SHORT_CASCADE;

          if (episode.is_open && i - episode.last <= params->cascade_gap_bars + 1)
            {
              episode.last = i;
              episode.max_z = MAX (episode.max_z, z);
            }
          else
            {
              episode = (Episode) { TRUE, i, i, z };
            }
        }
      else if (episode.is_open && i - episode.last > params->cascade_gap_bars)
        {
          report_episode (ctx, &episode, is_long, side, i);
          episode.is_open = FALSE;
        }
    }

  _wick_window_clear (&w);
}

/* §3's (a) or (b): a wide down candle, or one that closes well off its low. */
static gboolean
has_long_lower_shadow (const WickSignalsContext *ctx,
                       guint                     i)
{
  const WickCandle *c = &ctx->candles[i];

  return MIN (c->open, c->close) - c->low >= ctx->params->capitulation_shadow * (c->high - c->low);
}

static gboolean
is_wide_down_candle (const WickSignalsContext *ctx,
                     guint                     i)
{
  const WickCandle *c = &ctx->candles[i];

  return c->close < c->open &&
         c->high - c->low >= ctx->params->capitulation_range_atr * _wick_atr_before (ctx, i);
}

static gboolean
is_climax_shape (const WickSignalsContext *ctx,
                 guint                     i)
{
  const WickCandle *c = &ctx->candles[i];

  if (!(c->high > c->low) || !(_wick_atr_before (ctx, i) > 0.0))
    return FALSE;

  return is_wide_down_candle (ctx, i) || has_long_lower_shadow (ctx, i);
}

/* Whether swing low @j is the lowest low of the capitulation_low_bars candles before it: the
 * bottom of a sell-off, not a dip inside a rally. */
static gboolean
is_sell_off_low (const WickSignalsContext *ctx,
                 guint                     j)
{
  guint bars = ctx->params->capitulation_low_bars;
  guint k;

  for (k = j > bars ? j - bars : 0; k < j; k++)
    if (ctx->candles[k].low < ctx->candles[j].low)
      return FALSE;

  return TRUE;
}

/* Whether candle @i, within reach of a sell-off low, is a §3 capitulation candle: the right
 * shape and a volume spike. The robust z of log V is needed only where the volume ratio alone
 * does not make a spike. */
static gboolean
is_capitulation_candle (const WickSignalsContext *ctx,
                        WickWindow               *w,
                        double                   *logs,
                        guint                    *filled,
                        guint                     i)
{
  const WickSignalParams *params = ctx->params;

  /* (The logarithm of a volume that is not above zero is NAN.) */
  if (!(ctx->candles[i].volume > 0.0) || !is_climax_shape (ctx, i))
    return FALSE;

  if (ctx->candles[i].volume >= params->capitulation_volume * ctx->volume_average[i])
    return TRUE;

  fill_log_volume (logs, ctx->candles, params->baseline_bars, filled, i);
  return _wick_window_is_outlier (w, logs, params->baseline_bars, i, params->capitulation_z,
                                  NULL);
}

static char *
format_capitulation (const WickSignalsContext *ctx,
                     guint                     i,
                     double                    ratio,
                     double                    shadow)
{
  const WickCandle *c = &ctx->candles[i];
  g_autofree char *low = wick_format_level (c->low);
  char ratio_text[WICK_FORMAT_BUF_SIZE];
  char atr_text[WICK_FORMAT_BUF_SIZE];

  wick_format_grouped_into (ratio_text, sizeof ratio_text, ratio, 1);

  if (has_long_lower_shadow (ctx, i))
    {
      g_autofree char *percent = wick_format_percent (shadow, 0);

      /* Translators: a price, a volume ratio ("24.6"), then a number of per cent */
      return g_strdup_printf (_("Capitulation volume at %s: %s× the average volume, "
                                "closed %s %% of the range off the low"),
                              low, ratio_text, percent);
    }

  wick_format_grouped_into (atr_text, sizeof atr_text,
                            (c->high - c->low) / _wick_atr_before (ctx, i), 1);
  /* Translators: a price, a volume ratio ("24.6"), then a multiple of the ATR ("2.1") */
  return g_strdup_printf (_("Capitulation volume at %s: %s× the average volume "
                            "on a down candle %s ATR long"),
                          low, ratio_text, atr_text);
}

static void
report_capitulation (WickSignalsContext *ctx,
                     guint               i,
                     guint               confirmed)
{
  const WickSignalParams *params = ctx->params;
  const WickCandle *c = &ctx->candles[i];
  double range = c->high - c->low;
  double shadow = (MIN (c->open, c->close) - c->low) / range;
  double atr = _wick_atr_before (ctx, i);
  double ratio = c->volume / ctx->volume_average[i];
  double shape;

  if (has_long_lower_shadow (ctx, i))
    {
      shape = (shadow - params->capitulation_shadow) / (1.0 - params->capitulation_shadow);
    }
  else
    {
      g_assert (is_wide_down_candle (ctx, i));
      shape = (range / atr - params->capitulation_range_atr) / params->capitulation_range_atr;
    }

  _wick_signals_emit (ctx, WICK_SIGNAL_CAPITULATION_VOLUME, WICK_SIGNAL_BULLISH,
                      i, i, confirmed, c->low, NAN,
                      0.5 + 0.25 * _wick_clamp01 ((ratio - params->capitulation_volume) /
                                                  params->capitulation_volume) +
                      0.25 * _wick_clamp01 (shape),
                      -1,
                      _wick_signals_has_text (ctx) ? format_capitulation (ctx, i, ratio, shadow)
                                                   : NULL);
}

/* Walks the sell-off lows in order, flags the capitulation candles within reach of each and
 * reports its best: the candles a low reaches are all tested by the time it is reported, and
 * the candles are read in one sweep, not once for the lows and again for the flags. */
static void
find_capitulation (WickSignalsContext *ctx)
{
  const WickPivot *swings = (const WickPivot *) (gpointer) ctx->swings->data;
  guint reach = ctx->params->capitulation_near_bars;
  guint last_reported = G_MAXUINT;
  g_autofree double *logs = g_new (double, MAX (ctx->n, 1));
  guint filled = 0, tested = 0;
  WickWindow w;
  guint s, i;

  _wick_window_init (&w, ctx->params->baseline_bars);

  for (s = 0; s < ctx->swings->len; s++)
    {
      const WickPivot *swing = &swings[s];
      guint first = swing->index > reach ? swing->index - reach : 0;
      guint end = MIN (swing->index + reach + 1, ctx->n);
      guint best = G_MAXUINT;

      if (swing->kind != WICK_PIVOT_LOW || !is_sell_off_low (ctx, swing->index))
        continue;

      /* The swings are in the order of their candles, so the candles within reach of the
       * earlier ones are tested already. */
      for (i = MAX (first, tested); i < end; i++)
        if (is_capitulation_candle (ctx, &w, logs, &filled, i))
          ctx->capitulation[i] |= WICK_BAR_CAPITULATION;
      tested = MAX (tested, end);

      for (i = first; i < end; i++)
        if ((ctx->capitulation[i] & WICK_BAR_CAPITULATION) &&
            (best == G_MAXUINT || ctx->candles[i].volume > ctx->candles[best].volume))
          best = i;

      /* Two swing lows a few candles apart can share their best candle. */
      if (best == G_MAXUINT || best == last_reported)
        continue;

      report_capitulation (ctx, best, MAX (swing->confirmed_index, best));
      last_reported = best;
    }

  _wick_window_clear (&w);
}

/**
 * _wick_signals_find_cascades:
 *
 * §3: the cascade candles and episodes of both sides, when there are liquidations. Leaves the
 * cascade flags, which other rules grade with.
 */
void
_wick_signals_find_cascades (WickSignalsContext *ctx)
{
  if (ctx->n_liquidations > 0 && ctx->n > 0)
    {
      g_autofree double *longs = g_new (double, ctx->n);
      g_autofree double *shorts = g_new (double, ctx->n);

      align_liquidations (ctx, longs, shorts);
      find_cascades (ctx, longs, shorts, TRUE);
      find_cascades (ctx, shorts, longs, FALSE);
    }
}

/**
 * _wick_signals_find_capitulation:
 *
 * §3: the capitulation candles. Leaves their flags in the context's own array for them, so
 * that a rule reading the cascade flags may run meanwhile.
 */
void
_wick_signals_find_capitulation (WickSignalsContext *ctx)
{
  find_capitulation (ctx);
}
