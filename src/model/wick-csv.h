/* wick-csv.h: fast parsers for candle, liquidation and open-interest CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-liquidations.h"
#include "wick-open-interest.h"
#include "wick-series.h"

G_BEGIN_DECLS

#define WICK_CSV_ERROR (wick_csv_error_quark ())

typedef enum
{
  WICK_CSV_ERROR_EMPTY,          /* no data rows */
  WICK_CSV_ERROR_COLUMNS,        /* a row with the wrong number of columns */
  WICK_CSV_ERROR_NOT_A_NUMBER,   /* a field that does not parse */
  WICK_CSV_ERROR_INVALID_VALUE,  /* a row the model rejects (not finite, negative, high < low) */
  WICK_CSV_ERROR_OUT_OF_ORDER,   /* a time not after the row before it */
  WICK_CSV_ERROR_DUPLICATE,      /* a time equal to the row before it */
  WICK_CSV_ERROR_INTERVAL,       /* the interval cannot be inferred (a single row) */
  WICK_CSV_ERROR_MISSING_COLUMN, /* a header without a column the file needs */
} WickCsvError;

GQuark            wick_csv_error_quark         (void);
WickSeries       *wick_csv_parse_candles       (const char  *data,
                                                gsize        len,
                                                gint64       interval_ms,
                                                GError     **error);
WickLiquidations *wick_csv_parse_liquidations  (const char  *data,
                                                gsize        len,
                                                gint64       bucket_ms,
                                                GError     **error);
WickOpenInterest *wick_csv_parse_open_interest (const char  *data,
                                                gsize        len,
                                                gint64       interval_ms,
                                                GError     **error);

G_END_DECLS
