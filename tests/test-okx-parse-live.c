/* test-okx-parse-live.c: OKX instrument bodies (ctVal) and websocket candle pushes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-okx-parse.h"

#include <math.h>
#include <string.h>

/* Bodies in the documented shapes. */

static const char instruments[] =
  "{\"code\":\"0\",\"msg\":\"\",\"data\":["
  "{\"alias\":\"\",\"baseCcy\":\"\",\"ctMult\":\"1\",\"ctType\":\"linear\",\"ctVal\":\"0.1\","
  "\"ctValCcy\":\"ETH\",\"instFamily\":\"ETH-USDT\",\"instId\":\"ETH-USDT-SWAP\","
  "\"instType\":\"SWAP\",\"lotSz\":\"0.01\",\"settleCcy\":\"USDT\",\"state\":\"live\","
  "\"tickSz\":\"0.01\",\"uly\":\"ETH-USDT\"},"
  "{\"alias\":\"\",\"baseCcy\":\"\",\"ctMult\":\"1\",\"ctType\":\"linear\",\"ctVal\":\"0.01\","
  "\"ctValCcy\":\"BTC\",\"instFamily\":\"BTC-USDT\",\"instId\":\"BTC-USDT-SWAP\","
  "\"instType\":\"SWAP\",\"lotSz\":\"0.01\",\"settleCcy\":\"USDT\",\"state\":\"live\","
  "\"tickSz\":\"0.1\",\"uly\":\"BTC-USDT\"}]}";

static const char candle_push[] =
  "{\"arg\":{\"channel\":\"candle1H\",\"instId\":\"BTC-USDT\"},\"data\":[[\"1767589200000\","
  "\"92000.1\",\"92100\",\"91900\",\"92050\",\"12.5\",\"1150000\",\"1150000\",\"0\"]]}";

