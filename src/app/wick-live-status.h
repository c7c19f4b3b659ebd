/* wick-live-status.h: the header bar's live indicator: a coloured dot and the last update
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wick-live-stream.h"

G_BEGIN_DECLS

#define WICK_TYPE_LIVE_STATUS (wick_live_status_get_type ())

G_DECLARE_FINAL_TYPE (WickLiveStatus, wick_live_status, WICK, LIVE_STATUS, AdwBin)

GtkWidget     *wick_live_status_new             (void);
WickLiveState  wick_live_status_get_state       (WickLiveStatus *self);
void           wick_live_status_set_state       (WickLiveStatus *self,
                                                 WickLiveState   state);
gint64         wick_live_status_get_last_update (WickLiveStatus *self);
void           wick_live_status_set_last_update (WickLiveStatus *self,
                                                 gint64          last_update);
gboolean       wick_live_status_get_local_time  (WickLiveStatus *self);
void           wick_live_status_set_local_time  (WickLiveStatus *self,
                                                 gboolean        local_time);
void           wick_live_status_set_exchange    (WickLiveStatus *self,
                                                 const char     *exchange);
const char    *wick_live_status_get_text        (WickLiveStatus *self);

G_END_DECLS
