/* wick-candle-cache.c: candles kept on disk per exchange:symbol:interval
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File layout, all integers and doubles little-endian:
 *
 *   offset  size     field
 *        0     8     magic "WICKCNDL"
 *        8     4     version (1)
 *       12     4     reserved, 0
 *       16     8     interval_ms (gint64, above zero)
 *       24     8     count (guint64, at most WICK_CACHE_MAX_CANDLES)
 *       32  48×n     candles: open_time_ms (gint64), open, high, low, close, volume (IEEE 754)
 *   32+48n     8     checksum of every byte before it (see checksum ())
 */

#define G_LOG_DOMAIN "wick-candle-cache"

#include "config.h"

#include "wick-candle-cache.h"

#include "wick-market.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>

#include <inttypes.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC         "WICKCNDL"
#define MAGIC_LEN     8
#define VERSION       1
#define HEADER_SIZE   32
#define CANDLE_SIZE   48
#define TRAILER_SIZE  8
#define EXTENSION     ".candles"

/* Escaped names longer than this are replaced by a hash, well below NAME_MAX (255). */
#define MAX_NAME_LEN  200

#define FILE_SIZE(n)  ((gsize) HEADER_SIZE + (gsize) (n) * CANDLE_SIZE + TRAILER_SIZE)

G_STATIC_ASSERT (sizeof (WickCandle) == CANDLE_SIZE);

struct _WickCandleCache
{
  GObject  parent_instance;

  char    *directory;  /* Owned; never changes after construction */
};

G_DEFINE_FINAL_TYPE (WickCandleCache, wick_candle_cache, G_TYPE_OBJECT)

G_DEFINE_QUARK (wick-cache-error-quark, wick_cache_error)

static void
wick_candle_cache_finalize (GObject *object)
{
  WickCandleCache *self = (WickCandleCache *)object;

  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (wick_candle_cache_parent_class)->finalize (object);
}

static void
wick_candle_cache_class_init (WickCandleCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_candle_cache_finalize;
}

static void
wick_candle_cache_init (WickCandleCache *self)
{
}

/**
 * wick_candle_cache_new:
 * @directory: (nullable): the folder of the cache files, or %NULL for `$XDG_CACHE_HOME/wick`
 *
 * The folder is created (mode 0700) on the first save.
 *
 * Returns: (transfer full): a new cache
 */
WickCandleCache *
wick_candle_cache_new (const char *directory)
{
  WickCandleCache *self = g_object_new (WICK_TYPE_CANDLE_CACHE, NULL);

  if (directory != NULL)
    self->directory = g_strdup (directory);
  else
    self->directory = g_build_filename (g_get_user_cache_dir (), "wick", NULL);

  return self;
}

/* Letters, digits and '-' pass; every other byte becomes %XX. So '/', '.', '_' and NUL-free
 * UTF-8 all end up as plain characters that cannot name another folder, and '_' stays free
 * to separate the three parts without ambiguity.
 */
static void
append_escaped (GString    *name,
                const char *part)
{
  for (const guchar *p = (const guchar *) part; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-')
        g_string_append_c (name, (char) *p);
      else
        g_string_append_printf (name, "%%%02X", *p);
    }
}

static char *
build_file_name (const char *exchange,
                 const char *symbol,
                 const char *interval)
{
  g_autoptr(GString) name = g_string_new (NULL);

  append_escaped (name, exchange);
  g_string_append_c (name, '_');
  append_escaped (name, symbol);
  g_string_append_c (name, '_');
  append_escaped (name, interval);
  g_string_append (name, EXTENSION);

  /* Too long for the file system: a hash of the three parts. It holds no '_', so it never
   * equals an escaped name.
   */
  if (name->len > MAX_NAME_LEN)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

      g_checksum_update (checksum, (const guchar *) exchange, strlen (exchange) + 1);
      g_checksum_update (checksum, (const guchar *) symbol, strlen (symbol) + 1);
      g_checksum_update (checksum, (const guchar *) interval, strlen (interval) + 1);

      g_string_truncate (name, 0);
      g_string_append_printf (name, "h-%s" EXTENSION, g_checksum_get_string (checksum));
    }

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/**
 * wick_candle_cache_dup_path:
 * @self: a #WickCandleCache
 * @exchange: the exchange, such as "Binance"
 * @symbol: the symbol, such as "BTCUSDT"
 * @interval: the interval, such as "1h"
 *
 * Any strings are safe: the file name escapes every byte that is not a letter, a digit or
 * '-', so the path always names a file directly inside the cache folder.
 *
 * Returns: (transfer full): the path of the market's cache file
 */
