/* wick-interaction.c: what the pointer and the keyboard do to the chart's price lines
 *
 * States: idle (hovering), panning and axis gestures (run by the widget; tracked here only
 * for the cursor and for telling a click from a drag), a line pressed but not yet moved, and
 * a line being dragged. Every entry point runs between begin () and end (): changes only
 * mark what is dirty, and end () emits `changed` once, then any refusal of the store, so
 * handlers see a consistent state and a test can count emissions per call. The store's own
 * `changed` (an edit from anywhere, this object's included) goes through the same pair.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-interaction"

#include "config.h"

#include "wick-interaction.h"

#include <math.h>

#define PRIMARY_BUTTON   1
#define SECONDARY_BUTTON 3

typedef enum
{
  STATE_IDLE,
  STATE_PAN,
  STATE_PRICE_AXIS,
  STATE_TIME_AXIS,
  STATE_LINE_PRESSED,   /* a line is grabbed; it has not moved past the threshold yet */
  STATE_LINE_DRAGGING,
} State;

typedef enum
{
  REGION_OUTSIDE,
  REGION_PLOT,
  REGION_PRICE_AXIS,
  REGION_TIME_AXIS,
} Region;

struct _WickInteraction
{
  GObject          parent_instance;

  WickViewport    *viewport;           /* Owned */
  WickSeries      *series;             /* Owned, nullable */
  WickLevelStore  *store;              /* Owned, nullable */
  GSignalGroup    *store_signals;      /* Owned: follows the store's `changed` */
  GError          *pending_error;      /* Owned, nullable: reported when the call ends */
  const char      *cursor_name;        /* Borrowed: a static string, nullable */
  guint            depth;              /* calls in progress: begin () … end () */

  State            state;
  double           pointer_x;
  double           pointer_y;
  double           press_x;
  double           press_y;
  double           grab_offset_y;      /* the line's y minus the pointer's, at the press */
  double           drag_origin_price;  /* where the grabbed line was at the press */
  double           drag_price;         /* the preview while dragging */
  guint32          drag_id;            /* the grabbed line, in the line states */
  guint32          hovered_id;
  guint32          selected_id;

  guint            snapping : 1;
  guint            has_pointer : 1;
  guint            press_moved : 1;    /* moved past the threshold since the press */
  guint            press_on_line : 1;  /* a pan that started on a (locked) line */
  guint            overlay_dirty : 1;  /* pending `changed` */
  guint            static_dirty : 1;   /* pending `changed` with static-changed TRUE */
};

G_DEFINE_FINAL_TYPE (WickInteraction, wick_interaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERIES,
  PROP_LEVEL_STORE,
  PROP_SNAPPING,
  N_PROPS
};

enum {
  CHANGED,
  CONTEXT_MENU,
  EDIT_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- geometry ---- */

static Region
region_at (WickInteraction *self,
           double           x,
           double           y)
{
  WickRect plot;

  wick_viewport_get_plot (self->viewport, &plot);
  if (x < plot.x || y < plot.y ||
      x >= wick_viewport_get_width (self->viewport) ||
      y >= wick_viewport_get_height (self->viewport))
    return REGION_OUTSIDE;
  if (x >= plot.x + plot.width)
    return REGION_PRICE_AXIS;
  if (y >= plot.y + plot.height)
    return REGION_TIME_AXIS;
  return REGION_PLOT;
}

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

