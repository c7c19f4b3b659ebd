/* test-hostile-binance.c: hostile Binance bodies: klines, kline and forceOrder events, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case must fail with a message that names the problem and leave the output it was
 * given (a pre-filled array, candle or event) exactly as it was.
 */

#include "config.h"

#include "wick-binance-parse.h"

#include "test-hostile-utils.h"

typedef enum
{
  KLINES,
  KLINE_EVENT,
  FORCE_ORDER,
  ERROR_BODY,
} Kind;

typedef struct
{
  const char *name;
  Kind        kind;
  const char *text;
  gssize      length;
  const char *needle;   /* in the message */
} HostileCase;

/* A kline row: open time, OHLCV as strings, close time. */
#define ROW(t, o, h, l, c, v, ct) \
  "[" t ",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"" v "\"," ct "]"
#define GOOD_ROW ROW ("1767571200000", "92100.5", "92480", "91540", "92210.1", "1523.4", \
                      "1767574799999")
#define NEXT_ROW ROW ("1767574800000", "92210.1", "92900", "92150", "92850", "980.5", \
                      "1767578399999")
/* One row whose open, high, low, close and volume are given. */
#define PRICES(o, h, l, c, v) "[" ROW ("1767571200000", o, h, l, c, v, "1767574799999") "]"

#define KLINE(k) "{\"e\":\"kline\",\"E\":1767571230000,\"s\":\"BTCUSDT\",\"k\":" k "}"
#define K(t, o, h, l, c, v, x) \
  "{\"t\":" t ",\"o\":\"" o "\",\"h\":\"" h "\",\"l\":\"" l "\",\"c\":\"" c "\",\"v\":\"" v \
  "\",\"x\":" x "}"
#define GOOD_K K ("1767571200000", "92100.5", "92480", "91540", "92210.1", "1523.4", "false")

#define FORCE(o) "{\"e\":\"forceOrder\",\"E\":1767580000123,\"o\":" o "}"
#define ORDER(side, q, p, ap, z, t) \
  "{\"s\":\"BTCUSDT\",\"S\":\"" side "\",\"q\":\"" q "\",\"p\":\"" p "\",\"ap\":\"" ap \
  "\",\"z\":\"" z "\",\"T\":" t "}"

