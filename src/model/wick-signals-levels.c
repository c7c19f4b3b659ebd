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
static double
band_name (const WickBand *band)
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
static gboolean
band_is_support (const WickSignalsContext *ctx,
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
static gboolean
is_probe (const WickSignalsContext *ctx,
          double                    price,
          guint                     i,
          gboolean                  is_low)
{
  guint k;

  for (k = i > ctx->params->probe_bars ? i - ctx->params->probe_bars : 0; k < i; k++)
    if (is_low ? ctx->candles[k].low < price : ctx->candles[k].high > price)
      return FALSE;

  return TRUE;
}

/* §2's touches of the band in its role, from its first pivot up to candle @end, excluded. */
static guint
count_touches (const WickSignalsContext *ctx,
               const WickBand           *band,
               gboolean                  is_support,
               guint                     end)
{
  const WickCandle *c = ctx->candles;
  guint spacing = ctx->params->zones.touch_spacing;
  guint touches = 0, last = 0, k;

  for (k = band->first_index; k < end; k++)
    {
      double tolerance = ctx->params->touch_atr * (isfinite (ctx->atr[k]) ? ctx->atr[k] : 0.0);
      gboolean is_touch = is_support
                          ? c[k].low <= band->high + tolerance && c[k].close >= band->low
                          : c[k].high >= band->low - tolerance && c[k].close <= band->high;

      if (!is_touch)
        continue;
      if (touches == 0 || k - last >= spacing)
        touches++;
      last = k;
    }

  return touches;
}

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

static void
report_spring (WickSignalsContext *ctx,
               const WickBand     *band,
               guint               touches,
               guint               start,
               guint               low_index,
               guint               confirmed)
{
  const WickCandle *c = ctx->candles;
  g_autofree char *name = wick_format_level (band_name (band));
  g_autofree char *low = wick_format_level (c[low_index].low);
  char *text;

  if (start == confirmed)
    /* Translators: the support's price, then the low of the candle's wick */
    text = g_strdup_printf (_("Support test at %s: wick to %s, closed back above"), name, low);
  else
    {
      g_autofree char *duration = _wick_signals_format_duration ((gint64) (confirmed - start) *
                                                                 ctx->interval_ms);

      /* Translators: the support's price, the lowest low below it, then a duration */
      text = g_strdup_printf (_("Support test at %s: closed below, down to %s, and back above "
                                "after %s"),
                              name, low, duration);
    }

  _wick_signals_emit (ctx, WICK_SIGNAL_SUPPORT_TEST, WICK_SIGNAL_BULLISH,
                      start, low_index, confirmed, c[low_index].low, band->low,
                      0.4 + 0.3 * _wick_clamp01 (touches / 3.0) + 0.3 * cascade_share (ctx, start),
                      -1, text);
}

/* Wick springs at candle @i, and the start of close springs. */
static void
check_springs (WickSignalsContext *ctx,
               const WickBand     *b,
               guint               n_bands,
               guint               i,
               GArray             *excursions)
{
  const WickCandle *c = ctx->candles;
  double atr = _wick_atr_before (ctx, i);
  const WickBand *swept = NULL;
  const WickBand *lost = NULL;
  gboolean is_low = is_probe (ctx, c[i].low, i, TRUE);
  guint swept_touches = 0;
  guint k;

  for (k = 0; k < n_bands; k++)
    {
      gboolean is_swept = is_low && c[i].low < b[k].low - ctx->params->spring_atr * atr &&
                          c[i].close >= b[k].low;
      gboolean is_lost = c[i].close < b[k].low && c[i - 1].close >= b[k].low;

      if ((!is_swept && !is_lost) || !band_is_support (ctx, &b[k], i))
        continue;

      /* Of the zones swept, the one tested most often before. */
      if (is_swept)
        {
          guint touches = count_touches (ctx, &b[k], TRUE, i);

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
          if (is_probe (ctx, c[e->low_index].low, e->start, TRUE))
            report_spring (ctx, &e->band, count_touches (ctx, &e->band, TRUE, e->start),
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

static void
report_breakout (WickSignalsContext *ctx,
                 const Attempt      *attempt,
                 guint               confirmed)
{
  const WickCandle *c = ctx->candles;
  guint i = attempt->index;
  double atr = _wick_atr_before (ctx, i);
  double ratio = c[i].volume / ctx->volume_average[i];
  g_autofree char *name = wick_format_level (attempt->level);
  g_autofree char *close = wick_format_level (c[i].close);
  char ratio_text[WICK_FORMAT_BUF_SIZE];
  char *text;

  wick_format_grouped_into (ratio_text, sizeof ratio_text, ratio, 1);

  if (attempt->weeks > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: weeks, a price, a price, then a volume
                                          * ratio ("2.3") */
                                         "Breakout above the %u-week high at %s: closed at %s "
                                         "on %s× the average volume",
                                         "Breakout above the %u-week high at %s: closed at %s "
                                         "on %s× the average volume",
                                         attempt->weeks),
                            attempt->weeks, name, close, ratio_text);
  else
    /* Translators: a price, a price, then a volume ratio ("2.3") */
    text = g_strdup_printf (_("Breakout above resistance at %s: closed at %s on %s× the "
                              "average volume"),
                            name, close, ratio_text);

  _wick_signals_emit (ctx, WICK_SIGNAL_BREAKOUT, WICK_SIGNAL_BULLISH,
                      i, i, confirmed, c[i].close, attempt->level,
                      0.4 + 0.3 * _wick_clamp01 ((ratio - ctx->params->breakout_volume) /
                                                 ctx->params->breakout_volume) +
                      0.3 * _wick_clamp01 ((c[i].close - attempt->level) / atr),
                      -1, text);
}

static void
report_failed_breakout (WickSignalsContext *ctx,
                        const Attempt      *attempt,
                        guint               f)
{
  const WickCandle *c = ctx->candles;
  double atr = _wick_atr_before (ctx, attempt->index);
  g_autofree char *name = wick_format_level (attempt->level);
  g_autofree char *close = wick_format_level (c[f].close);
  g_autofree char *duration = _wick_signals_format_duration ((gint64) (f - attempt->index) *
                                                             ctx->interval_ms);

  _wick_signals_emit (ctx, WICK_SIGNAL_FAILED_BREAKOUT, WICK_SIGNAL_BEARISH,
                      attempt->index, f, f, c[f].close, attempt->level,
                      0.5 + 0.5 * _wick_clamp01 ((attempt->level - c[f].close) / atr),
                      -1,
                      /* Translators: a price, a price, then a duration ("2 hours") */
                      g_strdup_printf (_("Failed breakout above %s: closed back below at %s, "
                                         "%s after the breakout"),
                                       name, close, duration));
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
check_breakouts (WickSignalsContext  *ctx,
                 const WickBand      *b,
                 guint                n_bands,
                 const WickWeekLevel *week,
                 guint                i,
                 GArray              *attempts)
{
  const WickSignalParams *params = ctx->params;
  const WickCandle *c = ctx->candles;
  double atr = _wick_atr_before (ctx, i);
  Attempt best = { NAN, };
  gboolean is_week_cleared = FALSE;
  guint k;

  for (k = 0; k <= n_bands; k++)
    {
      double level = k < n_bands ? b[k].high : week != NULL ? week->price : NAN;
      double margin = MAX (params->breakout_margin * level, params->breakout_margin_atr * atr);

      if (!(c[i - 1].close <= level && c[i].close > level + margin))
        continue;
      if (k < n_bands && band_is_support (ctx, &b[k], i))
        continue;
      if (k == n_bands)
        is_week_cleared = TRUE;
      if (!isnan (best.level) && level <= best.level)
        continue;

      best = (Attempt) {
        level, i, k < n_bands ? 0 : week->weeks,
        c[i].volume >= params->breakout_volume * ctx->volume_average[i],
      };
    }

  if (!isnan (best.level))
    g_array_append_val (attempts, best);

  return is_week_cleared;
}

/* The bullish patterns first, each with the candles it spans, in order of strength. */
static const struct
{
  WickPattern  pattern;
  guint        span;
  const char  *support;     /* bullish output at a support */
  const char  *resistance;  /* bearish output at a resistance; NULL when it has none */
} reversal_patterns[] = {
  /* Translators: the zone's price, the pattern's low, then the close */
  { WICK_PATTERN_MORNING_STAR, 3, N_("Morning star at support %s: low %s, close %s"), NULL },
  /* Translators: the zone's price, the pattern's high, then the close */
  { WICK_PATTERN_EVENING_STAR, 3, NULL, N_("Evening star at resistance %s: high %s, close %s") },
  { WICK_PATTERN_ENGULFING, 2, N_("Bullish engulfing at support %s: low %s, close %s"),
    N_("Bearish engulfing at resistance %s: high %s, close %s") },
  { WICK_PATTERN_PIERCING, 2, N_("Piercing line at support %s: low %s, close %s"), NULL },
  { WICK_PATTERN_HAMMER, 1, N_("Hammer at support %s: low %s, close %s"), NULL },
  { WICK_PATTERN_SHOOTING_STAR, 1, NULL, N_("Shooting star at resistance %s: high %s, close %s") },
  { WICK_PATTERN_DRAGONFLY_DOJI, 1, N_("Dragonfly doji at support %s: low %s, close %s"), NULL },
};

static void
report_reversal_candle (WickSignalsContext *ctx,
                        guint               p,
                        const WickBand     *zone,
                        guint               touches,
                        guint               i,
                        double              extreme,
                        gboolean            is_bullish)
{
  const char *format = is_bullish ? reversal_patterns[p].support : reversal_patterns[p].resistance;
  int output = ctx->patterns[reversal_patterns[p].pattern][i];
  g_autofree char *name = wick_format_level (band_name (zone));
  g_autofree char *extreme_text = wick_format_level (extreme);
  g_autofree char *close = wick_format_level (ctx->candles[i].close);

  _wick_signals_emit (ctx, WICK_SIGNAL_REVERSAL_CANDLE,
                      is_bullish ? WICK_SIGNAL_BULLISH : WICK_SIGNAL_BEARISH,
                      i + 1 - reversal_patterns[p].span, i, i, extreme,
                      is_bullish ? zone->low : zone->high,
                      0.4 + 0.3 * abs (output) / 100.0 + 0.3 * _wick_clamp01 (touches / 3.0),
                      reversal_patterns[p].pattern,
                      g_strdup_printf (_(format), name, extreme_text, close));
}

/* The first pattern, in order of strength, that ends at candle @i at a zone. */
static void
check_reversal_candles (WickSignalsContext *ctx,
                        const WickBand     *b,
                        guint               n_bands,
                        guint               i,
                        gboolean            is_bullish)
{
  const WickCandle *c = ctx->candles;
  double tolerance = ctx->params->touch_atr * _wick_atr_before (ctx, i);
  guint p, k;

  for (p = 0; p < G_N_ELEMENTS (reversal_patterns); p++)
    {
      int output = ctx->patterns[reversal_patterns[p].pattern][i];
      guint span = reversal_patterns[p].span;
      double extreme = is_bullish ? c[i].low : c[i].high;
      const WickBand *zone = NULL;
      guint zone_touches = 0;
      guint first;

      if ((is_bullish ? output <= 0 || reversal_patterns[p].support == NULL
                      : output >= 0 || reversal_patterns[p].resistance == NULL) || i < span)
        continue;

      first = i + 1 - span;
      for (k = first; k < i; k++)
        extreme = is_bullish ? MIN (extreme, c[k].low) : MAX (extreme, c[k].high);

      if (!is_probe (ctx, extreme, first, is_bullish))
        continue;

      for (k = 0; k < n_bands; k++)
        {
          gboolean is_touch = is_bullish
                              ? extreme <= b[k].high + tolerance && c[i].close >= b[k].low
                              : extreme >= b[k].low - tolerance && c[i].close <= b[k].high;
          guint touches;

          if (!is_touch || band_is_support (ctx, &b[k], first) != is_bullish)
            continue;

          /* Of the zones reached, the one tested most often before. */
          touches = count_touches (ctx, &b[k], is_bullish, first);
          if (zone == NULL || touches > zone_touches)
            {
              zone = &b[k];
              zone_touches = touches;
            }
        }

      if (zone != NULL)
        {
          report_reversal_candle (ctx, p, zone, zone_touches, i, extreme, is_bullish);
          return;
        }
    }
}

/**
 * _wick_signals_find_levels:
 *
 * Walks the candles once with the zones as they stood at the close before each: springs,
 * breakouts and their failures, and reversal candles at a zone.
 */
void
_wick_signals_find_levels (WickSignalsContext *ctx)
{
  const WickWeekLevel *levels = (const WickWeekLevel *) (gpointer) ctx->week_levels->data;
  g_autoptr(GArray) excursions = g_array_new (FALSE, FALSE, sizeof (Excursion));
  g_autoptr(GArray) attempts = g_array_new (FALSE, FALSE, sizeof (Attempt));
  const WickWeekLevel *week = NULL;
  WickZoneIndex *zi;
  guint next_level = 0;
  guint i;

  if (ctx->n < 2)
    return;

  zi = _wick_zone_index_new (ctx->candles, ctx->n, ctx->atr, &ctx->params->zones);

  for (i = 1; i < ctx->n; i++)
    {
      const WickBand *bands;
      guint n_bands;

      /* The longest stage: give up now and then when asked to. */
      if (i % 65536 == 0 && g_cancellable_is_cancelled (ctx->cancellable))
        break;

      follow_excursions (ctx, excursions, i);
      follow_attempts (ctx, attempts, i);

      /* The latest n-week high known at the close before; a breakout uses it up. */
      for (; next_level < ctx->week_levels->len && levels[next_level].confirmed_index < i;
           next_level++)
        week = &levels[next_level];

      if (!(_wick_atr_before (ctx, i) > 0.0))
        continue;

      bands = _wick_zone_index_get_bands (zi, i - 1, &n_bands);

      check_springs (ctx, bands, n_bands, i, excursions);
      if (check_breakouts (ctx, bands, n_bands, week, i, attempts))
        week = NULL;
      check_reversal_candles (ctx, bands, n_bands, i, TRUE);
      check_reversal_candles (ctx, bands, n_bands, i, FALSE);
    }

  _wick_zone_index_free (zi);
}
