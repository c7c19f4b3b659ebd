/* wick-signals-zones.c: the zones of wick-zones.h as they stood at the close of every candle
 *
 * wick_zones_detect () on the first k + 1 candles gives the zones at candle k, but costs a
 * walk of its whole window; doing that at every candle would cost more than the rest of the
 * analysis. The bands of the zones (low, high, centre) depend only on which pivots are in the
 * window and confirmed, so this keeps those pivots sorted by price, as wick-zones.c sorts
 * them, and when a pivot is confirmed or leaves the window, re-clusters only the runs of
 * linked neighbours whose members or links changed: single linkage joins neighbours only, so
 * nothing else can change. The clustering itself (ε, the centre, the cut of wide clusters) is
 * wick-zones.c's, with the sums added in the same order, so the bands are the same numbers;
 * tests/test-signals.c and tests/test-levels-index.c check them against wick_zones_detect ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

#include "wick-model-private.h"

#include <string.h>

typedef struct
{
  guint start;
  guint end;
} Range;

/* A pivot in the window, with what the clustering reads of its candle at hand. */
typedef struct
{
  double  price;
  double  atr;           /* 0 where ATR has no value, as wick-zones.c reads it */
  double  volume;
  guint   index;
  guint8  kind;          /* WickPivotKind */
  guint8  is_linked;     /* joins the member above it: kept as neighbours come and go, as
                          * re-clustering reads each link a few times */
} Member;

/* The arrays are plain, grown by doubling: an event moves a few dozen entries, and GArray's
 * calls would cost as much as the clustering. */
struct _WickZoneIndex
{
  const WickCandle     *candles;   /* Borrowed */
  const double         *atr;       /* Borrowed */
  const WickZoneParams *params;    /* Borrowed */
  GArray               *pivots;    /* Owned: WickPivot, every pivot of the zone rule, by candle */
  guint                 next_in;   /* the next pivot to be confirmed */
  guint                 next_out;  /* the next pivot to leave the window */
  guint                 next_move; /* no pivot comes or goes before this candle */
  gboolean              has_moved;
  guint                 at;
  Member               *active;    /* Owned: by price */
  guint                 n_active;
  guint                 capacity;  /* of active and stack */
  WickBand             *bands;     /* Owned: ascending */
  double               *firsts;    /* Owned: their first prices, side by side */
  double               *lasts;     /* Owned: and their last prices */
  guint                 n_bands;
  WickBand             *fresh;     /* Owned: scratch */
  guint                 n_fresh;
  guint                 bands_capacity;  /* of bands, firsts, lasts and fresh */
  Range                *stack;     /* Owned: scratch */
  double                below;     /* first_price - low of every band made, at most */
  double                above;     /* high - last_price of every band made, at most */
};

