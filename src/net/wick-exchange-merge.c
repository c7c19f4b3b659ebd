/* wick-exchange-merge.c: the pure helpers of the shared exchange load: intervals, page counts,
 * merging pages, telling a network failure from a bad answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-exchange-source"

#include "config.h"

#include "wick-exchange-source-private.h"

#include "wick-rest-client.h"

#include <libsoup/soup.h>

gint64
_wick_exchange_interval_ms (const char *interval)
{
  static const struct
  {
    char   unit;
    gint64 ms;
  } units[] = {
    { 'm', 60 * 1000 },
    { 'h', 3600 * 1000 },
    { 'd', 24 * 3600 * 1000 },
    { 'w', 7 * 24 * 3600 * 1000 },
  };
  guint64 count;
  const char *end;
  g_autofree char *digits = NULL;

  if (interval == NULL || !g_ascii_isdigit (interval[0]))
    return 0;

  for (end = interval; g_ascii_isdigit (*end); end++)
    ;
  if (end[0] == '\0' || end[1] != '\0')
    return 0;

  digits = g_strndup (interval, end - interval);
  if (!g_ascii_string_to_unsigned (digits, 10, 1, 1000, &count, NULL))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (units[i].unit == end[0])
        return (gint64) count * units[i].ms;
    }

  return 0;
}

guint
_wick_exchange_count_pages (gint64 from_ms,
                            gint64 to_ms,
                            gint64 interval_ms,
                            guint  page_limit)
{
  gint64 candles;
  gint64 pages;

  g_return_val_if_fail (interval_ms > 0 && page_limit > 0, 1);

  if (to_ms <= from_ms)
    return 1;

  candles = (to_ms - from_ms + interval_ms - 1) / interval_ms;
  pages = (candles + page_limit - 1) / page_limit;

  return (guint) CLAMP (pages, 1, G_MAXUINT);
}

static int
compare_open_time (gconstpointer a,
                   gconstpointer b)
{
  gint64 ta = ((const WickCandle *) a)->open_time_ms;
  gint64 tb = ((const WickCandle *) b)->open_time_ms;

  return (ta > tb) - (ta < tb);
}

GArray *
_wick_exchange_merge_pages (GArray * const *pages,
                            guint           n_pages)
{
  GArray *merged;
  WickCandle *candles;
  gboolean sorted = TRUE;
  guint total = 0;
  guint kept = 0;

  g_return_val_if_fail (pages != NULL || n_pages == 0, NULL);

  for (guint i = 0; i < n_pages; i++)
    total += pages[i]->len;

  merged = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), total);
  for (guint i = 0; i < n_pages; i++)
    g_array_append_vals (merged, pages[i]->data, pages[i]->len);

  candles = (WickCandle *) merged->data;
  for (guint i = 1; i < merged->len && sorted; i++)
    sorted = candles[i - 1].open_time_ms <= candles[i].open_time_ms;

  /* g_array_sort is stable, so equal open times keep the order of their pages. */
  if (!sorted)
    g_array_sort (merged, compare_open_time);

  candles = (WickCandle *) merged->data;
  for (guint i = 0; i < merged->len; i++)
    {
      if (kept > 0 && candles[kept - 1].open_time_ms == candles[i].open_time_ms)
        candles[kept - 1] = candles[i];
      else
        candles[kept++] = candles[i];
    }
  g_array_set_size (merged, kept);

  return merged;
}

gboolean
_wick_exchange_error_is_offline (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED;

  if (error->domain == WICK_REST_ERROR)
    return error->code == WICK_REST_ERROR_HTTP ||
           error->code == WICK_REST_ERROR_RATE_LIMITED ||
           error->code == WICK_REST_ERROR_BANNED;

  return error->domain == G_RESOLVER_ERROR ||
         error->domain == G_TLS_ERROR ||
         error->domain == SOUP_SESSION_ERROR;
}
