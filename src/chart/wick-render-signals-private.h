/* wick-render-signals-private.h: what the markers' layout and drawing share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-render-private.h"
#include "wick-render-signals.h"

G_BEGIN_DECLS

/* A marker and its signal, as laid out. */
typedef struct
{
  guint            index;
  WickSignalMarker marker;
} WickPlacedMarker;

GArray                 *_wick_render_signals_layout      (WickSignals  *signals,
                                                          WickViewport *viewport,
                                                          WickLod      *lod,
                                                          int           selected,
                                                          guint32       hidden_kinds);
const WickPlacedMarker *_wick_render_signals_find_placed (GArray       *placed,
                                                          guint         index);

G_END_DECLS
