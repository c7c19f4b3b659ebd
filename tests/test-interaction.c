/* test-interaction.c: every gesture on the price lines, through the pure state machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-interaction.h"

#include <math.h>

#include "test-interaction-utils.h"

/* ---- helpers ---- */

/* The middle of candle @index, in x. */
static double
x_of (Fixture *fixture,
      guint    index)
{
  return wick_viewport_time_to_x (fixture->viewport, T0 + index * HOUR_MS + HOUR_MS / 2);
}

static void
double_click (Fixture                  *fixture,
              double                    x,
              double                    y,
              WickInteractionModifiers  mods)
{
  g_assert_cmpint (wick_interaction_press (fixture->interaction, x, y, 1, 1, mods), ==,
                   WICK_INTERACTION_PRESS_PAN);
  wick_interaction_release (fixture->interaction, x, y, mods);
  g_assert_cmpint (wick_interaction_press (fixture->interaction, x, y, 1, 2, mods), ==,
                   WICK_INTERACTION_PRESS_NONE);
  wick_interaction_release (fixture->interaction, x, y, mods);
}

/* Press at (@x, @y0), move in steps to @y1, release there. */
static void
drag (Fixture                  *fixture,
      double                    x,
      double                    y0,
      double                    y1,
      WickInteractionModifiers  mods)
{
  int i;

  wick_interaction_press (fixture->interaction, x, y0, 1, 1, mods);
  for (i = 1; i <= 10; i++)
    wick_interaction_motion (fixture->interaction, x, y0 + (y1 - y0) * i / 10, mods);
  wick_interaction_release (fixture->interaction, x, y1, mods);
}

/* ---- snapping ---- */

typedef struct
{
  const char *name;
  guint       candle;       /* G_MAXUINT: right of the last candle */
  double      price;        /* where the pointer is, as a price */
  double      offset_px;    /* then moved this many pixels down */
  gboolean    snaps;
  double      expected;     /* when it snaps */
  double      high;         /* the top of the price range, when not 130 */
} SnapCase;

static const SnapCase snap_cases[] = {
  { "on-close",        4, 110, 0, TRUE, 110 },
  { "near-close",      4, 110, 5, TRUE, 110 },
  { "at-tolerance",    4, 115, -8, TRUE, 115 },
  { "past-tolerance",  4, 115, -9, FALSE, 0 },
  { "near-low",        5, 95, 7.5, TRUE, 95 },
  { "between-ohlc",    4, 105, 0, FALSE, 0 },
  { "no-candle-there", G_MAXUINT, 110, 0, FALSE, 0 },
  /* At 0.6 px a dollar, 110 and 115 are both in reach of 112.3: the nearer wins. */
  { "nearest-wins",    4, 112.3, 0, TRUE, 110, 1080 },
  { "nearest-wins-up", 4, 112.7, 0, TRUE, 115, 1080 },
};

static void
test_snap_price (Fixture       *fixture,
                 gconstpointer  data)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (snap_cases); i++)
    {
      const SnapCase *c = &snap_cases[i];
      double x, y, price = 0;
      gboolean snapped;

      /* The last candle ends at the plot's right edge: move the view so there is room. */
      if (c->candle == G_MAXUINT)
        wick_viewport_set_time_range (fixture->viewport, T0 + 10 * HOUR_MS,
                                      T0 + (N_HOURS + 10) * HOUR_MS);
      wick_viewport_set_price_range (fixture->viewport, 80, c->high > 0 ? c->high : 130);
      x = c->candle == G_MAXUINT ? fixture->plot.x + fixture->plot.width - 20
                                 : x_of (fixture, c->candle);
      y = y_of (fixture, c->price) + c->offset_px;

      g_test_message ("case %s", c->name);
      snapped = wick_interaction_snap_price (fixture->viewport, fixture->series, x, y, &price);
      g_assert_cmpint (snapped, ==, c->snaps);
      if (c->snaps)
        g_assert_cmpfloat (price, ==, c->expected);
      else
        g_assert_cmpfloat_with_epsilon (price, wick_viewport_y_to_price (fixture->viewport, y),
                                        1e-9);

      /* No series: never snaps. */
      g_assert_false (wick_interaction_snap_price (fixture->viewport, NULL, x, y, &price));
      wick_viewport_set_time_range (fixture->viewport, T0, T0 + N_HOURS * HOUR_MS);
    }
}

/* ---- adding ---- */

typedef struct
{
  const char               *name;
  gboolean                  snapping;
  WickInteractionModifiers  mods;
  gboolean                  expect_snap;
} AddCase;

