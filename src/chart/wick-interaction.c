/* wick-interaction.c: the state machine's object, its bookkeeping and what it shows
 *
 * States: idle (hovering), panning, the axis drags, a line pressed but not yet moved, a
 * line being dragged, a zone's pin pressed, and a line moved with the arrow keys. Every
 * entry point runs between begin () and end (): changes only mark what is dirty, and end ()
 * emits `changed` once, then any refusal of the store, so handlers see a consistent state
 * and a test can count emissions per call. The store's own `changed` (an edit from
 * anywhere, this object's included) goes through the same pair.
 *
 * The pointer and key events are in wick-interaction-input.c, the lines from the keyboard
 * in wick-interaction-keyboard.c, the pans and zooms in wick-interaction-navigation.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-interaction"

#include "config.h"

#include "wick-interaction.h"
#include "wick-interaction-private.h"

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
  LINE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- state ---- */

WickInteractionRegion
_wick_interaction_region_at (WickInteraction *self,
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

const WickLevel *
_wick_interaction_lookup (WickInteraction *self,
                          guint32          id)
{
  return self->store != NULL && id != 0 ? wick_level_store_lookup (self->store, id) : NULL;
}

gboolean
_wick_interaction_in_line_gesture (WickInteraction *self)
{
  return self->state == STATE_LINE_PRESSED || self->state == STATE_LINE_DRAGGING ||
         self->state == STATE_LINE_NUDGING;
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
    [STATE_PIN_PRESSED] = "pointer",
    [STATE_LINE_NUDGING] = NULL,
  };
  static const char * const by_region[] = {
    [REGION_OUTSIDE] = NULL,
    [REGION_PLOT] = "crosshair",
    [REGION_PRICE_AXIS] = "ns-resize",
    [REGION_TIME_AXIS] = "ew-resize",
  };
  const WickLevel *hovered;
  WickInteractionRegion region;

  /* The arrow keys move a line wherever the pointer is: it keeps its cursor. */
  if (self->state != STATE_IDLE && self->state != STATE_LINE_NUDGING)
    return by_state[self->state];
  if (!self->has_pointer)
    return NULL;

  region = _wick_interaction_region_at (self, self->pointer_x, self->pointer_y);
  hovered = _wick_interaction_lookup (self, self->hovered_id);
  if (region == REGION_PLOT && hovered != NULL)
    return hovered->locked ? "pointer" : "row-resize";
  if (region == REGION_PLOT && self->hovered_pin >= 0)
    return "pointer";

  return by_region[region];
}

void
_wick_interaction_begin (WickInteraction *self)
{
  self->depth++;
}

/* Ends the outermost call: `changed` once for everything it changed, then the store's
 * refusal, if any. */
void
_wick_interaction_end (WickInteraction *self)
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

