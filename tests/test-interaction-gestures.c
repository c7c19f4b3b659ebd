/* test-interaction-gestures.c: pans, zooms and press counting, through the state machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-interaction.h"

#include <math.h>

#include "test-interaction-utils.h"

#define CONTROL WICK_INTERACTION_MODIFIER_CONTROL
#define WHEEL   WICK_INTERACTION_SCROLL_WHEEL
#define SURFACE WICK_INTERACTION_SCROLL_SURFACE

/* Where the axes are in the fixture's 876 × 626 widget. */
#define PRICE_AXIS_X 850.0
#define TIME_AXIS_Y  610.0

/* The desktop's double-click settings, as GTK's defaults. */
#define DOUBLE_CLICK_MS 400
#define DOUBLE_CLICK_PX 5.0

/* ---- set-up ---- */

/* The 40 hours (20 px an hour, 3 minutes a pixel) and prices 80..130 (12 px a dollar), with
 * automatic price scaling off, and no lines. */
static void
gestures_setup (Fixture       *fixture,
                gconstpointer  data)
{
  test_interaction_init (fixture, test_interaction_make_series (), 80, 130, FALSE);
  fixture->time_ms = 1000000;
}

static double
time_from (Fixture *fixture)
{
  double from_ms, to_ms;

  wick_viewport_get_time_range (fixture->viewport, &from_ms, &to_ms);
  return from_ms;
}

static double
time_span (Fixture *fixture)
{
  double from_ms, to_ms;

  wick_viewport_get_time_range (fixture->viewport, &from_ms, &to_ms);
  return to_ms - from_ms;
}

static void
assert_prices (Fixture *fixture,
               double   low,
               double   high)
{
  double l, h;

  wick_viewport_get_price_range (fixture->viewport, &l, &h);
  g_assert_cmpfloat_with_epsilon (l, low, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, high, 1e-9);
}

/* Two viewports show the same. */
static void
assert_same_view (WickViewport *a,
                  WickViewport *b)
{
  double a0, a1, b0, b1;

  wick_viewport_get_time_range (a, &a0, &a1);
  wick_viewport_get_time_range (b, &b0, &b1);
  g_assert_cmpfloat_with_epsilon (a0, b0, 1e-3);
  g_assert_cmpfloat_with_epsilon (a1, b1, 1e-3);
  wick_viewport_get_price_range (a, &a0, &a1);
  wick_viewport_get_price_range (b, &b0, &b1);
  g_assert_cmpfloat_with_epsilon (a0, b0, 1e-9);
  g_assert_cmpfloat_with_epsilon (a1, b1, 1e-9);
  g_assert_cmpint (wick_viewport_get_auto_price (a), ==, wick_viewport_get_auto_price (b));
}

/* A primary press as the widget makes it: counted, @after_ms after the previous one. */
static WickInteractionPress
press (Fixture *fixture,
       double   x,
       double   y,
       gint64   after_ms)
{
  int n_press;

  fixture->time_ms += after_ms;
  n_press = wick_interaction_count_press (fixture->interaction, fixture->time_ms, x, y,
                                          DOUBLE_CLICK_MS, DOUBLE_CLICK_PX);

  return wick_interaction_press (fixture->interaction, x, y, 1, n_press, NO_MODS);
}

/* Press at (@x0, @y0), move in ten steps to (@x1, @y1), release there. */
static void
drag (Fixture *fixture,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  int i;

  press (fixture, x0, y0, 10000);
  for (i = 1; i <= 10; i++)
    wick_interaction_motion (fixture->interaction,
                             x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10, NO_MODS);
  wick_interaction_release (fixture->interaction, x1, y1, NO_MODS);
}

/* ---- press counting ---- */

typedef struct
{
  const char *name;
  gint64      after_ms;      /* after the first press */
  double      dx;            /* and this far from it */
  double      dy;
  int         expected;      /* n_press of the second press */
} CountCase;

static const CountCase count_cases[] = {
  { "quick-and-near", 200, 2, -2, 2 },
  { "at-the-time-limit", DOUBLE_CLICK_MS, 0, 0, 2 },
  { "too-slow", DOUBLE_CLICK_MS + 1, 0, 0, 1 },
  { "at-the-distance-limit", 100, DOUBLE_CLICK_PX, -DOUBLE_CLICK_PX, 2 },
  { "too-far-sideways", 100, DOUBLE_CLICK_PX + 1, 0, 1 },
  { "too-far-down", 100, 0, DOUBLE_CLICK_PX + 1, 1 },
};

