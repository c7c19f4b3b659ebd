/* wick-csv-fast.c: the CSV reader's fast path, for rows of plain numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-csv"

#include "config.h"

#include "wick-csv-digits-private.h"
#include "wick-csv-private.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

static const guint32 int_powers_of_ten[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
};

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
gboolean
_wick_csv_parse_row_fast (WickCsvReader *reader,
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
