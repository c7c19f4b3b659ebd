/* wick-window-state.c: the chart's view and the panels, kept from one run to the next
 *
 * When the window closes, the time range in view is saved with the market it belongs to, and
 * whether the signals panel is shown (the window's size is saved in wick-window.c). The next
 * window opens its panel the same way, and once the same market has loaded it shows the same
 * range instead of the default one. A view that held the latest candle keeps holding it: it
 * moves on by as many candles as arrived since, keeping its width, so whoever watched the
 * last 200 candles sees the last 200 again. A view of the past keeps its dates. A range with
 * no candle of the market left in it gives way to the default view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <math.h>

#include "wick-window-private.h"

struct _WickWindowView
{
  char   *market_key;  /* Owned: "exchange:symbol:interval" */
  gint64  from_ms;
  gint64  to_ms;
  gint64  latest_ms;   /* the open time of the market's latest candle when it was saved */
};

static void
wick_window_view_free (WickWindowView *view)
{
  g_free (view->market_key);
  g_free (view);
}

static char *
dup_market_key (WickMarket *market)
{
  return g_strdup_printf ("%s:%s:%s",
                          wick_market_get_exchange (market),
                          wick_market_get_symbol (market),
                          wick_market_get_interval (market));
}

/**
 * _wick_window_state_restore:
 *
 * Shows or hides the signals panel as it was, and keeps the saved view until the first market
 * has loaded.
 */
void
_wick_window_state_restore (WickWindow *self,
                            GSettings  *settings)
{
  g_autofree char *market_key = g_settings_get_string (settings, "view-market");
  WickWindowView *view;

  adw_flap_set_reveal_flap (self->signals_flap,
                            g_settings_get_boolean (settings, "signals-visible"));

  g_clear_pointer (&self->saved_view, wick_window_view_free);
  if (market_key[0] == '\0')
    return;

  view = g_new0 (WickWindowView, 1);
  view->market_key = g_steal_pointer (&market_key);
  view->from_ms = g_settings_get_int64 (settings, "view-start");
  view->to_ms = g_settings_get_int64 (settings, "view-end");
  view->latest_ms = g_settings_get_int64 (settings, "view-latest");

  if (view->to_ms <= view->from_ms)
    {
      wick_window_view_free (view);
      return;
    }

  self->saved_view = view;
}

/**
 * _wick_window_state_save:
 *
 * Saves the time range in view with its market, and whether the signals panel is shown.
 */
void
_wick_window_state_save (WickWindow *self,
                         GSettings  *settings)
{
  WickMarket *market = wick_chart_get_market (self->chart);
  const WickCandle *latest;
  g_autofree char *market_key = NULL;
  double from_ms, to_ms;

  /* A narrow window folds the panel away by itself: that is not the user's choice. */
  if (!adw_flap_get_folded (self->signals_flap))
    g_settings_set_boolean (settings, "signals-visible",
                            adw_flap_get_reveal_flap (self->signals_flap));

  if (market == NULL || (latest = wick_series_get_last (wick_market_get_series (market))) == NULL)
    return;

  market_key = dup_market_key (market);
  wick_viewport_get_time_range (wick_chart_get_viewport (self->chart), &from_ms, &to_ms);
  g_settings_set_string (settings, "view-market", market_key);
  g_settings_set_int64 (settings, "view-start", (gint64) llround (from_ms));
  g_settings_set_int64 (settings, "view-end", (gint64) llround (to_ms));
  g_settings_set_int64 (settings, "view-latest", latest->open_time_ms);
}

/**
 * _wick_window_state_show_saved_view:
 * @market: the market just put on the chart
 *
 * Shows the saved view when it belongs to @market and some of its candles are in it.
 *
 * Returns: whether it did; else the caller shows the default view
 */
gboolean
_wick_window_state_show_saved_view (WickWindow *self,
                                    WickMarket *market)
{
  WickWindowView *view = self->saved_view;
  WickSeries *series = wick_market_get_series (market);
  const WickCandle *latest = wick_series_get_last (series);
  const WickCandle *first;
  g_autofree char *market_key = NULL;
  gint64 from_ms, to_ms;

  if (view == NULL || latest == NULL)
    return FALSE;

  market_key = dup_market_key (market);
  if (!g_str_equal (market_key, view->market_key))
    return FALSE;

  from_ms = view->from_ms;
  to_ms = view->to_ms;
  if (to_ms >= view->latest_ms)
    {
      from_ms += latest->open_time_ms - view->latest_ms;
      to_ms += latest->open_time_ms - view->latest_ms;
    }

  first = wick_series_get_candle (series, 0);
  if (to_ms <= first->open_time_ms ||
      from_ms >= latest->open_time_ms + wick_series_get_interval_ms (series))
    return FALSE;

  wick_chart_show_range (self->chart, from_ms, to_ms);
  return TRUE;
}

/**
 * _wick_window_state_forget_view:
 *
 * The first load is over: later markets open on their default view.
 */
void
_wick_window_state_forget_view (WickWindow *self)
{
  g_clear_pointer (&self->saved_view, wick_window_view_free);
}
