/* wick-binance-source.c: Binance markets: spot or USD-M perpetual klines paged over REST,
 * USD-M open interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The load itself (cache, merge, fallback) is shared with the other exchanges in
 * wick-exchange-source.c; this file holds what is Binance's own: the two markets, their
 * clients, symbols and intervals, and open interest. Paging the klines is in
 * wick-binance-klines.c. Both markets send klines in the same rows and errors in the same
 * body, so only the host, the path, the page size and the names differ between them.
 */

#define G_LOG_DOMAIN "wick-binance-source"

#include "config.h"

#include "wick-binance-source.h"

#include "wick-binance-parse.h"
#include "wick-binance-source-private.h"
#include "wick-exchange-parse-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define EXCHANGE_NAME         "Binance"
#define FUTURES_EXCHANGE_NAME "Binance Futures"
#define OPEN_INTEREST_PATH    "/futures/data/openInterestHist"
#define OPEN_INTEREST_LIMIT   "500"
/* Request weight per minute and IP: spot since 2023-08, USD-M futures. */
#define SPOT_WEIGHT_LIMIT     6000
#define FUTURES_WEIGHT_LIMIT  2400

struct _WickBinanceSource
{
  GObject            parent_instance;

  WickBinanceMarket  market;
  WickRestClient    *spot;      /* Owned */
  WickRestClient    *futures;   /* Owned */
  WickCandleCache   *cache;     /* Owned, nullable */
  gint64             from_ms;
  gint64             to_ms;
};

enum {
  PROP_0,
  PROP_MARKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const intervals[] = {
  "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w",
};

/* Periods /futures/data/openInterestHist offers. */
static const char * const open_interest_periods[] = {
  "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d",
};

static void wick_binance_source_iface_init (WickSourceInterface *iface);

G_DEFINE_ENUM_TYPE (WickBinanceMarket, wick_binance_market,
                    G_DEFINE_ENUM_VALUE (WICK_BINANCE_MARKET_SPOT, "spot"),
                    G_DEFINE_ENUM_VALUE (WICK_BINANCE_MARKET_USDM, "usdm"))

G_DEFINE_FINAL_TYPE_WITH_CODE (WickBinanceSource, wick_binance_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WICK_TYPE_SOURCE,
                                                      wick_binance_source_iface_init))

