/* wick-signals-snapshot.c: the immutable copy of a market that an analysis reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals.h"

struct _WickSignalsSnapshot
{
  gint64                 interval_ms;
  WickCandle            *candles;        /* Owned, or borrowed from market */
  guint                  n_candles;
  WickLiquidationBucket *liquidations;   /* Owned, or borrowed from market; nullable */
  guint                  n_liquidations;
  WickOpenInterestPoint *open_interest;  /* Owned, or borrowed from market; nullable */
  guint                  n_open_interest;
  WickMarket            *market;         /* Owned, nullable: what the arrays are borrowed from */
};

G_DEFINE_BOXED_TYPE (WickSignalsSnapshot, wick_signals_snapshot,
                     wick_signals_snapshot_ref, wick_signals_snapshot_unref)

/**
 * wick_signals_snapshot_new:
 * @interval_ms: the candle interval
 * @candles: (array length=n_candles): closed candles, oldest first, as a WickSeries holds them
 * @n_candles: how many
 * @liquidations: (array length=n_liquidations) (nullable): liquidation buckets, oldest first
 * @n_liquidations: how many
 * @open_interest: (array length=n_open_interest) (nullable): open interest, oldest first
 * @n_open_interest: how many
 *
 * Copies the data, so the snapshot stays as it is whatever happens to the originals.
 *
 * Returns: (transfer full): the snapshot
 */
WickSignalsSnapshot *
wick_signals_snapshot_new (gint64                       interval_ms,
                           const WickCandle            *candles,
                           guint                        n_candles,
                           const WickLiquidationBucket *liquidations,
                           guint                        n_liquidations,
                           const WickOpenInterestPoint *open_interest,
                           guint                        n_open_interest)
{
  WickSignalsSnapshot *self;

  g_return_val_if_fail (interval_ms > 0, NULL);
  g_return_val_if_fail (candles != NULL || n_candles == 0, NULL);
  g_return_val_if_fail (liquidations != NULL || n_liquidations == 0, NULL);
  g_return_val_if_fail (open_interest != NULL || n_open_interest == 0, NULL);

  self = g_atomic_rc_box_new0 (WickSignalsSnapshot);
  self->interval_ms = interval_ms;
  self->candles = g_memdup2 (candles, (gsize) n_candles * sizeof *candles);
  self->n_candles = n_candles;
  self->liquidations = g_memdup2 (liquidations, (gsize) n_liquidations * sizeof *liquidations);
  self->n_liquidations = n_liquidations;
  self->open_interest = g_memdup2 (open_interest, (gsize) n_open_interest * sizeof *open_interest);
  self->n_open_interest = n_open_interest;

  return self;
}

/**
 * wick_signals_snapshot_new_for_market:
 * @market: a market
 *
 * Copies the market's candles, hourly liquidations and open interest. Call it on the thread
 * that owns @market.
 *
 * Returns: (transfer full): the snapshot
 */
WickSignalsSnapshot *
wick_signals_snapshot_new_for_market (WickMarket *market)
{
  WickSeries *series;
  WickLiquidations *l;
  WickOpenInterest *oi;

  g_return_val_if_fail (WICK_IS_MARKET (market), NULL);

  series = wick_market_get_series (market);
  l = wick_market_get_liquidations (market);
  oi = wick_market_get_open_interest (market);

  return wick_signals_snapshot_new (wick_series_get_interval_ms (series),
                                    wick_series_get_candles (series),
                                    wick_series_get_length (series),
                                    l ? wick_liquidations_get_buckets (l) : NULL,
                                    l ? wick_liquidations_get_length (l) : 0,
                                    oi ? wick_open_interest_get_points (oi) : NULL,
                                    oi ? wick_open_interest_get_length (oi) : 0);
}

/**
 * wick_signals_snapshot_new_sharing:
 * @market: a market that does not change while the snapshot lives
 *
 * Reads the market's candles, hourly liquidations and open interest where they are, keeping a
 * reference to it instead of copying them: for a market nothing updates, such as a headless
 * export's, where a copy of a million candles would only cost time and memory.
 *
 * Returns: (transfer full): the snapshot
 */
WickSignalsSnapshot *
wick_signals_snapshot_new_sharing (WickMarket *market)
{
  WickSignalsSnapshot *self;
  WickSeries *series;
  WickLiquidations *l;
  WickOpenInterest *oi;

  g_return_val_if_fail (WICK_IS_MARKET (market), NULL);

  series = wick_market_get_series (market);
  l = wick_market_get_liquidations (market);
  oi = wick_market_get_open_interest (market);

  self = g_atomic_rc_box_new0 (WickSignalsSnapshot);
  self->market = g_object_ref (market);
  self->interval_ms = wick_series_get_interval_ms (series);
  self->candles = (WickCandle *) wick_series_get_candles (series);
  self->n_candles = wick_series_get_length (series);
  if (l != NULL)
    {
      self->liquidations = (WickLiquidationBucket *) wick_liquidations_get_buckets (l);
      self->n_liquidations = wick_liquidations_get_length (l);
    }
  if (oi != NULL)
    {
      self->open_interest = (WickOpenInterestPoint *) wick_open_interest_get_points (oi);
      self->n_open_interest = wick_open_interest_get_length (oi);
    }

  return self;
}

WickSignalsSnapshot *
wick_signals_snapshot_ref (WickSignalsSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
wick_signals_snapshot_clear (gpointer data)
{
  WickSignalsSnapshot *self = data;

  if (self->market != NULL)
    {
      self->candles = NULL;
      self->liquidations = NULL;
      self->open_interest = NULL;
      g_clear_object (&self->market);
    }
  g_clear_pointer (&self->candles, g_free);
  g_clear_pointer (&self->liquidations, g_free);
  g_clear_pointer (&self->open_interest, g_free);
  self->n_candles = self->n_liquidations = self->n_open_interest = 0;
}

void
wick_signals_snapshot_unref (WickSignalsSnapshot *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, wick_signals_snapshot_clear);
}

gint64
wick_signals_snapshot_get_interval_ms (WickSignalsSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->interval_ms;
}

/**
 * wick_signals_snapshot_get_candles:
 * @self: a snapshot
 * @n_candles: (out) (optional): how many
 *
 * Returns: (transfer none) (array length=n_candles): the candles
 */
const WickCandle *
wick_signals_snapshot_get_candles (WickSignalsSnapshot *self,
                                   guint               *n_candles)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_candles != NULL)
    *n_candles = self->n_candles;
  return self->candles;
}

/**
 * wick_signals_snapshot_get_liquidations:
 * @self: a snapshot
 * @n_liquidations: (out) (optional): how many
 *
 * Returns: (transfer none) (array length=n_liquidations) (nullable): the buckets
 */
const WickLiquidationBucket *
wick_signals_snapshot_get_liquidations (WickSignalsSnapshot *self,
                                        guint               *n_liquidations)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_liquidations != NULL)
    *n_liquidations = self->n_liquidations;
  return self->liquidations;
}

/**
 * wick_signals_snapshot_get_open_interest:
 * @self: a snapshot
 * @n_open_interest: (out) (optional): how many
 *
 * Returns: (transfer none) (array length=n_open_interest) (nullable): the points
 */
const WickOpenInterestPoint *
wick_signals_snapshot_get_open_interest (WickSignalsSnapshot *self,
                                         guint               *n_open_interest)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_open_interest != NULL)
    *n_open_interest = self->n_open_interest;
  return self->open_interest;
}
