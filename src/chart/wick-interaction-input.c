/* wick-interaction-input.c: the pointer and the keys, and the edits of the lines they make
 *
 * Presses pick a gesture by where they land (a line, the plot, an axis); motion carries it
 * out: a grabbed line follows the pointer as a preview and is committed at the release, and
 * pans and axis drags go to wick-interaction-navigation.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-interaction"

#include "config.h"

#include "wick-interaction.h"
#include "wick-interaction-private.h"

#include <math.h>

/* ---- geometry ---- */

/* The candle whose interval holds the time at @x, or NULL. */
static const WickCandle *
candle_at (WickViewport *viewport,
           WickSeries   *series,
           double        x)
{
  double time_ms = wick_viewport_x_to_time (viewport, x);
  const WickCandle *candle;
  gint64 t;
  guint index;

  if (!isfinite (time_ms) || fabs (time_ms) > 9e15)
    return NULL;

  t = (gint64) floor (time_ms);
  index = wick_series_lower_bound (series, t + 1);
  if (index == 0)
    return NULL;

  candle = wick_series_get_candle (series, index - 1);
  if (t >= candle->open_time_ms + wick_series_get_interval_ms (series))
    return NULL;

  return candle;
}

/**
 * wick_interaction_snap_price:
 * @viewport: the mapping
 * @series: (nullable): the candles to snap to
 * @x: where the pointer is, in logical pixels: picks the candle
 * @y: where the line would be, in logical pixels
 * @price: (out): the price at @y, or the snapped price
 *
 * The magnet: the price at @y, unless the open, high, low or close of the candle under @x
 * lies within %WICK_INTERACTION_SNAP_DISTANCE pixels (vertically) of @y; then the nearest of
 * them. No candle under @x (a gap, or beyond the data) means no snapping.
 *
 * Returns: whether the price snapped
 */
gboolean
wick_interaction_snap_price (WickViewport *viewport,
                             WickSeries   *series,
                             double        x,
                             double        y,
                             double       *price)
{
  const WickCandle *candle;
  double values[4];
  double best = G_MAXDOUBLE;
  guint i;

  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (series == NULL || WICK_IS_SERIES (series), FALSE);
  g_return_val_if_fail (price != NULL, FALSE);

  *price = wick_viewport_y_to_price (viewport, y);
  if (series == NULL || (candle = candle_at (viewport, series, x)) == NULL)
    return FALSE;

  values[0] = candle->open;
  values[1] = candle->high;
  values[2] = candle->low;
  values[3] = candle->close;
  for (i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double distance = fabs (wick_viewport_price_to_y (viewport, values[i]) - y);

      if (distance <= WICK_INTERACTION_SNAP_DISTANCE && distance < best)
        {
          best = distance;
          *price = values[i];
        }
    }

  return best != G_MAXDOUBLE;
}

/* The price of a line at @y with the pointer at @x: snapped unless snapping is off or
 * Shift is held. */
static double
line_price_at (WickInteraction          *self,
               double                    x,
               double                    y,
               WickInteractionModifiers  modifiers)
{
  double price;

  if (self->snapping && !(modifiers & WICK_INTERACTION_MODIFIER_SHIFT))
    wick_interaction_snap_price (self->viewport, self->series, x, y, &price);
  else
    price = wick_viewport_y_to_price (self->viewport, y);

  return price;
}

/**
 * wick_interaction_hit_test:
 * @self: a #WickInteraction
 * @x: logical pixels
 * @y: logical pixels
 *
 * The line nearest to (@x, @y) in the plot, if it is within %WICK_INTERACTION_HIT_DISTANCE
 * pixels vertically; locked lines count.
 *
 * Returns: its id, or 0
 */
