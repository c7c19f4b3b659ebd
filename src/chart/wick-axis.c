/* wick-axis.c: tick positions and labels for the price and time axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-axis"

#include "config.h"

#include "wick-axis.h"

#include "wick-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define MS_PER_MINUTE 60000.0
#define MS_PER_HOUR   3600000.0
#define MS_PER_DAY    86400000.0
#define MS_PER_MONTH  (30.436875 * MS_PER_DAY)
#define MS_PER_YEAR   (365.2425 * MS_PER_DAY)

/* GDateTime covers years 1..9999; keep a margin inside it. */
#define MIN_TIME_MS   (-62100000000000.0)
#define MAX_TIME_MS   (253300000000000.0)

/* Guards the calendar walks against a step far too small for the range. */
#define MAX_WALK      100000

static const WickTimeStep time_steps[] = {
  { WICK_TIME_UNIT_MINUTE, 1 },
  { WICK_TIME_UNIT_MINUTE, 2 },
  { WICK_TIME_UNIT_MINUTE, 5 },
  { WICK_TIME_UNIT_MINUTE, 10 },
  { WICK_TIME_UNIT_MINUTE, 15 },
  { WICK_TIME_UNIT_MINUTE, 30 },
  { WICK_TIME_UNIT_HOUR, 1 },
  { WICK_TIME_UNIT_HOUR, 2 },
  { WICK_TIME_UNIT_HOUR, 3 },
  { WICK_TIME_UNIT_HOUR, 4 },
  { WICK_TIME_UNIT_HOUR, 6 },
  { WICK_TIME_UNIT_HOUR, 12 },
  { WICK_TIME_UNIT_DAY, 1 },
  { WICK_TIME_UNIT_DAY, 2 },
  { WICK_TIME_UNIT_DAY, 7 },
  { WICK_TIME_UNIT_MONTH, 1 },
  { WICK_TIME_UNIT_MONTH, 3 },
  { WICK_TIME_UNIT_YEAR, 1 },
  { WICK_TIME_UNIT_YEAR, 2 },
  { WICK_TIME_UNIT_YEAR, 5 },
  { WICK_TIME_UNIT_YEAR, 10 },
  { WICK_TIME_UNIT_YEAR, 20 },
  { WICK_TIME_UNIT_YEAR, 50 },
  { WICK_TIME_UNIT_YEAR, 100 },
};

/**
 * wick_axis_nice_step:
 * @raw_step: the smallest acceptable step, positive
 *
 * Returns: the smallest of 1, 2, 2.5 and 5 × 10^k that is at least @raw_step
 */
double
wick_axis_nice_step (double raw_step)
{
  static const double mantissas[] = { 1, 2, 2.5, 5, 10 };
  double magnitude;
  guint i;

  g_return_val_if_fail (isfinite (raw_step) && raw_step > 0, 1);

  magnitude = pow (10, floor (log10 (raw_step)));
  for (i = 0; i < G_N_ELEMENTS (mantissas); i++)
    {
      /* A little slack so 2.0000000001 (a rounding artefact) still counts as 2. */
      if (mantissas[i] * magnitude >= raw_step * (1 - 1e-9))
        return mantissas[i] * magnitude;
    }

  return 10 * magnitude;
}

/**
 * wick_axis_step_decimals:
 * @step: a tick step
 *
 * Returns: how many decimals labels at multiples of @step need (2.5 → 1, 0.25 → 2, 500 → 0)
 */
guint
wick_axis_step_decimals (double step)
{
  guint decimals = 0;
  double scaled = fabs (step);

  g_return_val_if_fail (isfinite (step), 0);

  while (decimals < 10 && fabs (scaled - round (scaled)) > 1e-6 * MAX (scaled, 1))
    {
      scaled *= 10;
      decimals++;
    }

  return decimals;
}

/* Price ticks in log space. The range is cut where the mantissa passes 1, 2 and 5
 * (… 10,000 | 20,000 | 50,000 | 100,000 …); each piece gets the nice step that is at least
 * @min_spacing_px tall at its top, where ticks are densest, so steps only grow upwards and
 * stay even within a piece. A narrow range is then simply linear. */
