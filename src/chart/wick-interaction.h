/* wick-interaction.h: what the pointer and the keyboard do to the chart
 *
 * A pure state machine: no GTK, no drawing. The widget forwards pointer, scroll and key
 * events with positions in logical pixels and a modifier mask; the state machine hit-tests
 * the lines of a WickLevelStore through a WickViewport, edits the store (add, one move per
 * drag, remove, undo, redo), pans and zooms the viewport, and exposes what to show: the
 * cursor, the hovered and selected line, the dragged line's preview price. It also
 * hit-tests the pins of the detected zones (set_zones ()): a click on one adds a line at the
 * zone's centre.
 *
 * What the widget calls, and when:
 * - count_press () then press () on every primary button press, with the event's time and
 *   the desktop's double-click time and distance; press () with button 3 and n_press 1 for
 *   a secondary press or a long-press.
 * - motion () on every pointer motion, hovering or with the button held: the state machine
 *   pans the plot, drags a line or zooms an axis by itself. release () when the button goes
 *   up; leave () when the pointer leaves; cancel () when GTK takes the gesture away.
 * - scroll () on every scroll event, zoom () for each step of a pinch, zoom_step () and
 *   pan_step () for the zoom and pan actions, fit () for the fit action.
 * - keep_in_view () when the series changed (every pan and zoom here does it by itself).
 * - set_zones () with the zones of the series, whenever they are detected again.
 * - key () for Escape, Delete, BackSpace, H (ADD_LINE), Ctrl+Z (UNDO), Ctrl+Shift+Z (REDO);
 *   the add-line action calls key (ADD_LINE) too. A FALSE return lets the key propagate.
 * - key () for the keyboard's way with the lines: Alt+Up and Alt+Down (SELECT_ABOVE,
 *   SELECT_BELOW: FALSE at the last line, for an error bell), Up and Down (LINE_UP,
 *   LINE_DOWN, with Shift for one pixel), Menu and Shift+F10 (MENU), Enter (ACTIVATE);
 *   key_release () when Up or Down goes up, and focus_out () when the focus leaves, which
 *   end a move with the arrows (wick-interaction-keyboard.c).
 * - On `changed (static_changed)`: apply get_cursor_name (), fill the scene with
 *   fill_scene (), redraw the cached static part when static_changed, and queue a draw.
 *   The overlay (wick_render_overlay) draws the dragged line. Pans and zooms change the
 *   viewport, which says so itself.
 * - On `context-menu (id, x, y)`: pop the menu up for line @id (0: none) at (x, y).
 * - On `line-activated (id)`: edit the label of line @id.
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
#include "wick-zones.h"

G_BEGIN_DECLS

/* A press this many pixels or nearer (vertically) to a line grabs it. */
#define WICK_INTERACTION_HIT_DISTANCE         6.0
/* New and dragged lines snap to an open, high, low or close this many pixels or nearer. */
#define WICK_INTERACTION_SNAP_DISTANCE        8.0
/* A grabbed line starts moving once the pointer has moved this far from the press; a press
 * and release nearer than this is a click. */
#define WICK_INTERACTION_DRAG_THRESHOLD       3.0
/* One wheel notch or one zoom step scales the time span by this factor. */
#define WICK_INTERACTION_ZOOM_STEP            1.25
/* Pixels one pan step (an arrow key, a Shift+wheel notch) moves the plot. */
#define WICK_INTERACTION_PAN_STEP             60.0
/* Pixels of axis drag that double or halve the scale. */
#define WICK_INTERACTION_AXIS_DRAG_PIXELS     150.0
/* Pixels of vertical touchpad scroll that double or halve the time span. */
#define WICK_INTERACTION_TOUCHPAD_ZOOM_PIXELS 100.0
/* A line selected or moved from the keyboard beyond the plot is brought this far inside. */
#define WICK_INTERACTION_REVEAL_MARGIN        24.0

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
  WICK_INTERACTION_KEY_ADD_LINE,      /* H, and the add-line action */
  WICK_INTERACTION_KEY_UNDO,          /* Ctrl+Z */
  WICK_INTERACTION_KEY_REDO,          /* Ctrl+Shift+Z */
  WICK_INTERACTION_KEY_SELECT_ABOVE,  /* Alt+Up: the next line up the price axis */
  WICK_INTERACTION_KEY_SELECT_BELOW,  /* Alt+Down */
  WICK_INTERACTION_KEY_LINE_UP,       /* Up: moves the selected line (Shift: one pixel) */
  WICK_INTERACTION_KEY_LINE_DOWN,     /* Down */
  WICK_INTERACTION_KEY_MENU,          /* Menu, Shift+F10: the selected line's menu */
  WICK_INTERACTION_KEY_ACTIVATE,      /* Enter: edits the selected line's label */
} WickInteractionKey;

