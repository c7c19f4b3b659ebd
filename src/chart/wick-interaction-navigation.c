/* wick-interaction-navigation.c: the pans and zooms of the viewport
 *
 * Dragging the plot pans it, dragging an axis zooms it, and the wheel, the touchpad, a
 * pinch and the zoom and pan actions land here too. After every change of the time range
 * the candles are kept in view and, with automatic price scaling, the prices fitted to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-interaction"

#include "config.h"

#include "wick-interaction.h"
#include "wick-interaction-private.h"

#include <math.h>

/* Where zooms without a position happen: at the pointer when it is over the chart (over the
 * plot, with @in_plot), else at the plot's right edge, where the latest candles are. */
static double
zoom_x (WickInteraction *self,
        gboolean         in_plot)
{
  WickRect plot;

  wick_viewport_get_plot (self->viewport, &plot);
  if (self->has_pointer &&
      (!in_plot || (self->pointer_x >= plot.x && self->pointer_x <= plot.x + plot.width)))
    return self->pointer_x;

  return plot.x + plot.width;
}

/* Called by motion () while the button is held, with how far the pointer moved. */
void
_wick_interaction_drag_view (WickInteraction *self,
                             double           dx,
                             double           dy)
{
  WickRect plot;

  g_assert (WICK_IS_INTERACTION (self));

  wick_viewport_get_plot (self->viewport, &plot);

  switch (self->state)
    {
    case STATE_PAN:
      wick_viewport_pan (self->viewport, dx, dy);
      wick_interaction_keep_in_view (self);
      break;

    case STATE_PRICE_AXIS:
      /* Dragging down squeezes the prices together, as on every trading chart. */
      if (!self->press_spent)
        wick_viewport_zoom_price_at (self->viewport, plot.y + plot.height / 2,
                                     exp2 (-dy / WICK_INTERACTION_AXIS_DRAG_PIXELS));
      break;

    case STATE_TIME_AXIS:
      if (!self->press_spent)
        {
          wick_viewport_zoom_time_at (self->viewport, plot.x + plot.width,
                                      exp2 (dx / WICK_INTERACTION_AXIS_DRAG_PIXELS));
          wick_interaction_keep_in_view (self);
        }
      break;

    case STATE_IDLE:
    case STATE_LINE_PRESSED:
    case STATE_LINE_DRAGGING:
    case STATE_PIN_PRESSED:
    case STATE_LINE_NUDGING:
    default:
      break;
    }
}

/**
 * wick_interaction_scroll:
 * @self: a #WickInteraction
 * @dx: the horizontal delta, in @unit
 * @dy: the vertical delta, in @unit; positive is down (towards the user)
 * @unit: what the deltas count
 * @modifiers: the keys held
 *
 * A touchpad (without Ctrl) pans sideways and zooms the time axis up and down, doubling it
 * every %WICK_INTERACTION_TOUCHPAD_ZOOM_PIXELS pixels. A wheel with Shift pans
 * %WICK_INTERACTION_PAN_STEP pixels a notch, either way of scrolling; a wheel otherwise
 * (and a touchpad with Ctrl) zooms the time axis by %WICK_INTERACTION_ZOOM_STEP a notch,
 * in when scrolling up. Zooms keep the time under the pointer where it is (the time at
 * the plot's right edge without a pointer).
 *
 * Returns: whether the scroll was used: FALSE without a series
 */
gboolean
wick_interaction_scroll (WickInteraction           *self,
                         double                     dx,
                         double                     dy,
                         WickInteractionScrollUnit  unit,
                         WickInteractionModifiers   modifiers)
{
  double x;

  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  if (self->series == NULL)
    return FALSE;

  x = zoom_x (self, FALSE);

  if (unit == WICK_INTERACTION_SCROLL_SURFACE &&
      !(modifiers & WICK_INTERACTION_MODIFIER_CONTROL))
    {
      if (dx != 0)
        wick_viewport_pan (self->viewport, -dx, 0);
      if (dy != 0)
        wick_viewport_zoom_time_at (self->viewport, x,
                                    exp2 (-dy / WICK_INTERACTION_TOUCHPAD_ZOOM_PIXELS));
    }
  else if (modifiers & WICK_INTERACTION_MODIFIER_SHIFT)
    {
      wick_viewport_pan (self->viewport, -(dx + dy) * WICK_INTERACTION_PAN_STEP, 0);
    }
  else
    {
      wick_viewport_zoom_time_at (self->viewport, x, pow (WICK_INTERACTION_ZOOM_STEP, -dy));
    }

  wick_interaction_keep_in_view (self);

  return TRUE;
}

/**
 * wick_interaction_zoom:
 * @self: a #WickInteraction
 * @x: where, in logical pixels: the time there stays there
 * @factor: above 1 zooms in (a shorter time span), below 1 out
 *
 * Zooms the time axis, as a pinch does.
 */
void
wick_interaction_zoom (WickInteraction *self,
                       double           x,
                       double           factor)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));
  g_return_if_fail (isfinite (x) && isfinite (factor) && factor > 0);

  wick_viewport_zoom_time_at (self->viewport, x, factor);
  wick_interaction_keep_in_view (self);
}

/**
 * wick_interaction_zoom_step:
 * @self: a #WickInteraction
 * @steps: how many steps of %WICK_INTERACTION_ZOOM_STEP to zoom in; negative zooms out
 *
 * Zooms the time axis as the zoom actions do: around the pointer when it is over the plot,
 * else around the plot's right edge.
 */
void
wick_interaction_zoom_step (WickInteraction *self,
                            int              steps)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  wick_interaction_zoom (self, zoom_x (self, TRUE), pow (WICK_INTERACTION_ZOOM_STEP, steps));
}

/**
 * wick_interaction_pan_step:
 * @self: a #WickInteraction
 * @steps: how many steps of %WICK_INTERACTION_PAN_STEP pixels to pan towards later
 *   candles (the right arrow); negative pans towards earlier ones
 */
void
wick_interaction_pan_step (WickInteraction *self,
                           int              steps)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  wick_viewport_pan (self->viewport, -steps * WICK_INTERACTION_PAN_STEP, 0);
  wick_interaction_keep_in_view (self);
}

/**
 * wick_interaction_fit:
 * @self: a #WickInteraction
 *
 * Shows all the candles and turns automatic price scaling on. Does nothing without a
 * series.
 */
void
wick_interaction_fit (WickInteraction *self)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  if (self->series == NULL)
    return;

  wick_viewport_set_auto_price (self->viewport, TRUE);
  wick_viewport_fit_all (self->viewport, self->series);
}

/**
 * wick_interaction_keep_in_view:
 * @self: a #WickInteraction
 *
 * Moves the time range back so candles stay in view (wick_viewport_clamp_to_series ()) and,
 * with automatic price scaling, fits the price range to the candles in view. Every pan and
 * zoom here does it by itself; call it when the series changed. Does nothing without a
 * series.
 */
void
wick_interaction_keep_in_view (WickInteraction *self)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  if (self->series == NULL)
    return;

  wick_viewport_clamp_to_series (self->viewport, self->series);
  if (wick_viewport_get_auto_price (self->viewport))
    wick_viewport_fit_prices (self->viewport, self->series);
}
