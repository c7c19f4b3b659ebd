/* fuzz-csv.c: the candle, liquidation and open-interest CSV parsers on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-csv.h"
#include "wick-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  wick_fuzz_init (WICK_FUZZ_FATAL);
  return 0;
}

static void
check_candles (const char *data,
               gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSeries) series = wick_csv_parse_candles (data, size, 0, &error);
  const WickCandle *candles;
  guint n;

  if (series == NULL)
    {
      wick_fuzz_check_error (error);
      return;
    }

  wick_fuzz_check (error == NULL);
  n = wick_series_get_length (series);
  candles = wick_series_get_candles (series);
  wick_fuzz_check (n > 0 && wick_series_get_interval_ms (series) > 0);

  for (guint i = 0; i < n; i++)
    {
      wick_fuzz_check (wick_candle_validate (&candles[i], NULL));
      wick_fuzz_check (i == 0 || candles[i - 1].open_time_ms < candles[i].open_time_ms);
    }
}

static void
check_liquidations (const char *data,
                    gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickLiquidations) liquidations = wick_csv_parse_liquidations (data, size, 0, &error);

  if (liquidations == NULL)
    {
      wick_fuzz_check_error (error);
      return;
    }

  wick_fuzz_check (error == NULL);
  wick_fuzz_check (wick_liquidations_get_length (liquidations) > 0);
  wick_fuzz_check (wick_liquidations_get_bucket_ms (liquidations) > 0);
}

static void
check_open_interest (const char *data,
                     gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickOpenInterest) open_interest = wick_csv_parse_open_interest (data, size, 0,
                                                                            &error);

  if (open_interest == NULL)
    {
      wick_fuzz_check_error (error);
      return;
    }

  wick_fuzz_check (error == NULL);
  wick_fuzz_check (wick_open_interest_get_length (open_interest) > 0);
  wick_fuzz_check (wick_open_interest_get_interval_ms (open_interest) > 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* No terminating NUL: the parsers must stop at @size on their own. */
  check_candles ((const char *) data, size);
  check_liquidations ((const char *) data, size);
  check_open_interest ((const char *) data, size);

  return 0;
}
