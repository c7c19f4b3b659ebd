/* wick-csv.c: the shared CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-csv"

#include "config.h"

#include "wick-csv.h"

#include "wick-csv-digits-private.h"
#include "wick-csv-private.h"
#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/*
 * The files are plain numeric CSV: one row per line, fields separated by commas, the first
 * column a time in milliseconds. The reader walks the buffer once, line by line, and parses
 * each field in place: no copies, no per-field allocation. A row of plain numbers, the usual
 * kind, is read by a fast path (wick-csv-fast.c) that finds a line's commas 16 bytes at a
 * time and parses each field's digits at once; any other row by the careful path (memchr
 * finds the line's end, digits are read eight at a time where possible). A decimal number of
 * at most 19 digits whose digits fit in 2^53 is exact as an integer, and so is the power of ten
 * (up to 10^22) it is divided by; one IEEE 754 division then rounds correctly, so the result is
 * exactly strtod's, on either path. Anything else (exponents, long mantissas, “nan”) goes
 * through g_ascii_strtod on a small stack copy.
 *
 * Accepted: an optional UTF-8 byte order mark, an optional header row (recognised because its
 * first field is not a number), LF or CRLF line ends, no final newline, blank lines, spaces
 * around fields and double quotes around a number. Columns after the ones we need are
 * ignored, but every row must have as many columns as the first.
 *
 * The candle parser is in wick-csv-candles.c; the liquidation and open-interest parsers, which
 * find their columns by header name, are in wick-csv-columns.c. Both read through the
 * functions of wick-csv-private.h.
 */

#define MAX_FIELD_QUOTE 40   /* bytes of a bad field quoted back in an error message */

G_DEFINE_QUARK (wick-csv-error-quark, wick_csv_error)

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_digit (char c)
{
  return (guint)(c - '0') <= 9;
}

/* Steps over an optional closing quote and spaces; returns where the field ends (a comma or
 * @end), or NULL if something else follows the number. */
static inline const char *
skip_field_tail (const char *p,
                 const char *end,
                 gboolean    quoted)
{
  if (quoted)
    {
      if (p >= end || *p != '"')
        return NULL;
      p++;
    }

  while (p < end && is_space (*p))
    p++;

  return p == end || *p == ',' ? p : NULL;
}

/* Trims spaces and one pair of surrounding quotes from [*start, *stop). */
void
_wick_csv_trim_field (const char **start,
                      const char **stop)
{
  while (*start < *stop && is_space (**start))
    (*start)++;
  while (*stop > *start && is_space ((*stop)[-1]))
    (*stop)--;
  if (*stop - *start >= 2 && **start == '"' && (*stop)[-1] == '"')
    {
      (*start)++;
      (*stop)--;
    }
}

static gboolean
parse_double_slow (const char *start,
                   const char *stop,
                   double     *out)
{
  char buf[128];
  char *endptr = NULL;
  gsize n;

  _wick_csv_trim_field (&start, &stop);
  n = stop - start;

  /* g_ascii_strtod would skip leading white space and read hexadecimal; neither belongs in a
   * CSV number. */
  if (n == 0 || n >= sizeof buf || g_ascii_isspace (*start) ||
      memchr (start, 'x', n) != NULL || memchr (start, 'X', n) != NULL)
    return FALSE;

  memcpy (buf, start, n);
  buf[n] = '\0';
  *out = g_ascii_strtod (buf, &endptr);

  return endptr == buf + n;
}

/* Accumulates the run of digits at @p into *@value; returns the first non-digit. Wraps
 * silently past 19 digits; callers check the count. */
static inline const char *
scan_digits (const char *p,
             const char *end,
             guint64    *value)
{
  guint64 v = *value;

  while (end - p >= 8)
    {
      guint64 word = read_eight (p);

      if (!is_eight_digits (word))
        break;

      v = v * 100000000 + parse_eight_digits (word);
      p += 8;
    }

  for (; p < end && is_digit (*p); p++)
    v = v * 10 + (guint)(*p - '0');

  *value = v;

  return p;
}

