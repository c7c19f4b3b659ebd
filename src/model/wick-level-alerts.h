/* wick-level-alerts.h: which price lines a move of the live price crossed, and how to say so
 *
 * Pure model: no GTK, no notifications. The window feeds it each move of the last close and
 * turns what it finds into notifications.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-level-store.h"

G_BEGIN_DECLS

gboolean   wick_level_is_crossed      (double           line_price,
                                       double           previous,
                                       double           current);
GPtrArray *wick_level_alerts_find     (WickLevelStore  *store,
                                       double           previous,
                                       double           current);
char      *wick_level_alerts_describe (const char      *symbol,
                                       const WickLevel *level,
                                       double           previous,
                                       double           current);

G_END_DECLS
