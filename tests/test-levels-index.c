/* test-levels-index.c: what the levels walk reads, checked against working it out in full
 *
 * The zone index (wick-signals-zones.c) keeps the bands of the zones as candles close,
 * re-clustering only what a pivot coming or going changes; here, on random candles whose
 * prices often tie, and with parameters that make ties, wide clusters and empty ones, its
 * bands at every candle are wick_zones_detect ()'s on the candles so far, they stay so until
 * the candle it says they may change at, and the bounds it gives hold. The touch counts
 * (wick-signals-levels-touches.c), which skip blocks of candles and carry counts over, are
 * §2's count made candle by candle, and the quick probe test is the plain one. The pivots
 * the zones are made of, found in blocks, are the rule's, candle by candle. Last, with
 * every pivot in the zones, the walk's shares report what one walk does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-indicators.h"
#include "wick-signals-private.h"
#include "wick-zones.h"

#include "test-signal-compare.h"

#include <math.h>
#include <string.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)

/* Random hours on a coarse tick, so pivots often share a price; now and then a flat candle,
 * and with @no_volume no volume at all. */
static WickCandle *
make_candles (guint    n,
              guint32  seed,
              double   tick,
              gboolean no_volume)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WickCandle *candles = g_new0 (WickCandle, n);
  double price = 1000.0;

  for (guint i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double close = round ((price + g_rand_double_range (rand, -6.0, 6.0)) / tick) * tick;
      gboolean is_flat = g_rand_int_range (rand, 0, 40) == 0;

      close = MAX (close, 100.0);
      c->open_time_ms = i * HOUR_MS;
      c->open = price;
      c->close = is_flat ? price : close;
      c->high = MAX (c->open, c->close) + (is_flat ? 0.0 : tick * g_rand_int_range (rand, 0, 4));
      c->low = MIN (c->open, c->close) - (is_flat ? 0.0 : tick * g_rand_int_range (rand, 0, 4));
      c->volume = no_volume ? 0.0 : g_rand_double_range (rand, 1.0, 100.0);
      price = c->close;
    }

  return candles;
}

/* The bands of the zone index at @at are the zones found in the candles up to it. */
static void
assert_bands (const WickCandle     *candles,
              const double         *atr,
              const WickZoneParams *params,
              guint                 at,
              const WickBand       *bands,
              guint                 n_bands)
{
  g_autoptr(WickZones) zones = wick_zones_detect (candles, at + 1, atr, params);

  g_assert_cmpuint (n_bands, ==, wick_zones_get_n_zones (zones));
  for (guint z = 0; z < n_bands; z++)
    {
      const WickZone *zone = wick_zones_get_zone (zones, z);
      double first_price = G_MAXDOUBLE, last_price = -G_MAXDOUBLE;
      gboolean has_low_first = FALSE;

      for (guint k = 0; k < zone->n_pivots; k++)
        {
          first_price = MIN (first_price, zone->pivots[k].price);
          last_price = MAX (last_price, zone->pivots[k].price);
          has_low_first |= zone->pivots[k].index == zone->pivots[0].index &&
                           zone->pivots[k].kind == WICK_PIVOT_LOW;
        }

      g_assert_cmpfloat (bands[z].low, ==, zone->low);
      g_assert_cmpfloat (bands[z].high, ==, zone->high);
      g_assert_cmpfloat (bands[z].mid, ==, zone->mid);
      g_assert_cmpfloat (bands[z].first_price, ==, first_price);
      g_assert_cmpfloat (bands[z].last_price, ==, last_price);
      g_assert_cmpuint (bands[z].first_index, ==, zone->pivots[0].index);
      g_assert_cmpint (bands[z].starts_as_support, ==, has_low_first);
    }
}