static void
test_count_press (Fixture       *fixture,
                  gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  gint64 t = 5000;
  guint i;

  /* The very first press is a single one, whatever the clock says. */
  g_assert_cmpint (wick_interaction_count_press (interaction, 0, 0, 0, DOUBLE_CLICK_MS,
                                                 DOUBLE_CLICK_PX), ==, 1);

  for (i = 0; i < G_N_ELEMENTS (count_cases); i++)
    {
      const CountCase *c = &count_cases[i];

      g_test_message ("case %s", c->name);
      t += 10000;
      g_assert_cmpint (wick_interaction_count_press (interaction, t, 300, 300,
                                                     DOUBLE_CLICK_MS, DOUBLE_CLICK_PX), ==, 1);
      g_assert_cmpint (wick_interaction_count_press (interaction, t + c->after_ms,
                                                     300 + c->dx, 300 + c->dy,
                                                     DOUBLE_CLICK_MS, DOUBLE_CLICK_PX),
                       ==, c->expected);
    }

  /* A triple click counts on; each press is measured from the one before. */
  t += 10000;
  g_assert_cmpint (wick_interaction_count_press (interaction, t, 100, 100, 400, 5), ==, 1);
  g_assert_cmpint (wick_interaction_count_press (interaction, t + 300, 104, 100, 400, 5), ==, 2);
  g_assert_cmpint (wick_interaction_count_press (interaction, t + 600, 108, 100, 400, 5), ==, 3);
  g_assert_cmpint (wick_interaction_count_press (interaction, t + 1100, 108, 100, 400, 5), ==, 1);

  /* The desktop's settings are what counts. */
  t += 10000;
  g_assert_cmpint (wick_interaction_count_press (interaction, t, 100, 100, 400, 5), ==, 1);
  g_assert_cmpint (wick_interaction_count_press (interaction, t + 600, 110, 100, 800, 20), ==, 2);
}

/* ---- dragging the plot and the axes ---- */

static void
test_pan_drag (Fixture       *fixture,
               gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double time_at_press = wick_viewport_x_to_time (fixture->viewport, 400);

  /* 60 px right and 30 px down: 3 hours earlier, and 2.5 dollars higher. */
  g_assert_cmpint (press (fixture, 400, 300, 0), ==, WICK_INTERACTION_PRESS_PAN);
  g_assert_true (wick_interaction_is_panning (interaction));
  wick_interaction_motion (interaction, 430, 315, NO_MODS);
  wick_interaction_motion (interaction, 460, 330, NO_MODS);
  /* The same position again (a second source of events): nothing more. */
  wick_interaction_motion (interaction, 460, 330, NO_MODS);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 - 3 * HOUR_MS, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);
  assert_prices (fixture, 82.5, 132.5);
  /* The time under the pointer followed it. */
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 460),
                                  time_at_press, 1e-3);

  /* The release moves nothing more. */
  wick_interaction_release (interaction, 460, 330, NO_MODS);
  g_assert_false (wick_interaction_is_panning (interaction));
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 - 3 * HOUR_MS, 1e-3);

  /* Hovering afterwards pans nothing. */
  wick_interaction_motion (interaction, 100, 100, NO_MODS);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 - 3 * HOUR_MS, 1e-3);

  /* With automatic price scaling, prices follow the candles, not the pointer. */
  wick_viewport_set_auto_price (fixture->viewport, TRUE);
  wick_viewport_fit_prices (fixture->viewport, fixture->series);
  {
    g_autoptr(WickViewport) expected = wick_viewport_dup (fixture->viewport);

    drag (fixture, 400, 300, 360, 400);
    wick_viewport_pan (expected, -40, 0);
    wick_viewport_fit_prices (expected, fixture->series);
    assert_same_view (fixture->viewport, expected);
  }

  /* A cancelled pan stops following the pointer. */
  press (fixture, 400, 300, 10000);
  wick_interaction_cancel (interaction);
  {
    double from_ms = time_from (fixture);

    wick_interaction_motion (interaction, 500, 300, NO_MODS);
    g_assert_cmpfloat (time_from (fixture), ==, from_ms);
  }
}