static const AddCase add_cases[] = {
  { "snapping", TRUE, NO_MODS, TRUE },
  { "shift-disables", TRUE, SHIFT, FALSE },
  { "snapping-off", FALSE, NO_MODS, FALSE },
};

static void
test_add_double_click (Fixture       *fixture,
                       gconstpointer  data)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (add_cases); i++)
    {
      const AddCase *c = &add_cases[i];
      double x = x_of (fixture, 6);
      double y = y_of (fixture, 110) + 4;     /* 4 px under the close of an up candle */
      const WickLevel *level;
      guint32 id;

      g_test_message ("case %s", c->name);
      fixture_set_lines (fixture, NULL, 0, 0);
      wick_interaction_set_snapping (fixture->interaction, c->snapping);

      double_click (fixture, x, y, c->mods);

      g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
      level = wick_level_store_get_level (fixture->store, 0);
      id = level->id;
      if (c->expect_snap)
        g_assert_cmpfloat (level->price, ==, 110);
      else
        g_assert_cmpfloat_with_epsilon (level->price, 110 - 4 / 12., 1e-9);
      g_assert_null (level->label);
      g_assert_false (level->locked);

      /* The new line is selected and, being under the pointer, hovered. */
      g_assert_cmpuint (wick_interaction_get_selected_id (fixture->interaction), ==, id);
      g_assert_cmpuint (wick_interaction_get_hovered_id (fixture->interaction), ==, id);
      g_assert_false (wick_interaction_is_panning (fixture->interaction));

      /* One undo step. */
      g_assert_true (wick_interaction_key (fixture->interaction, WICK_INTERACTION_KEY_UNDO,
                                           NO_MODS));
      g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
      g_assert_false (wick_level_store_can_undo (fixture->store));
      g_assert_cmpuint (wick_interaction_get_selected_id (fixture->interaction), ==, 0);
    }

  /* A double-click on a line grabs it, as a single press does, and adds nothing. */
  {
    static const double prices[] = { 100 };
    double y = y_of (fixture, 100) + 2;

    fixture_set_lines (fixture, prices, 1, 0);
    click (fixture, x_of (fixture, 6), y, NO_MODS);
    g_assert_cmpint (wick_interaction_press (fixture->interaction, x_of (fixture, 6), y, 1, 2,
                                             NO_MODS), ==, WICK_INTERACTION_PRESS_LINE);
    wick_interaction_release (fixture->interaction, x_of (fixture, 6), y, NO_MODS);
    g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
    g_assert_false (wick_level_store_can_undo (fixture->store));
    fixture_set_lines (fixture, NULL, 0, 0);
  }

  /* A double-click on the axes adds nothing. */
  wick_interaction_press (fixture->interaction, 850, 300, 1, 2, NO_MODS);
  wick_interaction_release (fixture->interaction, 850, 300, NO_MODS);
  wick_interaction_press (fixture->interaction, 300, 610, 1, 2, NO_MODS);
  wick_interaction_release (fixture->interaction, 300, 610, NO_MODS);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
}

static void
test_add_key (Fixture       *fixture,
              gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 7);                 /* a down candle: open 110, close 100 */
  double y = y_of (fixture, 95) - 6;

  /* At the crosshair, snapped to the low 6 px below. */
  wick_interaction_motion (interaction, x, y, NO_MODS);
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ADD_LINE, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
  g_assert_cmpfloat (wick_level_store_get_level (fixture->store, 0)->price, ==, 95);

  /* With Shift: exactly the crosshair's price. */
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ADD_LINE, SHIFT));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);
  g_assert_cmpfloat_with_epsilon (wick_level_store_get_level (fixture->store, 1)->price,
                                  95 + 6 / 12., 1e-9);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==,
                    wick_level_store_get_level (fixture->store, 1)->id);

  /* With the pointer away (the add-line button): the last close, 100. */
  wick_interaction_leave (interaction);
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ADD_LINE, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 3);
  g_assert_cmpfloat (wick_level_store_get_level (fixture->store, 2)->price, ==, 100);

  /* The last close out of view: the middle of the plot. */
  wick_viewport_set_price_range (fixture->viewport, 200, 300);
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ADD_LINE, NO_MODS));
  g_assert_cmpfloat_with_epsilon (wick_level_store_get_level (fixture->store, 3)->price, 250,
                                  1e-9);

  /* No store: nothing to add to. */
  wick_interaction_set_level_store (interaction, NULL);
  g_assert_false (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ADD_LINE, NO_MODS));
}

/* ---- grabbing ---- */

typedef struct
{
  const char           *name;
  double                offset_px;   /* press this far below the line */
  gboolean              locked;
  WickInteractionPress  expected;
} GrabCase;

