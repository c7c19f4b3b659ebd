/* wick-zones.h: support and resistance zones built from pivots, with touches, strength and state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-pivots.h"
#include "wick-series.h"

G_BEGIN_DECLS

/*
 * The zone algorithm of signals.md §2, evaluated at the last of the candles it is given, which
 * must all be closed: to see the zones as they stood at candle k, pass k + 1 candles. Nothing
 * after the last candle is read, so no zone, touch or state ever depends on the future. ATR is
 * ATR (14) (TA-Lib's); where it has no value yet (the first 14 candles) it counts as 0.
 *
 *  1. Pivots, 5/5 (wick-pivots.h), at candles j >= n - window and confirmed by the last candle.
 *  2. The pivot prices, highs and lows together, sorted and joined by single linkage: two
 *     neighbours join when they are less than ε apart, with ε = 0.5 × ATR, ATR the mean of the
 *     two pivots' ATR at their candles, and ε at least 0.15 % of their mean price.
 *     The centre is the volume-weighted mean of the members' prices (the plain mean when they
 *     have no volume); the zone is [min, max] of the members, widened to at least centre ± ε/2,
 *     where ε is now 0.5 × the members' mean ATR, at least 0.15 % of the centre. A cluster of
 *     fewer than 2 pivots is no zone.
 *  3. A touch of a support zone [zl, zh] is a candle with L <= zh + 0.1 × ATR and C >= zl
 *     (resistance: H >= zl - 0.1 × ATR and C <= zh); touches are counted only 3 or more
 *     candles apart.
 *  4. Score = Σ over the touches of w × (1 + r), w = 0.5^(age / 120), age = candles from the
 *     touch to the last candle; r = how far price moved away in the 10 candles after the touch,
 *     in ATRs at the touch, between 0 and 3. × 1.5 when a round number lies within 0.1 %.
 *  5. State, from the closes (support shown; resistance mirrors):
 *     untested → tested    a touch (closing >= zl)
 *     → swept              L < zl and C >= zl: a wick below that closes back (not broken)
 *     → broken             C < zl - 0.25 × ATR, or a second close in a row below zl
 *     broken → reclaimed   C > zh within 6 candles of the break; if none comes, the zone
 *                          changes role (support becomes resistance) on the 7th candle after
 *                          the break, still broken, and from then on is read in its new role.
 *
 * Choices where signals.md leaves one:
 *  - Chains. Single linkage has no width limit, so a trading range whose swings overlap would
 *    become one band the height of the range. A cluster wider than 3 ε is cut at its widest
 *    gap between neighbouring prices (the next level of the same single-linkage tree), again
 *    and again, until no part is wider than 3 ε. Set max_width to 0 for plain single linkage.
 *  - When a zone starts. It is formed at the confirmation of its second pivot in time. Its
 *    history is read from its first pivot on: touches are counted from there, and its role
 *    starts as support if that first pivot is a low, resistance if a high, then changes only
 *    when the zone is broken and not reclaimed. The state counts only what happens after the
 *    zone was formed; before that it is untested (else every zone would start as tested by
 *    the very pivots that made it).
 *  - Kind. A zone's kind is its role at the last candle. That is its side of the last close,
 *    except while price is inside the zone (then the side it came from) and in the 6 candles
 *    after a break (still the old role, with the state broken). `state_role` is the role the
 *    zone had when its state was set, so a broken zone whose kind differs from it has changed
 *    role: support broken downwards and now resistance, or the other way round.
 *  - Touches 3 candles apart: a touching candle is counted when the touching candle before it
 *    is 3 or more candles back, so a visit of several candles (or of candles touching every
 *    other hour) is one touch, on its first candle, however long price stays.
 *  - State is the latest significant event. A plain touch makes an untested zone tested (and
 *    a broken one that has changed role: its first test in the new role); it does not undo
 *    swept or reclaimed. A sweep is a touch too, counted as one if far enough from the last.
 *    During the 6 candles after a break only a reclaim is looked for; no touches are counted.
 *  - Reaction r: for support, (highest high of the 10 candles after the touch - zh) / ATR at
 *    the touch, for resistance (zl - lowest low) / ATR; for a recent touch only the candles
 *    closed so far. The round-number bonus applies when a multiple of 10^(digits - 2) of the
 *    centre (of 1,000 at 92,000; of 10,000 at 110,000) lies in the zone or within 0.1 % of
 *    the centre beyond either edge.
 *  - Strength is 1 - exp (-score / 8): 0 for no touch, 0.39 for two fresh touches that each
 *    moved price 1 ATR away, 0.63 at a score of 8, below 1 however strong.
 *
 * Cost: pivots and clustering over the window, one pass per zone from its first pivot to the
 * last candle, and the ATR over all candles when none is given: about 0.1 ms for 20,000 hourly
 * candles with the default window.
 */

