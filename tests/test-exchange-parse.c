/* test-exchange-parse.c: Binance and OKX bodies to candles and liquidation events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-binance-parse.h"
#include "wick-okx-parse.h"

#include <string.h>

#define BTC_USDT_SWAP_CT_VAL 0.01

/* Bodies in the documented shapes. */

static const char binance_klines[] =
  "[[1767571200000,\"91514.81000000\",\"91800.00000000\",\"91400.50000000\",\"91700.25000000\","
  "\"120.50000000\",1767574799999,\"11040000.00\",5000,\"60.0\",\"5500000.0\",\"0\"],"
  "[1767574800000,\"91700.25000000\",\"92100.00000000\",\"91650.00000000\",\"92000.00000000\","
  "\"98.25000000\",1767578399999,\"9030000.00\",4100,\"50.0\",\"4600000.0\",\"0\"],"
  "[1767578400000,\"92000.00\",\"92000.00\",\"91900.10\",\"91950.00\",\"0.000\",1767581999999]]";

static const char binance_kline_event[] =
  "{\"e\":\"kline\",\"E\":1767578410000,\"s\":\"BTCUSDT\",\"k\":{\"t\":1767578400000,"
  "\"T\":1767581999999,\"s\":\"BTCUSDT\",\"i\":\"1h\",\"f\":1,\"L\":9,\"o\":\"92000.00\","
  "\"c\":\"92010.50\",\"h\":\"92020.00\",\"l\":\"91990.00\",\"v\":\"3.25000000\",\"n\":9,"
  "\"x\":false,\"q\":\"299000.0\",\"V\":\"1.0\",\"Q\":\"92000.0\",\"B\":\"0\"}}";

static const char binance_force_order[] =
  "{\"e\":\"forceOrder\",\"E\":1767578412000,\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\","
  "\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"0.500\",\"p\":\"91800.00\",\"ap\":\"91900.00\","
  "\"X\":\"FILLED\",\"l\":\"0.500\",\"z\":\"0.500\",\"T\":1767578411999}}";

static const char okx_candles[] =
  "{\"code\":\"0\",\"msg\":\"\",\"data\":["
  "[\"1767578400000\",\"92000\",\"92050.5\",\"91980\",\"92010\",\"1500\",\"15\",\"1380150\",\"0\"],"
  "[\"1767574800000\",\"91700.2\",\"92100\",\"91650\",\"92000\",\"2500\",\"25\",\"2300000\",\"1\"],"
  "[\"1767571200000\",\"91514.8\",\"91800\",\"91400.5\",\"91700.2\",\"300\",\"3\",\"275000\",\"1"
  "\"]]}";

static const char okx_liquidations_ws[] =
  "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":["
  "{\"details\":[{\"bkLoss\":\"0\",\"bkPx\":\"91000.5\",\"ccy\":\"\",\"posSide\":\"long\","
  "\"side\":\"sell\",\"sz\":\"250\",\"ts\":\"1767578413000\"},"
  "{\"bkLoss\":\"0\",\"bkPx\":\"92500\",\"ccy\":\"\",\"posSide\":\"\",\"side\":\"buy\","
  "\"sz\":\"40\",\"ts\":\"1767578412000\"}],"
  "\"instFamily\":\"BTC-USDT\",\"instId\":\"BTC-USDT-SWAP\",\"instType\":\"SWAP\",\"uly\":\"BTC-U"
  "SDT\"},"
  "{\"details\":[{\"bkLoss\":\"0\",\"bkPx\":\"3100\",\"ccy\":\"\",\"posSide\":\"short\","
  "\"side\":\"buy\",\"sz\":\"7\",\"ts\":\"1767578414000\"}],"
  "\"instFamily\":\"ETH-USDT\",\"instId\":\"ETH-USDT-SWAP\",\"instType\":\"SWAP\",\"uly\":\"ETH-U"
  "SDT\"}]}";

static void
assert_candle (const WickCandle *candle,
               gint64            time_ms,
               double            open,
               double            high,
               double            low,
               double            close,
               double            volume)
{
  g_assert_cmpint (candle->open_time_ms, ==, time_ms);
  g_assert_cmpfloat_with_epsilon (candle->open, open, 1e-9);
  g_assert_cmpfloat_with_epsilon (candle->high, high, 1e-9);
  g_assert_cmpfloat_with_epsilon (candle->low, low, 1e-9);
  g_assert_cmpfloat_with_epsilon (candle->close, close, 1e-9);
  g_assert_cmpfloat_with_epsilon (candle->volume, volume, 1e-9);
}

/* Happy paths */

static void
test_binance_klines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) candles = NULL;

  g_assert_true (wick_binance_parse_klines (binance_klines, strlen (binance_klines),
                                            &candles, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candles->len, ==, 3);
  assert_candle (&g_array_index (candles, WickCandle, 0),
                 1767571200000, 91514.81, 91800.0, 91400.5, 91700.25, 120.5);
  assert_candle (&g_array_index (candles, WickCandle, 1),
                 1767574800000, 91700.25, 92100.0, 91650.0, 92000.0, 98.25);
  assert_candle (&g_array_index (candles, WickCandle, 2),
                 1767578400000, 92000.0, 92000.0, 91900.1, 91950.0, 0.0);
}

