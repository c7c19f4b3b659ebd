/* wick-binance-klines.c: paging Binance klines forwards, on spot or on USD-M futures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Binance pages oldest first from a startTime cursor, up to endTime when the window has an
 * end. A short page is the newest there is. The loop is the shared pager's
 * (wick-exchange-pager.c); this file says how a page is asked for and read.
 */

#define G_LOG_DOMAIN "wick-binance-source"

#include "config.h"

#include "wick-binance-source-private.h"

#include "wick-binance-parse.h"
#include "wick-exchange-pager-private.h"

#include <glib/gi18n-lib.h>

#define KLINES_PATH           "/api/v3/klines"
#define FUTURES_KLINES_PATH   "/fapi/v1/klines"

static gboolean
is_futures (WickExchangePager *pager)
{
  WickBinanceSource *self = WICK_BINANCE_SOURCE (pager->source);

  return wick_binance_source_get_market (self) == WICK_BINANCE_MARKET_USDM;
}

/* USD-M weighs a kline request by its limit: 1 below 100 rows, 2 below 500, 5 up to 1000 and
 * 10 above. A futures page asks for the most rows of the cheapest band that holds what the
 * window still misses: as cheap as asking for exactly that, so updating a cached market costs
 * 1 rather than 10, with room to spare for rows a server repeats from before startTime. Spot
 * weighs every kline request the same, so its pages ask for all they may. */
static const guint futures_limits[] = { 99, 499, 1000, WICK_BINANCE_FUTURES_PAGE_LIMIT };

static guint
get_limit (WickExchangePager *pager)
{
  gint64 span_ms = pager->end_ms - pager->cursor_ms;
  gint64 missing;

  if (!is_futures (pager))
    return WICK_BINANCE_PAGE_LIMIT;

  /* Open times in [cursor, end), or up to now included when the window has no end. */
  if (pager->to_ms != 0)
    span_ms--;
  missing = MAX (span_ms, 0) / pager->interval_ms + 1;

  for (guint i = 0; i < G_N_ELEMENTS (futures_limits); i++)
    {
      if (missing <= futures_limits[i])
        return futures_limits[i];
    }

  return WICK_BINANCE_FUTURES_PAGE_LIMIT;
}

static void
send_page (WickExchangePager   *pager,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  WickBinanceSource *self = WICK_BINANCE_SOURCE (pager->source);
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, pager->cursor_ms);
  g_autofree char *limit = g_strdup_printf ("%u", pager->limit);
  g_autofree char *end = NULL;
  WickRestClient *client;
  const char *path;
  const char *query[] = {
    "symbol", _wick_exchange_load_get_symbol (pager->load),
    "interval", _wick_exchange_load_get_interval (pager->load),
    "startTime", start,
    "limit", limit,
    NULL, NULL,
    NULL,
  };

  if (pager->to_ms != 0)
    {
      end = g_strdup_printf ("%" G_GINT64_FORMAT, pager->to_ms - 1);
      query[8] = "endTime";
      query[9] = end;
    }

  if (is_futures (pager))
    {
      client = wick_binance_source_get_futures_client (self);
      path = FUTURES_KLINES_PATH;
    }
  else
    {
      client = wick_binance_source_get_spot_client (self);
      path = KLINES_PATH;
    }

  wick_rest_client_get_async (client, path, query, cancellable, callback, user_data);
}

/* Binance's own error body fails the window as it is; anything else is a bad page. */
static gboolean
parse_page (WickExchangePager  *pager,
            const char         *data,
            gsize               length,
            GArray            **out_candles,
            GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (wick_binance_parse_klines (data, length, out_candles, &local_error))
    return TRUE;

  if (local_error->domain == WICK_EXCHANGE_SERVER_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (is_futures (pager))
    g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_INVALID_DATA,
                 /* Translators: why a page of candles was refused */
                 _("Binance Futures sent candles that cannot be read: %s"),
                 local_error->message);
  else
    g_set_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_INVALID_DATA,
                 /* Translators: why a page of candles was refused */
                 _("Binance sent candles that cannot be read: %s"),
                 local_error->message);

  return FALSE;
}

/* A short page is the newest; a page that does not move on would be asked for again. */
static WickExchangePagerStep
next_step (WickExchangePager  *pager,
           gboolean            moved_on,
           gboolean            is_short,
           GError            **error)
{
  return moved_on && !is_short ? WICK_EXCHANGE_PAGER_MORE : WICK_EXCHANGE_PAGER_DONE;
}

static const WickExchangePagerInfo klines_pager = {
  .direction = WICK_EXCHANGE_PAGER_FORWARD,
  .get_limit = get_limit,
  .send_page = send_page,
  .parse_page = parse_page,
  .next_step = next_step,
};

/**
 * _wick_binance_fetch_window_async:
 * @source: the #WickBinanceSource
 * @load: the load the pages go to
 * @window: the open times wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the window is done
 * @user_data: data for @callback
 *
 * Pages forwards from @window's start until a short page, or its end (now, when it has none),
 * on the klines of the source's market. Each page goes to _wick_exchange_load_add_page(),
 * trimmed to the window; a page that does not parse, or Binance's error body, fails the window.
 */
void
_wick_binance_fetch_window_async (WickSource               *source,
                                  WickExchangeLoad         *load,
                                  const WickExchangeWindow *window,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, _wick_binance_fetch_window_async);
  _wick_exchange_pager_run (task, load, window, &klines_pager, NULL, NULL);
}

gboolean
_wick_binance_fetch_window_finish (WickSource    *source,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
