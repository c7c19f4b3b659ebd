/* wick-interaction-keyboard.c: the lines from the keyboard
 *
 * Alt+Up and Alt+Down walk the lines in price order, Up and Down move the selected one, and
 * the menu key and Enter ask for its menu and its label. A move with the arrows works like a
 * drag: while the key is held (repeating) the line is a preview, and it is committed as one
 * wick_level_store_move () (one undo step, one write of the lines file) when the key goes
 * up, the focus leaves, or anything else is pressed. A line chosen or moved beyond the plot
 * is brought into view, as a list scrolls to its focused row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-interaction"

#include "config.h"

#include "wick-interaction.h"
#include "wick-interaction-private.h"

#include "wick-axis.h"
#include "wick-render.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* As many ticks as the renderer draws at most. */
#define MAX_PRICE_TICKS 128

/* ---- geometry ---- */

/* Lines in price order; lines at one price in the order they were made. */
static int
compare_lines (double  price_a,
               guint32 id_a,
               double  price_b,
               guint32 id_b)
{
  if (price_a != price_b)
    return price_a < price_b ? -1 : 1;
  if (id_a != id_b)
    return id_a < id_b ? -1 : 1;
  return 0;
}

/* The distance between the price axis's ticks around @price, on the side @direction goes:
 * the same everywhere on a linear scale, growing up the axis on a log scale. */
static double
tick_step (WickInteraction *self,
           double           price,
           int              direction)
{
  double ticks[MAX_PRICE_TICKS];
  double low, high, min_step;
  WickRect plot;
  guint n, i;

  wick_viewport_get_plot (self->viewport, &plot);
  wick_viewport_get_price_range (self->viewport, &low, &high);
  n = wick_axis_price_ticks (low, high, wick_viewport_get_log_scale (self->viewport),
                             plot.height, WICK_RENDER_PRICE_TICK_SPACING,
                             ticks, G_N_ELEMENTS (ticks), &min_step);
  if (n < 2)
    return min_step;

  /* The gap holding @price (a price on a tick belongs to the gap it leaves by), or the
   * gap at the end of the axis nearest to it. */
  for (i = 0; i + 2 < n; i++)
    if (direction > 0 ? price < ticks[i + 1] : price <= ticks[i + 1])
      break;

  return ticks[i + 1] - ticks[i];
}

/**
 * wick_interaction_step_price:
 * @self: a #WickInteraction
 * @price: where a line is
 * @direction: 1 to move it up the price axis, -1 down
 * @fine: a pixel's worth rather than a tick step
 *
 * Where Up (@direction 1) or Down moves a line at @price: by the distance between two ticks
 * of the price axis as it is drawn now, or with @fine (Shift) by one logical pixel.
 *
 * Returns: the price; not necessarily above zero
 */
double
wick_interaction_step_price (WickInteraction *self,
                             double           price,
                             int              direction,
                             gboolean         fine)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), price);
  g_return_val_if_fail (direction == 1 || direction == -1, price);

  if (fine)
    return wick_viewport_y_to_price (self->viewport,
                                     wick_viewport_price_to_y (self->viewport, price) - direction);

  return price + direction * tick_step (self, price, direction);
}

/**
 * wick_interaction_find_adjacent:
 * @self: a #WickInteraction
 * @id: a line of the store, or 0 (or an unknown id) to start from the middle of the plot
 * @direction: 1 for the next line up the price axis, -1 for the next one down
 *
 * The lines in price order, lines at one price in the order of their ids; locked lines
 * count. From the middle of the plot, a line exactly there is next both ways.
 *
 * Returns: the next line's id, or 0 past the last one (no wrapping)
 */
guint32
wick_interaction_find_adjacent (WickInteraction *self,
                                guint32          id,
                                int              direction)
{
  const WickLevel *from;
  const WickLevel *best = NULL;
  double from_price;
  guint32 from_id;
  guint i, n;

  g_return_val_if_fail (WICK_IS_INTERACTION (self), 0);
  g_return_val_if_fail (direction == 1 || direction == -1, 0);

  if (self->store == NULL)
    return 0;

  from = _wick_interaction_lookup (self, id);
  if (from != NULL)
    {
      from_price = from->price;
      from_id = from->id;
    }
  else
    {
      WickRect plot;

      wick_viewport_get_plot (self->viewport, &plot);
      from_price = wick_viewport_y_to_price (self->viewport, plot.y + plot.height / 2);
      from_id = direction > 0 ? 0 : G_MAXUINT32;
    }

  n = wick_level_store_get_n_levels (self->store);
  for (i = 0; i < n; i++)
    {
      const WickLevel *level = wick_level_store_get_level (self->store, i);
      int order = compare_lines (level->price, level->id, from_price, from_id) * direction;

      if (order <= 0)
        continue;
      if (best == NULL ||
          compare_lines (level->price, level->id, best->price, best->id) * direction < 0)
        best = level;
    }

  return best != NULL ? best->id : 0;
}

/* Pans the prices so that a line at @price, beyond the plot, is just inside it. The price
 * range stops following the candles, as after a drag of the price axis. */
