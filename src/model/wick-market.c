/* wick-market.c: one market as loaded from a source: candles, liquidations, open interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-market"

#include "config.h"

#include "wick-market.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _WickMarket
{
  GObject           parent_instance;

  char             *exchange;       /* Owned */
  char             *symbol;         /* Owned */
  char             *interval;       /* Owned */
  char             *source_label;   /* Owned, nullable */
  WickSeries       *series;         /* Owned */
  WickLiquidations *liquidations;   /* Owned, nullable */
  WickOpenInterest *open_interest;  /* Owned, nullable */
  gboolean          is_synthetic;
};

enum {
  PROP_0,
  PROP_EXCHANGE,
  PROP_SYMBOL,
  PROP_INTERVAL,
  PROP_SERIES,
  PROP_LIQUIDATIONS,
  PROP_OPEN_INTEREST,
  PROP_SOURCE_LABEL,
  PROP_IS_SYNTHETIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WickMarket, wick_market, G_TYPE_OBJECT)

static const struct
{
  const char *name;
  gint64      ms;
} intervals[] = {
  { "1m", 60 * 1000 },
  { "3m", 3 * 60 * 1000 },
  { "5m", 5 * 60 * 1000 },
  { "15m", 15 * 60 * 1000 },
  { "30m", 30 * 60 * 1000 },
  { "1h", 3600 * 1000 },
  { "2h", 2 * 3600 * 1000 },
  { "4h", 4 * 3600 * 1000 },
  { "6h", 6 * 3600 * 1000 },
  { "12h", 12 * 3600 * 1000 },
  { "1d", 24 * 3600 * 1000 },
  { "1w", 7 * 24 * 3600 * 1000 },
};

/* Our own helper: g_set_str () needs GLib 2.76. */
static gboolean
set_string (char       **dest,
            const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (value);

  return TRUE;
}

static void
wick_market_dispose (GObject *object)
{
  WickMarket *self = (WickMarket *)object;

  g_clear_object (&self->series);
  g_clear_object (&self->liquidations);
  g_clear_object (&self->open_interest);

  G_OBJECT_CLASS (wick_market_parent_class)->dispose (object);
}

static void
wick_market_finalize (GObject *object)
{
  WickMarket *self = (WickMarket *)object;

  g_clear_pointer (&self->exchange, g_free);
  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->interval, g_free);
  g_clear_pointer (&self->source_label, g_free);

  G_OBJECT_CLASS (wick_market_parent_class)->finalize (object);
}

