/* wick-levels-file.c: every market's lines, kept across runs in one JSON file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-levels-file"

#include "config.h"

#include "wick-levels-file.h"

#include "wick-levels-json-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

G_DEFINE_QUARK (wick-levels-file-error-quark, wick_levels_file_error)

/**
 * wick_levels_file_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/wick/levels.json`
 */
char *
wick_levels_file_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "wick", "levels.json", NULL);
}

/**
 * wick_levels_file_market_key:
 * @exchange: an exchange name such as "Binance"
 * @symbol: a symbol such as "BTCUSDT"
 *
 * Returns: (transfer full): the key a market's lines are filed under, "Binance:BTCUSDT"
 */
char *
wick_levels_file_market_key (const char *exchange,
                             const char *symbol)
{
  g_return_val_if_fail (exchange != NULL && exchange[0] != '\0', NULL);
  g_return_val_if_fail (symbol != NULL && symbol[0] != '\0', NULL);

  return g_strdup_printf ("%s:%s", exchange, symbol);
}

/* Reads @path; a file that does not exist is not an error but sets @missing. */
static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *length,
           gboolean    *missing,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *missing = FALSE;

  if (g_file_get_contents (path, contents, length, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      *missing = TRUE;
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/*
 * move_aside:
 *
 * Renames a damaged @path to `<path>.corrupt-YYYYmmdd-HHMMSS`, adding -2, -3 … when that
 * name is taken, so no earlier copy is ever replaced.
 *
 * Returns: (transfer full) (nullable): the new name, or %NULL with a %G_FILE_ERROR
 */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  g_autofree char *target = g_strdup (base);

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s-%u", base, n);
    }

  if (g_rename (path, target) < 0)
    {
      int errsv = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                           g_strerror (errsv));
      return NULL;
    }

  return g_steal_pointer (&target);
}

/*
 * move_aside_or_error:
 * @raw_reason: why @path could not be read
 * @error: set to a CORRUPT error in either case
 *
 * Returns: (transfer full) (nullable): where @path went, or %NULL when it could not move
 */
/* The longest reason quoted in a message, in bytes. */
#define MAX_REASON_LEN 240

static char *
move_aside_or_error (const char  *path,
                     const char  *raw_reason,
                     GError     **error)
{
  g_autoptr(GError) move_error = NULL;
  g_autofree char *moved_to = move_aside (path, &move_error);
  g_autofree char *reason = NULL;
  gsize len = strlen (raw_reason);

  /* json-glib quotes the token it stopped at as it read it: it may be megabytes long, and
   * not UTF-8. */
  reason = g_utf8_make_valid (raw_reason, MIN (len, MAX_REASON_LEN));
  if (len > MAX_REASON_LEN)
    {
      g_autofree char *cut = g_steal_pointer (&reason);

      reason = g_strconcat (cut, "…", NULL);
    }

  if (moved_to != NULL)
    g_set_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT,
                 /* Translators: the file, the reason, then the file's new name */
                 _("The saved lines in “%s” could not be read (%s), so the file was moved to "
                   "“%s”"),
                 path, reason, moved_to);
  else
    g_set_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT,
                 /* Translators: the file, the reason, then why it could not be renamed */
                 _("The saved lines in “%s” could not be read (%s), and the file could not be "
                   "moved aside: %s"),
                 path, reason, move_error->message);

  return g_steal_pointer (&moved_to);
}

/*
 * lock_file:
 *
 * Takes the advisory lock every reader and writer of @path shares: flock () on the sibling
 * `<path>.lock`, which is created when missing and never deleted (deleting it would let two
 * processes hold locks on two different files). The lock is per open file, so it must
 * never be taken twice in one process at a time; nothing here calls out while holding it.
 *
 * Returns: the descriptor to pass to unlock_file (), or -1 with @error set
 */
static int
lock_file (const char  *path,
           GError     **error)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd;
  int errsv;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not open the lock file “%s”: %s"), lock_path, g_strerror (errsv));
      return -1;
    }

  while (flock (fd, LOCK_EX) < 0)
    {
      errsv = errno;
      if (errsv == EINTR)
        continue;

      g_close (fd, NULL);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not lock “%s”: %s"), lock_path, g_strerror (errsv));
      return -1;
    }

  return fd;
}

