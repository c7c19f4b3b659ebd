/* test-interaction-keyboard.c: the price lines from the keyboard, through the pure state
 * machine: the order Alt+Up and Alt+Down walk, moves with Up and Down, the menu and Enter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-interaction.h"

#include <math.h>

#include "test-interaction-utils.h"

#define ABOVE   WICK_INTERACTION_KEY_SELECT_ABOVE
#define BELOW   WICK_INTERACTION_KEY_SELECT_BELOW
#define UP      WICK_INTERACTION_KEY_LINE_UP
#define DOWN    WICK_INTERACTION_KEY_LINE_DOWN

/* The fixture's price axis: ticks every 5 (50 dollars over 600 px, 40 px apart at least). */
#define TICK    5.0

/* ---- helpers ---- */

static double
drag_price (Fixture *fixture)
{
  double price = 0;

  g_assert_true (wick_interaction_get_drag (fixture->interaction, NULL, &price));
  return price;
}

static gboolean
key (Fixture                  *fixture,
     WickInteractionKey        key,
     WickInteractionModifiers  modifiers)
{
  return wick_interaction_key (fixture->interaction, key, modifiers);
}

static guint32
selected (Fixture *fixture)
{
  return wick_interaction_get_selected_id (fixture->interaction);
}

/* ---- the order of the lines ---- */

/* Ids 1 … 6 at these prices: two at 120, one exactly in the middle of the plot (105). */
static const double order_prices[] = { 100, 120, 90, 120, 110, 105 };

/* Every line from the bottom up: price, then id at one price. */
static const guint32 order_up[] = { 3, 1, 6, 5, 2, 4 };

static void
test_adjacent_order (Fixture       *fixture,
                     gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  guint n = G_N_ELEMENTS (order_up);

  fixture_set_lines (fixture, order_prices, G_N_ELEMENTS (order_prices), 0);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (wick_interaction_find_adjacent (interaction, order_up[i], 1), ==,
                        i + 1 < n ? order_up[i + 1] : 0);
      g_assert_cmpuint (wick_interaction_find_adjacent (interaction, order_up[i], -1), ==,
                        i > 0 ? order_up[i - 1] : 0);
    }

  /* From the middle of the plot (105), the line there is next both ways … */
  g_assert_cmpuint (wick_interaction_find_adjacent (interaction, 0, 1), ==, 6);
  g_assert_cmpuint (wick_interaction_find_adjacent (interaction, 0, -1), ==, 6);
  /* … and an unknown id starts there too. */
  g_assert_cmpuint (wick_interaction_find_adjacent (interaction, 99, 1), ==, 6);

  /* Without it, the nearest on either side. */
  g_assert_true (wick_level_store_remove (fixture->store, 6, NULL));
  g_assert_cmpuint (wick_interaction_find_adjacent (interaction, 0, 1), ==, 5);
  g_assert_cmpuint (wick_interaction_find_adjacent (interaction, 0, -1), ==, 1);

  /* No lines, no store: none. */
  fixture_set_lines (fixture, NULL, 0, 0);
  g_assert_cmpuint (wick_interaction_find_adjacent (interaction, 0, 1), ==, 0);
  wick_interaction_set_level_store (interaction, NULL);
  g_assert_cmpuint (wick_interaction_find_adjacent (interaction, 0, -1), ==, 0);
  g_assert_false (key (fixture, ABOVE, NO_MODS));
}

static void
test_select_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  guint n = G_N_ELEMENTS (order_up);

  /* Line 5 (110) is locked: it is chosen like any other. */
  fixture_set_lines (fixture, order_prices, G_N_ELEMENTS (order_prices), 1 << 4);

  /* Up from the middle, then line after line to the top, where it stops. */
  g_assert_cmpuint (selected (fixture), ==, 0);
  g_assert_true (key (fixture, ABOVE, NO_MODS));
  g_assert_cmpuint (selected (fixture), ==, 6);
  for (guint i = 3; i < n; i++)
    {
      g_assert_true (key (fixture, ABOVE, NO_MODS));
      g_assert_cmpuint (selected (fixture), ==, order_up[i]);
    }
  fixture_reset_counts (fixture);
  g_assert_false (key (fixture, ABOVE, NO_MODS));
  g_assert_cmpuint (selected (fixture), ==, order_up[n - 1]);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* And back down to the bottom, where it stops too; no line was moved or added. */
  for (guint i = n - 1; i > 0; i--)
    {
      g_assert_true (key (fixture, BELOW, NO_MODS));
      g_assert_cmpuint (selected (fixture), ==, order_up[i - 1]);
    }
  g_assert_false (key (fixture, BELOW, NO_MODS));
  g_assert_cmpuint (selected (fixture), ==, order_up[0]);
  g_assert_false (wick_level_store_can_undo (fixture->store));

  /* A selection is a change of the static part, as a click's is. */
  fixture_reset_counts (fixture);
  g_assert_true (key (fixture, ABOVE, NO_MODS));
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);

  /* Not while a line is held with the pointer. */
  wick_interaction_press (fixture->interaction, 400, y_of (fixture, 120), 1, 1, NO_MODS);
  g_assert_false (key (fixture, ABOVE, NO_MODS));
  wick_interaction_release (fixture->interaction, 400, y_of (fixture, 120), NO_MODS);
}

