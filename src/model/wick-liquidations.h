/* wick-liquidations.h: liquidation events and their hourly long/short totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-types.h"

G_BEGIN_DECLS

#define WICK_LIQUIDATIONS_ERROR (wick_liquidations_error_quark ())

typedef enum
{
  WICK_LIQUIDATIONS_ERROR_NOT_FINITE,
  WICK_LIQUIDATIONS_ERROR_NEGATIVE,      /* a bucket total below zero */
  WICK_LIQUIDATIONS_ERROR_NOT_POSITIVE,  /* an event's size or price at or below zero */
  WICK_LIQUIDATIONS_ERROR_OUT_OF_ORDER,
  WICK_LIQUIDATIONS_ERROR_DUPLICATE,
} WickLiquidationsError;

typedef enum
{
  WICK_SIDE_LONG,
  WICK_SIDE_SHORT,
} WickSide;

/* USD liquidated in one bucket, split by the side of the position that was wiped out. */
typedef struct
{
  gint64 time_ms;
  double long_usd;
  double short_usd;
} WickLiquidationBucket;

/* One forced order; price is NAN when the feed gives none. */
typedef struct
{
  gint64   time_ms;
  double   price;
  WickSide side;
  double   usd;
} WickLiquidationEvent;

#define WICK_TYPE_LIQUIDATIONS (wick_liquidations_get_type ())

G_DECLARE_FINAL_TYPE (WickLiquidations, wick_liquidations, WICK, LIQUIDATIONS, GObject)

GQuark                       wick_liquidations_error_quark    (void);
WickLiquidations            *wick_liquidations_new            (gint64                       bucket_ms);
gint64                       wick_liquidations_get_bucket_ms  (WickLiquidations            *self);
guint                        wick_liquidations_get_length     (WickLiquidations            *self);
const WickLiquidationBucket *wick_liquidations_get_buckets    (WickLiquidations            *self);
const WickLiquidationBucket *wick_liquidations_lookup         (WickLiquidations            *self,
                                                               gint64                       time_ms);
gboolean                     wick_liquidations_set_buckets    (WickLiquidations            *self,
                                                               const WickLiquidationBucket *buckets,
                                                               guint                        n_buckets,
                                                               GError                     **error);
gboolean                     wick_liquidations_add_event      (WickLiquidations            *self,
                                                               const WickLiquidationEvent  *event,
                                                               GError                     **error);
guint                        wick_liquidations_get_n_events   (WickLiquidations            *self);
const WickLiquidationEvent  *wick_liquidations_get_events     (WickLiquidations            *self);
double                       wick_liquidations_sum            (WickLiquidations            *self,
                                                               WickSide                     side,
                                                               gint64                       from_ms,
                                                               gint64                       to_ms);

G_END_DECLS
