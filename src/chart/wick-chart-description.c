/* wick-chart-description.c: what the chart shows, in sentences for a screen reader
 *
 * The chart widget hands this text to assistive technologies as its accessible description,
 * so someone who cannot see the candles hears the market, the candles in view, where the
 * price went over them, the lines around the last price and the latest signal. Each sentence
 * is translated whole; numbers follow the locale (wick-format.h), times the chart's time zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "wick-chart-description.h"

#include "wick-axis.h"
#include "wick-format.h"

/* Adds @sentence (owned) to @text, a space after the sentence before. */
static void
append_sentence (GString *text,
                 char    *sentence)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, sentence);
  g_free (sentence);
}

static char *
format_time (GTimeZone *time_zone,
             gint64     time_ms)
{
  char *text;

  /* Translators: a time in the chart's description for screen readers, as in
   * “Mon 5 Jan 2026 14:00 UTC”; %Z is the time zone; see g_date_time_format() */
  text = wick_axis_format_time (time_zone, time_ms, _("%a %-d %b %Y %H:%M %Z"));

  return text != NULL ? text : g_strdup ("–");
}

static void
append_market (GString    *text,
               WickMarket *market)
{
  const char *source = wick_market_get_source_label (market);

  if (source == NULL || source[0] == '\0')
    source = wick_market_get_exchange (market);

  /* Translators: the first sentence of the chart's description for screen readers: symbol,
   * candle interval and where the data comes from, as in “BTCUSDT, 1h candles, from Binance.” */
  append_sentence (text, g_strdup_printf (_("%s, %s candles, from %s."),
                                          wick_market_get_symbol (market),
                                          wick_market_get_interval (market),
                                          source));
}

static void
append_range (GString          *text,
              GTimeZone        *time_zone,
              const WickCandle *first,
              const WickCandle *last,
              guint             n_candles)
{
  g_autofree char *from = format_time (time_zone, first->open_time_ms);
  g_autofree char *to = format_time (time_zone, last->open_time_ms);

  if (n_candles == 1)
    {
      /* Translators: the candles in view, in the chart's description; %s is a time as in
       * “Mon 5 Jan 2026 14:00 UTC” */
      append_sentence (text, g_strdup_printf (_("One candle in view, at %s."), from));
      return;
    }

  append_sentence (text, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       /* Translators: the candles in view, in
                                                        * the chart's description: how many,
                                                        * and the times of the first and the
                                                        * last, as in “120 candles in view, from
                                                        * Mon 5 Jan 2026 00:00 UTC to Sat 10
                                                        * Jan 2026 00:00 UTC.” */
                                                       "%u candle in view, from %s to %s.",
                                                       "%u candles in view, from %s to %s.",
                                                       n_candles),
                                          n_candles, from, to));
}

static void
append_change (GString *text,
               double   open,
               double   close)
{
  g_autofree char *price = wick_format_level (close);
  g_autofree char *percent = NULL;
  double change = open != 0 ? (close - open) / open : 0;

  /* Below half a hundredth of a per cent, the two decimals would read 0.00. */
  if (!isfinite (change) || fabs (change) < 0.00005)
    {
      /* Translators: in the chart's description; %s is the close of the last candle in view */
      append_sentence (text, g_strdup_printf (_("Last price %s, unchanged over the view."),
                                              price));
      return;
    }

  percent = wick_format_percent (fabs (change), 2);
  if (change > 0)
    /* Translators: in the chart's description: the close of the last candle in view, and how
     * far it is above the open of the first, as in “Last price 94,400, up 2.15 % over the
     * view.” */
    append_sentence (text, g_strdup_printf (_("Last price %s, up %s %% over the view."),
                                            price, percent));
  else
    /* Translators: as “Last price 94,400, up 2.15 % over the view.”, for a fall */
    append_sentence (text, g_strdup_printf (_("Last price %s, down %s %% over the view."),
                                            price, percent));
}

static char *
describe_line (const WickLevel *level,
               gboolean         above)
{
  g_autofree char *price = NULL;

  if (level == NULL)
    return g_strdup (above ? _("No line above it.") : _("No line below it."));

  price = wick_format_level (level->price);
  if (level->label == NULL || level->label[0] == '\0')
    return g_strdup_printf (above ?
                            /* Translators: in the chart's description; %s is a line's price */
                            _("Nearest line above: %s.") :
                            /* Translators: in the chart's description; %s is a line's price */
                            _("Nearest line below: %s."),
                            price);

  return g_strdup_printf (above ?
                          /* Translators: in the chart's description: a line's price and its
                           * label, as in “Nearest line above: 94,400, “Resistance”.” */
                          _("Nearest line above: %s, “%s”.") :
                          /* Translators: as “Nearest line above: 94,400, “Resistance”.” */
                          _("Nearest line below: %s, “%s”."),
                          price, level->label);
}