static const GrabCase grab_cases[] = {
  { "on-the-line", 0, FALSE, WICK_INTERACTION_PRESS_LINE },
  { "5-px-below", 5, FALSE, WICK_INTERACTION_PRESS_LINE },
  { "5-px-above", -5, FALSE, WICK_INTERACTION_PRESS_LINE },
  { "6-px-below", 6, FALSE, WICK_INTERACTION_PRESS_LINE },
  { "7-px-below", 7, FALSE, WICK_INTERACTION_PRESS_PAN },
  { "7-px-above", -7, FALSE, WICK_INTERACTION_PRESS_PAN },
  { "locked-on-the-line", 0, TRUE, WICK_INTERACTION_PRESS_PAN },
};

static void
test_grab_threshold (Fixture       *fixture,
                     gconstpointer  data)
{
  static const double prices[] = { 100 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (grab_cases); i++)
    {
      const GrabCase *c = &grab_cases[i];
      double y = floor (y_of (fixture, 100)) + c->offset_px;
      WickInteractionPress result;

      g_test_message ("case %s", c->name);
      fixture_set_lines (fixture, prices, 1, c->locked ? 1 : 0);
      wick_interaction_select (fixture->interaction, 0);

      result = wick_interaction_press (fixture->interaction, 300, y, 1, 1, NO_MODS);
      g_assert_cmpint (result, ==, c->expected);
      g_assert_cmpint (wick_interaction_is_panning (fixture->interaction), ==,
                       result == WICK_INTERACTION_PRESS_PAN);
      /* A press on a line, locked or not, selects it. */
      g_assert_cmpuint (wick_interaction_get_selected_id (fixture->interaction), ==,
                        fabs (c->offset_px) <= WICK_INTERACTION_HIT_DISTANCE ? 1 : 0);
      wick_interaction_cancel (fixture->interaction);
      g_assert_false (wick_interaction_is_panning (fixture->interaction));
    }

  /* The nearest of two close lines wins. */
  {
    static const double two[] = { 100, 100.5 };   /* 6 px apart */

    fixture_set_lines (fixture, two, 2, 0);
    g_assert_cmpuint (wick_interaction_hit_test (fixture->interaction, 300,
                                                 y_of (fixture, 100) + 2), ==, 1);
    g_assert_cmpuint (wick_interaction_hit_test (fixture->interaction, 300,
                                                 y_of (fixture, 100.5) - 2), ==, 2);
    /* Only in the plot: not on the price axis. */
    g_assert_cmpuint (wick_interaction_hit_test (fixture->interaction, 850,
                                                 y_of (fixture, 100)), ==, 0);
  }
}

/* ---- dragging ---- */

static void
test_drag_commits_one_move (Fixture       *fixture,
                            gconstpointer  data)
{
  static const double prices[] = { 100, 120 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);
  double y0 = y_of (fixture, 100) + 3;          /* grabbed 3 px under the line */
  guint32 id;
  double price;

  fixture_set_lines (fixture, prices, 2, 0);

  g_assert_cmpint (wick_interaction_press (interaction, x, y0, 1, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_LINE);
  g_assert_false (wick_interaction_is_dragging (interaction));
  g_assert_false (wick_interaction_get_drag (interaction, &id, &price));

  /* Under the threshold nothing moves yet. */
  wick_interaction_motion (interaction, x, y0 - 2, NO_MODS);
  g_assert_false (wick_interaction_is_dragging (interaction));

  /* Up by 120 px less 4: the line (3 px above the pointer) goes to 4 px under 110, and snaps
   * to the close there. */
  wick_interaction_motion (interaction, x, y0 - 116, NO_MODS);
  g_assert_true (wick_interaction_is_dragging (interaction));
  g_assert_true (wick_interaction_get_drag (interaction, &id, &price));
  g_assert_cmpuint (id, ==, 1);
  g_assert_cmpfloat (price, ==, 110);
  /* The store sees nothing until the release. */
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));

  /* Shift: the pointer's offset exactly. */
  wick_interaction_motion (interaction, x, y0 - 116, SHIFT);
  g_assert_true (wick_interaction_get_drag (interaction, NULL, &price));
  g_assert_cmpfloat_with_epsilon (price, 110 - 4 / 12., 1e-9);

  /* Far down, below zero on this linear scale: the preview stays at its last price. */
  wick_interaction_motion (interaction, x, 5000, SHIFT);
  g_assert_true (wick_interaction_get_drag (interaction, NULL, &price));
  g_assert_cmpfloat_with_epsilon (price, 110 - 4 / 12., 1e-9);

  wick_interaction_motion (interaction, x, y0 - 116, NO_MODS);
  wick_interaction_release (interaction, x, y0 - 116, NO_MODS);
  g_assert_false (wick_interaction_is_dragging (interaction));
  g_assert_cmpfloat (price_of (fixture, 1), ==, 110);
  g_assert_cmpfloat (price_of (fixture, 2), ==, 120);

  /* Exactly one undo step, back to 100. */
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_UNDO, NO_MODS));
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));
  g_assert_false (wick_interaction_key (interaction, WICK_INTERACTION_KEY_UNDO, NO_MODS));

  /* A press on a line and a release without moving: selected, nothing committed. */
  click (fixture, x, y_of (fixture, 120), NO_MODS);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 2);
  g_assert_cmpfloat (price_of (fixture, 2), ==, 120);
  g_assert_false (wick_level_store_can_undo (fixture->store));
  g_assert_true (wick_level_store_can_redo (fixture->store));

  /* A drag that ends where it started commits nothing either. */
  wick_interaction_press (interaction, x, y_of (fixture, 120), 1, 1, SHIFT);
  wick_interaction_motion (interaction, x, y_of (fixture, 120) - 40, SHIFT);
  wick_interaction_motion (interaction, x, y_of (fixture, 120), SHIFT);
  wick_interaction_release (interaction, x, y_of (fixture, 120), SHIFT);
  g_assert_cmpfloat (price_of (fixture, 2), ==, 120);
  g_assert_false (wick_level_store_can_undo (fixture->store));
}

