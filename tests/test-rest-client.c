/* test-rest-client.c: the retrying REST client against servers on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-binance-parse.h"
#include "wick-rest-client.h"

#include "test-server-utils.h"

#include <string.h>

typedef struct
{
  SoupServer  *server;
  char        *url;
  SoupSession *session;

  guint        hits;             /* requests that reached a handler */
  gint64       hit_times[8];     /* monotonic µs of the first hits */
  guint        failures_left;    /* /flaky answers 500 while this is above zero */
  char        *echoed_query;     /* the raw query /echo saw */
  GPtrArray   *paused;           /* messages /stall never answers */

  GPtrArray   *statuses;         /* ::status messages, "" for NULL */
  GCancellable *cancel_on_status; /* cancelled at the first non-NULL ::status */
  GCancellable *cancel_in_wait;   /* cancelled a moment after the first non-NULL ::status */
} Fixture;

/* A big body that costs no memory: the same static megabyte sent over and over. */
static char megabyte[1024 * 1024];

static const char binance_error[] = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  if (fixture->hits < G_N_ELEMENTS (fixture->hit_times))
    fixture->hit_times[fixture->hits] = g_get_monotonic_time ();
  fixture->hits++;

  if (strcmp (path, "/ok") == 0)
    {
      soup_message_headers_replace (headers, "X-MBX-USED-WEIGHT-1M", "42");
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "[1,2,3]", 7);
    }
  else if (strcmp (path, "/heavy") == 0)
    {
      soup_message_headers_replace (headers, "X-MBX-USED-WEIGHT-1M", "95");
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "[]", 2);
    }
  else if (strcmp (path, "/rate") == 0)
    {
      if (fixture->hits == 1)
        {
          soup_message_headers_replace (headers, "Retry-After", "1");
          soup_server_message_set_status (message, 429, "Too Many Requests");
        }
      else
        {
          soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            "\"done\"", 6);
        }
    }
  else if (strcmp (path, "/rate-long") == 0)
    {
      soup_message_headers_replace (headers, "Retry-After", g_hash_table_lookup (query, "s"));
      soup_server_message_set_status (message, 429, "Too Many Requests");
    }
  else if (strcmp (path, "/ban") == 0)
    {
      soup_message_headers_replace (headers, "Retry-After", "120");
      soup_server_message_set_status (message, 418, "I'm a teapot");
    }
  else if (strcmp (path, "/flaky") == 0)
    {
      if (fixture->failures_left > 0)
        {
          fixture->failures_left--;
          soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
          soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                            "<h1>oops</h1>", 13);
        }
      else
        {
          soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            "{\"fine\":1}", 10);
        }
    }
  else if (strcmp (path, "/stall") == 0)
    {
      g_ptr_array_add (fixture->paused, g_object_ref (message));
      soup_server_message_pause (message);
    }
  else if (strcmp (path, "/chunked-huge") == 0)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (message);

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      for (guint i = 0; i <= WICK_REST_MAX_BODY / sizeof megabyte; i++)
        soup_message_body_append (body, SOUP_MEMORY_STATIC, megabyte, sizeof megabyte);
      soup_message_body_complete (body);
    }
  else if (strcmp (path, "/bad-symbol") == 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_BAD_REQUEST, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        binance_error, strlen (binance_error));
    }
  else if (strcmp (path, "/prefix/echo") == 0)
    {
      const char *raw = g_uri_get_query (soup_server_message_get_uri (message));
      const char *value = query != NULL ? g_hash_table_lookup (query, "q") : NULL;

      g_free (fixture->echoed_query);
      fixture->echoed_query = g_strdup (raw);
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_COPY,
                                        value ? value : "", value ? strlen (value) : 0);
    }
  else
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<h1>no</h1>", 11);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request_cb, fixture, NULL);
  fixture->url = test_server_listen (fixture->server, "http");
  fixture->session = soup_session_new ();
  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->statuses = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_session_abort (fixture->session);
  soup_server_disconnect (fixture->server);
  g_clear_pointer (&fixture->paused, g_ptr_array_unref);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->cancel_on_status);
  g_clear_object (&fixture->cancel_in_wait);
  g_clear_pointer (&fixture->statuses, g_ptr_array_unref);
  g_clear_pointer (&fixture->echoed_query, g_free);
  g_clear_pointer (&fixture->url, g_free);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
