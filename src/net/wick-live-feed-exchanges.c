/* wick-live-feed-exchanges.c: where each exchange streams a market, and what its messages say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-live"

#include "config.h"

#include "wick-live-feed-private.h"

#include "wick-binance-parse.h"
#include "wick-exchange-parse-private.h"
#include "wick-okx-parse.h"
#include "wick-okx-source.h"
#include "wick-source.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/* OKX sizes liquidations in base currency per contract only for these linear swaps (the OKX
 * source keeps to the same ones). */
static const char * const okx_linear_quotes[] = { "USDT", "USDC" };

static char *
okx_subscribe_text (const char *channel,
                    const char *key,
                    const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "subscribe");
  json_builder_set_member_name (builder, "args");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, channel);
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* @futures: the market is a USD-M perpetual, whose klines stream from the futures host */
static gboolean
init_binance (WickLiveChannels     *channels,
              const WickEndpoints  *endpoints,
              WickMarket           *market,
              gboolean              futures,
              GError              **error)
{
  g_autofree char *symbol = g_ascii_strdown (wick_market_get_symbol (market), -1);

  /* Raw streams carry their subscription in the path; nothing to send. Since Binance routed
   * its futures streams, kline and forceOrder are “market” streams there. */
  if (futures)
    channels->candles_url = g_strdup_printf ("%s/market/ws/%s@kline_%s",
                                             endpoints->binance_futures_ws, symbol,
                                             wick_market_get_interval (market));
  else
    channels->candles_url = g_strdup_printf ("%s/ws/%s@kline_%s", endpoints->binance_ws, symbol,
                                             wick_market_get_interval (market));
  channels->liquidations_url = g_strdup_printf ("%s/market/ws/%s@forceOrder",
                                                endpoints->binance_futures_ws, symbol);

  return TRUE;
}

static gboolean
init_okx (WickLiveChannels     *channels,
          const WickEndpoints  *endpoints,
          WickMarket           *market,
          GError              **error)
{
  g_autofree char *inst_id = NULL;
  g_autofree char *channel = NULL;
  const char *interval = wick_market_get_interval (market);
  const char *bar;
  const char *quote;

  inst_id = wick_okx_inst_id_for_symbol (wick_market_get_symbol (market), error);
  if (inst_id == NULL)
    return FALSE;

  bar = wick_okx_bar_for_interval (interval);
  if (bar == NULL)
    {
      g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                   _("OKX has no “%s” candles"), interval);
      return FALSE;
    }

  /* OKX closes a connection that hears nothing for 30 s unless it is sent “ping”. */
  channels->ping_text = "ping";
  channels->pong_text = "pong";

  channel = g_strconcat ("candle", bar, NULL);
  channels->candles_url = g_strconcat (endpoints->okx_ws, "/ws/v5/business", NULL);
  channels->candles_subscribe = okx_subscribe_text (channel, "instId", inst_id);

  quote = strchr (inst_id, '-') + 1;
  for (guint i = 0; i < G_N_ELEMENTS (okx_linear_quotes); i++)
    {
      if (strcmp (quote, okx_linear_quotes[i]) != 0)
        continue;

      channels->liquidations_url = g_strconcat (endpoints->okx_ws, "/ws/v5/public", NULL);
      channels->liquidations_subscribe = okx_subscribe_text ("liquidation-orders",
                                                             "instType", "SWAP");
      channels->swap_id = g_strconcat (inst_id, "-SWAP", NULL);
    }

  return TRUE;
}

/**
 * _wick_live_channels_init:
 * @channels: (out caller-allocates): zeroed channels to fill
 * @source_name: the name of the source the market came from
 * @endpoints: where the exchanges are
 * @market: the market to follow
 * @error: return location for a #WickSourceError
 *
 * Returns: %TRUE when @source_name is an exchange with streams for @market
 */
gboolean
_wick_live_channels_init (WickLiveChannels     *channels,
                          const char           *source_name,
                          const WickEndpoints  *endpoints,
                          WickMarket           *market,
                          GError              **error)
{
  gboolean ok;

  g_assert (channels != NULL);
  g_assert (endpoints != NULL);
  g_assert (WICK_IS_MARKET (market));

  if (g_strcmp0 (source_name, "binance") == 0 ||
      g_strcmp0 (source_name, "binance-futures") == 0)
    {
      channels->exchange = WICK_LIVE_EXCHANGE_BINANCE;
      ok = init_binance (channels, endpoints, market,
                         g_strcmp0 (source_name, "binance-futures") == 0, error);
    }
  else if (g_strcmp0 (source_name, "okx") == 0)
    {
      channels->exchange = WICK_LIVE_EXCHANGE_OKX;
      ok = init_okx (channels, endpoints, market, error);
    }
  else
    {
      g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                   _("The source “%s” has no live updates"), source_name);
      return FALSE;
    }

  if (!ok)
    _wick_live_channels_clear (channels);

  return ok;
}

