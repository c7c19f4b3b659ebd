/* wick-viewport-private.h: what the viewport's files share
 *
 * wick-viewport.c holds the object, its ranges, the mapping, zoom and pan; wick-viewport-fit.c
 * fits the ranges to a series. Both change the state in place and then call
 * _wick_viewport_commit() with a copy taken before the change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-viewport.h"

#include <math.h>

G_BEGIN_DECLS

/* The time span is kept between one minute and 200 years. */
#define MIN_SPAN_MS     60000.0
#define MAX_SPAN_MS     (200.0 * 365.25 * 86400000.0)
/* Prices are clamped to this before taking logarithms. */
#define MIN_LOG_PRICE   1e-12

/* Everything that decides the mapping; compared before and after each change so `changed` is
 * emitted exactly when something moved. */
typedef struct
{
  double   width;
  double   height;
  double   header_height;
  double   lower_pane_height;
  double   from_ms;
  double   to_ms;
  double   low;
  double   high;
  gboolean log_scale;
  gboolean auto_price;
} ViewState;

struct _WickViewport
{
  GObject   parent_instance;

  ViewState state;
};

/* Price → the space the axis is linear in. */
static inline double
to_space (const ViewState *s,
          double           price)
{
  return s->log_scale ? log (MAX (price, MIN_LOG_PRICE)) : price;
}

static inline double
from_space (const ViewState *s,
            double           value)
{
  return s->log_scale ? exp (value) : value;
}

void _wick_viewport_commit          (WickViewport    *self,
                                     const ViewState *old);
void _wick_viewport_clamp_time_span (ViewState       *s,
                                     double           anchor);
void _wick_viewport_sanitize_prices (ViewState       *s);

G_END_DECLS