char *
wick_candle_cache_dup_path (WickCandleCache *self,
                            const char      *exchange,
                            const char      *symbol,
                            const char      *interval)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (WICK_IS_CANDLE_CACHE (self), NULL);
  g_return_val_if_fail (exchange != NULL, NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (interval != NULL, NULL);

  name = build_file_name (exchange, symbol, interval);

  return g_build_filename (self->directory, name, NULL);
}

static inline guint64 get_u64 (const guint8 *p);

/* FNV-1a 64 taken a little-endian 64-bit word at a time, with an xorshift after each
 * multiply so that high bits feed back into low ones. Byte-wise FNV-1a costs 33 ms on a full
 * 24 MB file; this costs about 5. Each step is a bijection of the state, so any single
 * changed word always changes the result. @length is a multiple of 8 (32 + 48 n).
 */
static guint64
checksum (const guint8 *data,
          gsize         length)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  g_assert (length % 8 == 0);

  for (gsize i = 0; i < length; i += 8)
    {
      hash = (hash ^ get_u64 (data + i)) * G_GUINT64_CONSTANT (0x100000001b3);
      hash ^= hash >> 29;
    }

  return hash;
}

static inline void
put_u32 (guint8  *p,
         guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (p, &value, sizeof value);
}

static inline void
put_u64 (guint8  *p,
         guint64  value)
{
  value = GUINT64_TO_LE (value);
  memcpy (p, &value, sizeof value);
}

static inline void
put_double (guint8 *p,
            double  value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  put_u64 (p, bits);
}

static inline guint32
get_u32 (const guint8 *p)
{
  guint32 value;

  memcpy (&value, p, sizeof value);
  return GUINT32_FROM_LE (value);
}

static inline guint64
get_u64 (const guint8 *p)
{
  guint64 value;

  memcpy (&value, p, sizeof value);
  return GUINT64_FROM_LE (value);
}

