/* wick-csv-digits-private.h: ASCII digits read eight at a time, for both of the CSV reader's
 * paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Exact in binary: a decimal of at most 2^53 divided by one of these rounds as strtod does. */
static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/*
 * Eight ASCII digits at once (SWAR): load them as one little-endian 64-bit word, check that
 * every byte is '0'..'9', then combine pairs, quads and halves with three multiplications.
 * Numbers in market data are mostly “42283.58000000”: five digits, a point and eight.
 */
static inline guint64
read_eight (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);

  return GUINT64_FROM_LE (word);
}

static inline gboolean
is_eight_digits (guint64 word)
{
  /* A byte below '0' borrows in the subtraction, a byte above '9' carries in the addition. */
  return (((word + G_GUINT64_CONSTANT (0x4646464646464646)) |
           (word - G_GUINT64_CONSTANT (0x3030303030303030))) &
          G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

static inline guint32
parse_eight_digits (guint64 word)
{
  const guint64 mask = G_GUINT64_CONSTANT (0x000000FF000000FF);
  const guint64 mul1 = 100 + (G_GUINT64_CONSTANT (1000000) << 32);
  const guint64 mul2 = 1 + (G_GUINT64_CONSTANT (10000) << 32);

  word -= G_GUINT64_CONSTANT (0x3030303030303030);
  word = (word * 10) + (word >> 8);   /* each byte pair now holds a two-digit value */
  word = (((word & mask) * mul1) + (((word >> 16) & mask) * mul2)) >> 32;

  return (guint32) word;
}

G_END_DECLS