static void
test_escape_cancels (Fixture       *fixture,
                     gconstpointer  data)
{
  static const double prices[] = { 100 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);
  double y = y_of (fixture, 100);

  fixture_set_lines (fixture, prices, 1, 0);

  wick_interaction_press (interaction, x, y, 1, 1, NO_MODS);
  wick_interaction_motion (interaction, x, y - 50, SHIFT);
  g_assert_true (wick_interaction_is_dragging (interaction));

  fixture_reset_counts (fixture);
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ESCAPE, NO_MODS));
  g_assert_false (wick_interaction_is_dragging (interaction));
  g_assert_false (wick_interaction_get_drag (interaction, NULL, NULL));
  /* The line is back in the static part. */
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);

  /* The button is still down: moving on does not start again, releasing commits nothing. */
  wick_interaction_motion (interaction, x, y - 80, SHIFT);
  g_assert_false (wick_interaction_is_dragging (interaction));
  wick_interaction_release (interaction, x, y - 80, SHIFT);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));

  /* The line stays selected; a second Escape clears that, a third is not ours. */
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 1);
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ESCAPE, NO_MODS));
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 0);
  g_assert_false (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ESCAPE, NO_MODS));

  /* cancel () (a gesture taken away) does the same as Escape. */
  wick_interaction_press (interaction, x, y, 1, 1, NO_MODS);
  wick_interaction_motion (interaction, x, y - 50, SHIFT);
  wick_interaction_cancel (interaction);
  wick_interaction_release (interaction, x, y - 50, SHIFT);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));
}

static void
test_locked_line (Fixture       *fixture,
                  gconstpointer  data)
{
  static const double prices[] = { 100 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);
  double y = y_of (fixture, 100);

  fixture_set_lines (fixture, prices, 1, 1);

  /* Hovering shows it can be clicked, not dragged. */
  wick_interaction_motion (interaction, x, y, NO_MODS);
  g_assert_cmpuint (wick_interaction_get_hovered_id (interaction), ==, 1);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "pointer");

  /* Pressing selects it and pans; dragging never moves it. */
  g_assert_cmpint (wick_interaction_press (interaction, x, y, 1, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_PAN);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 1);
  wick_interaction_motion (interaction, x, y - 100, NO_MODS);
  g_assert_false (wick_interaction_is_dragging (interaction));
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "grabbing");
  wick_interaction_release (interaction, x, y - 100, NO_MODS);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));

  /* The plot followed the pointer, the line with it. */
  g_assert_cmpfloat_with_epsilon (y_of (fixture, 100), y - 100, 1e-9);
  y = y_of (fixture, 100);

  /* A click on it keeps it selected (it is not empty plot). */
  click (fixture, x, y, NO_MODS);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 1);

  /* Locked (from the context menu, say) while being dragged: the drag is dropped at once,
   * and the release commits nothing. */
  fixture_set_lines (fixture, prices, 1, 0);
  wick_interaction_press (interaction, x, y, 1, 1, NO_MODS);
  wick_interaction_motion (interaction, x, y - 50, SHIFT);
  g_assert_true (wick_interaction_is_dragging (interaction));
  fixture_reset_counts (fixture);
  g_assert_true (wick_level_store_set_locked (fixture->store, 1, TRUE, NULL));
  g_assert_false (wick_interaction_is_dragging (interaction));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);
  wick_interaction_motion (interaction, x, y - 60, SHIFT);
  g_assert_false (wick_interaction_is_dragging (interaction));
  wick_interaction_release (interaction, x, y - 60, SHIFT);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_cmpuint (fixture->n_edit_failed, ==, 0);
}