static void
reveal_price (WickInteraction *self,
              double           price)
{
  double y = wick_viewport_price_to_y (self->viewport, price);
  double target;
  WickRect plot;

  wick_viewport_get_plot (self->viewport, &plot);
  if (!isfinite (y) || (y >= plot.y && y <= plot.y + plot.height))
    return;

  target = y < plot.y ? plot.y + WICK_INTERACTION_REVEAL_MARGIN
                      : plot.y + plot.height - WICK_INTERACTION_REVEAL_MARGIN;
  wick_viewport_set_auto_price (self->viewport, FALSE);
  wick_viewport_pan (self->viewport, 0, target - y);
}

/* ---- keys ---- */

/* Commits a move with the arrows as one move of the store, if the line moved. Called
 * before anything else happens, so the move never stays a preview. */
void
_wick_interaction_commit_nudge (WickInteraction *self)
{
  GError *error = NULL;

  self->nudge_refused = FALSE;
  if (self->state != STATE_LINE_NUDGING)
    return;

  if (self->drag_price != self->drag_origin_price &&
      !wick_level_store_move (self->store, self->drag_id, self->drag_price, &error))
    _wick_interaction_refused (self, error);

  _wick_interaction_end_gesture (self);
}

/* LINE_UP and LINE_DOWN: the first press takes the selected line, every press (and every
 * repeat) moves its preview one step. A locked line stays, and says so once per hold. */
gboolean
_wick_interaction_nudge (WickInteraction *self,
                         int              direction,
                         gboolean         fine)
{
  const WickLevel *level;
  double price;

  if (self->state != STATE_IDLE && self->state != STATE_LINE_NUDGING)
    return FALSE;

  level = _wick_interaction_lookup (self, self->state == STATE_LINE_NUDGING ? self->drag_id
                                                                            : self->selected_id);
  if (level == NULL)
    return FALSE;

  if (level->locked)
    {
      if (!self->nudge_refused)
        _wick_interaction_refused (self,
                                   g_error_new_literal (WICK_LEVEL_STORE_ERROR,
                                                        WICK_LEVEL_STORE_ERROR_LOCKED,
                                                        _("The line is locked: unlock it in "
                                                          "its menu to move it")));
      self->nudge_refused = TRUE;
      return TRUE;
    }

  if (self->state == STATE_IDLE)
    {
      /* The line leaves the static part for the overlay, as in a drag. */
      self->state = STATE_LINE_NUDGING;
      self->drag_id = level->id;
      self->drag_origin_price = level->price;
      self->drag_price = level->price;
      self->static_dirty = TRUE;
      _wick_interaction_update_hover (self);
    }

  price = wick_interaction_step_price (self, self->drag_price, direction, fine);
  /* A linear scale reaches below zero; a line cannot. */
  if (isfinite (price) && price > 0 && price != self->drag_price)
    {
      self->drag_price = price;
      self->overlay_dirty = TRUE;
      reveal_price (self, price);
    }

  return TRUE;
}

/* SELECT_ABOVE and SELECT_BELOW, from the selected line or the middle of the plot. */
gboolean
_wick_interaction_select_adjacent (WickInteraction *self,
                                   int              direction)
{
  const WickLevel *level;

  if (self->state != STATE_IDLE)
    return FALSE;

  level = _wick_interaction_lookup (self,
                                    wick_interaction_find_adjacent (self, self->selected_id,
                                                                    direction));
  if (level == NULL)
    return FALSE;

  _wick_interaction_set_selected (self, level->id);
  reveal_price (self, level->price);

  return TRUE;
}

/* MENU and ACTIVATE: the selected line, brought into view; (@x, @y) is on it, under the
 * pointer when that is over the plot, else in the middle. */
gboolean
_wick_interaction_locate_selected (WickInteraction *self,
                                   double          *x,
                                   double          *y)
{
  const WickLevel *level = _wick_interaction_lookup (self, self->selected_id);
  WickRect plot;

  if (self->state != STATE_IDLE || level == NULL)
    return FALSE;

  reveal_price (self, level->price);

  wick_viewport_get_plot (self->viewport, &plot);
  if (self->has_pointer &&
      _wick_interaction_region_at (self, self->pointer_x, self->pointer_y) == REGION_PLOT)
    *x = self->pointer_x;
  else
    *x = plot.x + plot.width / 2;
  *y = wick_viewport_price_to_y (self->viewport, level->price);

  return TRUE;
}

/**
 * wick_interaction_key_release:
 * @self: a #WickInteraction
 * @key: the key that went up, mapped by the widget
 *
 * Up or Down going up ends the move they made: the line is committed where its preview is,
 * as one undo step. Other keys do nothing.
 */
void
wick_interaction_key_release (WickInteraction    *self,
                              WickInteractionKey  key)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  if (key != WICK_INTERACTION_KEY_LINE_UP && key != WICK_INTERACTION_KEY_LINE_DOWN)
    return;

  _wick_interaction_begin (self);
  _wick_interaction_commit_nudge (self);
  _wick_interaction_end (self);
}

/**
 * wick_interaction_focus_out:
 * @self: a #WickInteraction
 *
 * The widget lost the keyboard focus, so a held key will not be seen going up: a move with
 * Up or Down is committed as if it had.
 */
void
wick_interaction_focus_out (WickInteraction *self)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  _wick_interaction_begin (self);
  _wick_interaction_commit_nudge (self);
  _wick_interaction_end (self);
}
