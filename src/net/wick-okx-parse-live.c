/* wick-okx-parse-live.c: OKX instrument bodies and websocket candle pushes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract value and the live candle, declared in wick-okx-parse.h beside the REST parsers
 * of wick-okx-parse.c, whose envelope rules these follow. A pushed row starts with the fields
 * of a REST row and is read by the same code (_wick_okx_parse_candle_row()), then `confirm`.
 */

#define G_LOG_DOMAIN "wick-okx-parse"

#include "config.h"

#include "wick-okx-parse.h"

#include "wick-exchange-parse-private.h"
#include "wick-okx-parse-private.h"

#include <glib/gi18n-lib.h>

#include <inttypes.h>
#include <stdlib.h>

/* Where a pushed row holds `confirm`, after the fields it shares with a REST row. */
#define ROW_CONFIRM 8

/* The "data" array of a REST envelope whose `code` must be "0". */
static JsonArray *
get_rest_data (JsonParser  *parser,
               GError     **error)
{
  WickExchangeWhere where = { -1, NULL };
  JsonObject *root;
  const char *code;

  root = _wick_exchange_get_object (json_parser_get_root (parser), where, error);
  if (root == NULL)
    return NULL;

  where.field = "code";
  code = _wick_exchange_get_string (json_object_get_member (root, "code"), where, error);
  if (code == NULL)
    return NULL;

  if (g_strcmp0 (code, "0") != 0)
    {
      _wick_okx_set_server_error (root, error);
      return NULL;
    }

  where.field = "data";
  return _wick_exchange_get_array (json_object_get_member (root, "data"), where, error);
}

/* The "data" array of a candle push; an "event" message (a subscribe acknowledgement, or an
 * error) and a push of another channel are refused.
 */
static JsonArray *
get_candle_push_data (JsonParser  *parser,
                      GError     **error)
{
  WickExchangeWhere where = { -1, NULL };
  JsonObject *root;
  JsonObject *arg;
  const char *event;
  const char *channel;

  root = _wick_exchange_get_object (json_parser_get_root (parser), where, error);
  if (root == NULL)
    return NULL;

  if (json_object_has_member (root, "event"))
    {
      where.field = "event";
      event = _wick_exchange_get_string (json_object_get_member (root, "event"), where, error);
      if (event == NULL)
        return NULL;

      if (g_strcmp0 (event, "error") == 0)
        _wick_okx_set_server_error (root, error);
      else
        {
          g_autofree char *shown = _wick_exchange_quote (event);

          g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                       _("event: a “%s” message is not a candle"), shown);
        }
      return NULL;
    }

  where.field = "arg";
  arg = _wick_exchange_get_object (json_object_get_member (root, "arg"), where, error);
  if (arg == NULL)
    return NULL;

  where.field = "arg.channel";
  channel = _wick_exchange_get_string (json_object_get_member (arg, "channel"), where, error);
  if (channel == NULL)
    return NULL;

  if (!g_str_has_prefix (channel, "candle"))
    {
      g_autofree char *shown = _wick_exchange_quote (channel);

      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                   _("arg.channel: “%s” is not a candle channel"), shown);
      return NULL;
    }

  where.field = "data";
  return _wick_exchange_get_array (json_object_get_member (root, "data"), where, error);
}

/**
 * wick_okx_parse_ct_val:
 * @data: the body of a /api/v5/public/instruments response
 * @length: its length in bytes
 * @inst_id: the instrument, such as "BTC-USDT-SWAP"
 * @out_ct_val: (out): its contract value in base currency, finite and above zero
 * @error: return location for a #WickExchangeError or %WICK_EXCHANGE_SERVER_ERROR
 *
 * Every element must be an object with a string `instId`; only @inst_id's `ctVal` is read.
 * An @inst_id that is absent, listed twice, or whose `ctVal` is empty (as for spot) is an
 * error.
 *
 * Returns: %TRUE on success; on failure @out_ct_val is untouched
 */
