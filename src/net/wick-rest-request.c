/* wick-rest-request.c: one GET of the REST client, through waits, retries and body limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy is described in wick-rest-client.h. Each request is a GTask whose source object
 * is the client; waits are sources on the task's main context, so everything runs on the
 * context of the caller of wick_rest_client_get_async ().
 */

#define G_LOG_DOMAIN "wick-rest-client"

#include "config.h"

#include "wick-rest-client-private.h"

#include "wick-exchange-parse.h"

#include <glib/gi18n-lib.h>

#define READ_CHUNK_SIZE        (64 * 1024)
#define DEFAULT_RETRY_AFTER_S  60
#define DEFAULT_BAN_S          120
#define WEIGHT_HEADER          "X-MBX-USED-WEIGHT-1M"
#define USEC_PER_MSEC          1000
/* libsoup 3.2 names neither status; Binance uses 418 for an IP ban. */
#define HTTP_TOO_MANY_REQUESTS 429
#define HTTP_BANNED            418

typedef struct
{
  GUri         *uri;          /* Owned */
  SoupMessage  *message;      /* Owned, nullable: the attempt in flight */
  GInputStream *stream;       /* Owned, nullable */
  GByteArray   *body;         /* Owned, nullable */
  goffset       body_length;  /* as announced by Content-Length, or -1 */
  GError       *last_error;   /* Owned, nullable: why the last attempt failed */
  GSource      *timer;        /* Owned, nullable: the wait in progress */
  GSource      *cancel;       /* Owned, nullable: ends the wait when cancelled */
  GCancellable *attempt_cancellable; /* Owned, nullable: the attempt in flight */
  gulong        attempt_handler;     /* links the task's cancellable to it */
  GSource      *deadline;     /* Owned, nullable: abandons the attempt when it takes too long */
  gboolean      timed_out;
  guint         attempt;      /* attempts sent so far */
} Request;

static void request_start (GTask *task);

static void
clear_wait (Request *request)
{
  if (request->timer != NULL)
    g_source_destroy (request->timer);
  if (request->cancel != NULL)
    g_source_destroy (request->cancel);
  g_clear_pointer (&request->timer, g_source_unref);
  g_clear_pointer (&request->cancel, g_source_unref);
}

/* Ends what belongs to one attempt: its deadline and its link to the task's cancellable. */
static void
clear_attempt (Request *request,
               GTask   *task)
{
  if (request->deadline != NULL)
    g_source_destroy (request->deadline);
  g_clear_pointer (&request->deadline, g_source_unref);

  if (request->attempt_handler != 0 && task != NULL && g_task_get_cancellable (task) != NULL)
    g_cancellable_disconnect (g_task_get_cancellable (task), request->attempt_handler);
  request->attempt_handler = 0;
  g_clear_object (&request->attempt_cancellable);
}

static void
request_free (Request *request)
{
  g_assert (request->attempt_handler == 0);
  clear_attempt (request, NULL);
  clear_wait (request);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_error (&request->last_error);
  g_free (request);
}

/* “2 s”, or “0.5 s” for waits under ten seconds that are not whole. */
static char *
format_delay (guint64 delay_ms)
{
  /* Rounded up, so a short wait never reads as “0.0 s”. */
  if (delay_ms < 10000 && delay_ms % 1000 != 0)
    /* Translators: a wait in seconds with one decimal */
    return g_strdup_printf (_("%.1f s"), MAX ((delay_ms + 99) / 100, 1) / 10.0);

  /* Translators: a wait in whole seconds */
  return g_strdup_printf (_("%u s"), (guint) ((delay_ms + 500) / 1000));
}

/* Seconds from `Retry-After` (delta-seconds or an HTTP date), or @fallback. */
static guint
parse_retry_after (SoupMessage *message,
                   guint        fallback)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return fallback;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return (guint) seconds;

  if ((date = soup_date_time_new_from_http_string (value)) != NULL)
    {
      gint64 delta = g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC;

      return (guint) CLAMP (delta, 0, G_MAXUINT);
    }

  return fallback;
}