guint32
wick_interaction_hit_test (WickInteraction *self,
                           double           x,
                           double           y)
{
  double best = G_MAXDOUBLE;
  guint32 id = 0;
  guint i, n;

  g_return_val_if_fail (WICK_IS_INTERACTION (self), 0);

  if (self->store == NULL || _wick_interaction_region_at (self, x, y) != REGION_PLOT)
    return 0;

  n = wick_level_store_get_n_levels (self->store);
  for (i = 0; i < n; i++)
    {
      const WickLevel *level = wick_level_store_get_level (self->store, i);
      double distance = fabs (wick_viewport_price_to_y (self->viewport, level->price) - y);

      if (distance <= WICK_INTERACTION_HIT_DISTANCE && distance < best)
        {
          best = distance;
          id = level->id;
        }
    }

  return id;
}

/* ---- lines ---- */

/* Moves the preview to where the pointer at (@x, @y) puts the line. */
static void
update_preview (WickInteraction          *self,
                double                    x,
                double                    y,
                WickInteractionModifiers  modifiers)
{
  double price = line_price_at (self, x, y + self->grab_offset_y, modifiers);

  /* A linear scale reaches below zero; a line cannot. */
  if (!isfinite (price) || price <= 0 || price == self->drag_price)
    return;

  self->drag_price = price;
  self->overlay_dirty = TRUE;
}

/* Adds a line at @price (one undo step) and selects it; returns its id, or 0 when the store
 * refused it. */
guint32
_wick_interaction_add_line (WickInteraction *self,
                            double           price,
                            const char      *label,
                            WickLevelOrigin  origin)
{
  GError *error = NULL;
  guint32 id;

  g_assert (self->store != NULL);

  id = wick_level_store_add (self->store, price, label, origin, &error);
  if (id == 0)
    {
      _wick_interaction_refused (self, error);
      return 0;
    }

  _wick_interaction_set_selected (self, id);
  _wick_interaction_update_hover (self);

  return id;
}

static void
add_line (WickInteraction *self,
          double           price)
{
  _wick_interaction_add_line (self, price, NULL, WICK_LEVEL_ORIGIN_USER);
}

/* ADD_LINE: the crosshair's price; with the pointer outside the plot, the last close when
 * it is in view, else the middle of the plot. */
static void
add_line_at_crosshair (WickInteraction          *self,
                       WickInteractionModifiers  modifiers)
{
  const WickCandle *last = self->series != NULL ? wick_series_get_last (self->series) : NULL;
  double low, high;
  WickRect plot;

  if (self->has_pointer &&
      _wick_interaction_region_at (self, self->pointer_x, self->pointer_y) == REGION_PLOT)
    {
      add_line (self, line_price_at (self, self->pointer_x, self->pointer_y, modifiers));
      return;
    }

  wick_viewport_get_plot (self->viewport, &plot);
  wick_viewport_get_price_range (self->viewport, &low, &high);
  if (last != NULL && last->close >= low && last->close <= high)
    add_line (self, last->close);
  else
    add_line (self, wick_viewport_y_to_price (self->viewport, plot.y + plot.height / 2));
}

/* ---- input ---- */

