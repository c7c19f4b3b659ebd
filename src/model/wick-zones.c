/* wick-zones.c: support and resistance zones built from pivots, with touches, strength and state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-zones"

#include "config.h"

#include "wick-zones.h"

#include "wick-indicators.h"

#include <math.h>
#include <stdlib.h>

struct _WickZones
{
  guint      n_candles;
  guint      n_zones;
  WickZone  *zones;    /* Owned */
  WickPivot *pivots;   /* Owned: the members of every zone, zone after zone */
  guint     *touches;  /* Owned: the touches of every zone, zone after zone */
};

G_DEFINE_BOXED_TYPE (WickZones, wick_zones, wick_zones_ref, wick_zones_unref)

typedef struct
{
  guint start;
  guint end;
} Range;

typedef struct
{
  const WickCandle     *candles;   /* Borrowed */
  guint                 n_candles;
  const double         *atr;       /* Borrowed */
  const WickZoneParams *params;    /* Borrowed */
  GArray               *zones;     /* Owned: WickZone, pointers not yet set */
  GArray               *offsets;   /* Owned: Range of each zone's pivots, then of its touches */
  GArray               *members;   /* Owned: WickPivot */
  GArray               *touches;   /* Owned: guint */
  GArray               *stack;     /* Owned: Range, for cutting wide clusters */
} Builder;

/**
 * wick_zone_params_init:
 * @params: (out caller-allocates): the parameters to fill
 *
 * Fills @params with the defaults of signals.md §2 and the choices in the header.
 */
void
wick_zone_params_init (WickZoneParams *params)
{
  g_return_if_fail (params != NULL);

  *params = (WickZoneParams) {
    .left_bars = 5,
    .right_bars = 5,
    .window = 500,
    .cluster_atr = 0.5,
    .cluster_min = 0.0015,
    .max_width = 3.0,
    .min_pivots = 2,
    .touch_atr = 0.1,
    .touch_spacing = 3,
    .half_life = 120.0,
    .reaction_bars = 10,
    .reaction_cap = 3.0,
    .round_bonus = 0.5,
    .round_tolerance = 0.001,
    .break_atr = 0.25,
    .reclaim_bars = 6,
    .strength_scale = 8.0,
  };
}

/**
 * wick_zone_state_to_string:
 * @state: a state
 *
 * Returns: the state's name in lower case, for logs and machine-readable output
 */
const char *
wick_zone_state_to_string (WickZoneState state)
{
  switch (state)
    {
    case WICK_ZONE_UNTESTED:
      return "untested";
    case WICK_ZONE_TESTED:
      return "tested";
    case WICK_ZONE_SWEPT:
      return "swept";
    case WICK_ZONE_BROKEN:
      return "broken";
    case WICK_ZONE_RECLAIMED:
      return "reclaimed";
    default:
      g_return_val_if_reached (NULL);
    }
}

static inline double
atr_at (const Builder *b,
        guint          i)
{
  double atr = b->atr[i];

  return isfinite (atr) ? atr : 0.0;
}