/* The bounds hold for @bands. */
static void
assert_bounds (const WickBandBounds *bounds,
               const WickBand       *bands,
               guint                 n_bands)
{
  for (guint z = 0; z < n_bands; z++)
    {
      g_assert_cmpfloat (bounds->first_prices[z], ==, bands[z].first_price);
      g_assert_cmpfloat (bounds->last_prices[z], ==, bands[z].last_price);
      g_assert_cmpfloat (bands[z].low, <=, bands[z].first_price);
      g_assert_cmpfloat (bands[z].first_price - bands[z].low, <=, bounds->below);
      g_assert_cmpfloat (bands[z].high, >=, bands[z].last_price);
      g_assert_cmpfloat (bands[z].high - bands[z].last_price, <=, bounds->above);
      if (z > 0)
        {
          g_assert_cmpfloat (bands[z - 1].last_price, <=, bands[z].first_price);
        }
    }
}

/* The ATR the zones are given: the candles', or theirs with holes (no value, so 0 in ε), or
 * theirs jumping up and down by up to ten times from one candle to the next, so that whether
 * neighbours join depends on which they are. */
typedef enum
{
  ATR_PLAIN,
  ATR_HOLES,
  ATR_JUMPY,
} AtrKind;

typedef struct
{
  const char *name;
  double      tick;
  gboolean    no_volume;
  AtrKind     atr_kind;
  void      (*adjust) (WickZoneParams *params);
} BandsCase;

static void
adjust_none (WickZoneParams *params)
{
}

static void
adjust_short_window (WickZoneParams *params)
{
  params->window = 120;
  params->max_width = 2.0;
  params->min_pivots = 3;
}

/* ε from the price alone, small: neighbours at one price join, others seldom. */
static void
adjust_price_epsilon (WickZoneParams *params)
{
  params->cluster_atr = 0.0;
  params->cluster_min = 0.0005;
}

/* No ε at all: nothing joins, not even at one price, so there is no band. */
static void
adjust_no_epsilon (WickZoneParams *params)
{
  params->cluster_atr = 0.0;
  params->cluster_min = 0.0;
}

/* ε from the ATR alone: pivots at one price where the ATR has no value do not join. */
static void
adjust_atr_epsilon (WickZoneParams *params)
{
  params->cluster_min = 0.0;
}

static void
adjust_uncut (WickZoneParams *params)
{
  params->max_width = 0.0;
  params->window = 300;
  params->cluster_atr = 1.5;
}

static void
adjust_lopsided (WickZoneParams *params)
{
  params->left_bars = 4;
  params->right_bars = 6;
  params->cluster_atr = 1.0;
}

static void
adjust_narrow (WickZoneParams *params)
{
  params->left_bars = 3;
  params->right_bars = 3;
}

static const BandsCase bands_cases[] = {
  { "defaults", 0.5, FALSE, ATR_PLAIN, adjust_none },
  { "fine ticks", 0.01, FALSE, ATR_PLAIN, adjust_none },
  { "short window", 0.5, FALSE, ATR_PLAIN, adjust_short_window },
  { "price epsilon", 1.0, FALSE, ATR_PLAIN, adjust_price_epsilon },
  { "no epsilon", 1.0, FALSE, ATR_PLAIN, adjust_no_epsilon },
  { "uncut", 0.5, FALSE, ATR_PLAIN, adjust_uncut },
  { "lopsided", 0.5, FALSE, ATR_PLAIN, adjust_lopsided },
  { "narrow", 0.5, FALSE, ATR_PLAIN, adjust_narrow },
  { "no volume", 0.5, TRUE, ATR_PLAIN, adjust_none },
  { "jumpy ATR", 0.5, FALSE, ATR_JUMPY, adjust_none },
  { "jumpy ATR, uncut", 0.5, FALSE, ATR_JUMPY, adjust_uncut },
  { "ATR with holes", 1.0, FALSE, ATR_HOLES, adjust_atr_epsilon },
};

/* At every candle from @from, as the levels walk moves the index: asked again only at the
 * candle it gave for a change, with the bands in between checked all the same. */
