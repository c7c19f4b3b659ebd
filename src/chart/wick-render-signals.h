/* wick-render-signals.h: where a signal's marker sits, for the renderer and the pointer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-lod.h"
#include "wick-signals.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

/* A marker is a small arrow pointing at its candle with a tag badge beyond it, in logical
 * pixels: the badge is odd-wide so it centres on the candle's one-pixel wick. */
#define WICK_RENDER_SIGNAL_BADGE_WIDTH  25.0
#define WICK_RENDER_SIGNAL_BADGE_HEIGHT 16.0
#define WICK_RENDER_SIGNAL_ARROW_HEIGHT 6.0
/* Between the candle's low (or high) and the arrow's point, and between stacked badges. */
#define WICK_RENDER_SIGNAL_GAP          3.0
/* How many badges out a marker moves, at most, to clear the markers beside it. */
#define WICK_RENDER_SIGNAL_MAX_LEVELS   6
/* How far outside a marker the pointer still hits it. */
#define WICK_RENDER_SIGNAL_HIT_SLOP     2.0

typedef struct
{
  WickRect badge;      /* the tag's box, on whole pixels */
  WickRect bounds;     /* the badge and, when it has one, the arrow */
  double   tip_x;      /* the arrow's point, beside the candle */
  double   tip_y;
  double   base_y;     /* where the arrow's base meets the badge */
  gboolean has_arrow;  /* only a marker next to its candle; moved-out ones have none */
  gboolean is_above;   /* bearish: over the candle's high, pointing down */
} WickSignalMarker;

const char *wick_render_signal_tag          (const WickSignal *signal);
gboolean    wick_render_signal_marker       (WickSignals      *signals,
                                             WickViewport     *viewport,
                                             guint             index,
                                             WickSignalMarker *marker);
gboolean    wick_render_signal_marker_full  (WickSignals      *signals,
                                             WickViewport     *viewport,
                                             WickLod          *lod,
                                             guint             index,
                                             guint32           hidden_kinds,
                                             WickSignalMarker *marker);
int         wick_render_signals_hit_test    (WickSignals      *signals,
                                             WickViewport     *viewport,
                                             int               selected,
                                             double            x,
                                             double            y);
int         wick_render_signals_hit_test_full (WickSignals    *signals,
                                             WickViewport     *viewport,
                                             WickLod          *lod,
                                             int               selected,
                                             guint32           hidden_kinds,
                                             double            x,
                                             double            y);
char       *wick_render_signals_dup_tooltip (WickSignals      *signals,
                                             guint             index);

G_END_DECLS