  if (self->store == NULL || region_at (self, x, y) != REGION_PLOT)
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

/* ---- state ---- */

static const WickLevel *
lookup (WickInteraction *self,
        guint32          id)
{
  return self->store != NULL && id != 0 ? wick_level_store_lookup (self->store, id) : NULL;
}

static gboolean
in_line_gesture (WickInteraction *self)
{
  return self->state == STATE_LINE_PRESSED || self->state == STATE_LINE_DRAGGING;
}

static const char *
compute_cursor_name (WickInteraction *self)
{
  static const char * const by_state[] = {
    [STATE_IDLE] = NULL,
    [STATE_PAN] = "grabbing",
    [STATE_PRICE_AXIS] = "ns-resize",
    [STATE_TIME_AXIS] = "ew-resize",
    [STATE_LINE_PRESSED] = "row-resize",
    [STATE_LINE_DRAGGING] = "row-resize",
  };
  static const char * const by_region[] = {
    [REGION_OUTSIDE] = NULL,
    [REGION_PLOT] = "crosshair",
    [REGION_PRICE_AXIS] = "ns-resize",
    [REGION_TIME_AXIS] = "ew-resize",
  };
  const WickLevel *hovered;
  Region region;

  if (self->state != STATE_IDLE)
    return by_state[self->state];
  if (!self->has_pointer)
    return NULL;

  region = region_at (self, self->pointer_x, self->pointer_y);
  hovered = lookup (self, self->hovered_id);
  if (region == REGION_PLOT && hovered != NULL)
    return hovered->locked ? "pointer" : "row-resize";

  return by_region[region];
}

static void
begin (WickInteraction *self)
{
  self->depth++;
}

/* Ends the outermost call: `changed` once for everything it changed, then the store's
 * refusal, if any. */
static void
end (WickInteraction *self)
{
  g_autoptr(GError) error = NULL;
  const char *cursor_name;
  gboolean static_changed;

  g_assert (self->depth > 0);

  if (--self->depth > 0)
    return;

  cursor_name = compute_cursor_name (self);
  if (g_strcmp0 (cursor_name, self->cursor_name) != 0)
    {
      self->cursor_name = cursor_name;
      self->overlay_dirty = TRUE;
    }

  static_changed = self->static_dirty;
  error = g_steal_pointer (&self->pending_error);
  if (self->overlay_dirty || self->static_dirty)
    {
      self->overlay_dirty = FALSE;
      self->static_dirty = FALSE;
      g_signal_emit (self, signals[CHANGED], 0, static_changed);
    }

  if (error != NULL)
    g_signal_emit (self, signals[EDIT_FAILED], 0, error);
}

/* Keeps the store's refusal (taking @error) for end (). */
static void
refused (WickInteraction *self,
         GError          *error)
{
  g_assert (error != NULL);

  if (self->pending_error == NULL)
    self->pending_error = error;
  else
    g_error_free (error);
}

static void
set_hovered (WickInteraction *self,
             guint32          id)
{
  if (self->hovered_id == id)
    return;

  self->hovered_id = id;
  self->static_dirty = TRUE;
}

static void
set_selected (WickInteraction *self,
              guint32          id)
{
  if (self->selected_id == id)
    return;

  self->selected_id = id;
  self->static_dirty = TRUE;
}

static void
set_pointer (WickInteraction *self,
             double           x,
             double           y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
}

/* Idle, the hovered line is the one under the pointer; holding a line, that one; panning
 * from a locked line, that one; else none. Lines gone from the store stop being selected. */
static void
update_hover (WickInteraction *self)
{
  if (self->selected_id != 0 && lookup (self, self->selected_id) == NULL)
    set_selected (self, 0);

  if (self->state == STATE_IDLE)
    set_hovered (self, self->has_pointer
                         ? wick_interaction_hit_test (self, self->pointer_x, self->pointer_y)
                         : 0);
  else if (in_line_gesture (self))
    set_hovered (self, self->drag_id);
  else
    set_hovered (self, self->press_on_line ? self->selected_id : 0);
}

/* Back to idle without committing anything; a dragged line returns to the static part. */
static void
end_gesture (WickInteraction *self)
{
  if (self->state == STATE_LINE_DRAGGING)
    self->static_dirty = TRUE;

  self->state = STATE_IDLE;
  self->drag_id = 0;
  self->press_on_line = FALSE;
  self->press_moved = FALSE;
  update_hover (self);
}

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

/* Adds a line at @price and selects it. */
static void
add_line (WickInteraction *self,
          double           price)
{
  GError *error = NULL;
  guint32 id;

  id = wick_level_store_add (self->store, price, NULL, WICK_LEVEL_ORIGIN_USER, &error);
  if (id == 0)
    {
      refused (self, error);
      return;
    }

  set_selected (self, id);
  update_hover (self);
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

  if (self->has_pointer && region_at (self, self->pointer_x, self->pointer_y) == REGION_PLOT)
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

/* Any edit of the store, ours or not: the lines are redrawn, a grabbed line that was
 * removed or locked meanwhile is let go, and hover and selection follow. */
static void
on_store_changed_cb (WickInteraction *self,
                     WickLevelStore  *store)
{
  const WickLevel *grabbed;

  begin (self);

  grabbed = lookup (self, self->drag_id);
  if (in_line_gesture (self) && (grabbed == NULL || grabbed->locked))
    end_gesture (self);
  update_hover (self);
  self->static_dirty = TRUE;

  end (self);
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

  self->press_x = x;
  self->press_y = y;

  switch (region_at (self, x, y))
    {
    case REGION_PRICE_AXIS:
      self->state = STATE_PRICE_AXIS;
      return WICK_INTERACTION_PRESS_PRICE_AXIS;

    case REGION_TIME_AXIS:
      self->state = STATE_TIME_AXIS;
      return WICK_INTERACTION_PRESS_TIME_AXIS;

    case REGION_OUTSIDE:
      return WICK_INTERACTION_PRESS_NONE;

    case REGION_PLOT:
    default:
      break;
    }

  level = lookup (self, wick_interaction_hit_test (self, x, y));
  if (level != NULL)
    set_selected (self, level->id);

  if (level != NULL && !level->locked)
    {
      self->state = STATE_LINE_PRESSED;
      self->drag_id = level->id;
      self->drag_origin_price = level->price;
      self->drag_price = level->price;
      self->grab_offset_y = wick_viewport_price_to_y (self->viewport, level->price) - y;
      return WICK_INTERACTION_PRESS_LINE;
    }

  if (level == NULL && n_press >= 2 && self->store != NULL)
    {
      add_line (self, line_price_at (self, x, y, modifiers));
      return WICK_INTERACTION_PRESS_NONE;
    }

  /* Empty plot, or a locked line (selected above): the widget pans. */
  self->state = STATE_PAN;
  self->press_on_line = level != NULL;

  return WICK_INTERACTION_PRESS_PAN;
}

/**
 * wick_interaction_press:
 * @self: a #WickInteraction
 * @x: logical pixels in the widget
 * @y: logical pixels in the widget
 * @button: 1 for primary, 3 for secondary (a long-press is forwarded as 3)
 * @n_press: 1 for a single press, 2 for the second press of a double-click
 * @modifiers: the keys held
 *
 * Primary, in the plot: within %WICK_INTERACTION_HIT_DISTANCE of an unlocked line, selects
 * and grabs it (%WICK_INTERACTION_PRESS_LINE: forward motion and release, do not pan); on a
 * locked line, selects it and returns %WICK_INTERACTION_PRESS_PAN; elsewhere returns
 * %WICK_INTERACTION_PRESS_PAN, except that the second press of a double-click adds a line
 * there (snapped), selects it and returns %WICK_INTERACTION_PRESS_NONE. On the axes it
 * returns the axis, for the widget's own gestures.
 *
 * Secondary, in the plot: selects the line under the pointer if any, and emits
 * #WickInteraction::context-menu with its id (0 for none). Any press first ends a gesture
 * in progress; a drag is cancelled.
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

  begin (self);
  set_pointer (self, x, y);

  /* A long-press or a second button during a gesture ends that one first. */
  if (self->state != STATE_IDLE)
    end_gesture (self);

  if (button == PRIMARY_BUTTON)
    {
      result = press_primary (self, x, y, n_press, modifiers);
    }
  else if (button == SECONDARY_BUTTON && region_at (self, x, y) == REGION_PLOT)
    {
      menu_id = wick_interaction_hit_test (self, x, y);
      if (menu_id != 0)
        set_selected (self, menu_id);
      has_menu = TRUE;
    }

  update_hover (self);
  end (self);

  if (has_menu)
    g_signal_emit (self, signals[CONTEXT_MENU], 0, menu_id, x, y);

  return result;
}

/**
 * wick_interaction_motion:
 * @self: a #WickInteraction
 * @x: logical pixels in the widget
 * @y: logical pixels in the widget
 * @modifiers: the keys held; Shift turns snapping off for this position
 *
 * Every pointer motion, hovering or with a button held (pans and drags included). Hovering
 * updates the hovered line and the cursor; with a line grabbed, once the pointer has moved
 * %WICK_INTERACTION_DRAG_THRESHOLD pixels from the press, the line follows it (snapped) as
 * a preview; the store is not touched until the release.
 */
void
wick_interaction_motion (WickInteraction          *self,
                         double                    x,
                         double                    y,
                         WickInteractionModifiers  modifiers)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  begin (self);
  set_pointer (self, x, y);

