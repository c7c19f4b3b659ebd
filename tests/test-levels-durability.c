/* test-levels-durability.c: the levels file survives kills, a full disk and a read-only folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process saves two different sets of lines in turn, as fast as it can, and is
 * killed with SIGKILL at a random moment, again and again. After each kill the file must
 * hold exactly the one set or the other, never a mix, and load; the temp file a killed save
 * leaves behind must be gone after the next save. A save that cannot write (the file size
 * limit, a folder it may not write to) fails with a clear message and keeps the old file.
 */

#include "config.h"

#include "wick-levels-file.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MARKET       "Binance:BTCUSDT"
#define N_KILLS      250
#define NOBODY       65534

typedef struct
{
  char           *dir;      /* Owned: removed with what is in it */
  char           *path;     /* Owned: <dir>/levels.json */
  WickLevelStore *few;      /* Owned: 3 lines */
  WickLevelStore *many;     /* Owned: 40 labelled lines, a much longer file */
  char           *few_text;   /* Owned: the file as saved from @few */
  char           *many_text;  /* Owned: the file as saved from @many */
} Fixture;

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  return text;
}

static void
save (Fixture        *fixture,
      WickLevelStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_levels_file_save (fixture->path, MARKET, store, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->dir = g_dir_make_tmp ("wick-durability-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "levels.json", NULL);
  fixture->few = wick_level_store_new ();
  fixture->many = wick_level_store_new ();

  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (wick_level_store_add (fixture->few, 92000.0 + 100 * i, NULL,
                                            WICK_LEVEL_ORIGIN_USER, NULL), !=, 0);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *label = g_strdup_printf ("Line %u, with a label long enough to show", i);

      g_assert_cmpuint (wick_level_store_add (fixture->many, 80000.5 + 333 * i, label,
                                              WICK_LEVEL_ORIGIN_PINNED_ZONE, NULL), !=, 0);
    }

  save (fixture, fixture->many);
  fixture->many_text = read_text (fixture->path);
  save (fixture, fixture->few);
  fixture->few_text = read_text (fixture->path);
  g_assert_cmpstr (fixture->few_text, !=, fixture->many_text);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_chmod (fixture->dir, 0700);
  listing = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);

  g_clear_object (&fixture->few);
  g_clear_object (&fixture->many);
  g_clear_pointer (&fixture->few_text, g_free);
  g_clear_pointer (&fixture->many_text, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* The names in the folder other than the file and its lock. */
static GPtrArray *
list_others (Fixture *fixture)
{
  g_autoptr(GDir) listing = g_dir_open (fixture->dir, 0, NULL);
  GPtrArray *others = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (strcmp (name, "levels.json") != 0 && strcmp (name, "levels.json.lock") != 0)
        g_ptr_array_add (others, g_strdup (name));
    }

  return others;
}

static gboolean
same_lines (WickLevelStore *a,
            WickLevelStore *b)
{
  if (wick_level_store_get_n_levels (a) != wick_level_store_get_n_levels (b))
    return FALSE;

  for (guint i = 0; i < wick_level_store_get_n_levels (a); i++)
    {
      const WickLevel *la = wick_level_store_get_level (a, i);
      const WickLevel *lb = wick_level_store_get_level (b, i);

      if (la->id != lb->id || la->price != lb->price || g_strcmp0 (la->label, lb->label) != 0 ||
          la->origin != lb->origin)
        return FALSE;
    }

  return TRUE;
}

/* The child: saves the two sets in turn until it is killed; says so after the first save. */
G_GNUC_NORETURN static void
run_saver (Fixture *fixture,
           int      ready_fd)
{
  for (guint64 n = 0;; n++)
    {
      if (!wick_levels_file_save (fixture->path, MARKET, n % 2 == 0 ? fixture->many : fixture->few,
                                  NULL, NULL))
        _exit (3);
      if (n == 0 && write (ready_fd, "r", 1) != 1)
        _exit (4);
    }
}

static void
test_kill (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) others_after = NULL;
  guint n_corrupt = 0;
  guint n_few = 0;
  guint n_many = 0;
  guint n_temp_left = 0;

  for (guint i = 0; i < N_KILLS; i++)
    {
      g_autoptr(WickLevelStore) loaded = wick_level_store_new ();
      g_autoptr(GPtrArray) others = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      int fds[2];
      int status;
      char ready;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_saver (fixture, fds[1]);
        }

      close (fds[1]);
      g_assert_cmpint (read (fds[0], &ready, 1), ==, 1);
      close (fds[0]);

      /* Anywhere in the next saves: one save takes about a millisecond. */
      g_usleep (g_test_rand_int_range (0, 3000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      /* Exactly the old file or the new one. */
      text = read_text (fixture->path);
      if (strcmp (text, fixture->few_text) == 0)
        n_few++;
      else if (strcmp (text, fixture->many_text) == 0)
        n_many++;
      else
        n_corrupt++;

      g_assert_true (wick_levels_file_load (fixture->path, MARKET, loaded, &error));
      g_assert_no_error (error);
      g_assert_true (same_lines (loaded, fixture->few) || same_lines (loaded, fixture->many));

      /* At most the one temp file of the save just killed; the next save removes it. */
      others = list_others (fixture);
      g_assert_cmpuint (others->len, <=, 1);
      if (others->len == 1)
        {
          g_assert_true (g_str_has_prefix (g_ptr_array_index (others, 0), "levels.json.tmp-"));
          n_temp_left++;
        }
    }

  g_test_message ("%u kills: %u left the short file, %u the long one, %u a mix; %u killed a "
                  "save between its temp file and its rename",
                  N_KILLS, n_few, n_many, n_corrupt, n_temp_left);
  g_assert_cmpuint (n_corrupt, ==, 0);
  g_assert_cmpuint (n_few + n_many, ==, N_KILLS);

  save (fixture, fixture->few);
  others_after = list_others (fixture);
  g_assert_cmpuint (others_after->len, ==, 0);
}

/* In a subprocess: a save of the long file must fail saying @reason, and keep the short one. */
static void
assert_save_fails (Fixture    *fixture,
                   const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autofree char *text = NULL;

  g_assert_false (wick_levels_file_save (fixture->path, MARKET, fixture->many, NULL, &error));
  g_assert_true (error->domain == G_FILE_ERROR);
  g_assert_nonnull (strstr (error->message, "Could not save the lines to"));
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, reason));
  g_print ("%s\n", error->message);

  text = read_text (fixture->path);
  g_assert_cmpstr (text, ==, fixture->few_text);
  others = list_others (fixture);
  g_assert_cmpuint (others->len, ==, 0);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      /* Room for the short file but not the long one: write () fails with EFBIG. */
      struct rlimit limit = { 1024, 1024 };

      g_assert_cmpuint (strlen (fixture->few_text), <, 1024);
      g_assert_cmpuint (strlen (fixture->many_text), >, 1024);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      assert_save_fails (fixture, g_strerror (EFBIG));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Could not save the lines to*");
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      /* root may write anywhere: become nobody, owning the files as a user owns his. */
      if (getuid () == 0)
        {
          g_autofree char *lock = g_strconcat (fixture->path, ".lock", NULL);

          g_assert_cmpint (chown (fixture->dir, NOBODY, NOBODY), ==, 0);
          g_assert_cmpint (chown (fixture->path, NOBODY, NOBODY), ==, 0);
          g_assert_cmpint (chown (lock, NOBODY, NOBODY), ==, 0);
          g_assert_cmpint (setgid (NOBODY), ==, 0);
          g_assert_cmpint (setuid (NOBODY), ==, 0);
          /* Changing user made the process undumpable; the leak checker needs to trace it. */
          prctl (PR_SET_DUMPABLE, 1);
        }

      /* The files stay writable, the folder does not: no temp file can be made. */
      g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);
      assert_save_fails (fixture, g_strerror (EACCES));
      g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Could not save the lines to*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/levels-durability/kill", Fixture, NULL,
              fixture_setup, test_kill, fixture_teardown);
  g_test_add ("/levels-durability/disk-full", Fixture, NULL,
              fixture_setup, test_disk_full, fixture_teardown);
  g_test_add ("/levels-durability/read-only", Fixture, NULL,
              fixture_setup, test_read_only, fixture_teardown);

  return g_test_run ();
}
