/* wick-window.c: the main window: header bar, chart and toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-application.h"
#include "wick-cli.h"
#include "wick-csv-source.h"
#include "wick-sample-source.h"
#include "wick-window-private.h"

G_DEFINE_FINAL_TYPE (WickWindow, wick_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LOG_SCALE,
  PROP_LINE_ALERT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The application's settings, or %NULL outside a WickApplication (as in some tests). */
GSettings *
_wick_window_get_settings (WickWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (!WICK_IS_APPLICATION (application))
    return NULL;

  return wick_application_get_settings (WICK_APPLICATION (application));
}

/* Whether the market shown never changes: a file's or the sample's (a new load is a new
 * market), whose candles the workers read where they are. A market that live updates change
 * is copied for them: a copy of a million candles costs 48 MB for as long as it is read. */
gboolean
_wick_window_shows_fixed_market (WickWindow *self)
{
  return WICK_IS_CSV_SOURCE (self->shown_source) || WICK_IS_SAMPLE_SOURCE (self->shown_source);
}

/* The next start opens the market that loaded last. */
static void
wick_window_remember_market (WickWindow *self,
                             WickMarket *market)
{
  GSettings *settings = _wick_window_get_settings (self);

  if (settings == NULL || self->loading_spec == NULL)
    return;

  g_settings_set_string (settings, "last-source", self->loading_spec);
  g_settings_set_string (settings, "last-symbol", wick_market_get_symbol (market));
  g_settings_set_string (settings, "last-interval", wick_market_get_interval (market));
}

/* The support and resistance zones of the series shown, drawn as bands on the chart. Finding
 * them takes about 0.1 ms for 20,000 candles, so it is done here at every change. */
static void
wick_window_update_zones (WickWindow *self)
{
  WickMarket *market = wick_chart_get_market (self->chart);
  g_autoptr(WickZones) zones = NULL;

  if (market != NULL)
    {
      WickSeries *series = wick_market_get_series (market);

      zones = wick_zones_detect (wick_series_get_candles (series),
                                 wick_series_get_length (series), NULL, NULL);
    }

  wick_chart_set_zones (self->chart, zones);
}

static void
on_series_changed_cb (WickWindow *self,
                      WickSeries *series)
{
  wick_window_update_zones (self);
}

/**
 * _wick_window_show_market:
 * @source: where @market came from
 *
 * Shows @market: its lines, candles, zones, heatmap and signals, on its latest candles. The
 * market shown before stops updating.
 */
void
_wick_window_show_market (WickWindow *self,
                          WickSource *source,
                          WickMarket *market)
{
  gint64 from_ms, to_ms;

  g_assert (WICK_IS_SOURCE (source));
  g_assert (WICK_IS_MARKET (market));

  if (market == wick_chart_get_market (self->chart))
    return;

  _wick_window_live_set_market (self, NULL, NULL);
  g_set_object (&self->shown_source, source);
  _wick_window_levels_load (self, market);
  wick_chart_set_market (self->chart, market);
  g_signal_group_set_target (self->series_signals, wick_market_get_series (market));
  wick_window_update_zones (self);
  if (!_wick_window_state_show_saved_view (self, market))
    {
      wick_cli_get_default_range (market, &from_ms, &to_ms);
      wick_chart_show_range (self->chart, from_ms, to_ms);
    }
  _wick_window_heatmap_set_market (self, market);
  _wick_window_signals_set_market (self, market);
  wick_market_picker_set_market (self->market_picker, wick_source_get_name (source),
                                 wick_market_get_symbol (market),
                                 wick_market_get_interval (market));
  _wick_window_market_update_title (self);
}

static void
on_source_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  WickSource *source = WICK_SOURCE (object);
  g_autoptr(WickWindow) self = user_data;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  market = wick_source_load_finish (source, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (market == NULL)
    {
      _wick_window_market_load_finished (self, NULL);
      g_printerr ("wick: %s\n", error->message);
      wick_window_show_toast (self, error->message);

      /* Whatever was on screen stays there; a window with nothing yet gets the sample. An
       * exchange that could not be reached is tried again next time; a file that is gone
       * is not. */
      if (wick_chart_get_market (self->chart) == NULL)
        {
          g_autoptr(WickSource) sample = wick_cli_create_source ("sample", NULL, NULL, NULL);
          gboolean is_exchange = wick_market_picker_is_exchange (wick_source_get_name (source));

          wick_window_load_source (self, sample, is_exchange ? NULL : "sample", NULL, NULL);
        }
      else
        {
          _wick_window_market_sync_picker (self);
          _wick_window_market_update_title (self);
        }
      return;
    }

  wick_window_remember_market (self, market);
  _wick_window_show_market (self, source, market);
  _wick_window_live_set_market (self, source, market);
  _wick_window_market_load_finished (self, market);
}

