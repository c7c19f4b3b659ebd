/* wick-interaction-private.h: the state machine's instance, shared by its five files
 *
 * wick-interaction.c holds the object, the bookkeeping of a call (begin () … end ()), hover,
 * selection and the output; wick-interaction-input.c the pointer and key events and the
 * line edits; wick-interaction-keyboard.c the lines from the keyboard (choosing one, moving
 * it with the arrows, its menu); wick-interaction-navigation.c the pans and zooms of the
 * viewport; wick-interaction-zones.c the pins of the detected zones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-interaction.h"

G_BEGIN_DECLS

#define WICK_INTERACTION_PRIMARY_BUTTON   1
#define WICK_INTERACTION_SECONDARY_BUTTON 3

typedef enum
{
  STATE_IDLE,
  STATE_PAN,
  STATE_PRICE_AXIS,
  STATE_TIME_AXIS,
  STATE_LINE_PRESSED,   /* a line is grabbed; it has not moved past the threshold yet */
  STATE_LINE_DRAGGING,
  STATE_PIN_PRESSED,    /* a zone's pin is pressed; a release on it pins the zone */
  STATE_LINE_NUDGING,   /* Up or Down moves the selected line; committed when it goes up */
} WickInteractionState;

typedef enum
{
  REGION_OUTSIDE,
  REGION_PLOT,
  REGION_PRICE_AXIS,
  REGION_TIME_AXIS,
} WickInteractionRegion;

struct _WickInteraction
{
  GObject               parent_instance;

  WickViewport         *viewport;           /* Owned */
  WickSeries           *series;             /* Owned, nullable */
  WickLevelStore       *store;              /* Owned, nullable */
  GSignalGroup         *store_signals;      /* Owned: follows the store's `changed` */
  WickZones            *zones;              /* Owned, nullable: their pins are hit-tested */
  GError               *pending_error;      /* Owned, nullable: reported when the call ends */
  const char           *cursor_name;        /* Borrowed: a static string, nullable */
  guint                 depth;              /* calls in progress: begin () … end () */

  WickInteractionState  state;
  double                pointer_x;
  double                pointer_y;
  double                press_x;
  double                press_y;
  double                grab_offset_y;      /* the line's y minus the pointer's, at the press */
  double                drag_origin_price;  /* where the grabbed line was at the press */
  double                drag_price;         /* the preview while dragging */
  guint32               drag_id;            /* the grabbed line, in the line states */
  guint32               hovered_id;
  guint32               selected_id;
  int                   hovered_pin;        /* the zone whose pin is under the pointer, or -1 */
  int                   pressed_pin;        /* the zone whose pin is pressed, or -1 */

  /* The last primary press, for counting double-clicks. */
  gint64                last_press_time_ms;
  double                last_press_x;
  double                last_press_y;
  int                   n_press;

  guint                 snapping : 1;
  guint                 has_pointer : 1;
  guint                 press_moved : 1;    /* moved past the threshold since the press */
  guint                 press_on_line : 1;  /* a pan that started on a (locked) line */
  guint                 press_spent : 1;    /* an axis double-click: the rest does nothing */
  guint                 overlay_dirty : 1;  /* pending `changed` */
  guint                 static_dirty : 1;   /* pending `changed` with static-changed TRUE */
  guint                 nudge_refused : 1;  /* Up or Down is held on a locked line: said once */
};

/* wick-interaction.c */
void                   _wick_interaction_begin             (WickInteraction *self);
void                   _wick_interaction_end               (WickInteraction *self);
WickInteractionRegion  _wick_interaction_region_at         (WickInteraction *self,
                                                            double           x,
                                                            double           y);
const WickLevel       *_wick_interaction_lookup            (WickInteraction *self,
                                                            guint32          id);
gboolean               _wick_interaction_in_line_gesture   (WickInteraction *self);
void                   _wick_interaction_refused           (WickInteraction *self,
                                                            GError          *error);
void                   _wick_interaction_set_selected      (WickInteraction *self,
                                                            guint32          id);
void                   _wick_interaction_set_pointer       (WickInteraction *self,
                                                            double           x,
                                                            double           y);
void                   _wick_interaction_update_hover      (WickInteraction *self);
void                   _wick_interaction_end_gesture       (WickInteraction *self);
void                   _wick_interaction_emit_context_menu (WickInteraction *self,
                                                            guint32          id,
                                                            double           x,
                                                            double           y);
void                   _wick_interaction_emit_activated    (WickInteraction *self,
                                                            guint32          id);

/* wick-interaction-input.c */
guint32                _wick_interaction_add_line          (WickInteraction *self,
                                                            double           price,
                                                            const char      *label,
                                                            WickLevelOrigin  origin);

/* wick-interaction-keyboard.c */
gboolean               _wick_interaction_nudge             (WickInteraction *self,
                                                            int              direction,
                                                            gboolean         fine);
void                   _wick_interaction_commit_nudge      (WickInteraction *self);
gboolean               _wick_interaction_select_adjacent   (WickInteraction *self,
                                                            int              direction);
gboolean               _wick_interaction_locate_selected   (WickInteraction *self,
                                                            double          *x,
                                                            double          *y);

/* wick-interaction-zones.c */
void                   _wick_interaction_set_hovered_pin   (WickInteraction *self,
                                                            int              index);
void                   _wick_interaction_pin_zone          (WickInteraction *self,
                                                            int              index);

/* wick-interaction-navigation.c */
void                   _wick_interaction_drag_view         (WickInteraction *self,
                                                            double           dx,
                                                            double           dy);

G_END_DECLS