/* A line chosen beyond the plot is brought just inside it; the prices stop following the
 * candles. */
static void
test_select_reveals (Fixture       *fixture,
                     gconstpointer  data)
{
  static const double prices[] = { 100, 200, 20 };
  double low, high;

  fixture_set_lines (fixture, prices, G_N_ELEMENTS (prices), 0);
  wick_viewport_set_auto_price (fixture->viewport, TRUE);
  wick_viewport_set_price_range (fixture->viewport, 80, 130);

  wick_interaction_select (fixture->interaction, 1);
  g_assert_true (key (fixture, ABOVE, NO_MODS));
  g_assert_cmpuint (selected (fixture), ==, 2);
  g_assert_false (wick_viewport_get_auto_price (fixture->viewport));
  g_assert_cmpfloat_with_epsilon (y_of (fixture, 200),
                                  fixture->plot.y + WICK_INTERACTION_REVEAL_MARGIN, 1e-6);
  wick_viewport_get_price_range (fixture->viewport, &low, &high);
  g_assert_cmpfloat_with_epsilon (high - low, 50, 1e-9);

  /* Down past the middle line to the one below the plot. */
  g_assert_true (key (fixture, BELOW, NO_MODS));
  g_assert_true (key (fixture, BELOW, NO_MODS));
  g_assert_cmpuint (selected (fixture), ==, 3);
  g_assert_cmpfloat_with_epsilon (y_of (fixture, 20),
                                  fixture->plot.y + fixture->plot.height -
                                  WICK_INTERACTION_REVEAL_MARGIN, 1e-6);

  /* A line in view moves nothing. */
  wick_viewport_set_price_range (fixture->viewport, 80, 130);
  g_assert_true (key (fixture, ABOVE, NO_MODS));
  g_assert_cmpuint (selected (fixture), ==, 1);
  wick_viewport_get_price_range (fixture->viewport, &low, &high);
  g_assert_cmpfloat (low, ==, 80);
  g_assert_cmpfloat (high, ==, 130);
}

/* ---- moving a line ---- */

static void
test_step_price (Fixture       *fixture,
                 gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double price;

  /* A tick step either way, from on a tick or between two. */
  g_assert_cmpfloat_with_epsilon (wick_interaction_step_price (interaction, 100, 1, FALSE),
                                  100 + TICK, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_interaction_step_price (interaction, 100, -1, FALSE),
                                  100 - TICK, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_interaction_step_price (interaction, 101.3, 1, FALSE),
                                  101.3 + TICK, 1e-9);
  /* Beyond the axis's ticks, the nearest gap's. */
  g_assert_cmpfloat_with_epsilon (wick_interaction_step_price (interaction, 300, 1, FALSE),
                                  300 + TICK, 1e-9);

  /* A pixel: 1/12 of a dollar here. */
  g_assert_cmpfloat_with_epsilon (wick_interaction_step_price (interaction, 100, 1, TRUE),
                                  100 + 1.0 / 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_interaction_step_price (interaction, 100, -1, TRUE),
                                  100 - 1.0 / 12, 1e-9);

  /* On a log scale from 10 to 1,000 the ticks widen up the axis: a step below 100 is
   * smaller than a step above it, and a pixel is still a pixel. */
  wick_viewport_set_log_scale (fixture->viewport, TRUE);
  wick_viewport_set_price_range (fixture->viewport, 10, 1000);
  g_assert_cmpfloat (100 - wick_interaction_step_price (interaction, 100, -1, FALSE), <,
                     wick_interaction_step_price (interaction, 100, 1, FALSE) - 100);
  price = wick_interaction_step_price (interaction, 100, 1, TRUE);
  g_assert_cmpfloat_with_epsilon (y_of (fixture, price), y_of (fixture, 100) - 1, 1e-6);
}