static int
compare_by_price (const void *a,
                  const void *b)
{
  const WickPivot *x = a;
  const WickPivot *y = b;

  if (x->price != y->price)
    return x->price < y->price ? -1 : 1;
  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static int
compare_by_index (const void *a,
                  const void *b)
{
  const WickPivot *x = a;
  const WickPivot *y = b;

  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* The volume-weighted centre of @m and ε for the cluster, 0.5 × the members' mean ATR but at
 * least 0.15 % of the centre. */
static void
cluster_centre (const Builder   *b,
                const WickPivot *m,
                guint            n_m,
                double          *out_mid,
                double          *out_eps)
{
  double sum_pv = 0.0;
  double sum_v = 0.0;
  double sum_p = 0.0;
  double sum_atr = 0.0;
  double mid;
  guint k;

  for (k = 0; k < n_m; k++)
    {
      double v = b->candles[m[k].index].volume;

      sum_pv += m[k].price * v;
      sum_v += v;
      sum_p += m[k].price;
      sum_atr += atr_at (b, m[k].index);
    }

  mid = sum_v > 0.0 ? sum_pv / sum_v : sum_p / n_m;
  *out_mid = mid;
  *out_eps = MAX (b->params->cluster_atr * sum_atr / n_m, b->params->cluster_min * mid);
}

/* Whether a multiple of 10^(digits - 2) of @mid lies in [low, high] widened by the tolerance. */
static gboolean
has_round_number (const WickZoneParams *params,
                  double                mid,
                  double                low,
                  double                high)
{
  double step = pow (10.0, floor (log10 (mid)) - 1.0);
  double tolerance = params->round_tolerance * mid;
  double k = ceil ((low - tolerance) / step);

  return k * step <= high + tolerance;
}

/* Prices as the zone's role sees them. A resistance zone is read as a support zone on the
 * negated prices: its high becomes the low, a close above it a close below. */
typedef struct
{
  double near;   /* the extreme towards the zone: L for support, -H for resistance */
  double far;    /* the other extreme */
  double close;
} Seen;

static inline Seen
seen_from (const WickCandle *c,
           WickZoneKind      role)
{
  if (role == WICK_ZONE_SUPPORT)
    return (Seen) { c->low, c->high, c->close };
  else
    return (Seen) { -c->high, -c->low, -c->close };
}

static double
reaction (const Builder *b,
          guint          i,
          WickZoneKind   role,
          double         zh)
{
  double atr = atr_at (b, i);
  double best = -G_MAXDOUBLE;
  guint last = MIN (i + b->params->reaction_bars, b->n_candles - 1);
  guint k;

  if (atr <= 0.0)
    return 0.0;

  for (k = i + 1; k <= last; k++)
    best = MAX (best, seen_from (&b->candles[k], role).far);

  return CLAMP ((best - zh) / atr, 0.0, b->params->reaction_cap);
}

/* Walks the candles from the zone's first pivot to the last candle: counts the touches, adds
 * up the score and runs the state machine (see the header). */
static void
read_history (Builder  *b,
              WickZone *zone,
              guint     first)
{
  const WickZoneParams *params = b->params;
  WickZoneKind role = zone->kind;
  gboolean is_pending = FALSE;
  gboolean has_touch = FALSE;
  guint break_index = 0;
  guint last_touching = 0;
  guint last = b->n_candles - 1;
  guint i;

  zone->state = WICK_ZONE_UNTESTED;
  zone->state_index = zone->formed_index;
  zone->state_role = role;
  zone->score = 0.0;

  for (i = first; i < b->n_candles; i++)
    {
      double atr = atr_at (b, i);
      gboolean is_after = i > zone->formed_index;
      double zl, zh;
      Seen c;

      if (is_pending && i - break_index > params->reclaim_bars)
        {
          role = role == WICK_ZONE_SUPPORT ? WICK_ZONE_RESISTANCE : WICK_ZONE_SUPPORT;
          is_pending = FALSE;
        }

      zl = role == WICK_ZONE_SUPPORT ? zone->low : -zone->high;
      zh = role == WICK_ZONE_SUPPORT ? zone->high : -zone->low;
      c = seen_from (&b->candles[i], role);

      if (is_pending)
        {
          if (c.close > zh)
            {
              is_pending = FALSE;
              if (is_after)
                {
                  zone->state = WICK_ZONE_RECLAIMED;
                  zone->state_index = i;
                  zone->state_role = role;
                }
            }
          continue;
        }

      if (c.close < zl - params->break_atr * atr ||
          (c.close < zl && i > 0 && seen_from (&b->candles[i - 1], role).close < zl))
        {
          is_pending = TRUE;
          break_index = i;
          if (is_after)
            {
              zone->state = WICK_ZONE_BROKEN;
              zone->state_index = i;
              zone->state_role = role;
            }
          continue;
        }

      if (c.near > zh + params->touch_atr * atr || c.close < zl)
        continue;

      /* A touching candle 1 or 2 candles after the one before it belongs to the same visit. */
      if (!has_touch || i - last_touching >= params->touch_spacing)
        {
          double age = last - i;
          double w = exp2 (-age / params->half_life);

          g_array_append_val (b->touches, i);
          zone->score += w * (1.0 + reaction (b, i, role, zh));
        }
      has_touch = TRUE;
      last_touching = i;

      if (!is_after)
        continue;

      if (c.near < zl)
        {
          zone->state = WICK_ZONE_SWEPT;
          zone->state_index = i;
          zone->state_role = role;
        }
      else if (zone->state == WICK_ZONE_UNTESTED || zone->state == WICK_ZONE_BROKEN)
        {
          zone->state = WICK_ZONE_TESTED;
          zone->state_index = i;
          zone->state_role = role;
        }
    }

  zone->kind = role;
  if (zone->state == WICK_ZONE_UNTESTED)
    zone->state_role = role;
}

/* @m: the members, sorted by price. */
static void
add_zone (Builder   *b,
          WickPivot *m,
          guint      n_m)
{
  const WickZoneParams *params = b->params;
  WickZone zone = { 0, };
  Range pivots_range, touches_range;
  double mid, eps;

  g_assert (n_m >= 2);

  cluster_centre (b, m, n_m, &mid, &eps);
  zone.mid = mid;
  zone.low = MIN (m[0].price, mid - eps / 2.0);
  zone.high = MAX (m[n_m - 1].price, mid + eps / 2.0);

  qsort (m, n_m, sizeof *m, compare_by_index);
  zone.n_pivots = n_m;
  zone.formed_index = m[1].confirmed_index;
  zone.kind = m[0].kind == WICK_PIVOT_LOW ? WICK_ZONE_SUPPORT : WICK_ZONE_RESISTANCE;

  pivots_range.start = b->members->len;
  g_array_append_vals (b->members, m, n_m);
  pivots_range.end = b->members->len;

  touches_range.start = b->touches->len;
  read_history (b, &zone, m[0].index);
  touches_range.end = b->touches->len;

  zone.n_touches = touches_range.end - touches_range.start;
  if (zone.n_touches > 0)
    {
      guint first = g_array_index (b->touches, guint, touches_range.start);
      guint last = g_array_index (b->touches, guint, touches_range.end - 1);

      zone.first_touch_ms = b->candles[first].open_time_ms;
      zone.last_touch_ms = b->candles[last].open_time_ms;
    }

  if (params->round_bonus > 0.0 && has_round_number (params, mid, zone.low, zone.high))
    zone.score *= 1.0 + params->round_bonus;
  zone.strength = 1.0 - exp (-zone.score / params->strength_scale);

  g_array_append_val (b->zones, zone);
  g_array_append_val (b->offsets, pivots_range);
  g_array_append_val (b->offsets, touches_range);
}

/* Adds the zones of one single-linkage cluster @m (sorted by price), cutting it at its widest
 * gaps while it is wider than max_width × ε. Parts come out in ascending price. */
static void
add_cluster (Builder   *b,
             WickPivot *m,
             guint      n_m)
{
  const WickZoneParams *params = b->params;
  Range whole = { 0, n_m };

  g_array_set_size (b->stack, 0);
  g_array_append_val (b->stack, whole);

  while (b->stack->len > 0)
    {
      Range r = g_array_index (b->stack, Range, b->stack->len - 1);
      guint n = r.end - r.start;
      double mid, eps;

      g_array_set_size (b->stack, b->stack->len - 1);

      if (n < MAX (params->min_pivots, 2))
        continue;

      cluster_centre (b, &m[r.start], n, &mid, &eps);

      if (params->max_width > 0.0 &&
          m[r.end - 1].price - m[r.start].price > params->max_width * eps)
        {
          Range left, right;
          double widest = -1.0;
          guint cut = r.start;
          guint k;

          /* The lowest of equal widest gaps, so the cut does not depend on anything else. */
          for (k = r.start; k + 1 < r.end; k++)
            if (m[k + 1].price - m[k].price > widest)
              {
                widest = m[k + 1].price - m[k].price;
                cut = k;
              }

          left = (Range) { r.start, cut + 1 };
          right = (Range) { cut + 1, r.end };
          g_array_append_val (b->stack, right);
          g_array_append_val (b->stack, left);
          continue;
        }

      add_zone (b, &m[r.start], n);
    }
}

static WickZones *
builder_finish (Builder *b)
{
  WickZones *self = g_atomic_rc_box_new0 (WickZones);
  guint i;

  self->n_candles = b->n_candles;
  self->n_zones = b->zones->len;
  self->zones = (WickZone *) g_array_free (g_steal_pointer (&b->zones), FALSE);
  self->pivots = (WickPivot *) g_array_free (g_steal_pointer (&b->members), FALSE);
  self->touches = (guint *) g_array_free (g_steal_pointer (&b->touches), FALSE);

  for (i = 0; i < self->n_zones; i++)
    {
      const Range *pivots_range = &g_array_index (b->offsets, Range, 2 * i);
      const Range *touches_range = &g_array_index (b->offsets, Range, 2 * i + 1);

      self->zones[i].pivots = &self->pivots[pivots_range->start];
      self->zones[i].touches = &self->touches[touches_range->start];
    }

  return self;
}

/**
 * wick_zones_detect:
 * @candles: closed candles, oldest first
 * @n_candles: how many; the zones are those at the close of the last
 * @atr: (nullable) (array length=n_candles): ATR (14) of @candles as wick_indicators_atr()
 *   gives it, or %NULL to have it computed
 * @params: (nullable): the parameters, or %NULL for the defaults
 *
 * Finds the support and resistance zones of signals.md §2. See the header for the rules.
 *
 * Returns: (transfer full): the zones, in ascending order of their centre
 */
WickZones *
wick_zones_detect (const WickCandle     *candles,
                   guint                 n_candles,
                   const double         *atr,
                   const WickZoneParams *params)
{
  g_autofree double *own_atr = NULL;
  g_autoptr(GArray) pivots = NULL;
  g_autoptr(GArray) offsets = NULL;
  g_autoptr(GArray) stack = NULL;
  WickZoneParams defaults;
  Builder b;
  WickPivot *p;
  guint first;
  guint start;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, NULL);
  g_return_val_if_fail (params == NULL || params->right_bars >= 1, NULL);
  g_return_val_if_fail (params == NULL || params->half_life > 0.0, NULL);
  g_return_val_if_fail (params == NULL || params->strength_scale > 0.0, NULL);

  if (params == NULL)
    {
      wick_zone_params_init (&defaults);
      params = &defaults;
    }

  if (atr == NULL && n_candles > 0)
    {
      own_atr = g_new (double, n_candles);
      wick_indicators_atr (candles, n_candles, WICK_ATR_PERIOD, own_atr);
      atr = own_atr;
    }

  offsets = g_array_new (FALSE, FALSE, sizeof (Range));
  stack = g_array_new (FALSE, FALSE, sizeof (Range));
  b = (Builder) {
    .candles = candles,
    .n_candles = n_candles,
    .atr = atr,
    .params = params,
    .zones = g_array_new (FALSE, FALSE, sizeof (WickZone)),
    .offsets = offsets,
    .members = g_array_new (FALSE, FALSE, sizeof (WickPivot)),
    .touches = g_array_new (FALSE, FALSE, sizeof (guint)),
    .stack = stack,
  };

  first = params->window > 0 && n_candles > params->window ? n_candles - params->window : 0;
  pivots = wick_pivots_find (candles, n_candles, first, params->left_bars, params->right_bars);
  p = (WickPivot *) (gpointer) pivots->data;
  qsort (p, pivots->len, sizeof *p, compare_by_price);

  /* Single linkage on the sorted prices: each run of neighbours closer than ε is a cluster. */
  for (start = 0, i = 1; i <= pivots->len; i++)
    {
      if (i < pivots->len)
        {
          double atr_pair = (atr_at (&b, p[i - 1].index) + atr_at (&b, p[i].index)) / 2.0;
          double price_pair = (p[i - 1].price + p[i].price) / 2.0;
          double eps = MAX (params->cluster_atr * atr_pair, params->cluster_min * price_pair);

          if (p[i].price - p[i - 1].price < eps)
            continue;
        }

      add_cluster (&b, &p[start], i - start);
      start = i;
    }

  return builder_finish (&b);
}

/**
 * wick_zones_ref:
 * @self: the zones
 *
 * The zones are immutable, so a reference can be handed to another thread.
 *
 * Returns: (transfer full): @self
 */
WickZones *
wick_zones_ref (WickZones *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
wick_zones_clear (gpointer data)
{
  WickZones *self = data;

  g_clear_pointer (&self->zones, g_free);
  g_clear_pointer (&self->pivots, g_free);
  g_clear_pointer (&self->touches, g_free);
  self->n_zones = 0;
}

void
wick_zones_unref (WickZones *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, wick_zones_clear);
}

/**
 * wick_zones_get_n_candles:
 * @self: the zones
 *
 * Returns: the number of candles the zones were found in; they stand at the close of the last
 */
guint
wick_zones_get_n_candles (WickZones *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_candles;
}

guint
wick_zones_get_n_zones (WickZones *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_zones;
}

/**
 * wick_zones_get_zone:
 * @self: the zones
 * @index: below wick_zones_get_n_zones()
 *
 * Returns: (transfer none): the zone, valid as long as @self
 */
const WickZone *
wick_zones_get_zone (WickZones *self,
                     guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_zones, NULL);

  return &self->zones[index];
}

/**
 * wick_zones_find:
 * @self: the zones
 * @price: a price
 *
 * Returns: (transfer none) (nullable): the strongest zone whose [low, high] holds @price
 */
const WickZone *
wick_zones_find (WickZones *self,
                 double     price)
{
  const WickZone *best = NULL;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  for (i = 0; i < self->n_zones; i++)
    {
      const WickZone *zone = &self->zones[i];

      if (zone->low <= price && price <= zone->high &&
          (best == NULL || zone->score > best->score))
        best = zone;
    }

  return best;
}