static guint
log_price_ticks (double  low,
                 double  high,
                 double  height_px,
                 double  min_spacing_px,
                 double *ticks,
                 guint   max_ticks,
                 double *min_step)
{
  double px_per_log = height_px / (log (high) - log (low));
  double smallest = G_MAXDOUBLE;
  double last = 0;
  double piece_low = low;
  guint n = 0;
  guint walk;

  for (walk = 0; walk < 1000 && piece_low < high && n < max_ticks; walk++)
    {
      double decade = pow (10, floor (log10 (piece_low)));
      double mantissa = piece_low / decade;
      double piece_high, step, k;

      /* 1.9999999 is 2 here: a cut is never a hair above itself. */
      if (mantissa < 2 - 1e-9)
        piece_high = 2 * decade;
      else if (mantissa < 5 - 1e-9)
        piece_high = 5 * decade;
      else
        piece_high = 10 * decade;

      step = wick_axis_nice_step (min_spacing_px * MIN (piece_high, high) / px_per_log);

      for (k = ceil (piece_low / step - 1e-9); n < max_ticks; k++)
        {
          double value = k * step;

          if (value > piece_high * (1 + 1e-12) || value > high)
            break;
          if (value < low || (n > 0 && value <= last * (1 + 1e-12)))
            continue;
          if (n > 0 && (log (value) - log (last)) * px_per_log < min_spacing_px * 0.9)
            continue;

          ticks[n++] = value;
          last = value;
          smallest = MIN (smallest, step);
        }

      piece_low = piece_high;
    }

  if (min_step != NULL)
    *min_step = smallest == G_MAXDOUBLE ? 1 : smallest;

  return n;
}

/**
 * wick_axis_price_ticks:
 * @low: the price at the bottom of the plot
 * @high: the price at the top
 * @log_scale: whether the axis is logarithmic
 * @height_px: the plot height
 * @min_spacing_px: the smallest distance between two ticks
 * @ticks: (out caller-allocates) (array length=max_ticks): the tick prices, ascending
 * @max_ticks: room in @ticks
 * @min_step: (out) (optional): the smallest step used, for the number of decimals
 *
 * Linear: every multiple of one nice step (1, 2, 2.5, 5 × 10^k) in the range. Log: nice
 * multiples whose step grows with the price so the ticks stay about evenly spread.
 *
 * Returns: the number of ticks
 */
guint
wick_axis_price_ticks (double    low,
                       double    high,
                       gboolean  log_scale,
                       double    height_px,
                       double    min_spacing_px,
                       double   *ticks,
                       guint     max_ticks,
                       double   *min_step)
{
  double step, first;
  guint n = 0;

  g_return_val_if_fail (ticks != NULL || max_ticks == 0, 0);

  if (min_step != NULL)
    *min_step = 1;

  if (!isfinite (low) || !isfinite (high) || !(high > low) ||
      !(height_px > 0) || !(min_spacing_px > 0) || max_ticks == 0)
    return 0;

  if (log_scale && low > 0)
    return log_price_ticks (low, high, height_px, min_spacing_px, ticks, max_ticks, min_step);

  step = wick_axis_nice_step ((high - low) * min_spacing_px / height_px);
  first = ceil (low / step) * step;

  for (; n < max_ticks; n++)
    {
      double value = first + n * step;

      if (value > high)
        break;
      /* No "-0" label. */
      if (fabs (value) < step * 1e-9)
        value = 0;
      ticks[n] = value;
    }

  if (min_step != NULL)
    *min_step = step;

  return n;
}

/**
 * wick_axis_time_step_nominal_ms:
 * @step: a calendar step
 *
 * Returns: its typical length (a month is 30.4 days, a year 365.24)
 */
double
wick_axis_time_step_nominal_ms (const WickTimeStep *step)
{
  g_return_val_if_fail (step != NULL, 0);

  switch (step->unit)
    {
    case WICK_TIME_UNIT_MINUTE:
      return step->count * MS_PER_MINUTE;
    case WICK_TIME_UNIT_HOUR:
      return step->count * MS_PER_HOUR;
    case WICK_TIME_UNIT_DAY:
      return step->count * MS_PER_DAY;
    case WICK_TIME_UNIT_MONTH:
      return step->count * MS_PER_MONTH;
    case WICK_TIME_UNIT_YEAR:
      return step->count * MS_PER_YEAR;
    default:
      g_return_val_if_reached (0);
    }
}