/* Up and Down move a preview; the release commits it as one move, one undo step. */
static void
test_nudge_commits_one_move (Fixture       *fixture,
                             gconstpointer  data)
{
  static const double prices[] = { 100, 120 };
  guint32 id;

  fixture_set_lines (fixture, prices, G_N_ELEMENTS (prices), 0);

  /* Nothing selected: the keys are not ours. */
  g_assert_false (key (fixture, UP, NO_MODS));
  g_assert_false (wick_interaction_is_dragging (fixture->interaction));

  wick_interaction_select (fixture->interaction, 1);
  fixture_reset_counts (fixture);
  g_assert_true (key (fixture, UP, NO_MODS));
  /* The line leaves the static part for the overlay. */
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);
  g_assert_true (wick_interaction_get_drag (fixture->interaction, &id, NULL));
  g_assert_cmpuint (id, ==, 1);
  g_assert_cmpfloat_with_epsilon (drag_price (fixture), 100 + TICK, 1e-9);

  /* Repeats move the preview only: the overlay is redrawn, the store is not touched. */
  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (key (fixture, DOWN, NO_MODS));
  g_assert_cmpuint (fixture->n_changed, ==, 4);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);
  g_assert_cmpfloat_with_epsilon (drag_price (fixture), 100 + 2 * TICK, 1e-9);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));

  /* Another key going up leaves it be. */
  wick_interaction_key_release (fixture->interaction, WICK_INTERACTION_KEY_DELETE);
  g_assert_true (wick_interaction_is_dragging (fixture->interaction));

  wick_interaction_key_release (fixture->interaction, UP);
  g_assert_false (wick_interaction_is_dragging (fixture->interaction));
  g_assert_cmpfloat_with_epsilon (price_of (fixture, 1), 100 + 2 * TICK, 1e-9);
  g_assert_cmpuint (selected (fixture), ==, 1);

  g_assert_true (key (fixture, WICK_INTERACTION_KEY_UNDO, NO_MODS));
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));

  /* Shift: one pixel at a time. */
  g_assert_true (key (fixture, DOWN, SHIFT));
  g_assert_true (key (fixture, DOWN, SHIFT));
  wick_interaction_key_release (fixture->interaction, DOWN);
  g_assert_cmpfloat_with_epsilon (price_of (fixture, 1), 100 - 2.0 / 12, 1e-9);

  /* A move that comes back where it started is no edit. */
  g_assert_true (key (fixture, WICK_INTERACTION_KEY_UNDO, NO_MODS));
  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (key (fixture, DOWN, NO_MODS));
  wick_interaction_key_release (fixture->interaction, DOWN);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));
}

/* Whatever ends a move with the arrows: Escape puts the line back; the focus leaving, a
 * press, another key or a selection from elsewhere commit it first. */
typedef enum
{
  END_ESCAPE,
  END_FOCUS_OUT,
  END_PRESS,
  END_OTHER_KEY,
  END_SELECT,
} EndHow;

static const struct {
  const char *name;
  EndHow      how;
} end_cases[] = {
  { "escape", END_ESCAPE },
  { "focus-out", END_FOCUS_OUT },
  { "press", END_PRESS },
  { "other-key", END_OTHER_KEY },
  { "select", END_SELECT },
};