/**
 * wick_window_load_source:
 * @spec: (nullable): the source as typed on the command line ("sample", "csv:PATH"), to
 *   open it again next time; %NULL to not remember it
 *
 * Loads a market from @source in the background, cancelling the load before it; the chart
 * keeps what it shows until the new market is there (or the source's cached copy of it), and
 * keeps it if loading fails. Once loaded, a market from an exchange is kept current live.
 */
void
wick_window_load_source (WickWindow *self,
                         WickSource *source,
                         const char *spec,
                         const char *symbol,
                         const char *interval)
{
  g_return_if_fail (WICK_IS_WINDOW (self));
  g_return_if_fail (WICK_IS_SOURCE (source));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  g_free (self->loading_spec);
  self->loading_spec = g_strdup (spec);
  _wick_window_market_load_started (self, source, symbol, interval);

  wick_source_load_async (source, symbol, interval, self->load_cancellable,
                          on_source_loaded_cb, g_object_ref (self));
}

/**
 * wick_window_is_loading:
 *
 * Returns: whether a market is being loaded
 */
gboolean
wick_window_is_loading (WickWindow *self)
{
  g_return_val_if_fail (WICK_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL;
}

void
wick_window_show_toast (WickWindow *self,
                        const char *message)
{
  AdwToast *toast;

  g_return_if_fail (WICK_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
wick_window_chart_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    gtk_widget_activate_action (GTK_WIDGET (self->chart), "chart.zoom-in", NULL);
  else if (g_str_equal (action_name, "win.zoom-out"))
    gtk_widget_activate_action (GTK_WIDGET (self->chart), "chart.zoom-out", NULL);
  else
    wick_chart_zoom_to_fit (self->chart);
}

static gboolean
map_time_zone_to_local (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), "local"));
  return TRUE;
}

static gboolean
map_candle_colors_to_colorblind (GValue   *value,
                                 GVariant *variant,
                                 gpointer  user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), "blue-orange"));
  return TRUE;
}

static void
on_settings_indicators_changed_cb (WickWindow *self,
                                   const char *key,
                                   GSettings  *settings)
{
  wick_chart_set_indicators (self->chart,
                             g_settings_get_boolean (settings, "show-ema20"),
                             g_settings_get_boolean (settings, "show-ema50"),
                             g_settings_get_boolean (settings, "show-vwap"));
}

static void
on_settings_lower_pane_changed_cb (WickWindow *self,
                                   const char *key,
                                   GSettings  *settings)
{
  wick_chart_set_lower_pane (self->chart, g_settings_get_enum (settings, "lower-pane"));
}

static void
wick_window_restore_state (WickWindow *self)
{
  static const char * const keys[] = {
    "time-zone", "theme", "show-ema20", "show-ema50", "show-vwap", "lower-pane",
  };
  GSettings *settings = _wick_window_get_settings (self);
  g_autoptr(GSimpleActionGroup) group = NULL;

  if (settings == NULL)
    return;

  /* The menu's radio and check items change these settings; the chart follows them live. */
  group = g_simple_action_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (settings, keys[i]);

      g_action_map_add_action (G_ACTION_MAP (group), action);
    }
  g_signal_connect_object (settings, "changed::show-ema20",
                           G_CALLBACK (on_settings_indicators_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::show-ema50",
                           G_CALLBACK (on_settings_indicators_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::show-vwap",
                           G_CALLBACK (on_settings_indicators_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_settings_indicators_changed_cb (self, NULL, settings);
  g_signal_connect_object (settings, "changed::lower-pane",
                           G_CALLBACK (on_settings_lower_pane_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_settings_lower_pane_changed_cb (self, NULL, settings);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));
  _wick_window_heatmap_set_settings (self, settings);
  _wick_window_signals_set_settings (self, settings);
  g_settings_bind_with_mapping (settings, "time-zone", self->chart, "local-time",
                                G_SETTINGS_BIND_GET,
                                map_time_zone_to_local, NULL, NULL, NULL);
  /* The preferences' candle colours and snapping; saved pictures take the colours along. */
  g_settings_bind_with_mapping (settings, "candle-colors", self->chart, "colorblind",
                                G_SETTINGS_BIND_GET,
                                map_candle_colors_to_colorblind, NULL, NULL, NULL);
  g_settings_bind (settings, "snapping", wick_chart_get_interaction (self->chart), "snapping",
                   G_SETTINGS_BIND_GET);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  _wick_window_state_restore (self, settings);
}

static gboolean
wick_window_close_request (GtkWindow *window)
{
  GSettings *settings = _wick_window_get_settings (WICK_WINDOW (window));
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      _wick_window_state_save (WICK_WINDOW (window), settings);
    }

  return GTK_WINDOW_CLASS (wick_window_parent_class)->close_request (window);
}

/* GtkWindow sets its application after construction, so the menu and the settings are
 * hooked up when it arrives. */
static void
on_application_changed_cb (WickWindow *self,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application == NULL || self->is_set_up)
    return;

  self->is_set_up = TRUE;
  gtk_menu_button_set_menu_model (self->primary_menu_button,
                                  G_MENU_MODEL (gtk_application_get_menu_by_id (application, "primary_menu")));
  wick_window_restore_state (self);
}

static void
wick_window_dispose (GObject *object)
{
  WickWindow *self = (WickWindow *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->loading_spec, g_free);
  if (self->series_signals != NULL)
    g_signal_group_set_target (self->series_signals, NULL);
  g_clear_object (&self->series_signals);
  _wick_window_live_dispose (self);
  _wick_window_market_dispose (self);
  g_clear_object (&self->shown_source);
  _wick_window_levels_dispose (self);
  _wick_window_heatmap_dispose (self);
  _wick_window_signals_dispose (self);
  _wick_window_export_dispose (self);
  _wick_window_state_forget_view (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), WICK_TYPE_WINDOW);

  G_OBJECT_CLASS (wick_window_parent_class)->dispose (object);
}

