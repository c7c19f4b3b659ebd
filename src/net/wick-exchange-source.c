/* wick-exchange-source.c: the load every exchange source shares (Binance, OKX, …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See wick-exchange-source-private.h for the steps. The chain runs on the caller's
 * thread-default main context; only reading and writing the cache go to a worker thread.
 */

#define G_LOG_DOMAIN "wick-exchange-source"

#include "config.h"

#include "wick-exchange-source-private.h"

#include <glib/gi18n-lib.h>

struct _WickExchangeLoad
{
  WickSource                   *source;          /* Borrowed: the task's source object */
  const WickExchangeSourceInfo *info;            /* Borrowed: static */
  WickCandleCache              *cache;           /* Owned, nullable */
  char                         *symbol;          /* Owned: the market symbol */
  char                         *interval;        /* Owned */
  gint64                        interval_ms;
  gint64                        from_ms;         /* as asked; 0 for the default */
  gint64                        to_ms;           /* as asked; 0 for “up to now” */
  gint64                        now_ms;

  WickSeries                   *cached;          /* Owned, nullable: what the cache held */
  gboolean                      join_cache;      /* cached candles go into the result */
  GArray                       *windows;         /* Owned: of WickExchangeWindow */
  guint                         next_window;
  GPtrArray                    *pages;           /* Owned: of GArray of WickCandle */
  guint                         pages_expected;

  WickLiquidations             *liquidations;    /* Owned */
  WickOpenInterest             *open_interest;   /* Owned, nullable */
  WickMarket                   *market;          /* Owned, nullable: the result once built */

  gpointer                      data;
  GDestroyNotify                data_destroy;
};

static void load_next_window (GTask *task);

static void
load_free (WickExchangeLoad *load)
{
  if (load->data_destroy != NULL)
    g_clear_pointer (&load->data, load->data_destroy);
  g_clear_object (&load->cache);
  g_clear_pointer (&load->symbol, g_free);
  g_clear_pointer (&load->interval, g_free);
  g_clear_object (&load->cached);
  g_clear_pointer (&load->windows, g_array_unref);
  g_clear_pointer (&load->pages, g_ptr_array_unref);
  g_clear_object (&load->liquidations);
  g_clear_object (&load->open_interest);
  g_clear_object (&load->market);
  g_free (load);
}

static WickMarket *
new_market (WickExchangeLoad *load,
            WickSeries       *series,
            gboolean          from_cache)
{
  WickMarket *market = wick_market_new (load->info->exchange, load->symbol, load->interval,
                                        series);

  if (from_cache)
    {
      g_autofree char *label = NULL;
      g_autoptr(WickLiquidations) empty = wick_liquidations_new (load->interval_ms);

      /* Translators: a source label, the exchange's name (“Binance (cached)”) */
      label = g_strdup_printf (_("%s (cached)"), load->info->exchange);
      wick_market_set_source_label (market, label);
      wick_market_set_liquidations (market, empty);
    }
  else
    {
      wick_market_set_source_label (market, load->info->exchange);
      wick_market_set_liquidations (market, load->liquidations);
      wick_market_set_open_interest (market, load->open_interest);
    }

  wick_market_set_is_synthetic (market, FALSE);

  return market;
}

/* Step 6b: the cache is written; hand back the market. */
static void
on_cache_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WickExchangeLoad *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      /* The market is good; only the next start will be slower. */
      /* Translators: the exchange, then why (“Could not save the Binance cache: disk full”) */
      message = g_strdup_printf (_("Could not save the %s cache: %s"),
                                 load->info->exchange, error->message);
      wick_source_emit_status (load->source, message);
    }

  g_task_return_pointer (task, g_steal_pointer (&load->market), g_object_unref);
}

