/* wick-signals-swings.c: V-shaped recoveries, higher lows, n-week highs and lows, RSI divergence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

#include "wick-format.h"

#include <glib/gi18n-lib.h>

#define WEEK_MS G_GINT64_CONSTANT (604800000)

/* A V-shaped recovery from swing low j, completed at candle t. */
typedef struct
{
  guint  j;
  guint  t;
  double drop;    /* H0 - L[j] */
  double high;    /* H0 */
  double rally;   /* the highest close since j over L[j], less 1 */
} Recovery;

static char *
format_v_recovery (const WickSignalsContext *ctx,
                   const Recovery           *v,
                   double                    retrace,
                   gboolean                  is_sharp)
{
  g_autofree char *drop_text = wick_format_percent (v->drop / v->high, 1);
  g_autofree char *low_text = wick_format_level (ctx->candles[v->j].low);
  g_autofree char *rally_text = wick_format_percent (v->rally, 1);
  g_autofree char *duration = _wick_signals_format_duration ((gint64) (v->t - v->j) *
                                                             ctx->interval_ms);
  g_autofree char *retrace_text = wick_format_percent (retrace, 0);

  return g_strdup_printf (is_sharp
                          /* Translators: per cent, a price, per cent, a duration ("25 hours"),
                           * per cent. Sharp: after a liquidation cascade or capitulation. */
                          ? _("Sharp V-shaped recovery: down %s %% to %s, then up %s %% in %s, "
                              "retracing %s %% of the drop")
                          : _("V-shaped recovery: down %s %% to %s, then up %s %% in %s, "
                              "retracing %s %% of the drop"),
                          drop_text, low_text, rally_text, duration, retrace_text);
}

static void
report_v_recovery (WickSignalsContext *ctx,
                   const Recovery     *v)
{
  const WickSignalParams *params = ctx->params;
  const WickCandle *c = ctx->candles;
  double low = c[v->j].low;
  double retrace = (c[v->t].close - low) / v->drop;
  gboolean is_sharp = FALSE;
  guint k;

  for (k = v->j > 2 ? v->j - 2 : 0; k <= v->j + 2; k++)
    if ((ctx->flags[k] & WICK_BAR_LONG_CASCADE) ||
        (ctx->capitulation[k] & WICK_BAR_CAPITULATION))
      is_sharp = TRUE;

  _wick_signals_emit (ctx, WICK_SIGNAL_V_RECOVERY, WICK_SIGNAL_BULLISH,
                      v->j, v->t, v->t, c[v->t].close, low,
                      0.4 + 0.2 * _wick_clamp01 ((v->rally - params->v_rally) / params->v_rally) +
                      0.2 * _wick_clamp01 ((retrace - params->v_retrace) /
                                           (1.0 - params->v_retrace)) +
                      (is_sharp ? 0.2 : 0.0),
                      -1,
                      _wick_signals_has_text (ctx) ? format_v_recovery (ctx, v, retrace, is_sharp)
                                                   : NULL);
}

/* §4: the first candle that completes a V from swing low @swing, if any. */
static gboolean
find_v_recovery (WickSignalsContext *ctx,
                 const WickPivot    *swing,
                 Recovery           *v)
{
  const WickSignalParams *params = ctx->params;
  const WickCandle *c = ctx->candles;
  guint j = swing->index;
  double low = c[j].low;
  double atr = _wick_atr_before (ctx, j);
  double high = low, best_close;
  guint k, t;

  if (!(atr > 0.0))
    return FALSE;

  /* The drop from the highest high of the candles before; j must be their lowest low. */
  for (k = j > params->v_high_bars ? j - params->v_high_bars : 0; k < j; k++)
    {
      if (c[k].low < low)
        return FALSE;
      high = MAX (high, c[k].high);
    }
  high = MAX (high, c[j].high);

  v->j = j;
  v->high = high;
  v->drop = high - low;
  /* X, or in a quiet market 3 ATR that are at least half of X. */
  if (!(v->drop / high >= params->v_drop ||
        (v->drop >= params->v_drop_atr * atr && v->drop / high >= params->v_drop / 2.0)))
    return FALSE;

  best_close = c[j].close;
  for (t = j + 1; t <= j + params->v_max_bars && t < ctx->n; t++)
    {
      /* A lower low means j was not the bottom of the V. */
      if (c[t].low < low)
        return FALSE;

      best_close = MAX (best_close, c[t].close);
      v->rally = (best_close - low) / low;
      v->t = t;

      if (t >= swing->confirmed_index && v->rally >= params->v_rally &&
          (c[t].close - low) / v->drop >= params->v_retrace)
        return TRUE;
    }

  return FALSE;
}