on_status_cb (WickRestClient *client,
              const char     *message,
              Fixture        *fixture)
{
  g_ptr_array_add (fixture->statuses, g_strdup (message ? message : ""));

  if (message != NULL && fixture->cancel_on_status != NULL)
    g_cancellable_cancel (fixture->cancel_on_status);

  /* While the wait runs: a timeout of the test's main context, as a user's click would be. */
  if (message != NULL && fixture->cancel_in_wait != NULL)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 50, cancel_cb,
                        g_object_ref (fixture->cancel_in_wait), g_object_unref);
}

/* A client of @base_url with millisecond backoff, recording its ::status. */
static WickRestClient *
new_client (Fixture    *fixture,
            const char *base_url)
{
  WickRestClient *client = wick_rest_client_new (fixture->session,
                                                 base_url ? base_url : fixture->url,
                                                 wick_binance_parse_error);

  wick_rest_client_set_name (client, "Testex");
  wick_rest_client_set_backoff (client, 1, 5, 3);
  g_signal_connect (client, "status", G_CALLBACK (on_status_cb), fixture);

  return client;
}

static void
on_got_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GBytes *
get (WickRestClient     *client,
     const char         *path,
     const char * const *query,
     GCancellable       *cancellable,
     GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wick_rest_client_get_async (client, path, query, cancellable, on_got_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wick_rest_client_get_finish (client, result, error);
}

static void
assert_body (GBytes     *body,
             const char *expected)
{
  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   expected, strlen (expected));
}

static void
test_ok_and_weight (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (wick_rest_client_get_used_weight (client), ==, 0);

  body = get (client, "/ok", NULL, NULL, &error);
  g_assert_no_error (error);
  assert_body (body, "[1,2,3]");
  g_assert_cmpuint (fixture->hits, ==, 1);
  g_assert_cmpuint (wick_rest_client_get_used_weight (client), ==, 42);
  g_assert_cmpuint (fixture->statuses->len, ==, 0);
}

static void
test_rate_limit_waits (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/rate", NULL, NULL, &error);
  g_assert_no_error (error);
  assert_body (body, "\"done\"");

  g_assert_cmpuint (fixture->hits, ==, 2);
  g_assert_cmpint (fixture->hit_times[1] - fixture->hit_times[0], >=, G_USEC_PER_SEC);

  g_assert_cmpuint (fixture->statuses->len, ==, 2);
  g_assert_cmpstr (fixture->statuses->pdata[0], ==, "Testex asks to wait 1 s (rate limit)");
  g_assert_cmpstr (fixture->statuses->pdata[1], ==, "");
}

static void
test_rate_limit_too_long (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  const char * const query[] = { "s", "300", NULL };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  wick_rest_client_set_max_wait (client, 120);

  body = get (client, "/rate-long", query, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "Testex asks to wait 300 s"));
  g_assert_null (body);
  g_assert_cmpuint (fixture->hits, ==, 1);

  /* The pause holds for every request of the client; it does not reach the server. */
  g_clear_error (&error);
  body = get (client, "/ok", NULL, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_RATE_LIMITED);
  g_assert_cmpuint (fixture->hits, ==, 1);
}

static void
test_banned (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/ban", NULL, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_BANNED);
  g_assert_nonnull (strstr (error->message, "Testex has banned this address for 120 s"));
  g_assert_cmpuint (fixture->hits, ==, 1);

  g_clear_error (&error);
  body = get (client, "/ok", NULL, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_BANNED);
  g_assert_null (body);
  g_assert_cmpuint (fixture->hits, ==, 1);
}

