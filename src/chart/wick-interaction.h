/* wick-interaction.h: what the pointer and the keyboard do to the chart's price lines
 *
 * A pure state machine: no GTK, no drawing. The widget forwards pointer and key events with
 * positions in logical pixels and a modifier mask; the state machine hit-tests the lines of
 * a WickLevelStore through a WickViewport, edits the store (add, one move per drag, remove,
 * undo, redo) and exposes what to show: the cursor, the hovered and selected line, the
 * dragged line's preview price. Pans and zooms stay with the widget: a press tells it which
 * gesture to run.
 *
 * What the widget calls, and when:
 * - press () on every button press, with GtkGestureClick's n_press; a long-press as button 3.
 *   On %WICK_INTERACTION_PRESS_PAN (or an axis) it runs its own drag as before; on
 *   %WICK_INTERACTION_PRESS_LINE or %WICK_INTERACTION_PRESS_NONE it denies its pan.
 * - motion () on every pointer motion, hovering or dragging; release () when the button
 *   goes up; leave () when the pointer leaves; cancel () when GTK takes the gesture away.
 * - key () for Escape, Delete, BackSpace, H (ADD_LINE), Ctrl+Z (UNDO), Ctrl+Shift+Z (REDO);
 *   the add-line action calls key (ADD_LINE) too. A FALSE return lets the key propagate.
 * - On `changed (static_changed)`: apply get_cursor_name (), fill the scene with
 *   fill_scene (), redraw the cached static part when static_changed, and queue a draw.
 *   The overlay (wick_render_overlay) draws the dragged line.
 * - On `context-menu (id, x, y)`: pop the menu up for line @id (0: none) at (x, y).
 * - On `edit-failed (error)`: say so in a toast, if at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-level-store.h"
#include "wick-scene.h"
#include "wick-series.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

/* A press this many pixels or nearer (vertically) to a line grabs it. */
#define WICK_INTERACTION_HIT_DISTANCE   6.0
/* New and dragged lines snap to an open, high, low or close this many pixels or nearer. */
#define WICK_INTERACTION_SNAP_DISTANCE  8.0
/* A grabbed line starts moving once the pointer has moved this far from the press; a press
 * and release nearer than this is a click. */
#define WICK_INTERACTION_DRAG_THRESHOLD 3.0

typedef enum
{
  WICK_INTERACTION_MODIFIER_NONE    = 0,
  WICK_INTERACTION_MODIFIER_SHIFT   = 1 << 0,  /* disables snapping */
  WICK_INTERACTION_MODIFIER_CONTROL = 1 << 1,
  WICK_INTERACTION_MODIFIER_ALT     = 1 << 2,
} WickInteractionModifiers;

typedef enum
{
  WICK_INTERACTION_KEY_ESCAPE,
  WICK_INTERACTION_KEY_DELETE,
  WICK_INTERACTION_KEY_BACKSPACE,
  WICK_INTERACTION_KEY_ADD_LINE,   /* H, and the add-line action */
  WICK_INTERACTION_KEY_UNDO,       /* Ctrl+Z */
  WICK_INTERACTION_KEY_REDO,       /* Ctrl+Shift+Z */
} WickInteractionKey;

/* What the widget does with the rest of a press. */
typedef enum
{
  WICK_INTERACTION_PRESS_NONE,        /* nothing: the state machine used it, or ignored it */
  WICK_INTERACTION_PRESS_PAN,         /* pan the plot, as before */
  WICK_INTERACTION_PRESS_LINE,        /* a line is grabbed: forward motion and release, no pan */
  WICK_INTERACTION_PRESS_PRICE_AXIS,  /* the widget's own price-axis gesture */
  WICK_INTERACTION_PRESS_TIME_AXIS,   /* the widget's own time-axis gesture */
} WickInteractionPress;

#define WICK_TYPE_INTERACTION (wick_interaction_get_type ())

G_DECLARE_FINAL_TYPE (WickInteraction, wick_interaction, WICK, INTERACTION, GObject)

WickInteraction      *wick_interaction_new             (WickViewport             *viewport);
WickViewport         *wick_interaction_get_viewport    (WickInteraction          *self);
WickSeries           *wick_interaction_get_series      (WickInteraction          *self);
void                  wick_interaction_set_series      (WickInteraction          *self,
                                                        WickSeries               *series);
WickLevelStore       *wick_interaction_get_level_store (WickInteraction          *self);
void                  wick_interaction_set_level_store (WickInteraction          *self,
                                                        WickLevelStore           *store);
gboolean              wick_interaction_get_snapping    (WickInteraction          *self);
void                  wick_interaction_set_snapping    (WickInteraction          *self,
                                                        gboolean                  snapping);

/* Input. */
WickInteractionPress  wick_interaction_press           (WickInteraction          *self,
                                                        double                    x,
                                                        double                    y,
                                                        guint                     button,
                                                        int                       n_press,
                                                        WickInteractionModifiers  modifiers);
void                  wick_interaction_motion          (WickInteraction          *self,
                                                        double                    x,
                                                        double                    y,
                                                        WickInteractionModifiers  modifiers);
void                  wick_interaction_release         (WickInteraction          *self,
                                                        double                    x,
                                                        double                    y,
                                                        WickInteractionModifiers  modifiers);
void                  wick_interaction_leave           (WickInteraction          *self);
gboolean              wick_interaction_key             (WickInteraction          *self,
                                                        WickInteractionKey        key,
                                                        WickInteractionModifiers  modifiers);
void                  wick_interaction_cancel          (WickInteraction          *self);
void                  wick_interaction_select          (WickInteraction          *self,
                                                        guint32                   id);

/* Output. The hovered line is the one under the pointer (the held one during a drag); ids
 * are 0 for none. Dragging starts once a held line has moved past the threshold. */
const char           *wick_interaction_get_cursor_name (WickInteraction          *self);
guint32               wick_interaction_get_hovered_id  (WickInteraction          *self);
guint32               wick_interaction_get_selected_id (WickInteraction          *self);
gboolean              wick_interaction_is_dragging     (WickInteraction          *self);
gboolean              wick_interaction_get_drag        (WickInteraction          *self,
                                                        guint32                  *id,
                                                        double                   *price);
gboolean              wick_interaction_is_panning      (WickInteraction          *self);
void                  wick_interaction_fill_scene      (WickInteraction          *self,
                                                        WickScene                *scene);

/* Pure helpers. */
guint32               wick_interaction_hit_test        (WickInteraction          *self,
                                                        double                    x,
                                                        double                    y);
gboolean              wick_interaction_snap_price      (WickViewport             *viewport,
                                                        WickSeries               *series,
                                                        double                    x,
                                                        double                    y,
                                                        double                   *price);

G_END_DECLS
