/* wick-binance-parse.c: Binance REST and websocket bodies to model structs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-binance-parse"

#include "config.h"

#include "wick-binance-parse.h"

#include "wick-exchange-parse-private.h"

#include <glib/gi18n-lib.h>

#include <inttypes.h>
#include <math.h>

/* Fields of one kline row that we read; the rest are ignored. */
enum
{
  KLINE_OPEN_TIME,
  KLINE_OPEN,
  KLINE_HIGH,
  KLINE_LOW,
  KLINE_CLOSE,
  KLINE_VOLUME,
  KLINE_CLOSE_TIME,
  KLINE_N_USED,
};

/* If @root is Binance's error body ({"code":<int>,"msg":<string>}), sets the server error. */
static gboolean
set_server_error_if_any (JsonNode  *root,
                         GError   **error)
{
  JsonObject *object;
  JsonNode *code;
  JsonNode *msg;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  code = json_object_get_member (object, "code");
  msg = json_object_get_member (object, "msg");

  if (code == NULL || msg == NULL ||
      !JSON_NODE_HOLDS_VALUE (code) || json_node_get_value_type (code) != G_TYPE_INT64 ||
      !JSON_NODE_HOLDS_VALUE (msg) || json_node_get_value_type (msg) != G_TYPE_STRING ||
      json_node_get_int (code) < G_MININT || json_node_get_int (code) > G_MAXINT)
    return FALSE;

  /* An empty message would tell the user nothing. */
  if (json_node_get_string (msg)[0] == '\0')
    g_set_error (error, WICK_EXCHANGE_SERVER_ERROR, (int) json_node_get_int (code),
                 _("Binance error %d"), (int) json_node_get_int (code));
  else
    g_set_error_literal (error, WICK_EXCHANGE_SERVER_ERROR, (int) json_node_get_int (code),
                         json_node_get_string (msg));
  return TRUE;
}

static gboolean
parse_kline_row (JsonNode    *node,
                 guint        index,
                 WickCandle  *out_candle,
                 GError     **error)
{
  static const char * const names[] = {
    "open time", "open", "high", "low", "close", "volume", "close time",
  };
  WickExchangeWhere where = { index, NULL };
  WickCandle candle = { 0, };
  double *prices[] = { NULL, &candle.open, &candle.high, &candle.low, &candle.close,
                       &candle.volume };
  JsonArray *row;
  gint64 close_time;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == KLINE_N_USED);

  row = _wick_exchange_get_array (node, where, error);
  if (row == NULL)
    return FALSE;

  if (json_array_get_length (row) < KLINE_N_USED)
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                   _("element %u: a kline has %u fields, at least %u are needed"),
                   index, json_array_get_length (row), (guint) KLINE_N_USED);
      return FALSE;
    }

  where.field = names[KLINE_OPEN_TIME];
  if (!_wick_exchange_get_time_ms (json_array_get_element (row, KLINE_OPEN_TIME), where,
                                   &candle.open_time_ms, error))
    return FALSE;

  for (guint i = KLINE_OPEN; i <= KLINE_VOLUME; i++)
    {
      where.field = names[i];
      if (!_wick_exchange_get_decimal (json_array_get_element (row, i), where, prices[i], error))
        return FALSE;
    }

  where.field = names[KLINE_CLOSE_TIME];
  if (!_wick_exchange_get_time_ms (json_array_get_element (row, KLINE_CLOSE_TIME), where,
                                   &close_time, error))
    return FALSE;

  if (close_time < candle.open_time_ms)
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                   _("element %u: close time %" PRId64
                     " is before open time %" PRId64),
                   index, close_time, candle.open_time_ms);
      return FALSE;
    }

  if (!_wick_exchange_check_candle (&candle, index, error))
    return FALSE;

  *out_candle = candle;
  return TRUE;
}

