/* test-liquidations.c: WickLiquidations buckets, events and sums
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-liquidations.h"

#include <math.h>
#include <string.h>

#define MINUTE_MS  G_GINT64_CONSTANT (60000)
#define HOUR_MS    G_GINT64_CONSTANT (3600000)
#define BASE_MS    G_GINT64_CONSTANT (1767571200000)   /* 2026-01-05T00:00:00Z */
#define AT(h, m)   (BASE_MS + (h) * HOUR_MS + (m) * MINUTE_MS)

typedef struct
{
  WickLiquidations *liquidations;
  guint             n_changed;
} Fixture;

static void
on_liquidations_changed_cb (WickLiquidations *liquidations,
                            Fixture          *fixture)
{
  fixture->n_changed++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->liquidations = wick_liquidations_new (HOUR_MS);
  fixture->n_changed = 0;
  g_signal_connect (fixture->liquidations, "changed",
                    G_CALLBACK (on_liquidations_changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->liquidations);
}

static void
add_event (Fixture  *fixture,
           gint64    time_ms,
           WickSide  side,
           double    usd,
           double    price)
{
  const WickLiquidationEvent event = { time_ms, price, side, usd };
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_liquidations_add_event (fixture->liquidations, &event, &error));
  g_assert_no_error (error);
}

static void
assert_bucket (WickLiquidations *liquidations,
               gint64            time_ms,
               double            long_usd,
               double            short_usd)
{
  const WickLiquidationBucket *b = wick_liquidations_lookup (liquidations, time_ms);

  g_assert_nonnull (b);
  g_assert_cmpint (b->time_ms, ==, time_ms);
  g_assert_cmpfloat_with_epsilon (b->long_usd, long_usd, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->short_usd, short_usd, 1e-6);
}

