/* test-axis.c: nice price steps, calendar time ticks and number formatting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-axis.h"

#include <math.h>
#include <string.h>

#define HOUR_MS   G_GINT64_CONSTANT (3600000)
#define DAY_MS    (24 * HOUR_MS)

static gint64
utc_ms (int year,
        int month,
        int day,
        int hour,
        int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static GTimeZone *
new_york (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("America/New_York");

  /* Without tzdata: standard time only, which is what January needs. */
  if (tz == NULL)
    tz = g_time_zone_new_offset (-5 * 3600);

  return tz;
}

static void
test_nice_step (void)
{
  static const struct
  {
    double raw;
    double nice;
  } cases[] = {
    { 0.7, 1 }, { 1, 1 }, { 1.2, 2 }, { 2, 2 }, { 2.1, 2.5 }, { 2.5, 2.5 }, { 2.6, 5 },
    { 5, 5 }, { 5.5, 10 }, { 13, 20 }, { 240, 250 }, { 251, 500 }, { 666.7, 1000 },
    { 0.0031, 0.005 }, { 0.02, 0.02 }, { 9999, 10000 }, { 12345, 20000 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double step = wick_axis_nice_step (cases[i].raw);

      g_test_message ("raw %g, nice %g", cases[i].raw, step);
      g_assert_cmpfloat_with_epsilon (step, cases[i].nice, cases[i].nice * 1e-12);
    }
}

static void
test_step_decimals (void)
{
  static const struct
  {
    double step;
    guint  decimals;
  } cases[] = {
    { 500, 0 }, { 1, 0 }, { 2.5, 1 }, { 0.5, 1 }, { 0.25, 2 }, { 0.1, 1 }, { 0.005, 3 },
    { 25, 0 }, { 1000, 0 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (wick_axis_step_decimals (cases[i].step), ==, cases[i].decimals);
}

static void
test_price_ticks_linear (void)
{
  double ticks[64];
  double step = 0;
  guint n, i;

  /* 10,000 over 600 px with 40 px spacing: raw 666.7 → 1,000. */
  n = wick_axis_price_ticks (90000, 100000, FALSE, 600, 40, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpfloat (step, ==, 1000);
  g_assert_cmpuint (n, ==, 11);
  for (i = 0; i < n; i++)
    g_assert_cmpfloat (ticks[i], ==, 90000 + 1000.0 * i);

  /* Odd bounds: only multiples inside. */
  n = wick_axis_price_ticks (91234.5, 93777, FALSE, 500, 40, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpfloat (step, ==, 250);
  g_assert_cmpfloat (ticks[0], ==, 91250);
  g_assert_cmpfloat (ticks[n - 1], ==, 93750);
  for (i = 1; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i] - ticks[i - 1], 250, 1e-9);

  /* Around zero there is no "-0". */
  n = wick_axis_price_ticks (-1, 1, FALSE, 100, 40, ticks, G_N_ELEMENTS (ticks), &step);
  for (i = 0; i < n; i++)
    if (ticks[i] == 0)
      g_assert_false (signbit (ticks[i]));

  /* Room for two only. */
  n = wick_axis_price_ticks (90000, 100000, FALSE, 600, 40, ticks, 2, NULL);
  g_assert_cmpuint (n, ==, 2);

  /* Degenerate input gives nothing. */
  g_assert_cmpuint (wick_axis_price_ticks (5, 5, FALSE, 600, 40, ticks, 64, NULL), ==, 0);
  g_assert_cmpuint (wick_axis_price_ticks (5, 6, FALSE, 0, 40, ticks, 64, NULL), ==, 0);
}

static guint
significant_digits (double value)
{
  double scaled = value / pow (10, floor (log10 (value)));
  guint digits = 1;

  while (fabs (scaled - round (scaled)) > 1e-6 && digits < 17)
    {
      scaled *= 10;
      digits++;
    }

  return digits;
}

static void
test_price_ticks_log (void)
{
  static const struct
  {
    double low;
    double high;
  } cases[] = {
    { 3000, 100000 }, { 90000, 100000 }, { 0.01, 1000 }, { 15000, 70000 },
  };
  guint c;

  for (c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      double height = 800;
      double px_per_log = height / (log (cases[c].high) - log (cases[c].low));
      double ticks[128];
      double step = 0;
      guint n, i;

      n = wick_axis_price_ticks (cases[c].low, cases[c].high, TRUE, height, 40,
                                 ticks, G_N_ELEMENTS (ticks), &step);
      g_test_message ("%g..%g: %u ticks, smallest step %g", cases[c].low, cases[c].high, n, step);
      g_assert_cmpuint (n, >=, 4);
      g_assert_cmpuint (n, <=, height / 40 + 1);

      for (i = 0; i < n; i++)
        {
          g_assert_cmpfloat (ticks[i], >=, cases[c].low);
          g_assert_cmpfloat (ticks[i], <=, cases[c].high);
          /* Every tick is a round number: at most three significant digits. */
          g_assert_true (significant_digits (ticks[i]) <= 3);
          if (i > 0)
            g_assert_cmpfloat ((log (ticks[i]) - log (ticks[i - 1])) * px_per_log, >=, 36);
        }
    }
}

static void
test_time_step_choice (void)
{
  static const struct
  {
    const char   *name;
    double        span_ms;
    double        width_px;
    WickTimeUnit  unit;
    guint         count;
  } cases[] = {
    { "1 hour", HOUR_MS, 1000, WICK_TIME_UNIT_MINUTE, 5 },
    { "6 hours", 6 * HOUR_MS, 1000, WICK_TIME_UNIT_MINUTE, 30 },
    { "6 hours, narrow", 6 * HOUR_MS, 480, WICK_TIME_UNIT_HOUR, 1 },
    { "1 day", DAY_MS, 1000, WICK_TIME_UNIT_HOUR, 2 },
    { "1 day, narrow", DAY_MS, 480, WICK_TIME_UNIT_HOUR, 4 },
    { "3 days", 3 * DAY_MS, 1000, WICK_TIME_UNIT_HOUR, 6 },
    { "3 days, narrow", 3 * DAY_MS, 480, WICK_TIME_UNIT_HOUR, 12 },
    { "1 week", 7 * DAY_MS, 1000, WICK_TIME_UNIT_DAY, 1 },
    { "2 weeks", 14 * DAY_MS, 1000, WICK_TIME_UNIT_DAY, 2 },
    { "1 month", 30 * DAY_MS, 1000, WICK_TIME_UNIT_DAY, 7 },
    { "3 months", 91 * DAY_MS, 1000, WICK_TIME_UNIT_MONTH, 1 },
    { "1 year", 365 * DAY_MS, 1000, WICK_TIME_UNIT_MONTH, 1 },
    { "3 years", 3 * 365 * DAY_MS, 1000, WICK_TIME_UNIT_MONTH, 3 },
    { "3 years, narrow", 3 * 365 * DAY_MS, 480, WICK_TIME_UNIT_YEAR, 1 },
    { "10 years", 3653 * DAY_MS, 1000, WICK_TIME_UNIT_YEAR, 1 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double ms_per_px = cases[i].span_ms / cases[i].width_px;
      WickTimeStep step;

      /* Labels at least 80 px apart, as the renderer asks. */
      wick_axis_choose_time_step (ms_per_px, 80, &step);
      g_test_message ("%s: unit %d, count %u", cases[i].name, step.unit, step.count);
      g_assert_cmpint (step.unit, ==, cases[i].unit);
      g_assert_cmpuint (step.count, ==, cases[i].count);
      g_assert_cmpfloat (wick_axis_time_step_nominal_ms (&step) / ms_per_px, >=, 80);
    }
}

typedef struct
{
  gint64      time_ms;
  const char *label;
  gboolean    is_major;
} ExpectedTick;

static void
assert_ticks (GTimeZone          *tz,
              gint64              from_ms,
              gint64              to_ms,
              WickTimeUnit        unit,
              guint               count,
              const ExpectedTick *expected,
              guint               n_expected)
{
  WickTimeStep step = { unit, count };
  WickTimeTick ticks[64];
  guint n, i;

  n = wick_axis_time_ticks (tz, from_ms, to_ms, &step, ticks, G_N_ELEMENTS (ticks));
  for (i = 0; i < n; i++)
    g_test_message ("tick %u: %" G_GINT64_FORMAT " %s%s", i, ticks[i].time_ms, ticks[i].label,
                    ticks[i].is_major ? " (major)" : "");

  g_assert_cmpuint (n, ==, n_expected);
  for (i = 0; i < n; i++)
    {
      g_assert_cmpint (ticks[i].time_ms, ==, expected[i].time_ms);
      g_assert_cmpstr (ticks[i].label, ==, expected[i].label);
      g_assert_cmpint (ticks[i].is_major, ==, expected[i].is_major);
    }
}

static void
test_time_ticks_utc_hours (void)
{
  const ExpectedTick expected[] = {
    { utc_ms (2026, 1, 4, 0, 0), "Jan 4", TRUE },
    { utc_ms (2026, 1, 4, 6, 0), "06:00", FALSE },
    { utc_ms (2026, 1, 4, 12, 0), "12:00", FALSE },
    { utc_ms (2026, 1, 4, 18, 0), "18:00", FALSE },
    { utc_ms (2026, 1, 5, 0, 0), "Jan 5", TRUE },
    { utc_ms (2026, 1, 5, 6, 0), "06:00", FALSE },
  };

  /* NULL is UTC. */
  assert_ticks (NULL, utc_ms (2026, 1, 3, 23, 30), utc_ms (2026, 1, 5, 6, 0),
                WICK_TIME_UNIT_HOUR, 6, expected, G_N_ELEMENTS (expected));
}

static void
test_time_ticks_year_boundary (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const ExpectedTick hours[] = {
    { utc_ms (2025, 12, 31, 12, 0), "12:00", FALSE },
    { utc_ms (2026, 1, 1, 0, 0), "2026", TRUE },
    { utc_ms (2026, 1, 1, 12, 0), "12:00", FALSE },
  };
  const ExpectedTick weeks[] = {
    { utc_ms (2025, 12, 15, 0, 0), "Dec 15", FALSE },
    { utc_ms (2025, 12, 22, 0, 0), "Dec 22", FALSE },
    { utc_ms (2026, 1, 1, 0, 0), "2026", TRUE },
    { utc_ms (2026, 1, 8, 0, 0), "Jan 8", FALSE },
    { utc_ms (2026, 1, 15, 0, 0), "Jan 15", FALSE },
    { utc_ms (2026, 1, 22, 0, 0), "Jan 22", FALSE },
    { utc_ms (2026, 2, 1, 0, 0), "Feb", TRUE },
    { utc_ms (2026, 2, 8, 0, 0), "Feb 8", FALSE },
  };
  const ExpectedTick months[] = {
    { utc_ms (2025, 10, 1, 0, 0), "Oct", FALSE },
    { utc_ms (2025, 11, 1, 0, 0), "Nov", FALSE },
    { utc_ms (2025, 12, 1, 0, 0), "Dec", FALSE },
    { utc_ms (2026, 1, 1, 0, 0), "2026", TRUE },
    { utc_ms (2026, 2, 1, 0, 0), "Feb", FALSE },
  };
  const ExpectedTick quarters[] = {
    { utc_ms (2024, 7, 1, 0, 0), "Jul", FALSE },
    { utc_ms (2024, 10, 1, 0, 0), "Oct", FALSE },
    { utc_ms (2025, 1, 1, 0, 0), "2025", TRUE },
    { utc_ms (2025, 4, 1, 0, 0), "Apr", FALSE },
  };
  const ExpectedTick years[] = {
    { utc_ms (2020, 1, 1, 0, 0), "2020", FALSE },
    { utc_ms (2022, 1, 1, 0, 0), "2022", FALSE },
    { utc_ms (2024, 1, 1, 0, 0), "2024", FALSE },
    { utc_ms (2026, 1, 1, 0, 0), "2026", FALSE },
  };

  assert_ticks (utc, utc_ms (2025, 12, 31, 7, 0), utc_ms (2026, 1, 1, 13, 0),
                WICK_TIME_UNIT_HOUR, 12, hours, G_N_ELEMENTS (hours));
  assert_ticks (utc, utc_ms (2025, 12, 10, 0, 0), utc_ms (2026, 2, 10, 0, 0),
                WICK_TIME_UNIT_DAY, 7, weeks, G_N_ELEMENTS (weeks));
  assert_ticks (utc, utc_ms (2025, 9, 15, 0, 0), utc_ms (2026, 2, 1, 0, 0),
                WICK_TIME_UNIT_MONTH, 1, months, G_N_ELEMENTS (months));
  assert_ticks (utc, utc_ms (2024, 6, 1, 0, 0), utc_ms (2025, 5, 1, 0, 0),
                WICK_TIME_UNIT_MONTH, 3, quarters, G_N_ELEMENTS (quarters));
  assert_ticks (utc, utc_ms (2019, 6, 1, 0, 0), utc_ms (2026, 6, 1, 0, 0),
                WICK_TIME_UNIT_YEAR, 2, years, G_N_ELEMENTS (years));
}

static void
test_time_ticks_two_days (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  WickTimeStep step = { WICK_TIME_UNIT_DAY, 2 };
  WickTimeTick ticks[64];
  guint n, i;

  /* Odd days up to the 29th, then the 1st: no label crowds the month boundary. */
  n = wick_axis_time_ticks (utc, utc_ms (2026, 1, 20, 0, 0), utc_ms (2026, 2, 6, 0, 0), &step,
                            ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpstr (ticks[0].label, ==, "Jan 21");
  g_assert_cmpstr (ticks[4].label, ==, "Jan 29");
  g_assert_cmpstr (ticks[5].label, ==, "Feb");
  g_assert_true (ticks[5].is_major);
  g_assert_cmpstr (ticks[7].label, ==, "Feb 5");
  for (i = 1; i < n; i++)
    g_assert_cmpint (ticks[i].time_ms - ticks[i - 1].time_ms, >=, 2 * DAY_MS);
}

static void
test_time_ticks_new_york (void)
{
  g_autoptr(GTimeZone) tz = new_york ();
  /* 00:00 in New York in January is 05:00 UTC. */
  const ExpectedTick expected[] = {
    { utc_ms (2026, 1, 4, 17, 0), "12:00", FALSE },
    { utc_ms (2026, 1, 4, 23, 0), "18:00", FALSE },
    { utc_ms (2026, 1, 5, 5, 0), "Jan 5", TRUE },
    { utc_ms (2026, 1, 5, 11, 0), "06:00", FALSE },
  };
  const ExpectedTick months[] = {
    { utc_ms (2026, 1, 1, 5, 0), "2026", TRUE },
    { utc_ms (2026, 2, 1, 5, 0), "Feb", FALSE },
  };
  WickTimeStep step = { WICK_TIME_UNIT_HOUR, 6 };
  WickTimeTick ticks[64];
  guint n, i;

  assert_ticks (tz, utc_ms (2026, 1, 4, 12, 0), utc_ms (2026, 1, 5, 12, 0),
                WICK_TIME_UNIT_HOUR, 6, expected, G_N_ELEMENTS (expected));

  /* In UTC, the same range has its day boundary five hours earlier. */
  n = wick_axis_time_ticks (NULL, utc_ms (2026, 1, 4, 12, 0), utc_ms (2026, 1, 5, 12, 0),
                            &step, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (ticks[2].label, ==, "Jan 5");
  g_assert_cmpint (ticks[2].time_ms, ==, utc_ms (2026, 1, 5, 0, 0));

  assert_ticks (tz, utc_ms (2025, 12, 20, 0, 0), utc_ms (2026, 2, 15, 0, 0),
                WICK_TIME_UNIT_MONTH, 1, months, G_N_ELEMENTS (months));

  /* Daylight saving starts on 8 March 2026 at 02:00: the 6-hour ticks stay on local 00, 06,
   * 12, 18, so the first gap of that day is 5 hours long. */
  if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc_ms (2026, 7, 1, 0, 0) / 1000) !=
      g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc_ms (2026, 1, 1, 0, 0) / 1000))
    {
      n = wick_axis_time_ticks (tz, utc_ms (2026, 3, 8, 0, 0), utc_ms (2026, 3, 8, 23, 0),
                                &step, ticks, G_N_ELEMENTS (ticks));
      g_assert_cmpuint (n, ==, 4);
      g_assert_cmpstr (ticks[0].label, ==, "Mar 8");
      g_assert_cmpint (ticks[0].time_ms, ==, utc_ms (2026, 3, 8, 5, 0));
      g_assert_cmpstr (ticks[1].label, ==, "06:00");
      g_assert_cmpint (ticks[1].time_ms, ==, utc_ms (2026, 3, 8, 10, 0));
      g_assert_cmpstr (ticks[2].label, ==, "12:00");
      g_assert_cmpint (ticks[2].time_ms, ==, utc_ms (2026, 3, 8, 16, 0));
      g_assert_cmpstr (ticks[3].label, ==, "18:00");
      g_assert_cmpint (ticks[3].time_ms, ==, utc_ms (2026, 3, 8, 22, 0));
    }
  else
    {
      g_test_message ("no tzdata for America/New_York: daylight-saving part skipped");
    }

  for (i = 0; i < n; i++)
    g_assert_cmpuint (strlen (ticks[i].label), >, 0);
}

static void
test_time_ticks_spans (void)
{
  static const double spans_days[] = { 0.25, 1, 3, 7, 30, 91, 365, 1096 };
  g_autoptr(GTimeZone) tz = new_york ();
  guint i;

  /* For spans from 6 hours to 3 years on 1,000 px, the chosen step gives a handful of
   * ascending ticks no closer than the step allows. */
  for (i = 0; i < G_N_ELEMENTS (spans_days); i++)
    {
      double span = spans_days[i] * DAY_MS;
      double from = utc_ms (2025, 3, 5, 7, 13);
      WickTimeStep step;
      WickTimeTick ticks[128];
      guint n, j;

      wick_axis_choose_time_step (span / 1000, 80, &step);
      n = wick_axis_time_ticks (tz, from, from + span, &step, ticks, G_N_ELEMENTS (ticks));
      g_test_message ("%g days: %u ticks", spans_days[i], n);
      g_assert_cmpuint (n, >=, 3);
      g_assert_cmpuint (n, <=, 14);

      for (j = 0; j < n; j++)
        {
          g_assert_cmpint (ticks[j].time_ms, >=, from);
          g_assert_cmpint (ticks[j].time_ms, <=, from + span);
          if (j > 0)
            {
              /* Calendar steps vary (months, the 29th → 1st, daylight saving) but never
               * shrink below half the nominal step. */
              g_assert_cmpint (ticks[j].time_ms, >, ticks[j - 1].time_ms);
              g_assert_cmpfloat (ticks[j].time_ms - ticks[j - 1].time_ms, >=,
                                 wick_axis_time_step_nominal_ms (&step) / 2);
            }
        }
    }
}

static void
test_format_time (void)
{
  g_autoptr(GTimeZone) tz = new_york ();
  g_autofree char *utc_text = NULL;
  g_autofree char *ny_text = NULL;

  utc_text = wick_axis_format_time (NULL, utc_ms (2026, 1, 5, 3, 0), "%Y-%m-%d %H:%M");
  ny_text = wick_axis_format_time (tz, utc_ms (2026, 1, 5, 3, 0), "%Y-%m-%d %H:%M");
  g_assert_cmpstr (utc_text, ==, "2026-01-05 03:00");
  g_assert_cmpstr (ny_text, ==, "2026-01-04 22:00");
}

static void
test_format_price (void)
{
  static const struct
  {
    double      value;
    guint       decimals;
    const char *text;
  } cases[] = {
    { 92000, 0, "92,000" },
    { 93859.71, 2, "93,859.71" },
    { 94444.444, 2, "94,444.44" },
    { 999.5, 0, "1,000" },
    { 100, 0, "100" },
    { 1000, 0, "1,000" },
    { 1000000, 0, "1,000,000" },
    { 12.5, 1, "12.5" },
    { 0, 2, "0.00" },
    { -0.001, 2, "0.00" },
    { -1234567.891, 2, "-1,234,567.89" },
    { 0.000123, 6, "0.000123" },
    { 123456, 3, "123,456.000" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = wick_format_price (cases[i].value, cases[i].decimals);
      char buffer[8];

      g_assert_cmpstr (text, ==, cases[i].text);

      /* A short buffer truncates and stays terminated. */
      wick_format_price_into (buffer, sizeof buffer, cases[i].value, cases[i].decimals);
      g_assert_true (g_str_has_prefix (cases[i].text, buffer));
    }

  g_assert_cmpuint (wick_price_decimals (93000), ==, 2);
  g_assert_cmpuint (wick_price_decimals (1), ==, 2);
  g_assert_cmpuint (wick_price_decimals (0.5), ==, 4);
  g_assert_cmpuint (wick_price_decimals (0.0123), ==, 5);
}

static void
test_format_volume (void)
{
  static const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 1234.4, "1,234" }, { 999.456, "999.46" }, { 0.5, "0.5000" }, { 2500000, "2,500,000" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buffer[64];

      wick_format_volume_into (buffer, sizeof buffer, cases[i].value);
      g_assert_cmpstr (buffer, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/axis/nice-step", test_nice_step);
  g_test_add_func ("/wick/axis/step-decimals", test_step_decimals);
  g_test_add_func ("/wick/axis/price-ticks-linear", test_price_ticks_linear);
  g_test_add_func ("/wick/axis/price-ticks-log", test_price_ticks_log);
  g_test_add_func ("/wick/axis/time-step-choice", test_time_step_choice);
  g_test_add_func ("/wick/axis/time-ticks-utc-hours", test_time_ticks_utc_hours);
  g_test_add_func ("/wick/axis/time-ticks-year-boundary", test_time_ticks_year_boundary);
  g_test_add_func ("/wick/axis/time-ticks-two-days", test_time_ticks_two_days);
  g_test_add_func ("/wick/axis/time-ticks-new-york", test_time_ticks_new_york);
  g_test_add_func ("/wick/axis/time-ticks-spans", test_time_ticks_spans);
  g_test_add_func ("/wick/axis/format-time", test_format_time);
  g_test_add_func ("/wick/axis/format-price", test_format_price);
  g_test_add_func ("/wick/axis/format-volume", test_format_volume);

  return g_test_run ();
}
