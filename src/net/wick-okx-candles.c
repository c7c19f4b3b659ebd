/* wick-okx-candles.c: paging OKX candles backwards, through candles and then history-candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OKX pages newest first with an `after` cursor (rows older than it). /market/candles serves
 * 300 a page but only about the newest 1440 candles; /market/history-candles serves the rest,
 * 100 a page, at most 20 requests in 2 s. A window is paged on the first while it reaches and
 * on the second after, with the cursor at the oldest row seen; pages may overlap, and the
 * shared merge drops the repeats.
 */

#define G_LOG_DOMAIN "wick-okx-source"

#include "config.h"

#include "wick-okx-source-private.h"

#include "wick-okx-parse.h"
#include "wick-okx-source.h"

#include <glib/gi18n-lib.h>

#define CANDLES_DEPTH       1440
#define HISTORY_LIMIT       100
#define HISTORY_BURST       20
#define HISTORY_PERIOD_MS   2000

#define CANDLES_PATH        "/api/v5/market/candles"
#define HISTORY_PATH        "/api/v5/market/history-candles"

typedef struct
{
  WickExchangeLoad *load;            /* Borrowed: outlives the task */
  char             *inst_id;
  const char       *bar;
  gint64            interval_ms;
  gint64            from_ms;
  gint64            to_ms;           /* 0: up to the newest */
  gint64            cursor;          /* `after`: rows older than this; 0 for the newest */
  gboolean          history;         /* on /market/history-candles */
  guint             n_pages;
  guint             max_pages;
  gint64            history_sent[HISTORY_BURST];  /* monotonic µs of recent history requests */
  guint             n_history;
} WindowFetch;

static void
window_fetch_free (WindowFetch *fetch)
{
  g_free (fetch->inst_id);
  g_free (fetch);
}

static void request_page (GTask *task);
static void send_page    (GTask *task);

static gboolean
on_pace_done_cb (gpointer user_data)
{
  GTask *task = user_data;

  /* Also reached at once on cancellation, through the cancellable child source. */
  if (!g_task_return_error_if_cancelled (task))
    send_page (g_object_ref (task));

  return G_SOURCE_REMOVE;
}

static gboolean
on_pace_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Keeps history requests within OKX's 20 per 2 s: a 429 without Retry-After would cost a
 * whole minute. Returns TRUE when the request was put off; the task is then held by the
 * timeout. */
static gboolean
pace_history (GTask *task)
{
  WindowFetch *fetch = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GSource) source = NULL;
  gint64 oldest;
  gint64 wait_us;

  if (fetch->n_history < HISTORY_BURST)
    return FALSE;

  oldest = fetch->history_sent[fetch->n_history % HISTORY_BURST];
  wait_us = oldest + HISTORY_PERIOD_MS * 1000 - g_get_monotonic_time ();
  if (wait_us <= 0)
    return FALSE;

  source = g_timeout_source_new ((guint) (wait_us / 1000) + 1);
  g_source_set_callback (source, on_pace_done_cb, task, g_object_unref);
  g_source_set_static_name (source, "[wick] OKX history pacing");
  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (cancellable);

      g_source_set_callback (cancelled, G_SOURCE_FUNC (on_pace_cancelled_cb), NULL, NULL);
      g_source_add_child_source (source, cancelled);
    }
  g_source_attach (source, g_task_get_context (task));

  return TRUE;
}

