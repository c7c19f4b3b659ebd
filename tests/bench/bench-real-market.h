/* bench-real-market.h: the real Binance candles with CoinGlass open interest and
 * liquidations, from ../shared/data when it is there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-csv.h"
#include "wick-market.h"

#define BENCH_CANDLES_FILE       "binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv"
#define BENCH_LIQUIDATIONS_FILE \
  "coinglass-BTC-liquidations-1h-binance-bybit-okx-2025-11-23_2026-05-22.csv"
#define BENCH_OPEN_INTEREST_FILE \
  "coinglass-BTC-oi-funding-1h-binance-bybit-okx-2025-12-04_2026-06-02.csv"

typedef enum
{
  BENCH_SHARED_CANDLES,
  BENCH_SHARED_LIQUIDATIONS,
  BENCH_SHARED_OPEN_INTEREST,
} BenchSharedKind;

static inline gpointer
bench_load_shared (const char      *dir,
                   const char      *name,
                   BenchSharedKind  kind)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  if (kind == BENCH_SHARED_CANDLES)
    result = wick_csv_parse_candles (contents, len, 0, &error);
  else if (kind == BENCH_SHARED_LIQUIDATIONS)
    result = wick_csv_parse_liquidations (contents, len, 0, &error);
  else
    result = wick_csv_parse_open_interest (contents, len, 0, &error);
  if (result == NULL)
    g_printerr ("%s: %s\n", path, error->message);

  return result;
}

/* The last @n_candles hours of the real candles, with the open interest and liquidations
 * where they exist; NULL without WICK_SHARED_DATA or with fewer candles. */
static inline WickMarket *
bench_load_real_market (guint n_candles)
{
  const char *dir = g_getenv ("WICK_SHARED_DATA");
  g_autoptr(WickSeries) all = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(WickLiquidations) liquidations = NULL;
  g_autoptr(WickOpenInterest) open_interest = NULL;
  g_autoptr(GError) error = NULL;
  WickMarket *market;
  guint n;

  if (dir == NULL)
    return NULL;

  all = bench_load_shared (dir, BENCH_CANDLES_FILE, BENCH_SHARED_CANDLES);
  liquidations = bench_load_shared (dir, BENCH_LIQUIDATIONS_FILE, BENCH_SHARED_LIQUIDATIONS);
  open_interest = bench_load_shared (dir, BENCH_OPEN_INTEREST_FILE, BENCH_SHARED_OPEN_INTEREST);
  if (all == NULL || wick_series_get_length (all) < n_candles)
    return NULL;

  n = wick_series_get_length (all);
  series = wick_series_new (wick_series_get_interval_ms (all));
  if (!wick_series_append (series, wick_series_get_candles (all) + (n - n_candles), n_candles,
                           &error))
    g_error ("%s", error->message);

  market = wick_market_new ("Binance", "BTCUSDT", "1h", series);
  wick_market_set_liquidations (market, liquidations);
  wick_market_set_open_interest (market, open_interest);

  return market;
}
