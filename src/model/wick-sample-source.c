/* wick-sample-source.c: the bundled synthetic BTCUSDT 1h market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-sample-source"

#include "config.h"

#include "wick-sample-source.h"

#include "wick-csv.h"
#include "wick-model-private.h"
#include "wick-sample-resources.h"

#include <glib/gi18n-lib.h>

#define SAMPLE_RESOURCE_DIR  "/io/github/wickchart/Wick/sample/"
#define SAMPLE_EXCHANGE      "Sample"
#define SAMPLE_SYMBOL        "BTCUSDT"
#define SAMPLE_INTERVAL      "1h"
#define SAMPLE_INTERVAL_MS   G_GINT64_CONSTANT (3600000)

struct _WickSampleSource
{
  GObject parent_instance;
};

static void wick_sample_source_iface_init (WickSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WickSampleSource, wick_sample_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WICK_TYPE_SOURCE,
                                                      wick_sample_source_iface_init))

/* Reads one CSV from the GResource compiled into this library, without relying on the
 * resource being registered globally. */
static GBytes *
lookup_sample (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat (SAMPLE_RESOURCE_DIR, name, NULL);

  return g_resource_lookup_data (wick_sample_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  static const char candles_name[] = "btcusdt-1h-candles.csv";
  static const char liquidations_name[] = "btcusdt-1h-liquidations.csv";
  static const char open_interest_name[] = "btcusdt-1h-open-interest.csv";
  g_autoptr(GBytes) candles_bytes = NULL;
  g_autoptr(GBytes) liquidations_bytes = NULL;
  g_autoptr(GBytes) open_interest_bytes = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(WickLiquidations) liquidations = NULL;
  g_autoptr(WickOpenInterest) open_interest = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gsize len;

  if (g_task_return_error_if_cancelled (task))
    return;

  if ((candles_bytes = lookup_sample (candles_name, &error)) == NULL ||
      (liquidations_bytes = lookup_sample (liquidations_name, &error)) == NULL ||
      (open_interest_bytes = lookup_sample (open_interest_name, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (candles_bytes, &len);
  series = wick_csv_parse_candles (data, len, SAMPLE_INTERVAL_MS, &error);
  if (series == NULL)
    {
      g_task_return_error (task, _wick_source_error_from_parse (error, candles_name));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_bytes_get_data (liquidations_bytes, &len);
  liquidations = wick_csv_parse_liquidations (data, len, SAMPLE_INTERVAL_MS, &error);
  if (liquidations == NULL)
    {
      g_task_return_error (task, _wick_source_error_from_parse (error, liquidations_name));
      return;
    }

  data = g_bytes_get_data (open_interest_bytes, &len);
  open_interest = wick_csv_parse_open_interest (data, len, SAMPLE_INTERVAL_MS, &error);
  if (open_interest == NULL)
    {
      g_task_return_error (task, _wick_source_error_from_parse (error, open_interest_name));
      return;
    }

  market = wick_market_new (SAMPLE_EXCHANGE, SAMPLE_SYMBOL, SAMPLE_INTERVAL, series);
  wick_market_set_liquidations (market, liquidations);
  wick_market_set_open_interest (market, open_interest);
  wick_market_set_source_label (market, _("Sample data (synthetic)"));
  wick_market_set_is_synthetic (market, TRUE);

  g_task_return_pointer (task, g_steal_pointer (&market), g_object_unref);
}

static const char *
wick_sample_source_get_name (WickSource *source)
{
  return "sample";
}

static void
wick_sample_source_load_async (WickSource          *source,
                               const char          *symbol,
                               const char          *interval,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_assert (WICK_IS_SAMPLE_SOURCE (source));
  g_assert (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, wick_sample_source_load_async);

  if ((symbol != NULL && g_ascii_strcasecmp (symbol, SAMPLE_SYMBOL) != 0) ||
      (interval != NULL && g_strcmp0 (interval, SAMPLE_INTERVAL) != 0))
    {
      g_task_return_new_error (task, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                               /* Translators: the symbol and interval asked for come last */
                               _("The sample data only has BTCUSDT at 1h, not %s at %s"),
                               symbol != NULL ? symbol : SAMPLE_SYMBOL,
                               interval != NULL ? interval : SAMPLE_INTERVAL);
      return;
    }

  g_task_run_in_thread (task, load_thread);
}

static WickMarket *
wick_sample_source_load_finish (WickSource    *source,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wick_sample_source_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
wick_sample_source_iface_init (WickSourceInterface *iface)
{
  iface->get_name = wick_sample_source_get_name;
  iface->load_async = wick_sample_source_load_async;
  iface->load_finish = wick_sample_source_load_finish;
}

static void
wick_sample_source_class_init (WickSampleSourceClass *klass)
{
}

static void
wick_sample_source_init (WickSampleSource *self)
{
}

/**
 * wick_sample_source_new:
 *
 * The bundled synthetic BTCUSDT 1h market (2025-11-01 → 2026-01-10), with liquidations and
 * open interest. It needs no network and is labelled “Sample data (synthetic)”.
 *
 * Returns: (transfer full): a new source
 */
WickSource *
wick_sample_source_new (void)
{
  return g_object_new (WICK_TYPE_SAMPLE_SOURCE, NULL);
}