static WickInteractionPress
press_primary (WickInteraction          *self,
               double                    x,
               double                    y,
               int                       n_press,
               WickInteractionModifiers  modifiers)
{
  const WickLevel *level;
  int pin;

  self->press_x = x;
  self->press_y = y;

  switch (_wick_interaction_region_at (self, x, y))
    {
    case REGION_PRICE_AXIS:
      self->state = STATE_PRICE_AXIS;
      if (n_press != 2)
        return WICK_INTERACTION_PRESS_PRICE_AXIS;

      /* A double-click gives the price range back to the candles. */
      self->press_spent = TRUE;
      wick_viewport_set_auto_price (self->viewport, TRUE);
      wick_interaction_keep_in_view (self);
      return WICK_INTERACTION_PRESS_NONE;

    case REGION_TIME_AXIS:
      self->state = STATE_TIME_AXIS;
      if (n_press != 2)
        return WICK_INTERACTION_PRESS_TIME_AXIS;

      /* A double-click shows all the candles. */
      self->press_spent = TRUE;
      wick_interaction_fit (self);
      return WICK_INTERACTION_PRESS_NONE;

    case REGION_OUTSIDE:
      return WICK_INTERACTION_PRESS_NONE;

    case REGION_PLOT:
    default:
      break;
    }

  level = _wick_interaction_lookup (self, wick_interaction_hit_test (self, x, y));
  if (level != NULL)
    _wick_interaction_set_selected (self, level->id);

  if (level != NULL && !level->locked)
    {
      self->state = STATE_LINE_PRESSED;
      self->drag_id = level->id;
      self->drag_origin_price = level->price;
      self->drag_price = level->price;
      self->grab_offset_y = wick_viewport_price_to_y (self->viewport, level->price) - y;
      return WICK_INTERACTION_PRESS_LINE;
    }

  /* A zone's pin, when no line is within reach: its line is added at the release. */
  if (level == NULL && self->store != NULL &&
      (pin = wick_interaction_hit_test_pin (self, x, y)) >= 0)
    {
      self->state = STATE_PIN_PRESSED;
      self->pressed_pin = pin;
      return WICK_INTERACTION_PRESS_ZONE_PIN;
    }

  if (level == NULL && n_press >= 2 && self->store != NULL)
    {
      add_line (self, line_price_at (self, x, y, modifiers));
      return WICK_INTERACTION_PRESS_NONE;
    }

  /* Empty plot, or a locked line (selected above): the plot pans. */
  self->state = STATE_PAN;
  self->press_on_line = level != NULL;

  return WICK_INTERACTION_PRESS_PAN;
}

/**
 * wick_interaction_count_press:
 * @self: a #WickInteraction
 * @time_ms: when the press happened, in milliseconds of any clock that stays the same
 * @x: logical pixels in the widget
 * @y: logical pixels in the widget
 * @double_click_ms: the desktop's double-click time
 * @double_click_px: the desktop's double-click distance, in logical pixels
 *
 * Counts primary presses as GtkGestureClick does, for a drag gesture that does not: a press
 * at most @double_click_ms after the previous one and at most @double_click_px from it on
 * either axis goes on counting; any other starts again at 1.
 *
 * Returns: the n_press for wick_interaction_press (): 1, then 2 for a double-click, …
 */
int
wick_interaction_count_press (WickInteraction *self,
                              gint64           time_ms,
                              double           x,
                              double           y,
                              int              double_click_ms,
                              double           double_click_px)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), 1);

  if (self->n_press > 0 &&
      time_ms - self->last_press_time_ms <= double_click_ms &&
      fabs (x - self->last_press_x) <= double_click_px &&
      fabs (y - self->last_press_y) <= double_click_px)
    self->n_press++;
  else
    self->n_press = 1;

  self->last_press_time_ms = time_ms;
  self->last_press_x = x;
  self->last_press_y = y;

  return self->n_press;
}

/**
 * wick_interaction_press:
 * @self: a #WickInteraction
 * @x: logical pixels in the widget
 * @y: logical pixels in the widget
 * @button: 1 for primary, 3 for secondary (a long-press is forwarded as 3)
 * @n_press: 1 for a single press, 2 for the second press of a double-click (see
 *   wick_interaction_count_press ())
 * @modifiers: the keys held
 *
 * Primary, in the plot: within %WICK_INTERACTION_HIT_DISTANCE of an unlocked line, selects
 * and grabs it (%WICK_INTERACTION_PRESS_LINE); on a locked line, selects it and returns
 * %WICK_INTERACTION_PRESS_PAN; on a zone's pin (with no line within reach) presses it and
 * returns %WICK_INTERACTION_PRESS_ZONE_PIN; elsewhere returns %WICK_INTERACTION_PRESS_PAN,
 * except that the second press of a double-click adds a line there (snapped), selects it and
 * returns %WICK_INTERACTION_PRESS_NONE. On an axis it returns the axis, whose drag zooms; the
 * second press of a double-click instead turns automatic price scaling back on (price axis)
 * or fits all the candles (time axis) and returns %WICK_INTERACTION_PRESS_NONE.
 *
 * Secondary, in the plot: selects the line under the pointer if any, and emits
 * #WickInteraction::context-menu with its id (0 for none). Any press first ends a gesture
 * in progress: a drag is cancelled, a move with the arrow keys is committed.
 *
 * Returns: what the widget does with the rest of the press
 */
