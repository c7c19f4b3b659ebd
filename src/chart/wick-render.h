/* wick-render.h: the one drawing path, used by the widget and by every export format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "wick-scene.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

/* The static part: background, grid, volume, candles, axes, last price, title block. */
void wick_render_static  (cairo_t         *cr,
                          const WickScene *scene,
                          WickViewport    *viewport);
/* The moving part: crosshair with its axis labels and the OHLCV legend. */
void wick_render_overlay (cairo_t         *cr,
                          const WickScene *scene,
                          WickViewport    *viewport);
/* Both, in order. */
void wick_render         (cairo_t         *cr,
                          const WickScene *scene,
                          WickViewport    *viewport);

G_END_DECLS