static inline double
get_double (const guint8 *p)
{
  guint64 bits = get_u64 (p);
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* Every candle after the first opens a whole number of intervals after it. Weekly candles
 * open on Mondays, not at multiples of a week since the epoch, so the phase is the first
 * candle's rather than zero.
 */
static gboolean
find_misaligned (const WickCandle *candles,
                 gsize             n_candles,
                 gint64            interval_ms,
                 gsize            *out_index)
{
  for (gsize i = 1; i < n_candles; i++)
    {
      if ((candles[i].open_time_ms - candles[0].open_time_ms) % interval_ms != 0)
        {
          *out_index = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
fail_corrupt (const char  *path,
              const char  *why,
              GError     **error)
{
  g_warning ("Removing the corrupt candle cache file %s: %s", path, why);

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", path, g_strerror (errno));

  g_set_error (error, WICK_CACHE_ERROR, WICK_CACHE_ERROR_CORRUPT,
               /* Translators: a cache file name, then why it was rejected */
               _("The candle cache file “%s” was corrupt and has been removed: %s"),
               path, why);
  return FALSE;
}

/* Reads the whole file, refusing one larger than any file this cache writes without reading
 * it. Returns FALSE with a GIO error when it cannot be read, and sets *@too_large instead of
 * reading a file that is too large to be ours.
 */
static gboolean
read_file (const char  *path,
           guint8     **out_data,
           gsize       *out_length,
           gboolean    *too_large,
           GError     **error)
{
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize done = 0;
  int saved_errno;
  int fd;

  *too_large = FALSE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open the candle cache file “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0)
    saved_errno = errno;
  else if (!S_ISREG (st.st_mode))
    saved_errno = EISDIR;
  else
    saved_errno = 0;

  if (saved_errno != 0)
    {
      g_close (fd, NULL);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read the candle cache file “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if ((guint64) st.st_size > FILE_SIZE (WICK_CACHE_MAX_CANDLES))
    {
      g_close (fd, NULL);
      *too_large = TRUE;
      return TRUE;
    }

  data = g_malloc ((gsize) st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, (gsize) st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          g_close (fd, NULL);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read the candle cache file “%s”: %s"),
                       path, g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }
  g_close (fd, NULL);

  /* A file that shrank under us is simply shorter; the size check below rejects it. */
  *out_data = g_steal_pointer (&data);
  *out_length = done;
  return TRUE;
}

/* Checks the bytes of a file and decodes its candles; on failure sets @why. */
static GArray *
decode (const guint8  *data,
        gsize          length,
        gint64         expected_interval_ms,
        gint64        *out_interval_ms,
        char         **why)
{
  g_autoptr(GArray) candles = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 count;
  gint64 interval_ms;
  gsize misaligned;

  if (length < FILE_SIZE (0))
    {
      *why = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes is shorter than the %" G_GSIZE_FORMAT
                              "-byte header and checksum", length, FILE_SIZE (0));
      return NULL;
    }

  if (memcmp (data, MAGIC, MAGIC_LEN) != 0)
    {
      *why = g_strdup ("not a Wick candle cache file (wrong magic)");
      return NULL;
    }

  if (get_u32 (data + 8) != VERSION || get_u32 (data + 12) != 0)
    {
      *why = g_strdup_printf ("version %u.%u, expected %u.0",
                              get_u32 (data + 8), get_u32 (data + 12), VERSION);
      return NULL;
    }

  interval_ms = (gint64) get_u64 (data + 16);
  count = get_u64 (data + 24);

  if (count > WICK_CACHE_MAX_CANDLES || length != FILE_SIZE (count))
    {
      *why = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes do not hold the %" G_GUINT64_FORMAT
                              " candles the header promises (truncated or padded)",
                              length, count);
      return NULL;
    }

  if (checksum (data, length - TRAILER_SIZE) != get_u64 (data + length - TRAILER_SIZE))
    {
      *why = g_strdup ("checksum mismatch");
      return NULL;
    }

  if (interval_ms <= 0 || (expected_interval_ms > 0 && interval_ms != expected_interval_ms))
    {
      *why = g_strdup_printf ("interval %" G_GINT64_FORMAT " ms, expected %" G_GINT64_FORMAT
                              " ms", interval_ms, expected_interval_ms);
      return NULL;
    }

  candles = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), (guint) count);
  g_array_set_size (candles, (guint) count);

  for (guint i = 0; i < (guint) count; i++)
    {
      const guint8 *p = data + HEADER_SIZE + (gsize) i * CANDLE_SIZE;
      WickCandle *c = &g_array_index (candles, WickCandle, i);

      c->open_time_ms = (gint64) get_u64 (p);
      c->open = get_double (p + 8);
      c->high = get_double (p + 16);
      c->low = get_double (p + 24);
      c->close = get_double (p + 32);
      c->volume = get_double (p + 40);

      if (!wick_candle_validate (c, &local_error))
        {
          *why = g_strdup_printf ("candle %u: %s", i, local_error->message);
          return NULL;
        }

      if (i > 0 && c->open_time_ms <= c[-1].open_time_ms)
        {
          *why = g_strdup_printf ("candle %u: time %" G_GINT64_FORMAT " is not after %"
                                  G_GINT64_FORMAT, i, c->open_time_ms, c[-1].open_time_ms);
          return NULL;
        }
    }

  if (find_misaligned ((const WickCandle *) (gpointer) candles->data, candles->len, interval_ms,
                       &misaligned))
    {
      *why = g_strdup_printf ("candle %" G_GSIZE_FORMAT " is not a whole number of intervals "
                              "after the first", misaligned);
      return NULL;
    }

  *out_interval_ms = interval_ms;
  return g_steal_pointer (&candles);
}

/**
 * wick_candle_cache_load:
 * @self: a #WickCandleCache
 * @exchange: the exchange
 * @symbol: the symbol
 * @interval: the interval; when it is one wick_interval_parse_ms() knows, the file's interval
 *   must equal it
 * @error: return location for an error
 *
 * Reads the market's file. A file that does not validate in full is removed with a
 * g_warning and reported as %WICK_CACHE_ERROR_CORRUPT; nothing of it is returned.
 *
 * Returns: (transfer full) (nullable): the cached candles, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND when nothing is cached, %WICK_CACHE_ERROR_CORRUPT, or another
 *   #GIOErrorEnum when the file cannot be read
 */