static guint
check_walk (const WickCandle     *candles,
            guint                 n,
            const double         *atr,
            const WickZoneParams *params,
            const GArray         *narrow,
            guint                 from)
{
  WickZoneIndex *zi = _wick_zone_index_new (candles, n, from, atr, params, narrow,
                                            WICK_PIVOTS_MINOR_BARS);
  g_autofree WickBand *held = g_new (WickBand, n);
  guint n_held = 0, until = 0, moves = 0, max_bands = 0;

  for (guint at = from; at + 1 < n; at++)
    {
      if (at == from || at >= until)
        {
          const WickBand *bands = _wick_zone_index_get_bands (zi, at, &n_held);
          WickBandBounds bounds = _wick_zone_index_get_bounds (zi);

          assert_bounds (&bounds, bands, n_held);
          memcpy (held, bands, n_held * sizeof *bands);
          until = _wick_zone_index_get_next_change (zi);
          g_assert_cmpuint (until, >, at);
          moves++;
        }
      assert_bands (candles, atr, params, at, held, n_held);
      max_bands = MAX (max_bands, n_held);
    }

  _wick_zone_index_free (zi);
  g_test_message ("from %u: %u moves, %u bands at most", from, moves, max_bands);

  return max_bands;
}

static void
test_bands_random (void)
{
  const guint n = 1500;

  for (guint c = 0; c < G_N_ELEMENTS (bands_cases); c++)
    {
      const BandsCase *bc = &bands_cases[c];
      g_autofree WickCandle *candles = make_candles (n, 20260301 + c, bc->tick, bc->no_volume);
      g_autofree double *atr = g_new (double, n);
      g_autoptr(GRand) rand = g_rand_new_with_seed (20260311 + c);
      g_autoptr(GArray) narrow = NULL;
      WickZoneParams params;
      guint max_bands;

      wick_zone_params_init (&params);
      bc->adjust (&params);
      wick_indicators_atr (candles, n, WICK_ATR_PERIOD, atr);
      for (guint k = 0; k < n; k++)
        {
          if (bc->atr_kind == ATR_HOLES && g_rand_int_range (rand, 0, 5) < 2)
            atr[k] = NAN;
          else if (bc->atr_kind == ATR_JUMPY)
            atr[k] *= exp (g_rand_double_range (rand, -2.3, 2.3));
        }
      narrow = wick_pivots_find (candles, n, 0, WICK_PIVOTS_MINOR_BARS, WICK_PIVOTS_MINOR_BARS);

      g_test_message ("%s", bc->name);
      /* From the first candle, with the pivots found afresh and picked from narrower ones,
       * and started part-way, as each thread's share of the walk starts one. */
      max_bands = check_walk (candles, n, atr, &params, NULL, 0);
      check_walk (candles, n, atr, &params, narrow, 0);
      check_walk (candles, n, atr, &params, narrow, 777);

      /* The cases make bands, but for the one that must not. */
      if (bc->adjust == adjust_no_epsilon)
        g_assert_cmpuint (max_bands, ==, 0);
      else
        g_assert_cmpuint (max_bands, >=, 3);
    }
}

/* §2's touches of the band in its role, candle by candle from its first pivot up to @end. */
static guint
count_touches_plainly (const WickSignalsContext *ctx,
                       const WickBand           *band,
                       gboolean                  is_support,
                       guint                     end)
{
  guint touches = 0, last = 0;

  for (guint k = band->first_index; k < end; k++)
    {
      const WickCandle *c = &ctx->candles[k];
      double tolerance = ctx->params->touch_atr * (isfinite (ctx->atr[k]) ? ctx->atr[k] : 0.0);
      gboolean is_touch = is_support
                          ? c->low <= band->high + tolerance && c->close >= band->low
                          : c->high >= band->low - tolerance && c->close <= band->high;

      if (!is_touch)
        continue;
      if (touches == 0 || k - last >= ctx->params->zones.touch_spacing)
        touches++;
      last = k;
    }

  return touches;
}

/* A band about the price of candle @i, from a candle in [@base, @i). */
static WickBand
random_band (GRand            *rand,
             const WickCandle *candles,
             guint             base,
             guint             i)
{
  double low = candles[i - 1].close + g_rand_double_range (rand, -25.0, 25.0);

  /* Now and then right on a price the candles have. */
  if (g_rand_int_range (rand, 0, 4) == 0)
    low = candles[g_rand_int_range (rand, base, i)].low;

  return (WickBand) {
    .low = low,
    .high = low + g_rand_double_range (rand, 0.0, 8.0),
    .first_index = g_rand_int_range (rand, base, i),
  };
}