static void
test_ct_val (void)
{
  g_autoptr(GError) error = NULL;
  double ct_val = 0.0;

  g_assert_true (wick_okx_parse_ct_val (instruments, strlen (instruments), "BTC-USDT-SWAP",
                                        &ct_val, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (ct_val, ==, 0.01);

  g_assert_true (wick_okx_parse_ct_val (instruments, strlen (instruments), "ETH-USDT-SWAP",
                                        &ct_val, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (ct_val, ==, 0.1);
}

static void
test_ct_val_server_error (void)
{
  static const char body[] =
    "{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}";
  g_autoptr(GError) error = NULL;
  double ct_val = 42.0;

  g_assert_false (wick_okx_parse_ct_val (body, strlen (body), "BTC-USDT-SWAP", &ct_val, &error));
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, 51001);
  g_assert_cmpstr (error->message, ==, "Instrument ID does not exist");
  g_assert_cmpfloat (ct_val, ==, 42.0);
}

static void
test_candle_event (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = g_strdup (candle_push);
  WickCandle candle;
  gboolean is_closed = TRUE;

  g_assert_true (wick_okx_parse_candle_event (candle_push, strlen (candle_push), 1.0, &candle,
                                              &is_closed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (candle.open_time_ms, ==, G_GINT64_CONSTANT (1767589200000));
  g_assert_cmpfloat (candle.open, ==, 92000.1);
  g_assert_cmpfloat (candle.high, ==, 92100.0);
  g_assert_cmpfloat (candle.low, ==, 91900.0);
  g_assert_cmpfloat (candle.close, ==, 92050.0);
  g_assert_cmpfloat (candle.volume, ==, 12.5);
  g_assert_false (is_closed);

  /* confirm "1": closed; and the volume is in contracts × ctVal for a swap. */
  memcpy (strstr (closed, "\"0\"]]"), "\"1\"", 3);
  g_assert_true (wick_okx_parse_candle_event (closed, strlen (closed), 0.01, &candle,
                                              &is_closed, &error));
  g_assert_no_error (error);
  g_assert_true (is_closed);
  g_assert_cmpfloat_with_epsilon (candle.volume, 0.125, 1e-12);

  /* The flag is optional to read. */
  g_assert_true (wick_okx_parse_candle_event (closed, strlen (closed), 1.0, &candle, NULL,
                                              &error));
  g_assert_no_error (error);
}

static void
test_candle_event_rows (void)
{
  /* Several rows, newest in the middle: that one is returned, with its own flag. */
  static const char body[] =
    "{\"arg\":{\"channel\":\"candle1H\",\"instId\":\"BTC-USDT\"},\"data\":["
    "[\"1767585600000\",\"91000\",\"91500\",\"90900\",\"91400\",\"3\",\"0\",\"0\",\"0\"],"
    "[\"1767589200000\",\"92000\",\"92100\",\"91900\",\"92050\",\"4\",\"0\",\"0\",\"1\"],"
    "[\"1767582000000\",\"90000\",\"90500\",\"89900\",\"90400\",\"5\",\"0\",\"0\",\"0\"]]}";
  /* Only the first six fields: taken as still forming. */
  static const char short_row[] =
    "{\"arg\":{\"channel\":\"candle1Dutc\",\"instId\":\"BTC-USDT\"},\"data\":["
    "[\"1767571200000\",\"92000\",\"92100\",\"91900\",\"92050\",\"4\"]]}";
  g_autoptr(GError) error = NULL;
  WickCandle candle;
  gboolean is_closed = FALSE;

  g_assert_true (wick_okx_parse_candle_event (body, strlen (body), 1.0, &candle, &is_closed,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (candle.open_time_ms, ==, G_GINT64_CONSTANT (1767589200000));
  g_assert_cmpfloat (candle.volume, ==, 4.0);
  g_assert_true (is_closed);

  g_assert_true (wick_okx_parse_candle_event (short_row, strlen (short_row), 1.0, &candle,
                                              &is_closed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (candle.open_time_ms, ==, G_GINT64_CONSTANT (1767571200000));
  g_assert_false (is_closed);
}

static void
test_candle_event_server_error (void)
{
  static const char body[] =
    "{\"event\":\"error\",\"code\":\"60018\",\"msg\":\"Wrong URL or channel:candle1H\","
    "\"connId\":\"a4d3ae55\"}";
  g_autoptr(GError) error = NULL;
  WickCandle candle = { 0, };

  g_assert_false (wick_okx_parse_candle_event (body, strlen (body), 1.0, &candle, NULL, &error));
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, 60018);
  g_assert_cmpstr (error->message, ==, "Wrong URL or channel:candle1H");
  g_assert_cmpint (candle.open_time_ms, ==, 0);
}

#define CANDLE_ROW(ts, o, h, l, c, v, confirm) \
  "[\"" ts "\",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"" v "\",\"0\",\"0\",\"" confirm "\"]"
#define PUSH(rows) \
  "{\"arg\":{\"channel\":\"candle1H\",\"instId\":\"BTC-USDT\"},\"data\":[" rows "]}"
#define GOOD_ROW CANDLE_ROW ("1767589200000", "92000", "92100", "91900", "92050", "1", "0")
#define INSTRUMENT(inst, ct) "{\"instId\":\"" inst "\",\"ctVal\":" ct "}"
#define INSTRUMENTS(items) "{\"code\":\"0\",\"msg\":\"\",\"data\":[" items "]}"

typedef enum
{
  KIND_CT_VAL,
  KIND_CANDLE_EVENT,
} Kind;

typedef struct
{
  const char        *name;
  Kind               kind;
  const char        *body;
  WickExchangeError  code;
  const char        *needle;   /* the message must name the problem */
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "ct-val/empty", KIND_CT_VAL, "", WICK_EXCHANGE_ERROR_INVALID_JSON, "empty" },
  { "ct-val/truncated", KIND_CT_VAL, "{\"code\":\"0\",\"data\":[{\"instId\"",
    WICK_EXCHANGE_ERROR_INVALID_JSON, "JSON" },
  { "ct-val/not-utf8", KIND_CT_VAL, "{\"code\":\"\xff\"}", WICK_EXCHANGE_ERROR_INVALID_JSON,
    "UTF-8" },
  { "ct-val/array-root", KIND_CT_VAL, "[]", WICK_EXCHANGE_ERROR_BAD_SHAPE, "object" },
  { "ct-val/no-code", KIND_CT_VAL, "{\"data\":[]}", WICK_EXCHANGE_ERROR_BAD_SHAPE, "code" },
  { "ct-val/code-number", KIND_CT_VAL, "{\"code\":0,\"data\":[]}", WICK_EXCHANGE_ERROR_BAD_SHAPE,
    "code" },
  { "ct-val/data-object", KIND_CT_VAL, "{\"code\":\"0\",\"data\":{}}",
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "data" },
  { "ct-val/absent", KIND_CT_VAL, INSTRUMENTS (INSTRUMENT ("ETH-USDT-SWAP", "\"0.1\"")),
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "BTC-USDT-SWAP" },
  { "ct-val/empty-data", KIND_CT_VAL, INSTRUMENTS (""), WICK_EXCHANGE_ERROR_BAD_SHAPE,
    "BTC-USDT-SWAP" },
  { "ct-val/item-not-object", KIND_CT_VAL, INSTRUMENTS ("\"BTC-USDT-SWAP\""),
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "element 0" },
  { "ct-val/no-inst-id", KIND_CT_VAL, INSTRUMENTS ("{\"ctVal\":\"0.01\"}"),
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "instId" },
  { "ct-val/spot-empty", KIND_CT_VAL, INSTRUMENTS (INSTRUMENT ("BTC-USDT-SWAP", "\"\"")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "ctVal" },
  { "ct-val/missing", KIND_CT_VAL, INSTRUMENTS ("{\"instId\":\"BTC-USDT-SWAP\"}"),
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "ctVal" },
  { "ct-val/zero", KIND_CT_VAL, INSTRUMENTS (INSTRUMENT ("BTC-USDT-SWAP", "\"0\"")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "above zero" },
  { "ct-val/negative", KIND_CT_VAL, INSTRUMENTS (INSTRUMENT ("BTC-USDT-SWAP", "\"-0.01\"")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "above zero" },
  { "ct-val/nan", KIND_CT_VAL, INSTRUMENTS (INSTRUMENT ("BTC-USDT-SWAP", "\"NaN\"")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "NaN" },
  { "ct-val/huge", KIND_CT_VAL, INSTRUMENTS (INSTRUMENT ("BTC-USDT-SWAP", "\"1e999\"")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "too large" },
  { "ct-val/object", KIND_CT_VAL, INSTRUMENTS (INSTRUMENT ("BTC-USDT-SWAP", "{}")),
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "ctVal" },
  { "ct-val/duplicate", KIND_CT_VAL,
    INSTRUMENTS (INSTRUMENT ("BTC-USDT-SWAP", "\"0.01\"") ","
                 INSTRUMENT ("BTC-USDT-SWAP", "\"0.001\"")),
    WICK_EXCHANGE_ERROR_DUPLICATE, "element 1" },

  { "candle-event/empty", KIND_CANDLE_EVENT, "", WICK_EXCHANGE_ERROR_INVALID_JSON, "empty" },
  { "candle-event/truncated", KIND_CANDLE_EVENT, "{\"arg\":{},\"data\":[[\"1\"",
    WICK_EXCHANGE_ERROR_INVALID_JSON, "JSON" },
  { "candle-event/subscribe", KIND_CANDLE_EVENT,
    "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"candle1H\",\"instId\":\"BTC-USDT\"},"
    "\"connId\":\"a4d3ae55\"}", WICK_EXCHANGE_ERROR_BAD_SHAPE, "subscribe" },
  { "candle-event/event-object", KIND_CANDLE_EVENT, "{\"event\":{},\"data\":[]}",
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "event" },
  { "candle-event/rest-envelope", KIND_CANDLE_EVENT,
    "{\"code\":\"0\",\"msg\":\"\",\"data\":[" GOOD_ROW "]}", WICK_EXCHANGE_ERROR_BAD_SHAPE,
    "arg" },
  { "candle-event/no-channel", KIND_CANDLE_EVENT, "{\"arg\":{},\"data\":[" GOOD_ROW "]}",
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "arg.channel" },
  { "candle-event/other-channel", KIND_CANDLE_EVENT,
    "{\"arg\":{\"channel\":\"liquidation-orders\"},\"data\":[" GOOD_ROW "]}",
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "liquidation-orders" },
  { "candle-event/no-data", KIND_CANDLE_EVENT, "{\"arg\":{\"channel\":\"candle1H\"}}",
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "data" },
  { "candle-event/no-rows", KIND_CANDLE_EVENT, PUSH (""), WICK_EXCHANGE_ERROR_BAD_SHAPE,
    "no candle" },
  { "candle-event/row-object", KIND_CANDLE_EVENT, PUSH ("{}"), WICK_EXCHANGE_ERROR_BAD_SHAPE,
    "element 0" },
  { "candle-event/short-row", KIND_CANDLE_EVENT, PUSH ("[\"1767589200000\",\"1\",\"2\"]"),
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "3 fields" },
  { "candle-event/ts-garbage", KIND_CANDLE_EVENT,
    PUSH (CANDLE_ROW ("17675x9200000", "92000", "92100", "91900", "92050", "1", "0")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "ts" },
  { "candle-event/ts-negative", KIND_CANDLE_EVENT,
    PUSH (CANDLE_ROW ("-1767589200000", "92000", "92100", "91900", "92050", "1", "0")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "ts" },
  { "candle-event/nan", KIND_CANDLE_EVENT,
    PUSH (CANDLE_ROW ("1767589200000", "NaN", "92100", "91900", "92050", "1", "0")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "element 0, o" },
  { "candle-event/high-below-low", KIND_CANDLE_EVENT,
    PUSH (CANDLE_ROW ("1767589200000", "92000", "91000", "91900", "92050", "1", "0")),
    WICK_EXCHANGE_ERROR_BAD_CANDLE, "element 0" },
  { "candle-event/negative-volume", KIND_CANDLE_EVENT,
    PUSH (CANDLE_ROW ("1767589200000", "92000", "92100", "91900", "92050", "-1", "0")),
    WICK_EXCHANGE_ERROR_BAD_CANDLE, "volume" },
  { "candle-event/confirm-garbage", KIND_CANDLE_EVENT,
    PUSH (CANDLE_ROW ("1767589200000", "92000", "92100", "91900", "92050", "1", "yes")),
    WICK_EXCHANGE_ERROR_BAD_VALUE, "confirm" },
  { "candle-event/confirm-number", KIND_CANDLE_EVENT,
    PUSH ("[\"1767589200000\",\"92000\",\"92100\",\"91900\",\"92050\",\"1\",\"0\",\"0\",1]"),
    WICK_EXCHANGE_ERROR_BAD_SHAPE, "confirm" },
  /* A bad row after a good one rejects the whole push. */
  { "candle-event/bad-second-row", KIND_CANDLE_EVENT,
    PUSH (GOOD_ROW "," CANDLE_ROW ("1767592800000", "0", "92100", "91900", "92050", "1", "0")),
    WICK_EXCHANGE_ERROR_BAD_CANDLE, "element 1" },
  { "candle-event/duplicate", KIND_CANDLE_EVENT,
    PUSH (GOOD_ROW "," CANDLE_ROW ("1767585600000", "92000", "92100", "91900", "92050", "1",
                                   "0") "," GOOD_ROW),
    WICK_EXCHANGE_ERROR_DUPLICATE, "1767589200000" },
};

static void
test_hostile (gconstpointer data)
{
  const HostileCase *c = data;
  g_autoptr(GError) error = NULL;
  WickCandle candle;
  WickCandle candle_before;
  double ct_val = 42.0;
  gboolean is_closed = 7;
  gboolean ok;

  memset (&candle, 0xa5, sizeof candle);
  candle_before = candle;

  if (c->kind == KIND_CT_VAL)
    ok = wick_okx_parse_ct_val (c->body, strlen (c->body), "BTC-USDT-SWAP", &ct_val, &error);
  else
    ok = wick_okx_parse_candle_event (c->body, strlen (c->body), 1.0, &candle, &is_closed,
                                      &error);

  g_assert_false (ok);
  g_assert_error (error, WICK_EXCHANGE_ERROR, (int) c->code);
  if (strstr (error->message, c->needle) == NULL)
    g_error ("“%s” does not name the problem “%s”", error->message, c->needle);

  /* Outputs untouched. */
  g_assert_cmpfloat (ct_val, ==, 42.0);
  g_assert_cmpmem (&candle, sizeof candle, &candle_before, sizeof candle_before);
  g_assert_cmpint (is_closed, ==, 7);
}

static void
test_candle_event_bad_ct_val (void)
{
  const double bad[] = { 0.0, -0.01, NAN, INFINITY };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      WickCandle candle = { 0, };

      g_assert_false (wick_okx_parse_candle_event (candle_push, strlen (candle_push), bad[i],
                                                   &candle, NULL, &error));
      g_assert_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE);
      g_assert_cmpint (candle.open_time_ms, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/okx-parse-live/ct-val", test_ct_val);
  g_test_add_func ("/wick/okx-parse-live/ct-val-server-error", test_ct_val_server_error);
  g_test_add_func ("/wick/okx-parse-live/candle-event", test_candle_event);
  g_test_add_func ("/wick/okx-parse-live/candle-event-rows", test_candle_event_rows);
  g_test_add_func ("/wick/okx-parse-live/candle-event-server-error",
                   test_candle_event_server_error);
  g_test_add_func ("/wick/okx-parse-live/candle-event-bad-ct-val", test_candle_event_bad_ct_val);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/okx-parse-live/hostile/%s",
                                               hostile_cases[i].name);

      g_test_add_data_func (path, &hostile_cases[i], test_hostile);
    }

  return g_test_run ();
}
