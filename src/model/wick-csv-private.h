/* wick-csv-private.h: the CSV reader that all the parsers of wick-csv.h share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

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
} WickCsvReader;

static inline const char *
_wick_csv_find_field_end (const char *p,
                          const char *end)
{
  const char *comma = memchr (p, ',', end - p);

  return comma != NULL ? comma : end;
}

/* wick-csv-fast.c */
gboolean _wick_csv_parse_row_fast    (WickCsvReader  *reader,
                                      gint64         *time,
                                      double         *values,
                                      guint           n_values);

void     _wick_csv_trim_field        (const char    **start,
                                      const char    **stop);
gboolean _wick_csv_parse_double      (const char    **pp,
                                      const char     *end,
                                      double         *out);
gboolean _wick_csv_parse_time        (const char    **pp,
                                      const char     *end,
                                      gint64         *out);
guint    _wick_csv_count_columns     (const char     *start,
                                      const char     *stop);

gboolean _wick_csv_reader_init       (WickCsvReader  *reader,
                                      const char     *data,
                                      gsize           len,
                                      guint           min_columns,
                                      GError        **error);
gboolean _wick_csv_reader_next_line  (WickCsvReader  *reader);
/* A row count to reserve for what is left: a guess from the length of the current row. */
guint    _wick_csv_reader_estimate_rows (WickCsvReader *reader);
int      _wick_csv_reader_next_row   (WickCsvReader  *reader,
                                      gint64         *time,
                                      double         *values,
                                      guint           n_values,
                                      GError        **error);

void     _wick_csv_set_columns_error (WickCsvReader  *reader,
                                      guint           expected,
                                      guint           found,
                                      GError        **error);
void     _wick_csv_set_field_error   (WickCsvReader  *reader,
                                      const char     *field,
                                      guint           column,
                                      gboolean        is_time,
                                      GError        **error);
void     _wick_csv_set_order_error   (WickCsvReader  *reader,
                                      gint64          time,
                                      gint64          prev_time,
                                      GError        **error);
void     _wick_csv_set_invalid_error (WickCsvReader  *reader,
                                      gint64          time,
                                      char           *problem,
                                      GError        **error);
gboolean _wick_csv_resolve_interval  (WickCsvReader  *reader,
                                      gint64         *interval_ms,
                                      guint           n_rows,
                                      gint64          min_step,
                                      GError        **error);

G_END_DECLS
