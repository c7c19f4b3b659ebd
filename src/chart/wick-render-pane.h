/* wick-render-pane.h: the lower indicator pane, RSI (14) or MACD (12, 26, 9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-palette.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

/* RSI's scale and guides. */
#define WICK_RENDER_PANE_RSI_LOW  30.0
#define WICK_RENDER_PANE_RSI_HIGH 70.0

double wick_render_pane_rsi_to_y (const WickRect *pane,
                                  double          rsi);

G_END_DECLS
