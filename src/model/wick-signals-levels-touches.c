/* wick-signals-levels-touches.c: §2's touches of a zone, counted for the levels walk
 *
 * The walk asks how often a band was tested before a candle, for every band a candle may
 * spring from or reverse at, and a band changes whenever a pivot joins or leaves its
 * cluster: most counts start afresh from the band's first pivot, a few hundred candles back.
 * So the candles' lows, highs, closes and touch tolerances are laid out side by side, with,
 * for every block of TOUCH_BLOCK candles, the range they span: a block whose candles all
 * stay clear of the band is passed over without looking at them, and most of a band's
 * history is such blocks, the price being elsewhere. The passing over is exact: a block is
 * skipped only when no candle in it can pass the test, which is then made as before. The
 * candles are brought in as the walk reaches them, which it reads anyway, with the lowest
 * lows of blocks of probe_bars candles, from which the walk's probe test of each candle's
 * low takes two numbers instead of probe_bars.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define TOUCH_BLOCK    16
#define N_TOUCH_COUNTS 64

/* A count of touches as far as it went: a band keeps being asked about, candle after candle,
 * and its count up to a later candle goes on from there. */
typedef struct
{
  double   low;
  double   high;
  guint    first_index;
  gboolean is_support;
  guint    end;       /* counted up to here, excluded; 0 for an empty slot */
  guint    touches;
  guint    last;
} TouchCount;

/* The range of TOUCH_BLOCK candles. */
typedef struct
{
  double min_low;
  double max_high;
  double min_close;
  double max_close;
  double max_tolerance;
} TouchBlock;

struct _WickTouchCounts
{
  TouchCount  slots[N_TOUCH_COUNTS];
  guint       base;        /* the candle of the arrays' first entries */
  guint       n;           /* and how many */
  gsize       filled;      /* of them brought in so far */
  double     *lows;        /* one allocation for all: the context's scratch, else owned */
  double     *highs;
  double     *closes;
  double     *tolerances;  /* touch_atr × ATR, 0 where ATR has no value */
  double     *probe_head;  /* the lowest low of its probe block up to each candle */
  double     *probe_tail;  /* and from each candle on */
  TouchBlock *blocks;      /* from base on */
  gboolean    is_scratch;
};

/* The candles taken at a time: whole blocks. */
#define FILL_CHUNK (4 * TOUCH_BLOCK)

/**
 * _wick_touch_counts_new:
 * @ctx: the analysis
 * @base: the earliest first pivot of the bands to be asked about
 * @end: the candle after the last one they are asked about up to
 *
 * Returns: (transfer full): no counts yet, with room for the candles from @base to @end,
 *   which _wick_touch_counts_fill () brings in as the walk goes: so they come in while the
 *   walk reads the same candles, and what is at hand stays in the cache
 */
WickTouchCounts *
_wick_touch_counts_new (const WickSignalsContext *ctx,
                        guint                     base,
                        guint                     end)
{
  WickTouchCounts *counts = g_new0 (WickTouchCounts, 1);
  WickLevelsScratch *scratch = ctx->levels_scratch;
  gsize n = MAX (end, base + 1) - base;
  gsize n_blocks = (n + TOUCH_BLOCK - 1) / TOUCH_BLOCK;
  gsize size = 6 * n + n_blocks * (sizeof (TouchBlock) / sizeof (double));

  G_STATIC_ASSERT (sizeof (TouchBlock) % sizeof (double) == 0);
  G_STATIC_ASSERT (FILL_CHUNK % TOUCH_BLOCK == 0);

  counts->base = base;
  counts->n = end > base ? end - base : 0;
  if (scratch != NULL)
    {
      if (scratch->capacity < size)
        {
          g_free (scratch->values);
          scratch->values = g_new (double, size);
          scratch->capacity = size;
        }
      counts->lows = scratch->values;
      counts->is_scratch = TRUE;
    }
  else
    {
      counts->lows = g_new (double, size);
    }
  counts->highs = counts->lows + n;
  counts->closes = counts->highs + n;
  counts->tolerances = counts->closes + n;
  counts->probe_head = counts->tolerances + n;
  counts->probe_tail = counts->probe_head + n;
  counts->blocks = (TouchBlock *) (gpointer) (counts->probe_tail + n);

  return counts;
}

/* The range of the blocks of TOUCH_BLOCK candles from @start, a block's first, to @stop. */
static void
summarize_blocks (WickTouchCounts *counts,
                  gsize            start,
                  gsize            stop)
{
  for (; start < stop; start += TOUCH_BLOCK)
    {
      gsize block_stop = MIN (start + TOUCH_BLOCK, stop);
      double min_low = counts->lows[start], max_high = counts->highs[start];
      double min_close = counts->closes[start], max_close = counts->closes[start];
      double max_tolerance = counts->tolerances[start];

      for (gsize k = start + 1; k < block_stop; k++)
        {
          min_low = MIN (min_low, counts->lows[k]);
          max_high = MAX (max_high, counts->highs[k]);
          min_close = MIN (min_close, counts->closes[k]);
          max_close = MAX (max_close, counts->closes[k]);
          max_tolerance = MAX (max_tolerance, counts->tolerances[k]);
        }

      counts->blocks[start / TOUCH_BLOCK] = (TouchBlock) {
        min_low, max_high, min_close, max_close, max_tolerance
      };
    }
}

