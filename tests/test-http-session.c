/* test-http-session.c: the app's HTTP session, against a server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-http-session.h"

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *agent = soup_message_headers_get_one (headers, "User-Agent");

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_COPY,
                                    agent ? agent : "", agent ? strlen (agent) : 0);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GBytes **body = user_data;
  g_autoptr(GError) error = NULL;

  *body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
}

static void
test_user_agent (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SoupSession) session = wick_http_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoslist(GUri) uris = NULL;

  soup_server_add_handler (server, NULL, on_request_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);

  g_assert_cmpuint (soup_session_get_timeout (session), ==, WICK_HTTP_TIMEOUT_SECONDS);

  message = soup_message_new (SOUP_METHOD_GET, url);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &body);
  while (body == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   "wick/" PACKAGE_VERSION, strlen ("wick/" PACKAGE_VERSION));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/net/http-session/user-agent", test_user_agent);

  return g_test_run ();
}
