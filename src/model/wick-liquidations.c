/* wick-liquidations.c: liquidation events and their hourly long/short totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-liquidations"

#include "config.h"

#include "wick-liquidations.h"

#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

struct _WickLiquidations
{
  GObject  parent_instance;

  gint64   bucket_ms;
  GArray  *buckets;   /* Owned; WickLiquidationBucket, sorted by time_ms, unique */
  GArray  *events;    /* Owned; WickLiquidationEvent, sorted by time_ms (stable) */
};

enum {
  PROP_0,
  PROP_BUCKET_MS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WickLiquidations, wick_liquidations, G_TYPE_OBJECT)

G_DEFINE_QUARK (wick-liquidations-error-quark, wick_liquidations_error)

char *
_wick_liquidation_bucket_describe_problem (const WickLiquidationBucket *bucket,
                                           WickLiquidationsError       *code)
{
  char buf[WICK_NUMBER_BUF_SIZE];

  if (!isfinite (bucket->long_usd))
    {
      *code = WICK_LIQUIDATIONS_ERROR_NOT_FINITE;
      return g_strdup_printf (_("long liquidations are not a finite number (%s)"),
                              _wick_format_number (buf, bucket->long_usd));
    }

  if (!isfinite (bucket->short_usd))
    {
      *code = WICK_LIQUIDATIONS_ERROR_NOT_FINITE;
      return g_strdup_printf (_("short liquidations are not a finite number (%s)"),
                              _wick_format_number (buf, bucket->short_usd));
    }

  if (bucket->long_usd < 0.0)
    {
      *code = WICK_LIQUIDATIONS_ERROR_NEGATIVE;
      return g_strdup_printf (_("long liquidations of %s USD are negative"),
                              _wick_format_number (buf, bucket->long_usd));
    }

  if (bucket->short_usd < 0.0)
    {
      *code = WICK_LIQUIDATIONS_ERROR_NEGATIVE;
      return g_strdup_printf (_("short liquidations of %s USD are negative"),
                              _wick_format_number (buf, bucket->short_usd));
    }

  return NULL;
}

static gint64
floor_to_bucket (gint64 time_ms,
                 gint64 bucket_ms)
{
  gint64 q = time_ms / bucket_ms;

  /* C division truncates towards zero; step down for times before the epoch. */
  if (time_ms % bucket_ms != 0 && time_ms < 0)
    q -= 1;

  return q * bucket_ms;
}

/* First index in @buckets whose time is at or after @time_ms. */
static guint
bucket_lower_bound (GArray *buckets,
                    gint64  time_ms)
{
  const WickLiquidationBucket *b = (const WickLiquidationBucket *)(gpointer)buckets->data;
  guint lo = 0;
  guint hi = buckets->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (b[mid].time_ms < time_ms)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* First index in @events whose time is after @time_ms. */
static guint
event_upper_bound (GArray *events,
                   gint64  time_ms)
{
  const WickLiquidationEvent *e = (const WickLiquidationEvent *)(gpointer)events->data;
  guint lo = 0;
  guint hi = events->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (e[mid].time_ms <= time_ms)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
wick_liquidations_finalize (GObject *object)
{
  WickLiquidations *self = (WickLiquidations *)object;

  g_clear_pointer (&self->buckets, g_array_unref);
  g_clear_pointer (&self->events, g_array_unref);

  G_OBJECT_CLASS (wick_liquidations_parent_class)->finalize (object);
}

static void
wick_liquidations_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WickLiquidations *self = WICK_LIQUIDATIONS (object);

  switch (prop_id)
    {
    case PROP_BUCKET_MS:
      g_value_set_int64 (value, wick_liquidations_get_bucket_ms (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_liquidations_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WickLiquidations *self = WICK_LIQUIDATIONS (object);

  switch (prop_id)
    {
    case PROP_BUCKET_MS:
      self->bucket_ms = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_liquidations_class_init (WickLiquidationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_liquidations_finalize;
  object_class->get_property = wick_liquidations_get_property;
  object_class->set_property = wick_liquidations_set_property;

  /**
   * WickLiquidations:bucket-ms:
   *
   * The width of one aggregate bucket in milliseconds.
   */
  properties[PROP_BUCKET_MS] =
    g_param_spec_int64 ("bucket-ms", NULL, NULL,
                        1, G_MAXINT64, 3600000,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickLiquidations::changed:
   *
   * Emitted after the buckets are replaced or an event is added.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wick_liquidations_init (WickLiquidations *self)
{
  self->buckets = g_array_new (FALSE, FALSE, sizeof (WickLiquidationBucket));
  self->events = g_array_new (FALSE, FALSE, sizeof (WickLiquidationEvent));
}

/**
 * wick_liquidations_new:
 * @bucket_ms: width of one aggregate bucket, above zero (3600000 for hourly)
 *
 * Returns: (transfer full): an empty set of liquidations
 */
WickLiquidations *
wick_liquidations_new (gint64 bucket_ms)
{
  g_return_val_if_fail (bucket_ms > 0, NULL);

  return g_object_new (WICK_TYPE_LIQUIDATIONS,
                       "bucket-ms", bucket_ms,
                       NULL);
}

gint64
wick_liquidations_get_bucket_ms (WickLiquidations *self)
{
  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), 0);

  return self->bucket_ms;
}

guint
wick_liquidations_get_length (WickLiquidations *self)
{
  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), 0);

  return self->buckets->len;
}

/**
 * wick_liquidations_get_buckets:
 * @self: a #WickLiquidations
 *
 * Returns: (transfer none): the buckets sorted by time, wick_liquidations_get_length() of
 *   them; valid until the next change
 */
const WickLiquidationBucket *
wick_liquidations_get_buckets (WickLiquidations *self)
{
  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), NULL);

  return (const WickLiquidationBucket *)(gpointer)self->buckets->data;
}

/**
 * wick_liquidations_lookup:
 * @self: a #WickLiquidations
 * @time_ms: the start time of a bucket
 *
 * Returns: (transfer none) (nullable): the bucket starting exactly at @time_ms
 */
const WickLiquidationBucket *
wick_liquidations_lookup (WickLiquidations *self,
                          gint64            time_ms)
{
  guint i;

  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), NULL);

  i = bucket_lower_bound (self->buckets, time_ms);
  if (i < self->buckets->len &&
      g_array_index (self->buckets, WickLiquidationBucket, i).time_ms == time_ms)
    return &g_array_index (self->buckets, WickLiquidationBucket, i);

  return NULL;
}