/**
 * wick_axis_choose_time_step:
 * @ms_per_px: the horizontal scale
 * @min_spacing_px: the smallest distance between two labels
 * @step: (out): the finest step from minutes (1 2 5 10 15 30) through hours (1 2 3 4 6 12),
 *   days (1 2 7), months (1 3) to years (1 2 5 10 20 50 100) whose ticks are at least
 *   @min_spacing_px apart
 */
void
wick_axis_choose_time_step (double        ms_per_px,
                            double        min_spacing_px,
                            WickTimeStep *step)
{
  guint i;

  g_return_if_fail (step != NULL);

  for (i = 0; i < G_N_ELEMENTS (time_steps); i++)
    {
      if (wick_axis_time_step_nominal_ms (&time_steps[i]) >= ms_per_px * min_spacing_px)
        break;
    }

  *step = time_steps[MIN (i, G_N_ELEMENTS (time_steps) - 1)];
}

static inline gint64
date_time_to_ms (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

static GDateTime *
date_time_from_ms (GTimeZone *time_zone,
                   double     time_ms)
{
  g_autoptr(GDateTime) utc = NULL;
  double clamped = CLAMP (time_ms, MIN_TIME_MS, MAX_TIME_MS);

  utc = g_date_time_new_from_unix_utc ((gint64) floor (clamped / 1000));
  return g_date_time_to_timezone (utc, time_zone);
}

/* Which boundary a local time sits on: 0 none, 1 day, 2 month, 3 year. */
static int
boundary_rank (GDateTime *dt)
{
  if (g_date_time_get_hour (dt) != 0 || g_date_time_get_minute (dt) != 0 ||
      g_date_time_get_second (dt) != 0)
    return 0;
  if (g_date_time_get_day_of_month (dt) != 1)
    return 1;
  if (g_date_time_get_month (dt) != 1)
    return 2;
  return 3;
}

static int
unit_rank (WickTimeUnit unit)
{
  switch (unit)
    {
    case WICK_TIME_UNIT_MINUTE:
    case WICK_TIME_UNIT_HOUR:
      return 0;
    case WICK_TIME_UNIT_DAY:
      return 1;
    case WICK_TIME_UNIT_MONTH:
      return 2;
    case WICK_TIME_UNIT_YEAR:
    default:
      return 3;
    }
}

/* Appends the tick at local time @dt if it lies in [from, to] after the last one. Returns
 * FALSE once past @to. */
static gboolean
add_tick (GDateTime          *dt,
          const WickTimeStep *step,
          double              from_ms,
          double              to_ms,
          WickTimeTick       *ticks,
          guint              *n_ticks)
{
  g_autofree char *label = NULL;
  gint64 time_ms;
  int rank;
  WickTimeTick *tick;

  if (dt == NULL)
    return TRUE;

  time_ms = date_time_to_ms (dt);
  if (time_ms > to_ms)
    return FALSE;
  if (time_ms < from_ms || (*n_ticks > 0 && time_ms <= ticks[*n_ticks - 1].time_ms))
    return TRUE;

  rank = boundary_rank (dt);
  switch (rank)
    {
    case 3:
      label = g_date_time_format (dt, "%Y");
      break;
    case 2:
      label = g_date_time_format (dt, "%b");
      break;
    case 1:
      /* Translators: a day's label on the time axis, as in "Jan 3"; a strftime () format
       * (GDateTime), e.g. "%-d. %b" for "3. Jan" */
      label = g_date_time_format (dt, _("%b %-d"));
      break;
    default:
      label = g_date_time_format (dt, "%H:%M");
      break;
    }

  tick = &ticks[(*n_ticks)++];
  tick->time_ms = time_ms;
  tick->is_major = rank > unit_rank (step->unit);
  g_strlcpy (tick->label, label != NULL ? label : "", sizeof tick->label);

  return TRUE;
}

static gboolean
day_is_tick (guint day,
             guint count)
{
  switch (count)
    {
    case 1:
      return TRUE;
    case 2:
      /* 1, 3, … 29: no tick one day before the next month's 1st. */
      return day % 2 == 1 && day <= 29;
    case 7:
      return day == 1 || day == 8 || day == 15 || day == 22;
    default:
      return (day - 1) % count == 0 && day + count / 2 <= 31;
    }
}

/**
 * wick_axis_time_ticks:
 * @time_zone: (nullable): where the calendar is read; UTC when %NULL
 * @from_ms: start of the range
 * @to_ms: end of the range
 * @step: the calendar step, from wick_axis_choose_time_step()
 * @ticks: (out caller-allocates) (array length=max_ticks): the ticks, ascending
 * @max_ticks: room in @ticks
 *
 * Ticks fall on local calendar boundaries: hours divisible by the hour step, the 1st/8th/15th/
 * 22nd for weeks, quarter starts for 3 months, and so on. Daylight-saving changes are
 * followed, so a 6-hour step in New York stays at 00:00, 06:00, 12:00 and 18:00 local time.
 *
 * Returns: the number of ticks
 */
guint
wick_axis_time_ticks (GTimeZone          *time_zone,
                      double              from_ms,
                      double              to_ms,
                      const WickTimeStep *step,
                      WickTimeTick       *ticks,
                      guint               max_ticks)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) start = NULL;
  guint count;
  guint n = 0;
  guint walk;
  int year, month, day;

  g_return_val_if_fail (step != NULL, 0);
  g_return_val_if_fail (ticks != NULL || max_ticks == 0, 0);

  if (!isfinite (from_ms) || !isfinite (to_ms) || to_ms < from_ms || max_ticks == 0)
    return 0;

  if (time_zone == NULL)
    time_zone = utc = g_time_zone_new_utc ();

  count = MAX (step->count, 1);
  /* Start a day early: the first tick can be before the local day of @from_ms begins. */
  start = date_time_from_ms (time_zone, from_ms - MS_PER_DAY);
  if (start == NULL)
    return 0;
  g_date_time_get_ymd (start, &year, &month, &day);

  switch (step->unit)
    {
    case WICK_TIME_UNIT_MINUTE:
      {
        g_autoptr(GDateTime) dt = g_date_time_new (time_zone, year, month, day,
                                                   g_date_time_get_hour (start), 0, 0);
        double stride = count * MS_PER_MINUTE;
        double t0, t;

        if (dt == NULL)
          return 0;

        /* Whole hours are aligned in local time; minutes then step in absolute time. */
        t0 = (double) date_time_to_ms (dt);
        t0 += floor ((from_ms - t0) / stride) * stride;
        for (t = t0, walk = 0; n < max_ticks && walk < MAX_WALK; t += stride, walk++)
          {
            g_autoptr(GDateTime) tick_dt = date_time_from_ms (time_zone, t);

            if (!add_tick (tick_dt, step, from_ms, to_ms, ticks, &n))
              break;
          }
      }
      break;

    case WICK_TIME_UNIT_HOUR:
    case WICK_TIME_UNIT_DAY:
      {
        GDate date;

        g_date_clear (&date, 1);
        g_date_set_dmy (&date, day, month, year);

        for (walk = 0; n < max_ticks && walk < MAX_WALK; walk++)
          {
            guint d = g_date_get_day (&date);
            guint m = g_date_get_month (&date);
            guint y = g_date_get_year (&date);
            gboolean more = TRUE;

            if (step->unit == WICK_TIME_UNIT_HOUR)
              {
                guint hour;

                for (hour = 0; hour < 24 && more && n < max_ticks; hour += count)
                  {
                    g_autoptr(GDateTime) dt = g_date_time_new (time_zone, y, m, d, hour, 0, 0);

                    /* An hour skipped by a daylight-saving jump gets no tick. */
                    if (dt != NULL && (guint) g_date_time_get_hour (dt) != hour)
                      continue;
                    more = add_tick (dt, step, from_ms, to_ms, ticks, &n);
                  }
              }
            else if (day_is_tick (d, count))
              {
                g_autoptr(GDateTime) dt = g_date_time_new (time_zone, y, m, d, 0, 0, 0);

                more = add_tick (dt, step, from_ms, to_ms, ticks, &n);
              }
            else
              {
                /* Stop walking days once past the range, tick or not. */
                g_autoptr(GDateTime) dt = g_date_time_new (time_zone, y, m, d, 0, 0, 0);

                more = dt == NULL || date_time_to_ms (dt) <= to_ms;
              }

            if (!more || y >= 9999)
              break;
            g_date_add_days (&date, 1);
          }
      }
      break;

    case WICK_TIME_UNIT_MONTH:
      {
        int m = month - (month - 1) % (int) count;
        int y = year;

        for (walk = 0; n < max_ticks && walk < MAX_WALK && y <= 9999; walk++)
          {
            g_autoptr(GDateTime) dt = g_date_time_new (time_zone, y, m, 1, 0, 0, 0);

            if (!add_tick (dt, step, from_ms, to_ms, ticks, &n))
              break;

            m += count;
            while (m > 12)
              {
                m -= 12;
                y++;
              }
          }
      }
      break;

    case WICK_TIME_UNIT_YEAR:
    default:
      {
        int y = year - year % (int) count;

        for (walk = 0; n < max_ticks && walk < MAX_WALK && y <= 9999; walk++, y += count)
          {
            g_autoptr(GDateTime) dt = y >= 1 ? g_date_time_new (time_zone, y, 1, 1, 0, 0, 0)
                                             : NULL;

            if (!add_tick (dt, step, from_ms, to_ms, ticks, &n))
              break;
          }
      }
      break;
    }

  return n;
}

