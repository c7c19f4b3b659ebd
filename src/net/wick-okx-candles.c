/* wick-okx-candles.c: paging OKX candles backwards, through candles and then history-candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OKX pages newest first with an `after` cursor (rows older than it). /market/candles serves
 * 300 a page but only about the newest 1440 candles; /market/history-candles serves the rest,
 * 100 a page, at most 20 requests in 2 s. A window is paged on the first while it reaches and
 * on the second after, with the cursor at the oldest row seen; pages may overlap, and the
 * shared merge drops the repeats. The loop is the shared pager's (wick-exchange-pager.c).
 */

#define G_LOG_DOMAIN "wick-okx-source"

#include "config.h"

#include "wick-okx-source-private.h"

#include "wick-exchange-pager-private.h"
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
  char       *inst_id;
  const char *bar;
  gboolean    history;                      /* on /market/history-candles */
  guint       max_pages;
  gint64      history_sent[HISTORY_BURST];  /* monotonic µs of recent history requests */
  guint       n_history;
} WindowFetch;

static void
window_fetch_free (WindowFetch *fetch)
{
  g_free (fetch->inst_id);
  g_free (fetch);
}

static guint
get_limit (WickExchangePager *pager)
{
  WindowFetch *fetch = pager->data;

  return fetch->history ? HISTORY_LIMIT : WICK_OKX_CANDLES_LIMIT;
}

/* Keeps history requests within OKX's 20 per 2 s: a 429 without Retry-After would cost a
 * whole minute. */
static gint64
get_wait_us (WickExchangePager *pager)
{
  WindowFetch *fetch = pager->data;
  gint64 oldest;

  if (!fetch->history || fetch->n_history < HISTORY_BURST)
    return 0;

  oldest = fetch->history_sent[fetch->n_history % HISTORY_BURST];
  return MAX (oldest + HISTORY_PERIOD_MS * 1000 - g_get_monotonic_time (), 0);
}

static void
send_page (WickExchangePager   *pager,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  WickRestClient *client = wick_okx_source_get_client (WICK_OKX_SOURCE (pager->source));
  WindowFetch *fetch = pager->data;
  char limit[16];
  char after[32];
  const char *query[9];
  guint n = 0;

  g_snprintf (limit, sizeof limit, "%u", pager->limit);

  query[n++] = "instId";
  query[n++] = fetch->inst_id;
  query[n++] = "bar";
  query[n++] = fetch->bar;
  query[n++] = "limit";
  query[n++] = limit;
  if (pager->cursor_ms != 0)
    {
      g_snprintf (after, sizeof after, "%" G_GINT64_FORMAT, pager->cursor_ms);
      query[n++] = "after";
      query[n++] = after;
    }
  query[n] = NULL;

  if (fetch->history)
    fetch->history_sent[fetch->n_history++ % HISTORY_BURST] = g_get_monotonic_time ();

  wick_rest_client_get_async (client, fetch->history ? HISTORY_PATH : CANDLES_PATH, query,
                              cancellable, callback, user_data);
}

static gboolean
parse_page (WickExchangePager  *pager,
            const char         *data,
            gsize               length,
            GArray            **out_candles,
            GError            **error)
{
  return wick_okx_parse_candles (data, length, 1.0, out_candles, error);
}

static WickExchangePagerStep
next_step (WickExchangePager  *pager,
           gboolean            moved_on,
           gboolean            is_short,
           GError            **error)
{
  WindowFetch *fetch = pager->data;

  if (!moved_on)
    {
      /* Nothing older here: /market/candles has run out of its recent candles, so go on in
       * the history; when the history has nothing older either, the market starts here. */
      if (fetch->history)
        return WICK_EXCHANGE_PAGER_DONE;
      fetch->history = TRUE;
    }
  else if (!fetch->history && is_short)
    fetch->history = TRUE;

  if (pager->n_pages >= fetch->max_pages)
    {
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_OUT_OF_ORDER,
                   _("OKX sent %u pages of candles without reaching the start of the range"),
                   pager->n_pages);
      return WICK_EXCHANGE_PAGER_FAILED;
    }

  return WICK_EXCHANGE_PAGER_MORE;
}

static const WickExchangePagerInfo candles_pager = {
  .direction = WICK_EXCHANGE_PAGER_BACKWARD,
  .get_limit = get_limit,
  .send_page = send_page,
  .parse_page = parse_page,
  .next_step = next_step,
  .get_wait_us = get_wait_us,
};

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
  g_autofree char *inst_id = NULL;
  WindowFetch *fetch;
  gint64 interval_ms;
  gint64 now_ms;
  gint64 end_ms;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, _wick_okx_fetch_window_async);

  inst_id = wick_okx_inst_id_for_symbol (_wick_exchange_load_get_symbol (load), &error);
  if (inst_id == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fetch = g_new0 (WindowFetch, 1);
  fetch->inst_id = g_steal_pointer (&inst_id);
  fetch->bar = wick_okx_bar_for_interval (_wick_exchange_load_get_interval (load));
  g_assert (fetch->bar != NULL);

  /* /market/candles only reaches back CANDLES_DEPTH candles: older windows start in the
   * history at once. */
  interval_ms = _wick_exchange_load_get_interval_ms (load);
  now_ms = _wick_exchange_load_get_now_ms (load);
  end_ms = window->to_ms != 0 ? window->to_ms : now_ms;
  fetch->history = end_ms < now_ms - CANDLES_DEPTH * interval_ms;

  /* Every page that goes on moves the cursor back, but a server could do so a millisecond at
   * a time: twice the pages the window needs is plenty. */
  fetch->max_pages = _wick_exchange_count_pages (window->from_ms, end_ms, interval_ms,
                                                 HISTORY_LIMIT) * 2 + 8;

  _wick_exchange_pager_run (g_steal_pointer (&task), load, window, &candles_pager, fetch,
                            (GDestroyNotify) window_fetch_free);
}

gboolean
_wick_okx_fetch_window_finish (WickSource    *source,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
