/* wick-chart.c: the candlestick chart widget
 *
 * The widget only translates GTK input into WickInteraction calls, which pan and zoom the
 * viewport and edit the lines, and hands frames to GTK. What is shown lives in a
 * WickChartState, which draws with wick_render(), the same function the exporter uses. The
 * static part is rendered into an image surface only when the state says so (data, options,
 * lines or viewport) or the size changes; the crosshair, the legend and a line being
 * dragged are drawn on top at every motion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-chart.h"
#include "wick-chart-description.h"
#include "wick-chart-state.h"
#include "wick-interaction.h"

struct _WickChart
{
  GtkWidget        parent_instance;

  WickChartState  *state;           /* Owned: what is shown */
  WickViewport    *viewport;        /* Borrowed from state */
  WickInteraction *interaction;     /* Borrowed from state */
  GdkTexture      *static_texture;  /* Owned: the static part at the current size */
  GtkWidget       *menu;            /* Owned child, nullable: the line's context menu */
  GtkGesture      *drag;            /* Borrowed: the primary button's gesture */
  char            *description;     /* Owned, nullable: the accessible description set last */
  guint            description_id;  /* the description's coalescing timeout */

  double           drag_start_x;
  double           drag_start_y;
  double           zoom_last_scale;

  guint            n_renders;
  guint            static_dirty : 1;
};

