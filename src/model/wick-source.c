/* wick-source.c: where a market comes from (the bundled sample, CSV files, an exchange)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-source"

#include "config.h"

#include "wick-source.h"

#include "wick-csv.h"
#include "wick-model-private.h"

#include <glib/gi18n-lib.h>

G_DEFINE_INTERFACE (WickSource, wick_source, G_TYPE_OBJECT)

G_DEFINE_QUARK (wick-source-error-quark, wick_source_error)

enum {
  PROGRESS,
  STATUS,
  CACHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wick_source_default_init (WickSourceInterface *iface)
{
  /**
   * WickSource::progress:
   * @pages_done: pages fetched so far
   * @pages_expected: pages the load expects in all (at least @pages_done)
   *
   * Emitted by sources that fetch in pages while a load is running.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * WickSource::status:
   * @message: (nullable): what the source waits for, translated ("Binance asks to wait 30 s"),
   *   or %NULL once it no longer waits
   *
   * Emitted when a load is slowed down by rate limits, retries or a missing network.
   */
  signals[STATUS] =
    g_signal_new ("status",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * WickSource::cached:
   * @market: the market as the on-disk cache holds it
   *
   * Emitted during a load, before the network answers, when a cached copy exists, so a
   * window can show it at once. The load still finishes with the updated market.
   */
  signals[CACHED] =
    g_signal_new ("cached",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WICK_TYPE_MARKET);
}

/**
 * wick_source_set_range:
 * @self: a #WickSource
 * @from_ms: first open time wanted, or 0 for the source's default
 * @to_ms: end of the range (exclusive), or 0 for “up to now”
 *
 * Asks the next load for candles covering [@from_ms, @to_ms). Sources that hold a whole file
 * (the sample, CSV) ignore it and load everything.
 */
void
wick_source_set_range (WickSource *self,
                       gint64      from_ms,
                       gint64      to_ms)
{
  g_return_if_fail (WICK_IS_SOURCE (self));
  g_return_if_fail (from_ms >= 0 && to_ms >= 0);

  if (WICK_SOURCE_GET_IFACE (self)->set_range != NULL)
    WICK_SOURCE_GET_IFACE (self)->set_range (self, from_ms, to_ms);
}

void
wick_source_emit_progress (WickSource *self,
                           guint       pages_done,
                           guint       pages_expected)
{
  g_return_if_fail (WICK_IS_SOURCE (self));

  g_signal_emit (self, signals[PROGRESS], 0, pages_done, MAX (pages_done, pages_expected));
}

void
wick_source_emit_status (WickSource *self,
                         const char *message)
{
  g_return_if_fail (WICK_IS_SOURCE (self));

  g_signal_emit (self, signals[STATUS], 0, message);
}

void
wick_source_emit_cached (WickSource *self,
                         WickMarket *market)
{
  g_return_if_fail (WICK_IS_SOURCE (self));
  g_return_if_fail (WICK_IS_MARKET (market));

  g_signal_emit (self, signals[CACHED], 0, market);
}

/**
 * wick_source_get_name:
 * @self: a #WickSource
 *
 * Returns: the short, untranslated name used on the command line (“sample”, “csv”, “binance”)
 */
const char *
wick_source_get_name (WickSource *self)
{
  g_return_val_if_fail (WICK_IS_SOURCE (self), NULL);
  g_return_val_if_fail (WICK_SOURCE_GET_IFACE (self)->get_name != NULL, NULL);

  return WICK_SOURCE_GET_IFACE (self)->get_name (self);
}

/**
 * wick_source_load_async:
 * @self: a #WickSource
 * @symbol: (nullable): the symbol, or %NULL for the source's default
 * @interval: (nullable): the interval name (“1h”), or %NULL for the source's default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller when the market is loaded
 * @user_data: data for @callback
 *
 * Loads a market. Finish with wick_source_load_finish().
 */
void
wick_source_load_async (WickSource          *self,
                        const char          *symbol,
                        const char          *interval,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (WICK_IS_SOURCE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (WICK_SOURCE_GET_IFACE (self)->load_async != NULL);

  WICK_SOURCE_GET_IFACE (self)->load_async (self, symbol, interval, cancellable,
                                            callback, user_data);
}

/**
 * wick_source_load_finish:
 * @self: a #WickSource
 * @result: the result passed to the callback
 * @error: return location for a #GError (%WICK_SOURCE_ERROR, a #GIOErrorEnum, …)
 *
 * Returns: (transfer full): the market, or %NULL on error
 */
WickMarket *
wick_source_load_finish (WickSource    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (WICK_IS_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (WICK_SOURCE_GET_IFACE (self)->load_finish != NULL, NULL);

  return WICK_SOURCE_GET_IFACE (self)->load_finish (self, result, error);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert (out != NULL && *out == NULL);

  *out = g_object_ref (result);
}

/**
 * wick_source_load:
 * @self: a #WickSource
 * @symbol: (nullable): the symbol, or %NULL for the source's default
 * @interval: (nullable): the interval name, or %NULL for the source's default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads a market synchronously, for the headless command line and tests. It runs the async
 * load on a private main context pushed as thread-default, so it neither runs nor blocks
 * sources of the caller's main loop. Do not call it from a source's own worker thread.
 *
 * Returns: (transfer full): the market, or %NULL on error
 */
WickMarket *
wick_source_load (WickSource    *self,
                  const char    *symbol,
                  const char    *interval,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  WickMarket *market;

  g_return_val_if_fail (WICK_IS_SOURCE (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  wick_source_load_async (self, symbol, interval, cancellable, load_cb, &result);

  while (result == NULL)
    g_main_context_iteration (context, TRUE);

  market = wick_source_load_finish (self, result, error);

  g_main_context_pop_thread_default (context);

  return market;
}

GError *
_wick_source_error_from_parse (const GError *parse_error,
                               const char   *file_name)
{
  WickSourceError code = WICK_SOURCE_ERROR_INVALID_DATA;

  g_assert (parse_error != NULL);
  g_assert (file_name != NULL);

  if (g_error_matches (parse_error, WICK_CSV_ERROR, WICK_CSV_ERROR_EMPTY))
    code = WICK_SOURCE_ERROR_EMPTY;

  /* Translators: a file name, then what was wrong in it (“candles.csv: line 7: …”) */
  return g_error_new (WICK_SOURCE_ERROR, code, C_("file error", "%s: %s"),
                      file_name, parse_error->message);
}