  if (self->state != STATE_IDLE &&
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
  else if (self->state == STATE_IDLE)
    update_hover (self);

  end (self);
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
 * move) on empty plot clears the selection.
 */
void
wick_interaction_release (WickInteraction          *self,
                          double                    x,
                          double                    y,
                          WickInteractionModifiers  modifiers)
{
  GError *error = NULL;

  g_return_if_fail (WICK_IS_INTERACTION (self));

  begin (self);
  set_pointer (self, x, y);

  if (self->state == STATE_LINE_DRAGGING)
    {
      update_preview (self, x, y, modifiers);
      if (self->drag_price != self->drag_origin_price &&
          !wick_level_store_move (self->store, self->drag_id, self->drag_price, &error))
        refused (self, error);
    }
  else if (self->state == STATE_PAN && !self->press_moved && !self->press_on_line)
    {
      set_selected (self, 0);
    }

  end_gesture (self);
  end (self);
}

/**
 * wick_interaction_leave:
 * @self: a #WickInteraction
 *
 * The pointer left the widget: nothing is hovered. A drag goes on (the widget keeps the
 * pointer until the release).
 */
void
wick_interaction_leave (WickInteraction *self)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  begin (self);
  self->has_pointer = FALSE;
  update_hover (self);
  end (self);
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

