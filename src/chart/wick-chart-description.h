/* wick-chart-description.h: what the chart shows, in sentences for a screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-scene.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

char *wick_chart_description_build (const WickScene *scene,
                                    WickViewport    *viewport);

G_END_DECLS
