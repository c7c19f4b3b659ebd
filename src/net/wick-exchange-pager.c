/* wick-exchange-pager.c: paging one window of candles over an exchange's REST API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See wick-exchange-pager-private.h. Every callback runs on the task's main context.
 */

#define G_LOG_DOMAIN "wick-exchange-source"

#include "config.h"

#include "wick-exchange-pager-private.h"

#include "wick-rest-client.h"

static void send_page (GTask *task);

static void
pager_free (WickExchangePager *pager)
{
  if (pager->data_free != NULL)
    g_clear_pointer (&pager->data, pager->data_free);
  g_free (pager);
}

/* Drops rows outside [@from_ms, @to_ms) (@to_ms 0: no end) that a server sent anyway. */
static void
keep_window (GArray *candles,
             gint64  from_ms,
             gint64  to_ms)
{
  const WickCandle *rows = (const WickCandle *) candles->data;
  guint first = 0;
  guint end = candles->len;

  while (first < end && rows[first].open_time_ms < from_ms)
    first++;
  while (to_ms != 0 && end > first && rows[end - 1].open_time_ms >= to_ms)
    end--;

  g_array_set_size (candles, end);
  g_array_remove_range (candles, 0, first);
}

/* Where the cursor goes after @rows (oldest first); FALSE when they do not move it on. */
static gboolean
next_cursor (const WickExchangePager *pager,
             const GArray            *rows,
             gint64                  *out_cursor_ms)
{
  if (rows->len == 0)
    return FALSE;

  if (pager->info->direction == WICK_EXCHANGE_PAGER_FORWARD)
    {
      *out_cursor_ms = g_array_index (rows, WickCandle, rows->len - 1).open_time_ms +
                       pager->interval_ms;
      return *out_cursor_ms > pager->cursor_ms;
    }

  *out_cursor_ms = g_array_index (rows, WickCandle, 0).open_time_ms;
  return pager->cursor_ms == 0 || *out_cursor_ms < pager->cursor_ms;
}

static gboolean
is_far_end (const WickExchangePager *pager,
            gint64                   cursor_ms)
{
  if (pager->info->direction == WICK_EXCHANGE_PAGER_FORWARD)
    return cursor_ms >= pager->end_ms;

  return cursor_ms <= pager->from_ms;
}

static gboolean
on_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;

  /* Also reached at once on cancellation, through the cancellable child source. */
  if (!g_task_return_error_if_cancelled (task))
    send_page (g_object_ref (task));

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Sends the next page of @task (taken) after @wait_us; the timeout holds the task. */
static void
wait_then_send_page (GTask  *task,
                     gint64  wait_us)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GSource) source = g_timeout_source_new ((guint) (wait_us / 1000) + 1);

  g_source_set_callback (source, on_wait_done_cb, task, g_object_unref);
  g_source_set_static_name (source, "[wick] exchange page wait");
  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (cancellable);

      g_source_set_callback (cancelled, G_SOURCE_FUNC (on_wait_cancelled_cb), NULL, NULL);
      g_source_add_child_source (source, cancelled);
    }
  g_source_attach (source, g_task_get_context (task));
}

static void
request_page (GTask *task)
{
  WickExchangePager *pager = g_task_get_task_data (task);
  gint64 wait_us = 0;

  if (pager->info->get_wait_us != NULL)
    wait_us = pager->info->get_wait_us (pager);

  if (wait_us > 0)
    wait_then_send_page (task, wait_us);
  else
    send_page (task);
}

static void
on_page_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WickExchangePager *pager = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GArray) candles = NULL;
  GError *error = NULL;
  WickExchangePagerStep step;
  gboolean moved_on;
  gboolean is_short;
  gint64 cursor_ms = 0;
  gconstpointer data;
  gsize length;

  body = wick_rest_client_get_finish (WICK_REST_CLIENT (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_bytes_get_data (body, &length);
  if (!pager->info->parse_page (pager, data, length, &candles, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The cursor follows the rows sent, whatever the window keeps of the page. */
  moved_on = next_cursor (pager, candles, &cursor_ms);
  is_short = candles->len < pager->limit;
  keep_window (candles, pager->from_ms, pager->to_ms);
  pager->n_pages++;
  _wick_exchange_load_add_page (pager->load, g_steal_pointer (&candles));

  if (moved_on && is_far_end (pager, cursor_ms))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (moved_on)
    pager->cursor_ms = cursor_ms;

  step = pager->info->next_step (pager, moved_on, is_short, &error);
  g_assert ((step == WICK_EXCHANGE_PAGER_FAILED) == (error != NULL));

  if (step == WICK_EXCHANGE_PAGER_MORE)
    request_page (g_steal_pointer (&task));
  else if (step == WICK_EXCHANGE_PAGER_FAILED)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
send_page (GTask *task)
{
  WickExchangePager *pager = g_task_get_task_data (task);

  pager->limit = pager->info->get_limit (pager);
  pager->info->send_page (pager, g_task_get_cancellable (task), on_page_cb, task);
}

void
_wick_exchange_pager_run (GTask                       *task,
                          WickExchangeLoad            *load,
                          const WickExchangeWindow    *window,
                          const WickExchangePagerInfo *info,
                          gpointer                     data,
                          GDestroyNotify               data_free)
{
  WickExchangePager *pager;

  g_assert (G_IS_TASK (task));
  g_assert (load != NULL && window != NULL);
  g_assert (info != NULL && info->get_limit != NULL && info->send_page != NULL &&
            info->parse_page != NULL && info->next_step != NULL);

  pager = g_new0 (WickExchangePager, 1);
  pager->source = g_task_get_source_object (task);
  pager->load = load;
  pager->info = info;
  pager->interval_ms = _wick_exchange_load_get_interval_ms (load);
  pager->from_ms = window->from_ms;
  pager->to_ms = window->to_ms;
  pager->end_ms = window->to_ms != 0 ? window->to_ms : _wick_exchange_load_get_now_ms (load);
  pager->cursor_ms = info->direction == WICK_EXCHANGE_PAGER_FORWARD ? window->from_ms
                                                                    : window->to_ms;
  pager->data = data;
  pager->data_free = data_free;
  g_task_set_task_data (task, pager, (GDestroyNotify) pager_free);

  request_page (task);
}
