/* wick-signals-zones.c: the zones of wick-zones.h as they stood at the close of every candle
 *
 * wick_zones_detect () on the first k + 1 candles gives the zones at candle k, but costs a
 * walk of its whole window; doing that at every candle would cost more than the rest of the
 * analysis. The bands of the zones (low, high, centre) depend only on which pivots are in the
 * window and confirmed, so this keeps those pivots sorted by price, as wick-zones.c sorts
 * them, and when a pivot is confirmed or leaves the window, re-clusters only the run of linked
 * neighbours around it: single linkage joins neighbours only, so nothing else can change. The
 * clustering itself (ε, the centre, the cut of wide clusters) is wick-zones.c's, done in the
 * same order, so the bands are the same numbers; tests/test-signals.c checks them against
 * wick_zones_detect ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

#include "wick-model-private.h"

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

struct _WickZoneIndex
{
  const WickCandle     *candles;  /* Borrowed */
  const double         *atr;      /* Borrowed */
  const WickZoneParams *params;   /* Borrowed */
  GArray               *pivots;   /* Owned: WickPivot, every pivot of the zone rule, by candle */
  guint                 next_in;  /* the next pivot to be confirmed */
  guint                 next_out; /* the next pivot to leave the window */
  gboolean              has_moved;
  guint                 at;
  GArray               *active;   /* Owned: Member, by price */
  GArray               *bands;    /* Owned: WickBand, ascending */
  GArray               *fresh;    /* Owned: WickBand, scratch */
  GArray               *stack;    /* Owned: Range, scratch */
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
  zi->active = g_array_new (FALSE, FALSE, sizeof (Member));
  zi->bands = g_array_new (FALSE, FALSE, sizeof (WickBand));
  zi->fresh = g_array_new (FALSE, FALSE, sizeof (WickBand));
  zi->stack = g_array_new (FALSE, FALSE, sizeof (Range));

  return zi;
}

