/* test-candle-cache.c: the on-disk candle cache, its file format and what it refuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hostile files are written here by hand in the documented layout (see wick-candle-cache.c),
 * with their own checksum, so each check of the loader is reached on its own.
 */

#include "config.h"

#include "wick-candle-cache.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define HOUR_MS      G_GINT64_CONSTANT (3600000)
#define T0           G_GINT64_CONSTANT (1767225600000)  /* 2026-01-01T00:00:00Z */
#define HEADER_SIZE  32
#define CANDLE_SIZE  48
#define DOMAIN       "wick-candle-cache"

typedef struct
{
  char            *tmpdir;  /* Owned: removed with everything in it */
  char            *dir;     /* Owned: <tmpdir>/cache, created by the first save */
  WickCandleCache *cache;   /* Owned */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("wick-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dir = g_build_filename (fixture->tmpdir, "cache", NULL);
  fixture->cache = wick_candle_cache_new (fixture->dir);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_assert_cmpint (g_unlink (child), ==, 0);
        }
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->cache);
  remove_tree (fixture->tmpdir);
  g_free (fixture->dir);
  g_free (fixture->tmpdir);
}

/* @n hourly candles from T0 with prices that do not round-trip through text. */
static WickSeries *
make_series (guint  n,
             gint64 interval_ms)
{
  g_autoptr(WickSeries) series = wick_series_new (interval_ms);
  g_autoptr(GArray) candles = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), n);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      double base = 92000.0 + (i % 977) * 0.1 + 1.0 / 3.0;
      WickCandle c = {
        .open_time_ms = T0 + (gint64) i * interval_ms,
        .open = base,
        .high = base + 0.1 + 0.2,
        .low = base - 1e-9,
        .close = base + 0.05,
        .volume = i % 5 == 0 ? 0.0 : 1e-300 * i,
      };

      g_array_append_val (candles, c);
    }

  wick_series_append (series, (const WickCandle *) (gpointer) candles->data, n, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

static void
save_ok (Fixture    *fixture,
         const char *interval,
         WickSeries *series)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_candle_cache_save (fixture->cache, "Binance", "BTCUSDT", interval, series,
                                         &error));
  g_assert_no_error (error);
}

static char *
path_for (Fixture    *fixture,
          const char *interval)
{
  return wick_candle_cache_dup_path (fixture->cache, "Binance", "BTCUSDT", interval);
}

static guint64 get_le64 (const guint8 *p);

/* The documented checksum: FNV-1a 64 over little-endian 64-bit words, with an xorshift. */
static guint64
checksum (const guint8 *data,
          gsize         length)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  g_assert_cmpuint (length % 8, ==, 0);
  for (gsize i = 0; i < length; i += 8)
    {
      hash = (hash ^ get_le64 (data + i)) * G_GUINT64_CONSTANT (1099511628211);
      hash ^= hash >> 29;
    }

  return hash;
}

static void
put_le64 (guint8  *p,
          guint64  value)
{
  for (guint i = 0; i < 8; i++)
    p[i] = (guint8) (value >> (8 * i));
}

static guint64
get_le64 (const guint8 *p)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value |= (guint64) p[i] << (8 * i);

  return value;
}

/* A file in the documented layout; @count is what the header claims. */
static GByteArray *
build_file (const char       *magic,
            guint32           version,
            gint64            interval_ms,
            guint64           count,
            const WickCandle *candles,
            guint             n_candles)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 header[HEADER_SIZE] = { 0, };
  guint8 trailer[8];

  memcpy (header, magic, 8);
  header[8] = version & 0xff;
  header[9] = (version >> 8) & 0xff;
  header[10] = (version >> 16) & 0xff;
  header[11] = (version >> 24) & 0xff;
  put_le64 (header + 16, (guint64) interval_ms);
  put_le64 (header + 24, count);
  g_byte_array_append (bytes, header, sizeof header);

  for (guint i = 0; i < n_candles; i++)
    {
      const double fields[] = { candles[i].open, candles[i].high, candles[i].low,
                                candles[i].close, candles[i].volume };
      guint8 row[CANDLE_SIZE];

      put_le64 (row, (guint64) candles[i].open_time_ms);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          guint64 bits;

          memcpy (&bits, &fields[f], sizeof bits);
          put_le64 (row + 8 + 8 * f, bits);
        }
      g_byte_array_append (bytes, row, sizeof row);
    }

  put_le64 (trailer, checksum (bytes->data, bytes->len));
  g_byte_array_append (bytes, trailer, sizeof trailer);

  return bytes;
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, (const char *) data, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
write_file (Fixture    *fixture,
            const char *interval,
            GByteArray *bytes)
{
  g_autofree char *path = path_for (fixture, interval);

  write_bytes (path, bytes->data, bytes->len);
}