static void
test_server_error_retried (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  fixture->failures_left = 2;
  body = get (client, "/flaky", NULL, NULL, &error);
  g_assert_no_error (error);
  assert_body (body, "{\"fine\":1}");
  g_assert_cmpuint (fixture->hits, ==, 3);

  /* Two waits, each announced and then cleared. */
  g_assert_cmpuint (fixture->statuses->len, ==, 4);
  g_assert_true (g_str_has_prefix (fixture->statuses->pdata[0],
                                   "Testex has a server error, retrying in "));
  g_assert_cmpstr (fixture->statuses->pdata[1], ==, "");
  g_assert_cmpstr (fixture->statuses->pdata[3], ==, "");
}

static void
test_server_error_gives_up (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  fixture->failures_left = 10;
  body = get (client, "/flaky", NULL, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpuint (fixture->hits, ==, 3);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(WickRestClient) client = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_object_unref (fixture->session);
  fixture->session = soup_session_new_with_options ("timeout", 1, NULL);
  client = new_client (fixture, NULL);
  wick_rest_client_set_backoff (client, 1, 5, 2);

  body = get (client, "/stall", NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "Testex did not answer in time");
  g_assert_null (body);

  /* Retried once: the server saw both attempts. */
  g_assert_cmpuint (fixture->hits, ==, 2);
  g_assert_true (g_str_has_prefix (fixture->statuses->pdata[0],
                                   "Testex did not answer, retrying in "));
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/nowhere", NULL, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "Testex answered HTTP 404 (Not Found)");
  g_assert_cmpuint (fixture->hits, ==, 1);
}

static void
test_exchange_error_body (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/bad-symbol", NULL, NULL, &error);
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, -1121);
  g_assert_cmpstr (error->message, ==, "Invalid symbol.");
  g_assert_cmpuint (fixture->hits, ==, 1);
}

static void
test_query_escaping (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *base = g_strconcat (fixture->url, "/prefix/", NULL);
  g_autoptr(WickRestClient) client = new_client (fixture, base);
  const char *value = "a b&c=d/é+%?#";
  const char * const query[] = { "q", value, "symbol", "BTCUSDT", NULL };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/echo", query, NULL, &error);
  g_assert_no_error (error);
  assert_body (body, value);

  /* Reserved characters are escaped, so the server sees two parameters. */
  g_assert_cmpstr (fixture->echoed_query, ==,
                   "q=a%20b%26c%3Dd%2F%C3%A9%2B%25%3F%23&symbol=BTCUSDT");
}

static void
test_invalid_url (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, "ftp://127.0.0.1");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/ok", NULL, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_INVALID_URL);
  g_assert_cmpuint (fixture->hits, ==, 0);
}

static void
test_chunked_too_large (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/chunked-huge", NULL, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Testex"));
  g_assert_null (body);
  g_assert_cmpuint (fixture->hits, ==, 1);
}

static void
test_cancel_mid_request (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  /* The session's default timeout is 60 s: only cancelling can end this request. */
  wick_rest_client_get_async (client, "/stall", NULL, cancellable, on_got_cb, &result);
  while (fixture->hits == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);

  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  body = wick_rest_client_get_finish (client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->hits, ==, 1);
}

static void
test_cancel_backoff (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  /* Any wait would do: the cancel comes as soon as the wait is announced. */
  wick_rest_client_set_backoff (client, 60000, 60000, 5);
  fixture->failures_left = 10;
  fixture->cancel_on_status = g_cancellable_new ();

  body = get (client, "/flaky", NULL, fixture->cancel_on_status, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->hits, ==, 1);
  g_assert_cmpstr (fixture->statuses->pdata[fixture->statuses->len - 1], ==, "");
}

static void
test_cancel_rate_limit_wait (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  const char * const query[] = { "s", "100", NULL };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  /* A 100 s wait, cancelled while it runs. */
  fixture->cancel_in_wait = g_cancellable_new ();
  body = get (client, "/rate-long", query, fixture->cancel_in_wait, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->hits, ==, 1);
  g_assert_cmpuint (fixture->statuses->len, ==, 2);
  g_assert_cmpstr (fixture->statuses->pdata[0], ==, "Testex asks to wait 100 s (rate limit)");
  g_assert_cmpstr (fixture->statuses->pdata[1], ==, "");
}