static void
test_nudge_ends (Fixture       *fixture,
                 gconstpointer  data)
{
  static const double prices[] = { 100, 120 };

  for (guint i = 0; i < G_N_ELEMENTS (end_cases); i++)
    {
      gboolean commits = end_cases[i].how != END_ESCAPE;

      g_test_message ("case %s", end_cases[i].name);
      fixture_set_lines (fixture, prices, G_N_ELEMENTS (prices), 0);
      wick_interaction_select (fixture->interaction, 1);
      g_assert_true (key (fixture, UP, NO_MODS));

      switch (end_cases[i].how)
        {
        case END_ESCAPE:
          g_assert_true (key (fixture, WICK_INTERACTION_KEY_ESCAPE, NO_MODS));
          /* The line stays selected; a second Escape clears it. */
          g_assert_cmpuint (selected (fixture), ==, 1);
          break;

        case END_FOCUS_OUT:
          wick_interaction_focus_out (fixture->interaction);
          break;

        case END_PRESS:
          /* On empty plot: a click that clears the selection, after the commit. */
          wick_interaction_press (fixture->interaction, 400, y_of (fixture, 85), 1, 1, NO_MODS);
          wick_interaction_release (fixture->interaction, 400, y_of (fixture, 85), NO_MODS);
          g_assert_cmpuint (selected (fixture), ==, 0);
          break;

        case END_OTHER_KEY:
          g_assert_true (key (fixture, ABOVE, NO_MODS));
          g_assert_cmpuint (selected (fixture), ==, 2);
          break;

        case END_SELECT:
          wick_interaction_select (fixture->interaction, 2);
          break;

        default:
          g_assert_not_reached ();
        }

      g_assert_false (wick_interaction_is_dragging (fixture->interaction));
      g_assert_cmpfloat_with_epsilon (price_of (fixture, 1), commits ? 100 + TICK : 100, 1e-9);
      g_assert_true (wick_level_store_can_undo (fixture->store) == commits);

      /* The release that comes later finds nothing to commit. */
      wick_interaction_key_release (fixture->interaction, UP);
      g_assert_cmpfloat_with_epsilon (price_of (fixture, 1), commits ? 100 + TICK : 100, 1e-9);
    }
}

