/* wick-cli-source.c: the source a --source spec names, and loading its market for a verb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-application.h"
#include "wick-binance-source.h"
#include "wick-cli.h"
#include "wick-csv-source.h"
#include "wick-csv.h"
#include "wick-exchange-parse.h"
#include "wick-okx-source.h"
#include "wick-sample-source.h"

/* Candles fetched before the start of a --range, so indicators, zones and signals have
 * history to start from at the left edge of the picture. */
#define RANGE_WARM_UP_CANDLES 200

/**
 * wick_cli_create_source:
 * @spec: (nullable): "sample", "csv:PATH", "binance", "binance-futures" or "okx"; %NULL
 *   means the sample
 *
 * The exchanges' sources share the application's HTTP session, addresses and candle cache.
 *
 * Returns: (transfer full) (nullable): the source, or %NULL with @error set
 */
WickSource *
wick_cli_create_source (const char  *spec,
                        const char  *liquidations,
                        const char  *open_interest,
                        GError     **error)
{
  WickApplication *application;

  if (spec == NULL || g_str_equal (spec, "sample"))
    return wick_sample_source_new ();

  if (g_str_has_prefix (spec, "csv:") && spec[4] != '\0')
    return wick_csv_source_new (spec + 4, liquidations, open_interest);

  application = WICK_IS_APPLICATION (g_application_get_default ()) ? WICK_APPLICATION_DEFAULT
                                                                    : NULL;

  if (application != NULL && g_str_equal (spec, "binance"))
    return wick_binance_source_new (wick_application_get_session (application),
                                    wick_application_get_endpoints (application),
                                    wick_application_get_candle_cache (application));

  if (application != NULL && g_str_equal (spec, "binance-futures"))
    return wick_binance_source_new_for_market (wick_application_get_session (application),
                                               wick_application_get_endpoints (application),
                                               wick_application_get_candle_cache (application),
                                               WICK_BINANCE_MARKET_USDM);

  if (application != NULL && g_str_equal (spec, "okx"))
    return wick_okx_source_new (wick_application_get_session (application),
                                wick_application_get_endpoints (application),
                                wick_application_get_candle_cache (application));

  g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
               _("Unknown source “%s”: use “binance”, “binance-futures”, “okx”, “sample” or "
                 "“csv:PATH”"), spec);
  return NULL;
}

/* Whether the exchange refused the request itself (an unknown symbol, a bad parameter)
 * rather than failing to serve it: Binance's -11xx codes are request errors, as are OKX's
 * 51xxx ones (51001: the instrument does not exist). */
static gboolean
is_bad_request (const GError *error)
{
  if (error->domain != WICK_EXCHANGE_SERVER_ERROR)
    return FALSE;

  return (error->code <= -1100 && error->code >= -1199) ||
         (error->code >= 51000 && error->code <= 51999);
}

/* A file the user handed us that does not parse, or a market the exchange does not have,
 * is bad input, not a run-time failure. */
static int
exit_code_for_load_error (const GError *error)
{
  if (error->domain == WICK_SOURCE_ERROR ||
      error->domain == WICK_CSV_ERROR ||
      error->domain == WICK_SERIES_ERROR ||
      is_bad_request (error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return WICK_EXIT_USAGE;

  return WICK_EXIT_FAILED;
}

/* An exchange fetches what --range shows, with some history before it; sources that hold
 * a whole file ignore this. The range was checked before anything was loaded. A range that
 * reaches past now (as `--range all` does) fetches up to now; one from before 1970 (all
 * again) fetches the source's default history. */
static void
apply_range (WickSource           *source,
             const WickCliOptions *options)
{
  gint64 now_ms = g_get_real_time () / 1000;
  gint64 from_ms, to_ms, interval_ms;

  if (options->range == NULL || !wick_cli_parse_range (options->range, &from_ms, &to_ms, NULL))
    return;

  interval_ms = wick_interval_parse_ms (options->interval != NULL ? options->interval : "1h");
  if (from_ms > 0 && interval_ms > 0)
    from_ms = MAX (from_ms - interval_ms * RANGE_WARM_UP_CANDLES, 1);

  wick_source_set_range (source, MAX (from_ms, 0), to_ms >= now_ms ? 0 : MAX (to_ms, 0));
}

/**
 * wick_cli_load_market:
 * @exit_code: (out): the exit code to end with when loading failed
 *
 * Loads the market the options name, synchronously; on failure prints why.
 *
 * Returns: (transfer full) (nullable): the market
 */
WickMarket *
wick_cli_load_market (const WickCliOptions *options,
                      int                  *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSource) source = NULL;
  WickMarket *market;

  if (!(source = wick_cli_create_source (options->source, options->liquidations,
                                         options->open_interest, &error)))
    {
      *exit_code = wick_cli_fail (WICK_EXIT_USAGE, error);
      return NULL;
    }

  apply_range (source, options);

  if (!(market = wick_source_load (source, options->symbol, options->interval, NULL, &error)))
    *exit_code = wick_cli_fail (exit_code_for_load_error (error), error);

  return market;
}
