/* wick-open-interest.c: open interest over time, in USD
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-open-interest"

#include "config.h"

#include "wick-open-interest.h"

#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

struct _WickOpenInterest
{
  GObject  parent_instance;

  gint64   interval_ms;
  GArray  *points;       /* Owned; WickOpenInterestPoint, sorted by time_ms, unique, gaps allowed */
};

enum {
  PROP_0,
  PROP_INTERVAL_MS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WickOpenInterest, wick_open_interest, G_TYPE_OBJECT)

G_DEFINE_QUARK (wick-open-interest-error-quark, wick_open_interest_error)

char *
_wick_open_interest_point_describe_problem (const WickOpenInterestPoint *point,
                                            WickOpenInterestError       *code)
{
  char buf[WICK_NUMBER_BUF_SIZE];

  if (!isfinite (point->open_usd) || !isfinite (point->close_usd))
    {
      *code = WICK_OPEN_INTEREST_ERROR_NOT_FINITE;
      if (!isfinite (point->open_usd))
        return g_strdup_printf (_("opening open interest is not a finite number (%s)"),
                                _wick_format_number (buf, point->open_usd));
      return g_strdup_printf (_("closing open interest is not a finite number (%s)"),
                              _wick_format_number (buf, point->close_usd));
    }

  if (point->open_usd < 0.0)
    {
      *code = WICK_OPEN_INTEREST_ERROR_NEGATIVE;
      return g_strdup_printf (_("opening open interest of %s USD is negative"),
                              _wick_format_number (buf, point->open_usd));
    }

  if (point->close_usd < 0.0)
    {
      *code = WICK_OPEN_INTEREST_ERROR_NEGATIVE;
      return g_strdup_printf (_("closing open interest of %s USD is negative"),
                              _wick_format_number (buf, point->close_usd));
    }

  return NULL;
}

static void
wick_open_interest_finalize (GObject *object)
{
  WickOpenInterest *self = (WickOpenInterest *)object;

  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (wick_open_interest_parent_class)->finalize (object);
}

static void
wick_open_interest_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WickOpenInterest *self = WICK_OPEN_INTEREST (object);

  switch (prop_id)
    {
    case PROP_INTERVAL_MS:
      g_value_set_int64 (value, wick_open_interest_get_interval_ms (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_open_interest_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WickOpenInterest *self = WICK_OPEN_INTEREST (object);

  switch (prop_id)
    {
    case PROP_INTERVAL_MS:
      self->interval_ms = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_open_interest_class_init (WickOpenInterestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_open_interest_finalize;
  object_class->get_property = wick_open_interest_get_property;
  object_class->set_property = wick_open_interest_set_property;

  /**
   * WickOpenInterest:interval-ms:
   *
   * The nominal spacing of the points in milliseconds; real data may skip some.
   */
  properties[PROP_INTERVAL_MS] =
    g_param_spec_int64 ("interval-ms", NULL, NULL,
                        1, G_MAXINT64, 3600000,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickOpenInterest::changed:
   *
   * Emitted after the points are replaced.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wick_open_interest_init (WickOpenInterest *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (WickOpenInterestPoint));
}

/**
 * wick_open_interest_new:
 * @interval_ms: nominal spacing of the points, above zero
 *
 * Returns: (transfer full): an empty open interest history
 */
WickOpenInterest *
wick_open_interest_new (gint64 interval_ms)
{
  g_return_val_if_fail (interval_ms > 0, NULL);

  return g_object_new (WICK_TYPE_OPEN_INTEREST,
                       "interval-ms", interval_ms,
                       NULL);
}

gint64
wick_open_interest_get_interval_ms (WickOpenInterest *self)
{
  g_return_val_if_fail (WICK_IS_OPEN_INTEREST (self), 0);

  return self->interval_ms;
}

guint
wick_open_interest_get_length (WickOpenInterest *self)
{
  g_return_val_if_fail (WICK_IS_OPEN_INTEREST (self), 0);

  return self->points->len;
}

/**
 * wick_open_interest_get_points:
 * @self: a #WickOpenInterest
 *
 * Returns: (transfer none): the points sorted by time, wick_open_interest_get_length() of
 *   them; valid until the next change
 */
const WickOpenInterestPoint *
wick_open_interest_get_points (WickOpenInterest *self)
{
  g_return_val_if_fail (WICK_IS_OPEN_INTEREST (self), NULL);

  return (const WickOpenInterestPoint *)(gpointer)self->points->data;
}

/**
 * wick_open_interest_lookup:
 * @self: a #WickOpenInterest
 * @time_ms: a time
 *
 * Returns: (transfer none) (nullable): the point at exactly @time_ms, %NULL in a gap
 */
const WickOpenInterestPoint *
wick_open_interest_lookup (WickOpenInterest *self,
                           gint64            time_ms)
{
  const WickOpenInterestPoint *p;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (WICK_IS_OPEN_INTEREST (self), NULL);

  p = (const WickOpenInterestPoint *)(gpointer)self->points->data;
  hi = self->points->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (p[mid].time_ms < time_ms)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < self->points->len && p[lo].time_ms == time_ms)
    return &p[lo];

  return NULL;
}

/**
 * wick_open_interest_set_points:
 * @self: a #WickOpenInterest
 * @points: (array length=n_points) (nullable): points with increasing times
 * @n_points: their number
 * @error: return location for a #WickOpenInterestError
 *
 * Replaces the history. Values must be finite and not negative; times must increase but may
 * skip intervals. All or nothing: on error nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_open_interest_set_points (WickOpenInterest             *self,
                               const WickOpenInterestPoint  *points,
                               guint                         n_points,
                               GError                      **error)
{
  GArray *fresh;

  g_return_val_if_fail (WICK_IS_OPEN_INTEREST (self), FALSE);
  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_points; i++)
    {
      WickOpenInterestError code;
      g_autofree char *problem = _wick_open_interest_point_describe_problem (&points[i], &code);

      if (problem != NULL)
        {
          g_autofree char *time = _wick_format_time_ms (points[i].time_ms);

          /* Translators: “Point 3 (2026-01-05T03:00:00Z): closing open interest … is negative” */
          g_set_error (error, WICK_OPEN_INTEREST_ERROR, code, _("Point %u (%s): %s"),
                       i, time, problem);
          return FALSE;
        }

      if (i > 0 && points[i].time_ms <= points[i - 1].time_ms)
        {
          g_autofree char *time = _wick_format_time_ms (points[i].time_ms);
          g_autofree char *prev_time = _wick_format_time_ms (points[i - 1].time_ms);

          if (points[i].time_ms == points[i - 1].time_ms)
            g_set_error (error, WICK_OPEN_INTEREST_ERROR, WICK_OPEN_INTEREST_ERROR_DUPLICATE,
                         _("Point %u (%s) has the same time as the point before it"),
                         i, time);
          else
            g_set_error (error, WICK_OPEN_INTEREST_ERROR, WICK_OPEN_INTEREST_ERROR_OUT_OF_ORDER,
                         _("Point %u (%s) is not after the point before it (%s)"),
                         i, time, prev_time);
          return FALSE;
        }
    }

  fresh = g_array_sized_new (FALSE, FALSE, sizeof (WickOpenInterestPoint), n_points);
  g_array_append_vals (fresh, points, n_points);
  g_array_unref (self->points);
  self->points = fresh;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}
