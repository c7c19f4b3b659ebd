/* wick-format.c: numbers for labels and explanations, in the user's locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-format"
/* For nl_langinfo (GROUPING), a GNU extension. */
#define _GNU_SOURCE

#include "config.h"

#include "wick-format.h"

#include <langinfo.h>
#include <limits.h>
#include <math.h>
#include <string.h>

/* The longest decimal point or group separator taken from a locale, in bytes; a narrow
 * no-break space is three. */
#define SYMBOL_MAX 8

typedef struct
{
  char        point[SYMBOL_MAX + 1];
  char        separator[SYMBOL_MAX + 1];
  const char *grouping;  /* Borrowed: sizes of the groups from the right, as localeconv () */
} NumericSymbols;

/* LC_NUMERIC's decimal point and digit grouping. nl_langinfo () reads the locale without
 * touching shared state, so analyses on worker threads may call this too. */
static void
numeric_symbols_init (NumericSymbols *symbols)
{
  const char *point = nl_langinfo (RADIXCHAR);
  const char *separator = nl_langinfo (THOUSEP);
#ifdef GROUPING
  const char *grouping = nl_langinfo (GROUPING);
#else
  const char *grouping = "\3";
#endif

  if (point == NULL || point[0] == '\0' || strlen (point) > SYMBOL_MAX)
    point = ".";
  if (separator == NULL || strlen (separator) > SYMBOL_MAX)
    separator = "";
  if (grouping == NULL)
    grouping = "";

  /* The C and POSIX locales group nothing: prices then read as exchanges write them. */
  if (separator[0] == '\0' && strcmp (point, ",") != 0)
    {
      separator = ",";
      grouping = "\3";
    }

  g_strlcpy (symbols->point, point, sizeof symbols->point);
  g_strlcpy (symbols->separator, separator, sizeof symbols->separator);
  symbols->grouping = separator[0] != '\0' ? grouping : "";
}

static guint
group_size (const char *grouping)
{
  return grouping[0] > 0 && grouping[0] != CHAR_MAX ? (guint) grouping[0] : 0;
}

/* Writes the @n_digits ASCII digits of a whole number to @out with the locale's separator
 * between its groups, in at most @room bytes (without them when they would not fit). The
 * groups are counted from the right: each byte of the grouping gives the next group's size,
 * the last one repeats, CHAR_MAX ends the grouping. */
static gsize
append_grouped (char                 *out,
                gsize                 room,
                const char           *digits,
                gsize                 n_digits,
                const NumericSymbols *symbols)
{
  char reversed[WICK_FORMAT_BUF_SIZE];
  const char *grouping = symbols->grouping;
  gsize separator_len = strlen (symbols->separator);
  gsize start = sizeof reversed - MIN (room, sizeof reversed);
  gsize pos = sizeof reversed, i;
  guint size = group_size (grouping);
  guint in_group = 0;

  g_assert (n_digits <= room);

  for (i = n_digits; i > 0; i--)
    {
      if (size > 0 && in_group == size)
        {
          if (pos - start < separator_len + i)
            {
              memcpy (out, digits, n_digits);
              return n_digits;
            }
          pos -= separator_len;
          memcpy (reversed + pos, symbols->separator, separator_len);
          in_group = 0;
          if (grouping[1] != '\0')
            grouping++;
          size = group_size (grouping);
        }
      reversed[--pos] = digits[i - 1];
      in_group++;
    }

  memcpy (out, reversed + pos, sizeof reversed - pos);
  return sizeof reversed - pos;
}

/* Room left for the decimal point, 12 decimals and the NUL after the whole part. */
#define FRACTION_ROOM (SYMBOL_MAX + 12 + 1)

/* printf's rounding of @magnitude to @decimals digits, with integers, when that is certain to
 * give the same digits: always but for values within rounding error of a tie, left to printf. */
