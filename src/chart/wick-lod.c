/* wick-lod.c: level-of-detail pyramid for drawing many candles per pixel column
 *
 * Level 0 is the series itself (borrowed, re-read on every update). Level k ≥ 1 holds one
 * aggregate per block of 2^k candles: block i covers [i·2^k, min ((i+1)·2^k, n)). Any range
 * [first, end) is the union of O(log n) aligned whole blocks, combined left to right.
 *
 * Only levels from FIRST_STORED_LEVEL up are kept: the levels below would take as much memory
 * again as the candles (48 MB for a million) to save a range a few dozen candle reads at its
 * ends. A block of them is merged from the candles when asked for, pairwise as its level would
 * have been built, so every aggregate is the same to the bit (the volumes are summed in the
 * same order).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-lod"

#include "config.h"

#include "wick-lod.h"

/* Enough levels for 2^32 candles. */
#define MAX_LEVELS 33
/* Blocks of 32 candles and up are stored. */
#define FIRST_STORED_LEVEL 5

struct _WickLod
{
  WickSeries       *series;              /* Owned (a reference) */
  const WickCandle *candles;             /* Borrowed from series, re-read on update */
  guint             n_candles;
  guint             n_levels;            /* Including level 0 */
  WickCandle       *levels[MAX_LEVELS];  /* Owned, from FIRST_STORED_LEVEL: the levels below
                                          * are merged on demand, level 0 is candles */
  guint             lengths[MAX_LEVELS];
  guint             capacities[MAX_LEVELS];
};

static inline void
candle_merge (WickCandle       *acc,
              const WickCandle *next)
{
  /* @acc comes first in time: it keeps its open and open time. Written as selects, not
   * branches, which random data would mispredict half the time. */
  acc->high = next->high > acc->high ? next->high : acc->high;
  acc->low = next->low < acc->low ? next->low : acc->low;
  acc->close = next->close;
  acc->volume += next->volume;
}

/* Block @i of @level: read where it is kept, else merged from its two halves below, as the
 * level would have been built. */
static void
get_block (const WickLod *self,
           guint          level,
           guint          i,
           WickCandle    *out)
{
  if (level == 0)
    {
      *out = self->candles[i];
    }
  else if (level >= FIRST_STORED_LEVEL)
    {
      *out = self->levels[level][i];
    }
  else
    {
      get_block (self, level - 1, 2 * i, out);
      if (2 * i + 1 < self->lengths[level - 1])
        {
          WickCandle right;

          get_block (self, level - 1, 2 * i + 1, &right);
          candle_merge (out, &right);
        }
    }
}

/* Recomputes entries [from, lengths[level]) of @level from the level below. */
static void
build_level_from (WickLod *self,
                  guint    level,
                  guint    from)
{
  guint below_len = self->lengths[level - 1];
  WickCandle *out = self->levels[level];
  guint i;

  if (level == FIRST_STORED_LEVEL)
    {
      for (i = from; i < self->lengths[level]; i++)
        {
          get_block (self, level - 1, 2 * i, &out[i]);
          if (2 * i + 1 < below_len)
            {
              WickCandle right;

              get_block (self, level - 1, 2 * i + 1, &right);
              candle_merge (&out[i], &right);
            }
        }
      return;
    }

  for (i = from; i < self->lengths[level]; i++)
    {
      const WickCandle *below = self->levels[level - 1];
      guint j = 2 * i;

      out[i] = below[j];
      if (j + 1 < below_len)
        candle_merge (&out[i], &below[j + 1]);
    }
}

/* Sets the level lengths for the current candle count, growing arrays as needed. Returns the
 * number of levels. */
static void
resize_levels (WickLod *self)
{
  guint len = self->n_candles;
  guint level = 1;

  self->lengths[0] = len;
  while (len > 1 && level < MAX_LEVELS)
    {
      len = (len + 1) / 2;
      if (level >= FIRST_STORED_LEVEL && self->capacities[level] < len)
        {
          /* Grow with some room so appends one candle at a time do not realloc each time. */
          guint capacity = len + len / 8 + 4;

          self->levels[level] = g_renew (WickCandle, self->levels[level], capacity);
          self->capacities[level] = capacity;
        }
      self->lengths[level] = len;
      level++;
    }

  self->n_levels = level;
}

static void
rebuild_from (WickLod *self,
              guint    first_changed)
{
  guint level;

  self->candles = wick_series_get_candles (self->series);
  self->n_candles = wick_series_get_length (self->series);
  resize_levels (self);

  for (level = 1; level < self->n_levels; level++)
    {
      first_changed /= 2;
      if (level >= FIRST_STORED_LEVEL)
        build_level_from (self, level, MIN (first_changed, self->lengths[level]));
    }
}

/**
 * wick_lod_new:
 * @series: the candles; a reference is kept
 *
 * Builds the pyramid once (O(n)). Call wick_lod_update() after the series changed, or
 * wick_lod_update_from() when only candles from some index on changed.
 *
 * Returns: (transfer full): a new pyramid
 */
