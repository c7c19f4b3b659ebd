/* wick-format.h: numbers for labels and explanations, in the user's locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Prices are written with the decimal point and the digit grouping of LC_NUMERIC ("92,000.50"
 * in English, "92.000,50" in German). The C and POSIX locales name no grouping: there the
 * numbers come out the way the trading world writes them, with a comma between groups of three
 * digits ("92,000", "93,859.71"). Translated sentences take these as %s arguments, so a
 * translation never has to format a number itself. Output meant for programs (CSV, JSON,
 * tab-separated lists) does not use these: it writes numbers with g_ascii_formatd().
 */

/* Room for any value wick_format_grouped_into() writes. */
#define WICK_FORMAT_BUF_SIZE 1024

gsize  wick_format_grouped_into (char   *buffer,
                                 gsize   size,
                                 double  value,
                                 guint   decimals);
char  *wick_format_level        (double  price);
char  *wick_format_level_plain  (double  price);
char  *wick_format_usd          (double  usd);
char  *wick_format_percent      (double  fraction,
                                 guint   decimals);

G_END_DECLS