/**
 * wick_axis_format_time:
 * @time_zone: (nullable): UTC when %NULL
 * @time_ms: Unix milliseconds
 * @format: a g_date_time_format() format
 *
 * Returns: (transfer full) (nullable): the formatted local time
 */
char *
wick_axis_format_time (GTimeZone  *time_zone,
                       gint64      time_ms,
                       const char *format)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  if (time_zone == NULL)
    time_zone = utc = g_time_zone_new_utc ();

  dt = date_time_from_ms (time_zone, time_ms);
  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, format);
}

/**
 * wick_price_decimals:
 * @price: a price
 *
 * Returns: the decimals a price of this size is quoted with: 2 from 1 up, more below 1 so
 *   about four significant digits show
 */
guint
wick_price_decimals (double price)
{
  double magnitude = fabs (price);

  if (!isfinite (magnitude) || magnitude >= 1 || magnitude == 0)
    return 2;

  return (guint) MIN (10, 3 - floor (log10 (magnitude)));
}

/**
 * wick_format_price_into:
 * @buffer: (out caller-allocates): where the text goes, NUL-terminated
 * @size: room in @buffer; 64 is plenty
 * @price: the value
 * @decimals: digits after the point (at most 12)
 *
 * Formats @price with the decimal point and digit groups of the locale, as
 * wick_format_grouped_into() does ("92,000", "93,859.71" in English and in the C locale).
 *
 * Returns: the length written, without the NUL
 */