/* Each swing low's V, one per completing candle: of two Vs completed by the same candle,
 * the one from the lower low. */
static void
find_v_recoveries (WickSignalsContext *ctx)
{
  const WickPivot *swings = (const WickPivot *) (gpointer) ctx->swings->data;
  Recovery pending = { 0, }, v;
  gboolean has_pending = FALSE;
  guint s;

  for (s = 0; s < ctx->swings->len; s++)
    {
      if (swings[s].kind != WICK_PIVOT_LOW || !find_v_recovery (ctx, &swings[s], &v))
        continue;

      if (has_pending && pending.t == v.t)
        {
          if (ctx->candles[v.j].low < ctx->candles[pending.j].low)
            pending = v;
          continue;
        }

      if (has_pending)
        report_v_recovery (ctx, &pending);
      pending = v;
      has_pending = TRUE;
    }

  if (has_pending)
    report_v_recovery (ctx, &pending);
}

static char *
format_higher_low (const WickPivot *p1,
                   const WickPivot *high,
                   const WickPivot *p2)
{
  g_autofree char *low_text = wick_format_level (p2->price);
  g_autofree char *gap_text = wick_format_level (p2->price - p1->price);
  g_autofree char *p1_text = wick_format_level (p1->price);
  g_autofree char *high_text = wick_format_level (high->price);

  /* Translators: four prices */
  return g_strdup_printf (_("Higher low at %s, %s above the %s low, after the high at %s"),
                          low_text, gap_text, p1_text, high_text);
}

static void
report_higher_low (WickSignalsContext *ctx,
                   const WickPivot    *p1,
                   const WickPivot    *high,
                   const WickPivot    *p2,
                   guint               confirmed)
{
  double atr = _wick_atr_before (ctx, p2->index);

  if (!(atr > 0.0) || !(p2->price > p1->price + ctx->params->higher_low_atr * atr))
    return;

  _wick_signals_emit (ctx, WICK_SIGNAL_HIGHER_LOW, WICK_SIGNAL_BULLISH,
                      p1->index, p2->index, confirmed, p2->price, p1->price,
                      0.4 + 0.6 * _wick_clamp01 ((p2->price - p1->price) /
                                                 (high->price - p1->price)),
                      -1,
                      _wick_signals_has_text (ctx) ? format_higher_low (p1, high, p2) : NULL);
}

/* §4's higher low on the minor zig-zag, walked as wick_zigzag_build () walks it, one
 * confirmed pivot at a time: a low point is final when the next high point is added. */
static void
find_higher_lows (WickSignalsContext *ctx)
{
  const WickPivot *pivots = (const WickPivot *) (gpointer) ctx->swings->data;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (WickPivot));
  guint i;

  for (i = 0; i < ctx->swings->len; i++)
    {
      const WickPivot *pivot = &pivots[i];
      WickPivot *last;

      if (points->len == 0)
        {
          g_array_append_val (points, *pivot);
          continue;
        }

      last = &g_array_index (points, WickPivot, points->len - 1);

      if (pivot->kind == last->kind)
        {
          if (pivot->kind == WICK_PIVOT_HIGH ? pivot->price > last->price
                                             : pivot->price < last->price)
            *last = *pivot;
        }
      else if (pivot->index > last->index &&
               fabs (pivot->price - last->price) >=
               ctx->params->swing_leg_atr * ctx->atr[pivot->index])
        {
          g_array_append_val (points, *pivot);

          /* Lows L0, L1 = P1, L2 = P2 with highs between, and now the high after P2: the
           * first higher low after a lower low. */
          if (pivot->kind == WICK_PIVOT_HIGH && points->len >= 6)
            {
              const WickPivot *p = (const WickPivot *) (gpointer) points->data;
              guint n = points->len;

              if (p[n - 4].price < p[n - 6].price)
                report_higher_low (ctx, &p[n - 4], &p[n - 3], &p[n - 2], pivot->confirmed_index);
            }
        }
    }
}

