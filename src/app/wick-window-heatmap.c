/* wick-window-heatmap.c: the window's liquidation heatmap: its options, settings and hooks
 *
 * The heatmap's models and pictures are built on worker threads
 * (wick-window-heatmap-build.c); the chart only paints the latest picture. The popover's
 * controls (wick-window-heatmap-popover.c) and the `heatmap-*` settings follow each other,
 * and the `L` key toggles the heatmap while the chart has the focus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include "wick-heatmap-settings.h"
#include "wick-window-heatmap-private.h"

void
_wick_window_heatmap_show (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  wick_chart_set_heatmap (self->chart, h->is_visible ? h->image : NULL);
}

static void
on_viewport_changed_cb (WickWindow   *self,
                        WickViewport *viewport)
{
  if (self->heatmap != NULL)
    _wick_window_heatmap_check_view (self);
}

static void
on_series_changed_cb (WickWindow *self,
                      WickSeries *series)
{
  if (self->heatmap != NULL)
    _wick_window_heatmap_series_changed (self, series);
}

/* ---- options ---- */

/* Shows @options (or hides the heatmap), building what the picture shown lacks. */
void
_wick_window_heatmap_apply (WickWindow               *self,
                            const WickHeatmapOptions *options,
                            gboolean                  is_visible)
{
  WickWindowHeatmap *h = self->heatmap;
  double low, high;

  h->options = *options;
  h->is_visible = is_visible;
  _wick_window_heatmap_sync_controls (self);

  if (!is_visible)
    {
      g_cancellable_cancel (h->cancellable);
      g_clear_object (&h->cancellable);
      g_clear_handle_id (&h->rebin_id, g_source_remove);
      _wick_window_heatmap_show (self);
      return;
    }

  if (h->market == NULL)
    return;

  if (_wick_window_heatmap_needs_rebin (self, options))
    {
      _wick_window_heatmap_build (self, FALSE);
      return;
    }

  _wick_window_heatmap_show (self);
  wick_heatmap_image_get_threshold (h->image, &low, &high);
  if (low != options->threshold_low || high != options->threshold_high)
    _wick_window_heatmap_build (self, TRUE);
}

void
_wick_window_heatmap_save (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  if (h->settings == NULL)
    return;

  h->is_writing = TRUE;
  wick_heatmap_settings_write (h->settings, &h->options, h->is_visible);
  h->is_writing = FALSE;
}

static void
on_settings_changed_cb (WickWindow *self,
                        const char *key,
                        GSettings  *settings)
{
  WickHeatmapOptions options;
  gboolean is_visible;

  if (self->heatmap == NULL || self->heatmap->is_writing || !g_str_has_prefix (key, "heatmap-"))
    return;

  wick_heatmap_settings_read (settings, &options, &is_visible);
  _wick_window_heatmap_apply (self, &options, is_visible);
}

static void
wick_window_toggle_heatmap (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  WickWindowHeatmap *h = self->heatmap;

  _wick_window_heatmap_apply (self, &h->options, !h->is_visible);
  _wick_window_heatmap_save (self);
}

/* ---- hooks ---- */

void
_wick_window_heatmap_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, WickWindow, heatmap_menu_button);
  gtk_widget_class_install_action (widget_class, "win.toggle-heatmap", NULL,
                                   wick_window_toggle_heatmap);
}

void
_wick_window_heatmap_init (WickWindow *self)
{
  WickWindowHeatmap *h;
  GtkEventController *shortcuts;
  GtkShortcut *toggle;

  h = self->heatmap = g_new0 (WickWindowHeatmap, 1);
  wick_heatmap_options_init (&h->options);
  h->is_visible = TRUE;

  _wick_window_heatmap_build_popover (self);
  _wick_window_heatmap_sync_controls (self);

  g_signal_connect_object (wick_chart_get_viewport (self->chart), "changed",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);

  /* L toggles the heatmap only while the chart has the focus, so it never eats a letter
   * typed elsewhere. */
  shortcuts = gtk_shortcut_controller_new ();
  toggle = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l, 0),
                             gtk_named_action_new ("win.toggle-heatmap"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), toggle);
  gtk_widget_add_controller (GTK_WIDGET (self->chart), shortcuts);
}

void
_wick_window_heatmap_dispose (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  if (h == NULL)
    return;

  if (h->market != NULL)
    g_clear_signal_handler (&h->series_changed_id, wick_market_get_series (h->market));
  g_clear_object (&h->market);
  _wick_window_heatmap_clear_models (self);
  g_clear_object (&h->image);
  if (h->settings != NULL)
    g_signal_handlers_disconnect_by_data (h->settings, self);
  g_clear_object (&h->settings);
  g_cancellable_cancel (h->cancellable);
  g_clear_object (&h->cancellable);
  g_clear_handle_id (&h->rebin_id, g_source_remove);
  g_clear_handle_id (&h->live_refresh_id, g_source_remove);
  g_clear_pointer (&self->heatmap, g_free);
}

/* The settings arrive with the application; until then the defaults apply. */
void
_wick_window_heatmap_set_settings (WickWindow *self,
                                   GSettings  *settings)
{
  WickWindowHeatmap *h = self->heatmap;
  WickHeatmapOptions options;
  gboolean is_visible;

  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (!g_set_object (&h->settings, settings) || settings == NULL)
    return;

  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  wick_heatmap_settings_read (settings, &options, &is_visible);
  _wick_window_heatmap_apply (self, &options, is_visible);
}

/* Call once @market is shown at the range it opens on. */
void
_wick_window_heatmap_set_market (WickWindow *self,
                                 WickMarket *market)
{
  WickWindowHeatmap *h = self->heatmap;

  g_return_if_fail (market == NULL || WICK_IS_MARKET (market));

  if (h->market != NULL)
    g_clear_signal_handler (&h->series_changed_id, wick_market_get_series (h->market));

  g_set_object (&h->market, market);
  _wick_window_heatmap_clear_models (self);
  g_clear_object (&h->image);
  g_cancellable_cancel (h->cancellable);
  g_clear_object (&h->cancellable);
  g_clear_handle_id (&h->rebin_id, g_source_remove);
  g_clear_handle_id (&h->live_refresh_id, g_source_remove);
  _wick_window_heatmap_show (self);

  if (market == NULL)
    return;

  h->model_length = wick_series_get_length (wick_market_get_series (market));
  h->series_changed_id = g_signal_connect_object (wick_market_get_series (market), "changed",
                                                  G_CALLBACK (on_series_changed_cb), self,
                                                  G_CONNECT_SWAPPED);
  _wick_window_heatmap_build (self, FALSE);
}

/**
 * wick_window_is_heatmap_pending:
 *
 * Returns: whether a heatmap is being built or about to be, for the view or options shown
 */
gboolean
wick_window_is_heatmap_pending (WickWindow *self)
{
  g_return_val_if_fail (WICK_IS_WINDOW (self), FALSE);

  return self->heatmap != NULL &&
         (self->heatmap->cancellable != NULL || self->heatmap->rebin_id != 0);
}