static void
test_line_removed_during_drag (Fixture       *fixture,
                               gconstpointer  data)
{
  static const double prices[] = { 100 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);
  double y = y_of (fixture, 100);

  fixture_set_lines (fixture, prices, 1, 0);
  wick_interaction_press (interaction, x, y, 1, 1, NO_MODS);
  wick_interaction_motion (interaction, x, y - 50, NO_MODS);
  g_assert_true (wick_level_store_remove (fixture->store, 1, NULL));
  g_assert_false (wick_interaction_is_dragging (interaction));
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 0);

  wick_interaction_motion (interaction, x, y - 60, NO_MODS);
  g_assert_false (wick_interaction_is_dragging (interaction));
  wick_interaction_release (interaction, x, y - 60, NO_MODS);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_cmpuint (fixture->n_edit_failed, ==, 0);
}

static void
test_store_edited_elsewhere (Fixture       *fixture,
                             gconstpointer  data)
{
  static const double prices[] = { 100, 120 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);

  fixture_set_lines (fixture, prices, 2, 0);
  click (fixture, x, y_of (fixture, 120), NO_MODS);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 2);
  g_assert_cmpuint (wick_interaction_get_hovered_id (interaction), ==, 2);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "row-resize");

  /* Removed from the context menu: one change, static; nothing hovered or selected; the
   * cursor follows. */
  fixture_reset_counts (fixture);
  g_assert_true (wick_level_store_remove (fixture->store, 2, NULL));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 0);
  g_assert_cmpuint (wick_interaction_get_hovered_id (interaction), ==, 0);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "crosshair");

  /* Undone from the header bar: back under the pointer. */
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_cmpuint (wick_interaction_get_hovered_id (interaction), ==, 2);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "row-resize");

  /* Locked: the cursor says it can no longer be dragged. */
  g_assert_true (wick_level_store_set_locked (fixture->store, 2, TRUE, NULL));
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "pointer");

  /* Edits through the state machine emit once per call, too. */
  wick_interaction_select (interaction, 1);
  fixture_reset_counts (fixture);
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_DELETE, NO_MODS));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);
}

static void
test_edit_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  double x = x_of (fixture, 10);

  /* A linear scale that reaches below zero: a double-click there asks for a line at a
   * negative price, which the store refuses. The state machine says so and changes nothing. */
  wick_viewport_set_price_range (fixture->viewport, -50, 50);
  fixture_reset_counts (fixture);
  double_click (fixture, x, y_of (fixture, -20), NO_MODS);
  g_assert_cmpuint (fixture->n_edit_failed, ==, 1);
  g_assert_error (fixture->edit_error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_cmpuint (wick_interaction_get_selected_id (fixture->interaction), ==, 0);

  /* Above zero it works. */
  double_click (fixture, x, y_of (fixture, 20), NO_MODS);
  g_assert_cmpuint (fixture->n_edit_failed, ==, 1);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
}

/* ---- selection and keys ---- */

static void
test_click_selects (Fixture       *fixture,
                    gconstpointer  data)
{
  static const double prices[] = { 100, 120 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);

  fixture_set_lines (fixture, prices, 2, 0);

  click (fixture, x, y_of (fixture, 120) - 2, NO_MODS);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 2);
  click (fixture, x, y_of (fixture, 100) + 2, NO_MODS);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 1);

  /* A pan does not clear it; a click on empty plot does. */
  g_assert_cmpint (wick_interaction_press (interaction, x, y_of (fixture, 110), 1, 1, NO_MODS),
                   ==, WICK_INTERACTION_PRESS_PAN);
  g_assert_true (wick_interaction_is_panning (interaction));
  wick_interaction_motion (interaction, x + 40, y_of (fixture, 110), NO_MODS);
  wick_interaction_release (interaction, x + 40, y_of (fixture, 110), NO_MODS);
  g_assert_false (wick_interaction_is_panning (interaction));
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 1);

  click (fixture, x, y_of (fixture, 110), NO_MODS);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 0);

  /* Selecting from elsewhere: a known id, or nothing. */
  wick_interaction_select (interaction, 2);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 2);
  wick_interaction_select (interaction, 99);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 0);

  /* Nothing is committed by any of it. */
  g_assert_false (wick_level_store_can_undo (fixture->store));
}