static void
test_binance_klines_empty_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) candles = NULL;

  g_assert_true (wick_binance_parse_klines ("[]", 2, &candles, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candles->len, ==, 0);
}

static void
test_binance_klines_error_body (void)
{
  static const char body[] = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";
  g_autoptr(GError) error = NULL;
  GArray *candles = NULL;

  g_assert_false (wick_binance_parse_klines (body, strlen (body), &candles, &error));
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, -1121);
  g_assert_cmpstr (error->message, ==, "Invalid symbol.");
  g_assert_null (candles);
}

static void
test_binance_error (void)
{
  static const char body[] =
    "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 6000.\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) not_error = NULL;
  g_autoptr(GError) truncated = NULL;

  error = wick_binance_parse_error (body, strlen (body));
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, -1003);
  g_assert_cmpstr (error->message, ==, "Too many requests; current limit is 6000.");

  not_error = wick_binance_parse_error ("{\"code\":\"-1121\",\"msg\":\"x\"}", 26);
  g_assert_error (not_error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_SHAPE);
  g_assert_nonnull (strstr (not_error->message, "code"));

  truncated = wick_binance_parse_error ("{\"code\":-11", 11);
  g_assert_error (truncated, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON);
}

static void
test_binance_kline_event (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *combined = NULL;
  WickCandle candle;
  gboolean is_closed = TRUE;

  g_assert_true (wick_binance_parse_kline_event (binance_kline_event,
                                                 strlen (binance_kline_event),
                                                 &candle, &is_closed, &error));
  g_assert_no_error (error);
  g_assert_false (is_closed);
  assert_candle (&candle, 1767578400000, 92000.0, 92020.0, 91990.0, 92010.5, 3.25);

  /* The combined-stream wrapper, and a closed candle. */
  combined = g_strdup_printf ("{\"stream\":\"btcusdt@kline_1h\",\"data\":%s}",
                              binance_kline_event);
  memcpy (strstr (combined, "\"x\":false"), "\"x\":true ", 9);
  g_assert_true (wick_binance_parse_kline_event (combined, strlen (combined),
                                                 &candle, &is_closed, &error));
  g_assert_no_error (error);
  g_assert_true (is_closed);
  g_assert_cmpint (candle.open_time_ms, ==, 1767578400000);
}

static void
test_binance_force_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *buy = NULL;
  WickLiquidationEvent event;

  g_assert_true (wick_binance_parse_force_order (binance_force_order,
                                                 strlen (binance_force_order),
                                                 &event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event.time_ms, ==, 1767578411999);
  g_assert_cmpint (event.side, ==, WICK_SIDE_LONG);
  g_assert_cmpfloat_with_epsilon (event.price, 91900.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (event.usd, 45950.0, 1e-6);

  /* A BUY force order closes a short. */
  buy = g_strdup (binance_force_order);
  memcpy (strstr (buy, "\"SELL\""), "\"BUY\" ", 6);
  g_assert_true (wick_binance_parse_force_order (buy, strlen (buy), &event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event.side, ==, WICK_SIDE_SHORT);
}

static void
test_okx_candles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) candles = NULL;

  g_assert_true (wick_okx_parse_candles (okx_candles, strlen (okx_candles),
                                         BTC_USDT_SWAP_CT_VAL, &candles, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candles->len, ==, 3);
  /* Oldest first, volume in BTC (contracts × 0.01). */
  assert_candle (&g_array_index (candles, WickCandle, 0),
                 1767571200000, 91514.8, 91800.0, 91400.5, 91700.2, 3.0);
  assert_candle (&g_array_index (candles, WickCandle, 1),
                 1767574800000, 91700.2, 92100.0, 91650.0, 92000.0, 25.0);
  assert_candle (&g_array_index (candles, WickCandle, 2),
                 1767578400000, 92000.0, 92050.5, 91980.0, 92010.0, 15.0);
}

static void
test_okx_server_error (void)
{
  static const char body[] =
    "{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}";
  static const char ws[] = "{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) ws_error = NULL;
  GArray *out = NULL;

  g_assert_false (wick_okx_parse_candles (body, strlen (body), 1.0, &out, &error));
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, 51001);
  g_assert_cmpstr (error->message, ==, "Instrument ID does not exist");
  g_assert_null (out);

  g_assert_false (wick_okx_parse_liquidations (ws, strlen (ws), NULL, 1.0, &out, &ws_error));
  g_assert_error (ws_error, WICK_EXCHANGE_SERVER_ERROR, 60012);
  g_assert_cmpstr (ws_error->message, ==, "Invalid request");
  g_assert_null (out);

  /* A code of the wrong type still yields a server error, never a warning. */
  g_clear_error (&ws_error);
  g_assert_false (wick_okx_parse_liquidations ("{\"event\":\"error\",\"code\":60012}", 30, NULL,
                                               1.0, &out, &ws_error));
  g_assert_error (ws_error, WICK_EXCHANGE_SERVER_ERROR, -1);
  g_assert_null (out);
}