/* Loads the 1h file expecting it to be refused as corrupt with @why in the warning; the file
 * must be gone afterwards.
 */
static void
assert_corrupt (Fixture    *fixture,
                const char *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autofree char *path = path_for (fixture, "1h");
  g_autofree char *pattern = g_strdup_printf ("*%s*%s*", path, why);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_test_expect_message (DOMAIN, G_LOG_LEVEL_WARNING, pattern);
  series = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_test_assert_expected_messages ();

  g_assert_null (series);
  g_assert_error (error, WICK_CACHE_ERROR, WICK_CACHE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Once removed, the market is simply not cached. */
  g_clear_error (&error);
  series = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_null (series);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
assert_same_candles (WickSeries *a,
                     WickSeries *b)
{
  g_assert_cmpint (wick_series_get_interval_ms (a), ==, wick_series_get_interval_ms (b));
  g_assert_cmpuint (wick_series_get_length (a), ==, wick_series_get_length (b));
  if (wick_series_get_length (a) > 0)
    g_assert_cmpmem (wick_series_get_candles (a), wick_series_get_length (a) * sizeof (WickCandle),
                     wick_series_get_candles (b), wick_series_get_length (b) * sizeof (WickCandle));
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = make_series (1000, HOUR_MS);
  g_autoptr(WickSeries) four = make_series (10, 4 * HOUR_MS);
  g_autoptr(WickSeries) empty = wick_series_new (HOUR_MS);
  g_autoptr(WickSeries) loaded = NULL;
  g_autoptr(WickSeries) loaded_four = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_for (fixture, "1h");
  struct stat st;

  save_ok (fixture, "1h", series);
  save_ok (fixture, "4h", four);

  /* The folder is private; the file is exactly header, candles and checksum. */
  g_assert_cmpint (g_stat (fixture->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, HEADER_SIZE + 1000 * CANDLE_SIZE + 8);

  loaded = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_same_candles (series, loaded);

  loaded_four = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "4h", &error);
  g_assert_no_error (error);
  assert_same_candles (four, loaded_four);

  /* A second save replaces the first, and an empty series is a valid file too. */
  save_ok (fixture, "1h", empty);
  g_clear_object (&loaded);
  loaded = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_series_get_length (loaded), ==, 0);
  g_assert_cmpint (wick_series_get_interval_ms (loaded), ==, HOUR_MS);
}

static void
test_format (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = make_series (3, HOUR_MS);
  g_autoptr(GByteArray) expected = NULL;
  g_autofree char *path = path_for (fixture, "1h");
  g_autofree char *contents = NULL;
  gsize length;

  /* The writer produces byte for byte what the documented layout says. */
  save_ok (fixture, "1h", series);
  expected = build_file ("WICKCNDL", 1, HOUR_MS, 3, wick_series_get_candles (series), 3);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, expected->data, expected->len);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSeries) series = NULL;

  /* No folder at all, then a folder without the file. */
  series = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_null (series);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_clear_error (&error);
  g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);
  series = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_null (series);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = make_series (20, HOUR_MS);
  g_autofree char *path = path_for (fixture, "1h");
  const gsize full = HEADER_SIZE + 20 * CANDLE_SIZE + 8;
  const gsize cuts[] = { full - 1, full - 8, full - CANDLE_SIZE, HEADER_SIZE + 7, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      save_ok (fixture, "1h", series);
      g_assert_cmpint (truncate (path, (off_t) cuts[i]), ==, 0);
      assert_corrupt (fixture, cuts[i] < HEADER_SIZE + 8 ? "shorter" : "truncated");
    }

  /* Bytes appended after the checksum are refused too. */
  save_ok (fixture, "1h", series);
  g_assert_cmpint (truncate (path, (off_t) full + 48), ==, 0);
  assert_corrupt (fixture, "truncated or padded");
}

static void
test_zero_length (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GByteArray) empty = g_byte_array_new ();

  write_file (fixture, "1h", empty);
  assert_corrupt (fixture, "shorter");
}