typedef struct
{
  const char         *name;
  WickInteractionKey  key;
} DeleteCase;

static const DeleteCase delete_cases[] = {
  { "delete", WICK_INTERACTION_KEY_DELETE },
  { "backspace", WICK_INTERACTION_KEY_BACKSPACE },
};

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  static const double prices[] = { 100, 120 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (delete_cases); i++)
    {
      g_test_message ("case %s", delete_cases[i].name);
      fixture_set_lines (fixture, prices, 2, 0);

      /* Nothing selected: nothing removed, the key is not ours. */
      wick_interaction_select (interaction, 0);
      g_assert_false (wick_interaction_key (interaction, delete_cases[i].key, NO_MODS));
      g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);

      click (fixture, x, y_of (fixture, 120), NO_MODS);
      g_assert_true (wick_interaction_key (interaction, delete_cases[i].key, NO_MODS));
      g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
      g_assert_null (wick_level_store_lookup (fixture->store, 2));
      g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 0);
      /* It was under the pointer; now nothing is. */
      g_assert_cmpuint (wick_interaction_get_hovered_id (interaction), ==, 0);

      /* Ignored while a line is held. */
      wick_interaction_press (interaction, x, y_of (fixture, 100), 1, 1, NO_MODS);
      g_assert_false (wick_interaction_key (interaction, delete_cases[i].key, NO_MODS));
      wick_interaction_release (interaction, x, y_of (fixture, 100), NO_MODS);
      g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
    }
}

