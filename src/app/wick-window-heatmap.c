/* wick-window-heatmap.c: the window's liquidation heatmap: its popover, settings and builds
 *
 * The model of the market shown is built once on a worker thread from copies of its candles,
 * open interest and liquidations, and is never changed afterwards, so later grids are binned
 * from it on worker threads too while tooltips read it here. A build returns the coloured
 * picture; the chart only paints it. When the view pans or zooms out of the grid, a new one
 * is binned once the view has been still for a moment. The popover's controls and the
 * `heatmap-*` settings follow each other, and the `L` key toggles the heatmap while the chart
 * has the focus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-heatmap-settings.h"
#include "wick-heatmap-view.h"
#include "wick-window-private.h"

/* Pans and zooms settle for this long before a grid is binned for the new view. */
#define REBIN_DELAY_MS 120

/* The popover's tier buttons, in the order of the default configuration's tiers; and its
 * side buttons, in WickHeatmapSide order. */
static const char * const tier_ids[] = { "tier_10", "tier_25", "tier_50", "tier_100" };
static const char * const side_ids[] = { "side_long", "side_short", "side_both" };

struct _WickWindowHeatmap
{
  GSettings          *settings;          /* Owned, nullable: NULL without the schema */
  GtkSwitch          *visible_switch;    /* Borrowed: the popover's controls */
  GtkWidget          *options_box;       /* Borrowed */
  GtkAdjustment      *low_adjustment;    /* Borrowed */
  GtkAdjustment      *high_adjustment;   /* Borrowed */
  GtkAdjustment      *bucket_adjustment; /* Borrowed */
  GtkCheckButton     *tier_buttons[G_N_ELEMENTS (tier_ids)];  /* Borrowed */
  GtkCheckButton     *side_buttons[G_N_ELEMENTS (side_ids)];  /* Borrowed */

  WickHeatmapOptions  options;
  gboolean            is_visible;
  gboolean            is_syncing;        /* the controls are being set from the options */
  gboolean            is_writing;        /* the settings are being set from the options */

  WickMarket         *market;            /* Owned, nullable */
  gulong              series_changed_id;
  WickHeatmapModel   *model;             /* Owned, nullable: never changed once built */
  WickHeatmapImage   *image;             /* Owned, nullable: the latest picture */
  GCancellable       *cancellable;       /* Owned, nullable: the build running */
  guint               rebin_id;
  guint               model_length;      /* candles in the series the model is built from */
  guint               live_refresh_id;   /* a new model for the live ticks since the last */
};

/* What a build needs: copies of the market's data when it runs the model, else the model;
 * a grid to recolour, or the spec of one to bin. */
typedef struct
{
  WickSeries          *series;          /* Owned, nullable */
  WickOpenInterest    *open_interest;   /* Owned, nullable */
  WickLiquidations    *liquidations;    /* Owned, nullable */
  WickHeatmapModel    *model;           /* Owned, nullable: the build makes it when NULL */
  WickHeatmap         *grid;            /* Owned, nullable */
  WickHeatmapGridSpec  spec;
  WickHeatmapOptions   options;
  gint64               interval_ms;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_clear_object (&data->series);
  g_clear_object (&data->open_interest);
  g_clear_object (&data->liquidations);
  g_clear_object (&data->model);
  g_clear_object (&data->grid);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BuildData, build_data_free)

static void heatmap_check_view (WickWindow *self);

/* ---- building ---- */

static WickOpenInterest *
copy_open_interest (WickOpenInterest *open_interest)
{
  WickOpenInterest *copy;

  if (open_interest == NULL)
    return NULL;

  copy = wick_open_interest_new (wick_open_interest_get_interval_ms (open_interest));
  wick_open_interest_set_points (copy, wick_open_interest_get_points (open_interest),
                                 wick_open_interest_get_length (open_interest), NULL);
  return copy;
}

