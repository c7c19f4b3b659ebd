/* wick-market.h: one market as loaded from a source: candles, liquidations, open interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-liquidations.h"
#include "wick-open-interest.h"
#include "wick-series.h"

G_BEGIN_DECLS

#define WICK_TYPE_MARKET (wick_market_get_type ())

G_DECLARE_FINAL_TYPE (WickMarket, wick_market, WICK, MARKET, GObject)

WickMarket       *wick_market_new                (const char       *exchange,
                                                  const char       *symbol,
                                                  const char       *interval,
                                                  WickSeries       *series);
const char       *wick_market_get_exchange       (WickMarket       *self);
const char       *wick_market_get_symbol         (WickMarket       *self);
const char       *wick_market_get_interval       (WickMarket       *self);
const char       *wick_market_get_source_label   (WickMarket       *self);
void              wick_market_set_source_label   (WickMarket       *self,
                                                  const char       *source_label);
gboolean          wick_market_get_is_synthetic   (WickMarket       *self);
void              wick_market_set_is_synthetic   (WickMarket       *self,
                                                  gboolean          is_synthetic);
WickSeries       *wick_market_get_series         (WickMarket       *self);
WickLiquidations *wick_market_get_liquidations   (WickMarket       *self);
void              wick_market_set_liquidations   (WickMarket       *self,
                                                  WickLiquidations *liquidations);
WickOpenInterest *wick_market_get_open_interest  (WickMarket       *self);
void              wick_market_set_open_interest  (WickMarket       *self,
                                                  WickOpenInterest *open_interest);
char             *wick_market_dup_title          (WickMarket       *self);
gint64            wick_interval_parse_ms         (const char       *interval);
char             *wick_interval_format_ms        (gint64            interval_ms);

G_END_DECLS
