/* test-cli-utils.h: running the wick binary as a real process, with no display, for the
 * command-line tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test gets a fresh folder for what it exports and a fresh XDG_DATA_HOME and
 * XDG_CACHE_HOME for the runs, so no test sees the user's lines or cached candles, or another
 * test's. A run may point the exchanges at servers of this process, which keep serving while
 * it waits for wick to exit.
 */

#pragma once

#include <gio/gio.h>
#include <string.h>

#include "test-user-dirs.h"

typedef struct
{
  char *dir;          /* where exports go */
  char *data_dir;     /* XDG_DATA_HOME of the runs (levels.json); the cache is in it */
  char *binance_url;  /* nullable: where the runs find Binance, spot and futures */
  char *okx_url;      /* nullable: where the runs find OKX */
} Fixture;

typedef struct
{
  int       status;
  char     *out;
  char     *err;
  gboolean  done;
} Run;

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("wick-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_dir_make_tmp ("wick-cli-data-XXXXXX", &error);
  g_assert_no_error (error);
  /* Every wick run inherits it, so no test touches the user's own lines. */
  g_setenv ("XDG_DATA_HOME", fixture->data_dir, TRUE);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  test_remove_tree (fixture->data_dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->data_dir, g_free);
  g_clear_pointer (&fixture->binance_url, g_free);
  g_clear_pointer (&fixture->okx_url, g_free);
}

/* Points the runs' Binance (@binance_url) and OKX (@okx_url) at http://127.0.0.1:PORT
 * servers, their streams at the same ports over ws://; NULL leaves one as it is. */
static inline void
fixture_set_exchanges (Fixture    *fixture,
                       const char *binance_url,
                       const char *okx_url)
{
  g_free (fixture->binance_url);
  fixture->binance_url = g_strdup (binance_url);
  g_free (fixture->okx_url);
  fixture->okx_url = g_strdup (okx_url);
}

static inline guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static inline guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static inline void
set_exchange_environment (GSubprocessLauncher *launcher,
                          const char * const  *variables,
                          const char          *http_url)
{
  g_autofree char *ws_url = g_strconcat ("ws", http_url + strlen ("http"), NULL);

  g_assert_true (g_str_has_prefix (http_url, "http://"));
  g_subprocess_launcher_setenv (launcher, variables[0], http_url, TRUE);
  g_subprocess_launcher_setenv (launcher, variables[1], ws_url, TRUE);
}

static inline void
on_wick_exited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (G_SUBPROCESS (object)));
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

/* Runs wick with @args (NULL-terminated, "@DIR@" replaced by the fixture's folder), with no
 * display and no session bus, as on a server or in a script. The test's main context runs
 * meanwhile, so its servers answer. What wick said on stderr goes to the test log, so a
 * failed status assertion shows why. */
static inline void
run_wick (Fixture            *fixture,
          Run                *run,
          const char * const *args)
{
  static const char * const binance_variables[][2] = {
    { "WICK_BINANCE_URL", "WICK_BINANCE_WS_URL" },
    { "WICK_BINANCE_FUTURES_URL", "WICK_BINANCE_FUTURES_WS_URL" },
  };
  static const char * const okx_variables[] = { "WICK_OKX_URL", "WICK_OKX_WS_URL" };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_build_filename (fixture->data_dir, "cache", NULL);
  const char *binary = g_getenv ("WICK_BINARY");

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, g_strdup (binary));
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_autoptr(GString) arg = g_string_new (args[i]);

      g_string_replace (arg, "@DIR@", fixture->dir, 0);
      g_ptr_array_add (argv, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  /* No candles cached by an earlier test may stand in for the network's. */
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  if (fixture->binance_url != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (binance_variables); i++)
        set_exchange_environment (launcher, binance_variables[i], fixture->binance_url);
    }
  if (fixture->okx_url != NULL)
    set_exchange_environment (launcher, okx_variables, fixture->okx_url);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  run->status = -1;
  run->done = FALSE;
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_wick_exited_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("wick exited %d, stderr: %s", run->status, run->err);
}

/* run_wick () with the arguments listed, up to a NULL. */
static inline void
run_wick_args (Fixture    *fixture,
               Run        *run,
               const char *first_arg,
               ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list list;

  va_start (list, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);

  run_wick (fixture, run, (const char * const *) args->pdata);
}

/* A command line that wick must refuse as bad input. */
typedef struct
{
  const char *name;
  const char *args[8];
  const char *message;  /* a piece of the one stderr line */
} BadCase;

/* Each of @cases exits with 2 and one "wick: …" line naming the problem, and leaves no file
 * behind, half-written or not. */
static inline void
check_bad_cases (Fixture       *fixture,
                 const BadCase *cases,
                 gsize          n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const BadCase *bad = &cases[i];
      g_auto(Run) run = { 0 };

      g_test_message ("case %s", bad->name);
      run_wick (fixture, &run, bad->args);

      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_true (g_str_has_prefix (run.err, "wick: "));
      g_assert_true (g_str_has_suffix (run.err, "\n"));
      g_assert_nonnull (strstr (run.err, bad->message));
      g_assert_cmpuint (count_files (fixture->dir), ==, 0);
    }
}