G_DEFINE_FINAL_TYPE (WickChart, wick_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MARKET,
  PROP_DARK,
  PROP_COLORBLIND,
  PROP_LOCAL_TIME,
  PROP_LEVEL_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A pan, a zoom or a live feed changes the view many times a second; the description is
 * rebuilt at most this often, this long after the first change. */
#define DESCRIPTION_DELAY_MS 300

static void
wick_chart_update_accessible (WickChart *self)
{
  WickMarket *market = wick_chart_state_get_market (self->state);
  g_autofree char *title = NULL;

  if (market == NULL)
    return;

  title = wick_market_dup_title (market);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

/* What is in view, in sentences (wick-chart-description.c), then how to move it. */
static void
wick_chart_update_description (gpointer data)
{
  WickChart *self = data;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  WickScene scene;

  self->description_id = 0;

  wick_chart_state_fill_scene (self->state, &scene);
  text = wick_chart_description_build (&scene, wick_chart_state_get_viewport (self->state));
  /* Translators: the end of the chart's description for screen readers, after what it shows */
  description = g_strdup_printf ("%s %s", text, _("Arrow keys pan, plus and minus zoom, Home "
                                                  "shows every candle."));
  if (g_strcmp0 (description, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
on_state_changed_cb (WickChart      *self,
                     gboolean        static_changed,
                     WickChartState *state)
{
  if (static_changed)
    {
      self->static_dirty = TRUE;
      if (self->description_id == 0)
        self->description_id = g_timeout_add_once (DESCRIPTION_DELAY_MS,
                                                   wick_chart_update_description, self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkTexture *
wick_chart_render_static (WickChart *self,
                          int        width,
                          int        height,
                          int        scale)
{
  cairo_surface_t *surface;
  GBytes *bytes;
  GdkTexture *texture;
  int stride;

  surface = wick_chart_state_render_static (self->state, width, height, scale);
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
  cairo_t *cr;

  if (width <= 0 || height <= 0 || wick_chart_state_get_market (self->state) == NULL)
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
  wick_chart_state_render_overlay (self->state, cr);
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

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
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

static WickInteractionModifiers
get_modifiers (GtkEventController *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (controller);
  WickInteractionModifiers modifiers = WICK_INTERACTION_MODIFIER_NONE;

  if (state & GDK_SHIFT_MASK)
    modifiers |= WICK_INTERACTION_MODIFIER_SHIFT;
  if (state & GDK_CONTROL_MASK)
    modifiers |= WICK_INTERACTION_MODIFIER_CONTROL;
  if (state & GDK_ALT_MASK)
    modifiers |= WICK_INTERACTION_MODIFIER_ALT;

  return modifiers;
}

/* The drag gesture does not count presses: the state machine does, with the desktop's
 * double-click time and distance. */
static int
wick_chart_count_press (WickChart          *self,
                        GtkEventController *controller,
                        double              x,
                        double              y)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int double_click_time = 400;
  int double_click_distance = 5;

  g_object_get (settings,
                "gtk-double-click-time", &double_click_time,
                "gtk-double-click-distance", &double_click_distance,
                NULL);

  return wick_interaction_count_press (self->interaction,
                                       gtk_event_controller_get_current_event_time (controller),
                                       x, y, double_click_time, double_click_distance);
}

static void
on_drag_begin_cb (WickChart      *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  int n_press;

  if (wick_chart_state_get_market (self->state) == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
  n_press = wick_chart_count_press (self, controller, x, y);
  self->drag_start_x = x;
  self->drag_start_y = y;
  wick_interaction_press (self->interaction, x, y, GDK_BUTTON_PRIMARY, n_press,
                          get_modifiers (controller));
}

/* While the button is held, motion comes from here rather than from the motion controller,
 * touch included; the state machine pans, zooms an axis or moves the line. */
static void
on_drag_update_cb (WickChart      *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  double x = self->drag_start_x + offset_x;
  double y = self->drag_start_y + offset_y;

  /* Keep the crosshair under the pointer while dragging. */
  wick_chart_state_set_crosshair (self->state, TRUE, x, y);
  wick_interaction_motion (self->interaction, x, y,
                           get_modifiers (GTK_EVENT_CONTROLLER (gesture)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (WickChart      *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  wick_interaction_release (self->interaction,
                            self->drag_start_x + offset_x,
                            self->drag_start_y + offset_y,
                            get_modifiers (GTK_EVENT_CONTROLLER (gesture)));
}

static void
on_drag_cancel_cb (WickChart        *self,
                   GdkEventSequence *sequence,
                   GtkGesture       *gesture)
{
  wick_interaction_cancel (self->interaction);
}

static gboolean
on_scroll_cb (WickChart                *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *scroll)
{
  WickInteractionScrollUnit unit = WICK_INTERACTION_SCROLL_WHEEL;

  if (gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_SURFACE)
    unit = WICK_INTERACTION_SCROLL_SURFACE;

  return wick_interaction_scroll (self->interaction, dx, dy, unit,
                                  get_modifiers (GTK_EVENT_CONTROLLER (scroll)));
}

static void
on_motion_cb (WickChart                *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  wick_chart_state_set_crosshair (self->state, TRUE, x, y);

  if (!gtk_gesture_is_active (self->drag))
    wick_interaction_motion (self->interaction, x, y,
                             get_modifiers (GTK_EVENT_CONTROLLER (motion)));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave_cb (WickChart                *self,
             GtkEventControllerMotion *motion)
{
  wick_chart_state_set_crosshair (self->state, FALSE, 0, 0);
  wick_interaction_leave (self->interaction);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The secondary button and a long press open the line's menu. */
static void
on_secondary_pressed_cb (WickChart       *self,
                         int              n_press,
                         double           x,
                         double           y,
                         GtkGestureClick *click)
{
  wick_interaction_press (self->interaction, x, y, GDK_BUTTON_SECONDARY, 1,
                          get_modifiers (GTK_EVENT_CONTROLLER (click)));
}

static void
on_long_pressed_cb (WickChart           *self,
                    double               x,
                    double               y,
                    GtkGestureLongPress *long_press)
{
  wick_interaction_press (self->interaction, x, y, GDK_BUTTON_SECONDARY, 1,
                          WICK_INTERACTION_MODIFIER_NONE);
}

static gboolean
on_key_pressed_cb (WickChart             *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *key)
{
  WickInteractionModifiers modifiers = get_modifiers (GTK_EVENT_CONTROLLER (key));
  WickInteractionKey interaction_key;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      interaction_key = WICK_INTERACTION_KEY_ESCAPE;
      break;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      interaction_key = WICK_INTERACTION_KEY_DELETE;
      break;

    case GDK_KEY_BackSpace:
      interaction_key = WICK_INTERACTION_KEY_BACKSPACE;
      break;

    case GDK_KEY_h:
    case GDK_KEY_H:
      if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
        return GDK_EVENT_PROPAGATE;
      interaction_key = WICK_INTERACTION_KEY_ADD_LINE;
      break;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  return wick_interaction_key (self->interaction, interaction_key, modifiers);
}

/* The state redraws; the cursor follows the state machine. */
static void
on_interaction_changed_cb (WickChart       *self,
                           gboolean         static_changed,
                           WickInteraction *interaction)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   wick_interaction_get_cursor_name (interaction));
}

static void
on_zoom_begin_cb (WickChart        *self,
                  GdkEventSequence *sequence,
                  GtkGestureZoom   *zoom)
{
  self->zoom_last_scale = 1.0;
}

static void
on_zoom_scale_changed_cb (WickChart      *self,
                          double          scale,
                          GtkGestureZoom *zoom)
{
  double cx, cy;

  if (wick_chart_state_get_market (self->state) == NULL || scale <= 0 || self->zoom_last_scale <= 0)
    return;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (zoom), &cx, &cy);
  wick_interaction_zoom (self->interaction, cx, scale / self->zoom_last_scale);
  self->zoom_last_scale = scale;
}

static void
wick_chart_step_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  WickInteraction *interaction = WICK_CHART (widget)->interaction;

  if (g_str_equal (action_name, "chart.zoom-in"))
    wick_interaction_zoom_step (interaction, 1);
  else if (g_str_equal (action_name, "chart.zoom-out"))
    wick_interaction_zoom_step (interaction, -1);
  else if (g_str_equal (action_name, "chart.pan-left"))
    wick_interaction_pan_step (interaction, -1);
  else if (g_str_equal (action_name, "chart.pan-right"))
    wick_interaction_pan_step (interaction, 1);
  else
    wick_interaction_fit (interaction);
}

/* Over a signal's marker, its explanation; over a heatmap band or a liquidation bubble,
 * what it holds. */
static gboolean
wick_chart_query_tooltip (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip)
{
  WickChart *self = WICK_CHART (widget);
  g_autofree char *text = NULL;
  gboolean has_area;
  GdkRectangle area;

  if (keyboard_mode)
    return FALSE;

  text = wick_chart_state_dup_tooltip (self->state, x, y, &has_area, &area);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  /* The tip area makes the tooltip follow from one marker to the next. */
  if (has_area)
    gtk_tooltip_set_tip_area (tooltip, &area);

  return TRUE;
}

static void
wick_chart_dispose (GObject *object)
{
  WickChart *self = (WickChart *)object;

  /* The state drops what it holds, as the chart did; it stays valid until finalize, so
   * a late getter still answers. */
  self->interaction = NULL;
  self->viewport = NULL;
  g_object_run_dispose (G_OBJECT (self->state));
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->static_texture);
  g_clear_handle_id (&self->description_id, g_source_remove);

  G_OBJECT_CLASS (wick_chart_parent_class)->dispose (object);
}

static void
wick_chart_finalize (GObject *object)
{
  WickChart *self = (WickChart *)object;

  g_clear_object (&self->state);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (wick_chart_parent_class)->finalize (object);
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

    case PROP_COLORBLIND:
      g_value_set_boolean (value, wick_chart_get_colorblind (self));
      break;

    case PROP_LOCAL_TIME:
      g_value_set_boolean (value, wick_chart_get_local_time (self));
      break;

    case PROP_LEVEL_STORE:
      g_value_set_object (value, wick_chart_get_level_store (self));
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

    case PROP_COLORBLIND:
      wick_chart_set_colorblind (self, g_value_get_boolean (value));
      break;

    case PROP_LOCAL_TIME:
      wick_chart_set_local_time (self, g_value_get_boolean (value));
      break;

    case PROP_LEVEL_STORE:
      wick_chart_set_level_store (self, g_value_get_object (value));
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
  object_class->finalize = wick_chart_finalize;
  object_class->get_property = wick_chart_get_property;
  object_class->set_property = wick_chart_set_property;

  widget_class->snapshot = wick_chart_snapshot;
  widget_class->measure = wick_chart_measure;
  widget_class->size_allocate = wick_chart_size_allocate;
  widget_class->query_tooltip = wick_chart_query_tooltip;

  properties[PROP_MARKET] =
    g_param_spec_object ("market", NULL, NULL,
                         WICK_TYPE_MARKET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLORBLIND] =
    g_param_spec_boolean ("colorblind", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCAL_TIME] =
    g_param_spec_boolean ("local-time", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEVEL_STORE] =
    g_param_spec_object ("level-store", NULL, NULL,
                         WICK_TYPE_LEVEL_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wickchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, wick_chart_step_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, wick_chart_step_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-left", NULL, wick_chart_step_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-right", NULL, wick_chart_step_action);
  gtk_widget_class_install_action (widget_class, "chart.fit", NULL, wick_chart_step_action);

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
  GtkGesture *gesture;

  self->state = wick_chart_state_new ();
  self->viewport = wick_chart_state_get_viewport (self->state);
  self->interaction = wick_chart_state_get_interaction (self->state);
  self->static_dirty = TRUE;

  g_signal_connect_object (self->state, "changed",
                           G_CALLBACK (on_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interaction, "changed",
                           G_CALLBACK (on_interaction_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  drag = self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect_object (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  gtk_gesture_group (zoom, drag);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_secondary_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_long_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
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

  return wick_chart_state_get_market (self->state);
}

/**
 * wick_chart_set_market:
 * @market: (nullable): the market to show
 *
 * Shows @market and fits the whole series in view; call wick_chart_show_range() after
 * this to focus on a part of it. The zones and signals of the market shown before are
 * dropped: set the new market's with wick_chart_set_zones() and wick_chart_set_signals().
 */
void
wick_chart_set_market (WickChart  *self,
                       WickMarket *market)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (!wick_chart_state_set_market (self->state, market))
    return;

  wick_chart_update_accessible (self);
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

  return wick_chart_state_get_dark (self->state);
}

void
wick_chart_set_dark (WickChart *self,
                     gboolean   dark)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_state_set_dark (self->state, dark))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

/**
 * wick_chart_get_colorblind:
 *
 * Returns: whether up and down are drawn in blue and orange rather than green and red
 */
gboolean
wick_chart_get_colorblind (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), FALSE);

  return wick_chart_state_get_colorblind (self->state);
}

/**
 * wick_chart_set_colorblind:
 * @colorblind: whether to draw up and down in blue and orange, which people with a red–green
 *   colour vision deficiency tell apart, rather than green and red
 */
void
wick_chart_set_colorblind (WickChart *self,
                           gboolean   colorblind)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_state_set_colorblind (self->state, colorblind))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORBLIND]);
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

  return wick_chart_state_get_local_time (self->state);
}

void
wick_chart_set_local_time (WickChart *self,
                           gboolean   local_time)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_state_set_local_time (self->state, local_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_TIME]);
}

void
wick_chart_show_range (WickChart *self,
                       gint64     from_ms,
                       gint64     to_ms)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_show_range (self->state, from_ms, to_ms);
}

void
wick_chart_zoom_to_fit (WickChart *self)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_zoom_to_fit (self->state);
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

/**
 * wick_chart_get_description:
 *
 * The accessible description set last. It follows changes to the view, the data, the lines
 * and the signals a moment later, at most a few times a second.
 *
 * Returns: (nullable): the text, %NULL before the first
 */
const char *
wick_chart_get_description (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return self->description;
}

/**
 * wick_chart_fill_scene:
 * @scene: (out caller-allocates): the scene to fill
 *
 * Fills @scene with what the chart shows, crosshair included; it borrows from the chart and
 * is valid until the chart changes.
 */
void
wick_chart_fill_scene (WickChart *self,
                       WickScene *scene)
{
  g_return_if_fail (WICK_IS_CHART (self));
  g_return_if_fail (scene != NULL);

  wick_chart_state_fill_scene (self->state, scene);
}

/**
 * wick_chart_get_level_store:
 *
 * Returns: (transfer none) (nullable): the lines drawn and edited on the chart
 */
WickLevelStore *
wick_chart_get_level_store (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_level_store (self->state);
}

/**
 * wick_chart_set_level_store:
 * @store: (nullable): the lines of the market shown
 */
void
wick_chart_set_level_store (WickChart      *self,
                            WickLevelStore *store)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_state_set_level_store (self->state, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_STORE]);
}