static void
save_cache_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  WickExchangeLoad *load = task_data;
  WickSeries *series = wick_market_get_series (load->market);
  GError *error = NULL;

  if (wick_candle_cache_save (load->cache, load->info->exchange, load->symbol, load->interval,
                              series, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Step 6: merge, build the market, save. */
static void
load_complete (GTask *task)
{
  WickExchangeLoad *load = g_task_get_task_data (task);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) merged = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(GTask) save = NULL;
  GError *error = NULL;

  if (load->join_cache && load->cached != NULL)
    {
      GArray *cached = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle),
                                          wick_series_get_length (load->cached));

      g_array_append_vals (cached, wick_series_get_candles (load->cached),
                           wick_series_get_length (load->cached));
      g_ptr_array_add (inputs, cached);
    }
  for (guint i = 0; i < load->pages->len; i++)
    g_ptr_array_add (inputs, g_array_ref (g_ptr_array_index (load->pages, i)));

  merged = _wick_exchange_merge_pages ((GArray * const *) inputs->pdata, inputs->len);
  if (merged->len == 0)
    {
      g_task_return_new_error (task, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_EMPTY,
                               /* Translators: the exchange, an interval, a symbol */
                               _("%s has no %s candles of %s for this time range"),
                               load->info->exchange, load->interval, load->symbol);
      return;
    }

  series = wick_series_new (load->interval_ms);
  if (!wick_series_replace (series, (const WickCandle *) merged->data, merged->len, &error))
    {
      g_task_return_new_error (task, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_INVALID_DATA,
                               "%s: %s", load->info->exchange, error->message);
      g_error_free (error);
      return;
    }

  load->market = new_market (load, series, FALSE);

  if (load->cache == NULL || load->pages->len == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&load->market), g_object_unref);
      return;
    }

  /* Nothing else touches the series until the save is done. */
  save = g_task_new (load->source, NULL, on_cache_saved_cb, g_object_ref (task));
  g_task_set_source_tag (save, save_cache_thread);
  g_task_set_task_data (save, load, NULL);
  g_task_run_in_thread (save, save_cache_thread);
}

static void
on_extras_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WickExchangeLoad *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!load->info->fetch_extras_finish (load->source, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      g_debug ("%s extras: %s", load->info->exchange, error->message);
      wick_source_emit_status (load->source, error->message);
    }

  load_complete (task);
}

/* Step 5: what goes beside the candles. */
static void
load_extras (GTask *task)
{
  WickExchangeLoad *load = g_task_get_task_data (task);

  if (load->info->fetch_extras_async == NULL)
    {
      load_complete (task);
      return;
    }

  load->info->fetch_extras_async (load->source, load, g_task_get_cancellable (task),
                                  on_extras_cb, g_object_ref (task));
}