static void
test_buckets (Fixture       *fixture,
              gconstpointer  user_data)
{
  const WickLiquidationBucket buckets[] = {
    { AT (0, 0), 0.0, 0.0 },
    { AT (1, 0), 2137137.59, 249169.79 },
    { AT (3, 0), 120e6, 4e6 },            /* a missing hour is fine */
  };
  g_autoptr(GError) error = NULL;
  gint64 bucket_ms = 0;

  g_assert_cmpint (wick_liquidations_get_bucket_ms (fixture->liquidations), ==, HOUR_MS);
  g_object_get (fixture->liquidations, "bucket-ms", &bucket_ms, NULL);
  g_assert_cmpint (bucket_ms, ==, HOUR_MS);
  g_assert_cmpuint (wick_liquidations_get_length (fixture->liquidations), ==, 0);
  g_assert_null (wick_liquidations_lookup (fixture->liquidations, AT (0, 0)));

  g_assert_true (wick_liquidations_set_buckets (fixture->liquidations, buckets,
                                                G_N_ELEMENTS (buckets), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (wick_liquidations_get_length (fixture->liquidations), ==, 3);
  g_assert_cmpmem (wick_liquidations_get_buckets (fixture->liquidations), sizeof buckets,
                   buckets, sizeof buckets);

  assert_bucket (fixture->liquidations, AT (1, 0), 2137137.59, 249169.79);
  assert_bucket (fixture->liquidations, AT (3, 0), 120e6, 4e6);
  g_assert_null (wick_liquidations_lookup (fixture->liquidations, AT (2, 0)));
  g_assert_null (wick_liquidations_lookup (fixture->liquidations, AT (1, 30)));
  g_assert_null (wick_liquidations_lookup (fixture->liquidations, AT (4, 0)));
  g_assert_null (wick_liquidations_lookup (fixture->liquidations, AT (-1, 0)));

  /* Replacing with nothing empties it. */
  g_assert_true (wick_liquidations_set_buckets (fixture->liquidations, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpuint (wick_liquidations_get_length (fixture->liquidations), ==, 0);
}

typedef struct
{
  const char            *name;
  WickLiquidationBucket  bad;        /* placed after a good bucket at 01:00 */
  WickLiquidationsError  code;
  const char            *message;
} BucketCase;

static const BucketCase bucket_cases[] = {
  { "nan-long", { AT (2, 0), NAN, 0.0 }, WICK_LIQUIDATIONS_ERROR_NOT_FINITE,
    "Bucket 1 (2026-01-05T02:00:00Z): long liquidations are not a finite number" },
  { "inf-short", { AT (2, 0), 0.0, INFINITY }, WICK_LIQUIDATIONS_ERROR_NOT_FINITE,
    "Bucket 1 (2026-01-05T02:00:00Z): short liquidations are not a finite number" },
  { "negative-long", { AT (2, 0), -1.0, 0.0 }, WICK_LIQUIDATIONS_ERROR_NEGATIVE,
    "Bucket 1 (2026-01-05T02:00:00Z): long liquidations of -1.00 USD are negative" },
  { "negative-short", { AT (2, 0), 5.0, -2.5 }, WICK_LIQUIDATIONS_ERROR_NEGATIVE,
    "short liquidations of -2.50 USD are negative" },
  { "duplicate", { AT (1, 0), 5.0, 5.0 }, WICK_LIQUIDATIONS_ERROR_DUPLICATE,
    "Bucket 1 (2026-01-05T01:00:00Z) has the same time" },
  { "out-of-order", { AT (0, 0), 5.0, 5.0 }, WICK_LIQUIDATIONS_ERROR_OUT_OF_ORDER,
    "Bucket 1 (2026-01-05T00:00:00Z) is not after the bucket before it (2026-01-05T01:00:00Z)" },
};

static void
test_bucket_validation (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const BucketCase *tc = user_data;
  const WickLiquidationBucket existing[] = { { AT (5, 0), 1.0, 2.0 } };
  const WickLiquidationBucket buckets[] = { { AT (1, 0), 10.0, 20.0 }, tc->bad };
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_liquidations_set_buckets (fixture->liquidations, existing, 1, &error));
  g_assert_no_error (error);
  fixture->n_changed = 0;

  g_assert_false (wick_liquidations_set_buckets (fixture->liquidations, buckets, 2, &error));
  g_assert_error (error, WICK_LIQUIDATIONS_ERROR, (int) tc->code);
  g_test_message ("%s: %s", tc->name, error->message);
  g_assert_nonnull (strstr (error->message, tc->message));

  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (wick_liquidations_get_length (fixture->liquidations), ==, 1);
  assert_bucket (fixture->liquidations, AT (5, 0), 1.0, 2.0);
}

static void
test_events (Fixture       *fixture,
             gconstpointer  user_data)
{
  const WickLiquidationEvent *events;
  const WickLiquidationBucket *buckets;

  add_event (fixture, AT (10, 5), WICK_SIDE_LONG, 1e6, 92100.0);
  add_event (fixture, AT (10, 60) - 1, WICK_SIDE_LONG, 2e6, 92050.0);   /* 10:59:59.999 */
  add_event (fixture, AT (11, 0), WICK_SIDE_SHORT, 3e6, NAN);           /* no price */
  add_event (fixture, AT (9, 30), WICK_SIDE_LONG, 0.5e6, 92400.0);      /* late: new bucket before */
  add_event (fixture, AT (10, 30), WICK_SIDE_SHORT, 1e6, 92300.0);      /* late: existing bucket */
  add_event (fixture, AT (11, 0), WICK_SIDE_LONG, 4e6, 91900.0);        /* same time as another */

  g_assert_cmpuint (fixture->n_changed, ==, 6);

  g_assert_cmpuint (wick_liquidations_get_length (fixture->liquidations), ==, 3);
  buckets = wick_liquidations_get_buckets (fixture->liquidations);
  g_assert_cmpint (buckets[0].time_ms, ==, AT (9, 0));
  g_assert_cmpint (buckets[1].time_ms, ==, AT (10, 0));
  g_assert_cmpint (buckets[2].time_ms, ==, AT (11, 0));
  assert_bucket (fixture->liquidations, AT (9, 0), 0.5e6, 0.0);
  assert_bucket (fixture->liquidations, AT (10, 0), 3e6, 1e6);
  assert_bucket (fixture->liquidations, AT (11, 0), 4e6, 3e6);

  /* Every event is kept, sorted by time; equal times keep their arrival order. */
  g_assert_cmpuint (wick_liquidations_get_n_events (fixture->liquidations), ==, 6);
  events = wick_liquidations_get_events (fixture->liquidations);
  g_assert_cmpint (events[0].time_ms, ==, AT (9, 30));
  g_assert_cmpint (events[1].time_ms, ==, AT (10, 5));
  g_assert_cmpint (events[2].time_ms, ==, AT (10, 30));
  g_assert_cmpint (events[3].time_ms, ==, AT (10, 60) - 1);
  g_assert_cmpint (events[4].time_ms, ==, AT (11, 0));
  g_assert_cmpint (events[4].side, ==, WICK_SIDE_SHORT);
  g_assert_true (isnan (events[4].price));
  g_assert_cmpint (events[5].time_ms, ==, AT (11, 0));
  g_assert_cmpint (events[5].side, ==, WICK_SIDE_LONG);
  g_assert_cmpfloat (events[5].price, ==, 91900.0);
}

static void
test_events_into_buckets (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const WickLiquidationBucket buckets[] = {
    { AT (0, 0), 10.0, 20.0 },
    { AT (2, 0), 30.0, 40.0 },
  };

  g_assert_true (wick_liquidations_set_buckets (fixture->liquidations, buckets, 2, NULL));
  add_event (fixture, AT (2, 15), WICK_SIDE_SHORT, 5.0, 92000.0);
  add_event (fixture, AT (1, 15), WICK_SIDE_LONG, 7.0, 92000.0);

  g_assert_cmpuint (wick_liquidations_get_length (fixture->liquidations), ==, 3);
  assert_bucket (fixture->liquidations, AT (0, 0), 10.0, 20.0);
  assert_bucket (fixture->liquidations, AT (1, 0), 7.0, 0.0);
  assert_bucket (fixture->liquidations, AT (2, 0), 30.0, 45.0);
}

static void
test_events_small_buckets (void)
{
  g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (5 * MINUTE_MS);
  const WickLiquidationEvent late = { AT (0, 7), 92000.0, WICK_SIDE_LONG, 1.0 };
  const WickLiquidationEvent before_epoch = { -1, NAN, WICK_SIDE_SHORT, 2.0 };

  g_assert_true (wick_liquidations_add_event (liquidations, &late, NULL));
  g_assert_true (wick_liquidations_add_event (liquidations, &before_epoch, NULL));

  /* Buckets floor the time, also before 1970. */
  g_assert_nonnull (wick_liquidations_lookup (liquidations, AT (0, 5)));
  g_assert_nonnull (wick_liquidations_lookup (liquidations, -5 * MINUTE_MS));
  g_assert_cmpint (wick_liquidations_get_buckets (liquidations)[0].time_ms, ==, -5 * MINUTE_MS);
}

typedef struct
{
  const char            *name;
  double                 usd;
  double                 price;
  WickLiquidationsError  code;
  const char            *message;
} EventCase;

static const EventCase event_cases[] = {
  { "zero-size", 0.0, 92000.0, WICK_LIQUIDATIONS_ERROR_NOT_POSITIVE, "size of 0.00 USD is not above zero" },
  { "negative-size", -10.0, 92000.0, WICK_LIQUIDATIONS_ERROR_NOT_POSITIVE, "size of -10.00 USD" },
  { "nan-size", NAN, 92000.0, WICK_LIQUIDATIONS_ERROR_NOT_FINITE, "size is not a finite number" },
  { "inf-size", INFINITY, 92000.0, WICK_LIQUIDATIONS_ERROR_NOT_FINITE, "size is not a finite number" },
  { "zero-price", 10.0, 0.0, WICK_LIQUIDATIONS_ERROR_NOT_POSITIVE, "price 0.00 is not above zero" },
  { "negative-price", 10.0, -1.0, WICK_LIQUIDATIONS_ERROR_NOT_POSITIVE, "price -1.00" },
  { "inf-price", 10.0, INFINITY, WICK_LIQUIDATIONS_ERROR_NOT_FINITE, "price is not a finite number" },
  { "minus-inf-price", 10.0, -INFINITY, WICK_LIQUIDATIONS_ERROR_NOT_FINITE, "price is not a finite number" },
};

static void
test_event_validation (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const EventCase *tc = user_data;
  const WickLiquidationEvent event = { AT (3, 20), tc->price, WICK_SIDE_LONG, tc->usd };
  g_autoptr(GError) error = NULL;

  add_event (fixture, AT (3, 10), WICK_SIDE_LONG, 100.0, 92000.0);
  fixture->n_changed = 0;

  g_assert_false (wick_liquidations_add_event (fixture->liquidations, &event, &error));
  g_assert_error (error, WICK_LIQUIDATIONS_ERROR, (int) tc->code);
  g_test_message ("%s: %s", tc->name, error->message);
  g_assert_nonnull (strstr (error->message, "2026-01-05T03:20:00Z"));
  g_assert_nonnull (strstr (error->message, tc->message));

  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (wick_liquidations_get_n_events (fixture->liquidations), ==, 1);
  g_assert_cmpuint (wick_liquidations_get_length (fixture->liquidations), ==, 1);
  assert_bucket (fixture->liquidations, AT (3, 0), 100.0, 0.0);
}

typedef struct
{
  WickSide side;
  gint64   from_ms;
  gint64   to_ms;
  double   sum;
} SumCase;

static void
test_sum (Fixture       *fixture,
          gconstpointer  user_data)
{
  const WickLiquidationBucket buckets[] = {
    { AT (0, 0), 1.0, 10.0 },
    { AT (1, 0), 2.0, 20.0 },
    { AT (2, 0), 4.0, 40.0 },
    { AT (4, 0), 8.0, 80.0 },
  };
  const SumCase cases[] = {
    { WICK_SIDE_LONG, AT (0, 0), AT (24, 0), 15.0 },
    { WICK_SIDE_SHORT, AT (0, 0), AT (24, 0), 150.0 },
    { WICK_SIDE_LONG, AT (1, 0), AT (2, 0), 2.0 },      /* to is exclusive */
    { WICK_SIDE_LONG, AT (1, 0), AT (2, 0) + 1, 6.0 },
    { WICK_SIDE_LONG, AT (0, 30), AT (4, 0), 6.0 },     /* from inside a bucket skips it */
    { WICK_SIDE_SHORT, AT (2, 0), AT (5, 0), 120.0 },
    { WICK_SIDE_LONG, AT (3, 0), AT (4, 0), 0.0 },      /* only the gap */
    { WICK_SIDE_LONG, AT (2, 0), AT (2, 0), 0.0 },      /* empty */
    { WICK_SIDE_LONG, AT (4, 0), AT (1, 0), 0.0 },      /* backwards */
    { WICK_SIDE_SHORT, G_MININT64, G_MAXINT64, 150.0 },
  };

  g_assert_true (wick_liquidations_set_buckets (fixture->liquidations, buckets,
                                                G_N_ELEMENTS (buckets), NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat (wick_liquidations_sum (fixture->liquidations, cases[i].side,
                                              cases[i].from_ms, cases[i].to_ms),
                       ==, cases[i].sum);
}

#define ADD_FIXTURE_TEST(path, func, data) \
  g_test_add ((path), Fixture, (data), fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_FIXTURE_TEST ("/wick/liquidations/buckets", test_buckets, NULL);
  ADD_FIXTURE_TEST ("/wick/liquidations/events", test_events, NULL);
  ADD_FIXTURE_TEST ("/wick/liquidations/events-into-buckets", test_events_into_buckets, NULL);
  g_test_add_func ("/wick/liquidations/events-small-buckets", test_events_small_buckets);
  ADD_FIXTURE_TEST ("/wick/liquidations/sum", test_sum, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bucket_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/liquidations/bucket-validation/%s",
                                               bucket_cases[i].name);

      ADD_FIXTURE_TEST (path, test_bucket_validation, &bucket_cases[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (event_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/liquidations/event-validation/%s",
                                               event_cases[i].name);

      ADD_FIXTURE_TEST (path, test_event_validation, &event_cases[i]);
    }

  return g_test_run ();
}