static void
test_pan_clamped (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Dragged 800 px right, the first candle would leave the plot; the pan stops where 20 %
   * of the plot (8 hours) is still covered by candles. */
  drag (fixture, 50, 300, 850, 300);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 - 32 * HOUR_MS, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);

  /* The other way, likewise. */
  drag (fixture, 790, 300, 10, 300);
  drag (fixture, 790, 300, 10, 300);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 + 32 * HOUR_MS, 1e-3);

  /* And so from the keyboard and the wheel. */
  wick_interaction_pan_step (fixture->interaction, 3);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 + 32 * HOUR_MS, 1e-3);
  wick_interaction_scroll (fixture->interaction, 0, -30, WHEEL, SHIFT);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 - 32 * HOUR_MS, 1e-3);
}

static void
test_price_axis_drag (Fixture       *fixture,
                      gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;

  /* 150 px down halves the scale around the middle of the plot (105). */
  wick_viewport_set_auto_price (fixture->viewport, TRUE);
  wick_viewport_set_price_range (fixture->viewport, 80, 130);
  g_assert_cmpint (press (fixture, PRICE_AXIS_X, 200, 0), ==,
                   WICK_INTERACTION_PRESS_PRICE_AXIS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "ns-resize");
  wick_interaction_motion (interaction, PRICE_AXIS_X, 275, NO_MODS);
  wick_interaction_motion (interaction, PRICE_AXIS_X - 40, 350, NO_MODS);
  assert_prices (fixture, 55, 155);
  g_assert_false (wick_viewport_get_auto_price (fixture->viewport));
  /* The time axis stays. */
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);

  /* Back up 150 px: back to where it was. */
  wick_interaction_motion (interaction, PRICE_AXIS_X, 200, NO_MODS);
  assert_prices (fixture, 80, 130);
  wick_interaction_release (interaction, PRICE_AXIS_X, 200, NO_MODS);

  /* Up zooms in. */
  drag (fixture, PRICE_AXIS_X, 300, PRICE_AXIS_X, 150);
  assert_prices (fixture, 92.5, 117.5);
}

static void
test_time_axis_drag (Fixture       *fixture,
                     gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double time_at_edge = wick_viewport_x_to_time (fixture->viewport, fixture->plot.width);

  /* 150 px right halves the span around the plot's right edge; prices stay. */
  g_assert_cmpint (press (fixture, 300, TIME_AXIS_Y, 0), ==, WICK_INTERACTION_PRESS_TIME_AXIS);
  g_assert_cmpstr (wick_interaction_get_cursor_name (interaction), ==, "ew-resize");
  wick_interaction_motion (interaction, 375, TIME_AXIS_Y, NO_MODS);
  wick_interaction_motion (interaction, 450, TIME_AXIS_Y - 100, NO_MODS);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS / 2, 1e-3);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport,
                                                           fixture->plot.width),
                                  time_at_edge, 1e-3);
  assert_prices (fixture, 80, 130);
  wick_interaction_release (interaction, 450, TIME_AXIS_Y, NO_MODS);

  /* Left zooms out; with automatic price scaling the prices follow. */
  wick_viewport_set_auto_price (fixture->viewport, TRUE);
  drag (fixture, 450, TIME_AXIS_Y, 300, TIME_AXIS_Y);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);
  {
    g_autoptr(WickViewport) expected = wick_viewport_dup (fixture->viewport);

    wick_viewport_fit_prices (expected, fixture->series);
    assert_same_view (fixture->viewport, expected);
  }
}

static void
test_price_axis_double_click (Fixture       *fixture,
                              gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  g_autoptr(WickViewport) expected = NULL;

  /* Zoomed by hand (auto price off), then a double-click on the price axis. */
  drag (fixture, PRICE_AXIS_X, 300, PRICE_AXIS_X, 400);
  g_assert_false (wick_viewport_get_auto_price (fixture->viewport));
  expected = wick_viewport_dup (fixture->viewport);
  wick_viewport_set_auto_price (expected, TRUE);
  wick_viewport_fit_prices (expected, fixture->series);

  g_assert_cmpint (press (fixture, PRICE_AXIS_X, 250, 1000), ==,
                   WICK_INTERACTION_PRESS_PRICE_AXIS);
  wick_interaction_release (interaction, PRICE_AXIS_X, 250, NO_MODS);
  g_assert_cmpint (press (fixture, PRICE_AXIS_X + 2, 252, 150), ==, WICK_INTERACTION_PRESS_NONE);

  /* Automatic scaling is back, and the prices fit the candles in view. */
  g_assert_true (wick_viewport_get_auto_price (fixture->viewport));
  assert_same_view (fixture->viewport, expected);

  /* The rest of that press zooms nothing. */
  wick_interaction_motion (interaction, PRICE_AXIS_X, 400, NO_MODS);
  assert_same_view (fixture->viewport, expected);
  wick_interaction_release (interaction, PRICE_AXIS_X, 400, NO_MODS);

  /* Too slow for a double-click: two drags. */
  press (fixture, PRICE_AXIS_X, 250, 1000);
  wick_interaction_release (interaction, PRICE_AXIS_X, 250, NO_MODS);
  g_assert_cmpint (press (fixture, PRICE_AXIS_X, 250, DOUBLE_CLICK_MS + 1), ==,
                   WICK_INTERACTION_PRESS_PRICE_AXIS);
  wick_interaction_release (interaction, PRICE_AXIS_X, 250, NO_MODS);
}

