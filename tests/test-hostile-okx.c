/* test-hostile-okx.c: hostile OKX bodies: candles and liquidation orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case must fail with a message that names the problem and leave the output it was
 * given (a pre-filled array) exactly as it was.
 */

#include "config.h"

#include "wick-okx-parse.h"

#include "test-hostile-utils.h"

#include <math.h>

typedef enum
{
  CANDLES,
  LIQUIDATIONS,
} Kind;

typedef struct
{
  const char *name;
  Kind        kind;
  const char *text;
  gssize      length;
  double      ct_val;   /* 0 for 0.01 (BTC-USDT-SWAP) */
  const char *needle;   /* in the message */
} HostileCase;

#define ENVELOPE(data) "{\"code\":\"0\",\"msg\":\"\",\"data\":" data "}"
#define CANDLE(ts, o, h, l, c, vol) \
  "[\"" ts "\",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"" vol "\",\"15.2\",\"1402100\",\"1\"]"
#define NEWER CANDLE ("1767574800000", "92210.1", "92900", "92150", "92850", "98050")
#define OLDER CANDLE ("1767571200000", "92100.5", "92480", "91540", "92210.1", "152340")
/* One row whose open, high, low, close and volume are given. */
#define PRICES(o, h, l, c, vol) ENVELOPE ("[" CANDLE ("1767571200000", o, h, l, c, vol) "]")

#define PUSH(items) \
  "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":" items "}"
#define ITEM(inst, details) "{\"instId\":\"" inst "\",\"details\":[" details "]}"
#define DETAIL(side, pos, px, sz, ts) \
  "{\"side\":\"" side "\",\"posSide\":\"" pos "\",\"bkPx\":\"" px "\",\"sz\":\"" sz \
  "\",\"ts\":\"" ts "\"}"
#define GOOD_DETAIL DETAIL ("sell", "long", "91540.2", "120", "1767580000200")
/* One liquidation whose fields are given. */
#define LIQ(side, pos, px, sz, ts) \
  PUSH ("[" ITEM ("BTC-USDT-SWAP", DETAIL (side, pos, px, sz, ts)) "]")