  begin (self);
  end_gesture (self);
  end (self);
}

static gboolean
handle_key (WickInteraction          *self,
            WickInteractionKey        key,
            WickInteractionModifiers  modifiers)
{
  GError *error = NULL;

  switch (key)
    {
    case WICK_INTERACTION_KEY_ESCAPE:
      if (in_line_gesture (self))
        {
          end_gesture (self);
          return TRUE;
        }
      if (self->state != STATE_IDLE || self->selected_id == 0)
        return FALSE;
      set_selected (self, 0);
      return TRUE;

    case WICK_INTERACTION_KEY_DELETE:
    case WICK_INTERACTION_KEY_BACKSPACE:
      if (in_line_gesture (self) || lookup (self, self->selected_id) == NULL)
        return FALSE;
      if (!wick_level_store_remove (self->store, self->selected_id, &error))
        refused (self, error);
      return TRUE;

    case WICK_INTERACTION_KEY_ADD_LINE:
      if (self->store == NULL || self->state != STATE_IDLE)
        return FALSE;
      add_line_at_crosshair (self, modifiers);
      return TRUE;

    case WICK_INTERACTION_KEY_UNDO:
      return self->store != NULL && !in_line_gesture (self) &&
             wick_level_store_undo (self->store);

    case WICK_INTERACTION_KEY_REDO:
      return self->store != NULL && !in_line_gesture (self) &&
             wick_level_store_redo (self->store);

    default:
      return FALSE;
    }
}

/**
 * wick_interaction_key:
 * @self: a #WickInteraction
 * @key: the key, mapped by the widget
 * @modifiers: the keys held; Shift turns snapping off for %WICK_INTERACTION_KEY_ADD_LINE
 *
 * Escape cancels a drag (the line goes back, nothing is committed), or else clears the
 * selection. Delete and BackSpace remove the selected line. ADD_LINE adds a line at the
 * crosshair (snapped), or with the pointer outside the plot at the last close when it is in
 * view, else in the middle of the plot, and selects it. UNDO and REDO call the store. Only
 * Escape works while a line is held.
 *
 * Returns: whether the key did something (otherwise let it propagate)
 */