gsize
wick_format_price_into (char   *buffer,
                        gsize   size,
                        double  price,
                        guint   decimals)
{
  g_return_val_if_fail (buffer != NULL && size > 0, 0);

  /* The formatting lives in the model, so explanations and labels write numbers alike. */
  return wick_format_grouped_into (buffer, size, price, decimals);
}

/**
 * wick_format_price:
 * @price: the value
 * @decimals: digits after the point
 *
 * Returns: (transfer full): see wick_format_price_into()
 */
char *
wick_format_price (double price,
                   guint  decimals)
{
  char buffer[WICK_FORMAT_BUF_SIZE];

  wick_format_price_into (buffer, sizeof buffer, price, decimals);
  return g_strdup (buffer);
}

/**
 * wick_format_volume_into:
 * @buffer: (out caller-allocates): where the text goes
 * @size: room in @buffer
 * @volume: the value
 *
 * Whole units from 1,000 up ("1,234"), two decimals below, four below 1.
 *
 * Returns: the length written
 */
gsize
wick_format_volume_into (char   *buffer,
                         gsize   size,
                         double  volume)
{
  double magnitude = fabs (volume);
  guint decimals = magnitude >= 1000 ? 0 : magnitude >= 1 ? 2 : 4;

  return wick_format_price_into (buffer, size, volume, decimals);
}