static char *
format_n_week (const WickPivot *swing,
               guint            weeks,
               gboolean         has_before,
               gint64           since_ms)
{
  g_autofree char *price = wick_format_level (swing->price);
  g_autofree char *date = _wick_signals_format_date (since_ms);
  const char *format;

  if (swing->kind == WICK_PIVOT_HIGH)
    format = has_before
             /* Translators: a number of weeks, a price, then a date ("17 Nov 2025") */
             ? g_dngettext (GETTEXT_PACKAGE,
                            "%u-week high at %s: the highest high since %s",
                            "%u-week high at %s: the highest high since %s", weeks)
             : g_dngettext (GETTEXT_PACKAGE,
                            "%u-week high at %s: the highest high since the data "
                            "starts on %s",
                            "%u-week high at %s: the highest high since the data "
                            "starts on %s",
                            weeks);
  else
    format = has_before
             ? g_dngettext (GETTEXT_PACKAGE, "%u-week low at %s: the lowest low since %s",
                            "%u-week low at %s: the lowest low since %s", weeks)
             : g_dngettext (GETTEXT_PACKAGE,
                            "%u-week low at %s: the lowest low since the data starts "
                            "on %s",
                            "%u-week low at %s: the lowest low since the data starts "
                            "on %s",
                            weeks);

  return g_strdup_printf (format, weeks, price, date);
}

/* How many candles ahead of the one being looked at the walks over them prefetch: a candle
 * is read long after the one before it, or a swing or a pivot apart. */
#define CANDLES_AHEAD 48

/* n-week highs and lows at the swing highs and lows, with a stack of the candles that are
 * not exceeded by any later one, so each swing finds the last candle at or beyond it. */
static void
find_n_week_extremes (WickSignalsContext *ctx)
{
  const WickSignalParams *params = ctx->params;
  const WickCandle *c = ctx->candles;
  const WickPivot *swings = (const WickPivot *) (gpointer) ctx->swings->data;
  /* Each stack keeps its candles' prices beside them: reading them from candles far back
   * would miss the cache at every step. They grow as needed: a market's stacks stay a few
   * thousand deep where a million candles' worth would be 24 MB of pages to touch. */
  guint capacity = MIN (MAX (ctx->n, 1), 4096);
  g_autofree guint *highs = g_new (guint, capacity);
  g_autofree guint *lows = g_new (guint, capacity);
  g_autofree double *high_prices = g_new (double, capacity);
  g_autofree double *low_prices = g_new (double, capacity);
  guint n_highs = 0, n_lows = 0;
  guint s = 0, i;

  for (i = 0; i < ctx->n && s < ctx->swings->len; i++)
    {
      if (MAX (n_highs, n_lows) == capacity)
        {
          capacity *= 2;
          highs = g_renew (guint, highs, capacity);
          lows = g_renew (guint, lows, capacity);
          high_prices = g_renew (double, high_prices, capacity);
          low_prices = g_renew (double, low_prices, capacity);
        }

      if (i + CANDLES_AHEAD < ctx->n)
        __builtin_prefetch (&c[i + CANDLES_AHEAD]);

      while (n_highs > 0 && high_prices[n_highs - 1] < c[i].high)
        n_highs--;
      while (n_lows > 0 && low_prices[n_lows - 1] > c[i].low)
        n_lows--;

      for (; s < ctx->swings->len && swings[s].index == i; s++)
        {
          const WickPivot *swing = &swings[s];
          gboolean is_high = swing->kind == WICK_PIVOT_HIGH;
          guint n_before = is_high ? n_highs : n_lows;
          gboolean has_before = n_before > 0;
          guint since = has_before ? (is_high ? highs : lows)[n_before - 1] : 0;
          guint weeks = (guint) ((c[i].open_time_ms - c[since].open_time_ms) / WEEK_MS);

          if (weeks < params->n_week_min)
            continue;

          _wick_signals_emit (ctx, is_high ? WICK_SIGNAL_N_WEEK_HIGH : WICK_SIGNAL_N_WEEK_LOW,
                              is_high ? WICK_SIGNAL_BULLISH : WICK_SIGNAL_BEARISH,
                              since, i, swing->confirmed_index, swing->price,
                              has_before ? (is_high ? c[since].high : c[since].low) : NAN,
                              0.5 + 0.5 * _wick_clamp01 ((double) (weeks - params->n_week_min) /
                                                         (52.0 - params->n_week_min)),
                              -1,
                              _wick_signals_has_text (ctx)
                                ? format_n_week (swing, weeks, has_before, c[since].open_time_ms)
                                : NULL);

          if (is_high)
            {
              WickWeekLevel level = { i, swing->confirmed_index, weeks, swing->price };

              g_array_append_val (ctx->week_levels, level);
            }
        }

      high_prices[n_highs] = c[i].high;
      highs[n_highs++] = i;
      low_prices[n_lows] = c[i].low;
      lows[n_lows++] = i;
    }
}