static void
wick_market_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WickMarket *self = WICK_MARKET (object);

  switch (prop_id)
    {
    case PROP_EXCHANGE:
      g_value_set_string (value, wick_market_get_exchange (self));
      break;

    case PROP_SYMBOL:
      g_value_set_string (value, wick_market_get_symbol (self));
      break;

    case PROP_INTERVAL:
      g_value_set_string (value, wick_market_get_interval (self));
      break;

    case PROP_SERIES:
      g_value_set_object (value, wick_market_get_series (self));
      break;

    case PROP_LIQUIDATIONS:
      g_value_set_object (value, wick_market_get_liquidations (self));
      break;

    case PROP_OPEN_INTEREST:
      g_value_set_object (value, wick_market_get_open_interest (self));
      break;

    case PROP_SOURCE_LABEL:
      g_value_set_string (value, wick_market_get_source_label (self));
      break;

    case PROP_IS_SYNTHETIC:
      g_value_set_boolean (value, wick_market_get_is_synthetic (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_market_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WickMarket *self = WICK_MARKET (object);

  switch (prop_id)
    {
    case PROP_EXCHANGE:
      self->exchange = g_value_dup_string (value);
      break;

    case PROP_SYMBOL:
      self->symbol = g_value_dup_string (value);
      break;

    case PROP_INTERVAL:
      self->interval = g_value_dup_string (value);
      break;

    case PROP_SERIES:
      self->series = g_value_dup_object (value);
      break;

    case PROP_LIQUIDATIONS:
      wick_market_set_liquidations (self, g_value_get_object (value));
      break;

    case PROP_OPEN_INTEREST:
      wick_market_set_open_interest (self, g_value_get_object (value));
      break;

    case PROP_SOURCE_LABEL:
      wick_market_set_source_label (self, g_value_get_string (value));
      break;

    case PROP_IS_SYNTHETIC:
      wick_market_set_is_synthetic (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_market_class_init (WickMarketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wick_market_dispose;
  object_class->finalize = wick_market_finalize;
  object_class->get_property = wick_market_get_property;
  object_class->set_property = wick_market_set_property;

  properties[PROP_EXCHANGE] =
    g_param_spec_string ("exchange", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INTERVAL] =
    g_param_spec_string ("interval", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SERIES] =
    g_param_spec_object ("series", NULL, NULL,
                         WICK_TYPE_SERIES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LIQUIDATIONS] =
    g_param_spec_object ("liquidations", NULL, NULL,
                         WICK_TYPE_LIQUIDATIONS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OPEN_INTEREST] =
    g_param_spec_object ("open-interest", NULL, NULL,
                         WICK_TYPE_OPEN_INTEREST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SOURCE_LABEL] =
    g_param_spec_string ("source-label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_IS_SYNTHETIC] =
    g_param_spec_boolean ("is-synthetic", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wick_market_init (WickMarket *self)
{
}

/**
 * wick_market_new:
 * @exchange: the exchange or origin, such as “Binance”, “Sample” or “CSV”
 * @symbol: the symbol, such as “BTCUSDT”
 * @interval: the interval name, such as “1h”
 * @series: the candles; the market takes a reference
 *
 * Returns: (transfer full): a new market without liquidations or open interest
 */
WickMarket *
wick_market_new (const char *exchange,
                 const char *symbol,
                 const char *interval,
                 WickSeries *series)
{
  g_return_val_if_fail (exchange != NULL, NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (interval != NULL, NULL);
  g_return_val_if_fail (WICK_IS_SERIES (series), NULL);

  return g_object_new (WICK_TYPE_MARKET,
                       "exchange", exchange,
                       "symbol", symbol,
                       "interval", interval,
                       "series", series,
                       NULL);
}

const char *
wick_market_get_exchange (WickMarket *self)
{
  g_return_val_if_fail (WICK_IS_MARKET (self), NULL);

  return self->exchange;
}

const char *
wick_market_get_symbol (WickMarket *self)
{
  g_return_val_if_fail (WICK_IS_MARKET (self), NULL);

  return self->symbol;
}

const char *
wick_market_get_interval (WickMarket *self)
{
  g_return_val_if_fail (WICK_IS_MARKET (self), NULL);

  return self->interval;
}

/**
 * wick_market_get_source_label:
 * @self: a #WickMarket
 *
 * Returns: (nullable): what to show the user as the origin of the data, such as “Binance”
 *   or “Sample data (synthetic)”
 */
const char *
wick_market_get_source_label (WickMarket *self)
{
  g_return_val_if_fail (WICK_IS_MARKET (self), NULL);

  return self->source_label;
}

void
wick_market_set_source_label (WickMarket *self,
                              const char *source_label)
{
  g_return_if_fail (WICK_IS_MARKET (self));

  if (set_string (&self->source_label, source_label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_LABEL]);
}

gboolean
wick_market_get_is_synthetic (WickMarket *self)
{
  g_return_val_if_fail (WICK_IS_MARKET (self), FALSE);

  return self->is_synthetic;
}

void
wick_market_set_is_synthetic (WickMarket *self,
                              gboolean    is_synthetic)
{
  g_return_if_fail (WICK_IS_MARKET (self));

  is_synthetic = !!is_synthetic;
  if (self->is_synthetic == is_synthetic)
    return;

  self->is_synthetic = is_synthetic;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SYNTHETIC]);
}

/**
 * wick_market_get_series:
 * @self: a #WickMarket
 *
 * Returns: (transfer none): the candles
 */
WickSeries *
wick_market_get_series (WickMarket *self)
{
  g_return_val_if_fail (WICK_IS_MARKET (self), NULL);

  return self->series;
}

/**
 * wick_market_get_liquidations:
 * @self: a #WickMarket
 *
 * Returns: (transfer none) (nullable): the liquidations, if the source has them
 */
WickLiquidations *
wick_market_get_liquidations (WickMarket *self)
{
  g_return_val_if_fail (WICK_IS_MARKET (self), NULL);

  return self->liquidations;
}

void
wick_market_set_liquidations (WickMarket       *self,
                              WickLiquidations *liquidations)
{
  g_return_if_fail (WICK_IS_MARKET (self));
  g_return_if_fail (liquidations == NULL || WICK_IS_LIQUIDATIONS (liquidations));

  if (g_set_object (&self->liquidations, liquidations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIQUIDATIONS]);
}

/**
 * wick_market_get_open_interest:
 * @self: a #WickMarket
 *
 * Returns: (transfer none) (nullable): the open interest, if the source has it
 */
WickOpenInterest *
wick_market_get_open_interest (WickMarket *self)
{
  g_return_val_if_fail (WICK_IS_MARKET (self), NULL);

  return self->open_interest;
}

void
wick_market_set_open_interest (WickMarket       *self,
                               WickOpenInterest *open_interest)
{
  g_return_if_fail (WICK_IS_MARKET (self));
  g_return_if_fail (open_interest == NULL || WICK_IS_OPEN_INTEREST (open_interest));

  if (g_set_object (&self->open_interest, open_interest))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_INTEREST]);
}

/**
 * wick_market_dup_title:
 * @self: a #WickMarket
 *
 * Returns: (transfer full): a title such as “BTCUSDT · 1h · Binance”, ending in the source
 *   label (or the exchange when there is no label)
 */
char *
wick_market_dup_title (WickMarket *self)
{
  const char *label;

  g_return_val_if_fail (WICK_IS_MARKET (self), NULL);

  label = self->source_label != NULL ? self->source_label : self->exchange;

  /* Translators: symbol · interval · where the data comes from, e.g. “BTCUSDT · 1h · Binance” */
  return g_strdup_printf (_("%s · %s · %s"), self->symbol, self->interval, label);
}

/**
 * wick_interval_parse_ms:
 * @interval: an interval name: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d or 1w
 *
 * Returns: the interval in milliseconds, or 0 if @interval is not one of these
 */
gint64
wick_interval_parse_ms (const char *interval)
{
  if (interval == NULL)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    {
      if (strcmp (interval, intervals[i].name) == 0)
        return intervals[i].ms;
    }

  return 0;
}

/**
 * wick_interval_format_ms:
 * @interval_ms: an interval in milliseconds, above zero
 *
 * The inverse of wick_interval_parse_ms() for the intervals it knows; any other interval is
 * written in the largest whole unit (“90s”, “7m”, “3d”, or “1500ms”).
 *
 * Returns: (transfer full): the interval name
 */
char *
wick_interval_format_ms (gint64 interval_ms)
{
  static const struct
  {
    gint64      ms;
    const char *unit;
  } units[] = {
    { 7 * 24 * 3600 * 1000, "w" },
    { 24 * 3600 * 1000, "d" },
    { 3600 * 1000, "h" },
    { 60 * 1000, "m" },
    { 1000, "s" },
  };

  g_return_val_if_fail (interval_ms > 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    {
      if (intervals[i].ms == interval_ms)
        return g_strdup (intervals[i].name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (interval_ms % units[i].ms == 0)
        return g_strdup_printf ("%" G_GINT64_FORMAT "%s", interval_ms / units[i].ms, units[i].unit);
    }

  return g_strdup_printf ("%" G_GINT64_FORMAT "ms", interval_ms);
}
