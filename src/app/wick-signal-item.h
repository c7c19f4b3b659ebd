/* wick-signal-item.h: one signal as a row of the signals panel reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-signals.h"

G_BEGIN_DECLS

#define WICK_TYPE_SIGNAL_ITEM (wick_signal_item_get_type ())

G_DECLARE_FINAL_TYPE (WickSignalItem, wick_signal_item, WICK, SIGNAL_ITEM, GObject)

WickSignalItem *wick_signal_item_new             (WickSignals      *signals,
                                                  guint             index);
gboolean        wick_signal_item_is_same_signal  (WickSignalItem   *self,
                                                  const WickSignal *signal);
void            wick_signal_item_update          (WickSignalItem   *self,
                                                  WickSignals      *signals,
                                                  guint             index);
guint           wick_signal_item_get_index       (WickSignalItem   *self);
WickSignalKind  wick_signal_item_get_kind        (WickSignalItem   *self);
gint64          wick_signal_item_get_time_ms     (WickSignalItem   *self);
const char     *wick_signal_item_get_title       (WickSignalItem   *self);
const char     *wick_signal_item_get_subtitle    (WickSignalItem   *self);
const char     *wick_signal_item_get_explanation (WickSignalItem   *self);
double          wick_signal_item_get_strength    (WickSignalItem   *self);

G_END_DECLS
