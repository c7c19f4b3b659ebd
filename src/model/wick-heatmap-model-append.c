/* wick-heatmap-model-append.c: running the liquidation-level model over one more candle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap-model.h"

#include "wick-heatmap-model-private.h"
#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* Below this scale the alive levels are renormalised, so raw sizes never overflow. */
#define RENORMALISE_BELOW 1e-150

/* No candle opens more USD than this, far beyond any market: it keeps every sum, and every
 * cell of a grid as a float, finite. */
#define MAX_OPENED_USD 1e20

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Drops the entries of ended levels from the raw heap once they are most of it. */
static void
compact_raw_heap (WickHeatmapModel *self)
{
  WickHeatHeap *heap = &self->heaps[HEAP_RAW];
  WickHeatHeapEntry *h = heap->entries;
  guint kept = 0;

  if (heap->len < 64 || heap->len <= 2 * (self->n_alive[0] + self->n_alive[1]))
    return;

  for (guint i = 0; i < heap->len; i++)
    {
      if (get_level (self, h[i].index)->end == WICK_HEAT_ALIVE)
        h[kept++] = h[i];
    }

  heap->len = kept;
  _wick_heat_heap_heapify (heap);
}

/* Moves every group of a side heap past its ended levels, and drops the empty ones, once
 * levels have ended outside consume () about as often as the heap has entries. */
static void
compact_side_heap (WickHeatmapModel *self,
                   WickSide          side)
{
  WickHeatHeap *heap = &self->heaps[side == WICK_SIDE_LONG ? HEAP_LONGS : HEAP_SHORTS];
  WickHeatHeapEntry *h = heap->entries;
  guint kept = 0;

  if (self->n_lazy[side] < 64 || self->n_lazy[side] < heap->len)
    return;

  for (guint i = 0; i < heap->len; i++)
    {
      guint32 index = h[i].index;

      while (index < h[i].end && get_level (self, index)->end != WICK_HEAT_ALIVE)
        index++;
      if (index < h[i].end)
        h[kept++] = (WickHeatHeapEntry) {
          side_key (side, get_level (self, index)->price), index, h[i].end
        };
    }

  heap->len = kept;
  _wick_heat_heap_heapify (heap);
  self->n_lazy[side] = 0;
}
/* One candle */

static void
end_level (WickHeatmapModel *self,
           guint32           index,
           guint32           column)
{
  WickHeatLevel *level = get_level (self, index);

  g_assert (level->end == WICK_HEAT_ALIVE);

  level->end = column;
  self->n_alive[level->side]--;
  self->alive_raw[level->side] -= level->raw;
  if (self->n_alive[level->side] == 0)
    self->alive_raw[level->side] = 0.0;
  RESERVE (self->deaths, self->deaths.len + 1);
  self->deaths.data[self->deaths.len++] = index;
}

/* Ends every level that the candle's @limit (low for longs, high for shorts) reaches. */
static double
consume (WickHeatmapModel *self,
         WickSide          side,
         double            limit,
         guint32           column)
{
  WickHeatHeap *heap = &self->heaps[side == WICK_SIDE_LONG ? HEAP_LONGS : HEAP_SHORTS];
  const WickHeatHeapEntry *top;
  double consumed = 0.0;

  while ((top = _wick_heat_heap_top (heap)) != NULL)
    {
      guint32 index = top->index;

      /* Through the group, nearest level first, as far as the candle reaches */
      for (; index < top->end; index++)
        {
          const WickHeatLevel *level = get_level (self, index);

          if (level->end != WICK_HEAT_ALIVE)
            continue;
          if (side == WICK_SIDE_LONG ? level->price < limit : level->price > limit)
            break;
          consumed += level->raw * self->scale;
          end_level (self, index, column);
        }

      if (index == top->end)
        {
          _wick_heat_heap_pop (heap);
          continue;
        }

      /* Its next level is alive and out of reach, and every other group's is further. */
      if (index == top->index)
        break;

      heap->entries[0].index = index;
      heap->entries[0].key = side_key (side, get_level (self, index)->price);
      _wick_heat_heap_sift_down (heap->entries, heap->len, 0);
    }

  self->totals.consumed_usd[side] += consumed;

  return consumed;
}

static void
clear_heaps (WickHeatmapModel *self)
{
  for (guint i = 0; i < N_HEAPS; i++)
    self->heaps[i].len = 0;
}

/* Ends every alive level at @column and starts it again with its raw size times the scale,
 * which becomes 1. Only needed after a long fall of open interest with levels kept alive. */