static void
test_time_axis_double_click (Fixture       *fixture,
                             gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  g_autoptr(WickViewport) expected = wick_viewport_dup (fixture->viewport);

  wick_viewport_fit_all (expected, fixture->series);

  /* Zoomed in and panned away, then a double-click on the time axis: all the candles, and
   * automatic price scaling. */
  drag (fixture, 300, TIME_AXIS_Y, 600, TIME_AXIS_Y);
  drag (fixture, 300, 300, 500, 200);
  g_assert_cmpint (press (fixture, 300, TIME_AXIS_Y, 1000), ==,
                   WICK_INTERACTION_PRESS_TIME_AXIS);
  wick_interaction_release (interaction, 300, TIME_AXIS_Y, NO_MODS);
  g_assert_cmpint (press (fixture, 300, TIME_AXIS_Y, 100), ==, WICK_INTERACTION_PRESS_NONE);
  g_assert_true (wick_viewport_get_auto_price (fixture->viewport));
  assert_same_view (fixture->viewport, expected);

  /* The rest of that press zooms nothing. */
  wick_interaction_motion (interaction, 500, TIME_AXIS_Y, NO_MODS);
  assert_same_view (fixture->viewport, expected);
  wick_interaction_release (interaction, 500, TIME_AXIS_Y, NO_MODS);

  /* fit () is the same, and does nothing without a series. */
  drag (fixture, 300, 300, 500, 200);
  wick_interaction_fit (interaction);
  assert_same_view (fixture->viewport, expected);

  wick_interaction_set_series (interaction, NULL);
  drag (fixture, 300, 300, 500, 200);
  {
    g_autoptr(WickViewport) before = wick_viewport_dup (fixture->viewport);

    wick_interaction_fit (interaction);
    assert_same_view (fixture->viewport, before);
  }
}

/* ---- wheel, touchpad, pinch and keys ---- */

static void
test_wheel_zoom (Fixture       *fixture,
                 gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double time_at_pointer;

  /* Up zooms in by one step a notch, keeping the time under the pointer; prices stay. */
  wick_interaction_motion (interaction, 300, 200, NO_MODS);
  time_at_pointer = wick_viewport_x_to_time (fixture->viewport, 300);
  g_assert_true (wick_interaction_scroll (interaction, 0, -1, WHEEL, NO_MODS));
  g_assert_cmpfloat_with_epsilon (time_span (fixture),
                                  N_HOURS * HOUR_MS / WICK_INTERACTION_ZOOM_STEP, 1e-3);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 300),
                                  time_at_pointer, 1e-3);
  assert_prices (fixture, 80, 130);

  /* Down zooms out; a smooth wheel's half notch zooms half as much. */
  g_assert_true (wick_interaction_scroll (interaction, 0, 1, WHEEL, NO_MODS));
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);
  g_assert_true (wick_interaction_scroll (interaction, 0, -0.5, WHEEL, NO_MODS));
  g_assert_cmpfloat_with_epsilon (time_span (fixture),
                                  N_HOURS * HOUR_MS / sqrt (WICK_INTERACTION_ZOOM_STEP), 1e-3);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 300),
                                  time_at_pointer, 1e-3);

  /* Over the price axis: around the pointer still. */
  wick_interaction_motion (interaction, PRICE_AXIS_X, 200, NO_MODS);
  time_at_pointer = wick_viewport_x_to_time (fixture->viewport, PRICE_AXIS_X);
  wick_interaction_scroll (interaction, 0, -1, WHEEL, NO_MODS);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, PRICE_AXIS_X),
                                  time_at_pointer, 1e-3);

  /* Without a pointer: around the plot's right edge. */
  wick_interaction_leave (interaction);
  time_at_pointer = wick_viewport_x_to_time (fixture->viewport, fixture->plot.width);
  wick_interaction_scroll (interaction, 0, 1, WHEEL, NO_MODS);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport,
                                                           fixture->plot.width),
                                  time_at_pointer, 1e-3);

  /* With automatic price scaling the prices follow the candles in view. */
  wick_viewport_set_auto_price (fixture->viewport, TRUE);
  wick_interaction_scroll (interaction, 0, 2, WHEEL, NO_MODS);
  {
    g_autoptr(WickViewport) expected = wick_viewport_dup (fixture->viewport);

    wick_viewport_fit_prices (expected, fixture->series);
    assert_same_view (fixture->viewport, expected);
  }

  /* No series: not ours, nothing moves. */
  wick_interaction_set_series (interaction, NULL);
  {
    double span = time_span (fixture);

    g_assert_false (wick_interaction_scroll (interaction, 0, -1, WHEEL, NO_MODS));
    g_assert_cmpfloat (time_span (fixture), ==, span);
  }
}