static void
test_undo_redo_chain (Fixture       *fixture,
                      gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  WickInteractionKey undo = WICK_INTERACTION_KEY_UNDO;
  WickInteractionKey redo = WICK_INTERACTION_KEY_REDO;
  double x = x_of (fixture, 10);
  guint32 id;

  /* Add (at 110, snapped), move to 115 (snapped), add another at 100, delete the first. */
  double_click (fixture, x, y_of (fixture, 110) + 3, NO_MODS);
  id = wick_interaction_get_selected_id (interaction);
  g_assert_cmpuint (id, !=, 0);
  drag (fixture, x, y_of (fixture, 110), y_of (fixture, 115) + 2, NO_MODS);
  g_assert_cmpfloat (price_of (fixture, id), ==, 115);
  wick_interaction_motion (interaction, x_of (fixture, 11), y_of (fixture, 100) - 1, NO_MODS);
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_ADD_LINE, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);
  wick_interaction_select (interaction, id);
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_DELETE, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);

  /* Back through all four. */
  g_assert_true (wick_interaction_key (interaction, undo, NO_MODS));
  g_assert_cmpfloat (price_of (fixture, id), ==, 115);
  g_assert_true (wick_interaction_key (interaction, undo, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
  g_assert_true (wick_interaction_key (interaction, undo, NO_MODS));
  g_assert_cmpfloat (price_of (fixture, id), ==, 110);
  g_assert_true (wick_interaction_key (interaction, undo, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_false (wick_interaction_key (interaction, undo, NO_MODS));

  /* And forward again. */
  g_assert_true (wick_interaction_key (interaction, redo, NO_MODS));
  g_assert_cmpfloat (price_of (fixture, id), ==, 110);
  g_assert_true (wick_interaction_key (interaction, redo, NO_MODS));
  g_assert_cmpfloat (price_of (fixture, id), ==, 115);
  g_assert_true (wick_interaction_key (interaction, redo, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);
  g_assert_true (wick_interaction_key (interaction, redo, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
  g_assert_null (wick_level_store_lookup (fixture->store, id));
  g_assert_false (wick_interaction_key (interaction, redo, NO_MODS));

  /* Not while a line is held. */
  wick_interaction_key (interaction, undo, NO_MODS);
  wick_interaction_press (interaction, x, y_of (fixture, 115), 1, 1, NO_MODS);
  g_assert_false (wick_interaction_key (interaction, undo, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);
  wick_interaction_release (interaction, x, y_of (fixture, 115), NO_MODS);
}

/* ---- context menu ---- */

static void
test_context_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  static const double prices[] = { 100 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);
  double y = y_of (fixture, 100);

  fixture_set_lines (fixture, prices, 1, 0);

  /* On a line: its id, and it is selected. */
  g_assert_cmpint (wick_interaction_press (interaction, x, y + 4, 3, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_NONE);
  g_assert_cmpuint (fixture->n_context_menus, ==, 1);
  g_assert_cmpuint (fixture->menu_id, ==, 1);
  g_assert_cmpfloat (fixture->menu_x, ==, x);
  g_assert_cmpfloat (fixture->menu_y, ==, y + 4);
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, 1);
  wick_interaction_release (interaction, x, y + 4, NO_MODS);

  /* On empty plot: 0. */
  wick_interaction_press (interaction, x, y - 100, 3, 1, NO_MODS);
  g_assert_cmpuint (fixture->n_context_menus, ==, 2);
  g_assert_cmpuint (fixture->menu_id, ==, 0);
  wick_interaction_release (interaction, x, y - 100, NO_MODS);

  /* On the axes: none. */
  wick_interaction_press (interaction, 850, y, 3, 1, NO_MODS);
  g_assert_cmpuint (fixture->n_context_menus, ==, 2);

  /* A long-press during a drag: the drag is cancelled, then the menu. */
  wick_interaction_press (interaction, x, y, 1, 1, NO_MODS);
  wick_interaction_motion (interaction, x, y - 30, SHIFT);
  g_assert_true (wick_interaction_is_dragging (interaction));
  wick_interaction_press (interaction, x, y - 30, 3, 1, NO_MODS);
  g_assert_false (wick_interaction_is_dragging (interaction));
  g_assert_cmpuint (fixture->n_context_menus, ==, 3);
  wick_interaction_release (interaction, x, y - 30, NO_MODS);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));
}

/* ---- cursor and signals ---- */

static void
test_cursor_names (Fixture       *fixture,
                   gconstpointer  data)
{
  static const double prices[] = { 100, 120 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);

  fixture_set_lines (fixture, prices, 2, 2);   /* 120 is locked */

  g_assert_null (wick_interaction_get_cursor_name (interaction));
  wick_interaction_motion (interaction, x, y_of (fixture, 110), NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "crosshair");
  wick_interaction_motion (interaction, x, y_of (fixture, 100) + 5, NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "row-resize");
  wick_interaction_motion (interaction, x, y_of (fixture, 120), NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "pointer");
  wick_interaction_motion (interaction, 850, 300, NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "ns-resize");
  wick_interaction_motion (interaction, 300, 610, NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "ew-resize");
  wick_interaction_leave (interaction);
  g_assert_null (wick_interaction_get_cursor_name (interaction));

  /* Panning. */
  wick_interaction_press (interaction, x, y_of (fixture, 110), 1, 1, NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "grabbing");
  wick_interaction_motion (interaction, x + 30, y_of (fixture, 100), NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "grabbing");
  wick_interaction_release (interaction, x + 30, y_of (fixture, 100), NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "row-resize");

  /* Dragging a line, wherever the pointer goes. */
  wick_interaction_press (interaction, x, y_of (fixture, 100), 1, 1, NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "row-resize");
  wick_interaction_motion (interaction, x, y_of (fixture, 90), NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "row-resize");
  wick_interaction_release (interaction, x, y_of (fixture, 90), NO_MODS);

  /* The axes' own gestures, wherever the pointer goes; the release is over empty plot (the
   * drag zoomed the prices: 110 lies between the lines still). */
  g_assert_cmpint (wick_interaction_press (interaction, 850, 300, 1, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_PRICE_AXIS);
  wick_interaction_motion (interaction, 500, 200, NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "ns-resize");
  wick_interaction_release (interaction, 500, y_of (fixture, 110), NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "crosshair");
  g_assert_cmpint (wick_interaction_press (interaction, 300, 610, 1, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_TIME_AXIS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "ew-resize");
  wick_interaction_release (interaction, 300, 610, NO_MODS);
}

static void
test_changed_emissions (Fixture       *fixture,
                        gconstpointer  data)
{
  static const double prices[] = { 100 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);
  double y = y_of (fixture, 100);

  fixture_set_lines (fixture, prices, 1, 0);

  /* Entering the plot: the cursor changes (overlay only); moving on over empty plot: nothing. */
  fixture_reset_counts (fixture);
  wick_interaction_motion (interaction, x, y - 100, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 0);
  wick_interaction_motion (interaction, x + 10, y - 90, NO_MODS);
  wick_interaction_motion (interaction, x + 20, y - 80, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* Onto the line: hover is in the static part, one emission. */
  wick_interaction_motion (interaction, x, y + 3, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);
  wick_interaction_motion (interaction, x + 5, y + 2, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  /* Pressing selects: static. */
  fixture_reset_counts (fixture);
  wick_interaction_press (interaction, x + 5, y + 2, 1, 1, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);

  /* The drag starts: the line leaves the static part, once. */
  fixture_reset_counts (fixture);
  wick_interaction_motion (interaction, x + 5, y - 20, SHIFT);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);

  /* Every further motion that moves the preview: overlay only, one each. */
  fixture_reset_counts (fixture);
  wick_interaction_motion (interaction, x + 5, y - 30, SHIFT);
  wick_interaction_motion (interaction, x + 5, y - 40, SHIFT);
  wick_interaction_motion (interaction, x + 5, y - 50, SHIFT);
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  g_assert_cmpuint (fixture->n_static_changed, ==, 0);
  /* A motion that leaves the preview where it is (sideways): nothing. */
  wick_interaction_motion (interaction, x + 25, y - 50, SHIFT);
  g_assert_cmpuint (fixture->n_changed, ==, 3);

  /* Snapped: moving within the magnet keeps the price, nothing to redraw. */
  wick_interaction_motion (interaction, x + 5, y_of (fixture, 115) - 1, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 4);
  wick_interaction_motion (interaction, x + 5, y_of (fixture, 115) + 1, NO_MODS);
  wick_interaction_motion (interaction, x + 5, y_of (fixture, 115) + 2, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 4);

  /* The release commits and puts the line back in the static part: once. */
  fixture_reset_counts (fixture);
  wick_interaction_release (interaction, x + 5, y_of (fixture, 115) + 2, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 115);

  /* A key that does nothing emits nothing. */
  fixture_reset_counts (fixture);
  wick_interaction_key (interaction, WICK_INTERACTION_KEY_REDO, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

static void
test_fill_scene (Fixture       *fixture,
                 gconstpointer  data)
{
  static const double prices[] = { 100, 120 };
  WickInteraction *interaction = fixture->interaction;
  double x = x_of (fixture, 10);
  WickScene scene;

  fixture_set_lines (fixture, prices, 2, 0);
  wick_scene_init (&scene, NULL, NULL);

  wick_interaction_motion (interaction, x, y_of (fixture, 120), NO_MODS);
  wick_interaction_fill_scene (interaction, &scene);
  g_assert_true (scene.levels == fixture->store);
  g_assert_cmpuint (scene.hovered_level_id, ==, 2);
  g_assert_cmpuint (scene.selected_level_id, ==, 0);
  g_assert_cmpuint (scene.drag_level_id, ==, 0);

  wick_interaction_press (interaction, x, y_of (fixture, 100), 1, 1, NO_MODS);
  wick_interaction_motion (interaction, x, y_of (fixture, 105), SHIFT);
  wick_interaction_fill_scene (interaction, &scene);
  g_assert_cmpuint (scene.hovered_level_id, ==, 1);
  g_assert_cmpuint (scene.selected_level_id, ==, 1);
  g_assert_cmpuint (scene.drag_level_id, ==, 1);
  g_assert_cmpfloat_with_epsilon (scene.drag_price, 105, 1e-9);

  wick_interaction_release (interaction, x, y_of (fixture, 105), SHIFT);
  wick_interaction_fill_scene (interaction, &scene);
  g_assert_cmpuint (scene.drag_level_id, ==, 0);
  g_assert_cmpuint (scene.selected_level_id, ==, 1);

  /* Another store: nothing hovered or selected. */
  {
    g_autoptr(WickLevelStore) other = wick_level_store_new ();

    fixture_reset_counts (fixture);
    wick_interaction_set_level_store (interaction, other);
    g_assert_cmpuint (fixture->n_static_changed, ==, 1);
    wick_interaction_fill_scene (interaction, &scene);
    g_assert_true (scene.levels == other);
    g_assert_cmpuint (scene.selected_level_id, ==, 0);
    g_assert_cmpuint (scene.hovered_level_id, ==, 0);
    wick_interaction_set_level_store (interaction, fixture->store);
  }
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/interaction/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("snap-price", test_snap_price);
  ADD_TEST ("add/double-click", test_add_double_click);
  ADD_TEST ("add/key", test_add_key);
  ADD_TEST ("grab-threshold", test_grab_threshold);
  ADD_TEST ("drag/commits-one-move", test_drag_commits_one_move);
  ADD_TEST ("drag/escape-cancels", test_escape_cancels);
  ADD_TEST ("drag/line-removed", test_line_removed_during_drag);
  ADD_TEST ("locked-line", test_locked_line);
  ADD_TEST ("store-edited-elsewhere", test_store_edited_elsewhere);
  ADD_TEST ("edit-refused", test_edit_refused);
  ADD_TEST ("click-selects", test_click_selects);
  ADD_TEST ("delete", test_delete);
  ADD_TEST ("undo-redo-chain", test_undo_redo_chain);
  ADD_TEST ("context-menu", test_context_menu);
  ADD_TEST ("cursor-names", test_cursor_names);
  ADD_TEST ("changed-emissions", test_changed_emissions);
  ADD_TEST ("fill-scene", test_fill_scene);

  return g_test_run ();
}