static void
renormalise (WickHeatmapModel *self,
             guint32           column)
{
  g_autoptr(GArray) alive = g_array_new (FALSE, FALSE, sizeof (guint32));
  WickHeatHeap *heap = &self->heaps[HEAP_RAW];
  double scale = self->scale;

  for (guint i = 0; i < heap->len; i++)
    {
      guint32 index = heap->entries[i].index;

      if (get_level (self, index)->end == WICK_HEAT_ALIVE)
        g_array_append_val (alive, index);
    }

  g_array_sort (alive, compare_guint32);
  clear_heaps (self);
  self->scale = 1.0;

  /* A group's alive levels come out together and in order: the copies form a group again. */
  for (guint i = 0, start = self->levels.len; i < alive->len; i++)
    {
      guint32 index = g_array_index (alive, guint32, i);
      WickHeatLevel old = *get_level (self, index);
      const WickHeatLevel *next;

      end_level (self, index, column);
      add_level (self, old.price, old.raw * scale, column, old.origin, old.side, old.tier);

      next = i + 1 < alive->len ? get_level (self, g_array_index (alive, guint32, i + 1)) : NULL;
      if (next == NULL || next->origin != old.origin || next->side != old.side)
        {
          push_group (self, old.side, start, self->levels.len);
          start = self->levels.len;
        }
    }
  self->n_lazy[WICK_SIDE_LONG] = self->n_lazy[WICK_SIDE_SHORT] = 0;
}

/* Keeps the fraction @keep (below 1) of every alive level: open interest fell. */
static void
close_fraction (WickHeatmapModel *self,
                double            keep,
                guint32           column)
{
  WickHeatHeap *heap = &self->heaps[HEAP_RAW];
  const WickHeatHeapEntry *top;

  if (self->n_alive[WICK_SIDE_LONG] + self->n_alive[WICK_SIDE_SHORT] == 0)
    return;

  if (keep <= 0.0)
    {
      for (guint i = 0; i < heap->len; i++)
        {
          guint32 index = heap->entries[i].index;
          const WickHeatLevel *level = get_level (self, index);

          if (level->end == WICK_HEAT_ALIVE)
            {
              self->totals.closed_usd[level->side] += level->raw * self->scale;
              end_level (self, index, column);
            }
        }
      clear_heaps (self);
      self->n_lazy[WICK_SIDE_LONG] = self->n_lazy[WICK_SIDE_SHORT] = 0;
      self->scale = 1.0;
      return;
    }

  for (guint side = 0; side < 2; side++)
    self->totals.closed_usd[side] += self->alive_raw[side] * self->scale * (1.0 - keep);
  self->scale *= keep;

  /* Dust: what falls below the minimum level goes. */
  while ((top = _wick_heat_heap_top (heap)) != NULL)
    {
      guint32 index = top->index;
      const WickHeatLevel *level = get_level (self, index);

      if (level->end == WICK_HEAT_ALIVE)
        {
          double usd = level->raw * self->scale;

          if (usd >= self->config.min_level_usd)
            break;
          self->totals.closed_usd[level->side] += usd;
          self->n_lazy[level->side]++;
          end_level (self, index, column);
        }
      _wick_heat_heap_pop (heap);
    }

  if (self->n_alive[WICK_SIDE_LONG] + self->n_alive[WICK_SIDE_SHORT] == 0)
    {
      clear_heaps (self);
      self->n_lazy[WICK_SIDE_LONG] = self->n_lazy[WICK_SIDE_SHORT] = 0;
      self->scale = 1.0;
    }
  else if (self->scale < RENORMALISE_BELOW)
    {
      renormalise (self, column);
    }
}

/* The levels @usd of new positions opened in the candle make over the sides and tiers, in the
 * order they are stored: longs then shorts, nearest to the entry first. Returns how many. */
guint
_wick_heatmap_model_plan_openings (WickHeatmapModel       *self,
                                   const WickHeatmapInput *input,
                                   double                  usd,
                                   Opening                *openings)
{
  const WickCandle *c = &input->candle;
  const double mmr = self->config.maintenance_margin_rate;
  double entry;
  double side_share[2];
  guint n = 0;

  if (!(usd > 0.0))
    return 0;
  usd = MIN (usd, MAX_OPENED_USD);

  if (self->config.entry == WICK_HEATMAP_ENTRY_CLOSE)
    entry = c->close;
  else
    entry = (c->high + c->low + c->close) / 3.0;

  if (self->config.side_split == WICK_HEATMAP_SIDE_SPLIT_TAKER &&
      input->taker_buy_ratio >= 0.0 && input->taker_buy_ratio <= 1.0)
    side_share[WICK_SIDE_LONG] = input->taker_buy_ratio;
  else if (c->close > c->open)
    side_share[WICK_SIDE_LONG] = 1.0;
  else if (c->close < c->open)
    side_share[WICK_SIDE_LONG] = 0.0;
  else
    side_share[WICK_SIDE_LONG] = 0.5;
  side_share[WICK_SIDE_SHORT] = 1.0 - side_share[WICK_SIDE_LONG];

  for (guint side = 0; side < 2; side++)
    {
      for (guint k = 0; k < self->config.n_tiers; k++)
        {
          guint tier = self->tier_order[k];
          double share = usd * self->shares[tier] * side_share[side];

          if (!(share > 0.0 && share >= self->config.min_level_usd))
            continue;

          openings[n++] = (Opening) {
            wick_heatmap_liquidation_price (entry, self->config.tiers[tier].leverage, mmr, side),
            share, side, tier,
          };
        }
    }

  return n;
}

