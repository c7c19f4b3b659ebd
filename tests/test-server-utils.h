/* test-server-utils.h: an in-process HTTP and websocket server on 127.0.0.1 for the net tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

/* Starts @server on 127.0.0.1 at a random port. Returns the base URL with @scheme
 * ("http" or "ws") and no trailing slash, e.g. "http://127.0.0.1:41234". */
static inline char *
test_server_listen (SoupServer *server,
                    const char *scheme)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *base;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  base = g_strdup_printf ("%s://127.0.0.1:%d", scheme, g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return base;
}

/* Reads a file of ../shared/data/fixtures, or skips the test when the folder is absent. */
static inline GBytes *
test_read_shared_fixture (const char *name)
{
  const char *shared = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (shared == NULL)
    return NULL;

  path = g_build_filename (shared, "fixtures", name, NULL);
  if (!g_file_get_contents (path, &contents, &length, &error))
    return NULL;

  return g_bytes_new_take (contents, length);
}

/* Runs the default main context until *@flag is set or @timeout_ms passes; returns *@flag. */
static inline gboolean
test_wait_for (const gboolean *flag,
               guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return *flag;
}