WickInteractionPress
wick_interaction_press (WickInteraction          *self,
                        double                    x,
                        double                    y,
                        guint                     button,
                        int                       n_press,
                        WickInteractionModifiers  modifiers)
{
  WickInteractionPress result = WICK_INTERACTION_PRESS_NONE;
  gboolean has_menu = FALSE;
  guint32 menu_id = 0;

  g_return_val_if_fail (WICK_IS_INTERACTION (self), WICK_INTERACTION_PRESS_NONE);

  _wick_interaction_begin (self);
  _wick_interaction_set_pointer (self, x, y);

  /* A line moved with the arrows stays where they put it; a long-press or a second button
   * during a gesture ends that one first. */
  _wick_interaction_commit_nudge (self);
  if (self->state != STATE_IDLE)
    _wick_interaction_end_gesture (self);

  if (button == WICK_INTERACTION_PRIMARY_BUTTON)
    {
      result = press_primary (self, x, y, n_press, modifiers);
    }
  else if (button == WICK_INTERACTION_SECONDARY_BUTTON &&
           _wick_interaction_region_at (self, x, y) == REGION_PLOT)
    {
      menu_id = wick_interaction_hit_test (self, x, y);
      if (menu_id != 0)
        _wick_interaction_set_selected (self, menu_id);
      has_menu = TRUE;
    }

  _wick_interaction_update_hover (self);
  _wick_interaction_end (self);

  if (has_menu)
    _wick_interaction_emit_context_menu (self, menu_id, x, y);

  return result;
}

/**
 * wick_interaction_motion:
 * @self: a #WickInteraction
 * @x: logical pixels in the widget
 * @y: logical pixels in the widget
 * @modifiers: the keys held; Shift turns snapping off for this position
 *
 * Every pointer motion, hovering or with a button held. Hovering updates the hovered line
 * or pin and the cursor. With a line grabbed, once the pointer has moved
 * %WICK_INTERACTION_DRAG_THRESHOLD pixels from the press, the line follows it (snapped) as
 * a preview; the store is not touched until the release. Panning, the plot follows the
 * pointer (prices too, unless they scale automatically); on the price axis, each
 * %WICK_INTERACTION_AXIS_DRAG_PIXELS pixels down halve the price scale around the middle of
 * the plot (and turn automatic scaling off); on the time axis, each as many pixels right
 * double the time scale around the right edge. A motion to where the pointer already is
 * moves nothing.
 */
void
wick_interaction_motion (WickInteraction          *self,
                         double                    x,
                         double                    y,
                         WickInteractionModifiers  modifiers)
{
  double dx, dy;

  g_return_if_fail (WICK_IS_INTERACTION (self));

  _wick_interaction_begin (self);
  dx = x - self->pointer_x;
  dy = y - self->pointer_y;
  _wick_interaction_set_pointer (self, x, y);

  if (self->state != STATE_IDLE && self->state != STATE_LINE_NUDGING &&
      hypot (x - self->press_x, y - self->press_y) >= WICK_INTERACTION_DRAG_THRESHOLD)
    self->press_moved = TRUE;

  if (self->state == STATE_LINE_PRESSED && self->press_moved)
    {
      /* The line leaves the static part for the overlay. */
      self->state = STATE_LINE_DRAGGING;
      self->static_dirty = TRUE;
    }

  if (self->state == STATE_LINE_DRAGGING)
    update_preview (self, x, y, modifiers);
  else if (self->state == STATE_IDLE || self->state == STATE_PIN_PRESSED ||
           self->state == STATE_LINE_NUDGING)
    _wick_interaction_update_hover (self);
  else
    _wick_interaction_drag_view (self, dx, dy);

  _wick_interaction_end (self);
}

