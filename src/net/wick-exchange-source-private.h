/* wick-exchange-source-private.h: the load every exchange source shares (Binance, OKX, …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An exchange source describes itself with a static #WickExchangeSourceInfo (its name, how it
 * checks symbols and intervals, its page size and two fetch hooks) and hands each load to
 * _wick_exchange_source_load_async(). The shared load then:
 *
 *  1. checks the interval and normalises the symbol with the info's hooks, before any request
 *     (WICK_SOURCE_ERROR_UNSUPPORTED);
 *  2. reads the cache (in a worker thread) and emits WickSource::cached with the cached market,
 *     labelled “<exchange> (cached)”;
 *  3. works out the windows still missing: the range asked for (set_range), or the newest
 *     info->default_candles when no range was set, minus what the cache holds (the last
 *     cached candle is fetched again, as it may have been still open). A cache that cannot be
 *     joined to the range without a gap is not used; the result then starts afresh;
 *  4. calls info->fetch_window_async() for each window, oldest window first; the hook pages as
 *     its exchange wants (through the shared pager, wick-exchange-pager-private.h) and hands
 *     every page to _wick_exchange_load_add_page(), which emits WickSource::progress against
 *     an expected page count computed from the windows, the interval and info->page_limit;
 *  5. calls info->fetch_extras_async() (open interest, liquidations); a failure there only
 *     emits WickSource::status with the error's message;
 *  6. merges cache and pages (_wick_exchange_merge_pages()), builds the market (exchange,
 *     symbol, interval, source label info->exchange, liquidations bucketed by the interval,
 *     open interest) and saves the candles to the cache (in a worker thread).
 *
 * Failure changes nothing: no page is kept, the cache file is not written. When fetching fails
 * because the network or the server is unavailable (_wick_exchange_error_is_offline()) and the
 * cache had candles, the load finishes with the cached market, labelled “<exchange> (cached)”,
 * and emits ::status saying so. Any other failure (a bad page, the exchange's own error body,
 * cancellation) fails the load.
 *
 * The load is in wick-exchange-source.c, the pure helpers at the end of this header in
 * wick-exchange-merge.c. Every callback runs on the thread-default main context of the caller of
 * _wick_exchange_source_load_async(), so wick_source_load() works.
 */

#pragma once

#include <gio/gio.h>

#include "wick-candle-cache.h"
#include "wick-liquidations.h"
#include "wick-open-interest.h"
#include "wick-source.h"

G_BEGIN_DECLS

/* The state of one load, owned by the shared load; valid until the hook's task completes. */
typedef struct _WickExchangeLoad WickExchangeLoad;

/* Candles still missing: open times in [from_ms, to_ms); to_ms is 0 for “up to the newest”. */
typedef struct
{
  gint64 from_ms;
  gint64 to_ms;
} WickExchangeWindow;

typedef struct
{
  /* The market's exchange (“Binance”), the cache key and the source label. Untranslated. */
  const char *exchange;
  /* Used when the caller asks for a %NULL symbol or interval. */
  const char *default_symbol;
  const char *default_interval;
  /* Candles per page, for the expected page count; and the candles of a load without range. */
  guint       page_limit;
  guint       default_candles;

  /* Returns the market symbol for @symbol (“btcusdt” → “BTCUSDT”), or %NULL with
   * WICK_SOURCE_ERROR_UNSUPPORTED naming it. */
  char     *(*normalize_symbol)    (const char           *symbol,
                                    GError              **error);
  /* Returns %FALSE with WICK_SOURCE_ERROR_UNSUPPORTED naming @interval when the exchange has
   * no such interval. Only intervals _wick_exchange_interval_ms() knows can be accepted. */
  gboolean  (*check_interval)      (const char           *interval,
                                    GError              **error);

  /* Fetches the candles of @window, in pages, each handed to _wick_exchange_load_add_page()
   * as it arrives. @window is only valid during the call. Pages may overlap and repeat
   * candles; the merge drops duplicates, the later page winning. Complete with
   * %TRUE or with the error that stopped it (a page that does not parse must fail). */
  void      (*fetch_window_async)  (WickSource                *source,
                                    WickExchangeLoad          *load,
                                    const WickExchangeWindow  *window,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data);
  gboolean  (*fetch_window_finish) (WickSource                *source,
                                    GAsyncResult              *result,
                                    GError                   **error);

  /* Optional (%NULL for none): fetches what goes beside the candles, storing it with
   * _wick_exchange_load_set_open_interest() and _wick_exchange_load_add_liquidations().
   * Runs after every window succeeded. An error other than G_IO_ERROR_CANCELLED only becomes
   * a ::status message, so its message must say what is missing (“Open interest is not
   * available: …”); what was stored before the error is kept. */
  void      (*fetch_extras_async)  (WickSource                *source,
                                    WickExchangeLoad          *load,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data);
  gboolean  (*fetch_extras_finish) (WickSource                *source,
                                    GAsyncResult              *result,
                                    GError                   **error);
} WickExchangeSourceInfo;