/**
 * wick_liquidations_set_buckets:
 * @self: a #WickLiquidations
 * @buckets: (array length=n_buckets) (nullable): buckets with increasing times
 * @n_buckets: their number
 * @error: return location for a #WickLiquidationsError
 *
 * Replaces the aggregates, for example with a history fetched over REST. Amounts must be
 * finite and not negative. All or nothing: on error nothing changes. Events already added
 * are kept but no longer counted in the new buckets.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_liquidations_set_buckets (WickLiquidations             *self,
                               const WickLiquidationBucket  *buckets,
                               guint                         n_buckets,
                               GError                      **error)
{
  GArray *fresh;

  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), FALSE);
  g_return_val_if_fail (buckets != NULL || n_buckets == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_buckets; i++)
    {
      WickLiquidationsError code;
      g_autofree char *problem = _wick_liquidation_bucket_describe_problem (&buckets[i], &code);

      if (problem != NULL)
        {
          g_autofree char *time = _wick_format_time_ms (buckets[i].time_ms);

          /* Translators: “Bucket 3 (2026-01-05T03:00:00Z): long liquidations … are negative” */
          g_set_error (error, WICK_LIQUIDATIONS_ERROR, code, _("Bucket %u (%s): %s"),
                       i, time, problem);
          return FALSE;
        }

      if (i > 0 && buckets[i].time_ms <= buckets[i - 1].time_ms)
        {
          g_autofree char *time = _wick_format_time_ms (buckets[i].time_ms);
          g_autofree char *prev_time = _wick_format_time_ms (buckets[i - 1].time_ms);

          if (buckets[i].time_ms == buckets[i - 1].time_ms)
            g_set_error (error, WICK_LIQUIDATIONS_ERROR, WICK_LIQUIDATIONS_ERROR_DUPLICATE,
                         _("Bucket %u (%s) has the same time as the bucket before it"),
                         i, time);
          else
            g_set_error (error, WICK_LIQUIDATIONS_ERROR, WICK_LIQUIDATIONS_ERROR_OUT_OF_ORDER,
                         _("Bucket %u (%s) is not after the bucket before it (%s)"),
                         i, time, prev_time);
          return FALSE;
        }
    }

  fresh = g_array_sized_new (FALSE, FALSE, sizeof (WickLiquidationBucket), n_buckets);
  g_array_append_vals (fresh, buckets, n_buckets);
  g_array_unref (self->buckets);
  self->buckets = fresh;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * wick_liquidations_add_event:
 * @self: a #WickLiquidations
 * @event: a forced order; its size must be finite and above zero, its price finite and above
 *   zero or NAN when unknown
 * @error: return location for a #WickLiquidationsError
 *
 * Keeps @event and adds its size to the bucket that contains its time, creating the bucket if
 * needed. Events may arrive slightly out of order.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_liquidations_add_event (WickLiquidations            *self,
                             const WickLiquidationEvent  *event,
                             GError                     **error)
{
  char buf[WICK_NUMBER_BUF_SIZE];
  WickLiquidationBucket *bucket;
  gint64 bucket_time;
  guint i;

  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (event->side == WICK_SIDE_LONG || event->side == WICK_SIDE_SHORT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isfinite (event->usd) || event->usd <= 0.0 ||
      isinf (event->price) || event->price <= 0.0)
    {
      g_autofree char *time = _wick_format_time_ms (event->time_ms);

      if (!isfinite (event->usd))
        g_set_error (error, WICK_LIQUIDATIONS_ERROR, WICK_LIQUIDATIONS_ERROR_NOT_FINITE,
                     _("Liquidation at %s: size is not a finite number (%s)"),
                     time, _wick_format_number (buf, event->usd));
      else if (event->usd <= 0.0)
        g_set_error (error, WICK_LIQUIDATIONS_ERROR, WICK_LIQUIDATIONS_ERROR_NOT_POSITIVE,
                     _("Liquidation at %s: size of %s USD is not above zero"),
                     time, _wick_format_number (buf, event->usd));
      else if (isinf (event->price))
        g_set_error (error, WICK_LIQUIDATIONS_ERROR, WICK_LIQUIDATIONS_ERROR_NOT_FINITE,
                     _("Liquidation at %s: price is not a finite number (%s)"),
                     time, _wick_format_number (buf, event->price));
      else
        g_set_error (error, WICK_LIQUIDATIONS_ERROR, WICK_LIQUIDATIONS_ERROR_NOT_POSITIVE,
                     _("Liquidation at %s: price %s is not above zero"),
                     time, _wick_format_number (buf, event->price));
      return FALSE;
    }

  bucket_time = floor_to_bucket (event->time_ms, self->bucket_ms);
  i = bucket_lower_bound (self->buckets, bucket_time);

  if (i >= self->buckets->len ||
      g_array_index (self->buckets, WickLiquidationBucket, i).time_ms != bucket_time)
    {
      WickLiquidationBucket empty = { bucket_time, 0.0, 0.0 };

      g_array_insert_vals (self->buckets, i, &empty, 1);
    }

  bucket = &g_array_index (self->buckets, WickLiquidationBucket, i);
  if (event->side == WICK_SIDE_LONG)
    bucket->long_usd += event->usd;
  else
    bucket->short_usd += event->usd;

  /* After any events with the same time, so equal times keep their arrival order. */
  g_array_insert_vals (self->events, event_upper_bound (self->events, event->time_ms), event, 1);

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

guint
wick_liquidations_get_n_events (WickLiquidations *self)
{
  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), 0);

  return self->events->len;
}