/* The user's lines nearest @price on either side. */
static void
append_levels (GString        *text,
               WickLevelStore *levels,
               double          price)
{
  const WickLevel *above = NULL, *below = NULL;
  guint n = levels != NULL ? wick_level_store_get_n_levels (levels) : 0;

  if (n == 0)
    {
      append_sentence (text, g_strdup (_("No price lines.")));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const WickLevel *level = wick_level_store_get_level (levels, i);

      if (level->price >= price && (above == NULL || level->price < above->price))
        above = level;
      else if (level->price < price && (below == NULL || level->price > below->price))
        below = level;
    }

  append_sentence (text, describe_line (above, TRUE));
  append_sentence (text, describe_line (below, FALSE));
}

/* The line chosen with a click or Alt+Up and Alt+Down, which the keys act on. */
static void
append_selected (GString        *text,
                 WickLevelStore *levels,
                 guint32         id)
{
  const WickLevel *level = levels != NULL && id != 0 ? wick_level_store_lookup (levels, id) : NULL;
  g_autofree char *price = NULL;

  if (level == NULL)
    return;

  price = wick_format_level (level->price);
  if (level->label == NULL || level->label[0] == '\0')
    /* Translators: in the chart's description; %s is the selected line's price */
    append_sentence (text, g_strdup_printf (_("Selected line: %s."), price));
  else
    /* Translators: in the chart's description: the selected line's price and its label, as
     * in “Selected line: 94,400, “Resistance”.” */
    append_sentence (text, g_strdup_printf (_("Selected line: %s, “%s”."),
                                            price, level->label));
}

/* The newest signal whose candle is in view; of several at one candle, the strongest. */
static void
append_signal (GString     *text,
               WickSignals *signals,
               GTimeZone   *time_zone,
               double       from_ms,
               double       to_ms)
{
  const WickSignal *latest = NULL;
  g_autofree char *price = NULL;
  g_autofree char *time = NULL;

  for (guint i = 0; i < wick_signals_get_n_signals (signals); i++)
    {
      const WickSignal *signal = wick_signals_get_signal (signals, i);

      if (signal->time_ms < from_ms || signal->time_ms > to_ms)
        continue;
      if (latest == NULL || signal->time_ms > latest->time_ms ||
          (signal->time_ms == latest->time_ms && signal->strength > latest->strength))
        latest = signal;
    }

  if (latest == NULL)
    {
      append_sentence (text, g_strdup (_("No signals in view.")));
      return;
    }

  price = wick_format_level (latest->price);
  time = format_time (time_zone, latest->time_ms);
  /* Translators: in the chart's description: the kind of the newest signal in view, its price
   * and its candle's time, as in “Latest signal in view: Support test at 91,540, Mon 5 Jan
   * 2026 02:00 UTC.” */
  append_sentence (text, g_strdup_printf (_("Latest signal in view: %s at %s, %s."),
                                          wick_signal_kind_get_label (latest->kind),
                                          price, time));
}

/**
 * wick_chart_description_build:
 * @scene: what the chart shows: its market, time zone, lines and signals are read
 * @viewport: the visible time range
 *
 * Describes the chart in a few sentences: the market; the candles in view (how many, from
 * when to when); the last price in view and its change since the open of the first candle
 * in view; the user's lines nearest that price above and below it, with their labels; the
 * selected line, if any; and the newest signal in view, once the signals are known.
 *
 * Returns: (transfer full): the text
 */
char *
wick_chart_description_build (const WickScene *scene,
                              WickViewport    *viewport)
{
  g_autoptr(GString) text = NULL;
  const WickCandle *candles;
  WickSeries *series;
  double from_ms, to_ms;
  guint first, end;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), NULL);

  if (scene->market == NULL)
    return g_strdup (_("No market is loaded."));

  text = g_string_new (NULL);
  append_market (text, scene->market);

  series = wick_market_get_series (scene->market);
  candles = wick_series_get_candles (series);
  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);
  first = wick_series_lower_bound (series, (gint64) ceil (from_ms));
  end = wick_series_lower_bound (series, (gint64) floor (to_ms) + 1);

  if (first >= end)
    {
      g_autofree char *from = format_time (scene->time_zone, (gint64) ceil (from_ms));
      g_autofree char *to = format_time (scene->time_zone, (gint64) floor (to_ms));

      /* Translators: in the chart's description; the times are the edges of the view, as in
       * “Mon 5 Jan 2026 14:00 UTC” */
      append_sentence (text, g_strdup_printf (_("No candles in view, from %s to %s."),
                                              from, to));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  append_range (text, scene->time_zone, &candles[first], &candles[end - 1], end - first);
  append_change (text, candles[first].open, candles[end - 1].close);
  append_levels (text, scene->levels, candles[end - 1].close);
  append_selected (text, scene->levels, scene->selected_level_id);
  if (scene->signals != NULL)
    append_signal (text, scene->signals, scene->time_zone, from_ms, to_ms);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