static void
read_weight (WickRestClient *self,
             SoupMessage    *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *value = soup_message_headers_get_one (headers, WEIGHT_HEADER);
  guint64 weight;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &weight, NULL))
    return;

  self->used_weight = (guint) weight;
  self->weight_minute = g_get_real_time () / (60 * G_USEC_PER_SEC);
}

/* Ends the task at once with @error (taken). */
static void
request_fail (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  clear_wait (request);
  clear_attempt (request, task);
  g_task_return_error (task, error);
}

static gboolean
on_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  clear_wait (request);
  _wick_rest_client_emit_status (g_task_get_source_object (task), NULL);
  request_start (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;

  _wick_rest_client_emit_status (g_task_get_source_object (task), NULL);
  request_fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("Operation was cancelled")));

  return G_SOURCE_REMOVE;
}

/* Waits @delay_ms on the task's main context, saying why with @sentence, then starts the
 * request again. Cancelling ends the wait at once. Each source holds a task reference. */
static void
request_wait (GTask      *task,
              guint64     delay_ms,
              const char *sentence)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  g_assert (request->timer == NULL && request->cancel == NULL);

  _wick_rest_client_emit_status (g_task_get_source_object (task), sentence);

  request->timer = g_timeout_source_new ((guint) MIN (delay_ms, G_MAXUINT));
  g_source_set_name (request->timer, "[wick] rest client wait");
  g_source_set_callback (request->timer, on_wait_done_cb, g_object_ref (task), g_object_unref);
  g_source_attach (request->timer, context);

  if (cancellable != NULL)
    {
      request->cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->cancel, G_SOURCE_FUNC (on_wait_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (request->cancel, context);
    }
}

/* Full jitter: a uniform wait in [0, min (cap, base · 2^(attempt − 1))]. */
static guint64
backoff_delay_ms (WickRestClient *self,
                  guint           attempt)
{
  guint shift = MIN (attempt > 0 ? attempt - 1 : 0, 32);
  guint64 ceiling = MIN ((guint64) self->base_ms << shift, (guint64) self->cap_ms);

  return MIN ((guint64) (g_random_double () * (ceiling + 1)), ceiling);
}

/* Keeps @error (taken) as the reason and retries after a backoff, or fails with it when the
 * attempts are used up. @format names the client, then the wait. */
static void
request_retry (GTask      *task,
               GError     *error,
               const char *format)
{
  WickRestClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *delay = NULL;
  g_autofree char *sentence = NULL;
  guint64 delay_ms;

  g_clear_error (&request->last_error);
  request->last_error = error;

  if (request->attempt >= self->max_attempts)
    {
      request_fail (task, g_steal_pointer (&request->last_error));
      return;
    }

  delay_ms = backoff_delay_ms (self, request->attempt);
  delay = format_delay (delay_ms);
  sentence = g_strdup_printf (format, _wick_rest_client_get_display_name (self), delay);
  g_debug ("%s: %s", request->last_error->message, sentence);
  request_wait (task, delay_ms, sentence);
}

static gboolean
is_transient (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED &&
           error->code != G_IO_ERROR_NOT_SUPPORTED &&
           error->code != G_IO_ERROR_INVALID_ARGUMENT;

  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
         g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING);
}

/* A transport error: the request never got a whole answer. */
static void
request_transport_failed (GTask  *task,
                          GError *error)
{
  WickRestClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  const char *name = _wick_rest_client_get_display_name (self);

  /* The deadline cancelled the attempt, not the caller. */
  if (request->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "deadline");
    }
  clear_attempt (request, task);

  if (!is_transient (error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, "%s: ", name);
      request_fail (task, error);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("%s did not answer in time"), name);
      /* Translators: the exchange, then a wait (“Binance did not answer, retrying in 2 s”) */
      request_retry (task, error, _("%s did not answer, retrying in %s"));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                           _("The answer from %s was cut off before its end"), name);
      /* Translators: the exchange, then a wait */
      request_retry (task, error, _("The answer from %s was cut off, retrying in %s"));
    }
  else
    {
      g_prefix_error (&error, _("Could not connect to %s: "), name);
      /* Translators: the exchange, then a wait (“Connection to Binance failed, retrying in 2 s”) */
      request_retry (task, error, _("Connection to %s failed, retrying in %s"));
    }
}