typedef enum
{
  WICK_ZONE_SUPPORT,
  WICK_ZONE_RESISTANCE,
} WickZoneKind;

typedef enum
{
  WICK_ZONE_UNTESTED,
  WICK_ZONE_TESTED,
  WICK_ZONE_SWEPT,
  WICK_ZONE_BROKEN,
  WICK_ZONE_RECLAIMED,
} WickZoneState;

typedef struct
{
  guint  left_bars;        /* pivots: 5 */
  guint  right_bars;       /* 5 */
  guint  window;           /* pivots from the last 500 candles; 0 for all */
  double cluster_atr;      /* ε = 0.5 × ATR */
  double cluster_min;      /* ε at least 0.0015 × price */
  double max_width;        /* clusters at most 3 ε wide; 0 for no limit */
  guint  min_pivots;       /* 2 */
  double touch_atr;        /* 0.1 */
  guint  touch_spacing;    /* 3 */
  double half_life;        /* 120 candles */
  guint  reaction_bars;    /* 10 */
  double reaction_cap;     /* 3 ATR */
  double round_bonus;      /* 0.5; 0 for none */
  double round_tolerance;  /* 0.001 */
  double break_atr;        /* 0.25 */
  guint  reclaim_bars;     /* 6 */
  double strength_scale;   /* 8 */
} WickZoneParams;

typedef struct
{
  double           low;             /* zl */
  double           high;            /* zh */
  double           mid;             /* the volume-weighted centre of the pivots */
  double           score;           /* step 4's sum */
  double           strength;        /* 0..1 */
  WickZoneKind     kind;
  WickZoneState    state;
  WickZoneKind     state_role;      /* the zone's role when the state was set; kind if untested */
  guint            state_index;     /* the candle that set the state; formed_index if untested */
  guint            formed_index;    /* the confirmation of the second pivot */
  gint64           first_touch_ms;  /* open time of the first touch */
  gint64           last_touch_ms;   /* open time of the last touch */
  guint            n_pivots;
  const WickPivot *pivots;          /* Borrowed from the WickZones: oldest first */
  guint            n_touches;
  const guint     *touches;         /* Borrowed from the WickZones: candle indices, ascending */
} WickZone;

typedef struct _WickZones WickZones;

#define WICK_TYPE_ZONES (wick_zones_get_type ())

void            wick_zone_params_init     (WickZoneParams       *params);
const char     *wick_zone_state_to_string (WickZoneState         state);

GType           wick_zones_get_type       (void) G_GNUC_CONST;
WickZones      *wick_zones_detect         (const WickCandle     *candles,
                                           guint                 n_candles,
                                           const double         *atr,
                                           const WickZoneParams *params);
WickZones      *wick_zones_ref            (WickZones            *self);
void            wick_zones_unref          (WickZones            *self);
guint           wick_zones_get_n_candles  (WickZones            *self);
guint           wick_zones_get_n_zones    (WickZones            *self);
const WickZone *wick_zones_get_zone       (WickZones            *self,
                                           guint                 index);
const WickZone *wick_zones_find           (WickZones            *self,
                                           double                price);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickZones, wick_zones_unref)

G_END_DECLS
