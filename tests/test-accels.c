/* test-accels.c: every keyboard shortcut of the application is taken by one action only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-application.h"

#include "test-user-dirs.h"

static gboolean
quit_when_started_cb (gpointer data)
{
  GtkApplication *application = data;
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (application);
  guint n_accels = 0;

  if (gtk_application_get_active_window (application) == NULL)
    return G_SOURCE_CONTINUE;

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (application, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint key;
          GdkModifierType modifiers;
          g_autofree char *name = NULL;
          const char *owner;

          g_assert_true (gtk_accelerator_parse (accels[j], &key, &modifiers));
          name = gtk_accelerator_name (key, modifiers);
          owner = g_hash_table_lookup (owners, name);
          if (owner != NULL && !g_str_equal (owner, actions[i]))
            g_error ("%s is the shortcut of both %s and %s", accels[j], owner, actions[i]);
          g_hash_table_insert (owners, g_steal_pointer (&name), g_strdup (actions[i]));
          n_accels++;
        }
    }

  /* The app has a dozen shortcuts; none found means the check looked in the wrong place. */
  g_assert_cmpuint (n_accels, >=, 10);

  g_application_quit (G_APPLICATION (application));

  return G_SOURCE_REMOVE;
}

static void
test_accels_unique (void)
{
  char *argv[] = { (char *) "wick", (char *) "--source", (char *) "sample", NULL };
  g_autoptr(WickApplication) application = wick_application_new ();

  g_timeout_add (50, quit_when_started_cb, application);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 3, argv), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = test_isolate_user_dirs ("wick-accels");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wick/accels/unique", test_accels_unique);

  status = g_test_run ();
  test_remove_tree (root);

  return status;
}
