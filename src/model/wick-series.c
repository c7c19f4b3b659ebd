/* wick-series.c: an ordered, validated run of OHLCV candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-series"

#include "config.h"

#include "wick-series.h"

#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

struct _WickSeries
{
  GObject  parent_instance;

  gint64   interval_ms;
  GArray  *candles;      /* Owned; WickCandle, sorted by open_time_ms, unique */
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

G_DEFINE_FINAL_TYPE (WickSeries, wick_series, G_TYPE_OBJECT)

G_DEFINE_QUARK (wick-series-error-quark, wick_series_error)

/* Formatting helpers shared by the model's error messages. */

/**
 * _wick_format_time_ms:
 * @time_ms: milliseconds since the Unix epoch
 *
 * Returns: (transfer full): the time in ISO 8601 UTC, such as `2026-01-05T03:00:00Z`, with
 *   milliseconds only when there are some
 */
char *
_wick_format_time_ms (gint64 time_ms)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 seconds = time_ms / 1000;
  gint64 millis = time_ms % 1000;

  if (millis < 0)
    {
      seconds -= 1;
      millis += 1000;
    }

  dt = g_date_time_new_from_unix_utc (seconds);
  if (dt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT " ms", time_ms);

  if (millis != 0)
    {
      g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

      return g_strdup_printf ("%s.%03dZ", base, (int) millis);
    }

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * _wick_format_number:
 * @buf: a buffer of at least %WICK_NUMBER_BUF_SIZE bytes
 * @value: the number
 *
 * Formats a price, volume or USD amount for a message: two decimals from 1 upwards,
 * significant digits below that (so 0.00001234 stays readable).
 *
 * Returns: @buf
 */
const char *
_wick_format_number (char   *buf,
                     double  value)
{
  if (!isfinite (value) || fabs (value) >= 1.0 || value == 0.0)
    g_snprintf (buf, WICK_NUMBER_BUF_SIZE, "%.2f", value);
  else
    g_snprintf (buf, WICK_NUMBER_BUF_SIZE, "%.6g", value);

  return buf;
}

char *
_wick_candle_describe_problem (const WickCandle *candle,
                               WickSeriesError  *code)
{
  static const char * const names[] = {
    N_("open"), N_("high"), N_("low"), N_("close"), N_("volume"),
  };
  const double values[] = {
    candle->open, candle->high, candle->low, candle->close, candle->volume,
  };
  char a[WICK_NUMBER_BUF_SIZE];
  char b[WICK_NUMBER_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (!isfinite (values[i]))
        {
          *code = WICK_SERIES_ERROR_NOT_FINITE;
          /* Translators: a field such as “high”, then what it held (“nan”, “inf”) */
          return g_strdup_printf (_("%s is not a finite number (%s)"),
                                  _(names[i]), _wick_format_number (a, values[i]));
        }
    }

  for (guint i = 0; i < 4; i++)
    {
      if (values[i] <= 0.0)
        {
          *code = WICK_SERIES_ERROR_NOT_POSITIVE;
          /* Translators: %s is a field such as “low”, then its value */
          return g_strdup_printf (_("%s %s is not above zero"),
                                  _(names[i]), _wick_format_number (a, values[i]));
        }
    }

  if (candle->volume < 0.0)
    {
      *code = WICK_SERIES_ERROR_NOT_POSITIVE;
      return g_strdup_printf (_("volume %s is negative"), _wick_format_number (a, candle->volume));
    }

  *code = WICK_SERIES_ERROR_BAD_RANGE;

  if (candle->high < candle->low)
    return g_strdup_printf (_("high %s is below low %s"),
                            _wick_format_number (a, candle->high),
                            _wick_format_number (b, candle->low));
  if (candle->high < candle->open)
    return g_strdup_printf (_("high %s is below open %s"),
                            _wick_format_number (a, candle->high),
                            _wick_format_number (b, candle->open));
  if (candle->high < candle->close)
    return g_strdup_printf (_("high %s is below close %s"),
                            _wick_format_number (a, candle->high),
                            _wick_format_number (b, candle->close));
  if (candle->low > candle->open)
    return g_strdup_printf (_("low %s is above open %s"),
                            _wick_format_number (a, candle->low),
                            _wick_format_number (b, candle->open));
  if (candle->low > candle->close)
    return g_strdup_printf (_("low %s is above close %s"),
                            _wick_format_number (a, candle->low),
                            _wick_format_number (b, candle->close));

  return NULL;
}

