/* wick-window-heatmap-build.c: building the window's heatmap models and pictures off the main
 * thread
 *
 * A worker runs the model of the market shown from copies of its data (of a file's or the
 * sample's, which never change, from the candles as they are): from a candle a little before
 * the grid of the view on (wick_heatmap_view_build_models()), so that the latest days of
 * years of candles cost as little as a few days. It keeps two models, never changed once
 * built: the base, of every candle but the forming one, and the model of every candle, which
 * grids are binned from on workers and tooltips read here. When the forming candle changes or
 * closes, a worker copies the base and takes in only the candles since
 * (wick_heatmap_view_extend_models()); the candles the base holds are taken as final. When the
 * view pans or zooms out of the grid, a new one is binned from the model once the view has
 * been still for a moment, and a new model is built when the grid reaches before its first
 * candle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include "wick-window-heatmap-private.h"

#include <string.h>

/* Pans and zooms settle for this long before a grid is binned for the new view. */
#define REBIN_DELAY_MS 120

/* What a build needs: the model to bin from; or the base and copies of the candles since it;
 * or copies of the market's data. Then a grid to recolour, or the spec of one to bin. */
typedef struct
{
  WickSeries          *series;          /* Owned, nullable: every candle, or the tail of base */
  WickOpenInterest    *open_interest;   /* Owned, nullable */
  WickLiquidations    *liquidations;    /* Owned, nullable */
  WickHeatmapModel    *base;            /* Owned, nullable: to extend, and then the new one */
  WickHeatmapModel    *model;           /* Owned, nullable: the build makes it when NULL */
  WickHeatmap         *grid;            /* Owned, nullable */
  WickHeatmapGridSpec  spec;            /* columns as candles */
  WickHeatmapOptions   options;
  gint64               interval_ms;
  guint                model_first;
  guint                column_offset;
  WickCandle           base_last;       /* the last candle of the new base */
  guint                base_length;     /* and how many it holds */
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_clear_object (&data->series);
  g_clear_object (&data->open_interest);
  g_clear_object (&data->liquidations);
  g_clear_object (&data->base);
  g_clear_object (&data->model);
  g_clear_object (&data->grid);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BuildData, build_data_free)

/* The candles [@first, @end) of @series. */
static WickSeries *
copy_candles (WickSeries *series,
              guint       first,
              guint       end)
{
  g_autoptr(WickSeries) copy = NULL;
  g_autoptr(GError) error = NULL;

  /* Without checking each candle again */
  if (first == 0 && end == wick_series_get_length (series))
    return wick_series_copy (series);

  copy = wick_series_new (wick_series_get_interval_ms (series));
  if (!wick_series_append (copy, wick_series_get_candles (series) + first, end - first, &error))
    g_critical ("%s", error->message);

  return g_steal_pointer (&copy);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  g_autoptr(GError) error = NULL;
  WickHeatmapGridSpec spec;
  WickHeatmapImage *image;
  gboolean ok = TRUE;

  if (data->model == NULL && data->base != NULL)
    {
      g_autoptr(WickHeatmapModel) base = g_steal_pointer (&data->base);

      ok = wick_heatmap_view_extend_models (base, data->series, data->open_interest,
                                            data->liquidations, &data->base, &data->model,
                                            &error);
    }
  else if (data->model == NULL)
    {
      ok = wick_heatmap_view_build_models (data->series, data->open_interest, data->liquidations,
                                           data->model_first, &data->base, &data->model,
                                           &data->column_offset, &error);
    }

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  spec = data->spec;
  spec.first_column -= data->column_offset;

  if (data->grid != NULL)
    image = wick_heatmap_image_new (data->grid, data->model, data->interval_ms,
                                    data->options.threshold_low, data->options.threshold_high);
  else
    image = wick_heatmap_view_build_image (data->model, &spec, data->interval_ms,
                                           &data->options, &error);

  if (image == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, image, g_object_unref);
}

