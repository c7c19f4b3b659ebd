/* wick-csv.c: the shared CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-csv"

#include "config.h"

#include "wick-csv.h"

#include "wick-csv-private.h"
#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * The files are plain numeric CSV: one row per line, fields separated by commas, the first
 * column a time in milliseconds. The reader walks the buffer once, line by line, and parses
 * each field in place: no copies, no per-field allocation. A row of plain numbers, the usual
 * kind, is read by a fast path (parse_row_fast ()) that finds a line's commas 16 bytes at a
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

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static const guint32 int_powers_of_ten[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
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
 * The fast path of a line of up to 127 bytes whose fields are plain digits with at most one
 * point, as market data writes them (“1704067200000,42283.58000000,…”). The line's end and
 * commas are found first, 16 bytes at a time, so that every field's end is known before it is
 * parsed and the fields do not wait for each other. A field's digits are then gathered without
 * the point into one or two 64-bit words and parsed at once (parse_eight_digits ()); a word's
 * first non-digit comes from non_digits (). The value is the integer of all the digits divided
 * by a power of ten, the same division as in _wick_csv_parse_double (), so the same double.
 * Bytes are read up to 16 past the line, and the last lines of the data, where that would go
 * past its end, take the careful path, as does any other line.
 */
#define FAST_ROW_MAX_BYTES 127
#define FAST_ROW_READ      (FAST_ROW_MAX_BYTES + 1 + 16)

/* A word's bytes that are not ASCII digits, as the top bit of each. Bytes after the first one
 * may be wrong (the subtraction borrows and the addition carries upwards), but the lowest set
 * bit is always the first non-digit's. */
static inline guint64
non_digits (guint64 word)
{
  return ((word + G_GUINT64_CONSTANT (0x4646464646464646)) |
          (word - G_GUINT64_CONSTANT (0x3030303030303030))) &
         G_GUINT64_CONSTANT (0x8080808080808080);
}

/* How many digits @word starts with, 0 to 8. */
static inline guint
leading_digits (guint64 word)
{
  guint64 mask = non_digits (word);

  return mask == 0 ? 8 : (guint) __builtin_ctzll (mask) / 8;
}

/* The first @n bytes of a word, 0 to 8, as a mask. */
static inline guint64
first_bytes (guint n)
{
  static const guint64 masks[] = {
    0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, G_GUINT64_CONSTANT (0xFFFFFFFFFF),
    G_GUINT64_CONSTANT (0xFFFFFFFFFFFF), G_GUINT64_CONSTANT (0xFFFFFFFFFFFFFF), G_MAXUINT64,
  };

  return masks[n];
}

/* The value of the first @n (0 to 8) digits of @word. */
static inline guint32
parse_leading_digits (guint64 word,
                      guint   n)
{
  guint fill = 8 - n;

  if (n == 0)
    return 0;

  /* The digits move to the end of the word, and '0's fill the bytes before them. */
  word = (word << (8 * fill)) | (G_GUINT64_CONSTANT (0x3030303030303030) & first_bytes (fill));

  return parse_eight_digits (word);
}

/* The bytes equal to @c of the 16 at @p, as bits: byte 0 in bit 0. */
static inline guint
byte_bits (const char *p,
           char        c)
{
#ifdef __SSE2__
  __m128i bytes = _mm_loadu_si128 ((const __m128i *) (gconstpointer) p);

  return (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 (c)));
#else
  guint bits = 0;

  for (guint k = 0; k < 2; k++)
    {
      guint64 x = read_eight (p + 8 * k) ^ (G_GUINT64_CONSTANT (0x0101010101010101) * (guchar) c);
      /* The top bit of each byte that is zero, exactly; then gathered into the top byte. */
      guint64 zero = ~(((x & G_GUINT64_CONSTANT (0x7F7F7F7F7F7F7F7F)) +
                        G_GUINT64_CONSTANT (0x7F7F7F7F7F7F7F7F)) | x) &
                     G_GUINT64_CONSTANT (0x8080808080808080);

      bits |= (guint) (((zero >> 7) * G_GUINT64_CONSTANT (0x0102040810204080)) >> 56) << (8 * k);
    }

  return bits;
#endif
}

/* Takes the position of the next comma of the line from @bits (bytes 0 to 63, then 64 to
 * 127), or @len when there is none. */
static inline guint
take_comma (guint64 bits[2],
            guint   len)
{
  guint at;

  if (bits[0] != 0)
    {
      at = (guint) __builtin_ctzll (bits[0]);
      bits[0] &= bits[0] - 1;
    }
  else if (bits[1] != 0)
    {
      at = 64 + (guint) __builtin_ctzll (bits[1]);
      bits[1] &= bits[1] - 1;
    }
  else
    {
      at = len;
    }

  return at;
}

