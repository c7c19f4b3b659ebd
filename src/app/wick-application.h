/* wick-application.h: the application, its command line and its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>

#include "wick-candle-cache.h"
#include "wick-endpoints.h"

G_BEGIN_DECLS

#define WICK_TYPE_APPLICATION (wick_application_get_type ())
#define WICK_APPLICATION_DEFAULT (WICK_APPLICATION (g_application_get_default ()))

G_DECLARE_FINAL_TYPE (WickApplication, wick_application, WICK, APPLICATION, AdwApplication)

WickApplication     *wick_application_new              (void);
GSettings           *wick_application_get_settings     (WickApplication *self);
SoupSession         *wick_application_get_session      (WickApplication *self);
const WickEndpoints *wick_application_get_endpoints    (WickApplication *self);
WickCandleCache     *wick_application_get_candle_cache (WickApplication *self);

G_END_DECLS