static void
test_weight_limit_waits (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WickRestClient) client = new_client (fixture, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  wick_rest_client_set_weight_limit (client, 100);
  body = get (client, "/heavy", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_rest_client_get_used_weight (client), ==, 95);

  /* 95 of 100 used: the next request waits for the next minute, unsent. */
  g_clear_pointer (&body, g_bytes_unref);
  fixture->cancel_on_status = g_cancellable_new ();
  body = get (client, "/ok", NULL, fixture->cancel_on_status, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->hits, ==, 1);
  g_assert_true (g_str_has_prefix (fixture->statuses->pdata[0],
                                   "Testex is near its request limit, waiting "));
}

/* A raw HTTP server for answers SoupServer will not send: it reads the request head and
 * answers @data->response verbatim, then closes. Runs in a worker thread. */
typedef struct
{
  const char *response;
  guint       hits;      /* atomic */
  gint        stop;      /* atomic: set by the test when it is done */
  gint        running;   /* atomic: handlers still in their worker thread */
} RawServer;

static gboolean
on_raw_run_cb (GThreadedSocketService *service,
               GSocketConnection      *connection,
               GObject                *source,
               RawServer              *raw)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) head = g_string_new (NULL);
  char byte;

  while (!g_str_has_suffix (head->str, "\r\n\r\n") &&
         g_input_stream_read (in, &byte, 1, NULL, NULL) == 1)
    g_string_append_c (head, byte);

  g_atomic_int_inc (&raw->hits);
  g_output_stream_write_all (out, raw->response, strlen (raw->response), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static GSocketService *
raw_server_start (RawServer  *raw,
                  char      **url)
{
  GSocketService *service = g_threaded_socket_service_new (2);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_raw_run_cb), raw);
  g_socket_service_start (service);

  *url = g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return service;
}