void
_wick_live_channels_clear (WickLiveChannels *channels)
{
  g_clear_pointer (&channels->candles_url, g_free);
  g_clear_pointer (&channels->candles_subscribe, g_free);
  g_clear_pointer (&channels->liquidations_url, g_free);
  g_clear_pointer (&channels->liquidations_subscribe, g_free);
  g_clear_pointer (&channels->swap_id, g_free);
  channels->ping_text = NULL;
  channels->pong_text = NULL;
}

/* A parser refused @data with @error: tell a control message (an acknowledgement, an event of
 * another kind, which the parsers do not read) from a bad one. Only runs on refusal, so good
 * messages are parsed once. */
static WickLiveDecode
classify_refused (WickLiveExchange   exchange,
                  const char        *data,
                  gsize              length,
                  const char        *event_type,
                  GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  gboolean is_control = FALSE;

  g_assert (error == NULL || *error != NULL);

  if (error != NULL && (*error)->domain == WICK_EXCHANGE_SERVER_ERROR)
    return WICK_LIVE_SERVER_ERROR;

  parser = _wick_exchange_load (data, length, NULL);
  root = parser != NULL ? json_parser_get_root (parser) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return WICK_LIVE_REJECTED;

  object = json_node_get_object (root);

  if (exchange == WICK_LIVE_EXCHANGE_BINANCE)
    {
      const char *type;

      /* A combined-stream wrapper holds the event in “data”. */
      if (json_object_has_member (object, "stream") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "data")))
        object = json_object_get_object_member (object, "data");

      type = _wick_exchange_get_string_member (object, "e", NULL);

      /* {"result":null,"id":1} answers a request; other events (serverShutdown …) are not
       * ours. */
      is_control = (json_object_has_member (object, "result") &&
                    json_object_has_member (object, "id")) ||
                   (type != NULL && strcmp (type, event_type) != 0);
    }
  else
    {
      const char *event = _wick_exchange_get_string_member (object, "event", NULL);

      if (g_strcmp0 (event, "error") == 0)
        {
          const char *code = _wick_exchange_get_string_member (object, "code", NULL);
          const char *msg = _wick_exchange_get_string_member (object, "msg", NULL);

          g_clear_error (error);
          g_set_error_literal (error, WICK_EXCHANGE_SERVER_ERROR,
                               code != NULL ? (int) g_ascii_strtoll (code, NULL, 10) : 0,
                               msg != NULL ? msg : _("OKX refused the subscription"));
          return WICK_LIVE_SERVER_ERROR;
        }

      /* subscribe acknowledgements, notices, channel-conn-count */
      is_control = json_object_has_member (object, "event");
    }

  if (!is_control)
    return WICK_LIVE_REJECTED;

  g_clear_error (error);
  return WICK_LIVE_IGNORED;
}

WickLiveDecode
_wick_live_decode_candle (WickLiveExchange   exchange,
                          GBytes            *message,
                          WickCandle        *out_candle,
                          GError           **error)
{
  GError *local_error = NULL;
  WickLiveDecode decode;
  gsize length;
  const char *data = g_bytes_get_data (message, &length);
  gboolean ok;

  if (exchange == WICK_LIVE_EXCHANGE_BINANCE)
    ok = wick_binance_parse_kline_event (data, length, out_candle, NULL, &local_error);
  else
    ok = wick_okx_parse_candle_event (data, length, 1.0, out_candle, NULL, &local_error);

  if (ok)
    return WICK_LIVE_DECODED;

  decode = classify_refused (exchange, data, length, "kline", &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return decode;
}

WickLiveDecode
_wick_live_decode_liquidations (WickLiveExchange   exchange,
                                GBytes            *message,
                                const char        *swap_id,
                                double             ct_val,
                                GArray            *out_events,
                                GError           **error)
{
  GError *local_error = NULL;
  WickLiveDecode decode;
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  if (exchange == WICK_LIVE_EXCHANGE_BINANCE)
    {
      WickLiquidationEvent event;

      if (wick_binance_parse_force_order (data, length, &event, &local_error))
        {
          g_array_append_val (out_events, event);
          return WICK_LIVE_DECODED;
        }
    }
  else
    {
      g_autoptr(GArray) events = NULL;

      if (wick_okx_parse_liquidations (data, length, swap_id, ct_val, &events, &local_error))
        {
          g_array_append_vals (out_events, events->data, events->len);
          return WICK_LIVE_DECODED;
        }
    }

  decode = classify_refused (exchange, data, length, "forceOrder", &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return decode;
}