/**
 * wick_liquidations_get_events:
 * @self: a #WickLiquidations
 *
 * Returns: (transfer none): the events sorted by time, wick_liquidations_get_n_events() of
 *   them; valid until the next change
 */
const WickLiquidationEvent *
wick_liquidations_get_events (WickLiquidations *self)
{
  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), NULL);

  return (const WickLiquidationEvent *)(gpointer)self->events->data;
}

/**
 * wick_liquidations_sum:
 * @self: a #WickLiquidations
 * @side: which positions
 * @from_ms: start, inclusive
 * @to_ms: end, exclusive
 *
 * Returns: the USD liquidated on @side in the buckets starting in [@from_ms, @to_ms)
 */
double
wick_liquidations_sum (WickLiquidations *self,
                       WickSide          side,
                       gint64            from_ms,
                       gint64            to_ms)
{
  const WickLiquidationBucket *b;
  double sum = 0.0;

  g_return_val_if_fail (WICK_IS_LIQUIDATIONS (self), 0.0);

  b = (const WickLiquidationBucket *)(gpointer)self->buckets->data;

  for (guint i = bucket_lower_bound (self->buckets, from_ms);
       i < self->buckets->len && b[i].time_ms < to_ms;
       i++)
    sum += side == WICK_SIDE_LONG ? b[i].long_usd : b[i].short_usd;

  return sum;
}