/* The network failed: stand in with the cache, or fail with @error (taken). */
static void
load_fail_or_fall_back (GTask  *task,
                        GError *error)
{
  WickExchangeLoad *load = g_task_get_task_data (task);
  g_autoptr(WickSeries) fallback = NULL;
  g_autofree char *message = NULL;

  if (load->cached == NULL || wick_series_get_length (load->cached) == 0 ||
      !_wick_exchange_error_is_offline (error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Translators: the exchange, then why (“Could not update from Binance (…); showing …”) */
  message = g_strdup_printf (_("Could not update from %s (%s); showing the cached candles"),
                             load->info->exchange, error->message);
  g_debug ("%s", message);
  wick_source_emit_status (load->source, message);
  g_error_free (error);

  /* Not the ::cached market's series: its receiver may have changed it since. */
  fallback = wick_series_copy (load->cached);
  g_task_return_pointer (task, new_market (load, fallback, TRUE), g_object_unref);
}

static void
on_window_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WickExchangeLoad *load = g_task_get_task_data (task);
  GError *error = NULL;

  if (!load->info->fetch_window_finish (load->source, result, &error))
    {
      load_fail_or_fall_back (task, error);
      return;
    }

  load_next_window (task);
}

/* Step 4: the windows, oldest first. */
static void
load_next_window (GTask *task)
{
  WickExchangeLoad *load = g_task_get_task_data (task);
  WickExchangeWindow window;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (load->next_window >= load->windows->len)
    {
      load_extras (task);
      return;
    }

  window = g_array_index (load->windows, WickExchangeWindow, load->next_window++);
  load->info->fetch_window_async (load->source, load, &window, g_task_get_cancellable (task),
                                  on_window_cb, g_object_ref (task));
}

static void
add_window (WickExchangeLoad *load,
            gint64            from_ms,
            gint64            to_ms)
{
  WickExchangeWindow window = { from_ms, to_ms };
  gint64 end_ms = to_ms != 0 ? to_ms : _wick_exchange_load_get_now_ms (load);

  if (to_ms != 0 && to_ms <= from_ms)
    return;

  g_array_append_val (load->windows, window);
  load->pages_expected += _wick_exchange_count_pages (from_ms, end_ms, load->interval_ms,
                                                      load->info->page_limit);
}

/* Step 3: what is missing from the range, given the cache. */
static void
load_plan (WickExchangeLoad *load)
{
  gint64 from_ms = load->from_ms;
  gint64 to_ms = load->to_ms;

  if (from_ms == 0)
    {
      /* The newest default_candles, the one still open included. */
      gint64 aligned = load->now_ms - load->now_ms % load->interval_ms;

      from_ms = MAX (load->interval_ms,
                     aligned - (gint64) (load->info->default_candles - 1) * load->interval_ms);
    }

  if (load->cached != NULL && wick_series_get_length (load->cached) > 0)
    {
      gint64 first_ms = wick_series_get_candle (load->cached, 0)->open_time_ms;
      gint64 last_ms = wick_series_get_last (load->cached)->open_time_ms;

      /* Join the cache only when range and cache touch, so the result has no gap. */
      load->join_cache = from_ms <= last_ms + load->interval_ms &&
                         (to_ms == 0 || to_ms >= first_ms);
      if (load->join_cache)
        {
          if (from_ms < first_ms)
            add_window (load, from_ms, first_ms);
          /* The last cached candle may have been still open: fetch it again. */
          if (to_ms == 0 || to_ms > last_ms)
            add_window (load, last_ms, to_ms);
          return;
        }
    }

  add_window (load, from_ms, to_ms);
}

static void
on_cache_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WickExchangeLoad *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  load->cached = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (load->cached != NULL && wick_series_get_length (load->cached) > 0)
    {
      /* A copy: the receiver may update it (live candles) while the load merges its own. */
      g_autoptr(WickSeries) copy = wick_series_copy (load->cached);
      g_autoptr(WickMarket) market = new_market (load, copy, TRUE);

      wick_source_emit_cached (load->source, market);
    }

  load_plan (load);
  load_next_window (task);
}

static void
read_cache_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  WickExchangeLoad *load = task_data;
  g_autoptr(GError) error = NULL;
  WickSeries *series;

  series = wick_candle_cache_load (load->cache, load->info->exchange, load->symbol,
                                   load->interval, &error);

  /* A missing or unreadable cache only means fetching everything. */
  if (series == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("%s cache: %s", load->info->exchange, error->message);

  if (series != NULL && wick_series_get_interval_ms (series) != load->interval_ms)
    g_clear_object (&series);

  g_task_return_pointer (task, series, g_object_unref);
}

