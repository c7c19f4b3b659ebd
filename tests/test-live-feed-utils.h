/* test-live-feed-utils.h: a pretend exchange for the live feed tests: REST candles that appear
 * as time passes, websocket connections the test pushes messages into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bodies are written by us in the shapes Binance and OKX document.
 */

#pragma once

#include "wick-series.h"

#include "test-server-utils.h"

#include <string.h>

#define HOUR_MS   G_GINT64_CONSTANT (3600000)
/* 2024-01-01 00:00 UTC: long closed, so a feed always backfills on its first connect. */
#define T0_MS     G_GINT64_CONSTANT (1704067200000)
#define N_TRUTH   64
/* Generous: the machine may be slow and shared. */
#define WAIT_MS   30000

/* Candle @i as the exchange finally has it. Quarters, so every value prints exactly. */
static inline WickCandle
truth_candle (guint i)
{
  WickCandle c;

  c.open_time_ms = T0_MS + (gint64) i * HOUR_MS;
  c.open = 40000.0 + 10.0 * i;
  c.close = c.open + (i % 3 == 0 ? -15.25 : 25.5);
  c.high = MAX (c.open, c.close) + 7.5;
  c.low = MIN (c.open, c.close) - 5.25;
  c.volume = 100.0 + i;

  return c;
}

/* Candle @i while it is still forming: what a REST page or an early kline shows. */
static inline WickCandle
forming_candle (guint i)
{
  WickCandle c = truth_candle (i);

  c.close = c.open + 1.0;
  c.high = c.open + 2.0;
  c.low = c.open - 1.0;
  c.volume = 5.0;

  return c;
}

static inline char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

/* One /api/v3/klines row. */
static inline void
append_binance_row (GString          *body,
                    const WickCandle *c)
{
  g_autofree char *o = format_number (c->open);
  g_autofree char *h = format_number (c->high);
  g_autofree char *l = format_number (c->low);
  g_autofree char *cl = format_number (c->close);
  g_autofree char *v = format_number (c->volume);

  g_string_append_printf (body, "[%" G_GINT64_FORMAT ",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%"
                          G_GINT64_FORMAT ",\"0\",10,\"0\",\"0\",\"0\"]",
                          c->open_time_ms, o, h, l, cl, v, c->open_time_ms + HOUR_MS - 1);
}

/* A `btcusdt@kline_1h` event. */
static inline char *
binance_kline_event (const WickCandle *c,
                     gboolean          is_closed)
{
  g_autofree char *o = format_number (c->open);
  g_autofree char *h = format_number (c->high);
  g_autofree char *l = format_number (c->low);
  g_autofree char *cl = format_number (c->close);
  g_autofree char *v = format_number (c->volume);

  return g_strdup_printf ("{\"e\":\"kline\",\"E\":%" G_GINT64_FORMAT ",\"s\":\"BTCUSDT\","
                          "\"k\":{\"t\":%" G_GINT64_FORMAT ",\"T\":%" G_GINT64_FORMAT ","
                          "\"s\":\"BTCUSDT\",\"i\":\"1h\",\"f\":100,\"L\":200,\"o\":\"%s\","
                          "\"c\":\"%s\",\"h\":\"%s\",\"l\":\"%s\",\"v\":\"%s\",\"n\":100,"
                          "\"x\":%s,\"q\":\"0\",\"V\":\"0\",\"Q\":\"0\",\"B\":\"0\"}}",
                          c->open_time_ms + 1000, c->open_time_ms,
                          c->open_time_ms + HOUR_MS - 1, o, cl, h, l, v,
                          is_closed ? "true" : "false");
}

/* A `btcusdt@forceOrder` event: @is_long_liquidated gives a SELL order. */
static inline char *
binance_force_order (gint64   time_ms,
                     gboolean is_long_liquidated,
                     double   quantity,
                     double   price)
{
  g_autofree char *q = format_number (quantity);
  g_autofree char *p = format_number (price);

  return g_strdup_printf ("{\"e\":\"forceOrder\",\"E\":%" G_GINT64_FORMAT ",\"o\":{"
                          "\"s\":\"BTCUSDT\",\"S\":\"%s\",\"o\":\"LIMIT\",\"f\":\"IOC\","
                          "\"q\":\"%s\",\"p\":\"%s\",\"ap\":\"%s\",\"X\":\"FILLED\","
                          "\"l\":\"%s\",\"z\":\"%s\",\"T\":%" G_GINT64_FORMAT "}}",
                          time_ms + 2, is_long_liquidated ? "SELL" : "BUY",
                          q, p, p, q, q, time_ms);
}

/* One OKX candle row: ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm. */
static inline void
append_okx_row (GString          *body,
                const WickCandle *c,
                gboolean          is_closed)
{
  g_autofree char *o = format_number (c->open);
  g_autofree char *h = format_number (c->high);
  g_autofree char *l = format_number (c->low);
  g_autofree char *cl = format_number (c->close);
  g_autofree char *v = format_number (c->volume);

  g_string_append_printf (body, "[\"%" G_GINT64_FORMAT "\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\","
                          "\"%s\",\"0\",\"%s\"]",
                          c->open_time_ms, o, h, l, cl, v, v, is_closed ? "1" : "0");
}

static inline void
assert_candles_equal (const WickCandle *actual,
                      const WickCandle *expected)
{
  g_assert_cmpint (actual->open_time_ms, ==, expected->open_time_ms);
  g_assert_cmpfloat (actual->open, ==, expected->open);
  g_assert_cmpfloat (actual->high, ==, expected->high);
  g_assert_cmpfloat (actual->low, ==, expected->low);
  g_assert_cmpfloat (actual->close, ==, expected->close);
  g_assert_cmpfloat (actual->volume, ==, expected->volume);
}

/* The series holds truth_candle (0 … n - 1), in order, each once, except that the last one is
 * @last (the candle still forming). */
static inline void
assert_series_is_truth (WickSeries       *series,
                        guint             n,
                        const WickCandle *last)
{
  g_assert_cmpuint (wick_series_get_length (series), ==, n);

  for (guint i = 0; i < n; i++)
    {
      WickCandle expected = truth_candle (i);
      const WickCandle *actual = wick_series_get_candle (series, i);

      if (i + 1 == n && last != NULL)
        expected = *last;

      /* Neither hole nor duplicate. */
      if (i > 0)
        g_assert_cmpint (actual->open_time_ms, ==,
                         wick_series_get_candle (series, i - 1)->open_time_ms + HOUR_MS);
      assert_candles_equal (actual, &expected);
    }
}

static inline gboolean
test_live_wait (gboolean (*condition) (gpointer data),
                gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return condition (data);
}

/* Runs the main loop for @ms, so that whatever was wrongly scheduled gets to happen. */
static inline void
test_live_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}
