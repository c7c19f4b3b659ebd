/* wick-signals-window.c: the median and MAD of the candles before one, for the robust z-scores
 * of the flow rules (signals.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals-private.h"

/*
 * The rules test few candles, but far enough apart that keeping the window sorted as it slides
 * costs a sort of every candle's value. Each test instead copies the known values of the window
 * and selects the few order statistics it needs: the median, and the MAD's middle distances,
 * or only counts of the distances where those tell the answer. Selection finds the values that
 * sorting puts there, so the z-scores are the same.
 */

void
_wick_window_init (WickWindow *w,
                   guint       capacity)
{
  w->values = g_new (double, MAX (capacity, 1));
  w->distances = g_new (double, MAX (capacity, 1));
  w->n = 0;
  w->capacity = capacity;
}

void
_wick_window_clear (WickWindow *w)
{
  g_clear_pointer (&w->values, g_free);
  g_clear_pointer (&w->distances, g_free);
  w->n = 0;
}

static inline double
median_of_three (double a,
                 double b,
                 double c)
{
  return MAX (MIN (a, b), MIN (MAX (a, b), c));
}

/*
 * Moves the @k-th smallest (from 0) of @n doubles, none of them NAN, to v[k], with none above it
 * before and none below it after, and returns it. The partitions are Lomuto's without branches
 * (each value is swapped, and the boundary moves by the comparison), as the side a value goes
 * to is not predictable. When the pivot is the smallest value left, a second pass takes the
 * values equal to it aside, so that repeated values cannot stall it.
 */
static double
select_kth (double *v,
            guint   n,
            guint   k)
{
  guint lo = 0, hi = n;

  g_assert (k < n);

  while (hi - lo > 1)
    {
      double pivot = median_of_three (v[lo], v[lo + (hi - lo) / 2], v[hi - 1]);
      guint below = lo, equal;
      guint j;

      for (j = lo; j < hi; j++)
        {
          double t = v[j];
          gboolean is_below = t < pivot;

          v[j] = v[below];
          v[below] = t;
          below += is_below;
        }

      if (k < below)
        {
          hi = below;
          continue;
        }
      if (below > lo)
        {
          lo = below;
          continue;
        }

      for (equal = lo, j = lo; j < hi; j++)
        {
          double t = v[j];
          gboolean is_equal = t <= pivot;

          v[j] = v[equal];
          v[equal] = t;
          equal += is_equal;
        }

      if (k < equal)
        return pivot;
      lo = equal;
    }

  return v[k];
}

static double
max_of (const double *v,
        guint         n)
{
  double m = v[0];

  for (guint j = 1; j < n; j++)
    m = MAX (m, v[j]);

  return m;
}

/* The middle value of @n doubles, or the mean of the middle two; reorders them. */
static double
median_of (double *v,
           guint   n)
{
  double upper = select_kth (v, n, n / 2);

  return n % 2 ? upper : (max_of (v, n / 2) + upper) / 2.0;
}

/* Sorts @n doubles, none of them NAN, ascending: qsort ()'s call per comparison would show. */
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

/* Iglewicz and Hoaglin's modified z-score of @x against the window's values, whose median is
 * @median (see the header). Reorders the values. */
static double
window_robust_z (WickWindow *w,
                 double      median,
                 double      x)
{
  const double *v = w->values;
  double *d = w->distances;
  guint n = w->n;
  double mad, mean_dev = 0.0;
  guint i;

  for (i = 0; i < n; i++)
    d[i] = fabs (v[i] - median);
  mad = median_of (d, n);

  if (mad > 0.0)
    return 0.6745 * (x - median) / mad;

  /* The sum in ascending order of the values, as it has always been taken. */
  sort_doubles (w->values, w->n);
  for (i = 0; i < w->n; i++)
    mean_dev += fabs (w->values[i] - median);
  mean_dev /= w->n;

  if (mean_dev > 0.0)
    return (x - median) / (1.253314 * mean_dev);

  return x > median ? INFINITY : x < median ? -INFINITY : 0.0;
}

/* The greatest MAD for which the z of @x, 0.6745 (x - median) / MAD as worked out in doubles,
 * still reaches @threshold, or 0 if it cannot be told in a few steps. That z only falls as the
 * MAD grows, so a MAD reaches the threshold exactly when it is at most this one. */
