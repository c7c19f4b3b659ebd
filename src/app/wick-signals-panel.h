/* wick-signals-panel.h: the side panel listing the reversal signals, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wick-signals.h"

G_BEGIN_DECLS

#define WICK_TYPE_SIGNALS_PANEL (wick_signals_panel_get_type ())

G_DECLARE_FINAL_TYPE (WickSignalsPanel, wick_signals_panel, WICK, SIGNALS_PANEL, AdwBin)

GtkWidget   *wick_signals_panel_new             (void);
WickSignals *wick_signals_panel_get_signals     (WickSignalsPanel *self);
void         wick_signals_panel_set_signals     (WickSignalsPanel *self,
                                                 WickSignals      *signals);
int          wick_signals_panel_get_kind_filter (WickSignalsPanel *self);
void         wick_signals_panel_set_kind_filter (WickSignalsPanel *self,
                                                 int               kind);
guint32      wick_signals_panel_get_hidden_kinds (WickSignalsPanel *self);
void         wick_signals_panel_set_hidden_kinds (WickSignalsPanel *self,
                                                  guint32           hidden_kinds);
GListModel  *wick_signals_panel_get_model       (WickSignalsPanel *self);
gboolean     wick_signals_panel_select_adjacent (WickSignalsPanel *self,
                                                 int               direction,
                                                 gint64            reference_ms);

G_END_DECLS
