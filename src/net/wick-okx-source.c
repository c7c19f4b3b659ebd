/* wick-okx-source.c: OKX markets: spot candles paged over REST, SWAP liquidation orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shared exchange load (wick-exchange-source-private.h) does the cache, the windows, the
 * merge and the offline fallback; this file holds what is OKX's own: symbol and bar names,
 * the error bodies, and the liquidation orders sized with the swap's contract value. Paging
 * the candles is in wick-okx-candles.c.
 */

#define G_LOG_DOMAIN "wick-okx-source"

#include "config.h"

#include "wick-okx-source.h"

#include "wick-okx-parse.h"
#include "wick-okx-source-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define LIQUIDATIONS_LIMIT  100

#define INSTRUMENTS_PATH    "/api/v5/public/instruments"
#define LIQUIDATIONS_PATH   "/api/v5/public/liquidation-orders"

struct _WickOkxSource
{
  GObject          parent_instance;

  WickRestClient  *client;   /* Owned */
  WickCandleCache *cache;    /* Owned; nullable */
  gint64           from_ms;
  gint64           to_ms;
};

static void wick_okx_source_iface_init (WickSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WickOkxSource, wick_okx_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WICK_TYPE_SOURCE,
                                                      wick_okx_source_iface_init))

/* Quote currencies of OKX spot markets, longer names first so “USDT” wins over “USD”. */
static const char * const quotes[] = {
  "USDT", "USDC", "EUR", "USD", "BTC", "ETH", "OKB", "DAI",
};

/* Quotes whose swaps are linear (contract value in base currency), which
 * wick_okx_parse_liquidations() can size in USD. */
static const char * const linear_quotes[] = { "USDT", "USDC" };

static const struct
{
  const char *interval;
  const char *bar;
} bars[] = {
  { "1m", "1m" }, { "3m", "3m" }, { "5m", "5m" }, { "15m", "15m" }, { "30m", "30m" },
  { "1h", "1H" }, { "2h", "2H" }, { "4h", "4H" },
  /* From 6 hours up, OKX's plain bars follow Hong Kong time; the utc ones line up with the
   * other exchanges' candles. */
  { "6h", "6Hutc" }, { "12h", "12Hutc" }, { "1d", "1Dutc" }, { "1w", "1Wutc" },
};

