/* fuzz-candle-cache.c: wick_candle_cache_load () on a cache file holding any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A damaged cache file is reported as CORRUPT (with a g_warning, which is allowed here) and
 * deleted; a file that loads gives a valid series of at most WICK_CACHE_MAX_CANDLES, which
 * saves and loads back the same.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wick-candle-cache.h"
#include "wick-fuzz.h"

static char *directory;         /* Owned */
static WickCandleCache *cache;  /* Owned */
static char *path;              /* Owned: the file of the market below */

static void
remove_directory (void)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (directory, name, NULL);

      g_unlink (child);
    }
  g_rmdir (directory);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *template = g_build_filename (base, "wick-fuzz-cache-XXXXXX", NULL);

  /* The cache warns about a damaged file by design. */
  wick_fuzz_init (G_LOG_LEVEL_CRITICAL);

  directory = g_mkdtemp (g_steal_pointer (&template));
  if (directory == NULL)
    {
      fprintf (stderr, "Could not create a folder in %s: %s\n", base, g_strerror (errno));
      abort ();
    }
  atexit (remove_directory);

  cache = wick_candle_cache_new (directory);
  path = wick_candle_cache_dup_path (cache, "Binance", "BTCUSDT", "1h");

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(WickSeries) again = NULL;
  g_autoptr(GError) error = NULL;
  const WickCandle *candles;
  guint n;

  wick_fuzz_check (g_file_set_contents (path, (const char *) data, size, NULL));

  series = wick_candle_cache_load (cache, "Binance", "BTCUSDT", "1h", &error);
  if (series == NULL)
    {
      wick_fuzz_check_error (error);
      wick_fuzz_check (g_error_matches (error, WICK_CACHE_ERROR, WICK_CACHE_ERROR_CORRUPT));
      wick_fuzz_check (!g_file_test (path, G_FILE_TEST_EXISTS));
      return 0;
    }

  n = wick_series_get_length (series);
  candles = wick_series_get_candles (series);
  wick_fuzz_check (n <= WICK_CACHE_MAX_CANDLES);
  for (guint i = 0; i < n; i++)
    {
      wick_fuzz_check (wick_candle_validate (&candles[i], NULL));
      wick_fuzz_check (i == 0 || candles[i - 1].open_time_ms < candles[i].open_time_ms);
    }

  wick_fuzz_check (wick_candle_cache_save (cache, "Binance", "BTCUSDT", "1h", series, NULL));
  again = wick_candle_cache_load (cache, "Binance", "BTCUSDT", "1h", NULL);
  wick_fuzz_check (again != NULL && wick_series_get_length (again) == n);
  wick_fuzz_check (n == 0 || memcmp (wick_series_get_candles (again), candles,
                                     n * sizeof (WickCandle)) == 0);
  g_unlink (path);

  return 0;
}
