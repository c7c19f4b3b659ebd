/* wick-exchange-parse-private.h: helpers the exchange parsers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wick-exchange-parse.h"
#include "wick-series.h"

G_BEGIN_DECLS

/* Where a value sits, for error messages: "element 3, high" or "high" when index is -1. */
typedef struct
{
  gint64      index;
  const char *field;
} WickExchangeWhere;

JsonParser *_wick_exchange_load          (const char          *data,
                                          gsize                length,
                                          GError             **error);
gboolean    _wick_exchange_get_decimal   (JsonNode            *node,
                                          WickExchangeWhere    where,
                                          double              *out_value,
                                          GError             **error);
gboolean    _wick_exchange_get_time_ms   (JsonNode            *node,
                                          WickExchangeWhere    where,
                                          gint64              *out_time_ms,
                                          GError             **error);
JsonObject *_wick_exchange_get_object    (JsonNode            *node,
                                          WickExchangeWhere    where,
                                          GError             **error);
JsonArray  *_wick_exchange_get_array     (JsonNode            *node,
                                          WickExchangeWhere    where,
                                          GError             **error);
const char *_wick_exchange_get_string    (JsonNode            *node,
                                          WickExchangeWhere    where,
                                          GError             **error);
gboolean    _wick_exchange_check_candle  (const WickCandle    *candle,
                                          gint64               index,
                                          GError             **error);
const char *_wick_exchange_get_string_member (JsonObject     *object,
                                              const char     *name,
                                              const char     *fallback);
void        _wick_okx_set_server_error   (JsonObject          *object,
                                          GError             **error);
char       *_wick_exchange_describe      (WickExchangeWhere    where);
char       *_wick_exchange_quote         (const char          *text);

G_END_DECLS
