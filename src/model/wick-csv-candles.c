/* wick-csv-candles.c: candles from CSV, a large file read by two threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-csv"

#include "config.h"

#include "wick-csv.h"

#include "wick-csv-private.h"
#include "wick-model-private.h"

#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

/* How parse_candles_into () stopped. */
typedef enum
{
  ROWS_FAILED,  /* a bad row, with the error set */
  ROWS_DONE,    /* every row read */
  ROWS_FULL,    /* no room for the next row, which is left unread */
} RowsResult;

/* The candles of the rows @reader has left, into @candles (room for @capacity) whose first
 * *@n_rows are filled; the smallest step between them into *@min_step. The reader and the
 * smallest step are worked on in copies on this thread's stack: written at every row, they
 * would otherwise share cache lines with the other half's, on the stack of the thread that
 * started both. */
static RowsResult
parse_candles_into (WickCsvReader  *reader,
                    WickCandle     *candles,
                    guint           capacity,
                    guint          *n_rows,
                    gint64         *min_step,
                    GError        **error)
{
  WickCsvReader own = *reader;
  gint64 smallest = *min_step;
  RowsResult result = ROWS_DONE;
  guint n = *n_rows;
  double v[5];
  gint64 t;
  int r;

  for (;;)
    {
      WickCandle *c;

      if G_UNLIKELY (n == capacity)
        {
          result = ROWS_FULL;
          break;
        }

      if ((r = _wick_csv_reader_next_row (&own, &t, v, G_N_ELEMENTS (v), error)) <= 0)
        {
          result = r == 0 ? ROWS_DONE : ROWS_FAILED;
          break;
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

          _wick_csv_set_invalid_error (&own, t, _wick_candle_describe_problem (c, &code), error);
          result = ROWS_FAILED;
          break;
        }

      if (n > 0)
        {
          gint64 step = t - candles[n - 1].open_time_ms;

          if G_UNLIKELY (step <= 0)
            {
              _wick_csv_set_order_error (&own, t, candles[n - 1].open_time_ms, error);
              result = ROWS_FAILED;
              break;
            }

          smallest = MIN (smallest, step);
        }

      n++;
    }

  *reader = own;
  *min_step = smallest;
  *n_rows = n;
  return result;
}

/* The candles of the rows @reader has left, appended to @array (of WickCandle) whose first
 * *@n are filled, growing it as needed; the smallest step between them into *@min_step. */
static gboolean
parse_candle_rows (WickCsvReader  *reader,
                   GArray         *array,
                   guint          *n_rows,
                   gint64         *min_step,
                   GError        **error)
{
  RowsResult result;

  /* One row first, so that the room for the rest is guessed from a row's length. */
  while ((result = parse_candles_into (reader, (WickCandle *) (gpointer) array->data,
                                       array->len, n_rows, min_step, error)) == ROWS_FULL)
    g_array_set_size (array, array->len == 0 ? 1
                             : array->len == 1 ? _wick_csv_reader_estimate_rows (reader) + 1
                             : array->len * 2);

  return result == ROWS_DONE;
}

/* Files from this size are read by two threads, a half each. */
#define PARALLEL_MIN_BYTES (4 << 20)

/* The second half, read into its own part of the array. */
typedef struct
{
  WickCsvReader reader;
  WickCandle   *candles;   /* Borrowed: the array from the second half's first row */
  guint         capacity;
  guint         n;
  gint64        min_step;
  RowsResult    result;
} Half;

/* Maps the fresh pages for @capacity candles at @candles in one call: a fault for each page
 * as the rows are written costs more, and the threads map their own parts at once. Where the
 * system cannot, the pages fault in as before. */
static void
populate (WickCandle *candles,
          guint       capacity)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  guintptr page = (guintptr) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) candles + page - 1) & ~(page - 1);
  guintptr end = (guintptr) (candles + capacity) & ~(page - 1);

  if (end > start)
    madvise ((gpointer) start, end - start, MADV_POPULATE_WRITE);
#endif
}

static gpointer
parse_half_thread (gpointer data)
{
  Half *half = data;

  populate (half->candles, half->capacity);

  half->result = parse_candles_into (&half->reader, half->candles, half->capacity, &half->n,
                                     &half->min_step, NULL);

  return NULL;
}

/* Reads the rows of @reader in two halves at once, into @array (with *@n_rows, *@min_step as
 * parse_candle_rows () leaves them). Each half has its own part of the array, sized from the
 * first row's length with some room to spare, and the second is moved down against the first
 * at the end: the candles are never held twice. FALSE when the second half cannot be read on
 * its own (a thread that will not start, a part too small for its rows, or any problem in
 * it): the caller then reads it all in one go, which finds and words the first problem of
 * the file as always. */