static void
on_build_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WickWindow *self = WICK_WINDOW (object);
  BuildData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(WickHeatmapImage) image = NULL;
  g_autoptr(GError) error = NULL;
  WickWindowHeatmap *h;

  image = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  h = self->heatmap;
  g_clear_object (&h->cancellable);

  if (image == NULL)
    {
      /* The next build starts afresh. */
      g_clear_object (&h->base);
      g_printerr ("wick: %s\n", error->message);
      wick_window_show_toast (self, error->message);
      return;
    }

  if (data->base != NULL)
    {
      g_set_object (&h->base, data->base);
      h->base_last = data->base_last;
      h->base_length = data->base_length;
    }
  g_set_object (&h->model, data->model);
  h->model_first = data->model_first;
  h->column_offset = data->column_offset;
  g_set_object (&h->image, image);
  _wick_window_heatmap_show (self);

  /* The view may have moved on meanwhile. */
  _wick_window_heatmap_check_view (self);
}

void
_wick_window_heatmap_clear_models (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  g_clear_object (&h->base);
  g_clear_object (&h->model);
  h->base_length = 0;
}

/* Whether @series still holds the candles of the base, and more: it only grew at its end or
 * changed its forming candle. */
static gboolean
continues_base (WickWindowHeatmap *h,
                WickSeries        *series)
{
  return h->base != NULL && h->base_length > 0 &&
         wick_series_get_length (series) > h->base_length &&
         memcmp (&wick_series_get_candles (series)[h->base_length - 1], &h->base_last,
                 sizeof h->base_last) == 0;
}

/* Sets the data for a model of @series: from the base when @series continues it, else from
 * copies of every candle. */
static void
prepare_models (WickWindow *self,
                BuildData  *data,
                WickSeries *series)
{
  WickWindowHeatmap *h = self->heatmap;
  WickOpenInterest *open_interest = wick_market_get_open_interest (h->market);
  WickLiquidations *liquidations = wick_market_get_liquidations (h->market);
  guint n = wick_series_get_length (series);
  guint first = 0;

  if (continues_base (h, series) && data->spec.first_column >= h->model_first)
    {
      first = h->base_length - 1;
      data->base = g_object_ref (h->base);
      data->model_first = h->model_first;
      data->column_offset = h->column_offset;
    }
  else
    {
      g_clear_object (&h->base);
      data->model_first = wick_heatmap_view_get_model_first (&data->spec);
    }

  if (first == 0 && _wick_window_shows_fixed_market (self))
    data->series = g_object_ref (series);
  else
    data->series = copy_candles (series, first, n);
  if (n > 0)
    {
      gint64 from_ms = wick_series_get_candles (series)[first].open_time_ms;

      if (first == 0)
        from_ms = G_MININT64;
      data->open_interest = wick_heatmap_view_copy_open_interest (open_interest, from_ms);
      data->liquidations = wick_heatmap_view_copy_liquidations (liquidations, from_ms);
      data->base_last = wick_series_get_candles (series)[MAX (n, 2) - 2];
    }
  data->base_length = n > 0 ? n - 1 : 0;
}

/* Bins a grid for the view, or with @recolour only colours the grid shown again, on a
 * worker thread; runs the model first when there is none for the series shown yet. */
