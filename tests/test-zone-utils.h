/* test-zone-utils.h: candles with one support and one resistance zone, for the zone tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-series.h"
#include "wick-zones.h"

#include <math.h>

#define ZONE_HOUR_MS   G_GINT64_CONSTANT (3600000)
#define ZONE_T0        G_GINT64_CONSTANT (1767225600000) /* 2026-01-01 00:00 UTC */
#define ZONE_N_CANDLES 60

/* 60 hourly candles swinging between 100 and 110 every 10 hours, times @scale: each candle
 * spans its centre ± 1, so the lows of the troughs (hours 5, 15, …) are pivots at 99 and the
 * highs of the crests (hours 10, 20, …) pivots at 111. The last close is near 109: a support
 * zone around 99 and a resistance zone around 111. */
G_GNUC_UNUSED static WickSeries *
make_zone_series (double scale)
{
  g_autoptr(WickSeries) series = wick_series_new (ZONE_HOUR_MS);
  WickCandle candles[ZONE_N_CANDLES];
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < ZONE_N_CANDLES; i++)
    {
      double centre = 105 + 5 * cos (2 * G_PI * i / 10);
      double next = 105 + 5 * cos (2 * G_PI * (i + 1) / 10);
      gboolean up = next > centre;

      candles[i].open_time_ms = ZONE_T0 + i * ZONE_HOUR_MS;
      candles[i].open = (up ? centre - 0.3 : centre + 0.3) * scale;
      candles[i].close = (up ? centre + 0.3 : centre - 0.3) * scale;
      candles[i].high = (centre + 1) * scale;
      candles[i].low = (centre - 1) * scale;
      candles[i].volume = 10 + i % 7;
    }

  wick_series_append (series, candles, ZONE_N_CANDLES, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

G_GNUC_UNUSED static WickZones *
detect_zones (WickSeries *series)
{
  return wick_zones_detect (wick_series_get_candles (series), wick_series_get_length (series),
                            NULL, NULL);
}

/* The index of the zone holding @price, which must exist. */
G_GNUC_UNUSED static int
zone_index_at (WickZones *zones,
               double     price)
{
  const WickZone *zone = wick_zones_find (zones, price);
  guint i;

  g_assert_nonnull (zone);
  for (i = 0; i < wick_zones_get_n_zones (zones); i++)
    if (wick_zones_get_zone (zones, i) == zone)
      return (int) i;

  g_assert_not_reached ();
  return -1;
}