void
_wick_exchange_source_load_async (WickSource                   *source,
                                  const WickExchangeSourceInfo *info,
                                  WickCandleCache              *cache,
                                  const char                   *symbol,
                                  const char                   *interval,
                                  gint64                        from_ms,
                                  gint64                        to_ms,
                                  GCancellable                 *cancellable,
                                  GAsyncReadyCallback           callback,
                                  gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *market_symbol = NULL;
  WickExchangeLoad *load;
  GError *error = NULL;

  g_assert (WICK_IS_SOURCE (source));
  g_assert (info != NULL && info->fetch_window_async != NULL && info->page_limit > 0);
  g_assert (cache == NULL || WICK_IS_CANDLE_CACHE (cache));

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, _wick_exchange_source_load_async);

  if (symbol == NULL)
    symbol = info->default_symbol;
  if (interval == NULL)
    interval = info->default_interval;

  /* Step 1: nothing is requested for a market the exchange does not have. */
  if ((market_symbol = info->normalize_symbol (symbol, &error)) == NULL ||
      !info->check_interval (interval, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (_wick_exchange_interval_ms (interval) == 0)
    {
      g_task_return_new_error (task, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED,
                               _("“%s” is not a known interval"), interval);
      return;
    }

  load = g_new0 (WickExchangeLoad, 1);
  load->source = source;
  load->info = info;
  load->cache = cache != NULL ? g_object_ref (cache) : NULL;
  load->symbol = g_steal_pointer (&market_symbol);
  load->interval = g_strdup (interval);
  load->interval_ms = _wick_exchange_interval_ms (interval);
  load->from_ms = from_ms;
  load->to_ms = to_ms;
  load->now_ms = g_get_real_time () / 1000;
  load->windows = g_array_new (FALSE, FALSE, sizeof (WickExchangeWindow));
  load->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  load->liquidations = wick_liquidations_new (load->interval_ms);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  if (cache != NULL)
    {
      /* Step 2, in a worker thread: a cache file can be large. */
      g_autoptr(GTask) read = g_task_new (source, cancellable, on_cache_read_cb,
                                          g_steal_pointer (&task));

      g_task_set_source_tag (read, read_cache_thread);
      g_task_set_task_data (read, load, NULL);
      g_task_run_in_thread (read, read_cache_thread);
      return;
    }

  load_plan (load);
  load_next_window (task);
}

WickMarket *
_wick_exchange_source_load_finish (WickSource    *source,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _wick_exchange_source_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
_wick_exchange_load_get_symbol (WickExchangeLoad *load)
{
  return load->symbol;
}

const char *
_wick_exchange_load_get_interval (WickExchangeLoad *load)
{
  return load->interval;
}

gint64
_wick_exchange_load_get_interval_ms (WickExchangeLoad *load)
{
  return load->interval_ms;
}

void
_wick_exchange_load_get_range (WickExchangeLoad *load,
                               gint64           *from_ms,
                               gint64           *to_ms)
{
  if (from_ms != NULL)
    *from_ms = load->from_ms;
  if (to_ms != NULL)
    *to_ms = load->to_ms;
}

gint64
_wick_exchange_load_get_now_ms (WickExchangeLoad *load)
{
  return load->now_ms;
}

void
_wick_exchange_load_add_page (WickExchangeLoad *load,
                              GArray           *candles)
{
  g_assert (candles != NULL);
  g_assert (g_array_get_element_size (candles) == sizeof (WickCandle));

  g_ptr_array_add (load->pages, candles);
  wick_source_emit_progress (load->source, load->pages->len, load->pages_expected);
}

void
_wick_exchange_load_set_open_interest (WickExchangeLoad *load,
                                       WickOpenInterest *open_interest)
{
  g_set_object (&load->open_interest, open_interest);
}

guint
_wick_exchange_load_add_liquidations (WickExchangeLoad           *load,
                                      const WickLiquidationEvent *events,
                                      guint                       n_events)
{
  guint added = 0;

  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(GError) error = NULL;

      if (wick_liquidations_add_event (load->liquidations, &events[i], &error))
        added++;
      else
        g_debug ("%s liquidation skipped: %s", load->info->exchange, error->message);
    }

  return added;
}

void
_wick_exchange_load_set_data (WickExchangeLoad *load,
                              gpointer          data,
                              GDestroyNotify    destroy)
{
  if (load->data_destroy != NULL)
    g_clear_pointer (&load->data, load->data_destroy);

  load->data = data;
  load->data_destroy = destroy;
}

gpointer
_wick_exchange_load_get_data (WickExchangeLoad *load)
{
  return load->data;
}