static void
test_touches_random (void)
{
  static const guint spacings[] = { 0, 1, 3, 7, 40 };
  static const double touch_atrs[] = { 0.1, 0.0, 2.0 };
  const guint n = 6000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  g_autofree WickCandle *candles = make_candles (n, 20260303, 0.25, FALSE);
  g_autofree double *atr = g_new (double, n);
  guint checks = 0, nonzero = 0;

  wick_indicators_atr (candles, n, WICK_ATR_PERIOD, atr);

  for (guint s = 0; s < G_N_ELEMENTS (spacings); s++)
    for (guint t = 0; t < G_N_ELEMENTS (touch_atrs); t++)
      {
        /* From the first candle, where ATR has no value yet, and from part-way. */
        guint base = (s + t) % 2 == 0 ? 0 : 777;
        WickSignalParams params;
        WickSignalsContext ctx = { 0 };
        WickTouchCounts *counts;
        WickBand kept[4];
        guint until = 0;

        wick_signal_params_init (&params);
        params.zones.touch_spacing = spacings[s];
        params.touch_atr = touch_atrs[t];
        params.zones.touch_atr = touch_atrs[t];
        ctx.params = &params;
        ctx.candles = candles;
        ctx.n = n;
        ctx.atr = atr;

        counts = _wick_touch_counts_new (&ctx, base, n);
        for (guint k = 0; k < G_N_ELEMENTS (kept); k++)
          kept[k] = random_band (rand, candles, base, base + 1);

        for (guint i = base + 1; i < n; i++)
          {
            if (i >= until)
              until = _wick_touch_counts_fill (counts, &ctx, i);

            /* As the walk asks: the same few bands again and again, at the candle or a
             * few before it; a new band now and then, in place of one or as well. */
            for (guint q = 0; q < 3; q++)
              {
                guint slot = g_rand_int_range (rand, 0, G_N_ELEMENTS (kept));
                gboolean is_support = g_rand_boolean (rand);
                guint back = g_rand_int_range (rand, 0, 4);
                guint expected, got;

                if (g_rand_int_range (rand, 0, 20) == 0)
                  kept[slot] = random_band (rand, candles, base, i);
                else if (g_rand_int_range (rand, 0, 30) == 0)
                  kept[slot].high += 0.25;
                back = MIN (back, i - kept[slot].first_index);

                got = _wick_signals_count_touches (&ctx, counts, &kept[slot], is_support,
                                                   i - back);
                expected = count_touches_plainly (&ctx, &kept[slot], is_support, i - back);
                g_assert_cmpuint (got, ==, expected);
                checks++;
                nonzero += got > 0;
              }

            /* The quick probe test is the plain one, at the candle's low and about it. */
            for (guint q = 0; q < 3; q++)
              {
                double price = candles[i].low;

                if (q == 1)
                  price += g_rand_double_range (rand, -3.0, 3.0);
                else if (q == 2)
                  price = candles[g_rand_int_range (rand, i > 12 ? i - 12 : 0, i)].low;
                g_assert_cmpint (_wick_touch_counts_is_probe_low (counts, &ctx, price, i), ==,
                                 _wick_signals_is_probe (&ctx, price, i, TRUE));
              }
          }

        _wick_touch_counts_free (counts);
      }

  g_test_message ("%u counts, %u not 0", checks, nonzero);
  g_assert_cmpuint (nonzero, >, checks / 4);
}

/* The pivots of candle @j by the rule of wick-pivots.h, plainly: appended in its order. */
static void
add_pivots_plainly (GArray           *pivots,
                    const WickCandle *candles,
                    guint             j,
                    guint             left_bars,
                    guint             right_bars)
{
  gboolean high = TRUE, low = TRUE;
  WickPivot h = { j, j + right_bars, WICK_PIVOT_HIGH, candles[j].high };
  WickPivot l = { j, j + right_bars, WICK_PIVOT_LOW, candles[j].low };

  for (guint k = 1; k <= left_bars; k++)
    {
      high = high && candles[j].high > candles[j - k].high;
      low = low && candles[j].low < candles[j - k].low;
    }
  for (guint k = 1; k <= right_bars; k++)
    {
      high = high && candles[j].high >= candles[j + k].high;
      low = low && candles[j].low <= candles[j + k].low;
    }

  /* Both at a candle that closed down: the high came first. */
  if (high && low && candles[j].close < candles[j].open)
    {
      g_array_append_val (pivots, h);
      g_array_append_val (pivots, l);
      return;
    }
  if (low)
    g_array_append_val (pivots, l);
  if (high)
    g_array_append_val (pivots, h);
}