/**
 * wick_chart_get_interaction:
 *
 * Returns: (transfer none): the state machine behind pointer and keys, whose
 *   #WickInteraction::context-menu the window answers
 */
WickInteraction *
wick_chart_get_interaction (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return self->interaction;
}

/**
 * wick_chart_get_zones:
 *
 * Returns: (transfer none) (nullable): the detected zones drawn as bands
 */
WickZones *
wick_chart_get_zones (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_zones (self->state);
}

/**
 * wick_chart_set_zones:
 * @zones: (nullable): the support and resistance zones of the market's series, drawn as
 *   faint bands whose pins add a line; a reference is taken
 *
 * Call it after wick_chart_set_market() and whenever the series changes.
 */
void
wick_chart_set_zones (WickChart *self,
                      WickZones *zones)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_zones (self->state, zones);
}

/**
 * wick_chart_get_heatmap:
 *
 * Returns: (transfer none) (nullable): the liquidation heatmap drawn
 */
WickHeatmapImage *
wick_chart_get_heatmap (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_heatmap (self->state);
}

/**
 * wick_chart_set_heatmap:
 * @heatmap: (nullable): the liquidation heatmap of the market shown, drawn behind the
 *   candles with its legend and bubbles and hovered for tooltips; %NULL hides it
 */