/* Candles of RSI pivots looked for at a time. */
#define PIVOT_CHUNK 2048

/*
 * The lowest and highest of the @bars RSI values before each candle q of [@first, @end), and
 * how many of them are NAN, at q - @first. A pivot at p is below (above) the window before p
 * and the one before p + bars + 1, which is the window after p. The windows are taken a value
 * back at a time over all the candles, in loops the compiler vectorises: looking at each
 * candle's ten neighbours in turn cost more. A window with a NAN in it has no pivot, as every
 * comparison with NAN fails; its lowest and highest are then not used.
 */
static void
find_rsi_windows (const double *rsi,
                  guint         first,
                  guint         end,
                  guint         bars,
                  double       *lowest,
                  double       *highest,
                  double       *n_nan)
{
  guint len = end - first, q, k;

  for (q = 0; q < len; q++)
    {
      lowest[q] = INFINITY;
      highest[q] = -INFINITY;
      n_nan[q] = 0.0;
    }

  for (k = 1; k <= bars; k++)
    {
      const double *before = rsi + first - k;

      for (q = 0; q < len; q++)
        {
          lowest[q] = before[q] < lowest[q] ? before[q] : lowest[q];
          highest[q] = before[q] > highest[q] ? before[q] : highest[q];
          n_nan[q] += before[q] != before[q] ? 1.0 : 0.0;
        }
    }
}

static char *
format_divergence (const WickSignalsContext *ctx,
                   guint                     p1,
                   guint                     p2,
                   double                    price1,
                   double                    price2,
                   gboolean                  is_bullish)
{
  g_autofree char *price1_text = wick_format_level (price1);
  g_autofree char *price2_text = wick_format_level (price2);
  char rsi1[WICK_FORMAT_BUF_SIZE];
  char rsi2[WICK_FORMAT_BUF_SIZE];

  wick_format_grouped_into (rsi1, sizeof rsi1, ctx->rsi[p1], 1);
  wick_format_grouped_into (rsi2, sizeof rsi2, ctx->rsi[p2], 1);

  if (is_bullish)
    /* Translators: a price, the earlier price, an RSI value, the earlier RSI value */
    return g_strdup_printf (_("Bullish RSI divergence: a lower low at %s (from %s) while RSI "
                              "made a higher low, %s (from %s)"),
                            price2_text, price1_text, rsi2, rsi1);

  return g_strdup_printf (_("Bearish RSI divergence: a higher high at %s (from %s) while RSI "
                            "made a lower high, %s (from %s)"),
                          price2_text, price1_text, rsi2, rsi1);
}

static void
report_divergence (WickSignalsContext *ctx,
                   guint               p1,
                   guint               p2,
                   gboolean            is_bullish)
{
  const WickCandle *c = ctx->candles;
  double price1 = is_bullish ? c[p1].low : c[p1].high;
  double price2 = is_bullish ? c[p2].low : c[p2].high;
  gboolean is_extreme = is_bullish ? ctx->rsi[p1] < 30.0 : ctx->rsi[p1] > 70.0;

  _wick_signals_emit (ctx, WICK_SIGNAL_RSI_DIVERGENCE,
                      is_bullish ? WICK_SIGNAL_BULLISH : WICK_SIGNAL_BEARISH,
                      p1, p2, p2 + ctx->params->divergence_bars, price2, price1,
                      0.4 + 0.3 * _wick_clamp01 (fabs (ctx->rsi[p2] - ctx->rsi[p1]) / 10.0) +
                      (is_extreme ? 0.3 : 0.0),
                      -1,
                      _wick_signals_has_text (ctx)
                        ? format_divergence (ctx, p1, p2, price1, price2, is_bullish) : NULL);
}