static double
largest_mad (double numerator,
             double threshold)
{
  double mad = numerator / threshold;

  for (guint step = 0; step < 4; step++)
    {
      double next = nextafter (mad, INFINITY);

      if (!(mad > 0.0 && isfinite (mad)))
        return 0.0;
      if (!(numerator / mad >= threshold))
        mad = nextafter (mad, 0.0);
      else if (numerator / next >= threshold)
        mad = next;
      else
        return mad;
    }

  return 0.0;
}

/*
 * Whether @x, above the median, is an outlier against a positive @threshold, told without the
 * MAD itself: it is when the MAD is at most largest_mad (), which counts of the distances at
 * most that and of those at zero tell, in one pass, where a selection takes several. Sets
 * *@is_decided to FALSE where the counts cannot tell: when the MAD may be zero (then the mean
 * distance is used), or when the two middle distances of an even count fall either side.
 */
static gboolean
window_decide_outlier (WickWindow *w,
                       double      median,
                       double      x,
                       double      threshold,
                       gboolean   *is_decided)
{
  double numerator = 0.6745 * (x - median);
  double largest = numerator > 0.0 ? largest_mad (numerator, threshold) : 0.0;
  double n_within = 0.0, n_zero = 0.0;
  guint n = w->n, k = n / 2, within, zero;

  *is_decided = FALSE;
  if (!(largest > 0.0))
    return FALSE;

  /* Counted in doubles, exact for whole numbers, so that the loop is vectorised. */
  for (guint i = 0; i < n; i++)
    {
      double d = fabs (w->values[i] - median);

      n_within += d <= largest ? 1.0 : 0.0;
      n_zero += d == 0.0 ? 1.0 : 0.0;
    }
  within = (guint) n_within;
  zero = (guint) n_zero;

  /* Odd: the MAD is distance k (from 0); even: the mean of distances k - 1 and k, each at
   * most the greatest when k + 1 are, both above it when at most k - 1 are. */
  if (n % 2 ? zero > k : zero >= k)
    return FALSE;
  if (n % 2 == 0 && within == k)
    return FALSE;

  *is_decided = TRUE;
  return within > k;
}

/**
 * _wick_window_is_outlier:
 * @values: the values of the candles, NAN where unknown
 * @i: the candle to test
 * @z: (out) (optional): the robust z, when it was worked out
 *
 * Whether the robust z of @values[@i] reaches @threshold against the known values of the
 * @bars candles before it, when at least half of them are known. A value at or below the
 * median has a z of zero or less, so against a positive threshold it needs no MAD: and when
 * fewer than half of the known values are below it, it is at or below the median, which the
 * pass that copies them tells, without selecting anything. Above the median, when @z is not
 * wanted, counts of the distances mostly tell the answer without the MAD.
 */
gboolean
_wick_window_is_outlier (WickWindow   *w,
                         const double *values,
                         guint         bars,
                         guint         i,
                         double        threshold,
                         double       *z)
{
  guint first = i > bars ? i - bars : 0;
  double *known = w->values;
  double x = values[i];
  double n_known = 0.0, n_below = 0.0;
  double median, value;
  guint n, k;

  g_assert (bars <= w->capacity);

  /* Counted without branches, as which values are known or below @x is not predictable, and
   * in doubles, exact for whole numbers, which lets the compiler vectorise the loop. */
  for (k = first; k < i; k++)
    {
      n_known += values[k] == values[k] ? 1.0 : 0.0;
      n_below += values[k] < x ? 1.0 : 0.0;
    }
  n = (guint) n_known;

  if (n == 0 || n * 2 < bars)
    return FALSE;

  if (threshold > 0.0 && !isnan (x) && (guint) n_below < (n + 1) / 2)
    {
      if (z != NULL)
        *z = 0.0;
      return FALSE;
    }

  for (n = 0, k = first; k < i; k++)
    {
      known[n] = values[k];
      n += !isnan (values[k]);
    }
  w->n = n;

  median = median_of (known, n);
  if (threshold > 0.0 && x <= median)
    {
      if (z != NULL)
        *z = 0.0;
      return FALSE;
    }

  if (z == NULL && threshold > 0.0)
    {
      gboolean is_decided;
      gboolean is_outlier = window_decide_outlier (w, median, x, threshold, &is_decided);

      if (is_decided)
        return is_outlier;
    }

  value = window_robust_z (w, median, x);
  if (z != NULL)
    *z = value;

  return value >= threshold;
}
