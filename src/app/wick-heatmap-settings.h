/* wick-heatmap-settings.h: the heatmap's options as kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wick-heatmap-view.h"

G_BEGIN_DECLS

/* Values of the `heatmap-side` key */
typedef enum
{
  WICK_HEATMAP_SIDE_LONG,
  WICK_HEATMAP_SIDE_SHORT,
  WICK_HEATMAP_SIDE_BOTH,
} WickHeatmapSide;

GSettings       *wick_heatmap_settings_new_default (void);
void             wick_heatmap_settings_read        (GSettings                *settings,
                                                    WickHeatmapOptions       *options,
                                                    gboolean                 *is_visible);
void             wick_heatmap_settings_write       (GSettings                *settings,
                                                    const WickHeatmapOptions *options,
                                                    gboolean                  is_visible);
guint            wick_heatmap_sides_from_side      (WickHeatmapSide           side);
WickHeatmapSide  wick_heatmap_side_from_sides      (guint                     sides);

G_END_DECLS
