/* wick-axis.h: tick positions and labels for the price and time axes
 *
 * Pure functions, no drawing: the renderer asks where the ticks go and what they say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WICK_TIME_UNIT_MINUTE,
  WICK_TIME_UNIT_HOUR,
  WICK_TIME_UNIT_DAY,
  WICK_TIME_UNIT_MONTH,
  WICK_TIME_UNIT_YEAR,
} WickTimeUnit;

/* A calendar step: @count of @unit, e.g. 6 hours, 7 days, 3 months. */
typedef struct
{
  WickTimeUnit unit;
  guint        count;
} WickTimeStep;

typedef struct
{
  gint64   time_ms;
  /* On a boundary of a larger unit than the step's (a day, month or year): drawn bolder. */
  gboolean is_major;
  /* "12:00", "Jan 5", "Feb", "2026" */
  char     label[32];
} WickTimeTick;

double  wick_axis_nice_step            (double              raw_step);
guint   wick_axis_step_decimals        (double              step);
guint   wick_axis_price_ticks          (double              low,
                                        double              high,
                                        gboolean            log_scale,
                                        double              height_px,
                                        double              min_spacing_px,
                                        double             *ticks,
                                        guint               max_ticks,
                                        double             *min_step);
double  wick_axis_time_step_nominal_ms (const WickTimeStep *step);
void    wick_axis_choose_time_step     (double              ms_per_px,
                                        double              min_spacing_px,
                                        WickTimeStep       *step);
guint   wick_axis_time_ticks           (GTimeZone          *time_zone,
                                        double              from_ms,
                                        double              to_ms,
                                        const WickTimeStep *step,
                                        WickTimeTick       *ticks,
                                        guint               max_ticks);
char   *wick_axis_format_time          (GTimeZone          *time_zone,
                                        gint64              time_ms,
                                        const char         *format);

guint   wick_price_decimals            (double              price);
gsize   wick_format_price_into         (char               *buffer,
                                        gsize               size,
                                        double              price,
                                        guint               decimals);
char   *wick_format_price              (double              price,
                                        guint               decimals);
gsize   wick_format_volume_into        (char               *buffer,
                                        gsize               size,
                                        double              volume);

G_END_DECLS
