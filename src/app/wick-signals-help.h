/* wick-signals-help.h: the “How Signals Work” window and the texts it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wick-signals.h"

G_BEGIN_DECLS

#define WICK_TYPE_SIGNALS_HELP (wick_signals_help_get_type ())

G_DECLARE_FINAL_TYPE (WickSignalsHelp, wick_signals_help, WICK, SIGNALS_HELP, AdwWindow)

GtkWidget  *wick_signals_help_new                      (GtkWindow      *parent);
const char *wick_signals_help_get_introduction         (void);
const char *wick_signals_help_get_explanation          (WickSignalKind  kind);
const char *wick_signals_help_get_heatmap_explanation  (void);

G_END_DECLS