/**
 * wick_interaction_release:
 * @self: a #WickInteraction
 * @x: logical pixels in the widget
 * @y: logical pixels in the widget
 * @modifiers: the keys held
 *
 * Ends the gesture. A dragged line is committed as one wick_level_store_move () (one undo
 * step) when it moved; a press on a line that never moved only selected it; a click (no
 * move) on empty plot clears the selection. A release on the zone pin that was pressed adds
 * a line at the zone's centre, labelled with the zone ("Support zone 91.97–92.25k"), of
 * origin %WICK_LEVEL_ORIGIN_PINNED_ZONE, as one undo step, and selects it.
 */
void
wick_interaction_release (WickInteraction          *self,
                          double                    x,
                          double                    y,
                          WickInteractionModifiers  modifiers)
{
  GError *error = NULL;

  g_return_if_fail (WICK_IS_INTERACTION (self));

  _wick_interaction_begin (self);
  _wick_interaction_set_pointer (self, x, y);

  if (self->state == STATE_LINE_DRAGGING)
    {
      update_preview (self, x, y, modifiers);
      if (self->drag_price != self->drag_origin_price &&
          !wick_level_store_move (self->store, self->drag_id, self->drag_price, &error))
        _wick_interaction_refused (self, error);
    }
  else if (self->state == STATE_PAN && !self->press_moved && !self->press_on_line)
    {
      _wick_interaction_set_selected (self, 0);
    }
  else if (self->state == STATE_PIN_PRESSED &&
           wick_interaction_hit_test_pin (self, x, y) == self->pressed_pin)
    {
      _wick_interaction_pin_zone (self, self->pressed_pin);
    }

  _wick_interaction_end_gesture (self);
  _wick_interaction_end (self);
}

/**
 * wick_interaction_leave:
 * @self: a #WickInteraction
 *
 * The pointer left the widget: nothing is hovered. A gesture goes on (the widget keeps the
 * pointer until the release).
 */
void
wick_interaction_leave (WickInteraction *self)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  _wick_interaction_begin (self);
  self->has_pointer = FALSE;
  _wick_interaction_update_hover (self);
  _wick_interaction_end (self);
}

/**
 * wick_interaction_cancel:
 * @self: a #WickInteraction
 *
 * The gesture was taken away (the sequence was denied, a grab broke): back to idle, and a
 * dragged line goes back where it was, committing nothing.
 */
void
wick_interaction_cancel (WickInteraction *self)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  _wick_interaction_begin (self);
  _wick_interaction_end_gesture (self);
  _wick_interaction_end (self);
}

static gboolean
handle_key (WickInteraction          *self,
            WickInteractionKey        key,
            WickInteractionModifiers  modifiers,
            double                   *menu_x,
            double                   *menu_y)
{
  GError *error = NULL;

  /* Any other key ends a move with the arrows as their release would; Escape puts the line
   * back. */
  if (key != WICK_INTERACTION_KEY_LINE_UP && key != WICK_INTERACTION_KEY_LINE_DOWN &&
      key != WICK_INTERACTION_KEY_ESCAPE)
    _wick_interaction_commit_nudge (self);

  switch (key)
    {
    case WICK_INTERACTION_KEY_ESCAPE:
      if (_wick_interaction_in_line_gesture (self))
        {
          _wick_interaction_end_gesture (self);
          return TRUE;
        }
      if (self->state != STATE_IDLE || self->selected_id == 0)
        return FALSE;
      _wick_interaction_set_selected (self, 0);
      return TRUE;

    case WICK_INTERACTION_KEY_DELETE:
    case WICK_INTERACTION_KEY_BACKSPACE:
      if (_wick_interaction_in_line_gesture (self) ||
          _wick_interaction_lookup (self, self->selected_id) == NULL)
        return FALSE;
      if (!wick_level_store_remove (self->store, self->selected_id, &error))
        _wick_interaction_refused (self, error);
      return TRUE;

    case WICK_INTERACTION_KEY_ADD_LINE:
      if (self->store == NULL || self->state != STATE_IDLE)
        return FALSE;
      add_line_at_crosshair (self, modifiers);
      return TRUE;

    case WICK_INTERACTION_KEY_UNDO:
      return self->store != NULL && !_wick_interaction_in_line_gesture (self) &&
             wick_level_store_undo (self->store);

    case WICK_INTERACTION_KEY_REDO:
      return self->store != NULL && !_wick_interaction_in_line_gesture (self) &&
             wick_level_store_redo (self->store);

    case WICK_INTERACTION_KEY_SELECT_ABOVE:
    case WICK_INTERACTION_KEY_SELECT_BELOW:
      return _wick_interaction_select_adjacent (self,
                                                key == WICK_INTERACTION_KEY_SELECT_ABOVE ? 1 : -1);

    case WICK_INTERACTION_KEY_LINE_UP:
    case WICK_INTERACTION_KEY_LINE_DOWN:
      return _wick_interaction_nudge (self, key == WICK_INTERACTION_KEY_LINE_UP ? 1 : -1,
                                      (modifiers & WICK_INTERACTION_MODIFIER_SHIFT) != 0);

    case WICK_INTERACTION_KEY_MENU:
    case WICK_INTERACTION_KEY_ACTIVATE:
      return _wick_interaction_locate_selected (self, menu_x, menu_y);

    default:
      return FALSE;
    }
}