/* The load. @info must outlive the load (make it static). @cache is nullable. @from_ms and
 * @to_ms are the source's range (0, 0 for the default). The task's source object is @source. */
void              _wick_exchange_source_load_async       (WickSource                   *source,
                                                          const WickExchangeSourceInfo *info,
                                                          WickCandleCache              *cache,
                                                          const char                   *symbol,
                                                          const char                   *interval,
                                                          gint64                        from_ms,
                                                          gint64                        to_ms,
                                                          GCancellable                 *cancellable,
                                                          GAsyncReadyCallback           callback,
                                                          gpointer                      user_data);
WickMarket       *_wick_exchange_source_load_finish      (WickSource                   *source,
                                                          GAsyncResult                 *result,
                                                          GError                      **error);

/* For the hooks, during a load. */
const char       *_wick_exchange_load_get_symbol         (WickExchangeLoad             *load);
const char       *_wick_exchange_load_get_interval       (WickExchangeLoad             *load);
gint64            _wick_exchange_load_get_interval_ms    (WickExchangeLoad             *load);
/* The range as the source asked for it (0, 0 for the default). */
void              _wick_exchange_load_get_range          (WickExchangeLoad             *load,
                                                          gint64                       *from_ms,
                                                          gint64                       *to_ms);
/* The end of a window with to_ms 0: the wall clock when the load started, in ms. */
gint64            _wick_exchange_load_get_now_ms         (WickExchangeLoad             *load);
/* Takes @candles (a #GArray of #WickCandle, ascending; transfer full) and emits ::progress. */
void              _wick_exchange_load_add_page           (WickExchangeLoad             *load,
                                                          GArray                       *candles);
void              _wick_exchange_load_set_open_interest  (WickExchangeLoad             *load,
                                                          WickOpenInterest             *oi);
/* Adds events to the market's liquidations (bucketed by the interval); invalid ones are
 * skipped. Returns how many were added. */
guint             _wick_exchange_load_add_liquidations   (WickExchangeLoad             *load,
                                                          const WickLiquidationEvent   *events,
                                                          guint                         n_events);
/* Exchange data for the hooks of this load (an instrument id, a contract value …). */
void              _wick_exchange_load_set_data           (WickExchangeLoad             *load,
                                                          gpointer                      data,
                                                          GDestroyNotify                destroy);
gpointer          _wick_exchange_load_get_data           (WickExchangeLoad             *load);

/* Pure helpers. */

/* Milliseconds of an interval name: “1m” … “12h”, “1d”, “3d”, “1w” (and any “<n>m|h|d|w”);
 * 0 when unknown. */
gint64            _wick_exchange_interval_ms             (const char                   *interval);
/* Pages needed for open times in [@from_ms, @to_ms) at @page_limit candles a page (at least 1). */
guint             _wick_exchange_count_pages             (gint64                        from_ms,
                                                          gint64                        to_ms,
                                                          gint64                        interval_ms,
                                                          guint                         page_limit);
/* Merges @n_pages arrays of #WickCandle, each ascending, into one strictly ascending array:
 * for the same open time the later page (higher index) wins. The inputs are not changed. */
GArray           *_wick_exchange_merge_pages             (GArray * const               *pages,
                                                          guint                         n_pages);
/* Whether @error means the exchange could not be reached or would not serve now (transport
 * errors, timeouts, HTTP errors, rate limits, bans), so a cached market may stand in. Not for
 * cancellation, bad bodies or the exchange's own error body. */
gboolean          _wick_exchange_error_is_offline        (const GError                 *error);

G_END_DECLS