gboolean
wick_okx_parse_ct_val (const char  *data,
                       gsize        length,
                       const char  *inst_id,
                       double      *out_ct_val,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  WickExchangeWhere ct_where = { 0, "ctVal" };
  JsonObject *found = NULL;
  guint found_index = 0;
  JsonArray *items;
  double ct_val;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (inst_id != NULL, FALSE);
  g_return_val_if_fail (out_ct_val != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parser = _wick_exchange_load (data, length, error);
  if (parser == NULL)
    return FALSE;

  items = get_rest_data (parser, error);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      WickExchangeWhere where = { i, NULL };
      JsonObject *item;
      const char *item_inst;

      item = _wick_exchange_get_object (json_array_get_element (items, i), where, error);
      if (item == NULL)
        return FALSE;

      where.field = "instId";
      item_inst = _wick_exchange_get_string (json_object_get_member (item, "instId"), where,
                                             error);
      if (item_inst == NULL)
        return FALSE;

      if (g_strcmp0 (item_inst, inst_id) != 0)
        continue;

      if (found != NULL)
        {
          g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_DUPLICATE,
                       _("element %u: instrument “%s” was already listed as element %u"),
                       i, inst_id, found_index);
          return FALSE;
        }

      found = item;
      found_index = i;
    }

  if (found == NULL)
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                   _("data: instrument “%s” is not in the response"), inst_id);
      return FALSE;
    }

  ct_where.index = found_index;
  if (!_wick_exchange_get_decimal (json_object_get_member (found, "ctVal"), ct_where, &ct_val,
                                   error))
    return FALSE;

  if (!(ct_val > 0.0))
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                   _("element %u, ctVal: the contract value is not above zero"), found_index);
      return FALSE;
    }

  *out_ct_val = ct_val;
  return TRUE;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a;
  gint64 tb = *(const gint64 *) b;

  return (ta > tb) - (ta < tb);
}

static gboolean
parse_push_row (JsonNode    *node,
                guint        index,
                double       ct_val,
                WickCandle  *out_candle,
                gboolean    *out_is_closed,
                GError     **error)
{
  WickExchangeWhere where = { index, "confirm" };
  WickCandle candle;
  gboolean is_closed = FALSE;
  JsonArray *row;

  if (!_wick_okx_parse_candle_row (node, index, ct_val, &candle, error))
    return FALSE;

  row = json_node_get_array (node);

  /* A row without the flag is taken as still forming: that is always safe to upsert. */
  if (json_array_get_length (row) > ROW_CONFIRM)
    {
      const char *confirm;

      confirm = _wick_exchange_get_string (json_array_get_element (row, ROW_CONFIRM), where,
                                           error);
      if (confirm == NULL)
        return FALSE;

      if (g_strcmp0 (confirm, "1") == 0)
        is_closed = TRUE;
      else if (g_strcmp0 (confirm, "0") != 0)
        {
          g_autofree char *shown = _wick_exchange_quote (confirm);

          g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                       _("element %u, confirm: “%s” is neither “0” nor “1”"), index, shown);
          return FALSE;
        }
    }

  *out_candle = candle;
  *out_is_closed = is_closed;
  return TRUE;
}

/**
 * wick_okx_parse_candle_event:
 * @data: a `candle…` push from /ws/v5/business
 * @length: its length in bytes
 * @ct_val: base currency per unit of `vol`: the contract value, or 1 for spot
 * @out_candle: (out): the newest candle of the push
 * @out_is_closed: (out) (optional): %TRUE when that candle is closed (`confirm` "1")
 * @error: return location for a #WickExchangeError or %WICK_EXCHANGE_SERVER_ERROR
 *
 * Every row is checked; two rows with the same time are an error. A push without rows, an
 * `"event"` message (subscribe acknowledgements) and a push of another channel are
 * %WICK_EXCHANGE_ERROR_BAD_SHAPE; an `"event":"error"` message is OKX's own error.
 *
 * Returns: %TRUE on success; on failure the outputs are untouched
 */
gboolean
wick_okx_parse_candle_event (const char  *data,
                             gsize        length,
                             double       ct_val,
                             WickCandle  *out_candle,
                             gboolean    *out_is_closed,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree gint64 *times = NULL;
  WickCandle newest = { 0, };
  gboolean newest_closed = FALSE;
  JsonArray *rows;
  guint n_rows;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_candle != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_wick_okx_check_ct_val (ct_val, error))
    return FALSE;

  parser = _wick_exchange_load (data, length, error);
  if (parser == NULL)
    return FALSE;

  rows = get_candle_push_data (parser, error);
  if (rows == NULL)
    return FALSE;

  n_rows = json_array_get_length (rows);
  if (n_rows == 0)
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE,
                           _("data: the push holds no candle"));
      return FALSE;
    }

  /* OKX sends one row per push; should it send more, their order is not promised, so the
   * newest is picked by time, and no time may repeat.
   */
  times = g_new (gint64, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      WickCandle candle;
      gboolean is_closed;

      if (!parse_push_row (json_array_get_element (rows, i), i, ct_val, &candle, &is_closed,
                           error))
        return FALSE;

      times[i] = candle.open_time_ms;
      if (i == 0 || candle.open_time_ms > newest.open_time_ms)
        {
          newest = candle;
          newest_closed = is_closed;
        }
    }

  qsort (times, n_rows, sizeof *times, compare_times);
  for (guint i = 1; i < n_rows; i++)
    {
      if (times[i] == times[i - 1])
        {
          g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_DUPLICATE,
                       _("data: time %" PRId64 " is in more than one row"), times[i]);
          return FALSE;
        }
    }

  *out_candle = newest;
  if (out_is_closed != NULL)
    *out_is_closed = newest_closed;
  return TRUE;
}
