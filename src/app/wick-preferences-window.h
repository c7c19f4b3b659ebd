/* wick-preferences-window.h: the preferences, each a GSettings key applied at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Values of the `startup-market` key */
typedef enum
{
  WICK_STARTUP_MARKET_LAST,     /* the market shown last (last-source, …) */
  WICK_STARTUP_MARKET_DEFAULT,  /* the one chosen (default-source, …) */
} WickStartupMarket;

#define WICK_TYPE_PREFERENCES_WINDOW (wick_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (WickPreferencesWindow, wick_preferences_window, WICK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *wick_preferences_window_new          (GSettings             *settings);
GSettings *wick_preferences_window_get_settings (WickPreferencesWindow *self);

G_END_DECLS
