/* fuzz-binance-kline-event.c: wick_binance_parse_kline_event () on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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
  static const WickCandle before = { 1, 2.0, 3.0, 1.0, 2.0, 5.0 };
  g_autoptr(GError) error = NULL;
  WickCandle candle = before;
  gboolean closed = 7;

  if (!wick_binance_parse_kline_event ((const char *) data, size, &candle, &closed, &error))
    {
      wick_fuzz_check_error (error);
      wick_fuzz_check (memcmp (&candle, &before, sizeof candle) == 0 && closed == 7);
    }
  else
    {
      wick_fuzz_check (error == NULL);
      wick_fuzz_check (closed == TRUE || closed == FALSE);
      wick_fuzz_check (wick_candle_validate (&candle, NULL));
    }

  return 0;
}