static void
test_okx_liquidations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) rest = NULL;
  g_autofree char *rest_body = NULL;
  const WickLiquidationEvent *e;

  g_assert_true (wick_okx_parse_liquidations (okx_liquidations_ws, strlen (okx_liquidations_ws),
                                              "BTC-USDT-SWAP", BTC_USDT_SWAP_CT_VAL,
                                              &events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);

  /* Sorted oldest first; an empty posSide falls back on the order side (buy → short). */
  e = &g_array_index (events, WickLiquidationEvent, 0);
  g_assert_cmpint (e->time_ms, ==, 1767578412000);
  g_assert_cmpint (e->side, ==, WICK_SIDE_SHORT);
  g_assert_cmpfloat_with_epsilon (e->price, 92500.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->usd, 40 * 0.01 * 92500.0, 1e-6);

  e = &g_array_index (events, WickLiquidationEvent, 1);
  g_assert_cmpint (e->time_ms, ==, 1767578413000);
  g_assert_cmpint (e->side, ==, WICK_SIDE_LONG);
  g_assert_cmpfloat_with_epsilon (e->price, 91000.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->usd, 250 * 0.01 * 91000.5, 1e-6);

  g_assert_true (wick_okx_parse_liquidations (okx_liquidations_ws, strlen (okx_liquidations_ws),
                                              NULL, 1.0, &all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (g_array_index (all, WickLiquidationEvent, 2).side, ==, WICK_SIDE_SHORT);

  /* The REST envelope carries the same elements. */
  rest_body = g_strdup_printf ("{\"code\":\"0\",\"msg\":\"\",\"data\":%s",
                               strstr (okx_liquidations_ws, "\"data\":") + 7);
  g_assert_true (wick_okx_parse_liquidations (rest_body, strlen (rest_body), "BTC-USDT-SWAP",
                                              BTC_USDT_SWAP_CT_VAL, &rest, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 2);
  g_assert_cmpint (g_array_index (rest, WickLiquidationEvent, 1).time_ms, ==, 1767578413000);
}

static void
test_okx_bad_ct_val (void)
{
  g_autoptr(GError) error = NULL;
  GArray *out = NULL;

  g_assert_false (wick_okx_parse_candles (okx_candles, strlen (okx_candles), 0.0, &out, &error));
  g_assert_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE);
  g_assert_null (out);
}

/* Hostile bodies: each must fail, name the problem, and leave the output untouched. */

typedef enum
{
  KIND_BINANCE_KLINES,
  KIND_BINANCE_KLINE_EVENT,
  KIND_BINANCE_FORCE_ORDER,
  KIND_OKX_CANDLES,
  KIND_OKX_LIQUIDATIONS,
} Kind;

typedef struct
{
  const char        *name;
  Kind               kind;
  const char        *body;
  gssize             length;   /* -1: strlen (body) */
  WickExchangeError  code;
  const char        *needle;   /* in the message */
} HostileCase;

#define ROW(t, o, h, l, c, v) "[" t ",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"" v "\"," t "]"
#define OKX(rows) "{\"code\":\"0\",\"msg\":\"\",\"data\":[" rows "]}"
#define ORW(t, o, h, l, c, v) \
  "[\"" t "\",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"" v "\",\"1\",\"1\",\"1\"]"
#define KEV(t, o, h, l, c, v, x) \
  "{\"e\":\"kline\",\"k\":{\"t\":" t ",\"o\":\"" o "\",\"h\":\"" h "\",\"l\":\"" l "\",\"c\":\"" \
  c "\",\"v\":\"" v "\",\"x\":" x "}}"
#define FOE(side, q, ap, t) \
  "{\"e\":\"forceOrder\",\"o\":{\"S\":\"" side "\",\"q\":\"" q "\",\"p\":\"100\",\"ap\":\"" ap \
  "\",\"T\":" t "}}"
#define OLQ(side, sz, px, ts) \
  "{\"arg\":{},\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{\"side\":\"" side \
  "\",\"sz\":\"" sz "\",\"bkPx\":\"" px "\",\"ts\":\"" ts "\"}]}]}"

static const HostileCase hostile_cases[] = {
  /* Binance klines */
  { "binance-klines/empty", KIND_BINANCE_KLINES, "", -1, WICK_EXCHANGE_ERROR_INVALID_JSON,
    "empty" },
  { "binance-klines/blank", KIND_BINANCE_KLINES, "  \n", -1, WICK_EXCHANGE_ERROR_INVALID_JSON,
    "empty" },
  { "binance-klines/truncated", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "2", "1", "1", "1") ",[2000,\"1\"",
    -1, WICK_EXCHANGE_ERROR_INVALID_JSON, "not valid JSON" },
  { "binance-klines/not-utf8", KIND_BINANCE_KLINES, "[[1,\"\xff\"]]", -1,
    WICK_EXCHANGE_ERROR_INVALID_JSON, "UTF-8" },
  { "binance-klines/nul-byte", KIND_BINANCE_KLINES, "[]\0[]", 5, WICK_EXCHANGE_ERROR_INVALID_JSON,
    "UTF-8" },
  { "binance-klines/not-array", KIND_BINANCE_KLINES, "{\"rows\":[]}", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "body: expected an array, found object" },
  { "binance-klines/row-not-array", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "2", "1", "1", "1") ",5]",
    -1, WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 1: expected an array, found number" },
  { "binance-klines/short-row", KIND_BINANCE_KLINES, "[[1000,\"1\",\"2\",\"1\",\"1\"]]", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 0: a kline has 5 fields" },
  { "binance-klines/price-bool", KIND_BINANCE_KLINES, "[[1000,true,\"2\",\"1\",\"1\",\"1\",1999]]",
    -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 0, open: expected a string, found boolean" },
  { "binance-klines/time-float", KIND_BINANCE_KLINES,
    "[[1.5e12,\"1\",\"2\",\"1\",\"1\",\"1\",1999]]", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 0, open time: expected an integer time" },
  { "binance-klines/nan", KIND_BINANCE_KLINES, "[" ROW ("1000", "1", "NaN", "1", "1", "1") "]", -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, high: “NaN” is not a decimal number" },
  { "binance-klines/infinity", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "2", "Infinity", "1", "1") "]",
    -1, WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, low: “Infinity” is not a decimal number" },
  { "binance-klines/inf", KIND_BINANCE_KLINES, "[" ROW ("1000", "1", "2", "1", "inf", "1") "]", -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, close: “inf”" },
  { "binance-klines/hex", KIND_BINANCE_KLINES, "[" ROW ("1000", "0x10", "20", "1", "1", "1") "]",
    -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, open: “0x10”" },
  { "binance-klines/huge-price", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "1e400", "1", "1", "1") "]",
    -1, WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, high: “1e400” is too large" },
  { "binance-klines/huge-integer", KIND_BINANCE_KLINES,
    "[[18446744073709552616,\"1\",\"2\",\"1\",\"1\",\"1\",1999]]", -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "more than 18 digits" },
  { "binance-klines/microseconds", KIND_BINANCE_KLINES,
    "[" ROW ("1767571200000000", "1", "2", "1", "1", "1") "]", -1, WICK_EXCHANGE_ERROR_BAD_VALUE,
    "element 0, open time: 1767571200000000 is not a time in milliseconds" },
  { "binance-klines/negative-time", KIND_BINANCE_KLINES,
    "[" ROW ("-5", "1", "2", "1", "1", "1") "]",
    -1, WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, open time: -5 is not a time" },
  { "binance-klines/negative-price", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "-1", "2", "1", "1", "1") "]",
    -1, WICK_EXCHANGE_ERROR_BAD_CANDLE, "element 0: Candle at" },
  { "binance-klines/zero-price", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "2", "1", "1", "1") "," ROW ("2000", "0", "2", "1", "1", "1") "]", -1,
    WICK_EXCHANGE_ERROR_BAD_CANDLE, "element 1: Candle at" },
  { "binance-klines/high-below-low", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "1", "2", "1", "1") "]",
    -1, WICK_EXCHANGE_ERROR_BAD_CANDLE, "high 1" },
  { "binance-klines/negative-volume", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "2", "1", "1", "-3") "]", -1, WICK_EXCHANGE_ERROR_BAD_CANDLE, "volume" },
  { "binance-klines/close-before-open", KIND_BINANCE_KLINES,
    "[[2000,\"1\",\"2\",\"1\",\"1\",\"1\",1999]]", -1, WICK_EXCHANGE_ERROR_BAD_VALUE,
    "element 0: close time 1999 is before open time 2000" },
  { "binance-klines/out-of-order", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "2", "1", "1", "1") "," ROW ("3000", "1", "2", "1", "1", "1") ","
    ROW ("2000", "1", "2", "1", "1", "1") "]", -1, WICK_EXCHANGE_ERROR_OUT_OF_ORDER,
    "element 2: open time 2000 is before" },
  { "binance-klines/duplicate", KIND_BINANCE_KLINES,
    "[" ROW ("1000", "1", "2", "1", "1", "1") "," ROW ("1000", "1", "2", "1", "1", "1") "]", -1,
    WICK_EXCHANGE_ERROR_DUPLICATE, "element 1: open time 1000 repeats" },

  /* Binance kline event */
  { "binance-kline-event/empty", KIND_BINANCE_KLINE_EVENT, "", -1, WICK_EXCHANGE_ERROR_INVALID_JSON,
    "empty" },
  { "binance-kline-event/truncated", KIND_BINANCE_KLINE_EVENT, "{\"e\":\"kline\",\"k\":{\"t\":1",
    -1,
    WICK_EXCHANGE_ERROR_INVALID_JSON, "not valid JSON" },
  { "binance-kline-event/not-object", KIND_BINANCE_KLINE_EVENT, "[1,2]", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "body: expected an object, found array" },
  { "binance-kline-event/other-event", KIND_BINANCE_KLINE_EVENT, "{\"e\":\"trade\",\"k\":{}}", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "e: expected a “kline” event" },
  { "binance-kline-event/no-k", KIND_BINANCE_KLINE_EVENT, "{\"e\":\"kline\"}", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "k: expected an object, found null" },
  { "binance-kline-event/x-string", KIND_BINANCE_KLINE_EVENT,
    KEV ("1000", "1", "2", "1", "1", "1", "\"false\""), -1, WICK_EXCHANGE_ERROR_BAD_SHAPE,
    "k.x: expected a boolean" },
  { "binance-kline-event/nan", KIND_BINANCE_KLINE_EVENT,
    KEV ("1000", "nan", "2", "1", "1", "1", "false"),
    -1, WICK_EXCHANGE_ERROR_BAD_VALUE, "k.o: “nan” is not a decimal number" },
  { "binance-kline-event/time-string", KIND_BINANCE_KLINE_EVENT,
    KEV ("\"soon\"", "1", "2", "1", "1", "1", "false"), -1, WICK_EXCHANGE_ERROR_BAD_VALUE,
    "k.t: “soon” is not a time" },
  { "binance-kline-event/high-below-low", KIND_BINANCE_KLINE_EVENT,
    KEV ("1000", "1", "1", "2", "1", "1", "true"), -1, WICK_EXCHANGE_ERROR_BAD_CANDLE, "high 1" },
  { "binance-kline-event/not-utf8", KIND_BINANCE_KLINE_EVENT, "{\"e\":\"kl\xc3\x28ine\"}", -1,
    WICK_EXCHANGE_ERROR_INVALID_JSON, "UTF-8" },

  /* Binance forceOrder */
  { "binance-force-order/empty", KIND_BINANCE_FORCE_ORDER, "", -1, WICK_EXCHANGE_ERROR_INVALID_JSON,
    "empty" },
  { "binance-force-order/truncated", KIND_BINANCE_FORCE_ORDER,
    "{\"e\":\"forceOrder\",\"o\":{\"S\":", -1,
    WICK_EXCHANGE_ERROR_INVALID_JSON, "not valid JSON" },
  { "binance-force-order/other-event", KIND_BINANCE_FORCE_ORDER, binance_kline_event, -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "e: expected a “forceOrder” event" },
  { "binance-force-order/bad-side", KIND_BINANCE_FORCE_ORDER, FOE ("HOLD", "1", "100", "1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "o.S: “HOLD” is neither BUY nor SELL" },
  { "binance-force-order/zero-qty", KIND_BINANCE_FORCE_ORDER, FOE ("SELL", "0", "100", "1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "o.q: the quantity is not above zero" },
  { "binance-force-order/negative-qty", KIND_BINANCE_FORCE_ORDER,
    FOE ("SELL", "-2", "100", "1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "o.q" },
  { "binance-force-order/infinite-price", KIND_BINANCE_FORCE_ORDER,
    FOE ("SELL", "1", "Infinity", "1000"), -1, WICK_EXCHANGE_ERROR_BAD_VALUE,
    "o.ap: “Infinity” is not a decimal number" },
  { "binance-force-order/huge", KIND_BINANCE_FORCE_ORDER, FOE ("SELL", "1e300", "1e300", "1000"),
    -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "too large" },
  { "binance-force-order/no-time", KIND_BINANCE_FORCE_ORDER, FOE ("BUY", "1", "100", "null"), -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "o.T: expected an integer time in milliseconds, found null" },

  /* OKX candles */
  { "okx-candles/empty", KIND_OKX_CANDLES, "", -1, WICK_EXCHANGE_ERROR_INVALID_JSON, "empty" },
  { "okx-candles/truncated", KIND_OKX_CANDLES, "{\"code\":\"0\",\"data\":[[\"1\"", -1,
    WICK_EXCHANGE_ERROR_INVALID_JSON, "not valid JSON" },
  { "okx-candles/not-envelope", KIND_OKX_CANDLES, "[[\"1000\",\"1\"]]", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "body: expected an object, found array" },
  { "okx-candles/no-code", KIND_OKX_CANDLES, "{\"data\":[]}", -1, WICK_EXCHANGE_ERROR_BAD_SHAPE,
    "OKX envelope" },
  { "okx-candles/code-number", KIND_OKX_CANDLES, "{\"code\":0,\"msg\":\"\",\"data\":[]}", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "code: expected a string, found number" },
  { "okx-candles/data-object", KIND_OKX_CANDLES, "{\"code\":\"0\",\"msg\":\"\",\"data\":{}}", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "data: expected an array, found object" },
  { "okx-candles/short-row", KIND_OKX_CANDLES, OKX ("[\"1000\",\"1\",\"2\"]"), -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 0: a candle has 3 fields" },
  { "okx-candles/ts-garbage", KIND_OKX_CANDLES, OKX (ORW ("12a4", "1", "2", "1", "1", "1")), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, ts: “12a4” is not a time in milliseconds" },
  { "okx-candles/ts-huge", KIND_OKX_CANDLES,
    OKX (ORW ("99999999999999999999", "1", "2", "1", "1", "1")), -1, WICK_EXCHANGE_ERROR_BAD_VALUE,
    "element 0, ts: “99999999999999999999” is not a time" },
  { "okx-candles/nan", KIND_OKX_CANDLES, OKX (ORW ("1000", "1", "2", "1", "NaN", "1")), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, c: “NaN” is not a decimal number" },
  { "okx-candles/empty-string", KIND_OKX_CANDLES, OKX (ORW ("1000", "", "2", "1", "1", "1")), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, o: “” is not a decimal number" },
  { "okx-candles/zero-price", KIND_OKX_CANDLES, OKX (ORW ("1000", "1", "2", "0", "1", "1")), -1,
    WICK_EXCHANGE_ERROR_BAD_CANDLE, "element 0: Candle at" },
  { "okx-candles/high-below-low", KIND_OKX_CANDLES,
    OKX (ORW ("2000", "1", "2", "1", "1", "1") "," ORW ("1000", "1", "1", "3", "1", "1")), -1,
    WICK_EXCHANGE_ERROR_BAD_CANDLE, "element 1: Candle at" },
  { "okx-candles/ascending", KIND_OKX_CANDLES,
    OKX (ORW ("1000", "1", "2", "1", "1", "1") "," ORW ("2000", "1", "2", "1", "1", "1")), -1,
    WICK_EXCHANGE_ERROR_OUT_OF_ORDER, "element 1: time 2000 is after" },
  { "okx-candles/duplicate", KIND_OKX_CANDLES,
    OKX (ORW ("2000", "1", "2", "1", "1", "1") "," ORW ("2000", "1", "2", "1", "1", "1")), -1,
    WICK_EXCHANGE_ERROR_DUPLICATE, "element 1: time 2000 repeats" },
  { "okx-candles/not-utf8", KIND_OKX_CANDLES, "{\"code\":\"\xed\xa0\x80\"}", -1,
    WICK_EXCHANGE_ERROR_INVALID_JSON, "UTF-8" },

  /* OKX liquidation orders */
  { "okx-liquidations/event-object", KIND_OKX_LIQUIDATIONS, "{\"event\":{},\"data\":[]}", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "OKX envelope" },
  { "okx-liquidations/pos-side-object", KIND_OKX_LIQUIDATIONS,
    "{\"arg\":{},\"data\":[{\"instId\":\"X\",\"details\":[{\"posSide\":{},\"side\":7}]}]}", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 0, details.side: expected a string, found number" },
  { "okx-liquidations/empty", KIND_OKX_LIQUIDATIONS, "", -1, WICK_EXCHANGE_ERROR_INVALID_JSON,
    "empty" },
  { "okx-liquidations/truncated", KIND_OKX_LIQUIDATIONS, "{\"arg\":{},\"data\":[{\"details\":[", -1,
    WICK_EXCHANGE_ERROR_INVALID_JSON, "not valid JSON" },
  { "okx-liquidations/details-object", KIND_OKX_LIQUIDATIONS,
    "{\"arg\":{},\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"details\":{}}]}", -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 0, details: expected an array, found object" },
  { "okx-liquidations/no-inst", KIND_OKX_LIQUIDATIONS, "{\"arg\":{},\"data\":[{\"details\":[]}]}",
    -1,
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 0, instId: expected a string, found null" },
  { "okx-liquidations/bad-side", KIND_OKX_LIQUIDATIONS, OLQ ("hold", "1", "100", "1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, details.side: “hold” is neither buy nor sell" },
  { "okx-liquidations/negative-size", KIND_OKX_LIQUIDATIONS, OLQ ("sell", "-1", "100", "1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0: details.sz is not above zero" },
  { "okx-liquidations/zero-price", KIND_OKX_LIQUIDATIONS, OLQ ("sell", "1", "0", "1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0: details.bkPx is not above zero" },
  { "okx-liquidations/infinite-price", KIND_OKX_LIQUIDATIONS,
    OLQ ("sell", "1", "Infinity", "1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "details.bkPx: “Infinity” is not a decimal number" },
  { "okx-liquidations/bad-ts", KIND_OKX_LIQUIDATIONS, OLQ ("buy", "1", "100", "-1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "details.ts: “-1000” is not a time" },
  { "okx-liquidations/huge", KIND_OKX_LIQUIDATIONS, OLQ ("buy", "1e200", "1e200", "1000"), -1,
    WICK_EXCHANGE_ERROR_BAD_VALUE, "too large" },
};

static void
test_hostile (gconstpointer user_data)
{
  const HostileCase *c = user_data;
  g_autoptr(GError) error = NULL;
  gsize length = c->length < 0 ? strlen (c->body) : (gsize) c->length;
  GArray *sentinel = (GArray *) &error;   /* any pointer the parser must not replace */
  GArray *array = sentinel;
  WickCandle candle;
  WickCandle candle_before;
  WickLiquidationEvent event;
  WickLiquidationEvent event_before;
  gboolean is_closed = 7;
  gboolean ok = TRUE;

  memset (&candle, 0xa5, sizeof candle);
  candle_before = candle;
  memset (&event, 0x5a, sizeof event);
  event_before = event;

  switch (c->kind)
    {
    case KIND_BINANCE_KLINES:
      ok = wick_binance_parse_klines (c->body, length, &array, &error);
      break;
    case KIND_BINANCE_KLINE_EVENT:
      ok = wick_binance_parse_kline_event (c->body, length, &candle, &is_closed, &error);
      break;
    case KIND_BINANCE_FORCE_ORDER:
      ok = wick_binance_parse_force_order (c->body, length, &event, &error);
      break;
    case KIND_OKX_CANDLES:
      ok = wick_okx_parse_candles (c->body, length, 1.0, &array, &error);
      break;
    case KIND_OKX_LIQUIDATIONS:
      ok = wick_okx_parse_liquidations (c->body, length, NULL, 1.0, &array, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_false (ok);
  g_assert_error (error, WICK_EXCHANGE_ERROR, (int) c->code);
  if (strstr (error->message, c->needle) == NULL)
    g_error ("“%s” does not name the problem “%s”", error->message, c->needle);

  g_assert_true (array == sentinel);
  g_assert_cmpmem (&candle, sizeof candle, &candle_before, sizeof candle_before);
  g_assert_cmpmem (&event, sizeof event, &event_before, sizeof event_before);
  g_assert_cmpint (is_closed, ==, 7);
}

/* Recorded bodies, read at run time from the shared data folder. */

static char *
load_fixture (const char *name,
              gsize      *length)
{
  g_autoptr(GError) error = NULL;
  const char *shared = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;

  if (shared == NULL)
    {
      g_test_skip ("WICK_SHARED_DATA is not set");
      return NULL;
    }

  dir = g_build_filename (shared, "fixtures", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip_printf ("%s is absent", dir);
      return NULL;
    }

  path = g_build_filename (dir, name, NULL);
  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_fixture_binance_klines (void)
{
  static const struct
  {
    const char *name;
    gint64      first_time_ms;
    double      first_open;
    double      first_volume;
  } files[] = {
    { "binance-spot-klines-1h.json", 1706630400000, 43519.34, 20.55495 },
    { "binance-fapi-klines-1m.json", 1712738460000, 71481.90, 0.002 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) candles = NULL;
      g_autofree char *body = NULL;
      gsize length;

      body = load_fixture (files[i].name, &length);
      if (body == NULL)
        return;

      g_assert_true (wick_binance_parse_klines (body, length, &candles, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (candles->len, >, 0);
      g_assert_cmpint (g_array_index (candles, WickCandle, 0).open_time_ms, ==,
                       files[i].first_time_ms);
      g_assert_cmpfloat_with_epsilon (g_array_index (candles, WickCandle, 0).open,
                                      files[i].first_open, 1e-9);
      g_assert_cmpfloat_with_epsilon (g_array_index (candles, WickCandle, 0).volume,
                                      files[i].first_volume, 1e-9);
    }
}

static void
test_fixture_binance_events (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) server = NULL;
  g_autofree char *kline = NULL;
  g_autofree char *force = NULL;
  g_autofree char *error_body = NULL;
  WickCandle candle;
  WickLiquidationEvent event;
  gboolean is_closed = TRUE;
  gsize length;

  kline = load_fixture ("binance-spot-kline-ws.json", &length);
  if (kline == NULL)
    return;
  g_assert_true (wick_binance_parse_kline_event (kline, length, &candle, &is_closed, &error));
  g_assert_no_error (error);
  g_assert_false (is_closed);
  assert_candle (&candle, 1579482900000, 0.019132, 0.019137, 0.019132, 0.019135, 5.084);

  force = load_fixture ("binance-fapi-forceOrder-ws.json", &length);
  g_assert_true (wick_binance_parse_force_order (force, length, &event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event.time_ms, ==, 1698871323059);
  g_assert_cmpint (event.side, ==, WICK_SIDE_SHORT);
  g_assert_cmpfloat_with_epsilon (event.price, 34959.70, 1e-9);
  g_assert_cmpfloat_with_epsilon (event.usd, 1.437 * 34959.70, 1e-6);

  error_body = load_fixture ("binance-error-invalid-symbol-docs.json", &length);
  server = wick_binance_parse_error (error_body, length);
  g_assert_error (server, WICK_EXCHANGE_SERVER_ERROR, -1121);
  g_assert_cmpstr (server->message, ==, "Invalid symbol.");
}

static void
test_fixture_okx (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) candles = NULL;
  g_autoptr(GArray) events = NULL;
  g_autofree char *candles_body = NULL;
  g_autofree char *liquidations_body = NULL;
  const WickLiquidationEvent *e;
  gsize length;

  candles_body = load_fixture ("okx-market-candles.json", &length);
  if (candles_body == NULL)
    return;
  g_assert_true (wick_okx_parse_candles (candles_body, length, BTC_USDT_SWAP_CT_VAL,
                                         &candles, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candles->len, ==, 3);
  assert_candle (&g_array_index (candles, WickCandle, 0),
                 1678928640000, 24300.2, 24324.1, 24288.0, 24324.1, 33.04);
  g_assert_cmpint (g_array_index (candles, WickCandle, 2).open_time_ms, ==, 1678928760000);

  /* IOST-USDT-SWAP, with an assumed contract value of 1000 IOST for the arithmetic. */
  liquidations_body = load_fixture ("okx-ws-liquidation-orders.json", &length);
  g_assert_true (wick_okx_parse_liquidations (liquidations_body, length, "IOST-USDT-SWAP",
                                              1000.0, &events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  e = &g_array_index (events, WickLiquidationEvent, 0);
  g_assert_cmpint (e->time_ms, ==, 1692266434010);
  g_assert_cmpint (e->side, ==, WICK_SIDE_SHORT);
  g_assert_cmpfloat_with_epsilon (e->price, 0.007831, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->usd, 13 * 1000.0 * 0.007831, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/exchange-parse/binance/klines", test_binance_klines);
  g_test_add_func ("/wick/exchange-parse/binance/klines-empty-page",
                   test_binance_klines_empty_page);
  g_test_add_func ("/wick/exchange-parse/binance/klines-error-body",
                   test_binance_klines_error_body);
  g_test_add_func ("/wick/exchange-parse/binance/error", test_binance_error);
  g_test_add_func ("/wick/exchange-parse/binance/kline-event", test_binance_kline_event);
  g_test_add_func ("/wick/exchange-parse/binance/force-order", test_binance_force_order);
  g_test_add_func ("/wick/exchange-parse/okx/candles", test_okx_candles);
  g_test_add_func ("/wick/exchange-parse/okx/server-error", test_okx_server_error);
  g_test_add_func ("/wick/exchange-parse/okx/liquidations", test_okx_liquidations);
  g_test_add_func ("/wick/exchange-parse/okx/bad-ct-val", test_okx_bad_ct_val);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/exchange-parse/hostile/%s",
                                               hostile_cases[i].name);

      g_test_add_data_func (path, &hostile_cases[i], test_hostile);
    }

  g_test_add_func ("/wick/exchange-parse/fixtures/binance-klines", test_fixture_binance_klines);
  g_test_add_func ("/wick/exchange-parse/fixtures/binance-events", test_fixture_binance_events);
  g_test_add_func ("/wick/exchange-parse/fixtures/okx", test_fixture_okx);

  return g_test_run ();
}
