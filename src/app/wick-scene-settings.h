/* wick-scene-settings.h: what the user's settings say a chart shows, for the window and for
 * `wick --export`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wick-scene.h"

G_BEGIN_DECLS

guint32    wick_scene_settings_get_hidden_kinds (GSettings *settings);
gboolean   wick_scene_settings_get_local_time   (GSettings *settings);
gboolean   wick_scene_settings_get_colorblind   (GSettings *settings);
GTimeZone *wick_scene_settings_read             (GSettings *settings,
                                                 WickScene *scene);

G_END_DECLS
