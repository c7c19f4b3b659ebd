/* test-interaction-zones.c: the pins of the detected zones, through the pure state machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-interaction.h"
#include "wick-render-zones.h"

#include "test-interaction-utils.h"
#include "test-zone-utils.h"

#define SCALE 1000.0

/* The 60 hours and prices 80,000..130,000 (12 px a thousand), with the zones' pins. */
static void
zones_setup (Fixture       *fixture,
             gconstpointer  data)
{
  test_interaction_init (fixture, make_zone_series (SCALE), 80 * SCALE, 130 * SCALE, TRUE);
  fixture->zones = detect_zones (fixture->series);
  wick_interaction_set_zones (fixture->interaction, fixture->zones);
  /* Each test counts what it makes the interaction emit. */
  fixture_reset_counts (fixture);
}

/* The zone around 99,000. */
static int
support (Fixture *fixture)
{
  return zone_index_at (fixture->zones, 99 * SCALE);
}

/* The zone around 111,000. */
static int
resistance (Fixture *fixture)
{
  return zone_index_at (fixture->zones, 111 * SCALE);
}

static const WickZone *
fixture_zone (Fixture *fixture,
              int      index)
{
  return wick_zones_get_zone (fixture->zones, index);
}

/* The middle of zone @index's pin, which it must have. */
static void
pin_centre (Fixture *fixture,
            int      index,
            double  *x,
            double  *y)
{
  WickRect rect;

  g_assert_true (wick_render_zone_pin_rect (fixture->viewport, fixture->store,
                                            fixture_zone (fixture, index), &rect));
  *x = rect.x + rect.width / 2;
  *y = rect.y + rect.height / 2;
}

static char *
expected_label (const char     *kind,
                const WickZone *zone)
{
  char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (low, sizeof low, "%.2f", zone->low / 1000);
  g_ascii_formatd (high, sizeof high, "%.2f", zone->high / 1000);
  return g_strdup_printf ("%s zone %s–%sk", kind, low, high);
}

/* ---- tests ---- */

/* Over a pin: the pointer cursor and the pin hovered (a change of the static part); over
 * the band beside it: the crosshair, nothing hovered. */
static void
test_hover (Fixture       *fixture,
            gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  const WickZone *zone = fixture_zone (fixture, support (fixture));
  double x, y;
  WickScene scene;

  pin_centre (fixture, support (fixture), &x, &y);
  g_assert_cmpint (wick_interaction_hit_test_pin (interaction, x, y), ==, support (fixture));
  g_assert_cmpint (wick_interaction_hit_test_pin (interaction, x - 100, y), ==, -1);

  wick_interaction_motion (interaction, x, y, NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "pointer");
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, support (fixture));
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);

  wick_scene_init (&scene, NULL, NULL);
  wick_interaction_fill_scene (interaction, &scene);
  g_assert_true (scene.zones == fixture->zones);
  g_assert_true (scene.show_zone_pins);
  g_assert_cmpint (scene.hovered_zone, ==, support (fixture));

  /* Moving within the pin changes nothing. */
  fixture_reset_counts (fixture);
  wick_interaction_motion (interaction, x + 3, y - 3, NO_MODS);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* The band elsewhere is plain plot. */
  wick_interaction_motion (interaction, fixture->plot.x + 200,
                           wick_viewport_price_to_y (fixture->viewport, zone->mid), NO_MODS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "crosshair");
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, -1);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);

  /* The other zone's pin; then the pointer leaves. */
  pin_centre (fixture, resistance (fixture), &x, &y);
  wick_interaction_motion (interaction, x, y, NO_MODS);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, resistance (fixture));
  wick_interaction_leave (interaction);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, -1);
  g_assert_null (wick_interaction_get_cursor_name (interaction));
}

/* A click on a pin adds one line at the zone's centre, pinned from the zone and labelled
 * with it, as one undo step; the zone then has no pin. */