/* The order wick-zones.c sorts pivots in. */
static int
compare_members (const Member *x,
                 const Member *y)
{
  if (x->price != y->price)
    return x->price < y->price ? -1 : 1;
  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Makes room for twice the members, and for the bands they can make. */
static void
grow (WickZoneIndex *zi)
{
  guint capacity = MAX (2 * zi->capacity, 64);

  zi->capacity = capacity;
  zi->active = g_renew (Member, zi->active, capacity);
  /* Every range on the cutting stack holds a member of its own. */
  zi->stack = g_renew (Range, zi->stack, capacity);
  /* A band has two members at least. */
  zi->bands_capacity = capacity / 2 + 1;
  zi->bands = g_renew (WickBand, zi->bands, zi->bands_capacity);
  zi->firsts = g_renew (double, zi->firsts, zi->bands_capacity);
  zi->lasts = g_renew (double, zi->lasts, zi->bands_capacity);
  zi->fresh = g_renew (WickBand, zi->fresh, zi->bands_capacity);
}

/**
 * _wick_zone_index_new:
 * @candles: (array length=n_candles): the candles, borrowed for the index's life
 * @n_candles: how many it may read: it is asked for candles up to @n_candles - 2
 * @first: the first candle it is asked for; the bands there are those of every candle
 * @atr: (array length=n_candles): ATR (14), borrowed
 * @params: the zone parameters, borrowed
 * @narrow: (nullable) (element-type WickPivot): pivots of @narrow_bars on each side, of
 *   every candle, to pick the zones' pivots from when they have as many bars or more
 * @narrow_bars: their bars
 *
 * Returns: (transfer full): an index before candle @first
 */
WickZoneIndex *
_wick_zone_index_new (const WickCandle     *candles,
                      guint                 n_candles,
                      guint                 first,
                      const double         *atr,
                      const WickZoneParams *params,
                      const GArray         *narrow,
                      guint                 narrow_bars)
{
  WickZoneIndex *zi = g_new0 (WickZoneIndex, 1);
  guint window = params->window;
  /* Only pivots still in the window at @first can matter. */
  guint from = window > 0 && first + 1 > window ? first + 1 - window : 0;

  zi->candles = candles;
  zi->atr = atr;
  zi->params = params;
  if (narrow != NULL && params->left_bars >= narrow_bars && params->right_bars >= narrow_bars)
    zi->pivots = _wick_pivots_refine (candles, narrow, narrow_bars, n_candles, from,
                                      params->left_bars, params->right_bars);
  else
    zi->pivots = wick_pivots_find (candles, n_candles, from, params->left_bars,
                                   params->right_bars);
  grow (zi);

  return zi;
}

void
_wick_zone_index_free (WickZoneIndex *zi)
{
  g_clear_pointer (&zi->pivots, g_array_unref);
  g_free (zi->active);
  g_free (zi->bands);
  g_free (zi->firsts);
  g_free (zi->lasts);
  g_free (zi->fresh);
  g_free (zi->stack);
  g_free (zi);
}

static Member
member_from_pivot (const WickZoneIndex *zi,
                   const WickPivot     *pivot)
{
  double atr = zi->atr[pivot->index];

  return (Member) {
    pivot->price, isfinite (atr) ? atr : 0.0, zi->candles[pivot->index].volume,
    pivot->index, pivot->kind, FALSE,
  };
}

/* Where @m is, or would go, in the active members: by price, bisecting without branches as
 * which way it goes is unpredictable, then by candle and kind among equal prices, which are
 * rare. */
static guint
find_member (const WickZoneIndex *zi,
             const Member        *m)
{
  const Member *base = zi->active;
  guint n = zi->n_active;
  guint at;

  if (n == 0)
    return 0;

  while (n > 1)
    {
      guint half = n / 2;

      base = base[half].price < m->price ? base + half : base;
      n -= half;
    }
  at = (guint) (base - zi->active) + (base->price < m->price);

  while (at < zi->n_active && compare_members (&zi->active[at], m) < 0)
    at++;

  return at;
}

/* Whether neighbours @a and @b (b just above a) join: closer than their ε. */
static inline gboolean
is_linked (const WickZoneParams *params,
           const Member         *a,
           const Member         *b)
{
  double eps = MAX (params->cluster_atr * (a->atr + b->atr) / 2.0,
                    params->cluster_min * (a->price + b->price) / 2.0);

  return b->price - a->price < eps;
}

/* Works out the link of the member at @at to the one above it, which has just changed. */
static inline void
update_link (WickZoneIndex *zi,
             guint          at)
{
  Member *p = zi->active;

  p[at].is_linked = at + 1 < zi->n_active && is_linked (zi->params, &p[at], &p[at + 1]);
}

/* What wick-zones.c works out of a cluster's members, in one pass. */
typedef struct
{
  double mid;  /* the centre */
  double eps;  /* ε */
  guint  cut;  /* the member under the widest gap, the lowest of equal ones */
} Summary;

/* The summary of members [@start, @end), two at least: the centre and ε summed in
 * wick-zones.c's order, and the widest gap found without branches, as the gaps come in no
 * order. */
static inline Summary
summarize (const WickZoneParams *params,
           const Member         *m,
           guint                 start,
           guint                 end)
{
  double sum_pv = 0.0, sum_v = 0.0, sum_p = 0.0, sum_atr = 0.0;
  double widest = -1.0;
  Summary s = { 0.0, 0.0, start };
  guint n = end - start;

  sum_pv += m[start].price * m[start].volume;
  sum_v += m[start].volume;
  sum_p += m[start].price;
  sum_atr += m[start].atr;

  for (guint k = start + 1; k < end; k++)
    {
      double gap = m[k].price - m[k - 1].price;
      gboolean is_wider = gap > widest;

      sum_pv += m[k].price * m[k].volume;
      sum_v += m[k].volume;
      sum_p += m[k].price;
      sum_atr += m[k].atr;

      widest = is_wider ? gap : widest;
      s.cut = is_wider ? k - 1 : s.cut;
    }

  s.mid = sum_v > 0.0 ? sum_pv / sum_v : sum_p / n;
  s.eps = MAX (params->cluster_atr * sum_atr / n, params->cluster_min * s.mid);

  return s;
}

/* The earliest candle of members [@start, @end) and, when a high and a low share it,
 * whether one is a low: without branches, as the candles come in no order. */
static inline void
find_first (const Member *m,
            guint         start,
            guint         end,
            WickBand     *band)
{
  guint first_index = G_MAXUINT, starts_as_support = FALSE;

  for (guint k = start; k < end; k++)
    {
      guint is_low = m[k].kind == WICK_PIVOT_LOW;
      guint is_first = (m[k].index < first_index) | ((m[k].index == first_index) & is_low);
      guint mask = -is_first;

      first_index = (first_index & ~mask) | (m[k].index & mask);
      starts_as_support = (starts_as_support & ~is_first) | (is_low & is_first);
    }

  band->first_index = first_index;
  band->starts_as_support = starts_as_support;
}

/* wick-zones.c's add_cluster (): the bands of one run of linked members, cut at the widest
 * gaps while wider than max_width × ε, appended to zi->fresh in ascending order. */
static void
add_cluster (WickZoneIndex *zi,
             const Member  *m,
             guint          n_m)
{
  const WickZoneParams *params = zi->params;
  guint min_pivots = MAX (params->min_pivots, 2);
  Range *stack = zi->stack;
  guint depth = 0;

  if (n_m < min_pivots)
    return;

  stack[depth++] = (Range) { 0, n_m };

  while (depth > 0)
    {
      Range r = stack[--depth];
      Summary s;
      WickBand *band;

      if (r.end - r.start < min_pivots)
        continue;

      s = summarize (params, m, r.start, r.end);

      if (params->max_width > 0.0 &&
          m[r.end - 1].price - m[r.start].price > params->max_width * s.eps)
        {
          /* The ranges on the stack are apart: at most one per member. */
          stack[depth++] = (Range) { s.cut + 1, r.end };
          stack[depth++] = (Range) { r.start, s.cut + 1 };
          continue;
        }

      band = &zi->fresh[zi->n_fresh++];
      *band = (WickBand) {
        .low = MIN (m[r.start].price, s.mid - s.eps / 2.0),
        .high = MAX (m[r.end - 1].price, s.mid + s.eps / 2.0),
        .mid = s.mid,
        .first_price = m[r.start].price,
        .last_price = m[r.end - 1].price,
      };
      find_first (m, r.start, r.end, band);
      zi->below = MAX (zi->below, band->first_price - band->low);
      zi->above = MAX (zi->above, band->high - band->last_price);
    }
}

/* Re-clusters after a change between positions @lo and @hi: the runs of linked members
 * through them, which must be those that changed. Their old bands are those whose members
 * lie in the runs' price range, widened to @removed_price when a member left (NAN
 * otherwise). */
static void
recluster (WickZoneIndex *zi,
           guint          lo,
           guint          hi,
           double         removed_price)
{
  const Member *p = zi->active;
  WickBand *b = zi->bands;
  double lo_price = removed_price, hi_price = removed_price;
  guint first, last, start, i;

  zi->n_fresh = 0;

  if (zi->n_active > 0)
    {
      /* Equal prices go with the region even where they do not join (ε of 0), so the price
       * range below holds the region's members and no others. Up from the bottom of the
       * region, each run is clustered as its end is reached. */
      while (lo > 0 && (p[lo - 1].is_linked || p[lo - 1].price == p[lo].price))
        lo--;
      for (start = lo, i = lo; ; i++)
        {
          gboolean goes_on = i < hi ||
                             (i + 1 < zi->n_active &&
                              (p[i].is_linked || p[i + 1].price == p[i].price));

          if (!goes_on || !p[i].is_linked)
            {
              add_cluster (zi, &p[start], i + 1 - start);
              start = i + 1;
            }
          if (!goes_on)
            break;
        }
      hi = i;

      lo_price = isnan (removed_price) ? p[lo].price : MIN (p[lo].price, removed_price);
      hi_price = isnan (removed_price) ? p[hi].price : MAX (p[hi].price, removed_price);
    }

  /* The bands are apart and ascending, so their first and last prices both ascend. */
  for (first = 0, i = 0; i < zi->n_bands; i++)
    first += zi->lasts[i] < lo_price;
  for (last = first; last < zi->n_bands && zi->firsts[last] <= hi_price; last++)
    ;
  if (last - first != zi->n_fresh)
    {
      guint n_after = zi->n_bands - last;

      memmove (&b[first + zi->n_fresh], &b[last], n_after * sizeof *b);
      memmove (&zi->firsts[first + zi->n_fresh], &zi->firsts[last], n_after * sizeof (double));
      memmove (&zi->lasts[first + zi->n_fresh], &zi->lasts[last], n_after * sizeof (double));
    }
  memcpy (&b[first], zi->fresh, zi->n_fresh * sizeof *b);
  for (i = 0; i < zi->n_fresh; i++)
    {
      zi->firsts[first + i] = zi->fresh[i].first_price;
      zi->lasts[first + i] = zi->fresh[i].last_price;
    }
  zi->n_bands += zi->n_fresh - (last - first);
}

static void
remove_pivot (WickZoneIndex   *zi,
              const WickPivot *pivot)
{
  /* Members are found by price, candle and kind alone. */
  Member m = { .price = pivot->price, .index = pivot->index, .kind = pivot->kind };
  guint at = find_member (zi, &m);
  gboolean was_joined;
  guint len;

  if (at >= zi->n_active || compare_members (&zi->active[at], &m) != 0)
    return;

  was_joined = (at > 0 && zi->active[at - 1].is_linked) || zi->active[at].is_linked;
  memmove (&zi->active[at], &zi->active[at + 1], (zi->n_active - at - 1) * sizeof (Member));
  len = --zi->n_active;
  if (at > 0)
    update_link (zi, at - 1);

  if (len == 0)
    {
      zi->n_bands = 0;
      return;
    }

  /* A member joined to neither neighbour was a cluster of its own, of no band; unless its
   * neighbours join now, every run is as it was. */
  if (!was_joined && !(at > 0 && zi->active[at - 1].is_linked))
    return;

  recluster (zi, at > 0 ? at - 1 : 0, MIN (at, len - 1), m.price);
}

static void
insert_pivot (WickZoneIndex   *zi,
              const WickPivot *pivot)
{
  Member m = member_from_pivot (zi, pivot);
  guint at = find_member (zi, &m);
  gboolean was_joined;

  if (zi->n_active == zi->capacity)
    grow (zi);
  /* Whether the neighbours it comes between were in one run. */
  was_joined = at > 0 && at < zi->n_active && zi->active[at - 1].is_linked;
  memmove (&zi->active[at + 1], &zi->active[at], (zi->n_active - at) * sizeof (Member));
  zi->active[at] = m;
  zi->n_active++;
  if (at > 0)
    update_link (zi, at - 1);
  update_link (zi, at);

  /* The run of the new member, and the neighbours' runs through its links; apart from
   * them, only when they were one run before it came between them: otherwise their runs are
   * as they were. */
  recluster (zi, was_joined ? at - 1 : at, was_joined ? at + 1 : at, NAN);
}

/* The next candle at which a pivot is confirmed or leaves the window. */
static guint
next_move (const WickZoneIndex *zi)
{
  const WickPivot *pivots = (const WickPivot *) (gpointer) zi->pivots->data;
  guint window = zi->params->window;
  guint move = G_MAXUINT;

  if (zi->next_in < zi->pivots->len)
    move = pivots[zi->next_in].confirmed_index;
  /* A pivot at candle j leaves the window at candle j + window. */
  if (window > 0 && zi->next_out < zi->next_in)
    move = MIN (move, pivots[zi->next_out].index + window);

  return move;
}

/* Moves the index to the close of candle @at. */
static void
move_to (WickZoneIndex *zi,
         guint          at)
{
  const WickPivot *pivots = (const WickPivot *) (gpointer) zi->pivots->data;
  guint window = zi->params->window;
  guint first = window > 0 && at + 1 > window ? at + 1 - window : 0;

  zi->has_moved = TRUE;

  /* A pivot enters the window when it is confirmed, and leaves it in the same order. */
  for (; zi->next_out < zi->next_in && pivots[zi->next_out].index < first; zi->next_out++)
    remove_pivot (zi, &pivots[zi->next_out]);

  for (; zi->next_in < zi->pivots->len && pivots[zi->next_in].confirmed_index <= at; zi->next_in++)
    if (pivots[zi->next_in].index >= first)
      insert_pivot (zi, &pivots[zi->next_in]);

  zi->next_move = next_move (zi);
}

/**
 * _wick_zone_index_get_bands:
 * @zi: the index
 * @at: a candle, not before the last one asked for
 * @n_bands: (out): how many bands
 *
 * Moves the index to the close of candle @at.
 *
 * Returns: (transfer none) (array length=n_bands): the bands of the zones there, ascending,
 *   valid until the next call
 */
const WickBand *
_wick_zone_index_get_bands (WickZoneIndex *zi,
                            guint          at,
                            guint         *n_bands)
{
  g_assert (!zi->has_moved || at >= zi->at);

  /* Most candles neither confirm a pivot nor see one leave. */
  if (!zi->has_moved || at >= zi->next_move)
    move_to (zi, at);
  zi->at = at;

  *n_bands = zi->n_bands;
  return zi->bands;
}

/**
 * _wick_zone_index_get_next_change:
 * @zi: the index
 *
 * Returns: the first candle after the last one asked for at which the bands may differ:
 *   until then, those _wick_zone_index_get_bands () gave are the bands
 */
guint
_wick_zone_index_get_next_change (WickZoneIndex *zi)
{
  return zi->has_moved ? zi->next_move : 0;
}

/**
 * _wick_zone_index_get_bounds:
 * @zi: the index
 *
 * Returns: the first and last prices of the bands _wick_zone_index_get_bands () gave, side
 *   by side, valid as long as those, and how far the bands reach beyond them
 */
WickBandBounds
_wick_zone_index_get_bounds (WickZoneIndex *zi)
{
  return (WickBandBounds) { zi->firsts, zi->lasts, zi->below, zi->above };
}
