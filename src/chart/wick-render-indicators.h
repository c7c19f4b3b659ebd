/* wick-render-indicators.h: indicator lines on the price pane, their colours and names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-palette.h"
#include "wick-signals.h"

G_BEGIN_DECLS

/* The width of an indicator's line, in logical pixels. */
#define WICK_RENDER_INDICATOR_LINE_WIDTH 1.5

const WickColor *wick_render_indicator_get_color (const WickPalette *palette,
                                                  WickIndicator      indicator);
const char      *wick_render_indicator_get_label (WickIndicator      indicator);

G_END_DECLS