static void
on_page_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WindowFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) candles = NULL;
  g_autoptr(GError) error = NULL;
  gboolean progressed;
  guint n_rows;
  gint64 oldest;
  guint keep_from = 0;
  guint keep_to;

  bytes = wick_rest_client_get_finish (WICK_REST_CLIENT (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!wick_okx_parse_candles (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 1.0,
                               &candles, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n_rows = candles->len;
  oldest = n_rows > 0 ? g_array_index (candles, WickCandle, 0).open_time_ms : 0;
  progressed = n_rows > 0 && (fetch->cursor == 0 || oldest < fetch->cursor);

  /* Keep what falls in the window. Rows at or after the cursor repeat an earlier page;
   * they are kept, and the merge drops the duplicates. */
  while (keep_from < n_rows &&
         g_array_index (candles, WickCandle, keep_from).open_time_ms < fetch->from_ms)
    keep_from++;
  keep_to = n_rows;
  while (fetch->to_ms != 0 && keep_to > keep_from &&
         g_array_index (candles, WickCandle, keep_to - 1).open_time_ms >= fetch->to_ms)
    keep_to--;
  if (keep_to < n_rows)
    g_array_remove_range (candles, keep_to, n_rows - keep_to);
  if (keep_from > 0)
    g_array_remove_range (candles, 0, keep_from);

  fetch->n_pages++;
  _wick_exchange_load_add_page (fetch->load, g_steal_pointer (&candles));

  if (progressed && oldest <= fetch->from_ms)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!progressed)
    {
      /* Nothing older here: /market/candles has run out of its recent candles, so go on in
       * the history; when the history has nothing older either, the market starts here. */
      if (fetch->history)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      fetch->history = TRUE;
    }
  else
    {
      fetch->cursor = oldest;
      if (!fetch->history && n_rows < WICK_OKX_CANDLES_LIMIT)
        fetch->history = TRUE;
    }

  if (fetch->n_pages >= fetch->max_pages)
    {
      g_task_return_new_error (task, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_OUT_OF_ORDER,
                               _("OKX sent %u pages of candles without reaching the start of "
                                 "the range"), fetch->n_pages);
      return;
    }

  request_page (g_steal_pointer (&task));
}

static void
send_page (GTask *task)
{
  WickRestClient *client = wick_okx_source_get_client (g_task_get_source_object (task));
  WindowFetch *fetch = g_task_get_task_data (task);
  char limit[16];
  char after[32];
  const char *query[9];
  guint n = 0;

  g_snprintf (limit, sizeof limit, "%u",
              fetch->history ? HISTORY_LIMIT : WICK_OKX_CANDLES_LIMIT);

  query[n++] = "instId";
  query[n++] = fetch->inst_id;
  query[n++] = "bar";
  query[n++] = fetch->bar;
  query[n++] = "limit";
  query[n++] = limit;
  if (fetch->cursor != 0)
    {
      g_snprintf (after, sizeof after, "%" G_GINT64_FORMAT, fetch->cursor);
      query[n++] = "after";
      query[n++] = after;
    }
  query[n] = NULL;

  if (fetch->history)
    fetch->history_sent[fetch->n_history++ % HISTORY_BURST] = g_get_monotonic_time ();

  wick_rest_client_get_async (client, fetch->history ? HISTORY_PATH : CANDLES_PATH, query,
                              g_task_get_cancellable (task), on_page_cb, task);
}

static void
request_page (GTask *task)
{
  WindowFetch *fetch = g_task_get_task_data (task);

  if (fetch->history && pace_history (task))
    return;

  send_page (task);
}

/**
 * _wick_okx_fetch_window_async:
 * @source: the #WickOkxSource
 * @load: the load the pages go to
 * @window: the open times wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the window is done
 * @user_data: data for @callback
 *
 * Pages backwards from @window's end (or the newest candle) until its start: on
 * /market/candles while it reaches, then on /market/history-candles. Each page goes to
 * _wick_exchange_load_add_page(), trimmed to the window; a page that does not parse, or an
 * OKX error envelope, fails the window.
 */
void
_wick_okx_fetch_window_async (WickSource               *source,
                              WickExchangeLoad         *load,
                              const WickExchangeWindow *window,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  WindowFetch *fetch;
  gint64 end_ms;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, _wick_okx_fetch_window_async);

  fetch = g_new0 (WindowFetch, 1);
  g_task_set_task_data (task, fetch, (GDestroyNotify) window_fetch_free);

  fetch->load = load;
  fetch->inst_id = wick_okx_inst_id_for_symbol (_wick_exchange_load_get_symbol (load), &error);
  if (fetch->inst_id == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  fetch->bar = wick_okx_bar_for_interval (_wick_exchange_load_get_interval (load));
  g_assert (fetch->bar != NULL);
  fetch->interval_ms = _wick_exchange_load_get_interval_ms (load);
  fetch->from_ms = window->from_ms;
  fetch->to_ms = window->to_ms;
  fetch->cursor = window->to_ms;

  /* /market/candles only reaches back CANDLES_DEPTH candles: older windows start in the
   * history at once. */
  end_ms = window->to_ms != 0 ? window->to_ms : _wick_exchange_load_get_now_ms (load);
  fetch->history = end_ms < _wick_exchange_load_get_now_ms (load) -
                            CANDLES_DEPTH * fetch->interval_ms;

  /* Every page that goes on moves the cursor back, but a server could do so a millisecond at
   * a time: twice the pages the window needs is plenty. */
  fetch->max_pages = _wick_exchange_count_pages (window->from_ms, end_ms, fetch->interval_ms,
                                                 HISTORY_LIMIT) * 2 + 8;

  request_page (g_steal_pointer (&task));
}

gboolean
_wick_okx_fetch_window_finish (WickSource    *source,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
