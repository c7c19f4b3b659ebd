/* wick-format.h: locale-independent numbers for labels and explanations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Prices are written the way the chart and the trading world write them, whatever the locale:
 * a point for decimals and a comma between groups of three digits ("92,000", "93,859.71").
 * Translated sentences take these as %s arguments, so a translation never has to format a
 * number itself.
 */

/* Room for any value wick_format_grouped_into() writes. */
#define WICK_FORMAT_BUF_SIZE 512

gsize  wick_format_grouped_into (char   *buffer,
                                 gsize   size,
                                 double  value,
                                 guint   decimals);
char  *wick_format_level        (double  price);
char  *wick_format_usd          (double  usd);
char  *wick_format_percent      (double  fraction,
                                 guint   decimals);

G_END_DECLS
