/* wick-chart.c: the candlestick chart widget
 *
 * The widget only translates GTK input into WickViewport calls and hands frames to GTK.
 * Drawing is wick_render(), the same function the exporter uses. The static part is
 * rendered into an image surface only when data, size, theme or viewport change; the
 * crosshair and legend are drawn on top at every motion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "wick-chart.h"
#include "wick-lod.h"
#include "wick-palette.h"
#include "wick-render.h"
#include "wick-scene.h"

/* How much one wheel notch or one key press zooms. */
#define ZOOM_STEP 1.25
/* Pixels one arrow key press pans. */
#define PAN_STEP 60.0
/* Pixels of axis drag that double or halve the scale. */
#define AXIS_DRAG_PIXELS 150.0

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_PRICE_AXIS,
  DRAG_TIME_AXIS,
} DragMode;

struct _WickChart
{
  GtkWidget        parent_instance;

  WickMarket      *market;          /* Owned */
  WickLod         *lod;             /* Owned */
  WickViewport    *viewport;        /* Owned */
  GdkTexture      *static_texture;  /* Owned: the static part at the current size */
  GTimeZone       *time_zone;       /* Owned, nullable: UTC when NULL */

  gulong           series_changed_id;

  double           crosshair_x;
  double           crosshair_y;
  double           drag_last_x;
  double           drag_last_y;
  double           drag_anchor_x;
  double           drag_anchor_y;
  double           zoom_last_scale;

  guint            n_renders;
  DragMode         drag_mode;
  guint            dark : 1;
  guint            has_crosshair : 1;
  guint            static_dirty : 1;
};

