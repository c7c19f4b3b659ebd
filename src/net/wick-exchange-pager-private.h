/* wick-exchange-pager-private.h: paging one window of candles over an exchange's REST API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loop behind the fetch_window hook of every exchange source: ask for a page, read it,
 * trim it to the window, hand it to _wick_exchange_load_add_page(), move the cursor past its
 * rows and ask again, until a page reaches the far end of the window or the exchange has no
 * more. What differs between exchanges is in a static #WickExchangePagerInfo: which way the
 * cursor moves, how many rows a page asks for, how a request is built and a body read, whether
 * to go on after a page, and an optional wait before a request (a rate limit of its own).
 *
 * The cursor is an open time in ms:
 *  - FORWARD (oldest page first): where the next page starts, first the window's start; after
 *    a page, the newest row's open time plus one interval. The window is done when the cursor
 *    reaches its end (or now, for a window up to the newest).
 *  - BACKWARD (newest page first): the next page holds rows older than it, first the window's
 *    end (0: the newest rows); after a page, the oldest row's open time. The window is done
 *    when the cursor is at or before its start.
 * A page that does not move the cursor on (no rows, or none past the cursor) leaves it where
 * it was, and the exchange decides whether anything else is left to ask for.
 *
 * Pages are trimmed to the window after the cursor has moved, so rows a server sends outside
 * it still move the cursor on. Pages may overlap; the shared merge drops the repeats.
 */

#pragma once

#include "wick-exchange-source-private.h"

G_BEGIN_DECLS

typedef enum
{
  WICK_EXCHANGE_PAGER_FORWARD,
  WICK_EXCHANGE_PAGER_BACKWARD,
} WickExchangePagerDirection;

typedef enum
{
  WICK_EXCHANGE_PAGER_DONE,
  WICK_EXCHANGE_PAGER_MORE,
  WICK_EXCHANGE_PAGER_FAILED,   /* with an error set */
} WickExchangePagerStep;

typedef struct _WickExchangePager WickExchangePager;

typedef struct
{
  WickExchangePagerDirection direction;

  /* Rows the next page asks for; kept in pager->limit while it is in flight. */
  guint                 (*get_limit)   (WickExchangePager      *pager);
  /* Sends the request of the page at pager->cursor_ms with wick_rest_client_get_async(),
   * passing @callback and @user_data on. */
  void                  (*send_page)   (WickExchangePager      *pager,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
  /* Reads a body into a #GArray of #WickCandle, oldest first, or fails with the error the
   * window fails with. */
  gboolean              (*parse_page)  (WickExchangePager      *pager,
                                        const char             *data,
                                        gsize                   length,
                                        GArray                **out_candles,
                                        GError                **error);
  /* After a page that did not reach the far end of the window: whether to ask for another.
   * @moved_on is FALSE when the page left the cursor where it was; @is_short is TRUE when
   * it held fewer rows than pager->limit. */
  WickExchangePagerStep (*next_step)   (WickExchangePager      *pager,
                                        gboolean                moved_on,
                                        gboolean                is_short,
                                        GError                **error);
  /* Optional: microseconds to wait before the next request, 0 for none. Cancelling ends
   * the wait at once. */
  gint64                (*get_wait_us) (WickExchangePager      *pager);
} WickExchangePagerInfo;

/* The state of one window, for the hooks to read; only data is theirs to change. */
struct _WickExchangePager
{
  WickSource                  *source;      /* Borrowed: the task's source object */
  WickExchangeLoad            *load;        /* Borrowed: outlives the task */
  const WickExchangePagerInfo *info;        /* Borrowed: static */
  gint64                       interval_ms;
  gint64                       from_ms;     /* the window's start */
  gint64                       to_ms;       /* the window's end as asked, 0 for the newest */
  gint64                       end_ms;      /* exclusive: to_ms, or the load's now */
  gint64                       cursor_ms;
  guint                        limit;       /* of the page in flight */
  guint                        n_pages;     /* pages received so far */
  gpointer                     data;        /* Owned (data_free): the exchange's own state */
  GDestroyNotify               data_free;
};

/* Pages @window of @load into the load. Takes @task, which becomes the pager's, and
 * completes it with %TRUE or the error that stopped the paging; read it with
 * g_task_propagate_boolean(). @data (freed with @data_free, which may be %NULL) is the
 * exchange's state for @info's hooks. */
void _wick_exchange_pager_run (GTask                       *task,
                               WickExchangeLoad            *load,
                               const WickExchangeWindow    *window,
                               const WickExchangePagerInfo *info,
                               gpointer                     data,
                               GDestroyNotify               data_free);

G_END_DECLS
