/* wick-live-status.c: the header bar's live indicator: a coloured dot and the last update
 *
 * “● Live · 14:02:11” while the streams are connected (the time of the last update, in UTC
 * or local time as the chart shows times), “Connecting…”, “Reconnecting…” or “Offline”
 * otherwise; the tooltip says the same in a sentence. The dot's colour comes from the
 * theme through style.css.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-live-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-live-status.h"

struct _WickLiveStatus
{
  AdwBin         parent_instance;

  /* Template children */
  GtkLabel      *dot;
  GtkLabel      *label;

  WickLiveState  state;
  gint64         last_update;  /* g_get_real_time () of the last update, 0 before one */
  gboolean       local_time;
  char          *exchange;     /* Owned, nullable: named in the tooltip */
};

G_DEFINE_FINAL_TYPE (WickLiveStatus, wick_live_status, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  PROP_LAST_UPDATE,
  PROP_LOCAL_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_classes[] = {
  [WICK_LIVE_STATE_OFFLINE] = "offline",
  [WICK_LIVE_STATE_CONNECTING] = "connecting",
  [WICK_LIVE_STATE_CONNECTED] = "connected",
  [WICK_LIVE_STATE_RECONNECTING] = "reconnecting",
};

static char *
format_last_update (WickLiveStatus *self)
{
  g_autoptr(GDateTime) time = NULL;

  if (self->last_update <= 0)
    return NULL;

  time = self->local_time ? g_date_time_new_from_unix_local (self->last_update / G_USEC_PER_SEC)
                          : g_date_time_new_from_unix_utc (self->last_update / G_USEC_PER_SEC);
  if (time == NULL)
    return NULL;

  return g_date_time_format (time, "%H:%M:%S");
}

static void
wick_live_status_update (WickLiveStatus *self)
{
  g_autofree char *when = format_last_update (self);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const char *exchange = self->exchange != NULL ? self->exchange : _("the exchange");

  switch (self->state)
    {
    case WICK_LIVE_STATE_CONNECTED:
      if (when != NULL)
        {
          /* Translators: the live indicator with the time of the last update, “Live · 14:02:11” */
          text = g_strdup_printf (_("Live · %s"), when);
          if (self->local_time)
            /* Translators: exchange, then a time: “…from Binance. Last update at 14:02:11
             * local time.” */
            tooltip = g_strdup_printf (_("Live updates from %s. Last update at %s local time."),
                                       exchange, when);
          else
            /* Translators: exchange, then a time: “…from Binance. Last update at 14:02:11 UTC.” */
            tooltip = g_strdup_printf (_("Live updates from %s. Last update at %s UTC."),
                                       exchange, when);
        }
      else
        {
          text = g_strdup (_("Live"));
          tooltip = g_strdup_printf (_("Connected to %s, waiting for the first update."), exchange);
        }
      break;

    case WICK_LIVE_STATE_CONNECTING:
      text = g_strdup (_("Connecting…"));
      tooltip = g_strdup_printf (_("Connecting to %s for live updates…"), exchange);
      break;

    case WICK_LIVE_STATE_RECONNECTING:
      text = g_strdup (_("Reconnecting…"));
      tooltip = g_strdup_printf (_("The connection to %s dropped and is being made again. "
                                   "The chart keeps what arrived and fills the gap after."),
                                 exchange);
      break;

    case WICK_LIVE_STATE_OFFLINE:
    default:
      text = g_strdup (_("Offline"));
      tooltip = g_strdup_printf (_("Not receiving live updates from %s."), exchange);
      break;
    }

  gtk_label_set_label (self->label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    {
      if (i == self->state)
        gtk_widget_add_css_class (GTK_WIDGET (self->dot), state_classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->dot), state_classes[i]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

static void
wick_live_status_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WICK_TYPE_LIVE_STATUS);

  G_OBJECT_CLASS (wick_live_status_parent_class)->dispose (object);
}

static void
wick_live_status_finalize (GObject *object)
{
  WickLiveStatus *self = (WickLiveStatus *)object;

  g_clear_pointer (&self->exchange, g_free);

  G_OBJECT_CLASS (wick_live_status_parent_class)->finalize (object);
}

static void
wick_live_status_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WickLiveStatus *self = WICK_LIVE_STATUS (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LAST_UPDATE:
      g_value_set_int64 (value, self->last_update);
      break;

    case PROP_LOCAL_TIME:
      g_value_set_boolean (value, self->local_time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_live_status_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WickLiveStatus *self = WICK_LIVE_STATUS (object);

  switch (prop_id)
    {
    case PROP_STATE:
      wick_live_status_set_state (self, g_value_get_enum (value));
      break;

    case PROP_LAST_UPDATE:
      wick_live_status_set_last_update (self, g_value_get_int64 (value));
      break;

    case PROP_LOCAL_TIME:
      wick_live_status_set_local_time (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_live_status_class_init (WickLiveStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wick_live_status_dispose;
  object_class->finalize = wick_live_status_finalize;
  object_class->get_property = wick_live_status_get_property;
  object_class->set_property = wick_live_status_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       WICK_TYPE_LIVE_STATE, WICK_LIVE_STATE_OFFLINE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_UPDATE] =
    g_param_spec_int64 ("last-update", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOCAL_TIME] =
    g_param_spec_boolean ("local-time", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/wick-live-status.ui");
  gtk_widget_class_bind_template_child (widget_class, WickLiveStatus, dot);
  gtk_widget_class_bind_template_child (widget_class, WickLiveStatus, label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
wick_live_status_init (WickLiveStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = WICK_LIVE_STATE_OFFLINE;
  wick_live_status_update (self);
}

GtkWidget *
wick_live_status_new (void)
{
  return g_object_new (WICK_TYPE_LIVE_STATUS, NULL);
}

WickLiveState
wick_live_status_get_state (WickLiveStatus *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_STATUS (self), WICK_LIVE_STATE_OFFLINE);

  return self->state;
}

void
wick_live_status_set_state (WickLiveStatus *self,
                            WickLiveState   state)
{
  g_return_if_fail (WICK_IS_LIVE_STATUS (self));
  g_return_if_fail (state <= WICK_LIVE_STATE_RECONNECTING);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  wick_live_status_update (self);
}

gint64
wick_live_status_get_last_update (WickLiveStatus *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_STATUS (self), 0);

  return self->last_update;
}

/**
 * wick_live_status_set_last_update:
 * @last_update: g_get_real_time () of the last update, or 0 before one
 */
void
wick_live_status_set_last_update (WickLiveStatus *self,
                                  gint64          last_update)
{
  g_return_if_fail (WICK_IS_LIVE_STATUS (self));
  g_return_if_fail (last_update >= 0);

  if (self->last_update == last_update)
    return;

  self->last_update = last_update;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_UPDATE]);
  wick_live_status_update (self);
}

gboolean
wick_live_status_get_local_time (WickLiveStatus *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_STATUS (self), FALSE);

  return self->local_time;
}

void
wick_live_status_set_local_time (WickLiveStatus *self,
                                 gboolean        local_time)
{
  g_return_if_fail (WICK_IS_LIVE_STATUS (self));

  local_time = !!local_time;
  if (self->local_time == local_time)
    return;

  self->local_time = local_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_TIME]);
  wick_live_status_update (self);
}

/**
 * wick_live_status_set_exchange:
 * @exchange: (nullable): the exchange's name, as “Binance”, for the tooltip
 */
void
wick_live_status_set_exchange (WickLiveStatus *self,
                               const char     *exchange)
{
  g_return_if_fail (WICK_IS_LIVE_STATUS (self));

  if (g_strcmp0 (self->exchange, exchange) == 0)
    return;

  g_free (self->exchange);
  self->exchange = g_strdup (exchange);
  wick_live_status_update (self);
}

/**
 * wick_live_status_get_text:
 *
 * Returns: (transfer none): the text shown beside the dot, as “Live · 14:02:11”
 */
const char *
wick_live_status_get_text (WickLiveStatus *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_STATUS (self), NULL);

  return gtk_label_get_label (self->label);
}
