/* fuzz-okx-liquidations.c: wick_okx_parse_liquidations () on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wick-fuzz.h"
#include "wick-okx-parse.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  wick_fuzz_init (WICK_FUZZ_FATAL);
  return 0;
}

static void
check_events (GArray *events)
{
  g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (3600000);

  for (guint i = 0; i < events->len; i++)
    {
      const WickLiquidationEvent *event = &g_array_index (events, WickLiquidationEvent, i);

      wick_fuzz_check (event->time_ms > 0);
      wick_fuzz_check (i == 0 || event[-1].time_ms <= event->time_ms);
      wick_fuzz_check (event->side == WICK_SIDE_LONG || event->side == WICK_SIDE_SHORT);
      wick_fuzz_check (isfinite (event->price) && event->price > 0.0);
      wick_fuzz_check (isfinite (event->usd) && event->usd > 0.0);
      wick_fuzz_check (wick_liquidations_add_event (liquidations, event, NULL));
    }
}

static void
parse (const uint8_t *data,
       size_t         size,
       const char    *inst_id)
{
  g_autoptr(GError) error = NULL;
  GArray *sentinel = g_array_new (FALSE, FALSE, sizeof (WickLiquidationEvent));
  GArray *events = sentinel;

  if (!wick_okx_parse_liquidations ((const char *) data, size, inst_id, 0.01, &events, &error))
    {
      wick_fuzz_check_error (error);
      wick_fuzz_check (events == sentinel);
    }
  else
    {
      wick_fuzz_check (error == NULL && events != sentinel);
      check_events (events);
      g_array_unref (events);
    }

  g_array_unref (sentinel);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Every instrument, then one: the filter must not change what is refused. */
  parse (data, size, NULL);
  parse (data, size, "BTC-USDT-SWAP");

  return 0;
}