gboolean
wick_interaction_key (WickInteraction          *self,
                      WickInteractionKey        key,
                      WickInteractionModifiers  modifiers)
{
  gboolean handled;

  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  begin (self);
  handled = handle_key (self, key, modifiers);
  end (self);

  return handled;
}

/**
 * wick_interaction_select:
 * @self: a #WickInteraction
 * @id: a line of the store, or 0 to clear the selection
 *
 * Selects a line from elsewhere (a list, a menu). Unknown ids clear the selection.
 */
void
wick_interaction_select (WickInteraction *self,
                         guint32          id)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  begin (self);
  set_selected (self, lookup (self, id) != NULL ? id : 0);
  end (self);
}

/* ---- output ---- */

/**
 * wick_interaction_get_cursor_name:
 * @self: a #WickInteraction
 *
 * The cursor to show: %NULL (the default) outside the chart; "crosshair" over empty plot;
 * "row-resize" over an unlocked line and while a line is held; "pointer" over a locked
 * line; "grabbing" while panning; "ns-resize" over the price axis and while dragging it;
 * "ew-resize" likewise for the time axis.
 *
 * Returns: (nullable) (transfer none): a name for gtk_widget_set_cursor_from_name ()
 */
const char *
wick_interaction_get_cursor_name (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), NULL);

  return self->cursor_name;
}

guint32
wick_interaction_get_hovered_id (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), 0);

  return lookup (self, self->hovered_id) != NULL ? self->hovered_id : 0;
}

guint32
wick_interaction_get_selected_id (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), 0);

  return lookup (self, self->selected_id) != NULL ? self->selected_id : 0;
}

gboolean
wick_interaction_is_dragging (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  return self->state == STATE_LINE_DRAGGING;
}

/**
 * wick_interaction_get_drag:
 * @self: a #WickInteraction
 * @id: (out) (optional): the dragged line
 * @price: (out) (optional): its preview price
 *
 * Returns: whether a line is being dragged (it moved past the threshold); @id and @price
 *   are left alone otherwise
 */
gboolean
wick_interaction_get_drag (WickInteraction *self,
                           guint32         *id,
                           double          *price)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  if (self->state != STATE_LINE_DRAGGING)
    return FALSE;

  if (id != NULL)
    *id = self->drag_id;
  if (price != NULL)
    *price = self->drag_price;

  return TRUE;
}

gboolean
wick_interaction_is_panning (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  return self->state == STATE_PAN;
}

/**
 * wick_interaction_fill_scene:
 * @self: a #WickInteraction
 * @scene: the scene the widget draws
 *
 * Sets the scene's lines (the store, borrowed), hovered and selected line and drag preview.
 */
void
wick_interaction_fill_scene (WickInteraction *self,
                             WickScene       *scene)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));
  g_return_if_fail (scene != NULL);

  scene->levels = self->store;
  scene->hovered_level_id = wick_interaction_get_hovered_id (self);
  scene->selected_level_id = wick_interaction_get_selected_id (self);
  scene->drag_level_id = 0;
  scene->drag_price = 0;
  wick_interaction_get_drag (self, &scene->drag_level_id, &scene->drag_price);
}

/* ---- object ---- */

WickViewport *
wick_interaction_get_viewport (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), NULL);

  return self->viewport;
}

WickSeries *
wick_interaction_get_series (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), NULL);

  return self->series;
}

/**
 * wick_interaction_set_series:
 * @self: a #WickInteraction
 * @series: (nullable): the candles lines snap to
 */
void
wick_interaction_set_series (WickInteraction *self,
                             WickSeries      *series)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));
  g_return_if_fail (series == NULL || WICK_IS_SERIES (series));

  if (g_set_object (&self->series, series))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES]);
}

WickLevelStore *
wick_interaction_get_level_store (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), NULL);

  return self->store;
}

/**
 * wick_interaction_set_level_store:
 * @self: a #WickInteraction
 * @store: (nullable): the lines to edit
 *
 * Another store (another market) ends any gesture and clears hover and selection.
 */
