/* wick-signals-window.c: the rolling median and MAD of the candles before one, for the robust
 * z-scores of the flow rules (signals.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

#include <string.h>

/* The values of the last few candles, kept sorted, for a rolling median and MAD. */

void
_wick_window_init (WickWindow *w,
                   guint       capacity)
{
  w->values = g_new (double, MAX (capacity, 1));
  w->n = 0;
  w->capacity = capacity;
}

void
_wick_window_clear (WickWindow *w)
{
  g_clear_pointer (&w->values, g_free);
  w->n = 0;
}

/* The first position whose value is not below @x; written without branches to become
 * conditional moves, as the comparisons are unpredictable. */
static guint
window_lower_bound (const WickWindow *w,
                    double            x)
{
  const double *base = w->values;
  guint n = w->n;

  if (n == 0)
    return 0;

  while (n > 1)
    {
      guint half = n / 2;

      base = base[half] < x ? base + half : base;
      n -= half;
    }

  return (guint) (base - w->values) + (*base < x);
}

static void
window_insert (WickWindow *w,
               double      x)
{
  guint at = window_lower_bound (w, x);

  g_assert (w->n < w->capacity);
  memmove (&w->values[at + 1], &w->values[at], (w->n - at) * sizeof (double));
  w->values[at] = x;
  w->n++;
}

static void
window_remove (WickWindow *w,
               double      x)
{
  guint at = window_lower_bound (w, x);

  g_assert (at < w->n && w->values[at] == x);
  memmove (&w->values[at], &w->values[at + 1], (w->n - at - 1) * sizeof (double));
  w->n--;
}

/* Takes @old out and puts @x in: one move of the values between their places. */
static void
window_replace (WickWindow *w,
                double      old,
                double      x)
{
  guint from = window_lower_bound (w, old);
  guint to = window_lower_bound (w, x);

  g_assert (from < w->n && w->values[from] == old);
  if (to > from)
    {
      /* @x goes after values that were after @old: they move down one. */
      memmove (&w->values[from], &w->values[from + 1], (to - from - 1) * sizeof (double));
      w->values[to - 1] = x;
    }
  else
    {
      memmove (&w->values[to + 1], &w->values[to], (from - to) * sizeof (double));
      w->values[to] = x;
    }
}

static double
window_median (const WickWindow *w)
{
  g_assert (w->n > 0);

  return w->n % 2 ? w->values[w->n / 2]
                  : (w->values[w->n / 2 - 1] + w->values[w->n / 2]) / 2.0;
}

/* The k-th and (k+1)-th smallest (from 0) of the distances |x - median|: the values below
 * the median, read downwards, and those at or above it, read upwards, are two ascending
 * runs. */
static void
window_kth_distances (const WickWindow *w,
                      double            median,
                      guint             split,
                      guint             k,
                      double           *kth,
                      double           *next)
{
  int left = (int) split - 1;
  guint right = split;
  double d = 0.0;
  guint taken;

  *kth = 0.0;
  for (taken = 0; taken <= k + 1; taken++)
    {
      double dl = left >= 0 ? median - w->values[left] : G_MAXDOUBLE;
      double dr = right < w->n ? w->values[right] - median : G_MAXDOUBLE;

      if (dl <= dr)
        {
          d = dl;
          left--;
        }
      else
        {
          d = dr;
          right++;
        }

      if (taken == k)
        *kth = d;
    }

  *next = d;
}

/* Sorts @n doubles, none of them NAN, ascending: a window is sorted afresh often enough
 * that qsort ()'s call per comparison shows. */
static void
sort_doubles (double *v,
              guint   n)
{
  while (n > 16)
    {
      double pivot = v[n / 2];
      guint lo = 0, hi = n - 1;

      /* Hoare's partition: [0, lo) ≤ pivot ≤ (hi, n) */
      for (;;)
        {
          while (v[lo] < pivot)
            lo++;
          while (pivot < v[hi])
            hi--;
          if (lo >= hi)
            break;
          {
            double t = v[lo];

            v[lo++] = v[hi];
            v[hi--] = t;
          }
        }

      /* Recurse into the smaller side, loop on the larger. */
      if (hi + 1 < n - hi - 1)
        {
          sort_doubles (v, hi + 1);
          v += hi + 1;
          n -= hi + 1;
        }
      else
        {
          sort_doubles (v + hi + 1, n - hi - 1);
          n = hi + 1;
        }
    }

  for (guint i = 1; i < n; i++)
    {
      double x = v[i];
      guint j = i;

      for (; j > 0 && x < v[j - 1]; j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
}

/* Makes the window hold the known @values of the @bars candles before @i, given that it holds
 * those before @synced: slides it when that is near, sorts afresh when it is far. */
void
_wick_window_sync (WickWindow   *w,
                   const double *values,
                   guint         bars,
                   guint        *synced,
                   guint         i)
{
  guint k;

  if (i - *synced > bars / 2)
    {
      w->n = 0;
      for (k = i > bars ? i - bars : 0; k < i; k++)
        if (!isnan (values[k]))
          w->values[w->n++] = values[k];
      sort_doubles (w->values, w->n);
    }
  else
    {
      for (k = *synced; k < i; k++)
        {
          gboolean has_old = k >= bars && !isnan (values[k - bars]);

          if (has_old && !isnan (values[k]))
            {
              window_replace (w, values[k - bars], values[k]);
              continue;
            }
          if (has_old)
            window_remove (w, values[k - bars]);
          if (!isnan (values[k]))
            window_insert (w, values[k]);
        }
    }

  *synced = i;
}

/* Iglewicz and Hoaglin's modified z-score of @x against the window (see the header). */
static double
window_robust_z (const WickWindow *w,
                 double            x)
{
  double median = window_median (w);
  guint split = window_lower_bound (w, median);
  double mad, mean_dev = 0.0;
  guint i;

  if (w->n % 2)
    {
      double next;

      window_kth_distances (w, median, split, w->n / 2, &mad, &next);
    }
  else
    {
      double kth, next;

      window_kth_distances (w, median, split, w->n / 2 - 1, &kth, &next);
      mad = (kth + next) / 2.0;
    }

  if (mad > 0.0)
    return 0.6745 * (x - median) / mad;

  for (i = 0; i < w->n; i++)
    mean_dev += fabs (w->values[i] - median);
  mean_dev /= w->n;

  if (mean_dev > 0.0)
    return (x - median) / (1.253314 * mean_dev);

  return x > median ? INFINITY : x < median ? -INFINITY : 0.0;
}

/**
 * _wick_window_is_outlier:
 * @z: (out) (optional): the robust z, when it was worked out
 *
 * Whether the robust z of @x reaches @threshold. A value at or below the median has a z of
 * zero or less, so against a positive threshold the MAD is not needed for it: half of them.
 */
gboolean
_wick_window_is_outlier (const WickWindow *w,
                         double            x,
                         double            threshold,
                         double           *z)
{
  double value;

  if (threshold > 0.0 && x <= window_median (w))
    {
      if (z != NULL)
        *z = 0.0;
      return FALSE;
    }

  value = window_robust_z (w, x);
  if (z != NULL)
    *z = value;

  return value >= threshold;
}
