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

/* The values of the last few candles, kept sorted, for a rolling median and MAD. */
typedef struct
{
  double *values;  /* Owned: sorted ascending */
  guint   n;
  guint   capacity;
} Window;

static void
window_init (Window *w,
             guint   capacity)
{
  w->values = g_new (double, MAX (capacity, 1));
  w->n = 0;
  w->capacity = capacity;
}

static void
window_clear (Window *w)
{
  g_clear_pointer (&w->values, g_free);
  w->n = 0;
}

/* The first position whose value is not below @x. */
static guint
window_lower_bound (const Window *w,
                    double        x)
{
  guint lo = 0, hi = w->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (w->values[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
window_insert (Window *w,
               double  x)
{
  guint at = window_lower_bound (w, x);

  g_assert (w->n < w->capacity);
  memmove (&w->values[at + 1], &w->values[at], (w->n - at) * sizeof (double));
  w->values[at] = x;
  w->n++;
}

static void
window_remove (Window *w,
               double  x)
{
  guint at = window_lower_bound (w, x);

  g_assert (at < w->n && w->values[at] == x);
  memmove (&w->values[at], &w->values[at + 1], (w->n - at - 1) * sizeof (double));
  w->n--;
}

static double
window_median (const Window *w)
{
  g_assert (w->n > 0);

  return w->n % 2 ? w->values[w->n / 2]
                  : (w->values[w->n / 2 - 1] + w->values[w->n / 2]) / 2.0;
}

/* The k-th smallest (from 0) of the distances |x - median|: the values below the median,
 * read downwards, and those at or above it, read upwards, are two ascending runs. */
static double
window_kth_distance (const Window *w,
                     double        median,
                     guint         split,
                     guint         k)
{
  int left = (int) split - 1;
  guint right = split;
  double d = 0.0;
  guint taken;

  for (taken = 0; taken <= k; taken++)
    {
      double dl = left >= 0 ? median - w->values[left] : G_MAXDOUBLE;
      double dr = right < w->n ? w->values[right] - median : G_MAXDOUBLE;

      if (dl <= dr)
        {
          d = dl;
          left--;
        }
      else
        {
          d = dr;
          right++;
        }
    }

  return d;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Makes the window hold the known @values of the @bars candles before @i, given that it holds
 * those before @synced: slides it when that is near, sorts afresh when it is far. */
static void
window_sync (Window       *w,
             const double *values,
             guint         bars,
             guint        *synced,
             guint         i)
{
  guint k;

  if (i - *synced > bars / 2)
    {
      w->n = 0;
      for (k = i > bars ? i - bars : 0; k < i; k++)
        if (!isnan (values[k]))
          w->values[w->n++] = values[k];
      qsort (w->values, w->n, sizeof (double), compare_doubles);
    }
  else
    {
      for (k = *synced; k < i; k++)
        {
          if (k >= bars && !isnan (values[k - bars]))
            window_remove (w, values[k - bars]);
          if (!isnan (values[k]))
            window_insert (w, values[k]);
        }
    }

  *synced = i;
}

/* Iglewicz and Hoaglin's modified z-score of @x against the window (see the header). */
static double
window_robust_z (const Window *w,
                 double        x)
{
  double median = window_median (w);
  guint split = window_lower_bound (w, median);
  double mad, mean_dev = 0.0;
  guint i;

  if (w->n % 2)
    mad = window_kth_distance (w, median, split, w->n / 2);
  else
    mad = (window_kth_distance (w, median, split, w->n / 2 - 1) +
           window_kth_distance (w, median, split, w->n / 2)) / 2.0;

  if (mad > 0.0)
    return 0.6745 * (x - median) / mad;

  for (i = 0; i < w->n; i++)
    mean_dev += fabs (w->values[i] - median);
  mean_dev /= w->n;

  if (mean_dev > 0.0)
    return (x - median) / (1.253314 * mean_dev);

  return x > median ? INFINITY : x < median ? -INFINITY : 0.0;
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
  double total = 0.0, move, oi_before, oi_after, strength;
  g_autofree char *total_text = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *price = NULL;
  char *text;

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

  total_text = wick_format_usd (total);
  duration = _wick_signals_format_duration ((gint64) (e - s + 1) * ctx->interval_ms);
  price = wick_format_level (is_long ? c[extreme].low : c[extreme].high);

  oi_before = ctx->n_open_interest > 0 ? open_interest_at (ctx, s - 1) : NAN;
  oi_after = ctx->n_open_interest > 0 ? open_interest_at (ctx, e) : NAN;

  if (oi_before > 0.0 && !isnan (oi_after))
    {
      double change = oi_after / oi_before - 1.0;
      g_autofree char *percent = wick_format_percent (fabs (change), 1);

      if (is_long)
        text = g_strdup_printf (change < 0
                                /* Translators: a dollar amount, a duration ("4 hours"), a price,
                                 * then a number of per cent */
                                ? _("Long liquidation cascade: %s of longs liquidated in %s, "
                                    "down to %s; open interest fell %s %%")
                                : _("Long liquidation cascade: %s of longs liquidated in %s, "
                                    "down to %s; open interest rose %s %%"),
                                total_text, duration, price, percent);
      else
        text = g_strdup_printf (change < 0
                                ? _("Short liquidation cascade: %s of shorts liquidated in %s, "
                                    "up to %s; open interest fell %s %%")
                                : _("Short liquidation cascade: %s of shorts liquidated in %s, "
                                    "up to %s; open interest rose %s %%"),
                                total_text, duration, price, percent);
    }
  else
    {
      text = g_strdup_printf (is_long
                              /* Translators: a dollar amount, a duration ("4 hours"), a price */
                              ? _("Long liquidation cascade: %s of longs liquidated in %s, "
                                  "down to %s")
                              : _("Short liquidation cascade: %s of shorts liquidated in %s, "
                                  "up to %s"),
                              total_text, duration, price);
    }

  _wick_signals_emit (ctx, WICK_SIGNAL_LIQUIDATION_CASCADE,
                      is_long ? WICK_SIGNAL_BULLISH : WICK_SIGNAL_BEARISH,
                      s, extreme, confirmed,
                      is_long ? c[extreme].low : c[extreme].high,
                      NAN, strength, -1, text);
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
  guint synced = 0;
  Window w;
  guint i;

  for (i = 0; i < ctx->n; i++)
    xs[i] = log1p (side[i]);

  window_init (&w, window_bars);

  for (i = 0; i < ctx->n; i++)
    {
      double x = xs[i];
      gboolean is_cascade = FALSE;
      double z = 0.0;

      if (!isnan (side[i]) && side[i] >= floor_usd &&
          side[i] / (side[i] + other[i]) >= params->cascade_share)
        {
          window_sync (&w, xs, window_bars, &synced, i);
          if (w.n > 0 && w.n * 2 >= window_bars)
            {
              z = window_robust_z (&w, x);
              is_cascade = z >= params->cascade_z;
            }
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

  window_clear (&w);
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

/* Flags the candles within reach of a swing low that are §3 capitulation candles: the right
 * shape and a volume spike. The robust z of log V is needed only where the volume ratio alone
 * does not make a spike, but its window slides over every candle. */
static void
flag_capitulation (WickSignalsContext *ctx)
{
  const WickSignalParams *params = ctx->params;
  const WickPivot *swings = (const WickPivot *) (gpointer) ctx->swings->data;
  guint window_bars = params->baseline_bars;
  guint reach = params->capitulation_near_bars;
  g_autofree guint8 *wanted = g_new0 (guint8, ctx->n);
  g_autofree double *logs = g_new (double, ctx->n);
  guint synced = 0;
  Window w;
  guint s, i;

  for (i = 0; i < ctx->n; i++)
    logs[i] = ctx->candles[i].volume > 0.0 ? log (ctx->candles[i].volume) : NAN;

  for (s = 0; s < ctx->swings->len; s++)
    {
      guint j = swings[s].index;

      if (swings[s].kind != WICK_PIVOT_LOW || !is_sell_off_low (ctx, j))
        continue;

      for (i = j > reach ? j - reach : 0; i <= j + reach && i < ctx->n; i++)
        wanted[i] = TRUE;
    }

  window_init (&w, window_bars);

  for (i = 0; i < ctx->n; i++)
    {
      gboolean is_spike;

      if (!wanted[i] || isnan (logs[i]) || !is_climax_shape (ctx, i))
        continue;

      is_spike = ctx->candles[i].volume >= params->capitulation_volume * ctx->volume_average[i];
      if (!is_spike)
        {
          window_sync (&w, logs, window_bars, &synced, i);
          is_spike = w.n > 0 && w.n * 2 >= window_bars &&
                     window_robust_z (&w, logs[i]) >= params->capitulation_z;
        }

      if (is_spike)
        ctx->flags[i] |= WICK_BAR_CAPITULATION;
    }

  window_clear (&w);
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
  g_autofree char *low = wick_format_level (c->low);
  char ratio_text[WICK_FORMAT_BUF_SIZE];
  char *text;

  wick_format_grouped_into (ratio_text, sizeof ratio_text, ratio, 1);

  if (has_long_lower_shadow (ctx, i))
    {
      g_autofree char *percent = wick_format_percent (shadow, 0);

      shape = (shadow - params->capitulation_shadow) / (1.0 - params->capitulation_shadow);
      /* Translators: a price, a volume ratio ("24.6"), then a number of per cent */
      text = g_strdup_printf (_("Capitulation volume at %s: %s× the average volume, "
                                "closed %s %% of the range off the low"),
                              low, ratio_text, percent);
    }
  else
    {
      char atr_text[WICK_FORMAT_BUF_SIZE];

      g_assert (is_wide_down_candle (ctx, i));
      shape = (range / atr - params->capitulation_range_atr) / params->capitulation_range_atr;
      wick_format_grouped_into (atr_text, sizeof atr_text, range / atr, 1);
      /* Translators: a price, a volume ratio ("24.6"), then a multiple of the ATR ("2.1") */
      text = g_strdup_printf (_("Capitulation volume at %s: %s× the average volume "
                                "on a down candle %s ATR long"),
                              low, ratio_text, atr_text);
    }

  _wick_signals_emit (ctx, WICK_SIGNAL_CAPITULATION_VOLUME, WICK_SIGNAL_BULLISH,
                      i, i, confirmed, c->low, NAN,
                      0.5 + 0.25 * _wick_clamp01 ((ratio - params->capitulation_volume) /
                                                  params->capitulation_volume) +
                      0.25 * _wick_clamp01 (shape),
                      -1, text);
}

static void
find_capitulation (WickSignalsContext *ctx)
{
  const WickPivot *swings = (const WickPivot *) (gpointer) ctx->swings->data;
  guint reach = ctx->params->capitulation_near_bars;
  guint last_reported = G_MAXUINT;
  guint s, i;

  flag_capitulation (ctx);

  for (s = 0; s < ctx->swings->len; s++)
    {
      const WickPivot *swing = &swings[s];
      guint best = G_MAXUINT;

      if (swing->kind != WICK_PIVOT_LOW || !is_sell_off_low (ctx, swing->index))
        continue;

      for (i = swing->index > reach ? swing->index - reach : 0;
           i <= swing->index + reach && i < ctx->n; i++)
        if ((ctx->flags[i] & WICK_BAR_CAPITULATION) &&
            (best == G_MAXUINT || ctx->candles[i].volume > ctx->candles[best].volume))
          best = i;

      /* Two swing lows a few candles apart can share their best candle. */
      if (best == G_MAXUINT || best == last_reported)
        continue;

      report_capitulation (ctx, best, MAX (swing->confirmed_index, best));
      last_reported = best;
    }
}

/**
 * _wick_signals_find_flow:
 *
 * §3: the cascade candles and episodes of both sides (when there are liquidations) and the
 * capitulation candles. Leaves the per-candle flags that other rules grade with.
 */
void
_wick_signals_find_flow (WickSignalsContext *ctx)
{
  if (ctx->n_liquidations > 0 && ctx->n > 0)
    {
      g_autofree double *longs = g_new (double, ctx->n);
      g_autofree double *shorts = g_new (double, ctx->n);

      align_liquidations (ctx, longs, shorts);
      find_cascades (ctx, longs, shorts, TRUE);
      find_cascades (ctx, shorts, longs, FALSE);
    }

  find_capitulation (ctx);
}