static void
unlock_file (int fd)
{
  /* Closing the only descriptor of the open file releases its flock (). */
  if (fd >= 0)
    g_close (fd, NULL);
}

/* The body of wick_levels_file_load (), run under the lock. */
static GPtrArray *
read_levels (const char  *path,
             const char  *market_key,
             GError     **error)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) wick_level_free);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean missing;

  if (!read_file (path, &contents, &length, &missing, error))
    return NULL;

  if (missing)
    return g_steal_pointer (&levels);

  root = _wick_levels_json_parse (path, contents, length, market_key, levels, &local_error);
  if (root != NULL)
    return g_steal_pointer (&levels);

  if (g_error_matches (local_error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT))
    g_free (move_aside_or_error (path, local_error->message, error));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/**
 * wick_levels_file_load:
 * @path: the levels file, usually from wick_levels_file_default_path ()
 * @market_key: the market, from wick_levels_file_market_key ()
 * @store: the store to fill
 * @error: return location for a #GError
 *
 * Replaces the lines of @store with the market's saved lines (through
 * wick_level_store_set_levels (), so the undo history is cleared and ::changed is
 * emitted). A missing file or a market with no entry gives an empty store.
 *
 * On any error @store keeps what it had:
 * - %WICK_LEVELS_FILE_ERROR_CORRUPT: the file is not valid JSON, has wrong types or a line
 *   that could not be stored (in any market). It has been moved aside to
 *   `<path>.corrupt-YYYYmmdd-HHMMSS`, and the message, one sentence that names both files,
 *   can be shown to the user as it is. The next save writes a fresh file.
 * - %WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA: a newer Wick wrote the file; it is left alone and
 *   wick_levels_file_save () will refuse to replace it.
 * - a %G_FILE_ERROR when the file exists but cannot be read.
 *
 * The lock is released before @store is filled, so a ::changed handler may save.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_levels_file_load (const char      *path,
                       const char      *market_key,
                       WickLevelStore  *store,
                       GError         **error)
{
  g_autoptr(GPtrArray) levels = NULL;
  int lock_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (market_key != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (market_key, -1, NULL), FALSE);
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Best effort: a folder we cannot write to can still be read, and a missing folder
   * means a missing file. The lock matters here only for moving a damaged file aside. */
  lock_fd = lock_file (path, NULL);
  levels = read_levels (path, market_key, error);
  unlock_file (lock_fd);

  if (levels == NULL)
    return FALSE;

  return wick_level_store_set_levels (store, (const WickLevel **) levels->pdata, levels->len,
                                      error);
}

/* Temp files are `<path>.tmp-XXXXXX`: a name no user file is likely to have, so that the ones
 * a killed save leaves behind can be found and removed. */
#define TEMP_SUFFIX ".tmp-"

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *errsv)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          *errsv = written < 0 ? errno : ENOSPC;
          return FALSE;
        }

      data += written;
      length -= written;
    }

  return TRUE;
}

/*
 * replace_file:
 *
 * Writes @data to a new temp file beside @path, flushes it to the disk and renames it over
 * @path, then flushes the folder: a crash or a kill at any point leaves either the old file
 * or the new one, whole. On failure the temp file is removed and @path is untouched.
 */
