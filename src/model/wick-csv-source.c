/* wick-csv-source.c: a market read from the user's own CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-csv-source"

#include "config.h"

#include "wick-csv-source.h"

#include "wick-csv.h"
#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define CSV_EXCHANGE "CSV"

struct _WickCsvSource
{
  GObject  parent_instance;

  char    *candles_path;        /* Owned */
  char    *liquidations_path;   /* Owned, nullable */
  char    *open_interest_path;  /* Owned, nullable */
};

typedef struct
{
  char   *candles_path;
  char   *liquidations_path;
  char   *open_interest_path;
  char   *symbol;         /* nullable: from the file name */
  gint64  interval_ms;    /* 0: as in the file */
  char   *interval;       /* nullable */
} LoadData;

enum {
  PROP_0,
  PROP_CANDLES_PATH,
  PROP_LIQUIDATIONS_PATH,
  PROP_OPEN_INTEREST_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void wick_csv_source_iface_init (WickSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WickCsvSource, wick_csv_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WICK_TYPE_SOURCE,
                                                      wick_csv_source_iface_init))

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->candles_path, g_free);
  g_clear_pointer (&data->liquidations_path, g_free);
  g_clear_pointer (&data->open_interest_path, g_free);
  g_clear_pointer (&data->symbol, g_free);
  g_clear_pointer (&data->interval, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* The file name without its directory or its last extension: “BTCUSDT-1h.csv” → “BTCUSDT-1h”. */
static char *
dup_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

/* The file's bytes: mapped when it is a regular file, which saves copying tens of megabytes
 * of a big CSV into memory before parsing it; read otherwise. */
static GBytes *
load_file (const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
      (mapped = g_mapped_file_new (path, FALSE, NULL)) != NULL)
    return g_mapped_file_get_bytes (mapped);

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      /* Keep the GIO domain and code; make sure the message names the file. */
      if (strstr (local_error->message, path) == NULL)
        g_prefix_error (&local_error, "%s: ", path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_bytes_new_take (contents, len);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(WickLiquidations) liquidations = NULL;
  g_autoptr(WickOpenInterest) open_interest = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *candles_name = g_path_get_basename (data->candles_path);
  g_autofree char *symbol = NULL;
  g_autofree char *interval = NULL;
  gconstpointer contents;
  gsize len;

  if (g_task_return_error_if_cancelled (task))
    return;

  if ((bytes = load_file (data->candles_path, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  contents = g_bytes_get_data (bytes, &len);
  if ((series = wick_csv_parse_candles (contents, len, 0, &error)) == NULL)
    {
      g_task_return_error (task, _wick_source_error_from_parse (error, candles_name));
      return;
    }
  g_clear_pointer (&bytes, g_bytes_unref);

  interval = wick_interval_format_ms (wick_series_get_interval_ms (series));
  if (data->interval_ms != 0 && data->interval_ms != wick_series_get_interval_ms (series))
    {
      g_task_return_new_error (task, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                               /* Translators: “prices.csv holds 1h candles, not 4h” */
                               _("%s holds %s candles, not %s"),
                               candles_name, interval, data->interval);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->liquidations_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (data->liquidations_path);

      if ((bytes = load_file (data->liquidations_path, cancellable, &error)) == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      contents = g_bytes_get_data (bytes, &len);
      if ((liquidations = wick_csv_parse_liquidations (contents, len, 0, &error)) == NULL)
        {
          g_task_return_error (task, _wick_source_error_from_parse (error, name));
          return;
        }
      g_clear_pointer (&bytes, g_bytes_unref);
    }

  if (data->open_interest_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (data->open_interest_path);

      if ((bytes = load_file (data->open_interest_path, cancellable, &error)) == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      contents = g_bytes_get_data (bytes, &len);
      if ((open_interest = wick_csv_parse_open_interest (contents, len, 0, &error)) == NULL)
        {
          g_task_return_error (task, _wick_source_error_from_parse (error, name));
          return;
        }
      g_clear_pointer (&bytes, g_bytes_unref);
    }

  symbol = data->symbol != NULL ? g_strdup (data->symbol) : dup_stem (data->candles_path);

  market = wick_market_new (CSV_EXCHANGE, symbol, interval, series);
  wick_market_set_liquidations (market, liquidations);
  wick_market_set_open_interest (market, open_interest);
  wick_market_set_source_label (market, candles_name);
  wick_market_set_is_synthetic (market, FALSE);

  g_task_return_pointer (task, g_steal_pointer (&market), g_object_unref);
}

static const char *
wick_csv_source_get_name (WickSource *source)
{
  return "csv";
}

static void
wick_csv_source_load_async (WickSource          *source,
                            const char          *symbol,
                            const char          *interval,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  WickCsvSource *self = (WickCsvSource *)source;
  g_autoptr(GTask) task = NULL;
  g_autoptr(LoadData) data = NULL;

  g_assert (WICK_IS_CSV_SOURCE (self));
  g_assert (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wick_csv_source_load_async);

  data = g_new0 (LoadData, 1);
  data->candles_path = g_strdup (self->candles_path);
  data->liquidations_path = g_strdup (self->liquidations_path);
  data->open_interest_path = g_strdup (self->open_interest_path);
  data->symbol = g_strdup (symbol);
  data->interval = g_strdup (interval);

  if (interval != NULL && (data->interval_ms = wick_interval_parse_ms (interval)) == 0)
    {
      g_task_return_new_error (task, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                               _("“%s” is not a known interval"), interval);
      return;
    }

  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static WickMarket *
wick_csv_source_load_finish (WickSource    *source,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wick_csv_source_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
wick_csv_source_iface_init (WickSourceInterface *iface)
{
  iface->get_name = wick_csv_source_get_name;
  iface->load_async = wick_csv_source_load_async;
  iface->load_finish = wick_csv_source_load_finish;
}

static void
wick_csv_source_finalize (GObject *object)
{
  WickCsvSource *self = (WickCsvSource *)object;

  g_clear_pointer (&self->candles_path, g_free);
  g_clear_pointer (&self->liquidations_path, g_free);
  g_clear_pointer (&self->open_interest_path, g_free);

  G_OBJECT_CLASS (wick_csv_source_parent_class)->finalize (object);
}

static void
wick_csv_source_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WickCsvSource *self = WICK_CSV_SOURCE (object);

  switch (prop_id)
    {
    case PROP_CANDLES_PATH:
      g_value_set_string (value, self->candles_path);
      break;

    case PROP_LIQUIDATIONS_PATH:
      g_value_set_string (value, self->liquidations_path);
      break;

    case PROP_OPEN_INTEREST_PATH:
      g_value_set_string (value, self->open_interest_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_csv_source_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WickCsvSource *self = WICK_CSV_SOURCE (object);

  switch (prop_id)
    {
    case PROP_CANDLES_PATH:
      self->candles_path = g_value_dup_string (value);
      break;

    case PROP_LIQUIDATIONS_PATH:
      self->liquidations_path = g_value_dup_string (value);
      break;

    case PROP_OPEN_INTEREST_PATH:
      self->open_interest_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_csv_source_class_init (WickCsvSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_csv_source_finalize;
  object_class->get_property = wick_csv_source_get_property;
  object_class->set_property = wick_csv_source_set_property;

  properties[PROP_CANDLES_PATH] =
    g_param_spec_string ("candles-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LIQUIDATIONS_PATH] =
    g_param_spec_string ("liquidations-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OPEN_INTEREST_PATH] =
    g_param_spec_string ("open-interest-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wick_csv_source_init (WickCsvSource *self)
{
}

/**
 * wick_csv_source_new:
 * @candles_path: a CSV of `open_time_ms,open,high,low,close,volume` rows
 * @liquidations_path: (nullable): a CSV of `open_time_ms,long_liq_usd,short_liq_usd` rows
 * @open_interest_path: (nullable): a CSV of
 *   `open_time_ms,oi_open_usd,oi_high_usd,oi_low_usd,oi_close_usd` rows
 *
 * The market's exchange is “CSV”, its symbol the one asked for or else the candle file's name
 * without extension, its interval the one found in the data, and its source label the candle
 * file's name. Asking for another interval than the data's fails with
 * %WICK_SOURCE_ERROR_UNSUPPORTED.
 *
 * Returns: (transfer full): a new source
 */
WickSource *
wick_csv_source_new (const char *candles_path,
                     const char *liquidations_path,
                     const char *open_interest_path)
{
  g_return_val_if_fail (candles_path != NULL, NULL);

  return g_object_new (WICK_TYPE_CSV_SOURCE,
                       "candles-path", candles_path,
                       "liquidations-path", liquidations_path,
                       "open-interest-path", open_interest_path,
                       NULL);
}
