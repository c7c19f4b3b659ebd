/* wick-signal-item.c: one signal as a row of the signals panel reads it
 *
 * A market of a million candles has some 150,000 signals, and a row for each is in the
 * panel's list, of which a screenful is ever bound: so an item copies no text. The kind's name
 * is the translation's own, the explanation is the analysis' (the item keeps a reference to
 * it), and the price and time and the written-out strength are made when first read, then
 * kept. The panel maps an item back to its signal through its index. When a new analysis
 * finds the same signal again (wick_signal_is_same ()), the panel keeps its item and only
 * moves it to the new index and analysis, so its row is not made again.
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

  WickSignals         *signals;       /* Owned: the analysis it was last pointed at */
  guint                index;
  WickSignal           signal;        /* what makes it the same signal; explanation unset */
  double               strength;
  const char          *explanation;   /* Borrowed from @signals */
  char                *subtitle;      /* Owned, nullable until read: price and time */
  char                *strength_text; /* Owned, nullable until read: “0.82” */
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

  g_clear_pointer (&self->signals, wick_signals_unref);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->strength_text, g_free);

  G_OBJECT_CLASS (wick_signal_item_parent_class)->finalize (object);
}

/* The strength is written out, not only drawn as a bar. */
static const char *
get_strength_text (WickSignalItem *self)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->strength_text == NULL)
    {
      wick_format_grouped_into (text, sizeof text, self->strength, 2);
      self->strength_text = g_strdup (text);
    }

  return self->strength_text;
}

static void
wick_signal_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WickSignalItem *self = WICK_SIGNAL_ITEM (object);
  gboolean is_bullish = self->signal.direction == WICK_SIGNAL_BULLISH;

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->signal.kind);
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
      g_value_set_static_string (value, wick_signal_item_get_title (self));
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, wick_signal_item_get_subtitle (self));
      break;

    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;

    case PROP_STRENGTH:
      g_value_set_double (value, self->strength);
      break;

    case PROP_STRENGTH_TEXT:
      g_value_set_string (value, get_strength_text (self));
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

static void
wick_signal_item_set_strength (WickSignalItem *self,
                               double          strength)
{
  self->strength = CLAMP (strength, 0, 1);
  g_clear_pointer (&self->strength_text, g_free);
}

/**
 * wick_signal_item_new:
 * @signals: an analysis
 * @index: one of its signals
 *
 * Returns: (transfer full): the row's view of signal @index: its kind's name, its price and
 *   candle time in UTC ("92,000 · Tue 6 Jan 14:00"), its explanation and its strength, also
 *   written out ("0.82")
 */
WickSignalItem *
wick_signal_item_new (WickSignals *signals,
                      guint        index)
{
  const WickSignal *signal;
  WickSignalItem *self;

  g_return_val_if_fail (signals != NULL, NULL);
  g_return_val_if_fail (index < wick_signals_get_n_signals (signals), NULL);

  signal = wick_signals_get_signal (signals, index);

  self = g_object_new (WICK_TYPE_SIGNAL_ITEM, NULL);
  self->signals = wick_signals_ref (signals);
  self->index = index;
  self->signal = *signal;
  self->signal.explanation = NULL;
  self->explanation = signal->explanation != NULL ? signal->explanation : "";
  wick_signal_item_set_strength (self, signal->strength);

  return self;
}

/**
 * wick_signal_item_is_same_signal:
 * @signal: a signal of any analysis of the same market
 *
 * Returns: whether @signal is the one @self shows (wick_signal_is_same ())
 */
gboolean
wick_signal_item_is_same_signal (WickSignalItem   *self,
                                 const WickSignal *signal)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), FALSE);
  g_return_val_if_fail (signal != NULL, FALSE);

  return wick_signal_is_same (&self->signal, signal);
}

/**
 * wick_signal_item_update:
 * @signals: a new analysis
 * @index: the signal of @signals that @self shows, as wick_signal_item_is_same_signal () finds
 *
 * Points @self at signal @index of @signals and takes its strength and explanation, which a
 * later analysis may word differently; notifies what changed, so a bound row follows.
 */
void
wick_signal_item_update (WickSignalItem *self,
                         WickSignals    *signals,
                         guint           index)
{
  const WickSignal *signal;
  const char *explanation;

  g_return_if_fail (WICK_IS_SIGNAL_ITEM (self));
  g_return_if_fail (signals != NULL);
  g_return_if_fail (index < wick_signals_get_n_signals (signals));

  signal = wick_signals_get_signal (signals, index);
  g_return_if_fail (wick_signal_item_is_same_signal (self, signal));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->index != index)
    {
      self->index = index;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
    }

  if (self->strength != CLAMP (signal->strength, 0, 1))
    {
      wick_signal_item_set_strength (self, signal->strength);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH_TEXT]);
    }

  /* The old analysis goes only once its explanation is compared. */
  explanation = signal->explanation != NULL ? signal->explanation : "";
  if (g_strcmp0 (self->explanation, explanation) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
  self->explanation = explanation;
  if (self->signals != signals)
    {
      wick_signals_unref (self->signals);
      self->signals = wick_signals_ref (signals);
    }

  g_object_thaw_notify (G_OBJECT (self));
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

  return self->signal.kind;
}

gint64
wick_signal_item_get_time_ms (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), 0);

  return self->signal.time_ms;
}

const char *
wick_signal_item_get_title (WickSignalItem *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), NULL);

  return wick_signal_kind_get_label (self->signal.kind);
}

/* The price and the candle's time in UTC, as in “94,400 · Tue 6 Jan 14:00”. */
const char *
wick_signal_item_get_subtitle (WickSignalItem *self)
{
  g_autofree char *price = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (WICK_IS_SIGNAL_ITEM (self), NULL);

  if (self->subtitle != NULL)
    return self->subtitle;

  price = wick_format_price (self->signal.price, wick_price_decimals (self->signal.price));
  /* Translators: a signal's candle time in the signals panel, in UTC, as in
   * “Tue 6 Jan 14:00”; see g_date_time_format() */
  time = wick_axis_format_time (NULL, self->signal.time_ms, _("%a %-d %b %H:%M"));
  /* Translators: a signal's price and time in the signals panel, as in
   * “94,400 · Tue 6 Jan 14:00” */
  self->subtitle = g_strdup_printf (_("%s · %s"), price, time != NULL ? time : "");

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