static gboolean
parse_candle_rows_in_halves (WickCsvReader  *reader,
                             GArray         *array,
                             guint          *n_rows,
                             gint64         *min_step,
                             GError        **error,
                             gboolean       *failed)
{
  const char *middle = reader->pos + (reader->end - reader->pos) / 2;
  const char *newline = memchr (middle, '\n', reader->end - middle);
  const char *end = reader->end;
  g_autoptr(GThread) thread = NULL;
  Half second = { 0 };
  WickCandle *candles;
  RowsResult result;
  guint first_capacity;

  *failed = FALSE;
  if (newline == NULL || newline + 1 >= reader->end)
    return FALSE;

  /* The first row's length sizes both parts: the first half's rows, then the rest's. */
  g_assert (*n_rows == 0);
  if (!_wick_csv_reader_next_line (reader))
    return FALSE;
  second.capacity = _wick_csv_reader_estimate_rows (reader);
  reader->end = newline + 1;
  first_capacity = _wick_csv_reader_estimate_rows (reader);
  second.capacity = second.capacity - MIN (first_capacity, second.capacity) + 32;
  reader->end = end;
  reader->pos = reader->line_start;
  reader->line--;

  second.reader = *reader;
  second.reader.pos = newline + 1;
  second.min_step = G_MAXINT64;
  second.result = ROWS_FAILED;
  reader->end = newline + 1;

  g_array_set_size (array, first_capacity + second.capacity);
  candles = (WickCandle *) (gpointer) array->data;
  second.candles = candles + first_capacity;

  thread = g_thread_try_new ("wick-csv", parse_half_thread, &second, NULL);
  if (thread == NULL)
    {
      reader->end = second.reader.end;
      return FALSE;
    }

  populate (candles, first_capacity);
  result = parse_candles_into (reader, candles, first_capacity, n_rows, min_step, error);
  g_thread_join (g_steal_pointer (&thread));
  if (result == ROWS_FAILED)
    {
      /* The first half's problem is the file's first. */
      *failed = TRUE;
      return TRUE;
    }

  if (result == ROWS_FULL || second.result != ROWS_DONE ||
      (*n_rows > 0 && second.n > 0 &&
       second.candles[0].open_time_ms <= candles[*n_rows - 1].open_time_ms))
    return FALSE;

  if (*n_rows > 0 && second.n > 0)
    *min_step = MIN (*min_step, second.candles[0].open_time_ms -
                                candles[*n_rows - 1].open_time_ms);
  *min_step = MIN (*min_step, second.min_step);

  memmove (candles + *n_rows, second.candles, (gsize) second.n * sizeof (WickCandle));
  *n_rows += second.n;
  g_array_set_size (array, *n_rows);

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
 * errors name the line. A large file is read by two threads, each half at once.
 *
 * Returns: (transfer full): the candles, or %NULL on error
 */
WickSeries *
wick_csv_parse_candles (const char  *data,
                        gsize        len,
                        gint64       interval_ms,
                        GError     **error)
{
  WickCsvReader reader;
  g_autoptr(GArray) array = NULL;
  g_autoptr(WickSeries) series = NULL;
  gboolean is_parsed = FALSE;
  gboolean failed = FALSE;
  gint64 min_step = G_MAXINT64;
  guint n = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (interval_ms >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_wick_csv_reader_init (&reader, data, len, 6, error))
    return NULL;

  array = g_array_new (FALSE, FALSE, sizeof (WickCandle));

  if (len >= PARALLEL_MIN_BYTES && g_get_num_processors () > 1)
    {
      WickCsvReader whole = reader;

      is_parsed = parse_candle_rows_in_halves (&reader, array, &n, &min_step, error, &failed);
      if (failed)
        return NULL;
      if (!is_parsed)
        {
          reader = whole;
          g_array_set_size (array, 0);
          n = 0;
          min_step = G_MAXINT64;
        }
    }

  if (!is_parsed && !parse_candle_rows (&reader, array, &n, &min_step, error))
    return NULL;

  if (!_wick_csv_resolve_interval (&reader, &interval_ms, n, min_step, error))
    return NULL;

  g_array_set_size (array, n);
  series = wick_series_new (interval_ms);
  _wick_series_take_candles (series, g_steal_pointer (&array));

  return g_steal_pointer (&series);
}