/*
 * Parses the number starting at *@pp up to the next comma or @end, and leaves *@pp at that
 * comma (or @end). Returns FALSE if the field is not a number.
 */
gboolean
_wick_csv_parse_double (const char **pp,
                        const char  *end,
                        double      *out)
{
  const char *field = *pp;
  const char *p = field;
  const char *digits;
  const char *tail;
  gboolean quoted = FALSE;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  gsize n_int;
  gsize n_frac = 0;

  while (p < end && is_space (*p))
    p++;
  if (p < end && *p == '"')
    {
      quoted = TRUE;
      p++;
    }
  if (p < end && (*p == '-' || *p == '+'))
    {
      negative = *p == '-';
      p++;
    }

  digits = p;
  p = scan_digits (p, end, &mantissa);
  n_int = p - digits;

  if (p < end && *p == '.')
    {
      digits = ++p;
      p = scan_digits (p, end, &mantissa);
      n_frac = p - digits;
    }

  /* Up to 19 digits (leading zeros included) cannot overflow; a mantissa up to 2^53 and a
   * power of ten up to 10^22 are both exact, so one IEEE division or multiplication rounds
   * the result correctly. */
  if G_LIKELY (n_int + n_frac > 0 && n_int + n_frac <= 19 &&
               mantissa <= (G_GUINT64_CONSTANT (1) << 53) && n_frac <= 22 &&
               (tail = skip_field_tail (p, end, quoted)) != NULL)
    {
      double value = (double) mantissa;

      if (n_frac > 0)
        value /= powers_of_ten[n_frac];

      *out = negative ? -value : value;
      *pp = tail;
      return TRUE;
    }

  /* Exponents, very long numbers, “nan”, “inf” and junk. */
  *pp = _wick_csv_find_field_end (p, end);
  return parse_double_slow (field, *pp, out);
}

/*
 * Parses a time in whole milliseconds. Spreadsheets sometimes write “1704067200000.0” or
 * “1.7040672E+12”; a number that is a whole value within ±2^53 is accepted too.
 */
gboolean
_wick_csv_parse_time (const char **pp,
                      const char  *end,
                      gint64      *out)
{
  const char *p = *pp;
  const char *digits;
  const char *tail;
  gboolean negative = FALSE;
  guint64 value = 0;
  double d;

  while (p < end && is_space (*p))
    p++;
  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  digits = p;
  p = scan_digits (p, end, &value);

  if G_LIKELY (p > digits && p - digits <= 18 && (tail = skip_field_tail (p, end, FALSE)) != NULL)
    {
      *out = negative ? -(gint64) value : (gint64) value;
      *pp = tail;
      return TRUE;
    }

  p = *pp;
  if (!_wick_csv_parse_double (&p, end, &d) || !(fabs (d) <= 9007199254740992.0) || d != floor (d))
    return FALSE;

  *out = (gint64) d;
  *pp = p;
  return TRUE;
}

guint
_wick_csv_count_columns (const char *start,
                         const char *stop)
{
  guint n = 1;

  for (const char *p = start; p < stop; p++)
    n += *p == ',';

  return n;
}

static char *
quote_field (const char *start,
             const char *stop)
{
  g_autofree char *raw = NULL;

  _wick_csv_trim_field (&start, &stop);
  if (stop - start <= MAX_FIELD_QUOTE)
    raw = g_strndup (start, stop - start);
  else
    raw = g_strdup_printf ("%.*s…", MAX_FIELD_QUOTE, start);

  return g_utf8_make_valid (raw, -1);
}

static inline gboolean
line_is_blank (const char *start,
               const char *stop)
{
  for (const char *p = start; p < stop; p++)
    {
      if (!is_space (*p))
        return FALSE;
    }

  return TRUE;
}

