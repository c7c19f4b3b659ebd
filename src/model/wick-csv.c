/* wick-csv.c: fast parsers for candle, liquidation and open-interest CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-csv"

#include "config.h"

#include "wick-csv.h"

#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/*
 * The files are plain numeric CSV: one row per line, fields separated by commas, the first
 * column a time in milliseconds. The reader walks the buffer once, line by line (memchr finds
 * the ends), and parses each field in place: no copies, no per-field allocation. Digits are
 * read eight at a time where possible. A decimal number of at most 19 digits whose digits fit
 * in 2^53 is exact as an integer, and so is the power of ten (up to 10^22) it is divided by;
 * one IEEE 754 division then rounds correctly, so the result is exactly strtod's. Anything
 * else (exponents, long mantissas, “nan”) goes through g_ascii_strtod on a small stack copy.
 *
 * Accepted: an optional UTF-8 byte order mark, an optional header row (recognised because its
 * first field is not a number), LF or CRLF line ends, no final newline, blank lines, spaces
 * around fields and double quotes around a number. Columns after the ones we need are
 * ignored, but every row must have as many columns as the first.
 *
 * Liquidation and open-interest files find their columns by name when they have a header
 * (CsvColumns), so exports that order or add columns differently read right; without one,
 * the columns are taken in the fixed order the parsers document.
 */

#define MAX_FIELD_QUOTE 40   /* bytes of a bad field quoted back in an error message */

G_DEFINE_QUARK (wick-csv-error-quark, wick_csv_error)

typedef struct
{
  const char *pos;          /* start of the next line */
  const char *end;          /* end of the data */
  const char *line_start;   /* the current line, without its terminator */
  const char *line_end;
  guint       line;         /* 1-based number of the current line */
  guint       n_columns;    /* columns of the first row (or header) */
  const char *header_start; /* the header row, or NULL when the file has none */
  const char *header_end;
} CsvReader;

#define MAX_NAMED_VALUES 2

/* Where a row's time and values are, as 0-based columns; a value's column is -1 when the
 * file lacks that optional column. */
typedef struct
{
  int      time;
  int      values[MAX_NAMED_VALUES];
  guint    n_values;
  guint    n_read;    /* the last column needed; with is_fast, the numbers after the time */
  gboolean is_fast;   /* the time first and n_read numbers after it, all parsed */
} CsvColumns;

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

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

static const char *
find_field_end (const char *p,
                const char *end)
{
  const char *comma = memchr (p, ',', end - p);

  return comma != NULL ? comma : end;
}