WickLod *
wick_lod_new (WickSeries *series)
{
  WickLod *self;

  g_return_val_if_fail (WICK_IS_SERIES (series), NULL);

  self = g_new0 (WickLod, 1);
  self->series = g_object_ref (series);
  rebuild_from (self, 0);

  return self;
}

void
wick_lod_free (WickLod *self)
{
  guint i;

  if (self == NULL)
    return;

  for (i = 0; i < MAX_LEVELS; i++)
    g_clear_pointer (&self->levels[i], g_free);
  g_clear_object (&self->series);
  g_free (self);
}

/**
 * wick_lod_update:
 * @self: a pyramid
 *
 * Rebuilds after any change of the series (O(n), a few milliseconds for a million candles).
 */
void
wick_lod_update (WickLod *self)
{
  g_return_if_fail (self != NULL);

  rebuild_from (self, 0);
}

/**
 * wick_lod_update_from:
 * @self: a pyramid
 * @first_changed: the first candle index that changed or was added; every candle before it
 *   must be as it was at the last update
 *
 * The cheap path for live data: after wick_series_upsert_last() pass the index of the last
 * candle (its length minus one). Only the blocks on the path from @first_changed to the end
 * are recomputed: O(log n) when one candle changed or was appended.
 */
void
wick_lod_update_from (WickLod *self,
                      guint    first_changed)
{
  g_return_if_fail (self != NULL);

  rebuild_from (self, MIN (first_changed, self->n_candles));
}

/**
 * wick_lod_get_length:
 * @self: a pyramid
 *
 * Returns: the number of candles at the last update
 */
guint
wick_lod_get_length (WickLod *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_candles;
}

/**
 * wick_lod_get_series:
 * @self: a pyramid
 *
 * Returns: (transfer none): the series the pyramid describes
 */
WickSeries *
wick_lod_get_series (WickLod *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->series;
}

/* Clamps [@first, *@end) to the candles there are; FALSE when nothing is left. Level 0 is
 * read through the series' current array, so a pyramid that missed an update gives stale
 * aggregates, never a read of freed memory. */
static gboolean
begin_range (WickLod *self,
             guint    first,
             guint   *end)
{
  self->candles = wick_series_get_candles (self->series);
  *end = MIN (*end, MIN (self->n_candles, wick_series_get_length (self->series)));

  return first < *end;
}

/* The level of the largest aligned block starting at @first that fits in [@first, @end). */
static guint
get_block_level (WickLod *self,
                 guint    first,
                 guint    end)
{
  guint level = 0;

  while (level + 1 < self->n_levels &&
         (first & ((G_GUINT64_CONSTANT (2) << level) - 1)) == 0 &&
         (guint64) first + (G_GUINT64_CONSTANT (2) << level) <= end)
    level++;

  return level;
}

/**
 * wick_lod_aggregate:
 * @self: a pyramid
 * @first: first candle index
 * @end: one past the last candle index; clamped to the length
 * @out: (out): first open and open time, max high, min low, last close, summed volume
 *
 * O(log n).
 *
 * Returns: %FALSE (and leaves @out alone) when the range is empty
 */
gboolean
wick_lod_aggregate (WickLod    *self,
                    guint       first,
                    guint       end,
                    WickCandle *out)
{
  WickCandle acc;
  gboolean have = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!begin_range (self, first, &end))
    return FALSE;

  while (first < end)
    {
      guint level = get_block_level (self, first, end);
      WickCandle block;

      get_block (self, level, first >> level, &block);
      if (have)
        candle_merge (&acc, &block);
      else
        acc = block;
      have = TRUE;

      first += 1u << level;
    }

  *out = acc;
  return TRUE;
}

/**
 * wick_lod_extremes:
 * @self: a pyramid
 * @first: first candle index
 * @end: one past the last candle index; clamped to the length
 * @low: (out): the lowest low of the range
 * @high: (out): the highest high
 *
 * What wick_lod_aggregate() gives as the low and the high, for a reader that needs nothing
 * else: the same blocks, but those below the stored levels are read as a plain pass over
 * their candles rather than merged pairwise as whole candles (no volumes to sum, and lows
 * and highs are finite, so the order of a minimum or a maximum does not matter). O(log n).
 *
 * Returns: %FALSE (and leaves @low and @high alone) when the range is empty
 */
gboolean
wick_lod_extremes (WickLod *self,
                   guint    first,
                   guint    end,
                   double  *low,
                   double  *high)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (low != NULL && high != NULL, FALSE);

  if (!begin_range (self, first, &end))
    return FALSE;

  while (first < end)
    {
      guint level = get_block_level (self, first, end);

      if (level >= FIRST_STORED_LEVEL)
        {
          const WickCandle *block = &self->levels[level][first >> level];

          lo = block->low < lo ? block->low : lo;
          hi = block->high > hi ? block->high : hi;
        }
      else
        {
          const WickCandle *candles = self->candles;

          for (guint i = first; i < first + (1u << level); i++)
            {
              lo = candles[i].low < lo ? candles[i].low : lo;
              hi = candles[i].high > hi ? candles[i].high : hi;
            }
        }

      first += 1u << level;
    }

  *low = lo;
  *high = hi;
  return TRUE;
}