/* Moves to the next non-blank line; FALSE at the end of the data. */
gboolean
_wick_csv_reader_next_line (WickCsvReader *reader)
{
  while (reader->pos < reader->end)
    {
      const char *start = reader->pos;
      const char *nl = memchr (start, '\n', reader->end - start);
      const char *stop = nl != NULL ? nl : reader->end;

      reader->pos = nl != NULL ? nl + 1 : reader->end;
      reader->line++;

      if (stop > start && stop[-1] == '\r')
        stop--;

      /* The common case costs one comparison: a line starting with something else than a space. */
      if G_LIKELY ((stop > start && !is_space (*start)) || !line_is_blank (start, stop))
        {
          reader->line_start = start;
          reader->line_end = stop;
          return TRUE;
        }
    }

  return FALSE;
}

void
_wick_csv_set_columns_error (WickCsvReader  *reader,
                             guint           expected,
                             guint           found,
                             GError        **error)
{
  g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_COLUMNS,
               /* Translators: “line 7: expected 6 columns, found 4” */
               _("line %u: expected %u columns, found %u"),
               reader->line, expected, found);
}

/*
 * Reports a field that did not parse, unless the line has the wrong number of columns, which
 * is the more useful thing to say.
 */
void
_wick_csv_set_field_error (WickCsvReader  *reader,
                           const char     *field,
                           guint           column,
                           gboolean        is_time,
                           GError        **error)
{
  const char *stop = _wick_csv_find_field_end (field, reader->line_end);
  const char *start = field;
  guint found = _wick_csv_count_columns (reader->line_start, reader->line_end);
  g_autofree char *text = NULL;

  if (reader->n_columns != 0 && found != reader->n_columns)
    {
      _wick_csv_set_columns_error (reader, reader->n_columns, found, error);
      return;
    }

  _wick_csv_trim_field (&start, &stop);
  if (start == stop)
    {
      g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_NOT_A_NUMBER,
                   _("line %u: column %u is empty"), reader->line, column);
      return;
    }

  text = quote_field (start, stop);
  if (is_time)
    g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_NOT_A_NUMBER,
                 _("line %u: “%s” is not a time in milliseconds"), reader->line, text);
  else
    g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_NOT_A_NUMBER,
                 _("line %u: “%s” is not a number"), reader->line, text);
}

/*
 * Skips the BOM, finds the first line and, if it is a header, steps over it. Sets the column
 * count every row must have.
 */
gboolean
_wick_csv_reader_init (WickCsvReader  *reader,
                       const char     *data,
                       gsize           len,
                       guint           min_columns,
                       GError        **error)
{
  const char *p;
  double first;

  memset (reader, 0, sizeof *reader);
  reader->pos = data != NULL ? data : "";
  reader->end = reader->pos + len;

  if (len >= 3 && memcmp (reader->pos, "\xEF\xBB\xBF", 3) == 0)
    reader->pos += 3;

  if (!_wick_csv_reader_next_line (reader))
    {
      g_set_error_literal (error, WICK_CSV_ERROR, WICK_CSV_ERROR_EMPTY, _("the file is empty"));
      return FALSE;
    }

  reader->n_columns = _wick_csv_count_columns (reader->line_start, reader->line_end);
  if (reader->n_columns < min_columns)
    {
      _wick_csv_set_columns_error (reader, min_columns, reader->n_columns, error);
      return FALSE;
    }

  p = reader->line_start;
  if (_wick_csv_parse_double (&p, reader->line_end, &first))
    {
      /* A data row: read it again as the first row. */
      reader->pos = reader->line_start;
      reader->line--;
    }
  else
    {
      reader->header_start = reader->line_start;
      reader->header_end = reader->line_end;
    }

  return TRUE;
}

/*
 * Reads the next row: the time and the @n_values numbers after it. Returns 1 for a row, 0 at
 * the end, -1 on error.
 */