static void
test_flipped_byte (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = make_series (20, HOUR_MS);
  g_autofree char *path = path_for (fixture, "1h");
  /* in a candle's time, a price, the last volume, and the checksum itself */
  const gsize offsets[] = { HEADER_SIZE + 3, HEADER_SIZE + 5 * CANDLE_SIZE + 17,
                            HEADER_SIZE + 20 * CANDLE_SIZE - 1, HEADER_SIZE + 20 * CANDLE_SIZE };

  for (guint i = 0; i <= G_N_ELEMENTS (offsets); i++)
    {
      g_autofree char *contents = NULL;
      gsize length;

      save_ok (fixture, "1h", series);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (i < G_N_ELEMENTS (offsets))
        contents[offsets[i]] ^= 0x10;
      else
        {
          /* The top bits of two words: a plain multiply never carries these down, so
           * without the xorshift the two flips would cancel.
           */
          contents[HEADER_SIZE + 2 * CANDLE_SIZE + 15] ^= 0x80;
          contents[HEADER_SIZE + 7 * CANDLE_SIZE + 7] ^= 0x80;
        }
      write_bytes (path, (const guint8 *) contents, length);
      assert_corrupt (fixture, "checksum");
    }
}

static void
test_wrong_magic_version (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = make_series (4, HOUR_MS);
  const WickCandle *candles = wick_series_get_candles (series);
  g_autoptr(GByteArray) magic = build_file ("WICKCNDX", 1, HOUR_MS, 4, candles, 4);
  g_autoptr(GByteArray) v2 = build_file ("WICKCNDL", 2, HOUR_MS, 4, candles, 4);
  g_autoptr(GByteArray) v0 = build_file ("WICKCNDL", 0, HOUR_MS, 4, candles, 4);
  g_autoptr(GByteArray) reserved = build_file ("WICKCNDL", 1, HOUR_MS, 4, candles, 4);

  /* A reserved field that is not zero, with the checksum made valid again. */
  reserved->data[15] = 0x80;
  put_le64 (reserved->data + reserved->len - 8, checksum (reserved->data, reserved->len - 8));

  write_file (fixture, "1h", magic);
  assert_corrupt (fixture, "magic");
  write_file (fixture, "1h", v2);
  assert_corrupt (fixture, "version 2");
  write_file (fixture, "1h", v0);
  assert_corrupt (fixture, "version 0");
  write_file (fixture, "1h", reserved);
  assert_corrupt (fixture, "version 1.2147483648");
}

static void
test_wrong_count (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = make_series (4, HOUR_MS);
  const WickCandle *candles = wick_series_get_candles (series);
  g_autoptr(GByteArray) more = build_file ("WICKCNDL", 1, HOUR_MS, 5, candles, 4);
  g_autoptr(GByteArray) fewer = build_file ("WICKCNDL", 1, HOUR_MS, 3, candles, 4);
  g_autoptr(GByteArray) huge = build_file ("WICKCNDL", 1, HOUR_MS, G_MAXUINT64 / 48 + 2,
                                           candles, 4);
  g_autoptr(GByteArray) over_cap = build_file ("WICKCNDL", 1, HOUR_MS,
                                               WICK_CACHE_MAX_CANDLES + 1, candles, 4);

  /* Checksums are valid: only the count disagrees with the size, even where
   * count × 48 overflows.
   */
  write_file (fixture, "1h", more);
  assert_corrupt (fixture, "truncated or padded");
  write_file (fixture, "1h", fewer);
  assert_corrupt (fixture, "truncated or padded");
  write_file (fixture, "1h", huge);
  assert_corrupt (fixture, "truncated or padded");
  write_file (fixture, "1h", over_cap);
  assert_corrupt (fixture, "truncated or padded");
}