G_DEFINE_FINAL_TYPE (WickChart, wick_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MARKET,
  PROP_DARK,
  PROP_LOCAL_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wick_chart_invalidate (WickChart *self)
{
  g_assert (WICK_IS_CHART (self));

  self->static_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
wick_chart_update_accessible (WickChart *self)
{
  g_autofree char *title = NULL;

  if (self->market == NULL)
    return;

  title = wick_market_dup_title (self->market);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

/* Candles stay in view, and with automatic price scaling, the price range follows them. */
static void
wick_chart_after_time_change (WickChart *self)
{
  if (self->market == NULL)
    return;

  wick_viewport_clamp_to_series (self->viewport, wick_market_get_series (self->market));
  if (wick_viewport_get_auto_price (self->viewport))
    wick_viewport_fit_prices (self->viewport, wick_market_get_series (self->market));
}

static void
on_viewport_changed_cb (WickChart    *self,
                        WickViewport *viewport)
{
  wick_chart_invalidate (self);
}

static void
on_series_changed_cb (WickChart  *self,
                      WickSeries *series)
{
  if (self->lod != NULL)
    wick_lod_update (self->lod);

  wick_chart_after_time_change (self);
  wick_chart_invalidate (self);
}

static void
wick_chart_fill_scene (WickChart *self,
                       WickScene *scene)
{
  wick_scene_init (scene, self->market, wick_palette_get (self->dark));
  scene->lod = self->lod;
  scene->time_zone = self->time_zone;
  scene->has_crosshair = self->has_crosshair;
  scene->crosshair_x = self->crosshair_x;
  scene->crosshair_y = self->crosshair_y;
}

static GdkTexture *
wick_chart_render_static (WickChart *self,
                          int        width,
                          int        height,
                          int        scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  WickScene scene;
  GBytes *bytes;
  GdkTexture *texture;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);

  wick_chart_fill_scene (self, &scene);
  wick_render_static (cr, &scene, self->viewport);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  self->n_renders++;

  /* The texture keeps the surface alive and owns its pixels; the next render gets a
   * fresh surface, so a texture already handed to GTK never changes. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height * scale,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  texture = gdk_memory_texture_new (width * scale, height * scale,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);

  return texture;
}

static void
wick_chart_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  WickChart *self = WICK_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  graphene_rect_t bounds;
  WickScene scene;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->market == NULL)
    return;

  if (self->static_dirty ||
      self->static_texture == NULL ||
      gdk_texture_get_width (self->static_texture) != width * scale ||
      gdk_texture_get_height (self->static_texture) != height * scale)
    {
      g_clear_object (&self->static_texture);
      self->static_texture = wick_chart_render_static (self, width, height, scale);
      self->static_dirty = FALSE;
    }

  graphene_rect_init (&bounds, 0, 0, width, height);
  gtk_snapshot_append_texture (snapshot, self->static_texture, &bounds);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  wick_chart_fill_scene (self, &scene);
  wick_render_overlay (cr, &scene, self->viewport);
  cairo_destroy (cr);
}

static void
wick_chart_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  WickChart *self = WICK_CHART (widget);

  wick_viewport_set_size (self->viewport, width, height);
}

static void
wick_chart_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 960 : 600;
}

typedef enum
{
  REGION_PLOT,
  REGION_PRICE_AXIS,
  REGION_TIME_AXIS,
} Region;

static Region
wick_chart_region_at (WickChart *self,
                      double     x,
                      double     y)
{
  WickRect plot;

  wick_viewport_get_plot (self->viewport, &plot);

  if (x >= plot.x + plot.width)
    return REGION_PRICE_AXIS;
  if (y >= plot.y + plot.height)
    return REGION_TIME_AXIS;
  return REGION_PLOT;
}

static void
on_drag_begin_cb (WickChart      *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  if (self->market == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  switch (wick_chart_region_at (self, x, y))
    {
    case REGION_PRICE_AXIS:
      self->drag_mode = DRAG_PRICE_AXIS;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "ns-resize");
      break;

    case REGION_TIME_AXIS:
      self->drag_mode = DRAG_TIME_AXIS;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "ew-resize");
      break;

    case REGION_PLOT:
    default:
      self->drag_mode = DRAG_PAN;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      break;
    }

  self->drag_anchor_x = x;
  self->drag_anchor_y = y;
  self->drag_last_x = 0;
  self->drag_last_y = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update_cb (WickChart      *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  double dx = offset_x - self->drag_last_x;
  double dy = offset_y - self->drag_last_y;
  WickRect plot;

  self->drag_last_x = offset_x;
  self->drag_last_y = offset_y;
  wick_viewport_get_plot (self->viewport, &plot);

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      wick_viewport_pan (self->viewport, dx, dy);
      wick_chart_after_time_change (self);
      break;

    case DRAG_PRICE_AXIS:
      /* Dragging down squeezes the prices together, as on every trading chart. */
      wick_viewport_zoom_price_at (self->viewport, plot.y + plot.height / 2,
                                   exp2 (-dy / AXIS_DRAG_PIXELS));
      break;

    case DRAG_TIME_AXIS:
      wick_viewport_zoom_time_at (self->viewport, plot.x + plot.width,
                                  exp2 (dx / AXIS_DRAG_PIXELS));
      wick_chart_after_time_change (self);
      break;

    case DRAG_NONE:
    default:
      break;
    }

  /* Keep the crosshair under the pointer while dragging. */
  self->crosshair_x = self->drag_anchor_x + offset_x;
  self->crosshair_y = self->drag_anchor_y + offset_y;
}

static void
on_drag_end_cb (WickChart      *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  self->drag_mode = DRAG_NONE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static gboolean
on_scroll_cb (WickChart                *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *scroll)
{
  GdkModifierType state;
  WickRect plot;
  double x;

  if (self->market == NULL)
    return GDK_EVENT_PROPAGATE;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  wick_viewport_get_plot (self->viewport, &plot);
  x = self->has_crosshair ? self->crosshair_x : plot.x + plot.width;

  if (gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_SURFACE &&
      !(state & GDK_CONTROL_MASK))
    {
      /* Touchpad: sideways pans, up and down zooms around the pointer. */
      if (dx != 0)
        wick_viewport_pan (self->viewport, -dx, 0);
      if (dy != 0)
        wick_viewport_zoom_time_at (self->viewport, x, exp2 (-dy / 100.0));
    }
  else if (state & GDK_SHIFT_MASK)
    {
      wick_viewport_pan (self->viewport, -(dx + dy) * PAN_STEP, 0);
    }
  else
    {
      wick_viewport_zoom_time_at (self->viewport, x, pow (ZOOM_STEP, -dy));
    }

  wick_chart_after_time_change (self);

  return GDK_EVENT_STOP;
}

static void
on_motion_cb (WickChart                *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  self->has_crosshair = TRUE;
  self->crosshair_x = x;
  self->crosshair_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave_cb (WickChart                *self,
             GtkEventControllerMotion *motion)
{
  self->has_crosshair = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_pressed_cb (WickChart       *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *click)
{
  if (n_press != 2 || self->market == NULL)
    return;

  switch (wick_chart_region_at (self, x, y))
    {
    case REGION_PRICE_AXIS:
      wick_viewport_set_auto_price (self->viewport, TRUE);
      wick_chart_after_time_change (self);
      break;

    case REGION_TIME_AXIS:
      wick_chart_zoom_to_fit (self);
      break;

    case REGION_PLOT:
    default:
      break;
    }
}

static void
on_zoom_begin_cb (WickChart      *self,
                  GdkEventSequence *sequence,
                  GtkGestureZoom *zoom)
{
  self->zoom_last_scale = 1.0;
}

static void
on_zoom_scale_changed_cb (WickChart      *self,
                          double          scale,
                          GtkGestureZoom *zoom)
{
  double cx, cy;

  if (self->market == NULL || scale <= 0 || self->zoom_last_scale <= 0)
    return;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (zoom), &cx, &cy);
  wick_viewport_zoom_time_at (self->viewport, cx, scale / self->zoom_last_scale);
  self->zoom_last_scale = scale;
  wick_chart_after_time_change (self);
}

static void
wick_chart_zoom_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  WickChart *self = WICK_CHART (widget);
  double x = self->has_crosshair ? self->crosshair_x : -1;
  WickRect plot;

  wick_viewport_get_plot (self->viewport, &plot);
  if (x < plot.x || x > plot.x + plot.width)
    x = plot.x + plot.width;

  if (g_str_equal (action_name, "chart.zoom-in"))
    wick_viewport_zoom_time_at (self->viewport, x, ZOOM_STEP);
  else
    wick_viewport_zoom_time_at (self->viewport, x, 1.0 / ZOOM_STEP);

  wick_chart_after_time_change (self);
}

static void
wick_chart_pan_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WickChart *self = WICK_CHART (widget);

  if (g_str_equal (action_name, "chart.pan-left"))
    wick_viewport_pan (self->viewport, PAN_STEP, 0);
  else
    wick_viewport_pan (self->viewport, -PAN_STEP, 0);

  wick_chart_after_time_change (self);
}

static void
wick_chart_fit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  wick_chart_zoom_to_fit (WICK_CHART (widget));
}