/**
 * wick_binance_parse_klines:
 * @data: the body of a /api/v3/klines or /fapi/v1/klines response
 * @length: its length in bytes
 * @out_candles: (out) (transfer full): a #GArray of #WickCandle, oldest first
 * @error: return location for a #WickExchangeError, or a %WICK_EXCHANGE_SERVER_ERROR when
 *   @data is Binance's error body
 *
 * Every candle is validated and open times rise strictly; one bad row rejects the page and
 * leaves @out_candles untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_binance_parse_klines (const char  *data,
                           gsize        length,
                           GArray     **out_candles,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) candles = NULL;
  WickExchangeWhere where = { -1, NULL };
  JsonNode *root;
  JsonArray *rows;
  guint n_rows;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_candles != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parser = _wick_exchange_load (data, length, error);
  if (parser == NULL)
    return FALSE;

  root = json_parser_get_root (parser);
  if (set_server_error_if_any (root, error))
    return FALSE;

  rows = _wick_exchange_get_array (root, where, error);
  if (rows == NULL)
    return FALSE;

  n_rows = json_array_get_length (rows);
  candles = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      WickCandle candle;

      if (!parse_kline_row (json_array_get_element (rows, i), i, &candle, error))
        return FALSE;

      if (i > 0)
        {
          gint64 previous = g_array_index (candles, WickCandle, i - 1).open_time_ms;

          if (candle.open_time_ms == previous)
            {
              g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_DUPLICATE,
                           _("element %u: open time %" PRId64
                             " repeats the previous row"), i, candle.open_time_ms);
              return FALSE;
            }
          if (candle.open_time_ms < previous)
            {
              g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_OUT_OF_ORDER,
                           _("element %u: open time %" PRId64
                             " is before the previous row’s %" PRId64),
                           i, candle.open_time_ms, previous);
              return FALSE;
            }
        }

      g_array_append_val (candles, candle);
    }

  *out_candles = g_steal_pointer (&candles);
  return TRUE;
}

/**
 * wick_binance_parse_error:
 * @data: the body of a failed Binance request, such as `{"code":-1121,"msg":"Invalid symbol."}`
 * @length: its length in bytes
 *
 * Returns: (transfer full): a %WICK_EXCHANGE_SERVER_ERROR whose code is Binance's code and
 *   whose message is Binance's `msg`; or, when @data is not such a body, a
 *   %WICK_EXCHANGE_ERROR saying why
 */
GError *
wick_binance_parse_error (const char *data,
                          gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  GError *error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  parser = _wick_exchange_load (data, length, &error);
  if (parser == NULL)
    return error;

  if (!set_server_error_if_any (json_parser_get_root (parser), &error))
    g_set_error_literal (&error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                         _("body: expected an error object with an integer “code” and a "
                           "string “msg”"));

  return error;
}

/* The event object, unwrapped from {"stream":…,"data":{…}} when needed, with "e" checked. */
static JsonObject *
get_event (JsonParser  *parser,
           const char  *event_type,
           GError     **error)
{
  WickExchangeWhere where = { -1, NULL };
  JsonObject *event;
  JsonNode *type;

  event = _wick_exchange_get_object (json_parser_get_root (parser), where, error);
  if (event == NULL)
    return NULL;

  if (json_object_has_member (event, "stream") && json_object_has_member (event, "data"))
    {
      where.field = "data";
      event = _wick_exchange_get_object (json_object_get_member (event, "data"), where, error);
      if (event == NULL)
        return NULL;
    }

  type = json_object_get_member (event, "e");
  if (type == NULL || !JSON_NODE_HOLDS_VALUE (type) ||
      json_node_get_value_type (type) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (type), event_type) != 0)
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                   _("e: expected a “%s” event"), event_type);
      return NULL;
    }

  return event;
}

/**
 * wick_binance_parse_kline_event:
 * @data: one `<symbol>@kline_<interval>` websocket message
 * @length: its length in bytes
 * @out_candle: (out): the candle so far
 * @out_is_closed: (out) (optional): whether the candle is final (`x`)
 * @error: return location for a #WickExchangeError
 *
 * Returns: %TRUE on success; on failure the outputs are untouched
 */