static WickLiquidations *
copy_liquidations (WickLiquidations *liquidations)
{
  WickLiquidations *copy;

  if (liquidations == NULL)
    return NULL;

  copy = wick_liquidations_new (wick_liquidations_get_bucket_ms (liquidations));
  wick_liquidations_set_buckets (copy, wick_liquidations_get_buckets (liquidations),
                                 wick_liquidations_get_length (liquidations), NULL);
  return copy;
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  g_autoptr(GError) error = NULL;
  WickHeatmapImage *image;

  if (data->model == NULL &&
      !(data->model = wick_heatmap_view_build_model (data->series, data->open_interest,
                                                     data->liquidations, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->grid != NULL)
    image = wick_heatmap_image_new (data->grid, data->model, data->interval_ms,
                                    data->options.threshold_low, data->options.threshold_high);
  else
    image = wick_heatmap_view_build_image (data->model, &data->spec, data->interval_ms,
                                           &data->options, &error);

  if (image == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, image, g_object_unref);
}

static void
heatmap_show (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  wick_chart_set_heatmap (self->chart, h->is_visible ? h->image : NULL);
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
      g_printerr ("wick: %s\n", error->message);
      wick_window_show_toast (self, error->message);
      return;
    }

  g_set_object (&h->model, data->model);
  g_set_object (&h->image, image);
  heatmap_show (self);

  /* The view may have moved on meanwhile. */
  heatmap_check_view (self);
}

/* Bins a grid for the view, or with @recolour only colours the grid shown again, on a
 * worker thread; runs the model first when there is none for the market yet. */
static void
heatmap_build (WickWindow *self,
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
  if (h->model != NULL &&
      wick_heatmap_model_get_n_columns (h->model) != wick_series_get_length (series))
    g_clear_object (&h->model);

  g_cancellable_cancel (h->cancellable);
  g_clear_object (&h->cancellable);
  h->cancellable = g_cancellable_new ();

  data = g_new0 (BuildData, 1);
  data->options = h->options;
  data->interval_ms = MAX (wick_series_get_interval_ms (series), 1);

  if (h->model != NULL)
    {
      data->model = g_object_ref (h->model);
    }
  else
    {
      data->series = wick_series_copy (series);
      data->open_interest = copy_open_interest (wick_market_get_open_interest (h->market));
      data->liquidations = copy_liquidations (wick_market_get_liquidations (h->market));
    }

  if (recolour && h->model != NULL && h->image != NULL)
    data->grid = g_object_ref (wick_heatmap_image_get_grid (h->image));
  else
    wick_heatmap_view_get_spec (wick_chart_get_viewport (self->chart), series, &h->options,
                                &data->spec);

  task = g_task_new (self, h->cancellable, on_build_done_cb, NULL);
  g_task_set_source_tag (task, heatmap_build);
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

static void
on_rebin_timeout_cb (gpointer user_data)
{
  WickWindow *self = user_data;

  self->heatmap->rebin_id = 0;
  heatmap_build (self, FALSE);
}

/* Schedules a new grid when the view left the one shown. A running build checks again when
 * it is done. */
static void
heatmap_check_view (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  if (h->market == NULL || !h->is_visible || h->cancellable != NULL || h->rebin_id != 0)
    return;

  if (h->model != NULL && h->image != NULL &&
      !wick_heatmap_view_needs_rebin (wick_heatmap_image_get_grid (h->image),
                                      wick_chart_get_viewport (self->chart),
                                      wick_market_get_series (h->market), &h->options))
    return;

  h->rebin_id = g_timeout_add_once (REBIN_DELAY_MS, on_rebin_timeout_cb, self);
}

static void
on_viewport_changed_cb (WickWindow   *self,
                        WickViewport *viewport)
{
  if (self->heatmap != NULL)
    heatmap_check_view (self);
}

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
static void
on_series_changed_cb (WickWindow *self,
                      WickSeries *series)
{
  WickWindowHeatmap *h = self->heatmap;

  if (h == NULL)
    return;

  if (wick_series_get_length (series) != h->model_length)
    heatmap_rebuild_model (self, series);
  else if (h->live_refresh_id == 0)
    h->live_refresh_id = g_timeout_add_once (WICK_WINDOW_LIVE_REFRESH_MS, on_live_refresh_cb,
                                             self);
}

/* ---- options ---- */

static void
heatmap_sync_controls (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;
  GtkCheckButton *side;

  h->is_syncing = TRUE;
  gtk_switch_set_active (h->visible_switch, h->is_visible);
  gtk_widget_set_sensitive (h->options_box, h->is_visible);
  gtk_adjustment_set_value (h->low_adjustment, h->options.threshold_low);
  gtk_adjustment_set_value (h->high_adjustment, h->options.threshold_high);
  gtk_adjustment_set_value (h->bucket_adjustment, h->options.bucket_size);
  for (guint i = 0; i < G_N_ELEMENTS (tier_ids); i++)
    gtk_check_button_set_active (h->tier_buttons[i], (h->options.tiers & (1u << i)) != 0);
  side = h->side_buttons[wick_heatmap_side_from_sides (h->options.sides)];
  if (!gtk_check_button_get_active (side))
    gtk_check_button_set_active (side, TRUE);
  h->is_syncing = FALSE;
}

/* Shows @options (or hides the heatmap), building what the picture shown lacks. */
static void
heatmap_apply (WickWindow               *self,
               const WickHeatmapOptions *options,
               gboolean                  is_visible)
{
  WickWindowHeatmap *h = self->heatmap;
  double low, high;

  h->options = *options;
  h->is_visible = is_visible;
  heatmap_sync_controls (self);

  if (!is_visible)
    {
      g_cancellable_cancel (h->cancellable);
      g_clear_object (&h->cancellable);
      g_clear_handle_id (&h->rebin_id, g_source_remove);
      heatmap_show (self);
      return;
    }

  if (h->market == NULL)
    return;

  if (h->model == NULL || h->image == NULL ||
      wick_heatmap_view_needs_rebin (wick_heatmap_image_get_grid (h->image),
                                     wick_chart_get_viewport (self->chart),
                                     wick_market_get_series (h->market), options))
    {
      heatmap_build (self, FALSE);
      return;
    }

  heatmap_show (self);
  wick_heatmap_image_get_threshold (h->image, &low, &high);
  if (low != options->threshold_low || high != options->threshold_high)
    heatmap_build (self, TRUE);
}

static void
heatmap_save (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  if (h->settings == NULL)
    return;

  h->is_writing = TRUE;
  wick_heatmap_settings_write (h->settings, &h->options, h->is_visible);
  h->is_writing = FALSE;
}

/* A control changed: the options follow it, then the settings. */
static void
on_control_changed_cb (WickWindow *self,
                       gpointer    control)
{
  WickWindowHeatmap *h = self->heatmap;
  WickHeatmapOptions options;

  if (h == NULL || h->is_syncing)
    return;

  options = h->options;

  options.threshold_low = gtk_adjustment_get_value (h->low_adjustment);
  options.threshold_high = gtk_adjustment_get_value (h->high_adjustment);
  /* The handles do not cross: the one moved pushes the other. */
  if (options.threshold_low > options.threshold_high)
    {
      if (control == (gpointer) h->low_adjustment)
        options.threshold_high = options.threshold_low;
      else
        options.threshold_low = options.threshold_high;
    }

  options.bucket_size = gtk_adjustment_get_value (h->bucket_adjustment);
  options.tiers = 0;
  for (guint i = 0; i < G_N_ELEMENTS (tier_ids); i++)
    {
      if (gtk_check_button_get_active (h->tier_buttons[i]))
        options.tiers |= 1u << i;
    }

  heatmap_apply (self, &options, gtk_switch_get_active (h->visible_switch));
  heatmap_save (self);
}

/* A side was chosen; the one left is not a change. */
static void
on_side_toggled_cb (WickWindow     *self,
                    GtkCheckButton *button)
{
  WickWindowHeatmap *h = self->heatmap;
  WickHeatmapOptions options;

  if (h == NULL || h->is_syncing || !gtk_check_button_get_active (button))
    return;

  options = h->options;
  for (guint i = 0; i < G_N_ELEMENTS (side_ids); i++)
    {
      if (h->side_buttons[i] == button)
        options.sides = wick_heatmap_sides_from_side (i);
    }

  heatmap_apply (self, &options, h->is_visible);
  heatmap_save (self);
}

static void
on_settings_changed_cb (WickWindow *self,
                        const char *key,
                        GSettings  *settings)
{
  WickHeatmapOptions options;
  gboolean is_visible;

  if (self->heatmap == NULL || self->heatmap->is_writing || !g_str_has_prefix (key, "heatmap-"))
    return;

  wick_heatmap_settings_read (settings, &options, &is_visible);
  heatmap_apply (self, &options, is_visible);
}

static void
wick_window_toggle_heatmap (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  WickWindowHeatmap *h = self->heatmap;

  heatmap_apply (self, &h->options, !h->is_visible);
  heatmap_save (self);
}

/* ---- the popover ---- */

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  /* Translators: a share of the largest cell of the heatmap, as in “85 %” */
  return g_strdup_printf (_("%.0f %%"), value * 100);
}

static gboolean
on_bucket_output_cb (WickWindow    *self,
                     GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value (spin) > 0)
    return FALSE;

  /* Translators: the heatmap's price bucket chosen from the visible prices */
  gtk_editable_set_text (GTK_EDITABLE (spin), C_("heatmap bucket", "Auto"));
  return TRUE;
}