static void
test_click (Fixture       *fixture,
            gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  const WickZone *zone = fixture_zone (fixture, support (fixture));
  g_autofree char *label = expected_label ("Support", zone);
  const WickLevel *level;
  double x, y;

  pin_centre (fixture, support (fixture), &x, &y);
  g_assert_cmpint (wick_interaction_press (interaction, x, y, 1, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_ZONE_PIN);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "pointer");
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  wick_interaction_release (interaction, x, y, NO_MODS);

  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
  level = wick_level_store_get_level (fixture->store, 0);
  g_assert_cmpfloat (level->price, ==, zone->mid);
  g_assert_cmpint (level->origin, ==, WICK_LEVEL_ORIGIN_PINNED_ZONE);
  g_assert_cmpstr (level->label, ==, label);
  g_assert_cmpstr (level->label, ==, "Support zone 98.43–99.57k");
  g_assert_cmpuint (wick_interaction_get_selected_id (interaction), ==, level->id);

  /* The line is under the pointer now, and the pin is gone. */
  g_assert_cmpuint (wick_interaction_get_hovered_id (interaction), ==, level->id);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, -1);
  g_assert_cmpint (wick_interaction_hit_test_pin (interaction, x, y), ==, -1);

  /* One undo step takes it away and brings the pin back. */
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_UNDO, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_false (wick_level_store_can_undo (fixture->store));
  g_assert_cmpint (wick_interaction_hit_test_pin (interaction, x, y), ==, support (fixture));
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, support (fixture));
  g_assert_true (wick_interaction_key (interaction, WICK_INTERACTION_KEY_REDO, NO_MODS));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);

  /* The resistance zone's line says so. */
  g_clear_pointer (&label, g_free);
  zone = fixture_zone (fixture, resistance (fixture));
  label = expected_label ("Resistance", zone);
  pin_centre (fixture, resistance (fixture), &x, &y);
  click (fixture, x, y, NO_MODS);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);
  level = wick_level_store_get_level (fixture->store, 1);
  g_assert_cmpfloat (level->price, ==, zone->mid);
  g_assert_cmpstr (level->label, ==, label);
}

/* A double-click on a pin makes one line: the second press grabs the new line. */
static void
test_double_click (Fixture       *fixture,
                   gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double x, y;

  pin_centre (fixture, support (fixture), &x, &y);
  click (fixture, x, y, NO_MODS);
  g_assert_cmpint (wick_interaction_press (interaction, x, y, 1, 2, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_LINE);
  wick_interaction_release (interaction, x, y, NO_MODS);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
}

/* Only a release on the pin that was pressed counts, as with a button. */
static void
test_release_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double x, y;

  pin_centre (fixture, support (fixture), &x, &y);
  wick_interaction_press (interaction, x, y, 1, 1, NO_MODS);
  wick_interaction_motion (interaction, x - 30, y, NO_MODS);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, -1);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "pointer");
  wick_interaction_release (interaction, x - 30, y, NO_MODS);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "crosshair");

  /* Off and back on: it counts. */
  wick_interaction_press (interaction, x, y, 1, 1, NO_MODS);
  wick_interaction_motion (interaction, x - 30, y, NO_MODS);
  wick_interaction_motion (interaction, x + 2, y + 2, NO_MODS);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, support (fixture));
  wick_interaction_release (interaction, x + 2, y + 2, NO_MODS);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);

  /* Without a store, a pin is plain plot. */
  wick_interaction_set_level_store (interaction, NULL);
  pin_centre (fixture, resistance (fixture), &x, &y);
  g_assert_cmpint (wick_interaction_press (interaction, x, y, 1, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_PAN);
  wick_interaction_release (interaction, x, y, NO_MODS);
  wick_interaction_set_level_store (interaction, fixture->store);
}