static const HostileCase cases[] = {
  /* Klines: the body as a whole */
  { "klines/empty", KLINES, HOSTILE_TEXT (""), "body is empty" },
  { "klines/blank", KLINES, HOSTILE_TEXT (" \r\n\t "), "body is empty" },
  { "klines/truncated-row", KLINES, HOSTILE_TEXT ("[" GOOD_ROW ",[1767574800000,\"92"),
    "not valid JSON" },
  { "klines/truncated-array", KLINES, HOSTILE_TEXT ("[" GOOD_ROW), "not valid JSON" },
  { "klines/cut-in-escape", KLINES, HOSTILE_TEXT ("[[1767571200000,\"92\\"), "not valid JSON" },
  { "klines/object", KLINES, HOSTILE_TEXT ("{\"klines\":[]}"),
    "body: expected an array, found object" },
  { "klines/string", KLINES, HOSTILE_TEXT ("\"klines\""), "body: expected an array, found string" },
  { "klines/number", KLINES, HOSTILE_TEXT ("42"), "body: expected an array, found number" },
  { "klines/null", KLINES, HOSTILE_TEXT ("null"), "body: expected an array, found null" },
  { "klines/html", KLINES, HOSTILE_TEXT ("<html><body>502 Bad Gateway</body></html>"),
    "not valid JSON" },
  { "klines/invalid-utf8", KLINES, HOSTILE_TEXT ("[[1767571200000,\"9\xc3\x28\"]]"),
    "not valid UTF-8" },
  { "klines/overlong-utf8", KLINES, HOSTILE_TEXT ("[\"\xc0\xaf\"]"), "not valid UTF-8" },
  { "klines/nul-byte", KLINES, HOSTILE_BYTES ("[" GOOD_ROW "]\0[]"), "not valid UTF-8" },
  { "klines/bom-then-garbage", KLINES, HOSTILE_TEXT ("\xEF\xBB\xBF[" GOOD_ROW "]]"),
    "something follows its first value" },
  { "klines/bom-in-price", KLINES, HOSTILE_TEXT (PRICES ("\xEF\xBB\xBF" "92100.5", "92480",
                                                        "91540", "92210.1", "1")),
    "element 0, open: “\xEF\xBB\xBF" "92100.5” is not a decimal number" },
  { "klines/two-arrays", KLINES, HOSTILE_TEXT ("[" GOOD_ROW "][" NEXT_ROW "]"),
    "something follows its first value" },
  { "klines/javascript", KLINES, HOSTILE_TEXT ("var klines = [" GOOD_ROW "];"),
    "something follows its first value" },
  { "klines/comment", KLINES, HOSTILE_TEXT ("[" GOOD_ROW "] /* page 2 */"),
    "something follows its first value" },
  { "klines/deep-arrays", KLINES, HOSTILE_TEXT ("@DEEP@"), "more than 64 deep" },
  { "klines/deep-objects", KLINES, HOSTILE_TEXT ("[@DEEPO@1"), "more than 64 deep" },
  { "klines/deep-in-row", KLINES, HOSTILE_TEXT ("[" GOOD_ROW ",[@DEEP@]]"), "more than 64 deep" },
  { "klines/octal-escape", KLINES, HOSTILE_TEXT (PRICES ("\\714", "2", "1", "1", "1")),
    "string escape that is not valid JSON" },
  { "klines/lone-surrogate", KLINES, HOSTILE_TEXT (PRICES ("9\\udc00", "2", "1", "1", "1")),
    "string escape that is not valid JSON" },
  { "klines/short-unicode-escape", KLINES, HOSTILE_TEXT (PRICES ("\\ud8", "2", "1", "1", "1")),
    "string escape that is not valid JSON" },
  { "klines/server-error", KLINES, HOSTILE_TEXT ("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"),
    "Invalid symbol." },
  { "klines/server-error-no-msg", KLINES, HOSTILE_TEXT ("{\"code\":-1003,\"msg\":\"\"}"),
    "Binance error -1003" },
  { "klines/single-quotes", KLINES, HOSTILE_TEXT ("['{o[']{\"e\":\"kline\"}"),
    "a character that JSON does not have outside strings" },
  { "klines/hash-comment", KLINES, HOSTILE_TEXT ("[ # no rows\n]"),
    "a character that JSON does not have outside strings" },

  /* Klines: one row */
  { "klines/row-number", KLINES, HOSTILE_TEXT ("[" GOOD_ROW ",5]"),
    "element 1: expected an array, found number" },
  { "klines/row-object", KLINES, HOSTILE_TEXT ("[{\"t\":1767571200000}]"),
    "element 0: expected an array, found object" },
  { "klines/row-short", KLINES, HOSTILE_TEXT ("[[1767571200000,\"1\",\"2\",\"1\",\"1\",\"1\"]]"),
    "element 0: a kline has 6 fields, at least 7 are needed" },
  { "klines/row-empty", KLINES, HOSTILE_TEXT ("[[]]"), "element 0: a kline has 0 fields" },
  { "klines/time-text", KLINES,
    HOSTILE_TEXT ("[" ROW ("\"soon\"", "1", "2", "1", "1", "1", "1767574799999") "]"),
    "element 0, open time: “soon” is not a time in milliseconds" },
  { "klines/time-negative", KLINES,
    HOSTILE_TEXT ("[" ROW ("-5", "1", "2", "1", "1", "1", "1767574799999") "]"),
    "element 0, open time: -5 is not a time in milliseconds" },
  { "klines/time-zero", KLINES, HOSTILE_TEXT ("[" ROW ("0", "1", "2", "1", "1", "1", "5") "]"),
    "element 0, open time: 0 is not a time in milliseconds" },
  { "klines/time-microseconds", KLINES,
    HOSTILE_TEXT ("[" ROW ("1767571200000000", "1", "2", "1", "1", "1", "1767571200000001") "]"),
    "element 0, open time: 1767571200000000 is not a time in milliseconds" },
  { "klines/time-float", KLINES,
    HOSTILE_TEXT ("[" ROW ("1767571200000.5", "1", "2", "1", "1", "1", "1767574799999") "]"),
    "element 0, open time: expected an integer time in milliseconds, found number" },
  { "klines/time-20-digits", KLINES,
    HOSTILE_TEXT ("[" ROW ("18446744073709551617", "1", "2", "1", "1", "1", "2") "]"),
    "integer of more than 18 digits" },
  { "klines/price-nan", KLINES, HOSTILE_TEXT (PRICES ("NaN", "2", "1", "1", "1")),
    "element 0, open: “NaN” is not a decimal number" },
  { "klines/price-infinity", KLINES, HOSTILE_TEXT (PRICES ("1", "Infinity", "1", "1", "1")),
    "element 0, high: “Infinity” is not a decimal number" },
  { "klines/price-minus-infinity", KLINES, HOSTILE_TEXT (PRICES ("1", "2", "-Infinity", "1", "1")),
    "element 0, low: “-Infinity” is not a decimal number" },
  { "klines/price-inf", KLINES, HOSTILE_TEXT (PRICES ("1", "2", "1", "inf", "1")),
    "element 0, close: “inf” is not a decimal number" },
  { "klines/price-hex", KLINES, HOSTILE_TEXT (PRICES ("0x1p4", "20", "1", "1", "1")),
    "element 0, open: “0x1p4” is not a decimal number" },
  { "klines/price-space", KLINES, HOSTILE_TEXT (PRICES (" 92000", "92480", "1", "1", "1")),
    "element 0, open: “ 92000” is not a decimal number" },
  { "klines/price-empty", KLINES, HOSTILE_TEXT (PRICES ("", "2", "1", "1", "1")),
    "element 0, open: “” is not a decimal number" },
  { "klines/price-comma", KLINES, HOSTILE_TEXT (PRICES ("92100,5", "92480", "1", "1", "1")),
    "element 0, open: “92100,5” is not a decimal number" },
  { "klines/price-text-overflow", KLINES, HOSTILE_TEXT (PRICES ("1", "1e400", "1", "1", "1")),
    "element 0, high: “1e400” is too large" },
  { "klines/price-number-overflow", KLINES,
    HOSTILE_TEXT ("[[1767571200000,1,1e400,1,1,1,1767574799999]]"),
    "number too large for a double" },
  { "klines/price-huge-string", KLINES, HOSTILE_TEXT (PRICES ("@10MB@", "2", "1", "1", "1")),
    "element 0, open: “xxxxxxxx" },
  { "klines/price-object", KLINES,
    HOSTILE_TEXT ("[[1767571200000,{\"v\":1},\"2\",\"1\",\"1\",\"1\",1767574799999]]"),
    "element 0, open: expected a string, found object" },
  { "klines/price-bool", KLINES,
    HOSTILE_TEXT ("[[1767571200000,\"1\",true,\"1\",\"1\",\"1\",1767574799999]]"),
    "element 0, high: expected a string, found boolean" },
  { "klines/price-null", KLINES,
    HOSTILE_TEXT ("[[1767571200000,\"1\",\"2\",null,\"1\",\"1\",1767574799999]]"),
    "element 0, low: expected a string, found null" },
  { "klines/price-nested-garbage", KLINES,
    HOSTILE_TEXT ("[[1767571200000,\"1\",\"2\",\"1\",[[[{\"a\":[]}]]],\"1\",1767574799999]]"),
    "element 0, close: expected a string, found array" },
  { "klines/price-negative", KLINES, HOSTILE_TEXT (PRICES ("-92100", "92480", "1", "1", "1")),
    "element 0: Candle at 2026-01-05T00:00:00Z: open -92100.00 is not above zero" },
  { "klines/price-zero", KLINES, HOSTILE_TEXT (PRICES ("92100", "92480", "0", "92200", "1")),
    "element 0: Candle at 2026-01-05T00:00:00Z: low 0.00 is not above zero" },
  { "klines/high-below-low", KLINES,
    HOSTILE_TEXT (PRICES ("92100", "91000", "92000", "92050", "1")),
    "element 0: Candle at 2026-01-05T00:00:00Z: high 91000.00 is below low 92000.00" },
  { "klines/high-below-close", KLINES, HOSTILE_TEXT (PRICES ("92100", "92200", "91000", "92300",
                                                            "1")),
    "element 0: Candle at 2026-01-05T00:00:00Z: high 92200.00 is below close 92300.00" },
  { "klines/low-above-open", KLINES, HOSTILE_TEXT (PRICES ("92100", "92900", "92200", "92300",
                                                           "1")),
    "element 0: Candle at 2026-01-05T00:00:00Z: low 92200.00 is above open 92100.00" },
  { "klines/volume-negative", KLINES, HOSTILE_TEXT (PRICES ("92100", "92900", "92000", "92300",
                                                            "-3")),
    "element 0: Candle at 2026-01-05T00:00:00Z: volume -3.00 is negative" },
  { "klines/close-before-open", KLINES,
    HOSTILE_TEXT ("[" ROW ("1767571200000", "1", "2", "1", "1", "1", "1767571199999") "]"),
    "element 0: close time 1767571199999 is before open time 1767571200000" },
  { "klines/out-of-order", KLINES, HOSTILE_TEXT ("[" NEXT_ROW "," GOOD_ROW "]"),
    "element 1: open time 1767571200000 is before the previous row’s 1767574800000" },
  { "klines/duplicate", KLINES, HOSTILE_TEXT ("[" GOOD_ROW "," GOOD_ROW "]"),
    "element 1: open time 1767571200000 repeats the previous row" },
  { "klines/bad-last-row", KLINES, HOSTILE_TEXT ("[" GOOD_ROW "," NEXT_ROW ",[1]]"),
    "element 2: a kline has 1 fields" },

  /* Kline events */
  { "kline-event/empty", KLINE_EVENT, HOSTILE_TEXT (""), "body is empty" },
  { "kline-event/array", KLINE_EVENT, HOSTILE_TEXT ("[" GOOD_K "]"),
    "body: expected an object, found array" },
  { "kline-event/trade", KLINE_EVENT, HOSTILE_TEXT ("{\"e\":\"trade\",\"k\":" GOOD_K "}"),
    "e: expected a “kline” event" },
  { "kline-event/type-number", KLINE_EVENT, HOSTILE_TEXT ("{\"e\":7,\"k\":" GOOD_K "}"),
    "e: expected a “kline” event" },
  { "kline-event/no-k", KLINE_EVENT, HOSTILE_TEXT ("{\"e\":\"kline\"}"),
    "k: expected an object, found null" },
  { "kline-event/k-array", KLINE_EVENT, HOSTILE_TEXT (KLINE ("[1,2,3]")),
    "k: expected an object, found array" },
  { "kline-event/no-time", KLINE_EVENT,
    HOSTILE_TEXT (KLINE ("{\"o\":\"1\",\"h\":\"2\",\"l\":\"1\",\"c\":\"1\",\"v\":\"1\","
                         "\"x\":true}")),
    "k.t: expected an integer time in milliseconds, found null" },
  { "kline-event/nan", KLINE_EVENT,
    HOSTILE_TEXT (KLINE (K ("1767571200000", "NaN", "2", "1", "1", "1", "false"))),
    "k.o: “NaN” is not a decimal number" },
  { "kline-event/closed-text", KLINE_EVENT,
    HOSTILE_TEXT (KLINE (K ("1767571200000", "1", "2", "1", "1", "1", "\"true\""))),
    "k.x: expected a boolean" },
  { "kline-event/high-below-low", KLINE_EVENT,
    HOSTILE_TEXT (KLINE (K ("1767571200000", "2", "1", "3", "2", "1", "true"))),
    "high 1.00 is below low 3.00" },
  { "kline-event/zero-volume-negative-price", KLINE_EVENT,
    HOSTILE_TEXT (KLINE (K ("1767571200000", "-1", "2", "1", "1", "0", "true"))),
    "open -1.00 is not above zero" },
  { "kline-event/data-string", KLINE_EVENT,
    HOSTILE_TEXT ("{\"stream\":\"btcusdt@kline_1h\",\"data\":\"kline\"}"),
    "data: expected an object, found string" },
  { "kline-event/deep-data", KLINE_EVENT,
    HOSTILE_TEXT ("{\"stream\":\"btcusdt@kline_1h\",\"data\":@DEEPO@1"), "more than 64 deep" },
  { "kline-event/two-events", KLINE_EVENT, HOSTILE_TEXT (KLINE (GOOD_K) KLINE (GOOD_K)),
    "something follows its first value" },

  /* forceOrder events */
  { "force-order/hold", FORCE_ORDER,
    HOSTILE_TEXT (FORCE (ORDER ("HOLD", "1", "92000", "92000", "1", "1767580000100"))),
    "o.S: “HOLD” is neither BUY nor SELL" },
  { "force-order/side-huge", FORCE_ORDER,
    HOSTILE_TEXT (FORCE (ORDER ("@10MB@", "1", "92000", "92000", "1", "1767580000100"))),
    "o.S: “xxxx" },
  { "force-order/side-number", FORCE_ORDER,
    HOSTILE_TEXT (FORCE ("{\"S\":1,\"q\":\"1\",\"p\":\"1\",\"ap\":\"1\",\"T\":1767580000100}")),
    "o.S: expected a string, found number" },
  { "force-order/no-order", FORCE_ORDER, HOSTILE_TEXT ("{\"e\":\"forceOrder\"}"),
    "o: expected an object, found null" },
  { "force-order/quantity-zero", FORCE_ORDER,
    HOSTILE_TEXT (FORCE (ORDER ("SELL", "0", "92000", "92000", "0", "1767580000100"))),
    "o.q: the quantity is not above zero" },
  { "force-order/filled-negative", FORCE_ORDER,
    HOSTILE_TEXT (FORCE (ORDER ("SELL", "1", "92000", "92000", "-1", "1767580000100"))),
    "o.q: the quantity is not above zero" },
  { "force-order/price-zero", FORCE_ORDER,
    HOSTILE_TEXT (FORCE (ORDER ("BUY", "1", "0", "0", "1", "1767580000100"))),
    "o.ap: the price is not above zero" },
  { "force-order/price-nan", FORCE_ORDER,
    HOSTILE_TEXT (FORCE (ORDER ("BUY", "1", "92000", "NaN", "1", "1767580000100"))),
    "o.ap: “NaN” is not a decimal number" },
  { "force-order/usd-overflow", FORCE_ORDER,
    HOSTILE_TEXT (FORCE (ORDER ("BUY", "1e300", "1e300", "1e300", "1e300", "1767580000100"))),
    "o.q: the size in USD is too large" },
  { "force-order/time-text", FORCE_ORDER,
    HOSTILE_TEXT (FORCE (ORDER ("SELL", "1", "92000", "92000", "1", "\"now\""))),
    "o.T: “now” is not a time in milliseconds" },
  { "force-order/kline", FORCE_ORDER, HOSTILE_TEXT (KLINE (GOOD_K)),
    "e: expected a “forceOrder” event" },

  /* Error bodies that are not Binance's */
  { "error/empty", ERROR_BODY, HOSTILE_TEXT (""), "body is empty" },
  { "error/code-text", ERROR_BODY,
    HOSTILE_TEXT ("{\"code\":\"-1121\",\"msg\":\"Invalid symbol.\"}"),
    "expected an error object with an integer “code” and a string “msg”" },
  { "error/code-too-large", ERROR_BODY, HOSTILE_TEXT ("{\"code\":9999999999,\"msg\":\"x\"}"),
    "expected an error object" },
  { "error/msg-missing", ERROR_BODY, HOSTILE_TEXT ("{\"code\":-1121}"),
    "expected an error object" },
  { "error/html", ERROR_BODY, HOSTILE_TEXT ("<h1>403 Forbidden</h1>"), "not valid JSON" },
};

