/* wick-window-export.c: Save Image and Copy Image: the chart's picture, written or copied
 *
 * Both draw through wick_export()'s layout, the command line's path, so a picture from the
 * window and one from `wick --export` look the same. Save Image takes a copy of what the chart
 * shows (candles and lines included, so a live update or a dragged line cannot change them
 * under the writer) and writes on a worker thread: a 4K PDF or a 2× PNG takes a moment.
 * wick_export() writes a temporary file and renames it, so a failure never leaves half a
 * file. Copy Image draws the view at its size on the main thread and puts the pixels on the
 * clipboard. The questions before saving are in wick-window-export-ui.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-window-export-private.h"
#include "wick-window-export.h"

void
_wick_window_export_get_choices (WickWindow        *self,
                                 WickExportChoices *choices)
{
  *choices = self->export->choices;
  wick_export_choices_load (choices, _wick_window_get_settings (self));
}

void
_wick_window_export_set_choices (WickWindow              *self,
                                 const WickExportChoices *choices)
{
  self->export->choices = *choices;
  wick_export_choices_save (choices, _wick_window_get_settings (self));
}

/* ---- the chart, as it is now ---- */

/**
 * _wick_window_export_scene_new:
 * @for_thread: copy what the chart could change (the candles, the lines) and leave out its
 *   level-of-detail pyramid, so the scene can be drawn on another thread
 *
 * Returns: (transfer full): the scene the chart shows, with a copy of its viewport
 */
WickExportScene *
_wick_window_export_scene_new (WickWindow *self,
                               gboolean    for_thread)
{
  WickExportScene *snapshot = g_new0 (WickExportScene, 1);
  WickScene *scene = &snapshot->scene;
  WickViewport *viewport = wick_chart_get_viewport (self->chart);

  g_assert (WICK_IS_WINDOW (self));

  wick_chart_fill_scene (self->chart, scene);
  g_assert (scene->market != NULL);

  snapshot->viewport = wick_viewport_dup (viewport);
  snapshot->view_width = (int) wick_viewport_get_width (viewport);
  snapshot->view_height = (int) wick_viewport_get_height (viewport);
  snapshot->is_dark = wick_chart_get_dark (self->chart);

  if (for_thread)
    {
      WickMarket *market = scene->market;
      WickSeries *shown = wick_market_get_series (market);
      g_autoptr(WickSeries) series = _wick_window_shows_fixed_market (self)
                                     ? g_object_ref (shown) : wick_series_copy (shown);

      snapshot->market = wick_market_new (wick_market_get_exchange (market),
                                          wick_market_get_symbol (market),
                                          wick_market_get_interval (market), series);
      wick_market_set_source_label (snapshot->market, wick_market_get_source_label (market));
      wick_market_set_is_synthetic (snapshot->market, wick_market_get_is_synthetic (market));
      /* The renderer builds a temporary pyramid when it needs one. */
      scene->lod = NULL;

      if (scene->levels != NULL)
        {
          guint n = wick_level_store_get_n_levels (scene->levels);
          g_autofree const WickLevel **levels = g_new (const WickLevel *, MAX (n, 1));

          for (guint i = 0; i < n; i++)
            levels[i] = wick_level_store_get_level (scene->levels, i);
          snapshot->levels = wick_level_store_new ();
          if (!wick_level_store_set_levels (snapshot->levels, levels, n, NULL))
            g_clear_object (&snapshot->levels);
        }
    }
  else
    {
      snapshot->market = g_object_ref (scene->market);
      if (scene->levels != NULL)
        snapshot->levels = g_object_ref (scene->levels);
    }

  scene->market = snapshot->market;
  scene->levels = snapshot->levels;
  if (scene->zones != NULL)
    snapshot->zones = wick_zones_ref (scene->zones);
  if (scene->heatmap != NULL)
    snapshot->heatmap = g_object_ref (scene->heatmap);
  if (scene->signals != NULL)
    snapshot->signals = wick_signals_ref (scene->signals);
  if (scene->time_zone != NULL)
    scene->time_zone = snapshot->time_zone = g_time_zone_ref (scene->time_zone);

  return snapshot;
}