/* The lowest lows of each block of @bars candles, up to each candle and, once the block is
 * whole, from each candle on, for the candles from @start to @stop: those of the @bars
 * candles before any candle are the lowest from the first of them to the end of its block
 * and from there on up to the last of them. */
static void
summarize_probes (WickTouchCounts *counts,
                  guint            bars,
                  gsize            start,
                  gsize            stop)
{
  const double *lows = counts->lows;
  gsize at = start % bars;  /* where in its block */
  double head = at == 0 ? G_MAXDOUBLE : counts->probe_head[start - 1];

  for (gsize k = start; k < stop; k++)
    {
      head = at == 0 ? lows[k] : MIN (head, lows[k]);
      counts->probe_head[k] = head;
      if (++at == bars)
        {
          double tail = lows[k];

          for (gsize j = k + 1; j > k + 1 - bars; j--)
            counts->probe_tail[j - 1] = tail = MIN (tail, lows[j - 1]);
          at = 0;
        }
    }
}

/**
 * _wick_touch_counts_fill:
 * @counts: the counts
 * @ctx: the analysis
 * @i: a candle
 *
 * Brings in the candles before @i, and a few more.
 *
 * Returns: the candle up to which they are in, excluded: beyond @i
 */
guint
_wick_touch_counts_fill (WickTouchCounts          *counts,
                         const WickSignalsContext *ctx,
                         guint                     i)
{
  double touch_atr = ctx->params->touch_atr;
  guint bars = ctx->params->probe_bars;
  gsize start = counts->filled;
  gsize stop = MIN ((gsize) (i - counts->base) / FILL_CHUNK * FILL_CHUNK + FILL_CHUNK, counts->n);

  g_assert (i >= counts->base);

  for (gsize k = start; k < stop; k++)
    {
      const WickCandle *c = &ctx->candles[counts->base + k];
      double atr = ctx->atr[counts->base + k];

      counts->lows[k] = c->low;
      counts->highs[k] = c->high;
      counts->closes[k] = c->close;
      counts->tolerances[k] = touch_atr * (isfinite (atr) ? atr : 0.0);
    }
  if (stop > start)
    {
      summarize_blocks (counts, start, stop);
      if (bars > 0)
        summarize_probes (counts, bars, start, stop);
      counts->filled = stop;
    }

  /* The candles after the last are never asked about. */
  return counts->filled == counts->n ? G_MAXUINT : counts->base + (guint) counts->filled;
}

void
_wick_touch_counts_free (WickTouchCounts *counts)
{
  if (!counts->is_scratch)
    g_free (counts->lows);
  g_free (counts);
}

/* Which of the candles [@k, @stop), at most 32, touch the band: bit j for candle k + j. */
static inline guint32
block_touches (const WickTouchCounts *counts,
               const WickBand        *band,
               gboolean               is_support,
               guint                  k,
               guint                  stop)
{
  const double *lows = counts->lows - counts->base;
  const double *highs = counts->highs - counts->base;
  const double *closes = counts->closes - counts->base;
  const double *tolerances = counts->tolerances - counts->base;
  guint span = stop - k;
  guint32 touches = 0;
  guint j = 0;

#ifdef __SSE2__
  /* Two at a time: the same sums and comparisons, in vector registers. */
  {
    __m128d high = _mm_set1_pd (band->high);
    __m128d low = _mm_set1_pd (band->low);

    if (is_support)
      for (; j + 2 <= span; j += 2)
        {
          __m128d reach = _mm_add_pd (high, _mm_loadu_pd (&tolerances[k + j]));
          __m128d hit = _mm_and_pd (_mm_cmple_pd (_mm_loadu_pd (&lows[k + j]), reach),
                                    _mm_cmpge_pd (_mm_loadu_pd (&closes[k + j]), low));

          touches |= (guint32) _mm_movemask_pd (hit) << j;
        }
    else
      for (; j + 2 <= span; j += 2)
        {
          __m128d reach = _mm_sub_pd (low, _mm_loadu_pd (&tolerances[k + j]));
          __m128d hit = _mm_and_pd (_mm_cmpge_pd (_mm_loadu_pd (&highs[k + j]), reach),
                                    _mm_cmple_pd (_mm_loadu_pd (&closes[k + j]), high));

          touches |= (guint32) _mm_movemask_pd (hit) << j;
        }
  }
#endif

  if (is_support)
    for (; j < span; j++)
      touches |= (guint32) ((lows[k + j] <= band->high + tolerances[k + j]) &
                            (closes[k + j] >= band->low)) << j;
  else
    for (; j < span; j++)
      touches |= (guint32) ((highs[k + j] >= band->low - tolerances[k + j]) &
                            (closes[k + j] <= band->high)) << j;

  return touches;
}

