/* wick-window.h: the main window: header bar, chart and toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wick-chart.h"
#include "wick-live-feed.h"
#include "wick-source.h"

G_BEGIN_DECLS

#define WICK_TYPE_WINDOW (wick_window_get_type ())

G_DECLARE_FINAL_TYPE (WickWindow, wick_window, WICK, WINDOW, AdwApplicationWindow)

WickWindow *wick_window_new                (GtkApplication *application);
WickChart  *wick_window_get_chart          (WickWindow     *self);
void        wick_window_load_source        (WickWindow     *self,
                                            WickSource     *source,
                                            const char     *spec,
                                            const char     *symbol,
                                            const char     *interval);
gboolean    wick_window_is_loading         (WickWindow     *self);
gboolean    wick_window_is_heatmap_pending (WickWindow     *self);
void        wick_window_show_toast         (WickWindow     *self,
                                            const char     *message);
WickLiveFeed *wick_window_get_live_feed    (WickWindow     *self);

G_END_DECLS
