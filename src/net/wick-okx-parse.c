/* wick-okx-parse.c: OKX v5 REST and websocket bodies to model structs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-okx-parse"

#include "config.h"

#include "wick-okx-parse.h"

#include "wick-exchange-parse-private.h"
#include "wick-okx-parse-private.h"

#include <glib/gi18n-lib.h>

#include <inttypes.h>
#include <math.h>

enum
{
  CANDLE_TIME,
  CANDLE_OPEN,
  CANDLE_HIGH,
  CANDLE_LOW,
  CANDLE_CLOSE,
  CANDLE_VOLUME,
  CANDLE_N_USED,
};

/* The "data" array of a REST envelope ({"code":"0","msg":"","data":[…]}) or a websocket push
 * ({"arg":{…},"data":[…]}); a non-zero code or an "event":"error" message is a server error.
 */
static JsonArray *
get_data (JsonParser  *parser,
          GError     **error)
{
  WickExchangeWhere where = { -1, NULL };
  JsonObject *root;
  JsonNode *code;

  root = _wick_exchange_get_object (json_parser_get_root (parser), where, error);
  if (root == NULL)
    return NULL;

  if (g_strcmp0 (_wick_exchange_get_string_member (root, "event", NULL), "error") == 0)
    {
      _wick_okx_set_server_error (root, error);
      return NULL;
    }

  code = json_object_get_member (root, "code");
  if (code != NULL)
    {
      where.field = "code";
      if (_wick_exchange_get_string (code, where, error) == NULL)
        return NULL;
      if (g_strcmp0 (json_node_get_string (code), "0") != 0)
        {
          _wick_okx_set_server_error (root, error);
          return NULL;
        }
    }
  else if (!json_object_has_member (root, "arg"))
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                           _("body: expected an OKX envelope with “code” or “arg”"));
      return NULL;
    }

  where.field = "data";
  return _wick_exchange_get_array (json_object_get_member (root, "data"), where, error);
}

gboolean
_wick_okx_check_ct_val (double   ct_val,
                        GError **error)
{
  if (isfinite (ct_val) && ct_val > 0.0)
    return TRUE;

  g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                       _("The contract value is not a number above zero"));
  return FALSE;
}

gboolean
_wick_okx_parse_candle_row (JsonNode    *node,
                            guint        index,
                            double       ct_val,
                            WickCandle  *out_candle,
                            GError     **error)
{
  static const char * const names[] = { "ts", "o", "h", "l", "c", "vol" };
  WickExchangeWhere where = { index, NULL };
  WickCandle candle = { 0, };
  double *values[] = { NULL, &candle.open, &candle.high, &candle.low, &candle.close,
                       &candle.volume };
  JsonArray *row;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == CANDLE_N_USED);

  row = _wick_exchange_get_array (node, where, error);
  if (row == NULL)
    return FALSE;

  if (json_array_get_length (row) < CANDLE_N_USED)
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                   _("element %u: a candle has %u fields, at least %u are needed"),
                   index, json_array_get_length (row), (guint) CANDLE_N_USED);
      return FALSE;
    }

  where.field = names[CANDLE_TIME];
  if (!_wick_exchange_get_time_ms (json_array_get_element (row, CANDLE_TIME), where,
                                   &candle.open_time_ms, error))
    return FALSE;

  for (guint i = CANDLE_OPEN; i <= CANDLE_VOLUME; i++)
    {
      where.field = names[i];
      if (!_wick_exchange_get_decimal (json_array_get_element (row, i), where, values[i], error))
        return FALSE;
    }

  candle.volume *= ct_val;

  if (!_wick_exchange_check_candle (&candle, index, error))
    return FALSE;

  *out_candle = candle;
  return TRUE;
}

/**
 * wick_okx_parse_candles:
 * @data: the body of a /api/v5/market/candles or history-candles response
 * @length: its length in bytes
 * @ct_val: base currency per unit of `vol`: the contract value, or 1 for spot
 * @out_candles: (out) (transfer full): a #GArray of #WickCandle, oldest first
 * @error: return location for a #WickExchangeError or %WICK_EXCHANGE_SERVER_ERROR
 *
 * Returns: %TRUE on success; on failure @out_candles is untouched
 */
gboolean
wick_okx_parse_candles (const char  *data,
                        gsize        length,
                        double       ct_val,
                        GArray     **out_candles,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) candles = NULL;
  JsonArray *rows;
  guint n_rows;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_candles != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_wick_okx_check_ct_val (ct_val, error))
    return FALSE;

  parser = _wick_exchange_load (data, length, error);
  if (parser == NULL)
    return FALSE;

  rows = get_data (parser, error);
  if (rows == NULL)
    return FALSE;

  n_rows = json_array_get_length (rows);
  candles = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), n_rows);
  g_array_set_size (candles, n_rows);

  /* Fill from the back so the array ends up oldest first. */
  for (guint i = 0; i < n_rows; i++)
    {
      WickCandle *candle = &g_array_index (candles, WickCandle, n_rows - 1 - i);

      if (!_wick_okx_parse_candle_row (json_array_get_element (rows, i), i, ct_val, candle,
                                       error))
        return FALSE;

      if (i > 0)
        {
          gint64 newer = candle[1].open_time_ms;

          if (candle->open_time_ms == newer)
            {
              g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_DUPLICATE,
                           _("element %u: time %" PRId64 " repeats the previous row"),
                           i, candle->open_time_ms);
              return FALSE;
            }
          if (candle->open_time_ms > newer)
            {
              g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_OUT_OF_ORDER,
                           _("element %u: time %" PRId64 " is after the previous "
                             "row’s %" PRId64 " (rows must be newest first)"),
                           i, candle->open_time_ms, newer);
              return FALSE;
            }
        }
    }

  *out_candles = g_steal_pointer (&candles);
  return TRUE;
}