/* Delete and Undo while Up is held apply to the committed move. */
static void
test_nudge_then_edit (Fixture       *fixture,
                      gconstpointer  data)
{
  static const double prices[] = { 100 };

  fixture_set_lines (fixture, prices, G_N_ELEMENTS (prices), 0);
  wick_interaction_select (fixture->interaction, 1);

  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (key (fixture, WICK_INTERACTION_KEY_UNDO, NO_MODS));
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_interaction_is_dragging (fixture->interaction));

  g_assert_true (key (fixture, DOWN, NO_MODS));
  g_assert_true (key (fixture, WICK_INTERACTION_KEY_DELETE, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_true (key (fixture, WICK_INTERACTION_KEY_UNDO, NO_MODS));
  g_assert_cmpfloat_with_epsilon (price_of (fixture, 1), 100 - TICK, 1e-9);
}

/* A locked line can be chosen but not moved: the first press says why, the repeats of the
 * held key do not say it again. */
static void
test_nudge_locked (Fixture       *fixture,
                   gconstpointer  data)
{
  static const double prices[] = { 100, 120 };

  fixture_set_lines (fixture, prices, G_N_ELEMENTS (prices), 1 << 0);
  g_assert_true (key (fixture, BELOW, NO_MODS));
  g_assert_cmpuint (selected (fixture), ==, 1);

  fixture_reset_counts (fixture);
  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (key (fixture, UP, SHIFT));
  g_assert_false (wick_interaction_is_dragging (fixture->interaction));
  g_assert_cmpuint (fixture->n_edit_failed, ==, 1);
  g_assert_error (fixture->edit_error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_LOCKED);
  wick_interaction_key_release (fixture->interaction, UP);

  /* Pressed again, it says so again. */
  g_assert_true (key (fixture, DOWN, NO_MODS));
  g_assert_cmpuint (fixture->n_edit_failed, ==, 2);
  wick_interaction_key_release (fixture->interaction, DOWN);
  g_assert_cmpfloat (price_of (fixture, 1), ==, 100);
  g_assert_false (wick_level_store_can_undo (fixture->store));

  /* Locked while Up is held on it (from its menu): the line goes back, nothing commits. */
  g_assert_true (key (fixture, ABOVE, NO_MODS));
  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (wick_level_store_set_locked (fixture->store, 2, TRUE, NULL));
  g_assert_false (wick_interaction_is_dragging (fixture->interaction));
  wick_interaction_key_release (fixture->interaction, UP);
  g_assert_cmpfloat (price_of (fixture, 2), ==, 120);

  /* Removed while Up is held on it: likewise. */
  g_assert_true (wick_level_store_set_locked (fixture->store, 2, FALSE, NULL));
  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (wick_level_store_remove (fixture->store, 2, NULL));
  g_assert_false (wick_interaction_is_dragging (fixture->interaction));
  wick_interaction_key_release (fixture->interaction, UP);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
}

/* A line moved past the top of the plot takes the prices with it; a linear scale stops a
 * line above zero. */
static void
test_nudge_edges (Fixture       *fixture,
                  gconstpointer  data)
{
  static const double prices[] = { 128, 3 };

  fixture_set_lines (fixture, prices, G_N_ELEMENTS (prices), 0);
  wick_interaction_select (fixture->interaction, 1);

  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_cmpfloat_with_epsilon (drag_price (fixture), 128 + TICK, 1e-9);
  g_assert_cmpfloat_with_epsilon (y_of (fixture, 128 + TICK),
                                  fixture->plot.y + WICK_INTERACTION_REVEAL_MARGIN, 1e-6);
  wick_interaction_key_release (fixture->interaction, UP);
  g_assert_cmpfloat_with_epsilon (price_of (fixture, 1), 128 + TICK, 1e-9);

  wick_interaction_select (fixture->interaction, 2);
  wick_viewport_set_price_range (fixture->viewport, -20, 30);
  g_assert_true (key (fixture, DOWN, NO_MODS));
  g_assert_cmpfloat (drag_price (fixture), ==, 3);
  wick_interaction_key_release (fixture->interaction, DOWN);
  g_assert_cmpfloat (price_of (fixture, 2), ==, 3);
}

/* ---- menu and label ---- */

static void
test_menu_and_activate (Fixture       *fixture,
                        gconstpointer  data)
{
  static const double prices[] = { 100, 120 };

  fixture_set_lines (fixture, prices, G_N_ELEMENTS (prices), 0);

  /* Nothing selected: neither is ours. */
  g_assert_false (key (fixture, WICK_INTERACTION_KEY_MENU, NO_MODS));
  g_assert_false (key (fixture, WICK_INTERACTION_KEY_ACTIVATE, NO_MODS));
  g_assert_cmpuint (fixture->n_context_menus, ==, 0);
  g_assert_cmpuint (fixture->n_activated, ==, 0);

  /* At the line, in the middle of the plot with no pointer over it. */
  wick_interaction_select (fixture->interaction, 2);
  g_assert_true (key (fixture, WICK_INTERACTION_KEY_MENU, NO_MODS));
  g_assert_cmpuint (fixture->n_context_menus, ==, 1);
  g_assert_cmpuint (fixture->menu_id, ==, 2);
  g_assert_cmpfloat (fixture->menu_x, ==, fixture->plot.x + fixture->plot.width / 2);
  g_assert_cmpfloat (fixture->menu_y, ==, y_of (fixture, 120));

  /* Under the pointer when it is over the plot. */
  wick_interaction_motion (fixture->interaction, 123, 456, NO_MODS);
  g_assert_true (key (fixture, WICK_INTERACTION_KEY_MENU, NO_MODS));
  g_assert_cmpfloat (fixture->menu_x, ==, 123);
  g_assert_cmpfloat (fixture->menu_y, ==, y_of (fixture, 120));

  /* While Up is held, the move is committed first and the menu is at the line's new place. */
  g_assert_true (key (fixture, UP, NO_MODS));
  g_assert_true (key (fixture, WICK_INTERACTION_KEY_MENU, NO_MODS));
  g_assert_cmpfloat (price_of (fixture, 2), ==, 120 + TICK);
  g_assert_cmpfloat (fixture->menu_y, ==, y_of (fixture, 120 + TICK));

  g_assert_true (key (fixture, WICK_INTERACTION_KEY_ACTIVATE, NO_MODS));
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpuint (fixture->activated_id, ==, 2);
  g_assert_cmpuint (fixture->n_context_menus, ==, 3);
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/interaction-keyboard/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("adjacent-order", test_adjacent_order);
  ADD_TEST ("select-keys", test_select_keys);
  ADD_TEST ("select-reveals", test_select_reveals);
  ADD_TEST ("step-price", test_step_price);
  ADD_TEST ("nudge/commits-one-move", test_nudge_commits_one_move);
  ADD_TEST ("nudge/ends", test_nudge_ends);
  ADD_TEST ("nudge/then-edit", test_nudge_then_edit);
  ADD_TEST ("nudge/locked", test_nudge_locked);
  ADD_TEST ("nudge/edges", test_nudge_edges);
  ADD_TEST ("menu-and-activate", test_menu_and_activate);

  return g_test_run ();
}