static gboolean
is_known_quote (const char *quote)
{
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      if (strcmp (quote, quotes[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_currency (const char *text,
             gsize       length)
{
  if (length == 0 || length > 15)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isupper (text[i]) && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * wick_okx_inst_id_for_symbol:
 * @symbol: a market symbol, “BTCUSDT” or “BTC-USDT” (any case)
 * @error: return location for a %WICK_SOURCE_ERROR_UNSUPPORTED
 *
 * Returns: (transfer full) (nullable): OKX's spot instId, such as “BTC-USDT”, or %NULL when
 *   @symbol is not a base currency followed by a quote OKX lists (USDT, USDC, EUR, USD, BTC,
 *   ETH, OKB, DAI)
 */
char *
wick_okx_inst_id_for_symbol (const char  *symbol,
                             GError     **error)
{
  g_autofree char *upper = NULL;
  const char *dash;
  const char *base = NULL;
  const char *quote = NULL;
  gsize base_len = 0;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  upper = g_ascii_strup (symbol, -1);
  dash = strchr (upper, '-');

  if (dash != NULL)
    {
      base = upper;
      base_len = (gsize) (dash - upper);
      quote = dash + 1;
    }
  else
    {
      gsize length = strlen (upper);

      for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
        {
          gsize quote_len = strlen (quotes[i]);

          if (length > quote_len && g_str_has_suffix (upper, quotes[i]))
            {
              base = upper;
              base_len = length - quote_len;
              quote = upper + base_len;
              break;
            }
        }
    }

  if (base == NULL || !is_currency (base, base_len) || !is_known_quote (quote))
    {
      g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                   /* Translators: %s is what the user typed as a market symbol */
                   _("OKX has no market “%s”: write a spot market such as BTCUSDT or BTC-USDT"),
                   symbol);
      return NULL;
    }

  return g_strdup_printf ("%.*s-%s", (int) base_len, base, quote);
}

/**
 * wick_okx_bar_for_interval:
 * @interval: a Wick interval name, such as “1h”
 *
 * Returns: (nullable): OKX's bar (“1H”, “1Dutc” …), or %NULL when OKX has no such bar
 */
const char *
wick_okx_bar_for_interval (const char *interval)
{
  g_return_val_if_fail (interval != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      if (strcmp (interval, bars[i].interval) == 0)
        return bars[i].bar;
    }

  return NULL;
}

/* The market symbol Wick uses (“BTCUSDT”), so the cache key does not depend on how it was
 * typed. */
static char *
normalize_symbol (const char  *symbol,
                  GError     **error)
{
  g_autofree char *inst_id = wick_okx_inst_id_for_symbol (symbol, error);
  GString *market;

  if (inst_id == NULL)
    return NULL;

  market = g_string_new (inst_id);
  g_string_replace (market, "-", "", 0);

  return g_string_free (market, FALSE);
}

static gboolean
check_interval (const char  *interval,
                GError     **error)
{
  if (wick_okx_bar_for_interval (interval) != NULL && _wick_exchange_interval_ms (interval) > 0)
    return TRUE;

  g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
               _("OKX has no “%s” candles: use 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d "
                 "or 1w"), interval);
  return FALSE;
}

/* OKX answers errors with {"code":"51001","msg":"…","data":[]}, usually with HTTP 200 (the
 * page parsers then report it) and sometimes with a 4xx status (read here). The candle
 * parser reads the envelope first, so it serves as the error body parser too. */
static GError *
parse_error_body (const char *data,
                  gsize       length)
{
  g_autoptr(GArray) candles = NULL;
  GError *error = NULL;

  if (wick_okx_parse_candles (data, length, 1.0, &candles, &error))
    return NULL;

  return error;
}

/* Liquidations: the swap's contract value, then its filled liquidation orders. */

typedef struct
{
  WickExchangeLoad *load;      /* Borrowed */
  char             *inst_id;   /* spot, “BTC-USDT”, which is also the swap's instFamily */
  char             *swap_id;   /* “BTC-USDT-SWAP” */
  double            ct_val;
} ExtrasFetch;

static void
extras_fetch_free (ExtrasFetch *fetch)
{
  g_free (fetch->inst_id);
  g_free (fetch->swap_id);
  g_free (fetch);
}

static void
return_unavailable (GTask  *task,
                    GError *error)
{
  /* Translators: followed by why, such as “Instrument ID does not exist” */
  g_prefix_error (&error, _("Liquidations are not available: "));
  g_task_return_error (task, error);
}

static void
on_liquidations_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExtrasFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) events = NULL;
  GError *error = NULL;

  bytes = wick_rest_client_get_finish (WICK_REST_CLIENT (object), result, &error);
  if (bytes == NULL ||
      !wick_okx_parse_liquidations (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    fetch->swap_id, fetch->ct_val, &events, &error))
    {
      return_unavailable (task, error);
      return;
    }

  _wick_exchange_load_add_liquidations (fetch->load,
                                        (const WickLiquidationEvent *) (gpointer) events->data,
                                        events->len);
  g_task_return_boolean (task, TRUE);
}

static void
on_instruments_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExtrasFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *limit = g_strdup_printf ("%u", LIQUIDATIONS_LIMIT);
  const char *query[] = {
    "instType", "SWAP",
    "instFamily", fetch->inst_id,
    "state", "filled",
    "limit", limit,
    NULL
  };
  GCancellable *cancellable;
  GError *error = NULL;

  bytes = wick_rest_client_get_finish (WICK_REST_CLIENT (object), result, &error);
  if (bytes == NULL ||
      !wick_okx_parse_ct_val (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              fetch->swap_id, &fetch->ct_val, &error))
    {
      return_unavailable (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  wick_rest_client_get_async (WICK_REST_CLIENT (object), LIQUIDATIONS_PATH, query, cancellable,
                              on_liquidations_cb, g_steal_pointer (&task));
}

static void
fetch_extras_async (WickSource          *source,
                    WickExchangeLoad    *load,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  WickOkxSource *self = WICK_OKX_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  const char *query[] = { "instType", "SWAP", "instId", NULL, NULL };
  GError *error = NULL;
  ExtrasFetch *fetch;
  const char *quote;
  gboolean is_linear = FALSE;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, fetch_extras_async);

  fetch = g_new0 (ExtrasFetch, 1);
  g_task_set_task_data (task, fetch, (GDestroyNotify) extras_fetch_free);
  fetch->load = load;
  fetch->inst_id = wick_okx_inst_id_for_symbol (_wick_exchange_load_get_symbol (load), &error);
  if (fetch->inst_id == NULL)
    {
      return_unavailable (task, error);
      return;
    }

  quote = strchr (fetch->inst_id, '-') + 1;
  for (guint i = 0; i < G_N_ELEMENTS (linear_quotes); i++)
    is_linear |= strcmp (quote, linear_quotes[i]) == 0;

  if (!is_linear)
    {
      g_task_return_new_error (task, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                               _("Liquidations are not available: OKX sizes them in USD only "
                                 "for USDT and USDC swaps, not for %s"), fetch->inst_id);
      return;
    }

  fetch->swap_id = g_strconcat (fetch->inst_id, "-SWAP", NULL);
  query[3] = fetch->swap_id;

  wick_rest_client_get_async (self->client, INSTRUMENTS_PATH, query, cancellable,
                              on_instruments_cb, g_steal_pointer (&task));
}

static gboolean
fetch_extras_finish (WickSource    *source,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static const WickExchangeSourceInfo okx_info = {
  .exchange = "OKX",
  .default_symbol = "BTCUSDT",
  .default_interval = "1h",
  .page_limit = WICK_OKX_CANDLES_LIMIT,
  .default_candles = WICK_OKX_DEFAULT_CANDLES,
  .normalize_symbol = normalize_symbol,
  .check_interval = check_interval,
  .fetch_window_async = _wick_okx_fetch_window_async,
  .fetch_window_finish = _wick_okx_fetch_window_finish,
  .fetch_extras_async = fetch_extras_async,
  .fetch_extras_finish = fetch_extras_finish,
};

/* WickSource */

static const char *
wick_okx_source_get_name (WickSource *source)
{
  return "okx";
}

static void
wick_okx_source_load_async (WickSource          *source,
                            const char          *symbol,
                            const char          *interval,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  WickOkxSource *self = WICK_OKX_SOURCE (source);

  _wick_exchange_source_load_async (source, &okx_info, self->cache, symbol, interval,
                                    self->from_ms, self->to_ms, cancellable, callback,
                                    user_data);
}

static WickMarket *
wick_okx_source_load_finish (WickSource    *source,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _wick_exchange_source_load_finish (source, result, error);
}

static void
wick_okx_source_set_range (WickSource *source,
                           gint64      from_ms,
                           gint64      to_ms)
{
  WickOkxSource *self = WICK_OKX_SOURCE (source);

  self->from_ms = from_ms;
  self->to_ms = to_ms;
}

static void
wick_okx_source_iface_init (WickSourceInterface *iface)
{
  iface->get_name = wick_okx_source_get_name;
  iface->load_async = wick_okx_source_load_async;
  iface->load_finish = wick_okx_source_load_finish;
  iface->set_range = wick_okx_source_set_range;
}

/* GObject */

/* Rate-limit waits and retries of the client slow the load down: say so. */
static void
on_client_status_cb (WickOkxSource *self,
                     const char    *message,
                     gpointer       client)
{
  wick_source_emit_status (WICK_SOURCE (self), message);
}

static void
wick_okx_source_dispose (GObject *object)
{
  WickOkxSource *self = (WickOkxSource *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (wick_okx_source_parent_class)->dispose (object);
}

static void
wick_okx_source_class_init (WickOkxSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wick_okx_source_dispose;
}

static void
wick_okx_source_init (WickOkxSource *self)
{
}

/**
 * wick_okx_source_new:
 * @session: the application's session
 * @endpoints: where OKX is (its `okx` base URL is used)
 * @cache: (nullable): where candles are kept between runs; %NULL for none
 *
 * Returns: (transfer full): a new #WickSource named “okx”
 */
WickSource *
wick_okx_source_new (SoupSession         *session,
                     const WickEndpoints *endpoints,
                     WickCandleCache     *cache)
{
  WickOkxSource *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (endpoints != NULL && endpoints->okx != NULL, NULL);
  g_return_val_if_fail (cache == NULL || WICK_IS_CANDLE_CACHE (cache), NULL);

  self = g_object_new (WICK_TYPE_OKX_SOURCE, NULL);
  self->client = wick_rest_client_new (session, endpoints->okx, parse_error_body);
  wick_rest_client_set_name (self->client, "OKX");
  g_signal_connect_object (self->client, "status", G_CALLBACK (on_client_status_cb), self,
                           G_CONNECT_SWAPPED);
  if (cache != NULL)
    self->cache = g_object_ref (cache);

  return WICK_SOURCE (self);
}

/**
 * wick_okx_source_get_client:
 * @self: a #WickOkxSource
 *
 * Returns: (transfer none): the REST client, to tune its backoff or follow its ::status
 */
WickRestClient *
wick_okx_source_get_client (WickOkxSource *self)
{
  g_return_val_if_fail (WICK_IS_OKX_SOURCE (self), NULL);

  return self->client;
}
