/* wick-render.h: the one drawing path, used by the widget and by every export format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "wick-scene.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

/* Height of the title block (exports): the header of the viewport when it is shown. */
#define WICK_RENDER_TITLE_BLOCK_HEIGHT 52.0

/* Candles narrower than this many logical pixels are drawn as one aggregated candle per
 * device-pixel column, from the scene's level-of-detail pyramid. */
#define WICK_RENDER_MIN_CANDLE_WIDTH 1.5

/* Smallest distance between price ticks and between time ticks, in logical pixels: the
 * renderer passes these to wick_axis_price_ticks() and wick_axis_choose_time_step(). */
#define WICK_RENDER_PRICE_TICK_SPACING 40.0
#define WICK_RENDER_TIME_TICK_SPACING  80.0

/* The static part: background, grid, liquidation heatmap, zone bands and pins, volume,
 * candles, liquidation bubbles, price lines (but the one being dragged), axes, last price,
 * heatmap legend, title block. */
void wick_render_static  (cairo_t         *cr,
                          const WickScene *scene,
                          WickViewport    *viewport);
/* The moving part: crosshair with its axis labels, the price line being dragged with its
 * label, and the OHLCV legend. */
void wick_render_overlay (cairo_t         *cr,
                          const WickScene *scene,
                          WickViewport    *viewport);
/* Both, in order. */
void wick_render         (cairo_t         *cr,
                          const WickScene *scene,
                          WickViewport    *viewport);

G_END_DECLS
