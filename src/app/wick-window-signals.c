/* wick-window-signals.c: the window's reversal signals: analysis, side panel and markers
 *
 * When a market loads, and again when its series changes, its candles, liquidations and
 * open interest are copied into a snapshot and analysed on a worker thread; the result is
 * handed whole to the chart, which draws the markers, and to the side panel, which lists
 * them. A series that changes several times in a row is analysed once. Picking a row
 * centres the chart on its candle, and so do Alt+Right and Alt+Left, which pick the next or
 * the previous signal in time. The panel sits in a flap at the window's end, folded away
 * on narrow windows, and the header bar's button or F9 shows and hides it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-scene-settings.h"
#include "wick-window-private.h"

static void
cancel_panel_signals (WickWindow *self)
{
  if (self->panel_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->panel_tick_id);
  self->panel_tick_id = 0;
  g_clear_pointer (&self->panel_signals, wick_signals_unref);
}

static gboolean
on_panel_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  WickWindow *self = WICK_WINDOW (widget);
  g_autoptr(WickSignals) signals = NULL;

  /* Ticks come before a frame's layout: wait for the frame after the chart's. */
  if (gdk_frame_clock_get_frame_counter (frame_clock) < self->panel_frame + 2)
    return G_SOURCE_CONTINUE;

  self->panel_tick_id = 0;
  signals = g_steal_pointer (&self->panel_signals);
  wick_signals_panel_set_signals (self->signals_panel, signals);

  return G_SOURCE_REMOVE;
}

/* A first fill of the panel's list makes and measures a row for each of up to 200 signals,
 * about as long as drawing the chart (tests/bench/bench-signals-panel.c): on a window on
 * screen, the chart's frame with the markers is drawn first and the panel gets them in the
 * frame after. A later analysis of the same market only adds and drops the rows of the
 * signals that changed (wick_signals_panel_set_signals ()), so live refills cost little. */
static void
show_signals_in_panel (WickWindow  *self,
                       WickSignals *signals)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  cancel_panel_signals (self);
  if (frame_clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      wick_signals_panel_set_signals (self->signals_panel, signals);
      return;
    }

  self->panel_signals = wick_signals_ref (signals);
  self->panel_frame = gdk_frame_clock_get_frame_counter (frame_clock);
  self->panel_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_panel_tick_cb,
                                                      NULL, NULL);
}

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
  show_signals_in_panel (self, signals);
}

static void
wick_window_signals_analyze (WickWindow *self)
{
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;

  g_cancellable_cancel (self->signals_cancellable);
  g_clear_object (&self->signals_cancellable);

  if (self->signals_market == NULL)
    return;

  /* The analysis reads only the snapshot, on a thread of its own, and keeps it for as long
   * as the signals are shown. */
  if (_wick_window_shows_fixed_market (self))
    snapshot = wick_signals_snapshot_new_sharing (self->signals_market);
  else
    snapshot = wick_signals_snapshot_new_for_market (self->signals_market);
  self->signals_length = wick_series_get_length (wick_market_get_series (self->signals_market));
  self->signals_cancellable = g_cancellable_new ();
  /* Each indicator line is worked out when first drawn (a few milliseconds at a million
   * candles): the arrays of the ones not drawn would take 8 MB each. */
  wick_signals_analyze_async (snapshot, NULL, WICK_SIGNALS_ANALYZE_LAZY_EXTRAS,
                              self->signals_cancellable, on_signals_analyzed_cb,
                              g_object_ref (self));
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

/* From the selected row, or with none from the middle of the chart. */
static void
wick_window_select_adjacent_signal (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  int direction = g_str_equal (action_name, "win.next-signal") ? 1 : -1;
  double from_ms, to_ms;

  wick_viewport_get_time_range (wick_chart_get_viewport (self->chart), &from_ms, &to_ms);
  if (!wick_signals_panel_select_adjacent (self->signals_panel, direction,
                                           (gint64) ((from_ms + to_ms) / 2)))
    gtk_widget_error_bell (widget);
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
  gtk_widget_class_install_action (widget_class, "win.next-signal", NULL,
                                   wick_window_select_adjacent_signal);
  gtk_widget_class_install_action (widget_class, "win.previous-signal", NULL,
                                   wick_window_select_adjacent_signal);
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
  cancel_panel_signals (self);
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
  cancel_panel_signals (self);
  wick_signals_panel_set_signals (self->signals_panel, NULL);

  if (market != NULL)
    self->signals_series_changed_id =
      g_signal_connect_object (wick_market_get_series (market), "changed",
                               G_CALLBACK (on_series_changed_cb), self, G_CONNECT_SWAPPED);

  wick_window_signals_analyze (self);
}

static void
on_settings_hidden_kinds_changed_cb (WickWindow *self,
                                     const char *key,
                                     GSettings  *settings)
{
  guint32 hidden = wick_scene_settings_get_hidden_kinds (settings);

  wick_chart_set_hidden_signal_kinds (self->chart, hidden);
  wick_signals_panel_set_hidden_kinds (self->signals_panel, hidden);
}

/* The chart's markers and the panel's rows leave out the kinds the preferences hide, live. */
void
_wick_window_signals_set_settings (WickWindow *self,
                                   GSettings  *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect_object (settings, "changed::signal-kinds-hidden",
                           G_CALLBACK (on_settings_hidden_kinds_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_settings_hidden_kinds_changed_cb (self, NULL, settings);
}
