/* wick-heatmap-spec.c: which columns, price buckets, sides and tiers a heatmap grid shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap.h"

#include <math.h>
#include <string.h>

/**
 * wick_heatmap_nice_bucket_size:
 * @price_low: bottom of the price range
 * @price_high: top of the price range
 * @n_buckets: about how many buckets, 0 for %WICK_HEATMAP_DEFAULT_BUCKETS
 *
 * Returns: the bucket size of the form 1, 2, 2.5 or 5 × 10ⁿ that cuts the range into the
 *   number of buckets closest to @n_buckets, so that bucket edges stay put as the range pans
 */
double
wick_heatmap_nice_bucket_size (double price_low,
                               double price_high,
                               guint  n_buckets)
{
  static const double mantissas[] = { 1.0, 2.0, 2.5, 5.0 };
  double span = price_high - price_low;
  double raw;
  double best = 1.0;
  double best_distance = G_MAXDOUBLE;
  int exponent;

  if (n_buckets == 0)
    n_buckets = WICK_HEATMAP_DEFAULT_BUCKETS;

  if (!(span > 0.0 && isfinite (span)))
    span = isfinite (price_low) && price_low != 0.0 ? fabs (price_low) * 0.01 : 1.0;

  raw = span / n_buckets;
  exponent = (int) floor (log10 (raw));

  for (int e = exponent - 1; e <= exponent + 1; e++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
        {
          double size = mantissas[i] * pow (10.0, e);
          double distance = fabs (log (size / raw));

          if (distance < best_distance)
            {
              best = size;
              best_distance = distance;
            }
        }
    }

  return best;
}

/**
 * wick_heatmap_grid_spec_init_fixed:
 * @spec: (out caller-allocates): the specification to fill
 * @first_column: the model column of the grid's first column
 * @n_columns: how many columns
 * @price_low: lowest price to show
 * @price_high: highest price to show
 * @bucket_size: bucket size, above zero
 *
 * Fills @spec with buckets of @bucket_size aligned to its multiples, covering @price_low to
 * @price_high (at most %WICK_HEATMAP_MAX_BUCKETS of them, from the bottom), both sides and
 * all tiers.
 */
void
wick_heatmap_grid_spec_init_fixed (WickHeatmapGridSpec *spec,
                                   guint                first_column,
                                   guint                n_columns,
                                   double               price_low,
                                   double               price_high,
                                   double               bucket_size)
{
  double low;
  double n;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (bucket_size > 0.0 && isfinite (bucket_size));
  g_return_if_fail (isfinite (price_low) && isfinite (price_high));

  low = floor (price_low / bucket_size) * bucket_size;
  n = floor ((MAX (price_high, price_low) - low) / bucket_size) + 1.0;

  memset (spec, 0, sizeof *spec);
  spec->first_column = first_column;
  spec->n_columns = n_columns;
  spec->price_low = low;
  spec->bucket_size = bucket_size;
  spec->n_buckets = (guint) CLAMP (n, 1.0, (double) WICK_HEATMAP_MAX_BUCKETS);
  spec->sides = WICK_HEATMAP_BOTH_SIDES;
  spec->tiers = WICK_HEATMAP_ALL_TIERS;
}

/**
 * wick_heatmap_grid_spec_init_auto:
 * @spec: (out caller-allocates): the specification to fill
 * @first_column: the model column of the grid's first column
 * @n_columns: how many columns
 * @price_low: lowest price to show, such as the bottom of the visible range
 * @price_high: highest price to show
 * @n_buckets: about how many buckets, 0 for %WICK_HEATMAP_DEFAULT_BUCKETS
 *
 * Like wick_heatmap_grid_spec_init_fixed() with wick_heatmap_nice_bucket_size().
 */
void
wick_heatmap_grid_spec_init_auto (WickHeatmapGridSpec *spec,
                                  guint                first_column,
                                  guint                n_columns,
                                  double               price_low,
                                  double               price_high,
                                  guint                n_buckets)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (isfinite (price_low) && isfinite (price_high));

  wick_heatmap_grid_spec_init_fixed (spec, first_column, n_columns, price_low, price_high,
                                     wick_heatmap_nice_bucket_size (price_low, price_high,
                                                                    n_buckets));
}