/* The band does not take the pointer: a press on it away from the pin pans. */
static void
test_band_pans (Fixture       *fixture,
                gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  const WickZone *zone = fixture_zone (fixture, support (fixture));
  double x = fixture->plot.x + 300;
  double y = wick_viewport_price_to_y (fixture->viewport, zone->mid);
  double from_ms, to_ms, from_after, to_after;

  wick_viewport_get_time_range (fixture->viewport, &from_ms, &to_ms);
  g_assert_cmpint (wick_interaction_press (interaction, x, y, 1, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_PAN);
  wick_interaction_motion (interaction, x + 20, y, NO_MODS);
  wick_interaction_motion (interaction, x + 50, y, NO_MODS);
  g_assert_true (wick_interaction_is_panning (interaction));
  wick_interaction_release (interaction, x + 50, y, NO_MODS);

  wick_viewport_get_time_range (fixture->viewport, &from_after, &to_after);
  g_assert_cmpfloat (from_after, <, from_ms);
  g_assert_cmpfloat_with_epsilon (to_after - from_after, to_ms - from_ms, 1);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
}

/* A line within reach of the pointer wins over a pin under it. */
static void
test_line_wins (Fixture       *fixture,
                gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  const WickZone *zone = fixture_zone (fixture, support (fixture));
  g_autoptr(GError) error = NULL;
  double x, y, line_y;
  guint32 id;

  /* 5 px a thousand: the band is under 3 px either side of its centre, the pin 7. */
  wick_viewport_set_price_range (fixture->viewport, 40 * SCALE, 160 * SCALE);
  id = wick_level_store_add (fixture->store, zone->mid + SCALE, NULL, WICK_LEVEL_ORIGIN_USER,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (zone->mid + SCALE, >, zone->high);

  pin_centre (fixture, support (fixture), &x, &y);
  line_y = wick_viewport_price_to_y (fixture->viewport, zone->mid + SCALE);
  g_assert_cmpfloat (fabs (line_y - y), <=, WICK_INTERACTION_HIT_DISTANCE);

  wick_interaction_motion (interaction, x, y, NO_MODS);
  g_assert_cmpuint (wick_interaction_get_hovered_id (interaction), ==, id);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, -1);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "row-resize");
  g_assert_cmpint (wick_interaction_press (interaction, x, y, 1, 1, NO_MODS), ==,
                   WICK_INTERACTION_PRESS_LINE);
  wick_interaction_release (interaction, x, y, NO_MODS);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);

  /* At the bottom of the pin the line is out of reach: the pin's. */
  wick_interaction_motion (interaction, x, y + 6, NO_MODS);
  g_assert_cmpuint (wick_interaction_get_hovered_id (interaction), ==, 0);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, support (fixture));
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "pointer");
}

/* New zones end a press on a pin and find the pin under the pointer again; none, none. */
static void
test_set_zones (Fixture       *fixture,
                gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  g_autoptr(WickZones) again = detect_zones (fixture->series);
  double x, y;

  pin_centre (fixture, support (fixture), &x, &y);
  wick_interaction_motion (interaction, x, y, NO_MODS);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, support (fixture));

  fixture_reset_counts (fixture);
  wick_interaction_set_zones (interaction, again);
  g_assert_true (wick_interaction_get_zones (interaction) == again);
  g_assert_cmpuint (fixture->n_static_changed, ==, 1);
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, support (fixture));

  wick_interaction_press (interaction, x, y, 1, 1, NO_MODS);
  wick_interaction_set_zones (interaction, NULL);
  g_assert_null (wick_interaction_get_zones (interaction));
  g_assert_cmpint (wick_interaction_get_hovered_pin (interaction), ==, -1);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "crosshair");
  wick_interaction_release (interaction, x, y, NO_MODS);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_cmpint (wick_interaction_hit_test_pin (interaction, x, y), ==, -1);
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/interaction-zones/" path, Fixture, NULL, zones_setup, func, \
              fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("hover", test_hover);
  ADD_TEST ("click", test_click);
  ADD_TEST ("double-click", test_double_click);
  ADD_TEST ("release-elsewhere", test_release_elsewhere);
  ADD_TEST ("band-pans", test_band_pans);
  ADD_TEST ("line-wins", test_line_wins);
  ADD_TEST ("set-zones", test_set_zones);

  return g_test_run ();
}