void
wick_chart_set_heatmap (WickChart        *self,
                        WickHeatmapImage *heatmap)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_heatmap (self->state, heatmap);
}

/**
 * wick_chart_get_signals:
 *
 * Returns: (transfer none) (nullable): the analysis whose signals are drawn as markers
 */
WickSignals *
wick_chart_get_signals (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_signals (self->state);
}

/**
 * wick_chart_set_signals:
 * @signals: (nullable): an analysis of the market's series, whose signals are drawn as
 *   markers at their candles, with their explanation as tooltip; a reference is taken
 *
 * Call it after wick_chart_set_market(). The selection is cleared.
 */
void
wick_chart_set_signals (WickChart   *self,
                        WickSignals *signals)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_signals (self->state, signals);
}

/**
 * wick_chart_get_hidden_signal_kinds:
 *
 * Returns: 1 << #WickSignalKind for each kind whose markers are left out
 */
guint32
wick_chart_get_hidden_signal_kinds (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), 0);

  return wick_chart_state_get_hidden_signal_kinds (self->state);
}

/**
 * wick_chart_set_hidden_signal_kinds:
 * @hidden_kinds: 1 << #WickSignalKind for each kind whose markers to leave out, of the
 *   picture and of the tooltips; 0 shows every kind
 *
 * A selected signal of a kind hidden is no longer selected.
 */
