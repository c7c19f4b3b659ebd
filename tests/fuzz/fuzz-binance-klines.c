/* fuzz-binance-klines.c: wick_binance_parse_klines () on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-binance-parse.h"
#include "wick-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  wick_fuzz_init (WICK_FUZZ_FATAL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  GArray *sentinel = g_array_new (FALSE, FALSE, sizeof (WickCandle));
  GArray *candles = sentinel;

  if (!wick_binance_parse_klines ((const char *) data, size, &candles, &error))
    {
      wick_fuzz_check_error (error);
      wick_fuzz_check (candles == sentinel);
    }
  else
    {
      g_autoptr(WickSeries) series = wick_series_new (60000);
      g_autoptr(GArray) owned = g_steal_pointer (&candles);

      wick_fuzz_check (error == NULL && owned != sentinel);
      /* Valid candles with strictly rising open times: a series takes them all. */
      wick_fuzz_check (wick_series_append (series, (const WickCandle *)(gpointer) owned->data,
                                           owned->len, NULL));
      wick_fuzz_check (wick_series_get_length (series) == owned->len);
    }

  g_array_unref (sentinel);
  return 0;
}