static gboolean
in_list (const char         *value,
         const char * const *list,
         guint               n_items)
{
  for (guint i = 0; i < n_items; i++)
    {
      if (strcmp (value, list[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* [{"symbol","sumOpenInterest","sumOpenInterestValue","timestamp"}, …], oldest first. The
 * timestamp is a number in the real API and a string in the docs; both are read. Each
 * snapshot opens its candle, and the next snapshot closes it. */
static WickOpenInterest *
parse_open_interest (const char  *data,
                     gsize        length,
                     gint64       interval_ms,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(WickOpenInterest) open_interest = NULL;
  WickExchangeWhere where = { -1, NULL };
  JsonArray *rows;

  if ((parser = _wick_exchange_load (data, length, error)) == NULL)
    return NULL;

  if ((rows = _wick_exchange_get_array (json_parser_get_root (parser), where, error)) == NULL)
    return NULL;

  points = g_array_sized_new (FALSE, FALSE, sizeof (WickOpenInterestPoint),
                              json_array_get_length (rows));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      WickOpenInterestPoint point = { 0, };
      JsonObject *row;

      where.index = i;
      where.field = NULL;
      if ((row = _wick_exchange_get_object (json_array_get_element (rows, i), where,
                                            error)) == NULL)
        return NULL;

      where.field = "timestamp";
      if (!_wick_exchange_get_time_ms (json_object_get_member (row, "timestamp"), where,
                                       &point.time_ms, error))
        return NULL;

      where.field = "sumOpenInterestValue";
      if (!_wick_exchange_get_decimal (json_object_get_member (row, "sumOpenInterestValue"),
                                       where, &point.open_usd, error))
        return NULL;

      point.close_usd = point.open_usd;
      if (points->len > 0)
        g_array_index (points, WickOpenInterestPoint, points->len - 1).close_usd = point.open_usd;
      g_array_append_val (points, point);
    }

  open_interest = wick_open_interest_new (interval_ms);
  if (!wick_open_interest_set_points (open_interest, (WickOpenInterestPoint *) points->data,
                                      points->len, error))
    return NULL;

  return g_steal_pointer (&open_interest);
}

static void
on_open_interest_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WickExchangeLoad *load = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(WickOpenInterest) open_interest = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gsize length;

  body = wick_rest_client_get_finish (WICK_REST_CLIENT (object), result, &error);
  if (body != NULL)
    {
      data = g_bytes_get_data (body, &length);
      open_interest = parse_open_interest (data, length,
                                           _wick_exchange_load_get_interval_ms (load), &error);
    }

  if (open_interest == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, error->domain, error->code,
                                 /* Translators: why (“Binance Futures answered HTTP 500 …”) */
                                 _("Open interest is not available: %s"), error->message);
      return;
    }

  _wick_exchange_load_set_open_interest (load, open_interest);
  g_task_return_boolean (task, TRUE);
}

static void
fetch_extras_async (WickSource          *source,
                    WickExchangeLoad    *load,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  WickBinanceSource *self = WICK_BINANCE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  const char *interval = _wick_exchange_load_get_interval (load);
  g_autofree char *end = NULL;
  gint64 to_ms;
  const char *query[] = {
    "symbol", _wick_exchange_load_get_symbol (load),
    "period", interval,
    "limit", OPEN_INTEREST_LIMIT,
    NULL, NULL,
    NULL,
  };

  g_task_set_source_tag (task, fetch_extras_async);
  g_task_set_task_data (task, load, NULL);

  /* Binance keeps no open interest at this granularity: nothing to add. */
  if (!in_list (interval, open_interest_periods, G_N_ELEMENTS (open_interest_periods)))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  _wick_exchange_load_get_range (load, NULL, &to_ms);
  if (to_ms != 0)
    {
      end = g_strdup_printf ("%" G_GINT64_FORMAT, to_ms - 1);
      query[6] = "endTime";
      query[7] = end;
    }

  wick_rest_client_get_async (self->futures, OPEN_INTEREST_PATH, query, cancellable,
                              on_open_interest_cb, g_steal_pointer (&task));
}

static gboolean
fetch_extras_finish (WickSource    *source,
                     GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
normalize_symbol (const char  *symbol,
                  GError     **error)
{
  if (!wick_binance_check_market_symbol (WICK_BINANCE_MARKET_SPOT, symbol, error))
    return NULL;

  return g_ascii_strup (symbol, -1);
}

static char *
normalize_futures_symbol (const char  *symbol,
                          GError     **error)
{
  if (!wick_binance_check_market_symbol (WICK_BINANCE_MARKET_USDM, symbol, error))
    return NULL;

  return g_ascii_strup (symbol, -1);
}

static const WickExchangeSourceInfo binance_info = {
  .exchange = EXCHANGE_NAME,
  .default_symbol = "BTCUSDT",
  .default_interval = "1h",
  .page_limit = WICK_BINANCE_PAGE_LIMIT,
  .default_candles = WICK_BINANCE_DEFAULT_CANDLES,
  .normalize_symbol = normalize_symbol,
  .check_interval = wick_binance_check_interval,
  .fetch_window_async = _wick_binance_fetch_window_async,
  .fetch_window_finish = _wick_binance_fetch_window_finish,
  .fetch_extras_async = fetch_extras_async,
  .fetch_extras_finish = fetch_extras_finish,
};

/* Its own exchange name keeps its candles in their own cache files and its lines apart. */
static const WickExchangeSourceInfo binance_futures_info = {
  .exchange = FUTURES_EXCHANGE_NAME,
  .default_symbol = "BTCUSDT",
  .default_interval = "1h",
  .page_limit = WICK_BINANCE_FUTURES_PAGE_LIMIT,
  .default_candles = WICK_BINANCE_DEFAULT_CANDLES,
  .normalize_symbol = normalize_futures_symbol,
  .check_interval = wick_binance_check_interval,
  .fetch_window_async = _wick_binance_fetch_window_async,
  .fetch_window_finish = _wick_binance_fetch_window_finish,
  .fetch_extras_async = fetch_extras_async,
  .fetch_extras_finish = fetch_extras_finish,
};

static const char *
wick_binance_source_get_name (WickSource *source)
{
  WickBinanceSource *self = WICK_BINANCE_SOURCE (source);

  return self->market == WICK_BINANCE_MARKET_USDM ? "binance-futures" : "binance";
}

static void
wick_binance_source_load_async (WickSource          *source,
                                const char          *symbol,
                                const char          *interval,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  WickBinanceSource *self = WICK_BINANCE_SOURCE (source);
  const WickExchangeSourceInfo *info = self->market == WICK_BINANCE_MARKET_USDM
                                       ? &binance_futures_info : &binance_info;

  _wick_exchange_source_load_async (source, info, self->cache, symbol, interval,
                                    self->from_ms, self->to_ms, cancellable, callback, user_data);
}

static WickMarket *
wick_binance_source_load_finish (WickSource    *source,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _wick_exchange_source_load_finish (source, result, error);
}

static void
wick_binance_source_set_range (WickSource *source,
                               gint64      from_ms,
                               gint64      to_ms)
{
  WickBinanceSource *self = WICK_BINANCE_SOURCE (source);

  self->from_ms = from_ms;
  self->to_ms = to_ms;
}

static void
wick_binance_source_iface_init (WickSourceInterface *iface)
{
  iface->get_name = wick_binance_source_get_name;
  iface->load_async = wick_binance_source_load_async;
  iface->load_finish = wick_binance_source_load_finish;
  iface->set_range = wick_binance_source_set_range;
}

static void
on_client_status_cb (WickBinanceSource *self,
                     const char        *message)
{
  wick_source_emit_status (WICK_SOURCE (self), message);
}

static void
wick_binance_source_dispose (GObject *object)
{
  WickBinanceSource *self = (WickBinanceSource *)object;

  g_clear_object (&self->spot);
  g_clear_object (&self->futures);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (wick_binance_source_parent_class)->dispose (object);
}

static void
wick_binance_source_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WickBinanceSource *self = WICK_BINANCE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_MARKET:
      g_value_set_enum (value, wick_binance_source_get_market (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_binance_source_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  WickBinanceSource *self = WICK_BINANCE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_MARKET:
      self->market = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_binance_source_class_init (WickBinanceSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wick_binance_source_dispose;
  object_class->get_property = wick_binance_source_get_property;
  object_class->set_property = wick_binance_source_set_property;

  /**
   * WickBinanceSource:market:
   *
   * Whose klines the source loads: spot, or USD-M perpetual futures.
   */
  properties[PROP_MARKET] =
    g_param_spec_enum ("market", NULL, NULL,
                       WICK_TYPE_BINANCE_MARKET,
                       WICK_BINANCE_MARKET_SPOT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wick_binance_source_init (WickBinanceSource *self)
{
}

/**
 * wick_binance_source_new:
 * @session: the session requests go through
 * @endpoints: (nullable): where Binance is, or %NULL for wick_endpoints_new()
 * @cache: (nullable): where candles are kept between runs; %NULL for none
 *
 * Returns: (transfer full): a new source of spot markets
 */
WickSource *
wick_binance_source_new (SoupSession         *session,
                         const WickEndpoints *endpoints,
                         WickCandleCache     *cache)
{
  return wick_binance_source_new_for_market (session, endpoints, cache,
                                             WICK_BINANCE_MARKET_SPOT);
}

/**
 * wick_binance_source_new_for_market:
 * @session: the session requests go through
 * @endpoints: (nullable): where Binance is, or %NULL for wick_endpoints_new()
 * @cache: (nullable): where candles are kept between runs; %NULL for none
 * @market: spot or USD-M perpetual futures
 *
 * Returns: (transfer full): a new source of @market
 */
WickSource *
wick_binance_source_new_for_market (SoupSession         *session,
                                    const WickEndpoints *endpoints,
                                    WickCandleCache     *cache,
                                    WickBinanceMarket    market)
{
  g_autoptr(WickEndpoints) defaults = NULL;
  WickBinanceSource *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (cache == NULL || WICK_IS_CANDLE_CACHE (cache), NULL);
  g_return_val_if_fail (market == WICK_BINANCE_MARKET_SPOT ||
                        market == WICK_BINANCE_MARKET_USDM, NULL);

  if (endpoints == NULL)
    endpoints = defaults = wick_endpoints_new ();

  self = g_object_new (WICK_TYPE_BINANCE_SOURCE, "market", market, NULL);
  self->cache = cache != NULL ? g_object_ref (cache) : NULL;

  self->spot = wick_rest_client_new (session, endpoints->binance, wick_binance_parse_error);
  wick_rest_client_set_name (self->spot, EXCHANGE_NAME);
  wick_rest_client_set_weight_limit (self->spot, SPOT_WEIGHT_LIMIT);

  self->futures = wick_rest_client_new (session, endpoints->binance_futures,
                                        wick_binance_parse_error);
  /* Translators: the name of Binance's futures API in status sentences */
  wick_rest_client_set_name (self->futures, _("Binance Futures"));
  wick_rest_client_set_weight_limit (self->futures, FUTURES_WEIGHT_LIMIT);

  g_signal_connect_object (self->spot, "status", G_CALLBACK (on_client_status_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->futures, "status", G_CALLBACK (on_client_status_cb), self,
                           G_CONNECT_SWAPPED);

  return WICK_SOURCE (self);
}

/**
 * wick_binance_source_get_market:
 * @self: a #WickBinanceSource
 *
 * Returns: whose klines @self loads
 */
WickBinanceMarket
wick_binance_source_get_market (WickBinanceSource *self)
{
  g_return_val_if_fail (WICK_IS_BINANCE_SOURCE (self), WICK_BINANCE_MARKET_SPOT);

  return self->market;
}

/**
 * wick_binance_source_get_spot_client:
 * @self: a #WickBinanceSource
 *
 * Returns: (transfer none): the client of /api/v3 (spot klines), to tune its backoff
 */
WickRestClient *
wick_binance_source_get_spot_client (WickBinanceSource *self)
{
  g_return_val_if_fail (WICK_IS_BINANCE_SOURCE (self), NULL);

  return self->spot;
}

/**
 * wick_binance_source_get_futures_client:
 * @self: a #WickBinanceSource
 *
 * Returns: (transfer none): the client of the USD-M host (futures klines, open interest)
 */
WickRestClient *
wick_binance_source_get_futures_client (WickBinanceSource *self)
{
  g_return_val_if_fail (WICK_IS_BINANCE_SOURCE (self), NULL);

  return self->futures;
}

/**
 * wick_binance_check_symbol:
 * @symbol: a symbol such as “BTCUSDT” (lower case is accepted)
 * @error: return location for %WICK_SOURCE_ERROR_UNSUPPORTED
 *
 * Returns: %TRUE when @symbol is 5 to 20 letters and digits
 */
gboolean
wick_binance_check_symbol (const char  *symbol,
                           GError     **error)
{
  return wick_binance_check_market_symbol (WICK_BINANCE_MARKET_SPOT, symbol, error);
}

/**
 * wick_binance_check_market_symbol:
 * @market: the market @symbol is of
 * @symbol: a symbol such as “BTCUSDT” (lower case is accepted)
 * @error: return location for %WICK_SOURCE_ERROR_UNSUPPORTED naming @symbol and @market
 *
 * Spot pairs and USD-M perpetual contracts are written alike; a delivery contract
 * (“BTCUSDT_250627”) is not a perpetual and is refused.
 *
 * Returns: %TRUE when @symbol is 5 to 20 letters and digits
 */
gboolean
wick_binance_check_market_symbol (WickBinanceMarket   market,
                                  const char         *symbol,
                                  GError            **error)
{
  gsize length;

  g_return_val_if_fail (symbol != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  length = strlen (symbol);
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (symbol[i]))
        {
          length = 0;
          break;
        }
    }

  if (length < 5 || length > 20)
    {
      g_autofree char *shown = g_utf8_make_valid (symbol, MIN (strlen (symbol), 40));

      if (market == WICK_BINANCE_MARKET_USDM)
        g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                     /* Translators: %s is what was typed as a symbol */
                     _("“%s” is not a Binance Futures perpetual: use 5 to 20 letters and "
                       "digits, such as BTCUSDT"), shown);
      else
        g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                     _("“%s” is not a Binance symbol: use 5 to 20 letters and digits, such as "
                       "BTCUSDT"), shown);
      return FALSE;
    }

  return TRUE;
}

/**
 * wick_binance_check_interval:
 * @interval: an interval name such as “1h”
 * @error: return location for %WICK_SOURCE_ERROR_UNSUPPORTED
 *
 * Returns: %TRUE when Binance has klines of @interval
 */
gboolean
wick_binance_check_interval (const char  *interval,
                             GError     **error)
{
  g_return_val_if_fail (interval != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!in_list (interval, intervals, G_N_ELEMENTS (intervals)))
    {
      g_autofree char *shown = g_utf8_make_valid (interval, MIN (strlen (interval), 20));

      g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                   _("Binance has no “%s” interval; use one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, "
                     "4h, 6h, 8h, 12h, 1d, 3d or 1w"), shown);
      return FALSE;
    }

  return TRUE;
}