static gboolean
set_candle_error (GError           **error,
                  const WickCandle  *candle,
                  guint              index)
{
  WickSeriesError code;
  g_autofree char *problem = _wick_candle_describe_problem (candle, &code);
  g_autofree char *time = _wick_format_time_ms (candle->open_time_ms);

  g_assert (problem != NULL);

  /* Translators: “Candle 12 (2026-01-05T03:00:00Z): high 91000.00 is below close 92000.00” */
  g_set_error (error, WICK_SERIES_ERROR, code, _("Candle %u (%s): %s"), index, time, problem);

  return FALSE;
}

/*
 * check_run:
 * @candles: the candles to check
 * @n_candles: their number
 * @previous: (nullable): the candle they would follow
 * @first_index: index reported for @candles[0]
 *
 * Validates every candle and that open times strictly increase, starting after @previous.
 */
static gboolean
check_run (const WickCandle  *candles,
           guint              n_candles,
           const WickCandle  *previous,
           guint              first_index,
           GError           **error)
{
  for (guint i = 0; i < n_candles; i++)
    {
      const WickCandle *c = &candles[i];
      const WickCandle *prev = i > 0 ? &candles[i - 1] : previous;

      if G_UNLIKELY (!_wick_candle_is_valid (c))
        return set_candle_error (error, c, first_index + i);

      if (prev != NULL && c->open_time_ms <= prev->open_time_ms)
        {
          g_autofree char *time = _wick_format_time_ms (c->open_time_ms);
          g_autofree char *prev_time = _wick_format_time_ms (prev->open_time_ms);

          if (c->open_time_ms == prev->open_time_ms && i > 0)
            g_set_error (error, WICK_SERIES_ERROR, WICK_SERIES_ERROR_DUPLICATE,
                         _("Candle %u (%s) has the same open time as the candle before it"),
                         first_index + i, time);
          else if (c->open_time_ms == prev->open_time_ms)
            g_set_error (error, WICK_SERIES_ERROR, WICK_SERIES_ERROR_DUPLICATE,
                         _("Candle %u (%s) has the same open time as the last candle of the "
                           "series"),
                         first_index + i, time);
          else if (i > 0)
            g_set_error (error, WICK_SERIES_ERROR, WICK_SERIES_ERROR_OUT_OF_ORDER,
                         _("Candle %u (%s) is not after the candle before it (%s)"),
                         first_index + i, time, prev_time);
          else
            g_set_error (error, WICK_SERIES_ERROR, WICK_SERIES_ERROR_OUT_OF_ORDER,
                         _("Candle %u (%s) is not after the last candle of the series (%s)"),
                         first_index + i, time, prev_time);

          return FALSE;
        }
    }

  return TRUE;
}

static void
wick_series_finalize (GObject *object)
{
  WickSeries *self = (WickSeries *)object;

  g_clear_pointer (&self->candles, g_array_unref);

  G_OBJECT_CLASS (wick_series_parent_class)->finalize (object);
}