void
_wick_window_export_scene_free (WickExportScene *snapshot)
{
  if (snapshot == NULL)
    return;

  g_clear_object (&snapshot->viewport);
  g_clear_object (&snapshot->market);
  g_clear_object (&snapshot->levels);
  g_clear_pointer (&snapshot->zones, wick_zones_unref);
  g_clear_object (&snapshot->heatmap);
  g_clear_pointer (&snapshot->signals, wick_signals_unref);
  g_clear_pointer (&snapshot->time_zone, g_time_zone_unref);
  wick_export_options_clear (&snapshot->options);
  g_free (snapshot);
}

/* ---- saving ---- */

typedef struct
{
  WickExportScene *snapshot;  /* Owned */
  GFile           *file;      /* Owned */
  char            *path;      /* Owned */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->snapshot, _wick_window_export_scene_free);
  g_clear_object (&data->file);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  WickExportScene *snapshot = data->snapshot;
  GError *error = NULL;

  /* A vector surface records each picture it is given in a list kept on that picture, so a
   * heatmap shared with the window (or another save) is redrawn here into one of its own. */
  if (snapshot->heatmap != NULL && snapshot->options.format != WICK_EXPORT_FORMAT_PNG)
    {
      WickHeatmapImage *shared = snapshot->heatmap;
      double low, high;

      wick_heatmap_image_get_threshold (shared, &low, &high);
      snapshot->heatmap = wick_heatmap_image_new (wick_heatmap_image_get_grid (shared),
                                                  wick_heatmap_image_get_model (shared),
                                                  wick_heatmap_image_get_interval_ms (shared),
                                                  low, high);
      snapshot->scene.heatmap = snapshot->heatmap;
      g_object_unref (shared);
    }

  if (wick_export (&snapshot->scene, snapshot->viewport, snapshot->options.format,
                   snapshot->options.width, snapshot->options.height, snapshot->options.scale,
                   data->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_save_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WickWindow *self = WICK_WINDOW (object);
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* The window may have closed meanwhile: the file is written, but there is no one to tell. */
  gboolean is_gone = self->export == NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!is_gone && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wick_window_show_toast (self, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!is_gone)
    _wick_window_export_show_saved (self, data->file);
  g_task_return_boolean (task, TRUE);
}

/**
 * _wick_window_export_save_async:
 * @snapshot: (transfer full): what to draw, its options set
 *
 * Writes @snapshot to @file on a worker thread, with a toast when done.
 */
void
_wick_window_export_save_async (WickWindow          *self,
                                WickExportScene     *snapshot,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) worker = NULL;
  SaveData *data;

  g_task_set_source_tag (task, wick_window_save_image_async);

  data = g_new0 (SaveData, 1);
  data->snapshot = snapshot;
  data->file = g_object_ref (file);
  data->path = g_file_get_path (file);

  if (data->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      save_data_free (data);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Could not write “%s”: only local files can be written"), uri);
      return;
    }

  wick_export_options_apply (&snapshot->options, &snapshot->scene);

  worker = g_task_new (self, self->export->cancellable, on_save_done_cb,
                       g_steal_pointer (&task));
  g_task_set_source_tag (worker, _wick_window_export_save_async);
  g_task_set_task_data (worker, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (worker, save_thread);
}

/**
 * wick_window_save_image_async:
 * @file: where to write; its extension (.png, .svg, .pdf) names the format, else
 *   @options' format is used
 * @options: (nullable): what to draw; %NULL for the choices Save Image remembers
 *
 * Saves what the chart shows now, with a toast when done, as Save Image does once the user
 * has chosen the file.
 */
void
wick_window_save_image_async (WickWindow              *self,
                              GFile                   *file,
                              const WickExportOptions *options,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  g_autofree char *basename = NULL;
  WickExportScene *snapshot;
  WickExportFormat format;

  g_return_if_fail (WICK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (wick_chart_get_market (self->chart) == NULL)
    {
      g_task_report_new_error (self, callback, user_data, wick_window_save_image_async,
                               G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no chart to save yet"));
      return;
    }

  snapshot = _wick_window_export_scene_new (self, TRUE);
  if (options != NULL)
    {
      snapshot->options = *options;
      snapshot->options.title = g_strdup (options->title);
    }
  else
    {
      WickExportChoices choices;

      _wick_window_export_get_choices (self, &choices);
      wick_export_choices_to_options (&choices, snapshot->view_width, snapshot->view_height,
                                      snapshot->is_dark, &snapshot->options);
    }

  basename = g_file_get_basename (file);
  if (basename != NULL && wick_export_format_from_path (basename, &format, NULL))
    snapshot->options.format = format;

  _wick_window_export_save_async (self, snapshot, file, cancellable, callback, user_data);
}

gboolean
wick_window_save_image_finish (WickWindow    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (WICK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- copying ---- */

/**
 * wick_window_copy_image:
 *
 * Puts the chart on the clipboard as a picture of the view's size (in device pixels), drawn
 * as Save Image would with the choices it remembers.
 *
 * Returns: %TRUE when the picture is on the clipboard
 */
gboolean
wick_window_copy_image (WickWindow  *self,
                        GError     **error)
{
  g_autoptr(WickExportScene) snapshot = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  WickExportChoices choices;
  int scale;

  g_return_val_if_fail (WICK_IS_WINDOW (self), FALSE);

  if (wick_chart_get_market (self->chart) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("There is no chart to copy yet"));
      return FALSE;
    }

  snapshot = _wick_window_export_scene_new (self, FALSE);
  _wick_window_export_get_choices (self, &choices);
  choices.size = WICK_EXPORT_SIZE_VIEW;
  wick_export_choices_to_options (&choices, snapshot->view_width, snapshot->view_height,
                                  snapshot->is_dark, &snapshot->options);
  wick_export_options_apply (&snapshot->options, &snapshot->scene);

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->chart));
  surface = wick_export_render_image (&snapshot->scene, snapshot->viewport,
                                      snapshot->options.width, snapshot->options.height,
                                      scale, error);
  if (surface == NULL)
    return FALSE;

  /* The texture owns the surface's pixels; both are cairo's native premultiplied BGRA. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                      cairo_image_surface_get_height (surface),
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);

  return TRUE;
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (wick_window_copy_image (self, &error))
    wick_window_show_toast (self, _("Copied the chart as an image"));
  else
    wick_window_show_toast (self, error->message);
}

/* Ctrl+C: the selected line's price, else the chart as an image. */
static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);

  if (!_wick_window_levels_copy_selected (self))
    gtk_widget_activate_action (widget, "win.copy-image", NULL);
}

/* ---- set-up ---- */

static void
on_chart_market_cb (WickWindow *self,
                    GParamSpec *pspec,
                    WickChart  *chart)
{
  gboolean has_market = wick_chart_get_market (chart) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-image", has_market);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-image", has_market);
}

void
_wick_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_action);

  /* A binding, not an application accelerator: those run before the focused widget, and a
   * text field must keep Ctrl+C for its own copy. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "win.copy", NULL);

  _wick_window_export_ui_class_init (widget_class);
}

void
_wick_window_export_init (WickWindow *self)
{
  self->export = g_new0 (WickWindowExport, 1);
  wick_export_choices_init (&self->export->choices);
  self->export->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->chart, "notify::market",
                           G_CALLBACK (on_chart_market_cb), self, G_CONNECT_SWAPPED);
  on_chart_market_cb (self, NULL, self->chart);
}

void
_wick_window_export_dispose (WickWindow *self)
{
  WickWindowExport *export = self->export;

  if (export == NULL)
    return;

  g_cancellable_cancel (export->cancellable);
  g_clear_object (&export->cancellable);
  _wick_window_export_ui_dispose (self);
  g_clear_pointer (&self->export, g_free);
}