/* Keeps the store's refusal (taking @error) for the end of the call. */
void
_wick_interaction_refused (WickInteraction *self,
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

void
_wick_interaction_set_selected (WickInteraction *self,
                                guint32          id)
{
  if (self->selected_id == id)
    return;

  self->selected_id = id;
  self->static_dirty = TRUE;
}

void
_wick_interaction_set_pointer (WickInteraction *self,
                               double           x,
                               double           y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
}

/* Idle or moving a line with the keys, the hovered line is the one under the pointer;
 * holding a line, that one; panning from a locked line, that one; else none. Lines gone from
 * the store stop being selected.
 * Idle with no line under the pointer, the hovered pin is the one under it; with a pin
 * pressed, that one while the pointer is on it; else none. */
void
_wick_interaction_update_hover (WickInteraction *self)
{
  int pin = -1;

  if (self->selected_id != 0 && _wick_interaction_lookup (self, self->selected_id) == NULL)
    _wick_interaction_set_selected (self, 0);

  if (self->state == STATE_IDLE || self->state == STATE_LINE_NUDGING)
    set_hovered (self, self->has_pointer
                         ? wick_interaction_hit_test (self, self->pointer_x, self->pointer_y)
                         : 0);
  else if (_wick_interaction_in_line_gesture (self))
    set_hovered (self, self->drag_id);
  else
    set_hovered (self, self->press_on_line ? self->selected_id : 0);

  if (self->has_pointer && (self->state == STATE_IDLE || self->state == STATE_PIN_PRESSED) &&
      self->hovered_id == 0)
    pin = wick_interaction_hit_test_pin (self, self->pointer_x, self->pointer_y);
  if (self->state == STATE_PIN_PRESSED && pin != self->pressed_pin)
    pin = -1;
  _wick_interaction_set_hovered_pin (self, pin);
}

/* Back to idle without committing anything; a dragged line returns to the static part. */
void
_wick_interaction_end_gesture (WickInteraction *self)
{
  if (self->state == STATE_LINE_DRAGGING || self->state == STATE_LINE_NUDGING)
    self->static_dirty = TRUE;

  self->state = STATE_IDLE;
  self->drag_id = 0;
  self->pressed_pin = -1;
  self->press_on_line = FALSE;
  self->press_moved = FALSE;
  self->press_spent = FALSE;
  _wick_interaction_update_hover (self);
}

/* The menu is asked for after the call that selected the line has ended. */
void
_wick_interaction_emit_context_menu (WickInteraction *self,
                                     guint32          id,
                                     double           x,
                                     double           y)
{
  g_signal_emit (self, signals[CONTEXT_MENU], 0, id, x, y);
}

/* Likewise, the label is asked for after the call has ended. */
void
_wick_interaction_emit_activated (WickInteraction *self,
                                  guint32          id)
{
  g_signal_emit (self, signals[LINE_ACTIVATED], 0, id);
}

/* Any edit of the store, ours or not: the lines are redrawn, a grabbed line that was
 * removed or locked meanwhile is let go, and hover and selection follow. */
static void
on_store_changed_cb (WickInteraction *self,
                     WickLevelStore  *store)
{
  const WickLevel *grabbed;

  _wick_interaction_begin (self);

  grabbed = _wick_interaction_lookup (self, self->drag_id);
  if (_wick_interaction_in_line_gesture (self) && (grabbed == NULL || grabbed->locked))
    _wick_interaction_end_gesture (self);
  _wick_interaction_update_hover (self);
  self->static_dirty = TRUE;

  _wick_interaction_end (self);
}

/* ---- output ---- */

/**
 * wick_interaction_get_cursor_name:
 * @self: a #WickInteraction
 *
 * The cursor to show: %NULL (the default) outside the chart; "crosshair" over empty plot;
 * "row-resize" over an unlocked line and while a line is held; "pointer" over a locked
 * line, over a zone's pin and while one is pressed; "grabbing" while panning; "ns-resize"
 * over the price axis and while dragging it; "ew-resize" likewise for the time axis.
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

  return _wick_interaction_lookup (self, self->hovered_id) != NULL ? self->hovered_id : 0;
}

guint32
wick_interaction_get_selected_id (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), 0);

  return _wick_interaction_lookup (self, self->selected_id) != NULL ? self->selected_id : 0;
}

/**
 * wick_interaction_is_dragging:
 * @self: a #WickInteraction
 *
 * Returns: whether a line is being moved: dragged past the threshold, or with Up or Down
 *   held; the store has it where it was until the release
 */
gboolean
wick_interaction_is_dragging (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  return self->state == STATE_LINE_DRAGGING || self->state == STATE_LINE_NUDGING;
}

/**
 * wick_interaction_get_drag:
 * @self: a #WickInteraction
 * @id: (out) (optional): the line being moved
 * @price: (out) (optional): its preview price
 *
 * Returns: whether a line is being moved (wick_interaction_is_dragging ()); @id and @price
 *   are left alone otherwise
 */
gboolean
wick_interaction_get_drag (WickInteraction *self,
                           guint32         *id,
                           double          *price)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), FALSE);

  if (!wick_interaction_is_dragging (self))
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
 * Sets the scene's lines (the store, borrowed), hovered and selected line and drag preview,
 * and its zones (borrowed) with their pins and the hovered one.
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
  scene->zones = self->zones;
  scene->hovered_zone = wick_interaction_get_hovered_pin (self);
  scene->show_zone_pins = TRUE;
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

  _wick_interaction_begin (self);
  _wick_interaction_end_gesture (self);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  _wick_interaction_set_selected (self, 0);
  _wick_interaction_update_hover (self);
  self->static_dirty = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_STORE]);
  _wick_interaction_end (self);
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
  g_clear_pointer (&self->zones, wick_zones_unref);
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
   * A secondary press (or a long-press) in the plot, or the menu key with a line selected
   * (then at that line).
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

  /**
   * WickInteraction::line-activated:
   * @self: a #WickInteraction
   * @id: the selected line
   *
   * Enter with a line selected: the widget edits its label.
   */
  signals[LINE_ACTIVATED] =
    g_signal_new ("line-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
wick_interaction_init (WickInteraction *self)
{
  self->snapping = TRUE;
  self->hovered_pin = -1;
  self->pressed_pin = -1;
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
