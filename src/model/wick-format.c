/* wick-format.c: locale-independent numbers for labels and explanations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-format"

#include "config.h"

#include "wick-format.h"

#include <math.h>
#include <string.h>

/* Digits of a whole number below 2^52 with a comma every three: the fast path. */
static gsize
append_grouped (char    *out,
                guint64  whole)
{
  char digits[24];
  gsize n = 0, len = 0, i;

  do
    {
      digits[n++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);

  for (i = n; i > 0; i--)
    {
      out[len++] = digits[i - 1];
      if (i > 1 && (i - 1) % 3 == 0)
        out[len++] = ',';
    }

  return len;
}

/* printf's rounding of @magnitude to @decimals digits, with integers, when that is certain to
 * give the same digits: always but for values within rounding error of a tie, left to printf. */
static gboolean
format_fast (char   *out,
             double  magnitude,
             guint   decimals,
             gboolean negative)
{
  static const double scales[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };
  double scaled, whole, fraction;
  guint64 units, scale;
  gsize len = 0;
  guint i;

  if (decimals >= G_N_ELEMENTS (scales))
    return FALSE;

  scaled = magnitude * scales[decimals];
  if (!(scaled < 4e15))
    return FALSE;

  whole = floor (scaled);
  fraction = scaled - whole;
  if (fabs (fraction - 0.5) <= 1e-14 * MAX (scaled, 1.0))
    return FALSE;

  units = (guint64) whole + (fraction > 0.5 ? 1 : 0);
  scale = (guint64) scales[decimals];

  if (negative && units > 0)
    out[len++] = '-';
  len += append_grouped (out + len, units / scale);

  if (decimals > 0)
    {
      guint64 rest = units % scale;

      out[len++] = '.';
      for (i = decimals; i > 0; i--)
        {
          out[len + i - 1] = (char) ('0' + rest % 10);
          rest /= 10;
        }
      len += decimals;
    }

  out[len] = '\0';
  return TRUE;
}

/**
 * wick_format_grouped_into:
 * @buffer: (out caller-allocates): where the text goes, NUL-terminated
 * @size: room in @buffer; %WICK_FORMAT_BUF_SIZE is always enough
 * @value: the value
 * @decimals: digits after the point (at most 12)
 *
 * Formats @value with a point for decimals and a comma between groups of three digits
 * ("92,000", "93,859.71"), whatever the locale. A value that rounds to zero has no minus
 * sign; NaN is "–" and infinities "∞" and "-∞".
 *
 * Returns: the length written, without the NUL
 */
gsize
wick_format_grouped_into (char   *buffer,
                          gsize   size,
                          double  value,
                          guint   decimals)
{
  char format[8];
  char plain[G_ASCII_DTOSTR_BUF_SIZE + 320];
  char grouped[sizeof plain * 2];
  const char *digits = plain;
  const char *point;
  gboolean negative = FALSE;
  gboolean all_zero = TRUE;
  gsize int_len, out = 0, i;

  g_return_val_if_fail (buffer != NULL && size > 0, 0);

  if (!isfinite (value))
    return g_strlcpy (buffer, isnan (value) ? "–" : (value > 0 ? "∞" : "-∞"), size);

  decimals = MIN (decimals, 12);

  if (format_fast (grouped, fabs (value), decimals, value < 0))
    return g_strlcpy (buffer, grouped, size);

  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (plain, sizeof plain, format, value);

  if (digits[0] == '-')
    {
      negative = TRUE;
      digits++;
    }

  for (i = 0; digits[i] != '\0'; i++)
    if (digits[i] >= '1' && digits[i] <= '9')
      all_zero = FALSE;

  point = strchr (digits, '.');
  int_len = point != NULL ? (gsize) (point - digits) : strlen (digits);

  if (negative && !all_zero)
    grouped[out++] = '-';

  for (i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        grouped[out++] = ',';
      grouped[out++] = digits[i];
    }

  if (point != NULL)
    {
      gsize rest = strlen (point);

      memcpy (grouped + out, point, rest);
      out += rest;
    }
  grouped[out] = '\0';

  return g_strlcpy (buffer, grouped, size);
}

/**
 * wick_format_level:
 * @price: a price
 *
 * A price as an explanation quotes it: two decimals from 1 up, dropped when they are zero
 * ("91,540", "94,789.08"), and about four significant digits below 1 ("0.01234").
 *
 * Returns: (transfer full): the text
 */
char *
wick_format_level (double price)
{
  char buffer[WICK_FORMAT_BUF_SIZE];
  double magnitude = fabs (price);
  guint decimals = 2;
  gsize len;

  if (isfinite (magnitude) && magnitude > 0 && magnitude < 1)
    decimals = (guint) MIN (10, 3 - floor (log10 (magnitude)));

  len = wick_format_grouped_into (buffer, sizeof buffer, price, decimals);
  if (decimals == 2 && len > 3 && g_str_has_suffix (buffer, ".00"))
    buffer[len - 3] = '\0';

  return g_strdup (buffer);
}

/**
 * wick_format_usd:
 * @usd: an amount in US dollars
 *
 * A dollar amount to three significant digits with a K, M or B suffix: "$427M", "$42.7M",
 * "$1.23B", "$950K"; below a thousand, whole dollars ("$640").
 *
 * Returns: (transfer full): the text
 */
char *
wick_format_usd (double usd)
{
  static const struct { double scale; const char *suffix; } units[] = {
    { 1e9, "B" }, { 1e6, "M" }, { 1e3, "K" },
  };
  char number[WICK_FORMAT_BUF_SIZE];
  double magnitude = fabs (usd);
  guint i;

  if (!isfinite (usd))
    return g_strdup ("–");

  for (i = 0; i < G_N_ELEMENTS (units); i++)
    {
      double scaled = magnitude / units[i].scale;

      if (scaled >= 0.9995)
        {
          /* Three significant digits, counted after rounding (999.95K is $1.00M). */
          guint decimals = scaled >= 99.95 ? 0 : scaled >= 9.995 ? 1 : 2;

          wick_format_grouped_into (number, sizeof number, scaled, decimals);
          return g_strdup_printf ("%s$%s%s", usd < 0 ? "-" : "", number, units[i].suffix);
        }
    }

  wick_format_grouped_into (number, sizeof number, magnitude, 0);
  return g_strdup_printf ("%s$%s", usd < 0 && magnitude >= 0.5 ? "-" : "", number);
}

/**
 * wick_format_percent:
 * @fraction: a ratio, 0.0312 for 3.12 %
 * @decimals: digits after the point
 *
 * The number of per cent, without the sign, which the translated sentence places ("3.12",
 * "148"). Negative fractions keep their minus sign.
 *
 * Returns: (transfer full): the text
 */
char *
wick_format_percent (double fraction,
                     guint  decimals)
{
  char buffer[WICK_FORMAT_BUF_SIZE];

  wick_format_grouped_into (buffer, sizeof buffer, fraction * 100.0, decimals);
  return g_strdup (buffer);
}