/* Adds @usd of new positions opened in the candle over the tiers and sides. */
static void
open_positions (WickHeatmapModel       *self,
                const WickHeatmapInput *input,
                double                  usd,
                guint32                 column)
{
  Opening openings[2 * WICK_HEATMAP_MAX_TIERS];
  guint n = _wick_heatmap_model_plan_openings (self, input, usd, openings);
  guint32 start = self->levels.len;

  for (guint k = 0; k < n; k++)
    {
      add_level (self, openings[k].price, openings[k].usd / self->scale, column, column,
                 openings[k].side, openings[k].tier);
      self->totals.added_usd[openings[k].side] += openings[k].usd;

      /* A group ends with its side. */
      if (k + 1 == n || openings[k + 1].side != openings[k].side)
        {
          push_group (self, openings[k].side, start, self->levels.len);
          start = self->levels.len;
        }
    }
}

static inline gboolean
is_known_usd (double usd)
{
  return usd >= 0.0 && isfinite (usd);
}

/**
 * wick_heatmap_model_append:
 * @self: a #WickHeatmapModel
 * @input: the next closed candle and what is known about it
 * @error: return location for a %WICK_HEATMAP_ERROR
 *
 * Runs the model over one more candle, in this order: the candle's low consumes the long
 * levels at or above it and its high the short levels at or below it; with open-interest
 * weighting and known open interest, a fall closes part of every level and a rise is opened;
 * otherwise the candle's volume in USD is opened. Open interest is known when both values are
 * finite and above zero. Values that are not finite or out of range count as unknown.
 *
 * Returns: %TRUE on success; on error nothing changes
 */
gboolean
wick_heatmap_model_append (WickHeatmapModel        *self,
                           const WickHeatmapInput  *input,
                           GError                 **error)
{
  const WickCandle *c;
  WickHeatColumn column = { 0 };
  guint32 j;
  double opened;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->columns.len < G_MAXUINT32 - 1, FALSE);

  c = &input->candle;

  if (!_wick_candle_is_valid (c))
    {
      WickSeriesError code;
      g_autofree char *problem = _wick_candle_describe_problem (c, &code);
      g_autofree char *time = _wick_format_time_ms (c->open_time_ms);

      /* Translators: “Candle at 2026-01-05T03:00:00Z: high … is below low …” */
      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CANDLE,
                   _("Candle at %s: %s"), time, problem);
      return FALSE;
    }

  if (self->columns.len > 0 &&
      c->open_time_ms <= self->columns.data[self->columns.len - 1].time_ms)
    {
      g_autofree char *time = _wick_format_time_ms (c->open_time_ms);

      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_OUT_OF_ORDER,
                   _("Candle at %s is not after the last candle of the heatmap"), time);
      return FALSE;
    }

  j = self->columns.len;

  column.predicted[WICK_SIDE_LONG] = consume (self, WICK_SIDE_LONG, c->low, j);
  column.predicted[WICK_SIDE_SHORT] = consume (self, WICK_SIDE_SHORT, c->high, j);

  if (self->config.weighting == WICK_HEATMAP_WEIGHTING_OPEN_INTEREST &&
      input->oi_open_usd > 0.0 && isfinite (input->oi_open_usd) &&
      input->oi_close_usd > 0.0 && isfinite (input->oi_close_usd))
    {
      double delta = input->oi_close_usd - input->oi_open_usd;

      if (delta < 0.0)
        {
          double keep;

          if (self->config.close == WICK_HEATMAP_CLOSE_PROPORTIONAL)
            {
              keep = input->oi_close_usd / input->oi_open_usd;
            }
          else
            {
              double alive = (self->alive_raw[WICK_SIDE_LONG] +
                              self->alive_raw[WICK_SIDE_SHORT]) * self->scale;

              keep = alive > 0.0 ? 1.0 - MIN (-delta / alive, 1.0) : 1.0;
            }
          close_fraction (self, keep, j);
        }
      opened = MAX (delta, 0.0);
    }
  else
    {
      opened = c->volume * (c->high + c->low + c->close) / 3.0;
    }

  open_positions (self, input, opened, j);

  column.time_ms = c->open_time_ms;
  column.low = c->low;
  column.high = c->high;
  column.scale = self->scale;
  column.realised[WICK_SIDE_LONG] =
    is_known_usd (input->long_liquidated_usd) ? input->long_liquidated_usd : NAN;
  column.realised[WICK_SIDE_SHORT] =
    is_known_usd (input->short_liquidated_usd) ? input->short_liquidated_usd : NAN;
  column.level_end = self->levels.len;
  column.death_end = self->deaths.len;
  RESERVE (self->columns, self->columns.len + 1);
  self->columns.data[self->columns.len++] = column;

  compact_side_heap (self, WICK_SIDE_LONG);
  compact_side_heap (self, WICK_SIDE_SHORT);
  compact_raw_heap (self);

  return TRUE;
}
