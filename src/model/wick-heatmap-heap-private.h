/* wick-heatmap-heap-private.h: the min-heaps of the liquidation-level model
 *
 * Inline because they are the model's innermost loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A min-heap entry: levels [index, end) of a group, or level index of the raw heap. Heaps are
 * cleaned lazily: ended levels are skipped when they reach the top, and a heap with many of
 * them is rebuilt. */
typedef struct
{
  double  key;
  guint32 index;
  guint32 end;
} WickHeatHeapEntry;

/* A 4-ary min-heap: half as deep as a binary one, and the four children of an entry share a
 * cache line. */
typedef struct
{
  WickHeatHeapEntry *entries;   /* Owned */
  guint              len;
  guint              size;
} WickHeatHeap;

static inline void
_wick_heat_heap_push (WickHeatHeap *heap,
                      double        key,
                      guint32       index,
                      guint32       end)
{
  WickHeatHeapEntry *h;
  guint i;

  if (heap->len == heap->size)
    {
      heap->size = MAX (64, 2 * heap->size);
      heap->entries = g_renew (WickHeatHeapEntry, heap->entries, heap->size);
    }

  h = heap->entries;
  i = heap->len++;

  while (i > 0)
    {
      guint parent = (i - 1) / 4;

      if (h[parent].key <= key)
        break;
      h[i] = h[parent];
      i = parent;
    }

  h[i].key = key;
  h[i].index = index;
  h[i].end = end;
}

static inline void
_wick_heat_heap_sift_down (WickHeatHeapEntry *h,
                           guint              n,
                           guint              i)
{
  WickHeatHeapEntry moving = h[i];

  for (;;)
    {
      guint first = 4 * i + 1;
      guint last = MIN (first + 4, n);
      guint best = first;
      double best_key;

      if (first >= n)
        break;

      /* Written to become conditional moves: the comparisons are unpredictable. */
      best_key = h[first].key;
      for (guint child = first + 1; child < last; child++)
        {
          gboolean less = h[child].key < best_key;

          best = less ? child : best;
          best_key = less ? h[child].key : best_key;
        }

      if (moving.key <= best_key)
        break;
      h[i] = h[best];
      i = best;
    }

  h[i] = moving;
}

static inline void
_wick_heat_heap_pop (WickHeatHeap *heap)
{
  g_assert (heap->len > 0);

  if (--heap->len > 0)
    {
      heap->entries[0] = heap->entries[heap->len];
      _wick_heat_heap_sift_down (heap->entries, heap->len, 0);
    }
}

static inline const WickHeatHeapEntry *
_wick_heat_heap_top (const WickHeatHeap *heap)
{
  return heap->len > 0 ? &heap->entries[0] : NULL;
}

static inline void
_wick_heat_heap_copy (WickHeatHeap       *dest,
                      const WickHeatHeap *src)
{
  dest->entries = g_memdup2 (src->entries, src->size * sizeof (WickHeatHeapEntry));
  dest->len = src->len;
  dest->size = src->size;
}

/* Restores the heap order of all entries, in O(len). */
static inline void
_wick_heat_heap_heapify (WickHeatHeap *heap)
{
  for (guint i = heap->len / 4 + 1; i-- > 0;)
    {
      if (i < heap->len)
        _wick_heat_heap_sift_down (heap->entries, heap->len, i);
    }
}

G_END_DECLS