/* Whether a candle of @block may touch the band. Rounding is monotonic, so a tolerance at
 * most the block's largest reaches no further than that one does: a block this says no to
 * has no candle that block_touches () would count. */
static inline gboolean
may_touch (const TouchBlock *block,
           const WickBand   *band,
           gboolean          is_support)
{
  if (is_support)
    return block->min_low <= band->high + block->max_tolerance && block->max_close >= band->low;

  return block->max_high >= band->low - block->max_tolerance && block->min_close <= band->high;
}

/* The bits set in @x, of TOUCH_BLOCK bits at most: without the POPCNT instruction of newer
 * processors, the compiler's own way is a call. */
static inline guint
count_bits (guint32 x)
{
  x = x - ((x >> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >> 2) & 0x33333333);
  x = (x + (x >> 4)) & 0x0f0f0f0f;

  return (x * 0x01010101) >> 24;
}

/* Counts the touches of @touches (bit j for candle k + j) and moves on past them: a touch
 * counts unless another came fewer than @spacing candles before it, the first always. */
static inline void
add_touches (TouchCount *count,
             guint32     touches,
             guint       k,
             guint       spacing)
{
  guint64 t = touches;
  guint64 near = 0;

  /* The candles with a touch fewer than spacing candles before: in the block... */
  for (guint d = 1; d < spacing && d < TOUCH_BLOCK; d++)
    near |= t << d;
  /* ...or before it, the last touch. */
  if (count->touches > 0 && k - count->last < spacing)
    {
      guint within = spacing - (k - count->last);

      near |= within >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << within) - 1;
    }

  count->touches += count_bits ((guint32) (t & ~near));
  count->last = k + 63 - (guint) __builtin_clzll (t);
}

/**
 * _wick_signals_count_touches:
 * @counts: the walk's counts
 * @band: a band, its first pivot at the counts' base or later
 * @is_support: the band's role
 * @end: the candle to count up to, excluded
 *
 * Returns: §2's touches of the band in its role, from its first pivot up to candle @end:
 *   touching candles, those 1 or 2 candles after another one not counted again
 */
guint
_wick_signals_count_touches (const WickSignalsContext *ctx,
                             WickTouchCounts          *counts,
                             const WickBand           *band,
                             gboolean                  is_support,
                             guint                    end)
{
  guint spacing = ctx->params->zones.touch_spacing;
  guint slot = (band->first_index * 2 + (is_support ? 1 : 0)) % N_TOUCH_COUNTS;
  TouchCount *count = &counts->slots[slot];
  guint k;

  g_assert (band->first_index >= counts->base);

  if (count->end == 0 || count->end > end || count->first_index != band->first_index ||
      count->is_support != is_support || count->low != band->low || count->high != band->high)
    *count = (TouchCount) {
      band->low, band->high, band->first_index, is_support, band->first_index, 0, 0
    };

  /* Block by block, the candles of a block that may touch at once and without branches, as
   * most do not and which do is unpredictable; then the touches, spaced. */
  k = count->end;
  if (k < end)
    {
      guint block = (k - counts->base) / TOUCH_BLOCK;
      guint stop = MIN (counts->base + (block + 1) * TOUCH_BLOCK, end);

      for (;;)
        {
          if (may_touch (&counts->blocks[block], band, is_support))
            {
              guint32 touches = block_touches (counts, band, is_support, k, stop);

              if (touches != 0)
                add_touches (count, touches, k, spacing);
            }
          if (stop == end)
            break;
          k = stop;
          block++;
          stop = MIN (stop + TOUCH_BLOCK, end);
        }
    }
  count->end = MAX (end, count->end);

  return count->touches;
}

/**
 * _wick_touch_counts_is_probe_low:
 *
 * _wick_signals_is_probe (@ctx, @price, @i, %TRUE), from the lows at hand when they go back
 * far enough.
 */
gboolean
_wick_touch_counts_is_probe_low (const WickTouchCounts    *counts,
                                 const WickSignalsContext *ctx,
                                 double                    price,
                                 guint                     i)
{
  guint bars = ctx->params->probe_bars;
  guint from;

  if (bars == 0)
    return TRUE;
  if (i < bars || i - bars < counts->base)
    return _wick_signals_is_probe (ctx, price, i, TRUE);

  /* The candles [from, i): from the first to the end of its block, then up to the last. */
  from = i - bars - counts->base;

  return !(MIN (counts->probe_tail[from], counts->probe_head[i - 1 - counts->base]) < price);
}