/**
 * wick_interaction_key:
 * @self: a #WickInteraction
 * @key: the key, mapped by the widget
 * @modifiers: the keys held; Shift turns snapping off for %WICK_INTERACTION_KEY_ADD_LINE
 *   and makes LINE_UP and LINE_DOWN move by one pixel
 *
 * Escape cancels a drag or a move with the arrows (the line goes back, nothing is
 * committed), or else clears the selection. Delete and BackSpace remove the selected line.
 * ADD_LINE adds a line at the crosshair (snapped), or with the pointer outside the plot at
 * the last close when it is in view, else in the middle of the plot, and selects it. UNDO
 * and REDO call the store. Only Escape works while a line is held with the pointer.
 *
 * SELECT_ABOVE and SELECT_BELOW select the next line up or down the price axis from the
 * selected one, or from the middle of the plot (wick_interaction_find_adjacent ()), and
 * bring it into view; past the last line they do nothing and return %FALSE. LINE_UP and
 * LINE_DOWN move the selected line by one tick step of the price axis, or one pixel with
 * Shift (wick_interaction_step_price ()), as a preview that wick_interaction_key_release ()
 * commits as one undo step, like a drag; a locked line stays and #WickInteraction::edit-failed
 * says why, once while the key is held. MENU emits #WickInteraction::context-menu for the
 * selected line, at it, and ACTIVATE emits #WickInteraction::line-activated, after the call.
 * Every key but LINE_UP, LINE_DOWN and Escape first commits a move with the arrows.
 *
 * Returns: whether the key did something (otherwise let it propagate)
 */
gboolean
wick_interaction_key (WickInteraction          *self,
                      WickInteractionKey        key,
                      WickInteractionModifiers  modifiers)
{
  double menu_x = 0, menu_y = 0;
  gboolean handled;

  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  _wick_interaction_begin (self);
  handled = handle_key (self, key, modifiers, &menu_x, &menu_y);
  _wick_interaction_end (self);

  if (handled && key == WICK_INTERACTION_KEY_MENU)
    _wick_interaction_emit_context_menu (self, self->selected_id, menu_x, menu_y);
  else if (handled && key == WICK_INTERACTION_KEY_ACTIVATE)
    _wick_interaction_emit_activated (self, self->selected_id);

  return handled;
}

/**
 * wick_interaction_select:
 * @self: a #WickInteraction
 * @id: a line of the store, or 0 to clear the selection
 *
 * Selects a line from elsewhere (a list, a menu). Unknown ids clear the selection. A move
 * with the arrow keys is committed first.
 */
void
wick_interaction_select (WickInteraction *self,
                         guint32          id)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  _wick_interaction_begin (self);
  _wick_interaction_commit_nudge (self);
  _wick_interaction_set_selected (self, _wick_interaction_lookup (self, id) != NULL ? id : 0);
  _wick_interaction_end (self);
}
