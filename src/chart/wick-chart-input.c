/* wick-chart-input.c: the chart's controllers, gestures and keys
 *
 * Every handler here is thin: it turns a GTK event into a WickInteraction call (a press,
 * a motion, a scroll, a key) and lets the state machine decide. Tooltips come from the
 * state's hit-tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include "wick-chart-private.h"

static WickInteractionModifiers
modifiers_from_state (GdkModifierType state)
{
  WickInteractionModifiers modifiers = WICK_INTERACTION_MODIFIER_NONE;

  if (state & GDK_SHIFT_MASK)
    modifiers |= WICK_INTERACTION_MODIFIER_SHIFT;
  if (state & GDK_CONTROL_MASK)
    modifiers |= WICK_INTERACTION_MODIFIER_CONTROL;
  if (state & GDK_ALT_MASK)
    modifiers |= WICK_INTERACTION_MODIFIER_ALT;

  return modifiers;
}

static WickInteractionModifiers
get_modifiers (GtkEventController *controller)
{
  return modifiers_from_state (gtk_event_controller_get_current_event_state (controller));
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

/* Up and Down move the selected line; with Alt they choose the next line up or down. */
static gboolean
map_arrow (guint               keyval,
           GdkModifierType     state,
           WickInteractionKey *key)
{
  gboolean up;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      up = TRUE;
      break;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      up = FALSE;
      break;

    default:
      return FALSE;
    }

  if (state & GDK_CONTROL_MASK)
    return FALSE;

  if (state & GDK_ALT_MASK)
    *key = up ? WICK_INTERACTION_KEY_SELECT_ABOVE : WICK_INTERACTION_KEY_SELECT_BELOW;
  else
    *key = up ? WICK_INTERACTION_KEY_LINE_UP : WICK_INTERACTION_KEY_LINE_DOWN;

  return TRUE;
}

static gboolean
on_key_pressed_cb (WickChart             *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *key)
{
  WickInteractionModifiers modifiers = modifiers_from_state (state);
  WickInteractionKey interaction_key;

  if (map_arrow (keyval, state, &interaction_key))
    {
      gboolean is_select = interaction_key == WICK_INTERACTION_KEY_SELECT_ABOVE ||
                           interaction_key == WICK_INTERACTION_KEY_SELECT_BELOW;

      if (wick_interaction_key (self->interaction, interaction_key, modifiers))
        return GDK_EVENT_STOP;

      /* Past the last line, Alt+Up and Alt+Down ring as Alt+Right does past the last
       * signal; plain Up and Down with no line to move are left to move the focus. */
      if (!is_select)
        return GDK_EVENT_PROPAGATE;
      gtk_widget_error_bell (GTK_WIDGET (self));
      return GDK_EVENT_STOP;
    }

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

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
        return GDK_EVENT_PROPAGATE;
      interaction_key = WICK_INTERACTION_KEY_ACTIVATE;
      break;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  return wick_interaction_key (self->interaction, interaction_key, modifiers);
}

/* Up or Down going up commits the move they made, as one undo step. */
static void
on_key_released_cb (WickChart             *self,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkEventControllerKey *key)
{
  WickInteractionKey interaction_key;

  /* Whatever else is held: Alt going down mid-move does not keep the line a preview. */
  if (map_arrow (keyval, 0, &interaction_key))
    wick_interaction_key_release (self->interaction, interaction_key);
}

/* A key held while the focus leaves is not seen going up. */
static void
on_focus_leave_cb (WickChart               *self,
                   GtkEventControllerFocus *focus)
{
  wick_interaction_focus_out (self->interaction);
}

/* Menu and Shift+F10, as in GTK's own widgets: the selected line's menu, at the line. */
static void
wick_chart_popup_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  WickChart *self = WICK_CHART (widget);

  if (!wick_interaction_key (self->interaction, WICK_INTERACTION_KEY_MENU,
                             WICK_INTERACTION_MODIFIER_NONE))
    gtk_widget_error_bell (widget);
}

/* The state redraws; the cursor follows the state machine. */
static void
on_interaction_changed_cb (WickChart       *self,
                           gboolean         static_changed,
                           WickInteraction *interaction)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   wick_interaction_get_cursor_name (interaction));
  /* With no line selected, the menu keys are left to others. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "menu.popup",
                                 wick_interaction_get_selected_id (interaction) != 0);
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

void
_wick_chart_input_class_init (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = wick_chart_query_tooltip;

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

  gtk_widget_class_install_action (widget_class, "menu.popup", NULL, wick_chart_popup_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "menu.popup",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "menu.popup", NULL);
}

void
_wick_chart_input_init (WickChart *self)
{
  GtkEventController *controller;
  GtkGesture *drag;
  GtkGesture *zoom;
  GtkGesture *gesture;

  g_signal_connect_object (self->interaction, "changed",
                           G_CALLBACK (on_interaction_changed_cb), self,
                           G_CONNECT_SWAPPED);

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
  g_signal_connect_object (controller, "key-released", G_CALLBACK (on_key_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "menu.popup", FALSE);
}