/* The exchange's own error body, or an HTTP error naming the status and host. */
static GError *
dup_http_error (WickRestClient *self,
                Request        *request,
                guint           status)
{
  const char *reason = soup_message_get_reason_phrase (request->message);
  g_autoptr(GError) parsed = NULL;

  if (self->parse_error != NULL && request->body != NULL)
    parsed = self->parse_error ((const char *) request->body->data, request->body->len);

  if (parsed != NULL && parsed->domain == WICK_EXCHANGE_SERVER_ERROR)
    {
      /* A 4xx is the exchange refusing the request: its own error. A 5xx is the exchange
       * failing, whatever its body says: an HTTP error, so a cache may stand in. */
      if (!SOUP_STATUS_IS_SERVER_ERROR (status))
        return g_steal_pointer (&parsed);
      reason = parsed->message;
    }

  if (reason == NULL || reason[0] == '\0')
    reason = soup_status_get_phrase (status);

  /* Translators: the exchange or host, the HTTP status code and its reason (“Not Found”) */
  return g_error_new (WICK_REST_ERROR, WICK_REST_ERROR_HTTP, _("%s answered HTTP %u (%s)"),
                      _wick_rest_client_get_display_name (self), status,
                      reason != NULL ? reason : "");
}

static void
request_answered (GTask *task)
{
  WickRestClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  const char *name = _wick_rest_client_get_display_name (self);

  clear_attempt (request, task);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&request->body)),
                             (GDestroyNotify) g_bytes_unref);
    }
  else if (status == HTTP_TOO_MANY_REQUESTS)
    {
      guint wait_s = parse_retry_after (request->message, DEFAULT_RETRY_AFTER_S);

      self->paused_until = MAX (self->paused_until,
                                g_get_monotonic_time () + (gint64) wait_s * G_USEC_PER_SEC);

      if (wait_s > self->max_wait_s || request->attempt >= self->max_attempts)
        request_fail (task, g_error_new (WICK_REST_ERROR, WICK_REST_ERROR_RATE_LIMITED,
                                         /* Translators: the exchange, then seconds */
                                         _("%s asks to wait %u s (rate limit); try again later"),
                                         name, wait_s));
      else
        request_start (task);
    }
  else if (status == HTTP_BANNED)
    {
      guint ban_s = parse_retry_after (request->message, DEFAULT_BAN_S);

      self->banned_until = MAX (self->banned_until,
                                g_get_monotonic_time () + (gint64) ban_s * G_USEC_PER_SEC);
      request_fail (task, g_error_new (WICK_REST_ERROR, WICK_REST_ERROR_BANNED,
                                       /* Translators: the exchange, then seconds */
                                       _("%s has banned this address for %u s after too many "
                                         "requests"),
                                       name, ban_s));
    }
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      /* Translators: the exchange, then a wait (“Binance has a server error, retrying in 2 s”) */
      request_retry (task, dup_http_error (self, request, status),
                     _("%s has a server error, retrying in %s"));
    }
  else
    {
      request_fail (task, dup_http_error (self, request, status));
    }
}

static void on_read_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