static void
test_wrong_interval (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(WickSeries) four = make_series (10, 4 * HOUR_MS);
  g_autoptr(WickSeries) hourly = make_series (10, HOUR_MS);
  g_autoptr(GByteArray) zero = build_file ("WICKCNDL", 1, 0, 10,
                                           wick_series_get_candles (hourly), 10);
  g_autoptr(GError) error = NULL;
  g_autofree char *four_path = path_for (fixture, "4h");
  g_autofree char *hour_path = path_for (fixture, "1h");

  /* A 4h file found where the 1h market should be. */
  save_ok (fixture, "4h", four);
  g_assert_cmpint (g_rename (four_path, hour_path), ==, 0);
  assert_corrupt (fixture, "interval 14400000 ms, expected 3600000 ms");

  write_file (fixture, "1h", zero);
  assert_corrupt (fixture, "interval 0 ms");

  /* Saving a series under another interval's name is refused before writing. */
  g_assert_false (wick_candle_cache_save (fixture->cache, "Binance", "BTCUSDT", "1h", four,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (hour_path, G_FILE_TEST_EXISTS));
}

static void
test_bad_candle (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = make_series (6, HOUR_MS);
  WickCandle candles[6];
  const struct
  {
    guint       index;
    const char *why;
  } cases[] = {
    { 2, "candle 2: *high" },
    { 5, "candle 5: *not a finite" },
    { 0, "candle 0: *not above zero" },
    { 3, "candle 3: time" },
    { 4, "candle 4: time" },
    { 1, "candle 1 is not a whole number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) bytes = NULL;
      WickCandle *c;

      memcpy (candles, wick_series_get_candles (series), sizeof candles);
      c = &candles[cases[i].index];
      switch (i)
        {
        case 0:
          c->high = c->low / 2;         /* high below low */
          break;
        case 1:
          c->volume = NAN;
          break;
        case 2:
          c->open = -1.0;
          break;
        case 3:
          c->open_time_ms = c[-1].open_time_ms;  /* duplicate */
          break;
        case 4:
          c->open_time_ms = c[-1].open_time_ms - HOUR_MS;  /* out of order */
          break;
        default:
          c->open_time_ms += 1000;      /* ascending but not on the hour grid */
          break;
        }

      bytes = build_file ("WICKCNDL", 1, HOUR_MS, 6, candles, 6);
      write_file (fixture, "1h", bytes);
      assert_corrupt (fixture, cases[i].why);
    }
}

static void
test_unsafe_names (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char * const names[][3] = {
    { "..", "..", ".." },
    { "../..", "../../etc/passwd", "/" },
    { "/tmp", "a/b\\c", "1h" },
    { "", "", "" },
    { ".hidden", "BTC USDT", "1h\n" },
    { "Binance", "BTC_USDT", "1h" },
    { "Binance_BTC", "USDT", "1h" },
    { "Bin%41nce", "BTCUSDT", "1h" },
    { "BinAnce", "BTCUSDT", "1h" },
    { "Ökx", "比特币", "1h" },
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) long_symbol = g_string_new (NULL);

  for (guint i = 0; i < 300; i++)
    g_string_append (long_symbol, "/..");

  for (guint i = 0; i <= G_N_ELEMENTS (names); i++)
    {
      const char *exchange = i < G_N_ELEMENTS (names) ? names[i][0] : "long";
      const char *symbol = i < G_N_ELEMENTS (names) ? names[i][1] : long_symbol->str;
      const char *interval = i < G_N_ELEMENTS (names) ? names[i][2] : "1h";
      g_autoptr(WickSeries) series = make_series (i + 1, HOUR_MS);
      g_autoptr(WickSeries) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *parent = NULL;
      g_autofree char *base = NULL;

      path = wick_candle_cache_dup_path (fixture->cache, exchange, symbol, interval);
      parent = g_path_get_dirname (path);
      base = g_path_get_basename (path);
      g_assert_cmpstr (parent, ==, fixture->dir);
      g_assert_cmpuint (strlen (base), <=, 255);
      g_assert_null (strchr (base, '/'));
      g_assert_cmpint (base[0], !=, '.');
      g_assert_false (g_hash_table_contains (seen, base));
      g_hash_table_add (seen, g_steal_pointer (&base));

      g_assert_true (wick_candle_cache_save (fixture->cache, exchange, symbol, interval, series,
                                             &error));
      g_assert_no_error (error);
      loaded = wick_candle_cache_load (fixture->cache, exchange, symbol, interval, &error);
      g_assert_no_error (error);
      assert_same_candles (series, loaded);
    }

  /* Every file landed in the folder, one per market, and nothing beside it. */
  g_assert_cmpuint (count_files (fixture->dir), ==, G_N_ELEMENTS (names) + 1);
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 1);
}

static void
test_cap (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = make_series (WICK_CACHE_MAX_CANDLES + 10, HOUR_MS);
  g_autoptr(WickSeries) loaded = NULL;
  g_autoptr(GError) error = NULL;

  save_ok (fixture, "1h", series);
  loaded = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);

  /* The newest are kept, bit for bit. */
  g_assert_cmpuint (wick_series_get_length (loaded), ==, WICK_CACHE_MAX_CANDLES);
  g_assert_cmpmem (wick_series_get_candles (loaded),
                   WICK_CACHE_MAX_CANDLES * sizeof (WickCandle),
                   wick_series_get_candle (series, 10),
                   WICK_CACHE_MAX_CANDLES * sizeof (WickCandle));
}

