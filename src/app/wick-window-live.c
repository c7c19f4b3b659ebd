/* wick-window-live.c: live updates of the market shown, its indicator and the line alerts
 *
 * Once a market from an exchange has loaded, a WickLiveFeed keeps it current; the chart,
 * zones, heatmap and signals follow the series' ::changed as they do for any change. The
 * header's indicator shows the feed's state and the time of its last update. When the last
 * close moves across a line whose alert is on, the application sends a notification naming
 * the line and the price (unless the preferences' Line Alerts switch is off); each line has
 * one notification, replaced when it is crossed again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-application.h"
#include "wick-level-alerts.h"
#include "wick-window-private.h"

static void
on_feed_state_cb (WickWindow   *self,
                  GParamSpec   *pspec,
                  WickLiveFeed *feed)
{
  WickLiveState state = wick_live_feed_get_state (feed);

  wick_live_status_set_state (self->live_status, state);

  /* Connected again: the next failure is news again. */
  if (state == WICK_LIVE_STATE_CONNECTED)
    g_clear_pointer (&self->live_error, g_free);
}

static void
on_feed_last_update_cb (WickWindow   *self,
                        GParamSpec   *pspec,
                        WickLiveFeed *feed)
{
  wick_live_status_set_last_update (self->live_status, wick_live_feed_get_last_update (feed));
}

/* A stream that keeps failing says so at every attempt: one toast is enough. */
static void
on_feed_error_cb (WickWindow   *self,
                  const GError *error,
                  WickLiveFeed *feed)
{
  if (g_strcmp0 (self->live_error, error->message) == 0)
    return;

  g_free (self->live_error);
  self->live_error = g_strdup (error->message);
  g_printerr ("wick: %s\n", error->message);
  wick_window_show_toast (self, error->message);
}

static void
on_feed_price_cb (WickWindow   *self,
                  double        previous,
                  double        current,
                  WickLiveFeed *feed)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  WickMarket *market = wick_live_feed_get_market (feed);
  g_autoptr(GPtrArray) crossed = NULL;
  g_autofree char *body = NULL;
  GSettings *settings = NULL;

  /* Notifications go over the session bus: without one there is nowhere to send them. */
  if (self->level_store == NULL || application == NULL || self->levels_key == NULL ||
      g_application_get_dbus_connection (G_APPLICATION (application)) == NULL)
    return;

  /* The preferences' switch silences every line, whatever its own alert says. */
  if (WICK_IS_APPLICATION (application))
    settings = wick_application_get_settings (WICK_APPLICATION (application));
  if (settings != NULL && !g_settings_get_boolean (settings, "line-alerts"))
    return;

  crossed = wick_level_alerts_find (self->level_store, previous, current);
  if (crossed->len == 0)
    return;

  body = wick_market_dup_title (market);
  for (guint i = 0; i < crossed->len; i++)
    {
      const WickLevel *level = g_ptr_array_index (crossed, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *id = NULL;

      title = wick_level_alerts_describe (wick_market_get_symbol (market), level,
                                          previous, current);
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      id = g_strdup_printf ("line-crossed-%s-%u", self->levels_key, level->id);
      g_application_send_notification (G_APPLICATION (application), id, notification);
    }
}

static void
wick_window_live_stop (WickWindow *self)
{
  if (self->live_feed == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->live_feed, self);
  wick_live_feed_stop (self->live_feed);
  g_clear_object (&self->live_feed);
  g_clear_pointer (&self->live_error, g_free);
}

/**
 * _wick_window_live_set_market:
 * @source: (nullable): where @market came from
 * @market: (nullable): the market shown
 *
 * Stops the live updates of the market before and starts those of @market when its source
 * has them (the exchanges do, the sample and CSV files do not). %NULL only stops.
 */
void
_wick_window_live_set_market (WickWindow *self,
                              WickSource *source,
                              WickMarket *market)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  WickApplication *wick;

  wick_window_live_stop (self);
  gtk_widget_set_visible (GTK_WIDGET (self->live_status), FALSE);

  if (source == NULL || market == NULL || !WICK_IS_APPLICATION (application))
    return;

  wick = WICK_APPLICATION (application);
  self->live_feed = wick_live_feed_new (wick_application_get_session (wick),
                                        wick_application_get_endpoints (wick),
                                        source, market);
  if (self->live_feed == NULL)
    return;

  g_signal_connect_object (self->live_feed, "notify::state",
                           G_CALLBACK (on_feed_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live_feed, "notify::last-update",
                           G_CALLBACK (on_feed_last_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live_feed, "error",
                           G_CALLBACK (on_feed_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live_feed, "price",
                           G_CALLBACK (on_feed_price_cb), self, G_CONNECT_SWAPPED);

  wick_live_status_set_exchange (self->live_status, wick_market_get_exchange (market));
  wick_live_status_set_last_update (self->live_status, 0);
  wick_live_feed_start (self->live_feed);
  on_feed_state_cb (self, NULL, self->live_feed);
  on_feed_last_update_cb (self, NULL, self->live_feed);
  gtk_widget_set_visible (GTK_WIDGET (self->live_status), TRUE);
}

/**
 * wick_window_get_live_feed:
 *
 * Returns: (transfer none) (nullable): what keeps the market shown current, if anything
 */
WickLiveFeed *
wick_window_get_live_feed (WickWindow *self)
{
  g_return_val_if_fail (WICK_IS_WINDOW (self), NULL);

  return self->live_feed;
}

/* ---- hooks ---- */

void
_wick_window_live_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (WICK_TYPE_LIVE_STATUS);

  gtk_widget_class_bind_template_child (widget_class, WickWindow, live_status);
}

void
_wick_window_live_init (WickWindow *self)
{
  /* The last update's time is written as the chart writes times: UTC or local. */
  g_object_bind_property (self->chart, "local-time", self->live_status, "local-time",
                          G_BINDING_SYNC_CREATE);
}

void
_wick_window_live_dispose (WickWindow *self)
{
  wick_window_live_stop (self);
}
