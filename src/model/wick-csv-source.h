/* wick-csv-source.h: a market read from the user's own CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-source.h"

G_BEGIN_DECLS

#define WICK_TYPE_CSV_SOURCE (wick_csv_source_get_type ())

G_DECLARE_FINAL_TYPE (WickCsvSource, wick_csv_source, WICK, CSV_SOURCE, GObject)

WickSource *wick_csv_source_new (const char *candles_path,
                                 const char *liquidations_path,
                                 const char *open_interest_path);

G_END_DECLS