/* wick_pivots_find () finds what the rule says, in its order, whatever the bars, the first
 * candle and the number of candles, which the pivots are found in blocks of. */
static void
test_pivots_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260305);
  const guint n = 3000;
  g_autofree WickCandle *candles = make_candles (n, 20260306, 1.0, FALSE);
  guint checks = 0;

  for (guint round = 0; round < 200; round++)
    {
      guint left_bars = g_rand_int_range (rand, 0, 8);
      guint right_bars = g_rand_int_range (rand, 1, 8);
      guint n_candles = round < 20 ? round : (guint) g_rand_int_range (rand, 0, n + 1);
      guint first = g_rand_int_range (rand, 0, 2) == 0 ? 0 : (guint) g_rand_int_range (rand, 0, n);
      g_autoptr(GArray) found = wick_pivots_find (candles, n_candles, first, left_bars,
                                                  right_bars);
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (WickPivot));

      for (guint j = MAX (first, left_bars); j + right_bars < n_candles; j++)
        add_pivots_plainly (expected, candles, j, left_bars, right_bars);

      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint k = 0; k < found->len; k++)
        {
          const WickPivot *a = &g_array_index (found, WickPivot, k);
          const WickPivot *b = &g_array_index (expected, WickPivot, k);

          g_assert_cmpuint (a->index, ==, b->index);
          g_assert_cmpuint (a->confirmed_index, ==, b->confirmed_index);
          g_assert_cmpint (a->kind, ==, b->kind);
          g_assert_cmpfloat (a->price, ==, b->price);
        }
      checks += found->len;
    }

  g_test_message ("%u pivots", checks);
  g_assert_cmpuint (checks, >, 10000);
}

/* With a window of 0 the zones hold every pivot from the first candle on, so a share of the
 * levels walk that starts part-way counts touches from there too: the shares, on two threads
 * when there are two, report what one walk over all the candles does. */
static void
test_whole_window (void)
{
  const guint n = 60000;
  g_autofree WickCandle *candles = make_candles (n, 20260304, 0.5, FALSE);
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(WickSignals) shared = NULL;
  g_autoptr(WickSignals) alone = NULL;
  WickSignalParams params;
  guint levels = 0;

  wick_signal_params_init (&params);
  params.zones.window = 0;
  snapshot = wick_signals_snapshot_new (HOUR_MS, candles, n, NULL, 0, NULL, 0);
  shared = _wick_signals_analyze_threads (snapshot, &params, WICK_SIGNALS_ANALYZE_DEFAULT, TRUE,
                                          NULL, NULL);
  alone = _wick_signals_analyze_threads (snapshot, &params, WICK_SIGNALS_ANALYZE_DEFAULT, FALSE,
                                         NULL, NULL);

  g_assert_cmpuint (wick_signals_get_n_signals (shared), ==, wick_signals_get_n_signals (alone));
  for (guint i = 0; i < wick_signals_get_n_signals (alone); i++)
    {
      const WickSignal *a = wick_signals_get_signal (alone, i);
      const WickSignal *b = wick_signals_get_signal (shared, i);

      test_assert_same_signal (a, b);
      levels += a->kind == WICK_SIGNAL_SUPPORT_TEST || a->kind == WICK_SIGNAL_REVERSAL_CANDLE;
    }

  g_test_message ("%u signals, %u at zones", wick_signals_get_n_signals (alone), levels);
  g_assert_cmpuint (levels, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/levels-index/bands/random", test_bands_random);
  g_test_add_func ("/wick/levels-index/touches/random", test_touches_random);
  g_test_add_func ("/wick/levels-index/pivots/random", test_pivots_random);
  g_test_add_func ("/wick/levels-index/whole-window", test_whole_window);

  return g_test_run ();
}