/* Takes @task. */
static void
read_next_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->attempt_cancellable, on_read_cb, task);
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WickRestClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      g_clear_object (&request->stream);
      request_transport_failed (task, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_clear_object (&request->stream);

      /* libsoup 3.2 ends a body cut short by a closed connection without an error. */
      if (request->body_length >= 0 && request->body->len < request->body_length)
        request_transport_failed (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                                             "Connection terminated unexpectedly"));
      else
        request_answered (task);
      return;
    }

  if (request->body->len + g_bytes_get_size (bytes) > WICK_REST_MAX_BODY)
    {
      g_autofree char *limit = g_format_size (WICK_REST_MAX_BODY);

      g_clear_object (&request->stream);
      request_fail (task, g_error_new (WICK_REST_ERROR, WICK_REST_ERROR_TOO_LARGE,
                                       _("The answer from %s is larger than %s"),
                                       _wick_rest_client_get_display_name (self), limit));
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  read_next_chunk (g_steal_pointer (&task));
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WickRestClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      request_transport_failed (task, error);
      return;
    }

  read_weight (self, request->message);

  /* Refuse a body that announces itself as too large before reading any of it. */
  headers = soup_message_get_response_headers (request->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > WICK_REST_MAX_BODY)
    {
      g_autofree char *size = g_format_size (soup_message_headers_get_content_length (headers));
      g_autofree char *limit = g_format_size (WICK_REST_MAX_BODY);

      g_clear_object (&request->stream);
      request_fail (task, g_error_new (WICK_REST_ERROR, WICK_REST_ERROR_TOO_LARGE,
                                       /* Translators: the exchange, a size, the largest size */
                                       _("The answer from %s is too large (%s, at most %s)"),
                                       _wick_rest_client_get_display_name (self), size, limit));
      return;
    }

  /* A decoded (gzip) body has another length than the one announced. */
  request->body_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    request->body_length = soup_message_headers_get_content_length (headers);

  g_clear_pointer (&request->body, g_byte_array_unref);
  request->body = g_byte_array_new ();
  read_next_chunk (g_steal_pointer (&task));
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_cancellable_cancel (request->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
cancel_attempt_cb (GCancellable *cancellable,
                   GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

/* Gives the attempt its own cancellable, cancelled by the caller's or by the deadline. */
static void
start_deadline (GTask *task)
{
  WickRestClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  clear_attempt (request, task);
  request->timed_out = FALSE;
  request->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    request->attempt_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_attempt_cb),
                                                      g_object_ref (request->attempt_cancellable),
                                                      g_object_unref);

  request->deadline = g_timeout_source_new (self->deadline_ms);
  g_source_set_name (request->deadline, "[wick] rest client deadline");
  g_source_set_callback (request->deadline, on_deadline_cb, request, NULL);
  g_source_attach (request->deadline, g_task_get_context (task));
}

/* Starts an attempt, unless the client is banned or must wait first. */
static void
request_start (GTask *task)
{
  WickRestClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  const char *name = _wick_rest_client_get_display_name (self);
  gint64 now = g_get_monotonic_time ();

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->banned_until > now)
    {
      guint left_s = (guint) ((self->banned_until - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

      request_fail (task, g_error_new (WICK_REST_ERROR, WICK_REST_ERROR_BANNED,
                                       /* Translators: the exchange, then seconds */
                                       _("%s has banned this address for another %u s"),
                                       name, left_s));
      return;
    }

  if (self->paused_until > now)
    {
      guint64 left_ms = (guint64) (self->paused_until - now + USEC_PER_MSEC - 1) / USEC_PER_MSEC;
      g_autofree char *sentence = NULL;

      if (left_ms > (guint64) self->max_wait_s * 1000)
        {
          request_fail (task, g_error_new (WICK_REST_ERROR, WICK_REST_ERROR_RATE_LIMITED,
                                           _("%s asks to wait %u s (rate limit); try again later"),
                                           name, (guint) ((left_ms + 999) / 1000)));
          return;
        }

      /* Translators: the exchange, then seconds (“Binance asks to wait 30 s (rate limit)”) */
      sentence = g_strdup_printf (_("%s asks to wait %u s (rate limit)"),
                                  name, (guint) ((left_ms + 999) / 1000));
      request_wait (task, left_ms, sentence);
      return;
    }

  if (self->weight_limit > 0 &&
      (guint64) self->used_weight * 10 >= (guint64) self->weight_limit * 9)
    {
      gint64 real_ms = g_get_real_time () / USEC_PER_MSEC;

      if (real_ms / 60000 == self->weight_minute)
        {
          guint64 left_ms = 60000 - (guint64) (real_ms % 60000) + 50;
          g_autofree char *delay = format_delay (left_ms);
          g_autofree char *sentence = NULL;

          /* Translators: the exchange, then a wait (“Binance is near its request limit, …”) */
          sentence = g_strdup_printf (_("%s is near its request limit, waiting %s"), name, delay);
          request_wait (task, left_ms, sentence);
          return;
        }
    }

  request->attempt++;
  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (SOUP_METHOD_GET, request->uri);
  start_deadline (task);
  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->attempt_cancellable, on_sent_cb, g_object_ref (task));
}

void
_wick_rest_request_run (GTask *task,
                        GUri  *uri)
{
  Request *request = g_new0 (Request, 1);

  request->uri = uri;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  request_start (task);
  g_object_unref (task);
}