void
wick_interaction_set_level_store (WickInteraction *self,
                                  WickLevelStore  *store)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));
  g_return_if_fail (store == NULL || WICK_IS_LEVEL_STORE (store));

  if (self->store == store)
    return;

  begin (self);
  end_gesture (self);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  set_selected (self, 0);
  update_hover (self);
  self->static_dirty = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_STORE]);
  end (self);
}

gboolean
wick_interaction_get_snapping (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  return self->snapping;
}

/**
 * wick_interaction_set_snapping:
 * @self: a #WickInteraction
 * @snapping: whether new and dragged lines snap to the candle under the pointer
 */
void
wick_interaction_set_snapping (WickInteraction *self,
                               gboolean         snapping)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  snapping = !!snapping;
  if (self->snapping == snapping)
    return;

  self->snapping = snapping;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPPING]);
}

static void
wick_interaction_dispose (GObject *object)
{
  WickInteraction *self = WICK_INTERACTION (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->series);
  g_clear_object (&self->viewport);
  g_clear_error (&self->pending_error);

  G_OBJECT_CLASS (wick_interaction_parent_class)->dispose (object);
}

static void
wick_interaction_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WickInteraction *self = WICK_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      g_value_set_object (value, wick_interaction_get_series (self));
      break;

    case PROP_LEVEL_STORE:
      g_value_set_object (value, wick_interaction_get_level_store (self));
      break;

    case PROP_SNAPPING:
      g_value_set_boolean (value, wick_interaction_get_snapping (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_interaction_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WickInteraction *self = WICK_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      wick_interaction_set_series (self, g_value_get_object (value));
      break;

    case PROP_LEVEL_STORE:
      wick_interaction_set_level_store (self, g_value_get_object (value));
      break;

    case PROP_SNAPPING:
      wick_interaction_set_snapping (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_interaction_class_init (WickInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wick_interaction_dispose;
  object_class->get_property = wick_interaction_get_property;
  object_class->set_property = wick_interaction_set_property;

  properties[PROP_SERIES] =
    g_param_spec_object ("series", NULL, NULL,
                         WICK_TYPE_SERIES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LEVEL_STORE] =
    g_param_spec_object ("level-store", NULL, NULL,
                         WICK_TYPE_LEVEL_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SNAPPING] =
    g_param_spec_boolean ("snapping", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickInteraction::changed:
   * @self: a #WickInteraction
   * @static_changed: whether the static part changed too (hover, selection, a drag
   *   starting or ending, any edit of the store): redraw the cached part
   *
   * Something shown changed: the drag preview or the cursor, and with @static_changed the
   * lines themselves. Emitted at most once per call, and once per edit of the store.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * WickInteraction::context-menu:
   * @self: a #WickInteraction
   * @id: the line under the pointer (now selected), or 0
   * @x: where, in logical pixels
   * @y: where, in logical pixels
   *
   * A secondary press (or a long-press) in the plot.
   */
  signals[CONTEXT_MENU] =
    g_signal_new ("context-menu",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * WickInteraction::edit-failed:
   * @self: a #WickInteraction
   * @error: what the store said (#WICK_LEVEL_STORE_ERROR)
   *
   * The store refused an edit (e.g. a double-click below zero on a linear scale asked for
   * a line at a negative price). Nothing changed; the widget may say so in a toast. Nothing
   * is logged: a refusal is not a programming error.
   */
  signals[EDIT_FAILED] =
    g_signal_new ("edit-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
wick_interaction_init (WickInteraction *self)
{
  self->snapping = TRUE;
  self->store_signals = g_signal_group_new (WICK_TYPE_LEVEL_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * wick_interaction_new:
 * @viewport: the mapping between prices and pixels, shared with the widget
 *
 * Returns: (transfer full): a new #WickInteraction with no series and no store; snapping
 *   is on
 */
WickInteraction *
wick_interaction_new (WickViewport *viewport)
{
  WickInteraction *self;

  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), NULL);

  self = g_object_new (WICK_TYPE_INTERACTION, NULL);
  self->viewport = g_object_ref (viewport);

  return self;
}
