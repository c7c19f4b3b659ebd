/* wick-signal-item.c: one signal as a row of the signals panel reads it
 *
 * The texts are made once, when the item is, so binding a row costs nothing. An item keeps
 * no reference to the analysis: the panel maps it back through its index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-signal-item.h"

#include "wick-axis.h"
#include "wick-format.h"

struct _WickSignalItem
{
  GObject              parent_instance;

  guint                index;
  WickSignalKind       kind;
  WickSignalDirection  direction;
  gint64               time_ms;
  double               strength;
  char                *title;        /* Owned: the kind's name */
  char                *subtitle;     /* Owned: price and time */
  char                *explanation;  /* Owned */
  char                *strength_text; /* Owned */
};

G_DEFINE_FINAL_TYPE (WickSignalItem, wick_signal_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_KIND,
  PROP_IS_BULLISH,
  PROP_ARROW,
  PROP_ARROW_CLASSES,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_EXPLANATION,
  PROP_STRENGTH,
  PROP_STRENGTH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wick_signal_item_finalize (GObject *object)
{
  WickSignalItem *self = (WickSignalItem *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->strength_text, g_free);

  G_OBJECT_CLASS (wick_signal_item_parent_class)->finalize (object);
}

static void
wick_signal_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WickSignalItem *self = WICK_SIGNAL_ITEM (object);
  gboolean is_bullish = self->direction == WICK_SIGNAL_BULLISH;

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_IS_BULLISH:
      g_value_set_boolean (value, is_bullish);
      break;

    case PROP_ARROW:
      g_value_set_static_string (value, is_bullish ? "▲" : "▼");
      break;

    case PROP_ARROW_CLASSES:
      {
        const char * const classes[] = { "signal-arrow", is_bullish ? "bullish" : "bearish", NULL };

        g_value_set_boxed (value, classes);
      }
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;

    case PROP_STRENGTH:
      g_value_set_double (value, self->strength);
      break;

    case PROP_STRENGTH_TEXT:
      g_value_set_string (value, self->strength_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_signal_item_class_init (WickSignalItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wick_signal_item_finalize;
  object_class->get_property = wick_signal_item_get_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, WICK_N_SIGNAL_KINDS - 1, 0, flags);
  properties[PROP_IS_BULLISH] =
    g_param_spec_boolean ("is-bullish", NULL, NULL, TRUE, flags);
  properties[PROP_ARROW] =
    g_param_spec_string ("arrow", NULL, NULL, NULL, flags);
  properties[PROP_ARROW_CLASSES] =
    g_param_spec_boxed ("arrow-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL, NULL, flags);
  properties[PROP_STRENGTH] =
    g_param_spec_double ("strength", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_STRENGTH_TEXT] =
    g_param_spec_string ("strength-text", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wick_signal_item_init (WickSignalItem *self)
{
}

/**
 * wick_signal_item_new:
 * @signals: an analysis
 * @index: one of its signals
 *
 * Returns: (transfer full): the row's view of signal @index: its kind's name, its price and
 *   candle time in UTC ("92,000 · Tue 6 Jan 14:00"), its explanation and strength
 */
WickSignalItem *
wick_signal_item_new (WickSignals *signals,
                      guint        index)
{
  const WickSignal *signal;
  WickSignalItem *self;
  g_autofree char *price = NULL;
  g_autofree char *time = NULL;
  char strength[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (signals != NULL, NULL);
  g_return_val_if_fail (index < wick_signals_get_n_signals (signals), NULL);

  signal = wick_signals_get_signal (signals, index);

  self = g_object_new (WICK_TYPE_SIGNAL_ITEM, NULL);
  self->index = index;
  self->kind = signal->kind;
  self->direction = signal->direction;
  self->time_ms = signal->time_ms;
  self->strength = CLAMP (signal->strength, 0, 1);
  self->title = g_strdup (wick_signal_kind_get_label (signal->kind));
  self->explanation = g_strdup (signal->explanation != NULL ? signal->explanation : "");

  price = wick_format_price (signal->price, wick_price_decimals (signal->price));
  /* Translators: a signal's candle time in the signals panel, in UTC, as in
   * “Tue 6 Jan 14:00”; see g_date_time_format() */
  time = wick_axis_format_time (NULL, signal->time_ms, _("%a %-d %b %H:%M"));
  wick_format_grouped_into (strength, sizeof strength, self->strength, 2);
  /* Translators: %s is a number from 0 to 1, as in “0.82”, that ranks signals */
  self->strength_text = g_strdup_printf (_("Strength %s"), strength);

  /* The strength is written out, not only drawn as a bar; rows carry no tooltips, since
   * setting one per row costs a pointer query to the display server. */
  /* Translators: a signal's price, time and strength in the signals panel, as in
   * “94,400 · Tue 6 Jan 14:00 · Strength 0.82” */
  self->subtitle = g_strdup_printf (_("%s · %s · %s"), price, time != NULL ? time : "",
                                    self->strength_text);

  return self;
}

guint
wick_signal_item_get_index (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), 0);

  return self->index;
}

WickSignalKind
wick_signal_item_get_kind (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), 0);

  return self->kind;
}

gint64
wick_signal_item_get_time_ms (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), 0);

  return self->time_ms;
}

const char *
wick_signal_item_get_title (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), NULL);

  return self->title;
}

const char *
wick_signal_item_get_subtitle (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), NULL);

  return self->subtitle;
}

const char *
wick_signal_item_get_explanation (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), NULL);

  return self->explanation;
}

double
wick_signal_item_get_strength (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), 0);

  return self->strength;
}
