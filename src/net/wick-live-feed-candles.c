/* wick-live-feed-candles.c: live candles, and the REST backfill of what the stream missed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A live candle replaces the last one or, when it opens one interval later, follows it.
 * Whatever the stream may have missed (after a reconnect, or a candle that opens further on)
 * is fetched over REST from the last candle's open time and merged first; live candles that
 * arrive meanwhile wait in `pending` and are applied after the merge, so the newest data wins
 * and older REST rows never overwrite it.
 *
 * When REST is unreachable the chart stays live: the stream's candles go on, the hole they
 * leave is remembered, and the backfill is tried again with backoff until REST fills it. An
 * answer that will not change (the exchange's own error) is reported once and not retried.
 */

#define G_LOG_DOMAIN "wick-live"

#include "config.h"

#include "wick-live-feed-private.h"

#include "wick-exchange-parse.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

/* Live candles kept while a backfill runs; far more than any backfill takes. */
#define MAX_PENDING 256

static void apply_candle (WickLiveFeed     *self,
                          const WickCandle *candle,
                          gboolean          may_backfill);

static void
emit_price_if_moved (WickLiveFeed *self,
                     double        previous_close)
{
  const WickCandle *last = wick_series_get_last (self->series);

  if (last != NULL && !isnan (previous_close) && last->close != previous_close)
    _wick_live_feed_emit_price (self, previous_close, last->close);
}

static double
last_close (WickLiveFeed *self)
{
  const WickCandle *last = wick_series_get_last (self->series);

  return last != NULL ? last->close : NAN;
}

/* Keeps @candle for after the backfill: one per open time, the newest version. */
static void
queue_pending (WickLiveFeed     *self,
               const WickCandle *candle)
{
  WickCandle *newest = self->pending->len > 0
                     ? &g_array_index (self->pending, WickCandle, self->pending->len - 1)
                     : NULL;

  if (newest != NULL && candle->open_time_ms == newest->open_time_ms)
    *newest = *candle;
  else if (newest == NULL || candle->open_time_ms > newest->open_time_ms)
    {
      if (self->pending->len >= MAX_PENDING)
        g_array_remove_index (self->pending, 0);
      g_array_append_val (self->pending, *candle);
    }
}

static void
apply_pending (WickLiveFeed *self)
{
  g_autoptr(GArray) pending = g_steal_pointer (&self->pending);

  self->pending = g_array_new (FALSE, FALSE, sizeof (WickCandle));

  /* No second backfill for these: what REST did not have is not coming. */
  for (guint i = 0; i < pending->len && !self->is_backfilling; i++)
    apply_candle (self, &g_array_index (pending, WickCandle, i), FALSE);
}

/* Joins the fetched candles to the series: the last one replaced, newer ones appended, older
 * ones (already held) ignored. */
static void
merge_failed (WickLiveFeed *self,
              const GError *error)
{
  _wick_live_feed_emit_error (self, _("Could not fill the gap in the live candles: %s"), error);
}

/* Puts the fetched candles into the hole a failed backfill left, rebuilding the series once:
 * REST's closed candles win inside the hole, the stream's version of the last candle wins. */
static void
fill_hole (WickLiveFeed *self,
           WickSeries   *fetched)
{
  g_autoptr(GArray) merged = NULL;
  g_autoptr(GError) error = NULL;
  const WickCandle *old = wick_series_get_candles (self->series);
  const WickCandle *new = wick_series_get_candles (fetched);
  guint n_old = wick_series_get_length (self->series);
  guint n_new = wick_series_get_length (fetched);
  gint64 last_time = wick_series_get_last (self->series)->open_time_ms;
  double previous_close = last_close (self);
  guint i = 0, j = 0;

  merged = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), n_old + n_new);

  while (i < n_old || j < n_new)
    {
      if (j == n_new || (i < n_old && old[i].open_time_ms < new[j].open_time_ms))
        g_array_append_val (merged, old[i++]);
      else if (i == n_old || new[j].open_time_ms < old[i].open_time_ms)
        g_array_append_val (merged, new[j++]);
      else
        {
          const WickCandle *winner = old[i].open_time_ms == last_time ? &old[i] : &new[j];

          g_array_append_vals (merged, winner, 1);
          i++, j++;
        }
    }

  if (!wick_series_replace (self->series, (const WickCandle *) merged->data, merged->len, &error))
    {
      merge_failed (self, error);
      return;
    }

  self->hole_from_ms = 0;
  _wick_live_feed_touch (self);
  emit_price_if_moved (self, previous_close);
}

static void
merge_fetched (WickLiveFeed *self,
               WickSeries   *fetched)
{
  g_autoptr(GError) error = NULL;
  const WickCandle *last = wick_series_get_last (self->series);
  const WickCandle *candles = wick_series_get_candles (fetched);
  double previous_close = last_close (self);
  guint n = wick_series_get_length (fetched);
  guint first_new = 0;
  guint same;
  gboolean changed = FALSE;

  if (last != NULL)
    {
      gint64 last_time = last->open_time_ms;

      if (wick_series_find (fetched, last_time, &same))
        {
          if (memcmp (&candles[same], last, sizeof *last) != 0)
            {
              if (!wick_series_upsert_last (self->series, &candles[same], &error))
                {
                  merge_failed (self, error);
                  return;
                }
              changed = TRUE;
            }
        }
      first_new = wick_series_lower_bound (fetched, last_time + 1);
    }

  if (first_new < n)
    {
      if (!wick_series_append (self->series, candles + first_new, n - first_new, &error))
        {
          merge_failed (self, error);
          return;
        }
      changed = TRUE;
    }

  if (changed)
    {
      _wick_live_feed_touch (self);
      emit_price_if_moved (self, previous_close);
    }
}