static void
wick_chart_dispose (GObject *object)
{
  WickChart *self = (WickChart *)object;

  if (self->market != NULL)
    g_clear_signal_handler (&self->series_changed_id, wick_market_get_series (self->market));
  g_clear_object (&self->market);
  g_clear_pointer (&self->lod, wick_lod_free);
  g_clear_object (&self->static_texture);
  g_clear_object (&self->viewport);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (wick_chart_parent_class)->dispose (object);
}

static void
wick_chart_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WickChart *self = WICK_CHART (object);

  switch (prop_id)
    {
    case PROP_MARKET:
      g_value_set_object (value, wick_chart_get_market (self));
      break;

    case PROP_DARK:
      g_value_set_boolean (value, wick_chart_get_dark (self));
      break;

    case PROP_LOCAL_TIME:
      g_value_set_boolean (value, wick_chart_get_local_time (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_chart_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WickChart *self = WICK_CHART (object);

  switch (prop_id)
    {
    case PROP_MARKET:
      wick_chart_set_market (self, g_value_get_object (value));
      break;

    case PROP_DARK:
      wick_chart_set_dark (self, g_value_get_boolean (value));
      break;

    case PROP_LOCAL_TIME:
      wick_chart_set_local_time (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_chart_class_init (WickChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wick_chart_dispose;
  object_class->get_property = wick_chart_get_property;
  object_class->set_property = wick_chart_set_property;

  widget_class->snapshot = wick_chart_snapshot;
  widget_class->measure = wick_chart_measure;
  widget_class->size_allocate = wick_chart_size_allocate;

  properties[PROP_MARKET] =
    g_param_spec_object ("market", NULL, NULL,
                         WICK_TYPE_MARKET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCAL_TIME] =
    g_param_spec_boolean ("local-time", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wickchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, wick_chart_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, wick_chart_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-left", NULL, wick_chart_pan_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-right", NULL, wick_chart_pan_action);
  gtk_widget_class_install_action (widget_class, "chart.fit", NULL, wick_chart_fit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "chart.fit", NULL);
}

static void
wick_chart_init (WickChart *self)
{
  GtkEventController *controller;
  GtkGesture *drag;
  GtkGesture *zoom;

  self->viewport = wick_viewport_new ();
  self->static_dirty = TRUE;

  g_signal_connect_object (self->viewport, "changed",
                           G_CALLBACK (on_viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect_object (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  gtk_gesture_group (zoom, drag);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect_object (controller, "pressed", G_CALLBACK (on_click_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
wick_chart_new (void)
{
  return g_object_new (WICK_TYPE_CHART, NULL);
}

/**
 * wick_chart_get_market:
 *
 * Returns: (transfer none) (nullable): the market shown
 */
WickMarket *
wick_chart_get_market (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return self->market;
}

/**
 * wick_chart_set_market:
 * @market: (nullable): the market to show
 *
 * Shows @market and fits the whole series in view; call wick_chart_show_range() after
 * this to focus on a part of it.
 */
void
wick_chart_set_market (WickChart  *self,
                       WickMarket *market)
{
  g_return_if_fail (WICK_IS_CHART (self));
  g_return_if_fail (!market || WICK_IS_MARKET (market));

  if (self->market == market)
    return;

  if (self->market != NULL)
    g_clear_signal_handler (&self->series_changed_id, wick_market_get_series (self->market));
  g_clear_pointer (&self->lod, wick_lod_free);

  g_set_object (&self->market, market);

  if (market != NULL)
    {
      WickSeries *series = wick_market_get_series (market);

      self->lod = wick_lod_new (series);
      self->series_changed_id =
        g_signal_connect_object (series, "changed",
                                 G_CALLBACK (on_series_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      wick_viewport_set_auto_price (self->viewport, TRUE);
      wick_viewport_fit_all (self->viewport, series);
      wick_chart_update_accessible (self);
    }

  wick_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKET]);
}

/**
 * wick_chart_get_viewport:
 *
 * Returns: (transfer none): the viewport the chart draws through
 */
WickViewport *
wick_chart_get_viewport (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return self->viewport;
}

gboolean
wick_chart_get_dark (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), FALSE);

  return self->dark;
}

void
wick_chart_set_dark (WickChart *self,
                     gboolean   dark)
{
  g_return_if_fail (WICK_IS_CHART (self));

  dark = !!dark;

  if (self->dark == dark)
    return;

  self->dark = dark;
  wick_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

/**
 * wick_chart_get_local_time:
 *
 * Returns: whether times are shown in the local time zone rather than UTC
 */
gboolean
wick_chart_get_local_time (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), FALSE);

  return self->time_zone != NULL;
}

void
wick_chart_set_local_time (WickChart *self,
                           gboolean   local_time)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_get_local_time (self) == !!local_time)
    return;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  if (local_time)
    self->time_zone = g_time_zone_new_local ();

  wick_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_TIME]);
}

void
wick_chart_show_range (WickChart *self,
                       gint64     from_ms,
                       gint64     to_ms)
{
  g_return_if_fail (WICK_IS_CHART (self));
  g_return_if_fail (from_ms < to_ms);

  if (self->market == NULL)
    return;

  wick_viewport_set_auto_price (self->viewport, TRUE);
  wick_viewport_show_range (self->viewport, wick_market_get_series (self->market), from_ms, to_ms);
}

void
wick_chart_zoom_to_fit (WickChart *self)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (self->market == NULL)
    return;

  wick_viewport_set_auto_price (self->viewport, TRUE);
  wick_viewport_fit_all (self->viewport, wick_market_get_series (self->market));
}

/**
 * wick_chart_get_n_renders:
 *
 * How often the static part has been rendered; lets tests check that pointer motion
 * only redraws the moving part.
 */
guint
wick_chart_get_n_renders (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), 0);

  return self->n_renders;
}