static const HostileCase cases[] = {
  /* Candles: the envelope */
  { "candles/empty", CANDLES, HOSTILE_TEXT (""), 0, "body is empty" },
  { "candles/blank", CANDLES, HOSTILE_TEXT ("\n\n"), 0, "body is empty" },
  { "candles/truncated", CANDLES, HOSTILE_TEXT (ENVELOPE ("[" NEWER ",[\"1767571200000\"")), 0,
    "not valid JSON" },
  { "candles/invalid-utf8", CANDLES, HOSTILE_TEXT (ENVELOPE ("[[\"\xed\xa0\x80\"]]")), 0,
    "not valid UTF-8" },
  { "candles/nul-byte", CANDLES, HOSTILE_BYTES (ENVELOPE ("[]") "\0"), 0, "not valid UTF-8" },
  { "candles/bom-in-time", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[" CANDLE ("\xEF\xBB\xBF" "1767571200000", "1", "2", "1", "1", "1")
                            "]")), 0,
    "element 0, ts: “\xEF\xBB\xBF" "1767571200000” is not a time in milliseconds" },
  { "candles/trailing-garbage", CANDLES, HOSTILE_TEXT (ENVELOPE ("[]") ",{}"), 0,
    "something follows its first value" },
  { "candles/deep", CANDLES, HOSTILE_TEXT ("{\"code\":\"0\",\"data\":@DEEP@"), 0,
    "more than 64 deep" },
  { "candles/deep-objects", CANDLES, HOSTILE_TEXT ("@DEEPO@"), 0, "more than 64 deep" },
  { "candles/octal-escape", CANDLES, HOSTILE_TEXT (PRICES ("9\\101", "2", "1", "1", "1")), 0,
    "string escape that is not valid JSON" },
  { "candles/lone-surrogate", CANDLES,
    HOSTILE_TEXT ("{\"code\":\"0\",\"msg\":\"\\udfff!\",\"data\":[]}"), 0,
    "string escape that is not valid JSON" },
  { "candles/array", CANDLES, HOSTILE_TEXT ("[" NEWER "]"), 0,
    "body: expected an object, found array" },
  { "candles/no-envelope", CANDLES, HOSTILE_TEXT ("{\"data\":[]}"), 0,
    "expected an OKX envelope with “code” or “arg”" },
  { "candles/code-number", CANDLES, HOSTILE_TEXT ("{\"code\":0,\"msg\":\"\",\"data\":[]}"), 0,
    "code: expected a string, found number" },
  { "candles/server-error", CANDLES,
    HOSTILE_TEXT ("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}"), 0,
    "Instrument ID does not exist" },
  { "candles/server-error-no-msg", CANDLES,
    HOSTILE_TEXT ("{\"code\":\"50011\",\"msg\":\"\",\"data\":[]}"), 0, "OKX error 50011" },
  { "candles/ws-error", CANDLES,
    HOSTILE_TEXT ("{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\"}"), 0,
    "Invalid request" },
  { "candles/data-missing", CANDLES, HOSTILE_TEXT ("{\"code\":\"0\",\"msg\":\"\"}"), 0,
    "data: expected an array, found null" },
  { "candles/data-object", CANDLES, HOSTILE_TEXT (ENVELOPE ("{\"0\":[]}")), 0,
    "data: expected an array, found object" },
  { "candles/data-huge-string", CANDLES, HOSTILE_TEXT (ENVELOPE ("\"@10MB@\"")), 0,
    "data: expected an array, found string" },

  /* Candles: one row */
  { "candles/row-object", CANDLES, HOSTILE_TEXT (ENVELOPE ("[{\"ts\":\"1767571200000\"}]")), 0,
    "element 0: expected an array, found object" },
  { "candles/row-short", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[[\"1767571200000\",\"1\",\"2\",\"1\",\"1\"]]")), 0,
    "element 0: a candle has 5 fields, at least 6 are needed" },
  { "candles/time-letters", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[" CANDLE ("17675712OOOOO", "1", "2", "1", "1", "1") "]")), 0,
    "element 0, ts: “17675712OOOOO” is not a time in milliseconds" },
  { "candles/time-negative", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[" CANDLE ("-1767571200000", "1", "2", "1", "1", "1") "]")), 0,
    "element 0, ts: “-1767571200000” is not a time in milliseconds" },
  { "candles/time-plus", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[" CANDLE ("+1767571200000", "1", "2", "1", "1", "1") "]")), 0,
    "element 0, ts: “+1767571200000” is not a time in milliseconds" },
  { "candles/time-20-digits", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[" CANDLE ("99999999999999999999", "1", "2", "1", "1", "1") "]")), 0,
    "element 0, ts: “99999999999999999999” is not a time in milliseconds" },
  { "candles/time-nanoseconds", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[" CANDLE ("1767571200000000000", "1", "2", "1", "1", "1") "]")),
    0, "element 0, ts: “1767571200000000000” is not a time in milliseconds" },
  { "candles/time-float", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[[1.7675712e12,\"1\",\"2\",\"1\",\"1\",\"1\"]]")), 0,
    "element 0, ts: expected an integer time in milliseconds, found number" },
  { "candles/time-huge-string", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[" CANDLE ("@10MB@", "1", "2", "1", "1", "1") "]")), 0,
    "element 0, ts: “xxxx" },
  { "candles/nan", CANDLES, HOSTILE_TEXT (PRICES ("NaN", "2", "1", "1", "1")), 0,
    "element 0, o: “NaN” is not a decimal number" },
  { "candles/infinity", CANDLES, HOSTILE_TEXT (PRICES ("1", "Infinity", "1", "1", "1")), 0,
    "element 0, h: “Infinity” is not a decimal number" },
  { "candles/huge-exponent", CANDLES, HOSTILE_TEXT (PRICES ("1", "2", "1", "1", "9e999")), 0,
    "element 0, vol: “9e999” is too large" },
  { "candles/price-array", CANDLES,
    HOSTILE_TEXT (ENVELOPE ("[[\"1767571200000\",[\"1\"],\"2\",\"1\",\"1\",\"1\"]]")), 0,
    "element 0, o: expected a string, found array" },
  { "candles/price-negative", CANDLES, HOSTILE_TEXT (PRICES ("1", "2", "-1", "1", "1")), 0,
    "low -1.00 is not above zero" },
  { "candles/price-zero", CANDLES, HOSTILE_TEXT (PRICES ("1", "2", "1", "0", "1")), 0,
    "close 0.00 is not above zero" },
  { "candles/high-below-low", CANDLES, HOSTILE_TEXT (PRICES ("92100", "91000", "92000", "92050",
                                                            "1")), 0,
    "high 91000.00 is below low 92000.00" },
  { "candles/low-above-close", CANDLES, HOSTILE_TEXT (PRICES ("92500", "92900", "92400", "92300",
                                                             "1")), 0,
    "low 92400.00 is above close 92300.00" },
  { "candles/volume-negative", CANDLES, HOSTILE_TEXT (PRICES ("1", "2", "1", "1", "-100")), 0,
    "volume -1.00 is negative" },
  { "candles/oldest-first", CANDLES, HOSTILE_TEXT (ENVELOPE ("[" OLDER "," NEWER "]")), 0,
    "element 1: time 1767574800000 is after the previous row’s 1767571200000 (rows must be "
    "newest first)" },
  { "candles/duplicate", CANDLES, HOSTILE_TEXT (ENVELOPE ("[" NEWER "," NEWER "]")), 0,
    "element 1: time 1767574800000 repeats the previous row" },
  { "candles/contract-value-zero", CANDLES, HOSTILE_TEXT (ENVELOPE ("[" NEWER "]")), -1.0,
    "The contract value is not a number above zero" },
  { "candles/contract-value-nan", CANDLES, HOSTILE_TEXT (ENVELOPE ("[" NEWER "]")), NAN,
    "The contract value is not a number above zero" },

  /* Liquidation orders */
  { "liquidations/empty", LIQUIDATIONS, HOSTILE_TEXT (""), 0, "body is empty" },
  { "liquidations/truncated", LIQUIDATIONS, HOSTILE_TEXT (PUSH ("[" ITEM ("BTC-USDT-SWAP", "{"))),
    0, "not valid JSON" },
  { "liquidations/invalid-utf8", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[" ITEM ("BTC-\xff-SWAP", GOOD_DETAIL) "]")), 0, "not valid UTF-8" },
  { "liquidations/deep", LIQUIDATIONS, HOSTILE_TEXT (PUSH ("[@DEEP@")), 0, "more than 64 deep" },
  { "liquidations/two-pushes", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[]") "\n" PUSH ("[]")), 0, "something follows its first value" },
  { "liquidations/item-string", LIQUIDATIONS, HOSTILE_TEXT (PUSH ("[\"BTC-USDT-SWAP\"]")), 0,
    "element 0: expected an object, found string" },
  { "liquidations/no-inst-id", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[{\"details\":[" GOOD_DETAIL "]}]")), 0,
    "element 0, instId: expected a string, found null" },
  { "liquidations/no-details", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[{\"instId\":\"BTC-USDT-SWAP\"}]")), 0,
    "element 0, details: expected an array, found null" },
  { "liquidations/details-object", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[{\"instId\":\"BTC-USDT-SWAP\",\"details\":" GOOD_DETAIL "}]")), 0,
    "element 0, details: expected an array, found object" },
  { "liquidations/detail-number", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[" ITEM ("BTC-USDT-SWAP", "7") "]")), 0,
    "element 0: expected an object, found number" },
  { "liquidations/side-hold", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("hold", "net", "91540", "1", "1767580000200")), 0,
    "element 0, details.side: “hold” is neither buy nor sell" },
  { "liquidations/side-huge", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("@10MB@", "net", "91540", "1", "1767580000200")), 0,
    "element 0, details.side: “xxxx" },
  { "liquidations/side-missing", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[" ITEM ("BTC-USDT-SWAP", "{\"bkPx\":\"1\",\"sz\":\"1\",\"ts\":\"1\"}")
                        "]")), 0,
    "element 0, details.side: expected a string, found null" },
  { "liquidations/time-missing", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[" ITEM ("BTC-USDT-SWAP", "{\"side\":\"buy\",\"bkPx\":\"1\",\"sz\":\"1\"}")
                        "]")), 0,
    "element 0, details.ts: expected an integer time in milliseconds, found null" },
  { "liquidations/time-words", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("buy", "short", "94400", "3", "yesterday")), 0,
    "element 0, details.ts: “yesterday” is not a time in milliseconds" },
  { "liquidations/size-zero", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("buy", "short", "94400", "0", "1767580000200")), 0,
    "element 0: details.sz is not above zero" },
  { "liquidations/size-negative", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("buy", "short", "94400", "-3", "1767580000200")), 0,
    "element 0: details.sz is not above zero" },
  { "liquidations/price-zero", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("sell", "long", "0", "3", "1767580000200")), 0,
    "element 0: details.bkPx is not above zero" },
  { "liquidations/price-nan", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("sell", "long", "NaN", "3", "1767580000200")), 0,
    "element 0, details.bkPx: “NaN” is not a decimal number" },
  { "liquidations/price-infinity", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("sell", "long", "-Infinity", "3", "1767580000200")), 0,
    "element 0, details.bkPx: “-Infinity” is not a decimal number" },
  { "liquidations/usd-overflow", LIQUIDATIONS,
    HOSTILE_TEXT (LIQ ("sell", "long", "1e300", "1e300", "1767580000200")), 0,
    "element 0: the size in USD is too large" },
  { "liquidations/bad-other-instrument", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[" ITEM ("BTC-USDT-SWAP", GOOD_DETAIL) ","
                        ITEM ("ETH-USDT-SWAP", DETAIL ("buy", "net", "NaN", "1", "1")) "]")), 0,
    "element 1, details.bkPx: “NaN” is not a decimal number" },
  { "liquidations/server-error", LIQUIDATIONS,
    HOSTILE_TEXT ("{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable\",\"data\":[]}"),
    0, "Service temporarily unavailable" },
  { "liquidations/contract-value-infinite", LIQUIDATIONS,
    HOSTILE_TEXT (PUSH ("[" ITEM ("BTC-USDT-SWAP", GOOD_DETAIL) "]")), INFINITY,
    "The contract value is not a number above zero" },
};