/* §6: regular divergences between consecutive RSI pivots. */
static void
find_rsi_divergences (WickSignalsContext *ctx)
{
  const WickSignalParams *params = ctx->params;
  const WickCandle *c = ctx->candles;
  const double *rsi = ctx->rsi;
  guint bars = params->divergence_bars;
  guint last_low = G_MAXUINT, last_high = G_MAXUINT;
  g_autofree double *lowest = NULL;
  g_autofree double *highest = NULL;
  g_autofree double *n_nan = NULL;
  guint base, p;

  if (ctx->n <= 2 * bars)
    return;

  lowest = g_new (double, PIVOT_CHUNK + bars + 1);
  highest = g_new (double, PIVOT_CHUNK + bars + 1);
  n_nan = g_new (double, PIVOT_CHUNK + bars + 1);

  for (base = bars; base + bars < ctx->n; base += PIVOT_CHUNK)
    {
      guint end = MIN (base + PIVOT_CHUNK, ctx->n - bars);

      /* The windows before the chunk's candles and before those bars + 1 on. */
      find_rsi_windows (rsi, base, end + bars + 1, bars, lowest, highest, n_nan);

      for (p = base; p < end; p++)
        {
          guint before = p - base, after = before + bars + 1;
          gboolean has_nan = n_nan[before] + n_nan[after] > 0.0;
          gboolean is_low = !has_nan && rsi[p] < lowest[before] && rsi[p] <= lowest[after];
          gboolean is_high = !has_nan && rsi[p] > highest[before] && rsi[p] >= highest[after];

          /* The candles are read at the pivots only, too far apart for the cache to see them
           * coming: asked for a little ahead. */
          if (p + CANDLES_AHEAD < ctx->n)
            __builtin_prefetch (&c[p + CANDLES_AHEAD]);

          if (is_low)
            {
              if (last_low != G_MAXUINT &&
                  p - last_low >= params->divergence_min_bars &&
                  p - last_low <= params->divergence_max_bars &&
                  rsi[p] > rsi[last_low] && c[p].low < c[last_low].low)
                report_divergence (ctx, last_low, p, TRUE);
              last_low = p;
            }

          if (is_high)
            {
              if (last_high != G_MAXUINT &&
                  p - last_high >= params->divergence_min_bars &&
                  p - last_high <= params->divergence_max_bars &&
                  rsi[p] < rsi[last_high] && c[p].high > c[last_high].high)
                report_divergence (ctx, last_high, p, FALSE);
              last_high = p;
            }
        }
    }
}

/**
 * _wick_signals_find_v_recoveries:
 *
 * §4's V-shaped recoveries, read from the swings; they grade with the flow rules' flags.
 */
void
_wick_signals_find_v_recoveries (WickSignalsContext *ctx)
{
  find_v_recoveries (ctx);
}

/**
 * _wick_signals_find_swings:
 * @rule: which of the rules read from swings that need no flags
 *
 * Higher lows (§4), n-week highs and lows (and the levels the breakout rule needs from them),
 * or RSI divergences (§6). They need none of the flow rules' flags, so each may run beside
 * them and beside the others.
 */
void
_wick_signals_find_swings (WickSignalsContext *ctx,
                           WickSwingRule       rule)
{
  switch (rule)
    {
    case WICK_SWING_RULE_HIGHER_LOWS:
      find_higher_lows (ctx);
      break;
    case WICK_SWING_RULE_N_WEEK:
      find_n_week_extremes (ctx);
      break;
    case WICK_SWING_RULE_DIVERGENCES:
      find_rsi_divergences (ctx);
      break;
    case WICK_N_SWING_RULES:
    default:
      g_assert_not_reached ();
    }
}