static gboolean
replace_file (const char  *path,
              const char  *data,
              gsize        length,
              GError     **error)
{
  g_autofree char *temp = g_strconcat (path, TEMP_SUFFIX "XXXXXX", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  int errsv = 0;
  int fd;
  int dir_fd;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not create a file in “%s”: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  if (!write_all (fd, data, length, &errsv) || fsync (fd) < 0)
    {
      errsv = errsv != 0 ? errsv : errno;
      g_close (fd, NULL);
      g_unlink (temp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not write “%s”: %s"), temp, g_strerror (errsv));
      return FALSE;
    }

  if (!g_close (fd, NULL) || g_rename (temp, path) < 0)
    {
      errsv = errno;
      g_unlink (temp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not replace “%s”: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  /* Best effort: makes the rename itself survive a power cut. */
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      g_close (dir_fd, NULL);
    }

  return TRUE;
}

/* Removes the temp files of saves that were killed before their rename. Every writer holds
 * the lock while its temp file exists, so under the lock any temp file is stale. */
static void
remove_stale_temp_files (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, TEMP_SUFFIX, NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + 6)
        {
          g_autofree char *stale = g_build_filename (dir, name, NULL);

          g_unlink (stale);
        }
    }
}

/* The body of wick_levels_file_save (), run under the lock. */
static gboolean
write_levels (const char      *path,
              const char      *market_key,
              WickLevelStore  *store,
              char           **moved_aside,
              GError         **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean missing;

  if (!read_file (path, &contents, &length, &missing, error))
    return FALSE;

  if (!missing)
    {
      root = _wick_levels_json_parse (path, contents, length, market_key, NULL, &local_error);

      if (root == NULL &&
          !g_error_matches (local_error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (root == NULL)
        {
          g_autoptr(GError) corrupt_error = NULL;

          *moved_aside = move_aside_or_error (path, local_error->message, &corrupt_error);
          if (*moved_aside == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&corrupt_error));
              return FALSE;
            }

          g_debug ("%s", corrupt_error->message);
        }
    }

  data = _wick_levels_json_serialize (root, market_key, store);
  remove_stale_temp_files (path);

  return replace_file (path, data, strlen (data), error);
}

/**
 * wick_levels_file_save:
 * @path: the levels file, usually from wick_levels_file_default_path ()
 * @market_key: the market, from wick_levels_file_market_key ()
 * @store: its lines
 * @moved_aside: (out) (optional) (transfer full) (nullable): set to where a damaged file
 *   was moved, or %NULL
 * @error: return location for a #GError
 *
 * Writes the lines of @store as the market's entry and keeps every other market's entry
 * as it is. Under the lock shared with other Wick processes, the current file is read
 * again, the market's entry replaced (left out when @store is empty) and the result
 * written to a temporary file beside @path, then renamed over it, so a crash leaves either
 * the old file or the new one. The folder is created (mode 0700) when missing.
 *
 * A damaged file is not overwritten: it is moved aside as wick_levels_file_load () does,
 * a fresh file holding only this market is written, the save succeeds and @moved_aside
 * tells where the old file went so the user can be told. @moved_aside is set whenever a
 * file was moved, even when the write that follows fails.
 *
 * Errors; in every case @path is left whole, never half written:
 * - %WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA: a newer Wick wrote the file; it is not replaced.
 * - %WICK_LEVELS_FILE_ERROR_CORRUPT: the file is damaged and could not be moved aside; it
 *   is left as it is.
 * - a %G_FILE_ERROR (the message names @path) when the folder or the file cannot be
 *   created, read or written; the old file is left as it is.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_levels_file_save (const char      *path,
                       const char      *market_key,
                       WickLevelStore  *store,
                       char           **moved_aside,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *moved_to = NULL;
  gboolean ret;
  int lock_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (market_key != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (market_key, -1, NULL), FALSE);
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (moved_aside != NULL)
    *moved_aside = NULL;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not save the lines to “%s”: could not create the folder “%s”: %s"),
                   path, dir, g_strerror (errsv));
      return FALSE;
    }

  lock_fd = lock_file (path, &local_error);
  if (lock_fd < 0)
    ret = FALSE;
  else
    ret = write_levels (path, market_key, store, &moved_to, &local_error);
  unlock_file (lock_fd);

  if (moved_aside != NULL)
    *moved_aside = g_steal_pointer (&moved_to);

  if (!ret)
    {
      /* A CORRUPT message already says what happened to which file. */
      if (local_error->domain == G_FILE_ERROR)
        g_prefix_error (&local_error, _("Could not save the lines to “%s”: "), path);
      else if (local_error->code == WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA)
        g_prefix_error (&local_error, _("The lines were not saved: "));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return ret;
}