void
wick_chart_set_hidden_signal_kinds (WickChart *self,
                                    guint32    hidden_kinds)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_hidden_signal_kinds (self->state, hidden_kinds);
}

/**
 * wick_chart_set_indicators:
 * @ema20: whether to draw the signals' EMA (20) over the candles
 * @ema50: whether to draw their EMA (50)
 * @vwap: whether to draw their daily VWAP
 *
 * Chooses the indicator lines drawn on the price pane, from the analysis set with
 * wick_chart_set_signals(); none without one.
 */
void
wick_chart_set_indicators (WickChart *self,
                           gboolean   ema20,
                           gboolean   ema50,
                           gboolean   vwap)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_indicators (self->state, ema20, ema50, vwap);
}

/**
 * wick_chart_set_lower_pane:
 * @lower_pane: the indicator pane under the price pane, or %WICK_LOWER_PANE_NONE
 *
 * Shows the analysis' RSI (14) or MACD (12, 26, 9) in a pane under the candles, which get
 * that much shorter; the pane is empty without an analysis.
 */
void
wick_chart_set_lower_pane (WickChart     *self,
                           WickLowerPane  lower_pane)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_lower_pane (self->state, lower_pane);
}

/**
 * wick_chart_get_selected_signal:
 *
 * Returns: the index of the emphasised signal, or -1 for none
 */
int
wick_chart_get_selected_signal (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), -1);

  return wick_chart_state_get_selected_signal (self->state);
}

/**
 * wick_chart_select_signal:
 * @index: a signal of the chart's signals, or -1 for none
 *
 * Emphasises the marker of signal @index and centres the view on its candle, keeping the
 * time span shown and fitting the prices.
 */
void
wick_chart_select_signal (WickChart *self,
                          int        index)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_select_signal (self->state, index);
}

/**
 * wick_chart_popup_menu:
 * @model: the menu; its actions are looked up from the chart upwards
 * @x: where to point, in the chart's coordinates
 * @y: where to point
 *
 * Shows a context menu pointing at (@x, @y), such as the menu of a line.
 */
void
wick_chart_popup_menu (WickChart  *self,
                       GMenuModel *model,
                       double      x,
                       double      y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  g_return_if_fail (WICK_IS_CHART (self));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    {
      gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}