static void
test_truncated_body (Fixture       *fixture,
                     gconstpointer  data)
{
  RawServer raw = {
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
    "Connection: close\r\n\r\n[[1,2],[3,",
    0
  };
  g_autofree char *url = NULL;
  g_autoptr(GSocketService) service = raw_server_start (&raw, &url);
  g_autoptr(WickRestClient) client = new_client (fixture, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/klines", NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_cmpstr (error->message, ==, "The answer from Testex was cut off before its end");
  g_assert_null (body);
  g_assert_cmpuint (g_atomic_int_get (&raw.hits), ==, 3);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_announced_too_large (Fixture       *fixture,
                          gconstpointer  data)
{
  RawServer raw = {
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40000000\r\n"
    "Connection: close\r\n\r\n[",
    0
  };
  g_autofree char *url = NULL;
  g_autoptr(GSocketService) service = raw_server_start (&raw, &url);
  g_autoptr(WickRestClient) client = new_client (fixture, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (client, "/klines", NULL, NULL, &error);
  g_assert_error (error, WICK_REST_ERROR, WICK_REST_ERROR_TOO_LARGE);
  /* g_format_size () puts a no-break space before the unit. */
  g_assert_nonnull (strstr (error->message, "is too large (40.0\u00a0MB, at most 33.6\u00a0MB)"));
  g_assert_cmpuint (g_atomic_int_get (&raw.hits), ==, 1);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

/* Answers a head, then one byte of body every 100 ms until the client goes away: never
 * silent long enough for the session's I/O timeout. */
static gboolean
on_trickle_run_cb (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source,
                   RawServer              *raw)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             "Content-Length: 1000\r\n\r\n";
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  char byte;

  while (!g_str_has_suffix (request->str, "\r\n\r\n") &&
         g_input_stream_read (in, &byte, 1, NULL, NULL) == 1)
    g_string_append_c (request, byte);

  g_atomic_int_inc (&raw->running);
  g_atomic_int_inc (&raw->hits);
  if (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL))
    for (guint i = 0; i < 300 && !g_atomic_int_get (&raw->stop); i++)
      {
        if (!g_output_stream_write_all (out, " ", 1, NULL, NULL, NULL) ||
            !g_output_stream_flush (out, NULL, NULL))
          break;
        g_usleep (100 * 1000);
      }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_atomic_int_dec_and_test (&raw->running);

  return TRUE;
}

/* A trickle keeps every read alive; the attempt's own deadline ends it, and it is retried. */
static void
test_trickle (Fixture       *fixture,
              gconstpointer  data)
{
  RawServer raw = { "", 0 };
  g_autofree char *url = NULL;
  g_autoptr(GSocketService) service = raw_server_start (&raw, &url);
  g_autoptr(WickRestClient) client = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_matched (service, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        on_raw_run_cb, NULL);
  g_signal_connect (service, "run", G_CALLBACK (on_trickle_run_cb), &raw);
  client = new_client (fixture, url);
  wick_rest_client_set_deadline (client, 600);

  body = get (client, "/klines", NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "Testex did not answer in time");
  g_assert_null (body);
  g_assert_cmpuint (g_atomic_int_get (&raw.hits), ==, 3);

  /* No worker thread may outlive @raw, nor still run when the process exits. */
  g_atomic_int_set (&raw.stop, TRUE);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  while (g_atomic_int_get (&raw.running) > 0)
    g_usleep (10 * 1000);
}

/* A certificate nobody vouches for is refused at once, with a message; nothing in the client
 * can be told to accept it. */
static void
test_self_signed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "self-signed.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(WickRestClient) client = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

#ifdef __SANITIZE_ADDRESS__
  /* LeakSanitizer's check at exit crashes (“Tracer caught signal 11”) once glib-networking's
   * TLS threads have run; the normal run covers this case. */
  g_test_skip ("TLS under AddressSanitizer: LeakSanitizer cannot stop glib-networking's threads");
  return;
#endif

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend: install glib-networking");
      return;
    }

  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_request_cb, fixture, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = new_client (fixture, url);
  body = get (client, "/ok", NULL, NULL, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_TLS_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "Testex: "));
  g_assert_cmpuint (fixture->hits, ==, 0);
  /* Not a network hiccup: no retries, no waiting. */
  g_assert_cmpuint (fixture->statuses->len, ==, 0);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  RawServer raw = { "", 0 };
  g_autofree char *url = NULL;
  g_autoptr(GSocketService) service = raw_server_start (&raw, &url);
  g_autoptr(WickRestClient) client = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  /* Take a free port, then close it: nobody listens there any more. */
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  client = new_client (fixture, url);

  body = get (client, "/ok", NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_true (g_str_has_prefix (error->message, "Could not connect to Testex: "));
  g_assert_true (g_str_has_prefix (fixture->statuses->pdata[0],
                                   "Connection to Testex failed, retrying in "));
  g_assert_cmpuint (fixture->statuses->len, ==, 4);
}

#define ADD(path, func) \
  g_test_add ("/wick/net/rest-client/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("ok-and-weight", test_ok_and_weight);
  ADD ("rate-limit-waits", test_rate_limit_waits);
  ADD ("rate-limit-too-long", test_rate_limit_too_long);
  ADD ("banned", test_banned);
  ADD ("server-error-retried", test_server_error_retried);
  ADD ("server-error-gives-up", test_server_error_gives_up);
  ADD ("timeout", test_timeout);
  ADD ("not-found", test_not_found);
  ADD ("exchange-error-body", test_exchange_error_body);
  ADD ("query-escaping", test_query_escaping);
  ADD ("invalid-url", test_invalid_url);
  ADD ("truncated-body", test_truncated_body);
  ADD ("announced-too-large", test_announced_too_large);
  ADD ("chunked-too-large", test_chunked_too_large);
  ADD ("connection-refused", test_connection_refused);
  ADD ("trickle", test_trickle);
  ADD ("self-signed", test_self_signed);
  ADD ("cancel-mid-request", test_cancel_mid_request);
  ADD ("cancel-backoff", test_cancel_backoff);
  ADD ("cancel-rate-limit-wait", test_cancel_rate_limit_wait);
  ADD ("weight-limit-waits", test_weight_limit_waits);

  return g_test_run ();
}