WickSeries *
wick_candle_cache_load (WickCandleCache  *self,
                        const char       *exchange,
                        const char       *symbol,
                        const char       *interval,
                        GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree guint8 *data = NULL;
  g_autofree char *why = NULL;
  g_autoptr(GArray) candles = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean too_large;
  gint64 interval_ms = 0;
  gsize length = 0;

  g_return_val_if_fail (WICK_IS_CANDLE_CACHE (self), NULL);
  g_return_val_if_fail (exchange != NULL, NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (interval != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = wick_candle_cache_dup_path (self, exchange, symbol, interval);

  if (!read_file (path, &data, &length, &too_large, error))
    return NULL;

  if (too_large)
    {
      why = g_strdup_printf ("larger than %u candles", (guint) WICK_CACHE_MAX_CANDLES);
      fail_corrupt (path, why, error);
      return NULL;
    }

  candles = decode (data, length, wick_interval_parse_ms (interval), &interval_ms, &why);
  if (candles == NULL)
    {
      fail_corrupt (path, why, error);
      return NULL;
    }

  /* decode() checked what replace checks, so a failure here would be a bug in one of them;
   * it is still reported rather than returning a part.
   */
  series = wick_series_new (interval_ms);
  if (!wick_series_replace (series, (const WickCandle *) (gpointer) candles->data, candles->len,
                            &local_error))
    {
      fail_corrupt (path, local_error->message, error);
      return NULL;
    }

  return g_steal_pointer (&series);
}

/**
 * wick_candle_cache_save:
 * @self: a #WickCandleCache
 * @exchange: the exchange
 * @symbol: the symbol
 * @interval: the interval; when it is one wick_interval_parse_ms() knows, it must be the
 *   series' interval
 * @series: the candles; only the newest %WICK_CACHE_MAX_CANDLES are written
 * @error: return location for an error
 *
 * Writes the market's file atomically (a temporary file renamed over the old one), creating
 * the cache folder when needed. On failure the old file is left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_candle_cache_save (WickCandleCache  *self,
                        const char       *exchange,
                        const char       *symbol,
                        const char       *interval,
                        WickSeries       *series,
                        GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree guint8 *data = NULL;
  const WickCandle *candles;
  gint64 interval_ms;
  gint64 named_ms;
  gsize misaligned;
  guint length;
  guint first;
  guint count;
  gsize size;
  guint8 *p;

  g_return_val_if_fail (WICK_IS_CANDLE_CACHE (self), FALSE);
  g_return_val_if_fail (exchange != NULL, FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);
  g_return_val_if_fail (interval != NULL, FALSE);
  g_return_val_if_fail (WICK_IS_SERIES (series), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  interval_ms = wick_series_get_interval_ms (series);
  named_ms = wick_interval_parse_ms (interval);
  if (named_ms > 0 && named_ms != interval_ms)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot cache %" PRId64 " ms candles as interval “%s”"),
                   interval_ms, interval);
      return FALSE;
    }

  length = wick_series_get_length (series);
  count = MIN (length, WICK_CACHE_MAX_CANDLES);
  first = length - count;
  candles = count > 0 ? wick_series_get_candle (series, first) : NULL;

  /* Load would refuse such a file, so it is not written. */
  if (find_misaligned (candles, count, interval_ms, &misaligned))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Cannot cache the candles: candle %u does not open a whole number of "
                     "intervals after the first"), first + (guint) misaligned);
      return FALSE;
    }

  size = FILE_SIZE (count);
  data = g_malloc (size);

  memcpy (data, MAGIC, MAGIC_LEN);
  put_u32 (data + 8, VERSION);
  put_u32 (data + 12, 0);
  put_u64 (data + 16, (guint64) interval_ms);
  put_u64 (data + 24, count);

  p = data + HEADER_SIZE;
  for (guint i = 0; i < count; i++, p += CANDLE_SIZE)
    {
      put_u64 (p, (guint64) candles[i].open_time_ms);
      put_double (p + 8, candles[i].open);
      put_double (p + 16, candles[i].high);
      put_double (p + 24, candles[i].low);
      put_double (p + 32, candles[i].close);
      put_double (p + 40, candles[i].volume);
    }
  put_u64 (p, checksum (data, size - TRAILER_SIZE));

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the cache folder “%s”: %s"),
                   self->directory, g_strerror (saved_errno));
      return FALSE;
    }

  path = wick_candle_cache_dup_path (self, exchange, symbol, interval);

  if (!g_file_set_contents_full (path, (const char *) data, (gssize) size,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    {
      /* Translators: followed by GLib's reason, such as “Failed to create file …” */
      g_prefix_error (error, _("Could not save the candle cache: "));
      return FALSE;
    }

  return TRUE;
}
