/* fuzz-binance-force-order.c: wick_binance_parse_force_order () on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

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
  static const WickLiquidationEvent before = { 1, 2.0, WICK_SIDE_SHORT, 3.0 };
  g_autoptr(GError) error = NULL;
  WickLiquidationEvent event = before;

  if (!wick_binance_parse_force_order ((const char *) data, size, &event, &error))
    {
      wick_fuzz_check_error (error);
      wick_fuzz_check (event.time_ms == before.time_ms && event.price == before.price &&
                       event.side == before.side && event.usd == before.usd);
    }
  else
    {
      g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (3600000);

      wick_fuzz_check (error == NULL);
      wick_fuzz_check (event.time_ms > 0);
      wick_fuzz_check (event.side == WICK_SIDE_LONG || event.side == WICK_SIDE_SHORT);
      wick_fuzz_check (isfinite (event.price) && event.price > 0.0);
      wick_fuzz_check (isfinite (event.usd) && event.usd > 0.0);
      wick_fuzz_check (wick_liquidations_add_event (liquidations, &event, NULL));
    }

  return 0;
}