static void
test_shift_wheel_pans (Fixture       *fixture,
                       gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;

  /* One notch down: 60 px towards later candles (3 hours); the span stays. */
  wick_interaction_motion (interaction, 300, 200, NO_MODS);
  g_assert_true (wick_interaction_scroll (interaction, 0, 1, WHEEL, SHIFT));
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 + 3 * HOUR_MS, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);
  assert_prices (fixture, 80, 130);

  /* A sideways wheel pans the same way; up and left pan back. */
  wick_interaction_scroll (interaction, 1, 0, WHEEL, SHIFT);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 + 6 * HOUR_MS, 1e-3);
  wick_interaction_scroll (interaction, -1, -1, WHEEL, SHIFT);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0, 1e-3);

  /* A sideways wheel without Shift does nothing. */
  wick_interaction_scroll (interaction, 1, 0, WHEEL, NO_MODS);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);
}

static void
test_touchpad (Fixture       *fixture,
               gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double time_at_pointer;

  /* Sideways pans by the pixels: 40 px is 2 hours later. */
  wick_interaction_motion (interaction, 300, 200, NO_MODS);
  g_assert_true (wick_interaction_scroll (interaction, 40, 0, SURFACE, NO_MODS));
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 + 2 * HOUR_MS, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);

  /* Down zooms out, doubling the span every 100 px around the pointer; Shift changes
   * nothing on a touchpad. */
  time_at_pointer = wick_viewport_x_to_time (fixture->viewport, 300);
  wick_interaction_scroll (interaction, 0, 100, SURFACE, SHIFT);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), 2 * N_HOURS * HOUR_MS, 1e-3);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 300),
                                  time_at_pointer, 1e-3);
  wick_interaction_scroll (interaction, 0, -50, SURFACE, NO_MODS);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), sqrt (2) * N_HOURS * HOUR_MS, 1e-3);
  wick_interaction_scroll (interaction, 0, -50, SURFACE, NO_MODS);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);

  /* Both at once. */
  wick_interaction_scroll (interaction, -40, 100, SURFACE, NO_MODS);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), 2 * N_HOURS * HOUR_MS, 1e-3);

  /* With Ctrl, the pixels count as notches of the wheel. */
  time_at_pointer = wick_viewport_x_to_time (fixture->viewport, 300);
  wick_interaction_scroll (interaction, 0, -1, SURFACE, CONTROL);
  g_assert_cmpfloat_with_epsilon (time_span (fixture),
                                  2 * N_HOURS * HOUR_MS / WICK_INTERACTION_ZOOM_STEP, 1e-3);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 300),
                                  time_at_pointer, 1e-3);
}

