/* wick-market-picker.h: the header bar's exchange, symbol and interval buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WICK_TYPE_MARKET_PICKER (wick_market_picker_get_type ())

G_DECLARE_FINAL_TYPE (WickMarketPicker, wick_market_picker, WICK, MARKET_PICKER, AdwBin)

GtkWidget  *wick_market_picker_new            (void);
const char *wick_market_picker_get_source     (WickMarketPicker *self);
const char *wick_market_picker_get_symbol     (WickMarketPicker *self);
const char *wick_market_picker_get_interval   (WickMarketPicker *self);
void        wick_market_picker_set_market     (WickMarketPicker *self,
                                               const char       *source,
                                               const char       *symbol,
                                               const char       *interval);
void        wick_market_picker_popup          (WickMarketPicker *self);
gboolean    wick_market_picker_is_exchange    (const char       *source);
char       *wick_market_picker_normalize_symbol (const char     *text);
const char * const *wick_market_picker_get_sources     (void);
const char         *wick_market_picker_get_source_title (const char *source);
const char * const *wick_market_picker_get_intervals   (void);
gboolean            wick_market_picker_offers_interval (const char *source,
                                                        const char *interval);

G_END_DECLS
