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

static void
wick_source_default_init (WickSourceInterface *iface)
{
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
