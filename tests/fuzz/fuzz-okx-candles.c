/* fuzz-okx-candles.c: wick_okx_parse_candles () on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-fuzz.h"
#include "wick-okx-parse.h"

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

  /* 0.01 is BTC-USDT-SWAP's contract value: the volume is scaled, so it can overflow too. */
  if (!wick_okx_parse_candles ((const char *) data, size, 0.01, &candles, &error))
    {
      wick_fuzz_check_error (error);
      wick_fuzz_check (candles == sentinel);
    }
  else
    {
      g_autoptr(WickSeries) series = wick_series_new (60000);
      g_autoptr(GArray) owned = g_steal_pointer (&candles);

      wick_fuzz_check (error == NULL && owned != sentinel);
      /* Returned oldest first, valid and unique: a series takes them all. */
      wick_fuzz_check (wick_series_append (series, (const WickCandle *)(gpointer) owned->data,
                                           owned->len, NULL));
    }

  g_array_unref (sentinel);
  return 0;
}
