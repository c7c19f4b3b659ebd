/* wick-csv-columns.c: liquidation and open-interest CSV files, with columns found by name
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

/*
 * Liquidation and open-interest files find their columns by name when they have a header
 * (CsvColumns), so exports that order or add columns differently read right; without one,
 * the columns are taken in the fixed order the parsers document. The rows themselves go
 * through the reader in wick-csv.c.
 */

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


/* The 0-based column of the header named @name (spaces and quotes aside), or -1. */
static int
csv_reader_find_column (WickCsvReader *reader,
                        const char    *name)
{
  const char *p = reader->header_start;
  gsize len = strlen (name);

  for (int column = 0; p != NULL; column++)
    {
      const char *next = _wick_csv_find_field_end (p, reader->header_end);
      const char *start = p;
      const char *stop = next;

      _wick_csv_trim_field (&start, &stop);
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
csv_reader_find_columns (WickCsvReader      *reader,
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
 * Reads the next row's time and values from the columns of @columns: NAN for an absent
 * value. Returns 1 for a row, 0 at the end, -1 on error.
 */
static int
csv_reader_next_named_row (WickCsvReader     *reader,
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

      if ((r = _wick_csv_reader_next_row (reader, time, read, columns->n_read, error)) <= 0)
        return r;

      for (guint i = 0; i < columns->n_values; i++)
        if (columns->values[i] > 0)
          values[i] = read[columns->values[i] - 1];
      return 1;
    }

  if (!_wick_csv_reader_next_line (reader))
    return 0;

  end = reader->line_end;
  found = _wick_csv_count_columns (reader->line_start, end);
  if G_UNLIKELY (found != reader->n_columns)
    {
      _wick_csv_set_columns_error (reader, reader->n_columns, found, error);
      return -1;
    }

  p = reader->line_start;
  for (int column = 0; column <= (int) columns->n_read; column++)
    {
      const char *field = p;
      gboolean ok = TRUE;

      if (column == columns->time)
        {
          ok = _wick_csv_parse_time (&p, end, time);
        }
      else
        {
          for (guint i = 0; i < columns->n_values; i++)
            if (columns->values[i] == column)
              ok = _wick_csv_parse_double (&p, end, &values[i]);
        }

      if G_UNLIKELY (!ok)
        {
          _wick_csv_set_field_error (reader, field, column + 1, column == columns->time, error);
          return -1;
        }

      p = _wick_csv_find_field_end (p, end);
      if (p < end)
        p++;
    }

  return 1;
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
  WickCsvReader reader;
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

  if (!_wick_csv_reader_init (&reader, data, len, 3, error) ||
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

          _wick_csv_set_invalid_error (&reader, t,
                                       _wick_liquidation_bucket_describe_problem (&b, &code),
                                       error);
          return NULL;
        }

      if (buckets->len > 0)
        {
          gint64 prev = g_array_index (buckets, WickLiquidationBucket, buckets->len - 1).time_ms;

          if G_UNLIKELY (t <= prev)
            {
              _wick_csv_set_order_error (&reader, t, prev, error);
              return NULL;
            }

          min_step = MIN (min_step, t - prev);
        }

      g_array_append_val (buckets, b);
    }

  if (r < 0)
    return NULL;

  if (!_wick_csv_resolve_interval (&reader, &bucket_ms, buckets->len, min_step, error))
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
  WickCsvReader reader;
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

  if (!_wick_csv_reader_init (&reader, data, len, 2, error) ||
      !csv_reader_find_columns (&reader, names, positions, 2, 2, &columns, error))
    return NULL;

  /* Without a header, the fixed layout's five columns. */
  if (reader.header_start == NULL && reader.n_columns < 5)
    {
      _wick_csv_set_columns_error (&reader, 5, reader.n_columns, error);
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

          _wick_csv_set_invalid_error (&reader, t,
                                       _wick_open_interest_point_describe_problem (&point, &code),
                                       error);
          return NULL;
        }

      if (points->len > 0)
        {
          gint64 prev = g_array_index (points, WickOpenInterestPoint, points->len - 1).time_ms;

          if G_UNLIKELY (t <= prev)
            {
              _wick_csv_set_order_error (&reader, t, prev, error);
              return NULL;
            }

          min_step = MIN (min_step, t - prev);
        }

      g_array_append_val (points, point);
    }

  if (r < 0)
    return NULL;

  if (!_wick_csv_resolve_interval (&reader, &interval_ms, points->len, min_step, error))
    return NULL;

  open_interest = wick_open_interest_new (interval_ms);
  if (!wick_open_interest_set_points (open_interest,
                                      (const WickOpenInterestPoint *)(gpointer)points->data,
                                      points->len, error))
    return NULL;

  return g_steal_pointer (&open_interest);
}
