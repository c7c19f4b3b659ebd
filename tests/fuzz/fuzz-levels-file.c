/* fuzz-levels-file.c: wick_levels_file_load () and _save () on a file holding any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole path a user's file takes: the lock, reading, moving a damaged file aside,
 * carrying other markets over and the atomic replace. A file that loads must save, and the
 * saved file must load back to the same lines; a file that does not load must have been
 * moved aside (or be from a newer Wick and left alone).
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wick-fuzz.h"
#include "wick-levels-file.h"

#define MARKET "Binance:BTCUSDT"

static char *directory;   /* Owned: a folder of our own, emptied after every input */
static char *path;        /* Owned: <directory>/levels.json */

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
  /* tmpfs where there is one: the save syncs the file to disk. */
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *template = g_build_filename (base, "wick-fuzz-levels-XXXXXX", NULL);

  wick_fuzz_init (WICK_FUZZ_FATAL);

  directory = g_mkdtemp (g_steal_pointer (&template));
  if (directory == NULL)
    {
      fprintf (stderr, "Could not create a folder in %s: %s\n", base, g_strerror (errno));
      abort ();
    }
  path = g_build_filename (directory, "levels.json", NULL);
  atexit (remove_directory);

  return 0;
}

/* Empties the folder but for the lock file; returns how many files were moved aside. */
static guint
clean_directory (void)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;
  guint n_moved = 0;

  wick_fuzz_check (dir != NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (directory, name, NULL);

      if (g_str_has_suffix (name, ".lock"))
        continue;

      n_moved += strstr (name, ".corrupt-") != NULL;
      wick_fuzz_check (g_unlink (child) == 0);
    }

  return n_moved;
}

static void
check_same_levels (WickLevelStore *a,
                   WickLevelStore *b)
{
  wick_fuzz_check (wick_level_store_get_n_levels (a) == wick_level_store_get_n_levels (b));

  for (guint i = 0; i < wick_level_store_get_n_levels (a); i++)
    {
      const WickLevel *la = wick_level_store_get_level (a, i);
      const WickLevel *lb = wick_level_store_get_level (b, i);

      wick_fuzz_check (la->id == lb->id && la->price == lb->price);
      wick_fuzz_check (g_strcmp0 (la->label, lb->label) == 0);
      wick_fuzz_check (la->origin == lb->origin && la->locked == lb->locked);
      wick_fuzz_check (la->has_color == lb->has_color && la->color_rgba == lb->color_rgba);
      wick_fuzz_check (la->created_at_ms == lb->created_at_ms);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WickLevelStore) store = wick_level_store_new ();
  g_autoptr(WickLevelStore) reloaded = wick_level_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;

  /* A line already in the store must stay when the file is refused. */
  wick_fuzz_check (wick_level_store_add (store, 12345.5, "kept", WICK_LEVEL_ORIGIN_USER, NULL));

  wick_fuzz_check (g_file_set_contents (path, (const char *) data, size, NULL));

  if (!wick_levels_file_load (path, MARKET, store, &error))
    {
      gboolean newer = g_error_matches (error, WICK_LEVELS_FILE_ERROR,
                                        WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA);

      wick_fuzz_check_error (error);
      wick_fuzz_check (newer || g_error_matches (error, WICK_LEVELS_FILE_ERROR,
                                                 WICK_LEVELS_FILE_ERROR_CORRUPT));
      wick_fuzz_check (wick_level_store_get_n_levels (store) == 1);
      wick_fuzz_check (wick_level_store_get_level (store, 0)->price == 12345.5);
      /* Damaged: moved aside, never left in place to be overwritten. */
      wick_fuzz_check (newer == g_file_test (path, G_FILE_TEST_EXISTS));
      wick_fuzz_check (clean_directory () == (newer ? 0 : 1));
      return 0;
    }

  wick_fuzz_check (error == NULL);
  for (guint i = 0; i < wick_level_store_get_n_levels (store); i++)
    {
      if (wick_level_store_get_level (store, i)->created_at_ms < WICK_FUZZ_YEAR_1000_MS)
        {
          clean_directory ();
          return 0;
        }
    }

  wick_fuzz_check (wick_levels_file_save (path, MARKET, store, &moved, &error));
  wick_fuzz_check (moved == NULL);
  wick_fuzz_check (wick_levels_file_load (path, MARKET, reloaded, &error));
  check_same_levels (store, reloaded);
  wick_fuzz_check (clean_directory () == 0);

  return 0;
}