/* The exchange's own error body, or a market it does not offer: asking again will not help. */
static gboolean
is_lasting (const GError *error)
{
  return error->domain == WICK_EXCHANGE_SERVER_ERROR ||
         g_error_matches (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED);
}

static gboolean
retry_backfill_cb (gpointer user_data)
{
  WickLiveFeed *self = user_data;

  self->backfill_retry_id = 0;
  _wick_live_feed_backfill (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (WickLiveFeed *self)
{
  guint shift = MIN (self->backfill_failures, 16);
  guint64 delay_ms = MIN ((guint64) self->backoff_cap_ms, (guint64) self->backoff_base_ms << shift);

  self->backfill_failures++;
  g_clear_handle_id (&self->backfill_retry_id, g_source_remove);
  self->backfill_retry_id = g_timeout_add ((guint) delay_ms, retry_backfill_cb, self);
}

static void
on_backfill_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WickLiveFeed *self = user_data;
  g_autoptr(WickMarket) fetched = NULL;
  g_autoptr(GError) error = NULL;

  /* stop() and dispose cancel: then @self may be gone. */
  fetched = wick_source_load_finish (WICK_SOURCE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->is_backfilling = FALSE;

  /* EMPTY: REST has nothing from the last candle on yet, so there is nothing to fill. */
  if (fetched != NULL && self->hole_from_ms != 0)
    fill_hole (self, wick_market_get_series (fetched));
  else if (fetched != NULL)
    merge_fetched (self, wick_market_get_series (fetched));
  else if (g_error_matches (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_EMPTY))
    self->hole_from_ms = 0;
  else if (is_lasting (error))
    merge_failed (self, error);
  else
    {
      /* Reported once per outage; the live candles go on and the hole is filled later. */
      if (self->backfill_failures == 0)
        merge_failed (self, error);
      if (self->hole_from_ms == 0)
        self->hole_from_ms = self->backfill_from_ms;
      schedule_retry (self);
    }

  if (fetched != NULL)
    self->backfill_failures = 0;

  if (self->backfill_again)
    {
      self->backfill_again = FALSE;
      _wick_live_feed_backfill (self);
      if (self->is_backfilling)
        return;
    }

  apply_pending (self);
}

/* Fetches from the last candle's open time to now, which covers both a candle that was still
 * open when the stream dropped and every candle that opened since. */
void
_wick_live_feed_backfill (WickLiveFeed *self)
{
  const WickCandle *last = wick_series_get_last (self->series);

  if (self->is_backfilling)
    {
      self->backfill_again = TRUE;
      return;
    }

  /* An empty series has nothing to join to: the stream's candles simply start it. */
  if (last == NULL)
    return;

  /* A retry that is due soon covers this request too. */
  g_clear_handle_id (&self->backfill_retry_id, g_source_remove);

  self->is_backfilling = TRUE;
  self->backfill_from_ms = self->hole_from_ms != 0 ? self->hole_from_ms : last->open_time_ms;
  g_debug ("backfilling %s from %" G_GINT64_FORMAT,
           wick_market_get_symbol (self->market), self->backfill_from_ms);

  /* The range only applies to this load: put the source's default back at once. */
  wick_source_set_range (self->source, self->backfill_from_ms, 0);
  wick_source_load_async (self->source,
                          wick_market_get_symbol (self->market),
                          wick_market_get_interval (self->market),
                          self->cancellable, on_backfill_cb, self);
  wick_source_set_range (self->source, 0, 0);
}

static void
apply_candle (WickLiveFeed     *self,
              const WickCandle *candle,
              gboolean          may_backfill)
{
  g_autoptr(GError) error = NULL;
  const WickCandle *last = wick_series_get_last (self->series);
  double previous_close = last_close (self);

  if (self->is_backfilling)
    {
      queue_pending (self, candle);
      return;
    }

  if (last != NULL)
    {
      /* Already superseded (a late message, or older than what REST gave). */
      if (candle->open_time_ms < last->open_time_ms)
        return;

      if (may_backfill && candle->open_time_ms > last->open_time_ms + self->interval_ms)
        {
          queue_pending (self, candle);
          _wick_live_feed_backfill (self);
          return;
        }

      if (memcmp (candle, last, sizeof *last) == 0)
        return;
    }

  if (!wick_series_upsert_last (self->series, candle, &error))
    {
      _wick_live_feed_reject (self, self->candles, error);
      return;
    }

  _wick_live_feed_touch (self);
  emit_price_if_moved (self, previous_close);
}

/**
 * _wick_live_feed_apply_candle:
 * @self: a #WickLiveFeed
 * @candle: a valid candle from the stream
 *
 * Applies @candle to the market's series, after a backfill when it leaves a gap.
 */
void
_wick_live_feed_apply_candle (WickLiveFeed     *self,
                              const WickCandle *candle)
{
  apply_candle (self, candle, TRUE);
}

/* After stop(): the backfill in flight was cancelled, and its waiting candles go with it. */
void
_wick_live_feed_forget_backfill (WickLiveFeed *self)
{
  self->is_backfilling = FALSE;
  self->backfill_again = FALSE;
  self->backfill_failures = 0;
  g_clear_handle_id (&self->backfill_retry_id, g_source_remove);
  g_array_set_size (self->pending, 0);
}