/* The number of [@p, @p + @len): digits with at most one point among them, 16 digits at
 * most. */
static inline gboolean
parse_field_fast (const char *p,
                  guint       len,
                  double     *out)
{
  guint64 word = read_eight (p);
  guint n_int = leading_digits (word);
  guint n_digits, n_frac;
  guint64 digits, mantissa;

  if (n_int == len)
    {
      *out = (double) parse_leading_digits (word, n_int);
      return n_int > 0;
    }

  if G_UNLIKELY (p[n_int] != '.' || len > 17 || len < 2)
    return FALSE;

  /* The whole part's digits, then the fraction's, one byte further on. */
  n_digits = len - 1;
  n_frac = n_digits - n_int;
  digits = (word & first_bytes (n_int)) | (read_eight (p + 1) & ~first_bytes (n_int));

  if (n_digits <= 8)
    {
      if G_UNLIKELY (leading_digits (digits) < n_digits)
        return FALSE;
      mantissa = parse_leading_digits (digits, n_digits);
    }
  else
    {
      /* Digit 8 on is after the point, so at 9 bytes on. */
      guint64 rest = read_eight (p + 9);

      if G_UNLIKELY (non_digits (digits) != 0 || leading_digits (rest) < n_digits - 8)
        return FALSE;
      mantissa = (guint64) parse_eight_digits (digits) * int_powers_of_ten[n_digits - 8] +
                 parse_leading_digits (rest, n_digits - 8);
      if G_UNLIKELY (mantissa > G_GUINT64_CONSTANT (1) << 53)
        return FALSE;
    }

  /* (Below 2^53, so converted exactly, and as a signed integer, which costs less.) */
  *out = (double) (gint64) mantissa;
  if (n_frac > 0)
    *out /= powers_of_ten[n_frac];
  return TRUE;
}

/* The time of [@p, @p + @len): 9 to 16 digits. */
static inline gboolean
parse_time_field_fast (const char *p,
                       guint       len,
                       gint64     *out)
{
  guint64 high = read_eight (p);
  guint64 low = read_eight (p + 8);

  if G_UNLIKELY (len < 9 || len > 16 || non_digits (high) != 0 || leading_digits (low) < len - 8)
    return FALSE;

  *out = (gint64) parse_eight_digits (high) * int_powers_of_ten[len - 8] +
         parse_leading_digits (low, len - 8);
  return TRUE;
}

/* The next line's row by the fast path, as _wick_csv_reader_next_line () would find the line,
 * or FALSE, leaving the reader as it was, to take the careful path. */
static inline gboolean
parse_row_fast (WickCsvReader *reader,
                gint64        *time,
                double        *values,
                guint          n_values)
{
  const char *line = reader->pos;
  guint64 commas[2] = { 0, 0 };
  guint newline = G_MAXUINT, len, start, end, j;

  if (reader->end - line < FAST_ROW_READ || reader->n_columns < n_values + 1)
    return FALSE;

  for (j = 0; j <= FAST_ROW_MAX_BYTES; j += 16)
    {
      guint newlines = byte_bits (line + j, '\n');

      commas[j / 64] |= (guint64) byte_bits (line + j, ',') << (j % 64);
      if (newlines != 0)
        {
          newline = j + (guint) __builtin_ctz (newlines);
          break;
        }
    }
  if (newline > FAST_ROW_MAX_BYTES)
    return FALSE;
  len = newline > 0 && line[newline - 1] == '\r' ? newline - 1 : newline;

  /* Only the line's own commas. */
  commas[len / 64] &= (G_GUINT64_CONSTANT (1) << (len % 64)) - 1;
  if (len < 64)
    commas[1] = 0;

  end = take_comma (commas, len);
  if (!parse_time_field_fast (line, end, time))
    return FALSE;

  for (guint i = 0; i < n_values; i++)
    {
      start = end + 1;
      end = take_comma (commas, len);
      if (start > end || !parse_field_fast (line + start, end - start, &values[i]))
        return FALSE;
    }

  /* Every row has as many columns as the first: the ones not needed are only counted. */
  for (j = n_values + 1; j < reader->n_columns; j++)
    if (take_comma (commas, len) == len)
      return FALSE;
  if ((commas[0] | commas[1]) != 0)
    return FALSE;

  reader->line_start = line;
  reader->line_end = line + len;
  reader->pos = line + newline + 1;
  reader->line++;
  return TRUE;
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

  if G_LIKELY (parse_row_fast (reader, time, values, n_values))
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