/* The log-scale property mirrors the chart's viewport, and line-alert the alert of the line
 * whose menu is open, so the menus can toggle them as stateful window actions. */
static void
wick_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WickWindow *self = WICK_WINDOW (object);
  WickViewport *viewport = wick_chart_get_viewport (self->chart);

  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, wick_viewport_get_log_scale (viewport));
      break;

    case PROP_LINE_ALERT:
      g_value_set_boolean (value, _wick_window_levels_get_menu_alert (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WickWindow *self = WICK_WINDOW (object);
  WickViewport *viewport = wick_chart_get_viewport (self->chart);

  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      wick_viewport_set_log_scale (viewport, g_value_get_boolean (value));
      break;

    case PROP_LINE_ALERT:
      _wick_window_levels_set_menu_alert (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_viewport_log_scale_cb (WickWindow   *self,
                          GParamSpec   *pspec,
                          WickViewport *viewport)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

static void
wick_window_class_init (WickWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wick_window_dispose;
  object_class->get_property = wick_window_get_property;
  object_class->set_property = wick_window_set_property;

  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LINE_ALERT] =
    g_param_spec_boolean ("line-alert", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  window_class->close_request = wick_window_close_request;

  g_type_ensure (WICK_TYPE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/wick-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WickWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WickWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, WickWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WickWindow, chart);

  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, wick_window_chart_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, wick_window_chart_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, wick_window_chart_action);
  gtk_widget_class_install_property_action (widget_class, "win.log-scale", "log-scale");
  gtk_widget_class_install_property_action (widget_class, "line.alert", "line-alert");

  _wick_window_levels_class_init (widget_class);
  _wick_window_market_class_init (widget_class);
  _wick_window_live_class_init (widget_class);
  _wick_window_heatmap_class_init (widget_class);
  _wick_window_signals_class_init (widget_class);
  _wick_window_export_class_init (widget_class);
}

static void
wick_window_init (WickWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed_cb), NULL);
  self->series_signals = g_signal_group_new (WICK_TYPE_SERIES);
  g_signal_group_connect_object (self->series_signals, "changed",
                                 G_CALLBACK (on_series_changed_cb), self, G_CONNECT_SWAPPED);
  _wick_window_levels_init (self);
  _wick_window_market_init (self);
  _wick_window_live_init (self);
  _wick_window_heatmap_init (self);
  _wick_window_signals_init (self);
  _wick_window_export_init (self);
  g_signal_connect_object (wick_chart_get_viewport (self->chart), "notify::log-scale",
                           G_CALLBACK (on_viewport_log_scale_cb), self,
                           G_CONNECT_SWAPPED);

  /* The chart follows the light or dark style of the desktop (or the one the user chose). */
  g_object_bind_property (adw_style_manager_get_default (), "dark",
                          self->chart, "dark",
                          G_BINDING_SYNC_CREATE);

  gtk_widget_grab_focus (GTK_WIDGET (self->chart));
}

WickWindow *
wick_window_new (GtkApplication *application)
{
  return g_object_new (WICK_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * wick_window_get_chart:
 *
 * Returns: (transfer none): the chart widget
 */
WickChart *
wick_window_get_chart (WickWindow *self)
{
  g_return_val_if_fail (WICK_IS_WINDOW (self), NULL);

  return self->chart;
}