static int
on_bucket_input_cb (WickWindow    *self,
                    double        *value,
                    GtkSpinButton *spin)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double parsed = g_strtod (text, &end);

  if (end == text)
    {
      /* Anything but a number, such as “Auto”, means automatic. */
      *value = 0;
      return TRUE;
    }

  *value = MAX (parsed, 0);
  return TRUE;
}

#define GET(builder, name) (gtk_builder_get_object ((builder), (name)))

static void
wick_window_heatmap_build_popover (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *object;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/wick-heatmap-popover.ui");
  gtk_menu_button_set_popover (self->heatmap_menu_button, GTK_WIDGET (GET (builder, "popover")));

  h->visible_switch = GTK_SWITCH (GET (builder, "visible_switch"));
  h->options_box = GTK_WIDGET (GET (builder, "options_box"));
  h->low_adjustment = GTK_ADJUSTMENT (GET (builder, "low_adjustment"));
  h->high_adjustment = GTK_ADJUSTMENT (GET (builder, "high_adjustment"));
  h->bucket_adjustment = GTK_ADJUSTMENT (GET (builder, "bucket_adjustment"));

  g_signal_connect_object (h->visible_switch, "notify::active",
                           G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (h->low_adjustment, "value-changed",
                           G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (h->high_adjustment, "value-changed",
                           G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (h->bucket_adjustment, "value-changed",
                           G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (tier_ids); i++)
    {
      h->tier_buttons[i] = GTK_CHECK_BUTTON (GET (builder, tier_ids[i]));
      g_signal_connect_object (h->tier_buttons[i], "toggled",
                               G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < G_N_ELEMENTS (side_ids); i++)
    {
      h->side_buttons[i] = GTK_CHECK_BUTTON (GET (builder, side_ids[i]));
      g_signal_connect_object (h->side_buttons[i], "toggled",
                               G_CALLBACK (on_side_toggled_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_scale_set_format_value_func (GTK_SCALE (GET (builder, "low_scale")),
                                   format_percent_cb, NULL, NULL);
  gtk_scale_set_format_value_func (GTK_SCALE (GET (builder, "high_scale")),
                                   format_percent_cb, NULL, NULL);

  object = GET (builder, "bucket_spin");
  g_signal_connect_object (object, "output", G_CALLBACK (on_bucket_output_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (object, "input", G_CALLBACK (on_bucket_input_cb), self,
                           G_CONNECT_SWAPPED);
}

#undef GET

/* ---- hooks ---- */

void
_wick_window_heatmap_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, WickWindow, heatmap_menu_button);
  gtk_widget_class_install_action (widget_class, "win.toggle-heatmap", NULL,
                                   wick_window_toggle_heatmap);
}

void
_wick_window_heatmap_init (WickWindow *self)
{
  WickWindowHeatmap *h;
  GtkEventController *shortcuts;
  GtkShortcut *toggle;

  h = self->heatmap = g_new0 (WickWindowHeatmap, 1);
  wick_heatmap_options_init (&h->options);
  h->is_visible = TRUE;

  wick_window_heatmap_build_popover (self);
  heatmap_sync_controls (self);

  g_signal_connect_object (wick_chart_get_viewport (self->chart), "changed",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);

  /* L toggles the heatmap only while the chart has the focus, so it never eats a letter
   * typed elsewhere. */
  shortcuts = gtk_shortcut_controller_new ();
  toggle = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l, 0),
                             gtk_named_action_new ("win.toggle-heatmap"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), toggle);
  gtk_widget_add_controller (GTK_WIDGET (self->chart), shortcuts);
}

void
_wick_window_heatmap_dispose (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;

  if (h == NULL)
    return;

  if (h->market != NULL)
    g_clear_signal_handler (&h->series_changed_id, wick_market_get_series (h->market));
  g_clear_object (&h->market);
  g_clear_object (&h->model);
  g_clear_object (&h->image);
  if (h->settings != NULL)
    g_signal_handlers_disconnect_by_data (h->settings, self);
  g_clear_object (&h->settings);
  g_cancellable_cancel (h->cancellable);
  g_clear_object (&h->cancellable);
  g_clear_handle_id (&h->rebin_id, g_source_remove);
  g_clear_handle_id (&h->live_refresh_id, g_source_remove);
  g_clear_pointer (&self->heatmap, g_free);
}

/* The settings arrive with the application; until then the defaults apply. */
void
_wick_window_heatmap_set_settings (WickWindow *self,
                                   GSettings  *settings)
{
  WickWindowHeatmap *h = self->heatmap;
  WickHeatmapOptions options;
  gboolean is_visible;

  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (!g_set_object (&h->settings, settings) || settings == NULL)
    return;

  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  wick_heatmap_settings_read (settings, &options, &is_visible);
  heatmap_apply (self, &options, is_visible);
}

/* Call once @market is shown at the range it opens on. */
void
_wick_window_heatmap_set_market (WickWindow *self,
                                 WickMarket *market)
{
  WickWindowHeatmap *h = self->heatmap;

  g_return_if_fail (market == NULL || WICK_IS_MARKET (market));

  if (h->market != NULL)
    g_clear_signal_handler (&h->series_changed_id, wick_market_get_series (h->market));

  g_set_object (&h->market, market);
  g_clear_object (&h->model);
  g_clear_object (&h->image);
  g_cancellable_cancel (h->cancellable);
  g_clear_object (&h->cancellable);
  g_clear_handle_id (&h->rebin_id, g_source_remove);
  g_clear_handle_id (&h->live_refresh_id, g_source_remove);
  heatmap_show (self);

  if (market == NULL)
    return;

  h->model_length = wick_series_get_length (wick_market_get_series (market));
  h->series_changed_id = g_signal_connect_object (wick_market_get_series (market), "changed",
                                                  G_CALLBACK (on_series_changed_cb), self,
                                                  G_CONNECT_SWAPPED);
  heatmap_build (self, FALSE);
}

/**
 * wick_window_is_heatmap_pending:
 *
 * Returns: whether a heatmap is being built or about to be, for the view or options shown
 */
gboolean
wick_window_is_heatmap_pending (WickWindow *self)
{
  g_return_val_if_fail (WICK_IS_WINDOW (self), FALSE);

  return self->heatmap != NULL &&
         (self->heatmap->cancellable != NULL || self->heatmap->rebin_id != 0);
}