void
_wick_zone_index_free (WickZoneIndex *zi)
{
  g_clear_pointer (&zi->pivots, g_array_unref);
  g_clear_pointer (&zi->active, g_array_unref);
  g_clear_pointer (&zi->bands, g_array_unref);
  g_clear_pointer (&zi->fresh, g_array_unref);
  g_clear_pointer (&zi->stack, g_array_unref);
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

/* Where @m is, or would go, in the active members. */
static guint
find_member (const WickZoneIndex *zi,
             const Member        *m)
{
  const Member *p = (const Member *) (gpointer) zi->active->data;
  guint lo = 0, hi = zi->active->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_members (&p[mid], m) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
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
  Member *p = (Member *) (gpointer) zi->active->data;

  p[at].is_linked = at + 1 < zi->active->len && is_linked (zi->params, &p[at], &p[at + 1]);
}

/* The same centre and ε as wick-zones.c, summed in the same order. */
static void
cluster_centre (const WickZoneParams *params,
                const Member         *m,
                guint                 n_m,
                double               *out_mid,
                double               *out_eps)
{
  double sum_pv = 0.0, sum_v = 0.0, sum_p = 0.0, sum_atr = 0.0, mid;
  guint k;

  for (k = 0; k < n_m; k++)
    {
      sum_pv += m[k].price * m[k].volume;
      sum_v += m[k].volume;
      sum_p += m[k].price;
      sum_atr += m[k].atr;
    }

  mid = sum_v > 0.0 ? sum_pv / sum_v : sum_p / n_m;
  *out_mid = mid;
  *out_eps = MAX (params->cluster_atr * sum_atr / n_m, params->cluster_min * mid);
}

/* wick-zones.c's add_cluster (): the bands of one run of linked members, cut at the widest
 * gaps while wider than max_width × ε, appended to zi->fresh in ascending order. */
static void
add_cluster (WickZoneIndex *zi,
             const Member  *m,
             guint          n_m)
{
  const WickZoneParams *params = zi->params;
  Range whole = { 0, n_m };

  g_array_set_size (zi->stack, 0);
  g_array_append_val (zi->stack, whole);

  while (zi->stack->len > 0)
    {
      Range r = g_array_index (zi->stack, Range, zi->stack->len - 1);
      guint n = r.end - r.start;
      double mid, eps;
      WickBand band;
      guint k;

      g_array_set_size (zi->stack, zi->stack->len - 1);

      if (n < MAX (params->min_pivots, 2))
        continue;

      cluster_centre (params, &m[r.start], n, &mid, &eps);

      if (params->max_width > 0.0 &&
          m[r.end - 1].price - m[r.start].price > params->max_width * eps)
        {
          Range left, right;
          double widest = -1.0;
          guint cut = r.start;

          for (k = r.start; k + 1 < r.end; k++)
            if (m[k + 1].price - m[k].price > widest)
              {
                widest = m[k + 1].price - m[k].price;
                cut = k;
              }

          left = (Range) { r.start, cut + 1 };
          right = (Range) { cut + 1, r.end };
          g_array_append_val (zi->stack, right);
          g_array_append_val (zi->stack, left);
          continue;
        }

      band = (WickBand) {
        .low = MIN (m[r.start].price, mid - eps / 2.0),
        .high = MAX (m[r.end - 1].price, mid + eps / 2.0),
        .mid = mid,
        .first_price = m[r.start].price,
        .last_price = m[r.end - 1].price,
        .first_index = G_MAXUINT,
      };
      for (k = r.start; k < r.end; k++)
        if (m[k].index < band.first_index ||
            (m[k].index == band.first_index && m[k].kind == WICK_PIVOT_LOW))
          {
            band.first_index = m[k].index;
            band.starts_as_support = m[k].kind == WICK_PIVOT_LOW;
          }
      g_array_append_val (zi->fresh, band);
    }
}

/* Re-clusters after a change between positions @lo and @hi (the neighbours of the member
 * added or removed): the runs of linked members through them are the only clusters that can
 * have changed. Their old bands are those whose members lie in the runs' price range, widened
 * to @removed_price when a member left (NAN otherwise). */
static void
recluster (WickZoneIndex *zi,
           guint          lo,
           guint          hi,
           double         removed_price)
{
  const Member *p = (const Member *) (gpointer) zi->active->data;
  const WickBand *b = (const WickBand *) (gpointer) zi->bands->data;
  double lo_price = removed_price, hi_price = removed_price;
  guint first, last, start, i;

  g_array_set_size (zi->fresh, 0);

  if (zi->active->len > 0)
    {
      /* Equal prices go with the region even where they do not join (ε of 0), so the price
       * range below holds the region's members and no others. */
      while (lo > 0 && (p[lo - 1].is_linked || p[lo - 1].price == p[lo].price))
        lo--;
      while (hi + 1 < zi->active->len && (p[hi].is_linked || p[hi + 1].price == p[hi].price))
        hi++;

      lo_price = isnan (removed_price) ? p[lo].price : MIN (p[lo].price, removed_price);
      hi_price = isnan (removed_price) ? p[hi].price : MAX (p[hi].price, removed_price);

      for (start = lo, i = lo + 1; i <= hi + 1; i++)
        if (i == hi + 1 || !p[i - 1].is_linked)
          {
            add_cluster (zi, &p[start], i - start);
            start = i;
          }
    }

  /* The bands are apart and ascending, so their first and last prices both ascend. */
  first = 0;
  last = zi->bands->len;
  while (first < last)
    {
      guint mid = first + (last - first) / 2;

      if (b[mid].last_price < lo_price)
        first = mid + 1;
      else
        last = mid;
    }
  for (last = first; last < zi->bands->len && b[last].first_price <= hi_price; last++)
    ;
  g_array_remove_range (zi->bands, first, last - first);
  g_array_insert_vals (zi->bands, first, zi->fresh->data, zi->fresh->len);
}

static void
remove_pivot (WickZoneIndex   *zi,
              const WickPivot *pivot)
{
  /* Members are found by price, candle and kind alone. */
  Member m = { .price = pivot->price, .index = pivot->index, .kind = pivot->kind };
  guint at = find_member (zi, &m);
  guint len;

  if (at >= zi->active->len ||
      compare_members (&g_array_index (zi->active, Member, at), &m) != 0)
    return;

  g_array_remove_index (zi->active, at);
  len = zi->active->len;
  if (at > 0)
    update_link (zi, at - 1);

  if (len == 0)
    g_array_set_size (zi->bands, 0);
  else
    recluster (zi, at > 0 ? at - 1 : 0, MIN (at, len - 1), m.price);
}

static void
insert_pivot (WickZoneIndex   *zi,
              const WickPivot *pivot)
{
  Member m = member_from_pivot (zi, pivot);
  guint at = find_member (zi, &m);

  g_array_insert_val (zi->active, at, m);
  if (at > 0)
    update_link (zi, at - 1);
  update_link (zi, at);
  recluster (zi, at > 0 ? at - 1 : 0, MIN (at + 1, zi->active->len - 1), NAN);
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
  const WickPivot *pivots = (const WickPivot *) (gpointer) zi->pivots->data;
  guint window = zi->params->window;
  guint first = window > 0 && at + 1 > window ? at + 1 - window : 0;

  g_assert (!zi->has_moved || at >= zi->at);
  zi->has_moved = TRUE;
  zi->at = at;

  /* A pivot enters the window when it is confirmed, and leaves it in the same order. */
  for (; zi->next_out < zi->next_in && pivots[zi->next_out].index < first; zi->next_out++)
    remove_pivot (zi, &pivots[zi->next_out]);

  for (; zi->next_in < zi->pivots->len && pivots[zi->next_in].confirmed_index <= at; zi->next_in++)
    if (pivots[zi->next_in].index >= first)
      insert_pivot (zi, &pivots[zi->next_in]);

  *n_bands = zi->bands->len;
  return (const WickBand *) (gpointer) zi->bands->data;
}