static gboolean
format_fast (char                 *out,
             double                magnitude,
             guint                 decimals,
             gboolean              negative,
             const NumericSymbols *symbols)
{
  static const double scales[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };
  char digits[24];
  double scaled, whole, fraction;
  guint64 units, scale, integer;
  gsize len = 0, n = 0, i;

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

  integer = units / scale;
  do
    {
      digits[sizeof digits - 1 - n++] = (char) ('0' + integer % 10);
      integer /= 10;
    }
  while (integer > 0);
  len += append_grouped (out + len, WICK_FORMAT_BUF_SIZE - len - FRACTION_ROOM,
                         digits + sizeof digits - n, n, symbols);

  if (decimals > 0)
    {
      guint64 rest = units % scale;
      gsize point_len = strlen (symbols->point);

      memcpy (out + len, symbols->point, point_len);
      len += point_len;
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

/* @value with @decimals digits after the point, grouped. */
static gsize
format_grouped (char                 *buffer,
                gsize                 size,
                double                value,
                guint                 decimals,
                const NumericSymbols *symbols)
{
  char format[8];
  char plain[G_ASCII_DTOSTR_BUF_SIZE + 320];
  char grouped[WICK_FORMAT_BUF_SIZE];
  const char *digits = plain;
  const char *point;
  gboolean negative = FALSE;
  gboolean all_zero = TRUE;
  gsize int_len, out = 0, i;

  if (!isfinite (value))
    return g_strlcpy (buffer, isnan (value) ? "–" : (value > 0 ? "∞" : "-∞"), size);

  decimals = MIN (decimals, 12);

  if (format_fast (grouped, fabs (value), decimals, value < 0, symbols))
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
  out += append_grouped (grouped + out, sizeof grouped - out - FRACTION_ROOM,
                         digits, int_len, symbols);

  if (point != NULL)
    {
      gsize point_len = strlen (symbols->point);
      gsize rest = strlen (point + 1);

      memcpy (grouped + out, symbols->point, point_len);
      out += point_len;
      memcpy (grouped + out, point + 1, rest);
      out += rest;
    }
  grouped[out] = '\0';

  return g_strlcpy (buffer, grouped, size);
}

/**
 * wick_format_grouped_into:
 * @buffer: (out caller-allocates): where the text goes, NUL-terminated
 * @size: room in @buffer; %WICK_FORMAT_BUF_SIZE is always enough
 * @value: the value
 * @decimals: digits after the point (at most 12)
 *
 * Formats @value with the decimal point and digit groups of LC_NUMERIC ("92,000.50",
 * "92.000,50"; in the C locale "92,000", "93,859.71"). A value that rounds to zero has no
 * minus sign; NaN is "–" and infinities "∞" and "-∞".
 *
 * Returns: the length written, without the NUL
 */
gsize
wick_format_grouped_into (char   *buffer,
                          gsize   size,
                          double  value,
                          guint   decimals)
{
  NumericSymbols symbols;

  g_return_val_if_fail (buffer != NULL && size > 0, 0);

  numeric_symbols_init (&symbols);
  return format_grouped (buffer, size, value, decimals, &symbols);
}

/* Two decimals from 1 up, about four significant digits below. */
static guint
level_decimals (double price)
{
  double magnitude = fabs (price);

  if (isfinite (magnitude) && magnitude > 0 && magnitude < 1)
    return (guint) MIN (10, 3 - floor (log10 (magnitude)));

  return 2;
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
  NumericSymbols symbols;
  guint decimals = level_decimals (price);
  gsize len, point_len;

  numeric_symbols_init (&symbols);
  len = format_grouped (buffer, sizeof buffer, price, decimals, &symbols);
  point_len = strlen (symbols.point);
  if (decimals == 2 && isfinite (price) && len > point_len + 2 &&
      strcmp (buffer + len - 2, "00") == 0 &&
      memcmp (buffer + len - 2 - point_len, symbols.point, point_len) == 0)
    buffer[len - 2 - point_len] = '\0';

  return g_strdup (buffer);
}

/**
 * wick_format_level_plain:
 * @price: a price
 *
 * A price as an order form or a program takes it, whatever the locale: a "." point, no
 * grouping, the decimals of wick_format_level() ("91540", "94789.08", "0.01234").
 *
 * Returns: (transfer full): the text
 */
char *
wick_format_level_plain (double price)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char format[8];
  guint decimals = level_decimals (price);
  gsize len;

  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, price);
  len = strlen (buffer);
  if (decimals == 2 && len > 3 && strcmp (buffer + len - 3, ".00") == 0)
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