static const WickCandle prefilled_candles[] = {
  { 1767564000000, 91000.0, 91500.0, 90800.0, 91200.0, 10.0 },
  { 1767567600000, 91200.0, 92200.0, 91100.0, 92100.0, 12.0 },
};

static const WickLiquidationEvent prefilled_events[] = {
  { 1767564000000, 91000.0, WICK_SIDE_LONG, 5e5 },
  { 1767567600000, 92100.0, WICK_SIDE_SHORT, 2e4 },
};

static void
assert_events_unchanged (GArray *events)
{
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (prefilled_events));

  for (guint i = 0; i < events->len; i++)
    {
      const WickLiquidationEvent *e = &g_array_index (events, WickLiquidationEvent, i);

      g_assert_cmpint (e->time_ms, ==, prefilled_events[i].time_ms);
      g_assert_cmpfloat (e->price, ==, prefilled_events[i].price);
      g_assert_cmpint (e->side, ==, prefilled_events[i].side);
      g_assert_cmpfloat (e->usd, ==, prefilled_events[i].usd);
    }
}

static void
test_hostile (gconstpointer user_data)
{
  const HostileCase *c = user_data;
  g_autoptr(GBytes) bytes = hostile_expand (c->text, c->length);
  g_autoptr(GError) error = NULL;
  double ct_val = c->ct_val == 0.0 ? 0.01 : c->ct_val;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);

  if (c->kind == CANDLES)
    {
      g_autoptr(GArray) prefilled = g_array_new (FALSE, FALSE, sizeof (WickCandle));
      GArray *out = prefilled;

      g_array_append_vals (prefilled, prefilled_candles, G_N_ELEMENTS (prefilled_candles));
      g_assert_false (wick_okx_parse_candles (data, length, ct_val, &out, &error));
      g_assert_true (out == prefilled);
      g_assert_cmpmem (out->data, out->len * sizeof (WickCandle),
                       prefilled_candles, sizeof prefilled_candles);
    }
  else
    {
      g_autoptr(GArray) prefilled = g_array_new (FALSE, FALSE, sizeof (WickLiquidationEvent));
      GArray *out = prefilled;

      g_array_append_vals (prefilled, prefilled_events, G_N_ELEMENTS (prefilled_events));
      /* Filtered to one instrument: a bad push is refused whole all the same. */
      g_assert_false (wick_okx_parse_liquidations (data, length, "BTC-USDT-SWAP", ct_val, &out,
                                                   &error));
      g_assert_true (out == prefilled);
      assert_events_unchanged (out);
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
      g_autofree char *path = g_strconcat ("/hostile/okx/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_hostile);
    }

  return g_test_run ();
}
