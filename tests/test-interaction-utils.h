/* test-interaction-utils.h: a plot with lines and the state machine over it, for interaction tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-interaction.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define T0      G_GINT64_CONSTANT (1767225600000) /* 2026-01-01 00:00 UTC */
#define N_HOURS 40

#define NO_MODS WICK_INTERACTION_MODIFIER_NONE
#define SHIFT   WICK_INTERACTION_MODIFIER_SHIFT

/* The fixture of every interaction test */
typedef struct
{
  WickSeries      *series;       /* Owned */
  WickZones       *zones;        /* Owned, nullable: the zones whose pins the plot shows */
  WickViewport    *viewport;     /* Owned */
  WickLevelStore  *store;        /* Owned, nullable: a plot without lines */
  WickInteraction *interaction;  /* Owned */
  WickRect         plot;
  gint64           time_ms;      /* the clock of the presses, where a test counts them */

  /* What the interaction emitted */
  guint            n_changed;
  guint            n_static_changed;
  guint            n_context_menus;
  guint32          menu_id;
  double           menu_x;
  double           menu_y;
  guint            n_activated;
  guint32          activated_id;
  guint            n_edit_failed;
  GError          *edit_error;   /* Owned: the last edit-failed's */
} Fixture;

/* 40 hourly candles from T0: even ones up (open 100, close 110), odd ones down (110 → 100);
 * all with high 115 and low 95. */
static inline WickSeries *
test_interaction_make_series (void)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  WickCandle candles[N_HOURS];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_HOURS; i++)
    {
      gboolean up = i % 2 == 0;

      candles[i].open_time_ms = T0 + i * HOUR_MS;
      candles[i].open = up ? 100 : 110;
      candles[i].close = up ? 110 : 100;
      candles[i].high = 115;
      candles[i].low = 95;
      candles[i].volume = 10;
    }

  wick_series_append (series, candles, N_HOURS, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

static inline void
test_interaction_on_changed_cb (WickInteraction *interaction,
                                gboolean         static_changed,
                                Fixture         *fixture)
{
  fixture->n_changed++;
  fixture->n_static_changed += static_changed;
}

static inline void
test_interaction_on_context_menu_cb (WickInteraction *interaction,
                                     guint            id,
                                     double           x,
                                     double           y,
                                     Fixture         *fixture)
{
  fixture->n_context_menus++;
  fixture->menu_id = id;
  fixture->menu_x = x;
  fixture->menu_y = y;
}

static inline void
test_interaction_on_line_activated_cb (WickInteraction *interaction,
                                       guint            id,
                                       Fixture         *fixture)
{
  fixture->n_activated++;
  fixture->activated_id = id;
}

static inline void
test_interaction_on_edit_failed_cb (WickInteraction *interaction,
                                    const GError    *error,
                                    Fixture         *fixture)
{
  fixture->n_edit_failed++;
  g_clear_error (&fixture->edit_error);
  fixture->edit_error = g_error_copy (error);
}

/* A plot of 800 × 600 showing every candle of @series (taken) and prices @low..@high, with
 * automatic price scaling off; the interaction over it, with a store of lines when
 * @with_store, counting what it emits from then on. */
static inline void
test_interaction_init (Fixture    *fixture,
                       WickSeries *series,
                       double      low,
                       double      high,
                       gboolean    with_store)
{
  gint64 from_ms = wick_series_get_candle (series, 0)->open_time_ms;

  fixture->series = series;
  fixture->viewport = wick_viewport_new ();
  wick_viewport_set_size (fixture->viewport,
                          800 + WICK_VIEWPORT_AXIS_WIDTH, 600 + WICK_VIEWPORT_AXIS_HEIGHT);
  wick_viewport_set_time_range (fixture->viewport, from_ms,
                                wick_series_get_last (series)->open_time_ms +
                                wick_series_get_interval_ms (series));
  wick_viewport_set_auto_price (fixture->viewport, FALSE);
  wick_viewport_set_price_range (fixture->viewport, low, high);
  wick_viewport_get_plot (fixture->viewport, &fixture->plot);

  fixture->interaction = wick_interaction_new (fixture->viewport);
  wick_interaction_set_series (fixture->interaction, fixture->series);
  if (with_store)
    {
      fixture->store = wick_level_store_new ();
      wick_interaction_set_level_store (fixture->interaction, fixture->store);
    }

  g_signal_connect (fixture->interaction, "changed",
                    G_CALLBACK (test_interaction_on_changed_cb), fixture);
  g_signal_connect (fixture->interaction, "context-menu",
                    G_CALLBACK (test_interaction_on_context_menu_cb), fixture);
  g_signal_connect (fixture->interaction, "line-activated",
                    G_CALLBACK (test_interaction_on_line_activated_cb), fixture);
  g_signal_connect (fixture->interaction, "edit-failed",
                    G_CALLBACK (test_interaction_on_edit_failed_cb), fixture);
}

/* The 40 hours of test_interaction_make_series () (20 px a candle) and prices 80..130
 * (12 px a dollar: y = 600 - 12 (price - 80)), with a store of lines. */
static inline void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  test_interaction_init (fixture, test_interaction_make_series (), 80, 130, TRUE);
}

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->interaction);
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  g_clear_pointer (&fixture->zones, wick_zones_unref);
  g_clear_object (&fixture->viewport);
  g_clear_object (&fixture->series);
  g_clear_error (&fixture->edit_error);
}

/* Replaces the store's lines (no undo history): @prices, every one unlocked but those whose
 * bit is set in @locked. Ids are 1, 2, 3 … in the order given. */
static inline void
fixture_set_lines (Fixture      *fixture,
                   const double *prices,
                   guint         n,
                   guint         locked)
{
  g_autofree WickLevel *levels = g_new0 (WickLevel, n);
  g_autofree const WickLevel **pointers = g_new0 (const WickLevel *, n);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      levels[i].id = i + 1;
      levels[i].price = prices[i];
      levels[i].origin = WICK_LEVEL_ORIGIN_USER;
      levels[i].locked = (locked >> i) & 1;
      pointers[i] = &levels[i];
    }

  g_assert_true (wick_level_store_set_levels (fixture->store, pointers, n, &error));
  g_assert_no_error (error);
  g_assert_false (wick_level_store_can_undo (fixture->store));
}

static inline void
fixture_reset_counts (Fixture *fixture)
{
  fixture->n_changed = 0;
  fixture->n_static_changed = 0;
  fixture->n_context_menus = 0;
  fixture->n_activated = 0;
  fixture->n_edit_failed = 0;
}

static inline double
y_of (Fixture *fixture,
      double   price)
{
  return wick_viewport_price_to_y (fixture->viewport, price);
}

/* The price of line @id, which must be there. */
static inline double
price_of (Fixture *fixture,
          guint32  id)
{
  const WickLevel *level = wick_level_store_lookup (fixture->store, id);

  g_assert_nonnull (level);
  return level->price;
}

static inline void
click (Fixture                  *fixture,
       double                    x,
       double                    y,
       WickInteractionModifiers  mods)
{
  wick_interaction_press (fixture->interaction, x, y, 1, 1, mods);
  wick_interaction_release (fixture->interaction, x, y, mods);
}
