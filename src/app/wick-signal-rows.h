/* wick-signal-rows.h: an analysis' signals as the rows of a list, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wick-signals.h"

G_BEGIN_DECLS

#define WICK_TYPE_SIGNAL_ROWS (wick_signal_rows_get_type ())

G_DECLARE_FINAL_TYPE (WickSignalRows, wick_signal_rows, WICK, SIGNAL_ROWS, GObject)

WickSignalRows *wick_signal_rows_new             (void);
WickSignals    *wick_signal_rows_get_signals     (WickSignalRows *self);
void            wick_signal_rows_set_signals     (WickSignalRows *self,
                                                  WickSignals    *signals);
guint32         wick_signal_rows_get_shown_kinds (WickSignalRows *self);
void            wick_signal_rows_set_shown_kinds (WickSignalRows *self,
                                                  guint32         shown_kinds);
guint           wick_signal_rows_get_index       (WickSignalRows *self,
                                                  guint           position);

G_END_DECLS