/* What the rest of a press does; motion () and release () carry it out. */
typedef enum
{
  WICK_INTERACTION_PRESS_NONE,        /* nothing more: the press was used, or ignored */
  WICK_INTERACTION_PRESS_PAN,         /* the plot follows the pointer */
  WICK_INTERACTION_PRESS_LINE,        /* a line is grabbed and follows the pointer */
  WICK_INTERACTION_PRESS_PRICE_AXIS,  /* dragging up or down zooms the prices */
  WICK_INTERACTION_PRESS_TIME_AXIS,   /* dragging sideways zooms the time axis */
  WICK_INTERACTION_PRESS_ZONE_PIN,    /* a zone's pin: releasing on it adds the zone's line */
} WickInteractionPress;

/* What the deltas of a scroll event count. */
typedef enum
{
  WICK_INTERACTION_SCROLL_WHEEL,      /* a mouse wheel: notches (smooth wheels give fractions) */
  WICK_INTERACTION_SCROLL_SURFACE,    /* a touchpad: logical pixels */
} WickInteractionScrollUnit;

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
WickZones            *wick_interaction_get_zones       (WickInteraction          *self);
void                  wick_interaction_set_zones       (WickInteraction          *self,
                                                        WickZones                *zones);

/* Input. */
int                   wick_interaction_count_press     (WickInteraction          *self,
                                                        gint64                    time_ms,
                                                        double                    x,
                                                        double                    y,
                                                        int                       double_click_ms,
                                                        double                    double_click_px);
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
void                  wick_interaction_key_release     (WickInteraction          *self,
                                                        WickInteractionKey        key);
void                  wick_interaction_focus_out       (WickInteraction          *self);
void                  wick_interaction_cancel          (WickInteraction          *self);
void                  wick_interaction_select          (WickInteraction          *self,
                                                        guint32                   id);

/* Pans and zooms of the viewport. */
gboolean              wick_interaction_scroll          (WickInteraction          *self,
                                                        double                    dx,
                                                        double                    dy,
                                                        WickInteractionScrollUnit unit,
                                                        WickInteractionModifiers  modifiers);
void                  wick_interaction_zoom            (WickInteraction          *self,
                                                        double                    x,
                                                        double                    factor);
void                  wick_interaction_zoom_step       (WickInteraction          *self,
                                                        int                       steps);
void                  wick_interaction_pan_step        (WickInteraction          *self,
                                                        int                       steps);
void                  wick_interaction_fit             (WickInteraction          *self);
void                  wick_interaction_keep_in_view    (WickInteraction          *self);

/* Output. The hovered line is the one under the pointer (the held one during a drag); ids
 * are 0 for none. Dragging starts once a held line has moved past the threshold, or with the
 * first Up or Down on the selected line, and ends at the release. The
 * hovered pin is the index of the zone whose pin is under the pointer, -1 for none. */
const char           *wick_interaction_get_cursor_name (WickInteraction          *self);
guint32               wick_interaction_get_hovered_id  (WickInteraction          *self);
guint32               wick_interaction_get_selected_id (WickInteraction          *self);
int                   wick_interaction_get_hovered_pin (WickInteraction          *self);
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
int                   wick_interaction_hit_test_pin    (WickInteraction          *self,
                                                        double                    x,
                                                        double                    y);
gboolean              wick_interaction_snap_price      (WickViewport             *viewport,
                                                        WickSeries               *series,
                                                        double                    x,
                                                        double                    y,
                                                        double                   *price);
guint32               wick_interaction_find_adjacent   (WickInteraction          *self,
                                                        guint32                   id,
                                                        int                       direction);
double                wick_interaction_step_price      (WickInteraction          *self,
                                                        double                    price,
                                                        int                       direction,
                                                        gboolean                  fine);

G_END_DECLS
