/* wick-lod.h: level-of-detail pyramid for drawing many candles per pixel column
 *
 * Level k holds one aggregate (first open, max high, min low, last close, summed volume)
 * per 2^k candles, so any index range aggregates in O(log n).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-series.h"

G_BEGIN_DECLS

typedef struct _WickLod WickLod;

WickLod    *wick_lod_new         (WickSeries *series);
void        wick_lod_free        (WickLod    *self);
void        wick_lod_update      (WickLod    *self);
void        wick_lod_update_from (WickLod    *self,
                                  guint       first_changed);
guint       wick_lod_get_length  (WickLod    *self);
WickSeries *wick_lod_get_series  (WickLod    *self);
gboolean    wick_lod_aggregate   (WickLod    *self,
                                  guint       first,
                                  guint       end,
                                  WickCandle *out);
gboolean    wick_lod_extremes    (WickLod    *self,
                                  guint       first,
                                  guint       end,
                                  double     *low,
                                  double     *high);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickLod, wick_lod_free)

G_END_DECLS