void
_wick_window_heatmap_build (WickWindow *self,
                            gboolean    recolour)
{
  WickWindowHeatmap *h = self->heatmap;
  g_autoptr(BuildData) data = NULL;
  g_autoptr(GTask) task = NULL;
  WickSeries *series;

  g_clear_handle_id (&h->rebin_id, g_source_remove);

  if (h->market == NULL || !h->is_visible)
    return;

  series = wick_market_get_series (h->market);

  g_cancellable_cancel (h->cancellable);
  g_clear_object (&h->cancellable);
  h->cancellable = g_cancellable_new ();

  data = g_new0 (BuildData, 1);
  data->options = h->options;
  data->interval_ms = MAX (wick_series_get_interval_ms (series), 1);
  wick_heatmap_view_get_spec (wick_chart_get_viewport (self->chart), series, &h->options,
                              &data->spec);

  /* A model of fewer or more candles, or one whose first candle comes after the grid's */
  if (h->model != NULL &&
      (h->column_offset + wick_heatmap_model_get_n_columns (h->model) !=
         wick_series_get_length (series) ||
       data->spec.first_column < h->model_first))
    g_clear_object (&h->model);

  if (h->model != NULL)
    {
      data->model = g_object_ref (h->model);
      data->model_first = h->model_first;
      data->column_offset = h->column_offset;
      if (recolour && h->image != NULL)
        data->grid = g_object_ref (wick_heatmap_image_get_grid (h->image));
    }
  else
    {
      prepare_models (self, data, series);
    }

  task = g_task_new (self, h->cancellable, on_build_done_cb, NULL);
  g_task_set_source_tag (task, _wick_window_heatmap_build);
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

static void
on_rebin_timeout_cb (gpointer user_data)
{
  WickWindow *self = user_data;

  self->heatmap->rebin_id = 0;
  _wick_window_heatmap_build (self, FALSE);
}

/* Whether the picture shown lacks what the view and @options need. */
gboolean
_wick_window_heatmap_needs_rebin (WickWindow               *self,
                                  const WickHeatmapOptions *options)
{
  WickWindowHeatmap *h = self->heatmap;
  WickHeatmapGridSpec have;

  if (h->model == NULL || h->image == NULL)
    return TRUE;

  have = *wick_heatmap_get_spec (wick_heatmap_image_get_grid (h->image));
  have.first_column += h->column_offset;

  return wick_heatmap_view_needs_rebin (&have, wick_chart_get_viewport (self->chart),
                                        wick_market_get_series (h->market), options);
}

/* Schedules a new grid when the view left the one shown. A running build checks again when
 * it is done. */
void
_wick_window_heatmap_check_view (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  if (h->market == NULL || !h->is_visible || h->cancellable != NULL || h->rebin_id != 0)
    return;

  if (!_wick_window_heatmap_needs_rebin (self, &h->options))
    return;

  h->rebin_id = g_timeout_add_once (REBIN_DELAY_MS, on_rebin_timeout_cb, self);
}

/* The model no longer matches the series: a new one, soon. The base stays, to extend. */
static void
heatmap_rebuild_model (WickWindow *self,
                       WickSeries *series)
{
  WickWindowHeatmap *h = self->heatmap;

  g_clear_handle_id (&h->live_refresh_id, g_source_remove);
  h->model_length = wick_series_get_length (series);
  g_clear_object (&h->model);
  if (h->is_visible && h->rebin_id == 0)
    h->rebin_id = g_timeout_add_once (REBIN_DELAY_MS, on_rebin_timeout_cb, self);
}

static void
on_live_refresh_cb (gpointer user_data)
{
  WickWindow *self = user_data;

  self->heatmap->live_refresh_id = 0;
  if (self->heatmap->market != NULL)
    heatmap_rebuild_model (self, wick_market_get_series (self->heatmap->market));
}

/* New candles: the model runs again, once they stop coming for a moment. A live tick of the
 * forming candle keeps the model shown (pans still rebin from it) and is taken in with the
 * other ticks of the next WICK_WINDOW_LIVE_REFRESH_MS. */
void
_wick_window_heatmap_series_changed (WickWindow *self,
                                     WickSeries *series)
{
  WickWindowHeatmap *h = self->heatmap;

  if (wick_series_get_length (series) != h->model_length)
    heatmap_rebuild_model (self, series);
  else if (h->live_refresh_id == 0)
    h->live_refresh_id = g_timeout_add_once (WICK_WINDOW_LIVE_REFRESH_MS, on_live_refresh_cb,
                                             self);
}