static const WickCandle prefilled_candles[] = {
  { 1767564000000, 91000.0, 91500.0, 90800.0, 91200.0, 10.0 },
  { 1767567600000, 91200.0, 92200.0, 91100.0, 92100.0, 12.0 },
};

static void
test_hostile (gconstpointer user_data)
{
  const HostileCase *c = user_data;
  g_autoptr(GBytes) bytes = hostile_expand (c->text, c->length);
  g_autoptr(GArray) prefilled = g_array_new (FALSE, FALSE, sizeof (WickCandle));
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  g_array_append_vals (prefilled, prefilled_candles, G_N_ELEMENTS (prefilled_candles));

  switch (c->kind)
    {
    case KLINES:
      {
        GArray *out = prefilled;

        g_assert_false (wick_binance_parse_klines (data, length, &out, &error));
        g_assert_true (out == prefilled);
        g_assert_cmpuint (out->len, ==, G_N_ELEMENTS (prefilled_candles));
        g_assert_cmpmem (out->data, out->len * sizeof (WickCandle),
                         prefilled_candles, sizeof prefilled_candles);
      }
      break;

    case KLINE_EVENT:
      {
        WickCandle candle = prefilled_candles[0];
        gboolean closed = 42;

        g_assert_false (wick_binance_parse_kline_event (data, length, &candle, &closed, &error));
        g_assert_cmpmem (&candle, sizeof candle, &prefilled_candles[0], sizeof candle);
        g_assert_cmpint (closed, ==, 42);
      }
      break;

    case FORCE_ORDER:
      {
        WickLiquidationEvent event = { 1767580000000, 91540.0, WICK_SIDE_SHORT, 1e6 };

        g_assert_false (wick_binance_parse_force_order (data, length, &event, &error));
        g_assert_cmpint (event.time_ms, ==, 1767580000000);
        g_assert_cmpfloat (event.price, ==, 91540.0);
        g_assert_cmpint (event.side, ==, WICK_SIDE_SHORT);
        g_assert_cmpfloat (event.usd, ==, 1e6);
      }
      break;

    case ERROR_BODY:
      error = wick_binance_parse_error (data, length);
      g_assert_true (error->domain == WICK_EXCHANGE_ERROR);
      break;

    default:
      g_assert_not_reached ();
    }

  hostile_assert_message (error, c->needle);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/hostile/binance/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_hostile);
    }

  return g_test_run ();
}