static void
test_pinch_and_steps (Fixture       *fixture,
                      gconstpointer  data)
{
  WickInteraction *interaction = fixture->interaction;
  double time_at;

  /* A pinch zooms around its centre. */
  time_at = wick_viewport_x_to_time (fixture->viewport, 400);
  wick_interaction_zoom (interaction, 400, 2);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS / 2, 1e-3);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 400),
                                  time_at, 1e-3);
  wick_interaction_zoom (interaction, 400, 0.5);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0, 1e-3);

  /* The zoom actions: around the pointer over the plot… */
  wick_interaction_motion (interaction, 200, 300, NO_MODS);
  time_at = wick_viewport_x_to_time (fixture->viewport, 200);
  wick_interaction_zoom_step (interaction, 1);
  g_assert_cmpfloat_with_epsilon (time_span (fixture),
                                  N_HOURS * HOUR_MS / WICK_INTERACTION_ZOOM_STEP, 1e-3);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 200),
                                  time_at, 1e-3);
  wick_interaction_zoom_step (interaction, -1);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0, 1e-3);

  /* …and around the right edge with the pointer over the price axis, or away. */
  wick_interaction_motion (interaction, PRICE_AXIS_X, 300, NO_MODS);
  time_at = wick_viewport_x_to_time (fixture->viewport, fixture->plot.width);
  wick_interaction_zoom_step (interaction, 2);
  g_assert_cmpfloat_with_epsilon (time_span (fixture),
                                  N_HOURS * HOUR_MS / pow (WICK_INTERACTION_ZOOM_STEP, 2),
                                  1e-3);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport,
                                                           fixture->plot.width),
                                  time_at, 1e-3);
  wick_interaction_leave (interaction);
  wick_interaction_zoom_step (interaction, -2);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);

  /* The pan actions: a step is 60 px, 3 hours; positive towards later candles. */
  wick_interaction_pan_step (interaction, 1);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 + 3 * HOUR_MS, 1e-3);
  wick_interaction_pan_step (interaction, -2);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 - 3 * HOUR_MS, 1e-3);
  g_assert_cmpfloat_with_epsilon (time_span (fixture), N_HOURS * HOUR_MS, 1e-3);
  assert_prices (fixture, 80, 130);
}

static void
test_keep_in_view (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(WickViewport) expected = NULL;

  /* Far in the future (as after the series was replaced): back to the candles. */
  wick_viewport_set_time_range (fixture->viewport, T0 + 100 * HOUR_MS, T0 + 140 * HOUR_MS);
  wick_viewport_set_auto_price (fixture->viewport, TRUE);
  expected = wick_viewport_dup (fixture->viewport);
  wick_viewport_clamp_to_series (expected, fixture->series);
  wick_viewport_fit_prices (expected, fixture->series);

  wick_interaction_keep_in_view (fixture->interaction);
  assert_same_view (fixture->viewport, expected);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 + 32 * HOUR_MS, 1e-3);

  /* Prices stay where they are without automatic scaling. */
  wick_viewport_set_auto_price (fixture->viewport, FALSE);
  wick_viewport_set_price_range (fixture->viewport, 10, 20);
  wick_viewport_set_time_range (fixture->viewport, T0 - 100 * HOUR_MS, T0 - 60 * HOUR_MS);
  wick_interaction_keep_in_view (fixture->interaction);
  g_assert_cmpfloat_with_epsilon (time_from (fixture), T0 - 32 * HOUR_MS, 1e-3);
  assert_prices (fixture, 10, 20);

  /* No series: nothing to keep in view. */
  wick_interaction_set_series (fixture->interaction, NULL);
  wick_viewport_set_time_range (fixture->viewport, T0 + 100 * HOUR_MS, T0 + 140 * HOUR_MS);
  wick_interaction_keep_in_view (fixture->interaction);
  g_assert_cmpfloat (time_from (fixture), ==, T0 + 100 * HOUR_MS);
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/interaction/gestures/" path, Fixture, NULL, \
              gestures_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("count-press", test_count_press);
  ADD_TEST ("pan/drag", test_pan_drag);
  ADD_TEST ("pan/clamped", test_pan_clamped);
  ADD_TEST ("price-axis/drag", test_price_axis_drag);
  ADD_TEST ("price-axis/double-click", test_price_axis_double_click);
  ADD_TEST ("time-axis/drag", test_time_axis_drag);
  ADD_TEST ("time-axis/double-click", test_time_axis_double_click);
  ADD_TEST ("scroll/wheel-zoom", test_wheel_zoom);
  ADD_TEST ("scroll/shift-wheel-pans", test_shift_wheel_pans);
  ADD_TEST ("scroll/touchpad", test_touchpad);
  ADD_TEST ("pinch-and-steps", test_pinch_and_steps);
  ADD_TEST ("keep-in-view", test_keep_in_view);

  return g_test_run ();
}
