/* wick-render-zones.h: where a detected zone's pin sits, for the renderer and the pointer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-level-store.h"
#include "wick-viewport.h"
#include "wick-zones.h"

G_BEGIN_DECLS

/* The side of the square pin at the right end of a zone's band, and its gap to the plot's
 * right edge, in logical pixels. */
#define WICK_RENDER_ZONE_PIN_SIZE   14.0
#define WICK_RENDER_ZONE_PIN_MARGIN 10.0

gboolean wick_render_zone_pin_rect (WickViewport   *viewport,
                                    WickLevelStore *levels,
                                    const WickZone *zone,
                                    WickRect       *rect);

G_END_DECLS