int
_wick_csv_reader_next_row (WickCsvReader  *reader,
                           gint64         *time,
                           double         *values,
                           guint           n_values,
                           GError        **error)
{
  const char *p;
  const char *end;

  if G_LIKELY (_wick_csv_parse_row_fast (reader, time, values, n_values))
    return 1;

  if (!_wick_csv_reader_next_line (reader))
    return 0;

  p = reader->line_start;
  end = reader->line_end;

  if G_UNLIKELY (!_wick_csv_parse_time (&p, end, time))
    {
      _wick_csv_set_field_error (reader, reader->line_start, 1, TRUE, error);
      return -1;
    }

  for (guint i = 0; i < n_values; i++)
    {
      const char *field;

      if G_UNLIKELY (p == end)
        {
          _wick_csv_set_columns_error (reader, reader->n_columns, i + 1, error);
          return -1;
        }

      field = ++p;   /* past the comma */
      if G_UNLIKELY (!_wick_csv_parse_double (&p, end, &values[i]))
        {
          _wick_csv_set_field_error (reader, field, i + 2, FALSE, error);
          return -1;
        }
    }

  /* Columns we do not need are only counted. */
  if G_UNLIKELY ((p == end ? 1 + n_values : 1 + n_values + _wick_csv_count_columns (p + 1, end)) !=
                 reader->n_columns)
    {
      _wick_csv_set_columns_error (reader, reader->n_columns,
                                   _wick_csv_count_columns (reader->line_start, end), error);
      return -1;
    }

  return 1;
}

/* A capacity guess from the length of the current (first data) row, so that big files rarely
 * reallocate. */
guint
_wick_csv_reader_estimate_rows (WickCsvReader *reader)
{
  gsize first = reader->line_end - reader->line_start + 1;
  gsize rest = reader->end - reader->line_start;

  return (guint) MIN (rest / MAX (first, 8) + rest / MAX (first, 8) / 16 + 16, G_MAXUINT / 2);
}

void
_wick_csv_set_order_error (WickCsvReader  *reader,
                           gint64          time,
                           gint64          prev_time,
                           GError        **error)
{
  g_autofree char *time_str = _wick_format_time_ms (time);
  g_autofree char *prev_str = _wick_format_time_ms (prev_time);

  if (time == prev_time)
    g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_DUPLICATE,
                 _("line %u (%s): the same time as the row before it"),
                 reader->line, time_str);
  else
    g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_OUT_OF_ORDER,
                 _("line %u (%s): the time is not after the row before it (%s)"),
                 reader->line, time_str, prev_str);
}

void
_wick_csv_set_invalid_error (WickCsvReader  *reader,
                             gint64          time,
                             char           *problem,
                             GError        **error)
{
  g_autofree char *owned = problem;
  g_autofree char *time_str = _wick_format_time_ms (time);

  /* Translators: “line 13 (2026-01-05T03:00:00Z): high 91000.00 is below close 92000.00” */
  g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_INVALID_VALUE,
               _("line %u (%s): %s"), reader->line, time_str, owned);
}

gboolean
_wick_csv_resolve_interval (WickCsvReader  *reader,
                            gint64         *interval_ms,
                            guint           n_rows,
                            gint64          min_step,
                            GError        **error)
{
  if (n_rows == 0)
    {
      g_set_error_literal (error, WICK_CSV_ERROR, WICK_CSV_ERROR_EMPTY,
                           _("the file has a header but no data rows"));
      return FALSE;
    }

  if (*interval_ms > 0)
    return TRUE;

  if (n_rows < 2)
    {
      g_set_error_literal (error, WICK_CSV_ERROR, WICK_CSV_ERROR_INTERVAL,
                           _("the file has a single row, so its interval cannot be inferred"));
      return FALSE;
    }

  /* The smallest step between rows, so gaps in the data do not widen the interval. */
  *interval_ms = min_step;
  return TRUE;
}
