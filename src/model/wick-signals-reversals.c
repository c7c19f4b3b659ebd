/* wick-signals-reversals.c: TA-Lib reversal candles at support and resistance (signals.md §5)
 *
 * Read by the levels walk (wick-signals-levels.c) at each candle, with the zones as they stood
 * at the close before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

#include "wick-format.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

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

static char *
format_reversal_candle (const WickSignalsContext *ctx,
                        guint                     p,
                        const WickBand           *zone,
                        guint                     i,
                        double                    extreme,
                        gboolean                  is_bullish)
{
  const char *format = is_bullish ? reversal_patterns[p].support : reversal_patterns[p].resistance;
  g_autofree char *name = wick_format_level (_wick_signals_band_name (zone));
  g_autofree char *extreme_text = wick_format_level (extreme);
  g_autofree char *close = wick_format_level (ctx->candles[i].close);

  return g_strdup_printf (_(format), name, extreme_text, close);
}

static void
report_reversal_candle (WickSignalsContext *ctx,
                        guint               p,
                        const WickBand     *zone,
                        guint               touches,
                        guint               i,
                        double              extreme,
                        gboolean            is_bullish)
{
  int output = ctx->patterns[reversal_patterns[p].pattern][i];

  _wick_signals_emit (ctx, WICK_SIGNAL_REVERSAL_CANDLE,
                      is_bullish ? WICK_SIGNAL_BULLISH : WICK_SIGNAL_BEARISH,
                      i + 1 - reversal_patterns[p].span, i, i, extreme,
                      is_bullish ? zone->low : zone->high,
                      0.4 + 0.3 * abs (output) / 100.0 + 0.3 * _wick_clamp01 (touches / 3.0),
                      reversal_patterns[p].pattern,
                      _wick_signals_has_text (ctx)
                        ? format_reversal_candle (ctx, p, zone, i, extreme, is_bullish) : NULL);
}

/**
 * _wick_signals_is_extra_pattern:
 *
 * Returns: whether no rule reads @pattern (only the reversal candles read patterns)
 */
gboolean
_wick_signals_is_extra_pattern (WickPattern pattern)
{
  for (guint p = 0; p < G_N_ELEMENTS (reversal_patterns); p++)
    {
      if (reversal_patterns[p].pattern == pattern)
        return FALSE;
    }

  return TRUE;
}

/* Whether any of the reversal patterns ends at candle @i: at most candles, none does. */
gboolean
_wick_signals_has_reversal_pattern (const WickSignalsContext *ctx,
                                    guint                     i)
{
  int any = 0;

  for (guint p = 0; p < G_N_ELEMENTS (reversal_patterns); p++)
    any |= ctx->patterns[reversal_patterns[p].pattern][i];

  return any != 0;
}

/* The first pattern, in order of strength, that ends at candle @i at a zone. */
void
_wick_signals_check_reversal_candles (WickSignalsContext *ctx,
                                      WickTouchCounts    *counts,
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

      if (!_wick_signals_is_probe (ctx, extreme, first, is_bullish))
        continue;

      for (k = 0; k < n_bands; k++)
        {
          gboolean is_touch = is_bullish
                              ? (extreme <= b[k].high + tolerance) & (c[i].close >= b[k].low)
                              : (extreme >= b[k].low - tolerance) & (c[i].close <= b[k].high);
          guint touches;

          if (!is_touch || _wick_signals_band_is_support (ctx, &b[k], first) != is_bullish)
            continue;

          /* Of the zones reached, the one tested most often before. */
          touches = _wick_signals_count_touches (ctx, counts, &b[k], is_bullish, first);
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