/* Trims spaces and one pair of surrounding quotes from [*start, *stop). */
static void
trim_field (const char **start,
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

  trim_field (&start, &stop);
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
static inline gboolean
parse_double (const char **pp,
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
  *pp = find_field_end (p, end);
  return parse_double_slow (field, *pp, out);
}

/*
 * Parses a time in whole milliseconds. Spreadsheets sometimes write “1704067200000.0” or
 * “1.7040672E+12”; a number that is a whole value within ±2^53 is accepted too.
 */
static inline gboolean
parse_time (const char **pp,
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
  if (!parse_double (&p, end, &d) || !(fabs (d) <= 9007199254740992.0) || d != floor (d))
    return FALSE;

  *out = (gint64) d;
  *pp = p;
  return TRUE;
}

static guint
count_columns (const char *start,
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

  trim_field (&start, &stop);
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
static inline gboolean
csv_reader_next_line (CsvReader *reader)
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

static void
set_columns_error (CsvReader  *reader,
                   guint       expected,
                   guint       found,
                   GError    **error)
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
static void
set_field_error (CsvReader   *reader,
                 const char  *field,
                 guint        column,
                 gboolean     is_time,
                 GError     **error)
{
  const char *stop = find_field_end (field, reader->line_end);
  const char *start = field;
  guint found = count_columns (reader->line_start, reader->line_end);
  g_autofree char *text = NULL;

  if (reader->n_columns != 0 && found != reader->n_columns)
    {
      set_columns_error (reader, reader->n_columns, found, error);
      return;
    }

  trim_field (&start, &stop);
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
static gboolean
csv_reader_init (CsvReader   *reader,
                 const char  *data,
                 gsize        len,
                 guint        min_columns,
                 GError     **error)
{
  const char *p;
  double first;

  memset (reader, 0, sizeof *reader);
  reader->pos = data != NULL ? data : "";
  reader->end = reader->pos + len;

  if (len >= 3 && memcmp (reader->pos, "\xEF\xBB\xBF", 3) == 0)
    reader->pos += 3;

  if (!csv_reader_next_line (reader))
    {
      g_set_error_literal (error, WICK_CSV_ERROR, WICK_CSV_ERROR_EMPTY, _("the file is empty"));
      return FALSE;
    }

  reader->n_columns = count_columns (reader->line_start, reader->line_end);
  if (reader->n_columns < min_columns)
    {
      set_columns_error (reader, min_columns, reader->n_columns, error);
      return FALSE;
    }

  p = reader->line_start;
  if (parse_double (&p, reader->line_end, &first))
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

/* The 0-based column of the header named @name (spaces and quotes aside), or -1. */
static int
csv_reader_find_column (CsvReader  *reader,
                        const char *name)
{
  const char *p = reader->header_start;
  gsize len = strlen (name);

  for (int column = 0; p != NULL; column++)
    {
      const char *next = find_field_end (p, reader->header_end);
      const char *start = p;
      const char *stop = next;

      trim_field (&start, &stop);
      if ((gsize) (stop - start) == len && memcmp (start, name, len) == 0)
        return column;

      p = next < reader->header_end ? next + 1 : NULL;
    }

  return -1;
}

/*
 * Finds the time (@names[0]) and the values (@names[1…]) by name in the header; the first
 * @n_required names must be there. Without a header, @positions gives their columns. @names
 * and @positions hold 1 + @n_values entries.
 */
static gboolean
csv_reader_find_columns (CsvReader          *reader,
                         const char * const *names,
                         const int          *positions,
                         guint               n_values,
                         guint               n_required,
                         CsvColumns         *columns,
                         GError            **error)
{
  int found[1 + MAX_NAMED_VALUES];
  gboolean is_fixed = TRUE;
  int last = 0;

  g_assert (n_values <= MAX_NAMED_VALUES);

  for (guint i = 0; i <= n_values; i++)
    {
      found[i] = reader->header_start != NULL ? csv_reader_find_column (reader, names[i])
                                              : positions[i];
      if (found[i] < 0 && i < n_required)
        {
          g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_MISSING_COLUMN,
                       /* Translators: %s is a column name, such as open_time_ms */
                       _("the header has no “%s” column"), names[i]);
          return FALSE;
        }
      last = MAX (last, found[i]);
      is_fixed = is_fixed && found[i] == positions[i];
    }

  columns->time = found[0];
  columns->n_values = n_values;
  columns->n_read = last;
  columns->is_fast = found[0] == 0;
  for (guint i = 0; i < n_values; i++)
    {
      columns->values[i] = found[1 + i];
      /* The fast path reads the time and the next n_read numbers, so each must be one. */
      columns->is_fast = columns->is_fast && found[1 + i] != 0;
    }
  for (int column = 1; column <= last && columns->is_fast; column++)
    {
      gboolean is_used = FALSE;

      for (guint i = 0; i < n_values; i++)
        is_used = is_used || columns->values[i] == column;
      columns->is_fast = is_used;
    }
  /* The documented layout reads as it always has: every column up to the last needed must
   * be a number. Columns by name may hold anything in between. */
  columns->is_fast = columns->is_fast || is_fixed;

  return TRUE;
}

/*
 * Reads the next row: the time and the @n_values numbers after it. Returns 1 for a row, 0 at
 * the end, -1 on error.
 */
static inline int
csv_reader_next_row (CsvReader  *reader,
                     gint64     *time,
                     double     *values,
                     guint       n_values,
                     GError    **error)
{
  const char *p;
  const char *end;

  if (!csv_reader_next_line (reader))
    return 0;

  p = reader->line_start;
  end = reader->line_end;

  if G_UNLIKELY (!parse_time (&p, end, time))
    {
      set_field_error (reader, reader->line_start, 1, TRUE, error);
      return -1;
    }

  for (guint i = 0; i < n_values; i++)
    {
      const char *field;

      if G_UNLIKELY (p == end)
        {
          set_columns_error (reader, reader->n_columns, i + 1, error);
          return -1;
        }

      field = ++p;   /* past the comma */
      if G_UNLIKELY (!parse_double (&p, end, &values[i]))
        {
          set_field_error (reader, field, i + 2, FALSE, error);
          return -1;
        }
    }

  /* Columns we do not need are only counted. */
  if G_UNLIKELY ((p == end ? 1 + n_values : 1 + n_values + count_columns (p + 1, end)) !=
                 reader->n_columns)
    {
      set_columns_error (reader, reader->n_columns, count_columns (reader->line_start, end), error);
      return -1;
    }

  return 1;
}

/*
 * Reads the next row's time and values from the columns of @columns: NAN for an absent
 * value. Returns 1 for a row, 0 at the end, -1 on error.
 */
static int
csv_reader_next_named_row (CsvReader         *reader,
                           const CsvColumns  *columns,
                           gint64            *time,
                           double            *values,
                           GError           **error)
{
  double read[MAX_NAMED_VALUES + 3];
  const char *p, *end;
  guint found;
  int r;

  for (guint i = 0; i < columns->n_values; i++)
    values[i] = NAN;

  if (columns->is_fast)
    {
      g_assert (columns->n_read <= G_N_ELEMENTS (read));

      if ((r = csv_reader_next_row (reader, time, read, columns->n_read, error)) <= 0)
        return r;

      for (guint i = 0; i < columns->n_values; i++)
        if (columns->values[i] > 0)
          values[i] = read[columns->values[i] - 1];
      return 1;
    }

  if (!csv_reader_next_line (reader))
    return 0;

  end = reader->line_end;
  found = count_columns (reader->line_start, end);
  if G_UNLIKELY (found != reader->n_columns)
    {
      set_columns_error (reader, reader->n_columns, found, error);
      return -1;
    }

  p = reader->line_start;
  for (int column = 0; column <= (int) columns->n_read; column++)
    {
      const char *field = p;
      gboolean ok = TRUE;

      if (column == columns->time)
        {
          ok = parse_time (&p, end, time);
        }
      else
        {
          for (guint i = 0; i < columns->n_values; i++)
            if (columns->values[i] == column)
              ok = parse_double (&p, end, &values[i]);
        }

      if G_UNLIKELY (!ok)
        {
          set_field_error (reader, field, column + 1, column == columns->time, error);
          return -1;
        }

      p = find_field_end (p, end);
      if (p < end)
        p++;
    }

  return 1;
}

/* A capacity guess from the length of the current (first data) row, so that big files rarely
 * reallocate. */
static guint
csv_reader_estimate_rows (CsvReader *reader)
{
  gsize first = reader->line_end - reader->line_start + 1;
  gsize rest = reader->end - reader->line_start;

  return (guint) MIN (rest / MAX (first, 8) + rest / MAX (first, 8) / 16 + 16, G_MAXUINT / 2);
}

static void
set_order_error (CsvReader  *reader,
                 gint64      time,
                 gint64      prev_time,
                 GError    **error)
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

static void
set_invalid_error (CsvReader  *reader,
                   gint64      time,
                   char       *problem,
                   GError    **error)
{
  g_autofree char *owned = problem;
  g_autofree char *time_str = _wick_format_time_ms (time);

  /* Translators: “line 13 (2026-01-05T03:00:00Z): high 91000.00 is below close 92000.00” */
  g_set_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_INVALID_VALUE,
               _("line %u (%s): %s"), reader->line, time_str, owned);
}

static gboolean
resolve_interval (CsvReader  *reader,
                  gint64     *interval_ms,
                  guint       n_rows,
                  gint64      min_step,
                  GError    **error)
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

/**
 * wick_csv_parse_candles:
 * @data: (array length=len): the file contents; need not be nul-terminated
 * @len: their length in bytes
 * @interval_ms: the candle interval, or 0 to infer it from the smallest step between rows
 * @error: return location for a #WickCsvError
 *
 * Parses `open_time_ms,open,high,low,close,volume` rows (further columns are ignored). Every
 * candle is validated as by wick_candle_validate() and open times must strictly increase;
 * errors name the line.
 *
 * Returns: (transfer full): the candles, or %NULL on error
 */
WickSeries *
wick_csv_parse_candles (const char  *data,
                        gsize        len,
                        gint64       interval_ms,
                        GError     **error)
{
  CsvReader reader;
  g_autoptr(GArray) array = NULL;
  g_autoptr(WickSeries) series = NULL;
  WickCandle *candles = NULL;
  guint n = 0;
  guint capacity = 0;
  gint64 min_step = G_MAXINT64;
  double v[5];
  gint64 t;
  int r;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (interval_ms >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!csv_reader_init (&reader, data, len, 6, error))
    return NULL;

  array = g_array_new (FALSE, FALSE, sizeof (WickCandle));

  while ((r = csv_reader_next_row (&reader, &t, v, G_N_ELEMENTS (v), error)) > 0)
    {
      WickCandle *c;

      if G_UNLIKELY (n == capacity)
        {
          capacity = capacity == 0 ? csv_reader_estimate_rows (&reader) : capacity * 2;
          g_array_set_size (array, capacity);
          candles = (WickCandle *)(gpointer)array->data;
        }

      c = &candles[n];
      c->open_time_ms = t;
      c->open = v[0];
      c->high = v[1];
      c->low = v[2];
      c->close = v[3];
      c->volume = v[4];

      if G_UNLIKELY (!_wick_candle_is_valid (c))
        {
          WickSeriesError code;

          set_invalid_error (&reader, t, _wick_candle_describe_problem (c, &code), error);
          return NULL;
        }

      if (n > 0)
        {
          gint64 step = t - candles[n - 1].open_time_ms;

          if G_UNLIKELY (step <= 0)
            {
              set_order_error (&reader, t, candles[n - 1].open_time_ms, error);
              return NULL;
            }

          min_step = MIN (min_step, step);
        }

      n++;
    }

  if (r < 0)
    return NULL;

  if (!resolve_interval (&reader, &interval_ms, n, min_step, error))
    return NULL;

  g_array_set_size (array, n);
  series = wick_series_new (interval_ms);
  _wick_series_take_candles (series, g_steal_pointer (&array));

  return g_steal_pointer (&series);
}

/**
 * wick_csv_parse_liquidations:
 * @data: (array length=len): the file contents; need not be nul-terminated
 * @len: their length in bytes
 * @bucket_ms: the bucket width, or 0 to infer it from the smallest step between rows
 * @error: return location for a #WickCsvError
 *
 * Parses `open_time_ms,long_liq_usd,short_liq_usd` rows (a total column and any others after
 * them are ignored). With a header, the three columns are found by those names, in any order
 * among others; a header without one of them is a %WICK_CSV_ERROR_MISSING_COLUMN. Amounts
 * must be finite and not negative, times strictly increasing.
 *
 * Returns: (transfer full): the hourly (or @bucket_ms) totals, without events, or %NULL on error
 */
WickLiquidations *
wick_csv_parse_liquidations (const char  *data,
                             gsize        len,
                             gint64       bucket_ms,
                             GError     **error)
{
  CsvReader reader;
  g_autoptr(GArray) buckets = NULL;
  g_autoptr(WickLiquidations) liquidations = NULL;
  static const char * const names[] = { "open_time_ms", "long_liq_usd", "short_liq_usd" };
  static const int positions[] = { 0, 1, 2 };
  CsvColumns columns;
  gint64 min_step = G_MAXINT64;
  double v[2];
  gint64 t;
  int r;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (bucket_ms >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!csv_reader_init (&reader, data, len, 3, error) ||
      !csv_reader_find_columns (&reader, names, positions, 2, 3, &columns, error))
    return NULL;

  buckets = g_array_new (FALSE, FALSE, sizeof (WickLiquidationBucket));

  while ((r = csv_reader_next_named_row (&reader, &columns, &t, v, error)) > 0)
    {
      WickLiquidationBucket b = { t, v[0], v[1] };

      if G_UNLIKELY (!(b.long_usd >= 0.0 && b.short_usd >= 0.0 &&
                       isfinite (b.long_usd) && isfinite (b.short_usd)))
        {
          WickLiquidationsError code;

          set_invalid_error (&reader, t, _wick_liquidation_bucket_describe_problem (&b, &code),
                             error);
          return NULL;
        }

      if (buckets->len > 0)
        {
          gint64 prev = g_array_index (buckets, WickLiquidationBucket, buckets->len - 1).time_ms;

          if G_UNLIKELY (t <= prev)
            {
              set_order_error (&reader, t, prev, error);
              return NULL;
            }

          min_step = MIN (min_step, t - prev);
        }

      g_array_append_val (buckets, b);
    }

  if (r < 0)
    return NULL;

  if (!resolve_interval (&reader, &bucket_ms, buckets->len, min_step, error))
    return NULL;

  liquidations = wick_liquidations_new (bucket_ms);
  if (!wick_liquidations_set_buckets (liquidations,
                                      (const WickLiquidationBucket *)(gpointer)buckets->data,
                                      buckets->len, error))
    return NULL;

  return g_steal_pointer (&liquidations);
}

/**
 * wick_csv_parse_open_interest:
 * @data: (array length=len): the file contents; need not be nul-terminated
 * @len: their length in bytes
 * @interval_ms: the spacing, or 0 to infer it from the smallest step between rows
 * @error: return location for a #WickCsvError
 *
 * Parses `open_time_ms,oi_open_usd,oi_high_usd,oi_low_usd,oi_close_usd` rows (a funding
 * column and any others after them are ignored). With a header, `open_time_ms`,
 * `oi_close_usd` and, when there is one, `oi_open_usd` are found by name, in any order among
 * others (without `oi_open_usd`, each point opens at its close); a header without one of the
 * first two is a %WICK_CSV_ERROR_MISSING_COLUMN. Missing hours are fine.
 *
 * Returns: (transfer full): the open interest, or %NULL on error
 */
WickOpenInterest *
wick_csv_parse_open_interest (const char  *data,
                              gsize        len,
                              gint64       interval_ms,
                              GError     **error)
{
  CsvReader reader;
  g_autoptr(GArray) points = NULL;
  g_autoptr(WickOpenInterest) open_interest = NULL;
  static const char * const names[] = { "open_time_ms", "oi_close_usd", "oi_open_usd" };
  static const int positions[] = { 0, 4, 1 };
  CsvColumns columns;
  gint64 min_step = G_MAXINT64;
  double v[2];
  gint64 t;
  int r;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (interval_ms >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!csv_reader_init (&reader, data, len, 2, error) ||
      !csv_reader_find_columns (&reader, names, positions, 2, 2, &columns, error))
    return NULL;

  /* Without a header, the fixed layout's five columns. */
  if (reader.header_start == NULL && reader.n_columns < 5)
    {
      set_columns_error (&reader, 5, reader.n_columns, error);
      return NULL;
    }

  points = g_array_new (FALSE, FALSE, sizeof (WickOpenInterestPoint));

  while ((r = csv_reader_next_named_row (&reader, &columns, &t, v, error)) > 0)
    {
      WickOpenInterestPoint point = { t, columns.values[1] < 0 ? v[0] : v[1], v[0] };

      if G_UNLIKELY (!(point.open_usd >= 0.0 && point.close_usd >= 0.0 &&
                       isfinite (point.open_usd) && isfinite (point.close_usd)))
        {
          WickOpenInterestError code;

          set_invalid_error (&reader, t,
                             _wick_open_interest_point_describe_problem (&point, &code),
                             error);
          return NULL;
        }

      if (points->len > 0)
        {
          gint64 prev = g_array_index (points, WickOpenInterestPoint, points->len - 1).time_ms;

          if G_UNLIKELY (t <= prev)
            {
              set_order_error (&reader, t, prev, error);
              return NULL;
            }

          min_step = MIN (min_step, t - prev);
        }

      g_array_append_val (points, point);
    }

  if (r < 0)
    return NULL;

  if (!resolve_interval (&reader, &interval_ms, points->len, min_step, error))
    return NULL;

  open_interest = wick_open_interest_new (interval_ms);
  if (!wick_open_interest_set_points (open_interest,
                                      (const WickOpenInterestPoint *)(gpointer)points->data,
                                      points->len, error))
    return NULL;

  return g_steal_pointer (&open_interest);
}