static void
wick_series_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WickSeries *self = WICK_SERIES (object);

  switch (prop_id)
    {
    case PROP_INTERVAL_MS:
      g_value_set_int64 (value, wick_series_get_interval_ms (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_series_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WickSeries *self = WICK_SERIES (object);

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
wick_series_class_init (WickSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_series_finalize;
  object_class->get_property = wick_series_get_property;
  object_class->set_property = wick_series_set_property;

  /**
   * WickSeries:interval-ms:
   *
   * The candle interval in milliseconds, for example 3600000 for 1h.
   */
  properties[PROP_INTERVAL_MS] =
    g_param_spec_int64 ("interval-ms", NULL, NULL,
                        1, G_MAXINT64, 3600000,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickSeries::changed:
   *
   * Emitted after every successful append, replace or upsert.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wick_series_init (WickSeries *self)
{
  self->candles = g_array_new (FALSE, FALSE, sizeof (WickCandle));
}

/**
 * wick_candle_validate:
 * @candle: a candle
 * @error: return location for a #WickSeriesError
 *
 * Checks that every field is finite, prices are above zero, volume is not negative, and
 * `low ≤ min (open, close)` and `high ≥ max (open, close)`.
 *
 * Returns: %TRUE if @candle is valid
 */
gboolean
wick_candle_validate (const WickCandle  *candle,
                      GError           **error)
{
  WickSeriesError code;
  g_autofree char *problem = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (candle != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if G_LIKELY (_wick_candle_is_valid (candle))
    return TRUE;

  problem = _wick_candle_describe_problem (candle, &code);
  time = _wick_format_time_ms (candle->open_time_ms);
  /* Translators: “Candle at 2026-01-05T03:00:00Z: high 91000.00 is below close 92000.00” */
  g_set_error (error, WICK_SERIES_ERROR, code, _("Candle at %s: %s"), time, problem);

  return FALSE;
}

/**
 * wick_series_new:
 * @interval_ms: the candle interval in milliseconds, above zero
 *
 * Returns: (transfer full): an empty series
 */
WickSeries *
wick_series_new (gint64 interval_ms)
{
  g_return_val_if_fail (interval_ms > 0, NULL);

  return g_object_new (WICK_TYPE_SERIES,
                       "interval-ms", interval_ms,
                       NULL);
}

/**
 * wick_series_copy:
 * @self: a #WickSeries
 *
 * Copies the candles into a new series, for example as an immutable snapshot to hand to a
 * worker thread.
 *
 * Returns: (transfer full): a new series with the same interval and candles
 */
WickSeries *
wick_series_copy (WickSeries *self)
{
  WickSeries *copy;

  g_return_val_if_fail (WICK_IS_SERIES (self), NULL);

  copy = wick_series_new (self->interval_ms);
  g_array_append_vals (copy->candles, self->candles->data, self->candles->len);

  return copy;
}

gint64
wick_series_get_interval_ms (WickSeries *self)
{
  g_return_val_if_fail (WICK_IS_SERIES (self), 0);

  return self->interval_ms;
}

guint
wick_series_get_length (WickSeries *self)
{
  g_return_val_if_fail (WICK_IS_SERIES (self), 0);

  return self->candles->len;
}

/**
 * wick_series_get_candles:
 * @self: a #WickSeries
 *
 * The returned pointer stays valid until the next mutation.
 *
 * Returns: (transfer none) (nullable): the candles, wick_series_get_length() of them
 */
const WickCandle *
wick_series_get_candles (WickSeries *self)
{
  g_return_val_if_fail (WICK_IS_SERIES (self), NULL);

  return (const WickCandle *)(gpointer)self->candles->data;
}

/**
 * wick_series_get_candle:
 * @self: a #WickSeries
 * @index: an index below wick_series_get_length()
 *
 * Returns: (transfer none): the candle at @index
 */
const WickCandle *
wick_series_get_candle (WickSeries *self,
                        guint       index)
{
  g_return_val_if_fail (WICK_IS_SERIES (self), NULL);
  g_return_val_if_fail (index < self->candles->len, NULL);

  return &g_array_index (self->candles, WickCandle, index);
}

/**
 * wick_series_get_last:
 * @self: a #WickSeries
 *
 * Returns: (transfer none) (nullable): the newest candle, or %NULL if the series is empty
 */
const WickCandle *
wick_series_get_last (WickSeries *self)
{
  g_return_val_if_fail (WICK_IS_SERIES (self), NULL);

  if (self->candles->len == 0)
    return NULL;

  return &g_array_index (self->candles, WickCandle, self->candles->len - 1);
}

/**
 * wick_series_append:
 * @self: a #WickSeries
 * @candles: (array length=n_candles): candles with increasing open times
 * @n_candles: their number
 * @error: return location for a #WickSeriesError
 *
 * Appends @candles after the last candle. All or nothing: if any candle is invalid, out of
 * order or not after the current last candle, the series is left as it was and
 * #WickSeries::changed is not emitted.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_series_append (WickSeries        *self,
                    const WickCandle  *candles,
                    guint              n_candles,
                    GError           **error)
{
  g_return_val_if_fail (WICK_IS_SERIES (self), FALSE);
  g_return_val_if_fail (candles != NULL || n_candles == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_candles == 0)
    return TRUE;

  if (!check_run (candles, n_candles, wick_series_get_last (self), 0, error))
    return FALSE;

  g_array_append_vals (self->candles, candles, n_candles);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * wick_series_replace:
 * @self: a #WickSeries
 * @candles: (array length=n_candles) (nullable): candles with increasing open times
 * @n_candles: their number, 0 to empty the series
 * @error: return location for a #WickSeriesError
 *
 * Replaces every candle. All or nothing, like wick_series_append().
 *
 * Returns: %TRUE on success
 */
gboolean
wick_series_replace (WickSeries        *self,
                     const WickCandle  *candles,
                     guint              n_candles,
                     GError           **error)
{
  GArray *fresh;

  g_return_val_if_fail (WICK_IS_SERIES (self), FALSE);
  g_return_val_if_fail (candles != NULL || n_candles == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_run (candles, n_candles, NULL, 0, error))
    return FALSE;

  /* A fresh array, because @candles may point into our own storage. */
  fresh = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), n_candles);
  g_array_append_vals (fresh, candles, n_candles);
  g_array_unref (self->candles);
  self->candles = fresh;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * wick_series_upsert_last:
 * @self: a #WickSeries
 * @candle: a candle, typically the forming one from a live stream
 * @error: return location for a #WickSeriesError
 *
 * Replaces the last candle when @candle has its open time, appends it when it is later, and
 * fails with %WICK_SERIES_ERROR_OUT_OF_ORDER when it is earlier.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_series_upsert_last (WickSeries        *self,
                         const WickCandle  *candle,
                         GError           **error)
{
  const WickCandle *last;

  g_return_val_if_fail (WICK_IS_SERIES (self), FALSE);
  g_return_val_if_fail (candle != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  last = wick_series_get_last (self);

  if (last == NULL || candle->open_time_ms > last->open_time_ms)
    {
      if G_UNLIKELY (!_wick_candle_is_valid (candle))
        return set_candle_error (error, candle, self->candles->len);

      g_array_append_vals (self->candles, candle, 1);
    }
  else if (candle->open_time_ms == last->open_time_ms)
    {
      if G_UNLIKELY (!_wick_candle_is_valid (candle))
        return set_candle_error (error, candle, self->candles->len - 1);

      g_array_index (self->candles, WickCandle, self->candles->len - 1) = *candle;
    }
  else
    {
      g_autofree char *time = _wick_format_time_ms (candle->open_time_ms);
      g_autofree char *last_time = _wick_format_time_ms (last->open_time_ms);

      g_set_error (error, WICK_SERIES_ERROR, WICK_SERIES_ERROR_OUT_OF_ORDER,
                   _("Candle %u (%s) is not after the last candle of the series (%s)"),
                   self->candles->len, time, last_time);
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * wick_series_lower_bound:
 * @self: a #WickSeries
 * @time_ms: a time
 *
 * Returns: the index of the first candle opening at or after @time_ms, or the length of the
 *   series if there is none
 */
guint
wick_series_lower_bound (WickSeries *self,
                         gint64      time_ms)
{
  const WickCandle *candles;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (WICK_IS_SERIES (self), 0);

  candles = (const WickCandle *)(gpointer)self->candles->data;
  hi = self->candles->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (candles[mid].open_time_ms < time_ms)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/**
 * wick_series_find:
 * @self: a #WickSeries
 * @time_ms: an open time
 * @index: (out) (optional): where to store the index of the candle
 *
 * Returns: %TRUE if a candle opens exactly at @time_ms
 */
gboolean
wick_series_find (WickSeries *self,
                  gint64      time_ms,
                  guint      *index)
{
  guint i;

  g_return_val_if_fail (WICK_IS_SERIES (self), FALSE);

  i = wick_series_lower_bound (self, time_ms);
  if (i >= self->candles->len ||
      g_array_index (self->candles, WickCandle, i).open_time_ms != time_ms)
    return FALSE;

  if (index != NULL)
    *index = i;

  return TRUE;
}

/**
 * wick_series_get_price_range:
 * @self: a #WickSeries
 * @first: index of the first candle
 * @end: index one past the last candle (clamped to the length)
 * @low: (out) (optional): the lowest low, 0 for an empty range
 * @high: (out) (optional): the highest high, 0 for an empty range
 */
void
wick_series_get_price_range (WickSeries *self,
                             guint       first,
                             guint       end,
                             double     *low,
                             double     *high)
{
  const WickCandle *candles;
  double lo = 0.0;
  double hi = 0.0;

  g_return_if_fail (WICK_IS_SERIES (self));

  candles = (const WickCandle *)(gpointer)self->candles->data;
  end = MIN (end, self->candles->len);

  if (first < end)
    {
      lo = candles[first].low;
      hi = candles[first].high;

      for (guint i = first + 1; i < end; i++)
        {
          lo = MIN (lo, candles[i].low);
          hi = MAX (hi, candles[i].high);
        }
    }

  if (low != NULL)
    *low = lo;
  if (high != NULL)
    *high = hi;
}

/**
 * wick_series_get_max_volume:
 * @self: a #WickSeries
 * @first: index of the first candle
 * @end: index one past the last candle (clamped to the length)
 *
 * Returns: the largest volume in the range, 0 for an empty range
 */
double
wick_series_get_max_volume (WickSeries *self,
                            guint       first,
                            guint       end)
{
  const WickCandle *candles;
  double max = 0.0;

  g_return_val_if_fail (WICK_IS_SERIES (self), 0.0);

  candles = (const WickCandle *)(gpointer)self->candles->data;
  end = MIN (end, self->candles->len);

  for (guint i = first; i < end; i++)
    max = MAX (max, candles[i].volume);

  return max;
}

void
_wick_series_take_candles (WickSeries *self,
                           GArray     *candles)
{
  g_assert (WICK_IS_SERIES (self));
  g_assert (candles != NULL);
  g_assert (g_array_get_element_size (candles) == sizeof (WickCandle));

  g_array_unref (self->candles);
  self->candles = candles;
}