static gboolean
parse_detail (JsonNode              *node,
              guint                  index,
              double                 ct_val,
              WickLiquidationEvent  *out_event,
              GError               **error)
{
  WickExchangeWhere where = { index, NULL };
  WickLiquidationEvent event = { 0, };
  JsonObject *detail;
  const char *side;
  const char *pos_side;
  double size;

  detail = _wick_exchange_get_object (node, where, error);
  if (detail == NULL)
    return FALSE;

  where.field = "details.side";
  side = _wick_exchange_get_string (json_object_get_member (detail, "side"), where, error);
  if (side == NULL)
    return FALSE;

  pos_side = _wick_exchange_get_string_member (detail, "posSide", "");
  if (g_strcmp0 (pos_side, "long") == 0)
    event.side = WICK_SIDE_LONG;
  else if (g_strcmp0 (pos_side, "short") == 0)
    event.side = WICK_SIDE_SHORT;
  else if (g_strcmp0 (side, "sell") == 0)
    event.side = WICK_SIDE_LONG;
  else if (g_strcmp0 (side, "buy") == 0)
    event.side = WICK_SIDE_SHORT;
  else
    {
      g_autofree char *shown = _wick_exchange_quote (side);

      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                   _("element %u, details.side: “%s” is neither buy nor sell"), index, shown);
      return FALSE;
    }

  where.field = "details.ts";
  if (!_wick_exchange_get_time_ms (json_object_get_member (detail, "ts"), where,
                                   &event.time_ms, error))
    return FALSE;

  where.field = "details.sz";
  if (!_wick_exchange_get_decimal (json_object_get_member (detail, "sz"), where, &size, error))
    return FALSE;

  where.field = "details.bkPx";
  if (!_wick_exchange_get_decimal (json_object_get_member (detail, "bkPx"), where,
                                   &event.price, error))
    return FALSE;

  if (size <= 0.0 || event.price <= 0.0)
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                   _("element %u: %s is not above zero"), index,
                   size <= 0.0 ? "details.sz" : "details.bkPx");
      return FALSE;
    }

  event.usd = size * ct_val * event.price;
  if (!isfinite (event.usd))
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                   _("element %u: the size in USD is too large"), index);
      return FALSE;
    }

  *out_event = event;
  return TRUE;
}

static int
compare_events_by_time (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const WickLiquidationEvent *ea = a;
  const WickLiquidationEvent *eb = b;

  return (ea->time_ms > eb->time_ms) - (ea->time_ms < eb->time_ms);
}

/**
 * wick_okx_parse_liquidations:
 * @data: a /api/v5/public/liquidation-orders body or a `liquidation-orders` websocket push
 * @length: its length in bytes
 * @inst_id: (nullable): keep only this instrument (e.g. "BTC-USDT-SWAP"), or %NULL for all
 * @ct_val: the contract value in base currency (0.01 for BTC-USDT-SWAP)
 * @out_events: (out) (transfer full): a #GArray of #WickLiquidationEvent, oldest first
 * @error: return location for a #WickExchangeError or %WICK_EXCHANGE_SERVER_ERROR
 *
 * Element indexes in errors are those of the `data` array.
 *
 * Returns: %TRUE on success; on failure @out_events is untouched
 */
gboolean
wick_okx_parse_liquidations (const char  *data,
                             gsize        length,
                             const char  *inst_id,
                             double       ct_val,
                             GArray     **out_events,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) events = NULL;
  JsonArray *items;
  guint n_items;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_events != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_wick_okx_check_ct_val (ct_val, error))
    return FALSE;

  parser = _wick_exchange_load (data, length, error);
  if (parser == NULL)
    return FALSE;

  items = get_data (parser, error);
  if (items == NULL)
    return FALSE;

  n_items = json_array_get_length (items);
  events = g_array_new (FALSE, FALSE, sizeof (WickLiquidationEvent));

  for (guint i = 0; i < n_items; i++)
    {
      WickExchangeWhere where = { i, NULL };
      JsonObject *item;
      JsonArray *details;
      const char *item_inst;

      item = _wick_exchange_get_object (json_array_get_element (items, i), where, error);
      if (item == NULL)
        return FALSE;

      where.field = "instId";
      item_inst = _wick_exchange_get_string (json_object_get_member (item, "instId"), where,
                                             error);
      if (item_inst == NULL)
        return FALSE;

      where.field = "details";
      details = _wick_exchange_get_array (json_object_get_member (item, "details"), where,
                                          error);
      if (details == NULL)
        return FALSE;

      /* Other instruments are checked too, so a malformed push is still rejected whole. */
      for (guint j = 0; j < json_array_get_length (details); j++)
        {
          WickLiquidationEvent event;

          if (!parse_detail (json_array_get_element (details, j), i, ct_val, &event, error))
            return FALSE;

          if (inst_id == NULL || g_strcmp0 (inst_id, item_inst) == 0)
            g_array_append_val (events, event);
        }
    }

  /* REST answers newest first; a stable sort keeps same-millisecond events in their order. */
  if (events->len > 1)
    g_qsort_with_data (events->data, events->len, sizeof (WickLiquidationEvent),
                       compare_events_by_time, NULL);

  *out_events = g_steal_pointer (&events);
  return TRUE;
}
