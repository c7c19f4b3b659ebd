/* test-user-dirs.h: keep window tests away from the user's lines, cache and settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_test_init () in GTK 4.8 does not honour G_TEST_OPTION_ISOLATE_DIRS, so tests that run
 * the application point the XDG folders at a temporary tree themselves, before GLib caches
 * them.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Returns the temporary root holding data/, cache/ and config/; remove it with
 * test_remove_tree () when the tests are done. */
static inline char *
test_isolate_user_dirs (const char *name)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", name);
  char *root = g_dir_make_tmp (template, NULL);
  const char * const kinds[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_CONFIG_HOME", "config" },
  };

  g_assert_nonnull (root);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_build_filename (root, kinds[i][1], NULL);

      g_setenv (kinds[i][0], path, TRUE);
    }

  return root;
}
