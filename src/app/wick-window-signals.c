/* wick-window-signals.c: the window's reversal signals: analysis, side panel and markers
 *
 * When a market loads, and again when its series changes, its candles, liquidations and
 * open interest are copied into a snapshot and analysed on a worker thread; the result is
 * handed whole to the chart, which draws the markers, and to the side panel, which lists
 * them. A series that changes several times in a row is analysed once. Picking a row
 * centres the chart on its candle. The panel sits in a flap at the window's end, folded away
 * on narrow windows, and the header bar's button or F9 shows and hides it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-window-private.h"

static void
on_signals_analyzed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(WickWindow) self = user_data;
  g_autoptr(WickSignals) signals = NULL;
  g_autoptr(GError) error = NULL;

  signals = wick_signals_analyze_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->signals_cancellable);

  if (signals == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, as in “Not enough candles” */
      message = g_strdup_printf (_("Could not find the signals: %s"), error->message);
      g_printerr ("wick: %s\n", message);
      wick_window_show_toast (self, message);
      return;
    }

  wick_chart_set_signals (self->chart, signals);
  wick_signals_panel_set_signals (self->signals_panel, signals);
}

static void
wick_window_signals_analyze (WickWindow *self)
{
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;

  g_cancellable_cancel (self->signals_cancellable);
  g_clear_object (&self->signals_cancellable);

  if (self->signals_market == NULL)
    return;

  /* The snapshot copies the market here, on its own thread; the analysis reads only that. */
  snapshot = wick_signals_snapshot_new_for_market (self->signals_market);
  self->signals_length = wick_series_get_length (wick_market_get_series (self->signals_market));
  self->signals_cancellable = g_cancellable_new ();
  wick_signals_analyze_async (snapshot, NULL, self->signals_cancellable,
                              on_signals_analyzed_cb, g_object_ref (self));
}

static void
wick_window_signals_reanalyze (gpointer data)
{
  WickWindow *self = data;

  self->signals_idle_id = 0;
  wick_window_signals_analyze (self);
}

/* The markers shown stay until the new analysis replaces them: the candles they stand at
 * are still there. New candles are analysed at once; live ticks of the forming candle, which
 * no signal is found on yet, at most every WICK_WINDOW_LIVE_REFRESH_MS. */
static void
on_series_changed_cb (WickWindow *self,
                      WickSeries *series)
{
  if (wick_series_get_length (series) != self->signals_length)
    {
      g_clear_handle_id (&self->signals_idle_id, g_source_remove);
      self->signals_idle_id = g_idle_add_once (wick_window_signals_reanalyze, self);
    }
  else if (self->signals_idle_id == 0)
    {
      self->signals_idle_id = g_timeout_add_once (WICK_WINDOW_LIVE_REFRESH_MS,
                                                  wick_window_signals_reanalyze, self);
    }
}

static void
on_signal_activated_cb (WickWindow       *self,
                        guint             index,
                        WickSignalsPanel *panel)
{
  WickSignals *signals = wick_signals_panel_get_signals (panel);

  if (signals == NULL || signals != wick_chart_get_signals (self->chart))
    return;

  wick_chart_select_signal (self->chart, (int) index);

  /* Folded, the panel covers the chart: get it out of the way to show the signal. */
  if (adw_flap_get_folded (self->signals_flap))
    adw_flap_set_reveal_flap (self->signals_flap, FALSE);
}

static void
wick_window_toggle_signals (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->signals_flap, !adw_flap_get_reveal_flap (self->signals_flap));
}

/* ---- hooks ---- */

void
_wick_window_signals_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (WICK_TYPE_SIGNALS_PANEL);

  gtk_widget_class_bind_template_child (widget_class, WickWindow, signals_flap);
  gtk_widget_class_bind_template_child (widget_class, WickWindow, signals_panel);
  gtk_widget_class_install_action (widget_class, "win.toggle-signals", NULL,
                                   wick_window_toggle_signals);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-signals", NULL);
}

void
_wick_window_signals_init (WickWindow *self)
{
  g_signal_connect_object (self->signals_panel, "signal-activated",
                           G_CALLBACK (on_signal_activated_cb), self, G_CONNECT_SWAPPED);
}

void
_wick_window_signals_dispose (WickWindow *self)
{
  if (self->signals_market != NULL)
    g_clear_signal_handler (&self->signals_series_changed_id,
                            wick_market_get_series (self->signals_market));
  g_clear_object (&self->signals_market);
  g_cancellable_cancel (self->signals_cancellable);
  g_clear_object (&self->signals_cancellable);
  g_clear_handle_id (&self->signals_idle_id, g_source_remove);
}

/* Call once @market is shown: the signals of the market before go at once, and the new
 * ones come when their analysis is done. */
void
_wick_window_signals_set_market (WickWindow *self,
                                 WickMarket *market)
{
  g_return_if_fail (market == NULL || WICK_IS_MARKET (market));

  if (self->signals_market != NULL)
    g_clear_signal_handler (&self->signals_series_changed_id,
                            wick_market_get_series (self->signals_market));
  g_clear_handle_id (&self->signals_idle_id, g_source_remove);
  g_set_object (&self->signals_market, market);

  wick_chart_set_signals (self->chart, NULL);
  wick_signals_panel_set_signals (self->signals_panel, NULL);

  if (market != NULL)
    self->signals_series_changed_id =
      g_signal_connect_object (wick_market_get_series (market), "changed",
                               G_CALLBACK (on_series_changed_cb), self, G_CONNECT_SWAPPED);

  wick_window_signals_analyze (self);
}