static void
test_oversized_file (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = path_for (fixture, "1h");
  gsize max_size = HEADER_SIZE + (gsize) WICK_CACHE_MAX_CANDLES * CANDLE_SIZE + 8;

  /* Larger than anything the cache writes: refused from its size alone. */
  write_bytes (path, (const guint8 *) "WICKCNDL", 8);
  g_assert_cmpint (truncate (path, (off_t) max_size + 1), ==, 0);
  assert_corrupt (fixture, "larger than");
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(WickSeries) old_series = make_series (5, HOUR_MS);
  g_autoptr(WickSeries) new_series = make_series (9, HOUR_MS);
  g_autoptr(WickSeries) loaded = NULL;
  g_autoptr(WickCandleCache) blocked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *under_file = NULL;

  save_ok (fixture, "1h", old_series);

  /* A folder that cannot be created: its parent is a file (this holds for root too). */
  file = g_build_filename (fixture->tmpdir, "plain-file", NULL);
  write_bytes (file, (const guint8 *) "x", 1);
  under_file = g_build_filename (file, "cache", NULL);
  blocked = wick_candle_cache_new (under_file);
  g_assert_false (wick_candle_cache_save (blocked, "Binance", "BTCUSDT", "1h", new_series,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, under_file));

  if (getuid () == 0)
    {
      g_test_skip ("root can write into a read-only folder; see /wick/candle-cache/write-fails");
      return;
    }

  g_clear_error (&error);
  g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);
  g_assert_false (wick_candle_cache_save (fixture->cache, "Binance", "BTCUSDT", "1h",
                                          new_series, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_nonnull (strstr (error->message, "candle cache"));
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);

  /* The old file is still whole. */
  g_clear_error (&error);
  loaded = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_same_candles (old_series, loaded);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

/* A write that fails half way (here: the file size limit, which binds root too) leaves the
 * old file whole and no temporary file behind.
 */
static void
test_write_fails (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(WickSeries) old_series = make_series (5, HOUR_MS);
  g_autoptr(WickSeries) new_series = make_series (5000, HOUR_MS);
  g_autoptr(WickSeries) loaded = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved;
  struct rlimit limit;
  gboolean ok;

  save_ok (fixture, "1h", old_series);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 4096;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  ok = wick_candle_cache_save (fixture->cache, "Binance", "BTCUSDT", "1h", new_series, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_DFL);

  g_assert_false (ok);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "candle cache"));

  g_clear_error (&error);
  loaded = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_same_candles (old_series, loaded);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
test_misaligned_save (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_for (fixture, "1h");
  const WickCandle candles[] = {
    { T0, 10, 11, 9, 10, 1 },
    { T0 + HOUR_MS, 10, 11, 9, 10, 1 },
    { T0 + 2 * HOUR_MS + 1, 10, 11, 9, 10, 1 },
  };

  /* The series takes it, but the loader would refuse it, so it is not written. */
  wick_series_append (series, candles, G_N_ELEMENTS (candles), &error);
  g_assert_no_error (error);
  g_assert_false (wick_candle_cache_save (fixture->cache, "Binance", "BTCUSDT", "1h", series,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_weekly_phase (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(WickSeries) series = wick_series_new (7 * 24 * HOUR_MS);
  g_autoptr(WickSeries) loaded = NULL;
  g_autoptr(GError) error = NULL;
  /* Mondays: not multiples of a week since the epoch (a Thursday) */
  const gint64 monday = G_GINT64_CONSTANT (1767571200000);  /* 2026-01-05 */
  const WickCandle candles[] = {
    { monday, 10, 11, 9, 10, 1 },
    { monday + 7 * 24 * HOUR_MS, 10, 11, 9, 10, 1 },
    { monday + 21 * 24 * HOUR_MS, 10, 12, 9, 11, 1 },  /* a gap is fine */
  };

  g_assert_cmpint (monday % (7 * 24 * HOUR_MS), !=, 0);
  wick_series_append (series, candles, G_N_ELEMENTS (candles), &error);
  g_assert_no_error (error);
  save_ok (fixture, "1w", series);
  loaded = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1w", &error);
  g_assert_no_error (error);
  assert_same_candles (series, loaded);
}

#define ADD(path, func) \
  g_test_add ("/wick/candle-cache/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("round-trip", test_round_trip);
  ADD ("format", test_format);
  ADD ("missing", test_missing);
  ADD ("truncated", test_truncated);
  ADD ("zero-length", test_zero_length);
  ADD ("flipped-byte", test_flipped_byte);
  ADD ("wrong-magic-version", test_wrong_magic_version);
  ADD ("wrong-count", test_wrong_count);
  ADD ("wrong-interval", test_wrong_interval);
  ADD ("bad-candle", test_bad_candle);
  ADD ("unsafe-names", test_unsafe_names);
  ADD ("cap", test_cap);
  ADD ("oversized-file", test_oversized_file);
  ADD ("unwritable", test_unwritable);
  ADD ("write-fails", test_write_fails);
  ADD ("misaligned-save", test_misaligned_save);
  ADD ("weekly-phase", test_weekly_phase);

  return g_test_run ();
}