gboolean
wick_binance_parse_kline_event (const char  *data,
                                gsize        length,
                                WickCandle  *out_candle,
                                gboolean    *out_is_closed,
                                GError     **error)
{
  static const struct
  {
    const char *member;
    gsize       offset;
  } prices[] = {
    { "o", G_STRUCT_OFFSET (WickCandle, open) },
    { "h", G_STRUCT_OFFSET (WickCandle, high) },
    { "l", G_STRUCT_OFFSET (WickCandle, low) },
    { "c", G_STRUCT_OFFSET (WickCandle, close) },
    { "v", G_STRUCT_OFFSET (WickCandle, volume) },
  };
  g_autoptr(JsonParser) parser = NULL;
  WickExchangeWhere where = { -1, "k" };
  WickCandle candle = { 0, };
  JsonObject *event;
  JsonObject *k;
  JsonNode *closed;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_candle != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parser = _wick_exchange_load (data, length, error);
  if (parser == NULL)
    return FALSE;

  event = get_event (parser, "kline", error);
  if (event == NULL)
    return FALSE;

  k = _wick_exchange_get_object (json_object_get_member (event, "k"), where, error);
  if (k == NULL)
    return FALSE;

  where.field = "k.t";
  if (!_wick_exchange_get_time_ms (json_object_get_member (k, "t"), where,
                                   &candle.open_time_ms, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    {
      g_autofree char *field = g_strconcat ("k.", prices[i].member, NULL);

      where.field = field;
      if (!_wick_exchange_get_decimal (json_object_get_member (k, prices[i].member), where,
                                       G_STRUCT_MEMBER_P (&candle, prices[i].offset), error))
        return FALSE;
    }

  closed = json_object_get_member (k, "x");
  if (closed == NULL || !JSON_NODE_HOLDS_VALUE (closed) ||
      json_node_get_value_type (closed) != G_TYPE_BOOLEAN)
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                           _("k.x: expected a boolean"));
      return FALSE;
    }

  if (!_wick_exchange_check_candle (&candle, -1, error))
    return FALSE;

  *out_candle = candle;
  if (out_is_closed != NULL)
    *out_is_closed = json_node_get_boolean (closed);

  return TRUE;
}

/**
 * wick_binance_parse_force_order:
 * @data: one `<symbol>@forceOrder` (or `!forceOrder@arr`) websocket message
 * @length: its length in bytes
 * @out_event: (out): the liquidation
 * @error: return location for a #WickExchangeError
 *
 * See the header for the side and size rules.
 *
 * Returns: %TRUE on success; on failure @out_event is untouched
 */
gboolean
wick_binance_parse_force_order (const char            *data,
                                gsize                  length,
                                WickLiquidationEvent  *out_event,
                                GError               **error)
{
  g_autoptr(JsonParser) parser = NULL;
  WickExchangeWhere where = { -1, "o" };
  WickLiquidationEvent result = { 0, };
  JsonObject *event;
  JsonObject *order;
  const char *side;
  double quantity;
  double filled = 0.0;
  double average;
  double price;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_event != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parser = _wick_exchange_load (data, length, error);
  if (parser == NULL)
    return FALSE;

  event = get_event (parser, "forceOrder", error);
  if (event == NULL)
    return FALSE;

  order = _wick_exchange_get_object (json_object_get_member (event, "o"), where, error);
  if (order == NULL)
    return FALSE;

  where.field = "o.S";
  side = _wick_exchange_get_string (json_object_get_member (order, "S"), where, error);
  if (side == NULL)
    return FALSE;
  if (g_strcmp0 (side, "SELL") == 0)
    result.side = WICK_SIDE_LONG;
  else if (g_strcmp0 (side, "BUY") == 0)
    result.side = WICK_SIDE_SHORT;
  else
    {
      g_autofree char *shown = _wick_exchange_quote (side);

      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                   _("o.S: “%s” is neither BUY nor SELL"), shown);
      return FALSE;
    }

  where.field = "o.T";
  if (!_wick_exchange_get_time_ms (json_object_get_member (order, "T"), where,
                                   &result.time_ms, error))
    return FALSE;

  where.field = "o.q";
  if (!_wick_exchange_get_decimal (json_object_get_member (order, "q"), where, &quantity, error))
    return FALSE;

  where.field = "o.z";
  if (json_object_has_member (order, "z") &&
      !_wick_exchange_get_decimal (json_object_get_member (order, "z"), where, &filled, error))
    return FALSE;

  where.field = "o.ap";
  if (!_wick_exchange_get_decimal (json_object_get_member (order, "ap"), where, &average, error))
    return FALSE;

  where.field = "o.p";
  if (!_wick_exchange_get_decimal (json_object_get_member (order, "p"), where, &price, error))
    return FALSE;

  if (quantity <= 0.0 || filled < 0.0)
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                           _("o.q: the quantity is not above zero"));
      return FALSE;
    }

  result.price = average > 0.0 ? average : price;
  if (result.price <= 0.0)
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                           _("o.ap: the price is not above zero"));
      return FALSE;
    }

  result.usd = (filled > 0.0 ? filled : quantity) * result.price;
  if (!isfinite (result.usd))
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                           _("o.q: the size in USD is too large"));
      return FALSE;
    }

  *out_event = result;
  return TRUE;
}
