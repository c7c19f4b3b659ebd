/* wick-rest-client.c: GET requests to one exchange host that survive rate limits and flaky networks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-rest-client"

#include "config.h"

#include "wick-rest-client-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

enum {
  STATUS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WickRestClient, wick_rest_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (wick-rest-error-quark, wick_rest_error)

const char *
_wick_rest_client_get_display_name (WickRestClient *self)
{
  if (self->name != NULL)
    return self->name;
  if (self->base_uri != NULL)
    return g_uri_get_host (self->base_uri);
  return self->base_url;
}

void
_wick_rest_client_emit_status (WickRestClient *self,
                               const char     *message)
{
  g_signal_emit (self, signals[STATUS], 0, message);
}

/* Names and values alternate, so a %NULL name ends the list and a %NULL value is a mistake. */
static gboolean
query_is_paired (const char * const *query)
{
  for (guint i = 0; query != NULL && query[i] != NULL; i += 2)
    {
      if (query[i + 1] == NULL)
        return FALSE;
    }

  return TRUE;
}

static GUri *
build_uri (WickRestClient      *self,
           const char          *path,
           const char * const  *query,
           GError             **error)
{
  g_autoptr(GString) encoded = g_string_new (NULL);
  g_autofree char *full_path = NULL;
  const char *base_path;
  gsize base_len;

  if (self->base_uri == NULL)
    {
      g_set_error (error, WICK_REST_ERROR, WICK_REST_ERROR_INVALID_URL,
                   _("“%s” is not an http or https address"), self->base_url);
      return NULL;
    }

  if (path == NULL || path[0] != '/')
    {
      g_set_error (error, WICK_REST_ERROR, WICK_REST_ERROR_INVALID_URL,
                   _("“%s” is not a path on %s"), path ? path : "",
                   _wick_rest_client_get_display_name (self));
      return NULL;
    }

  /* A base URL may carry a path of its own (a mirror under a prefix). */
  base_path = g_uri_get_path (self->base_uri);
  base_len = strlen (base_path);
  while (base_len > 0 && base_path[base_len - 1] == '/')
    base_len--;
  full_path = g_strdup_printf ("%.*s%s", (int) base_len, base_path, path);

  for (guint i = 0; query != NULL && query[i] != NULL; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (query[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (query[i + 1], NULL, FALSE);

      g_string_append_printf (encoded, "%s%s=%s", i > 0 ? "&" : "", name, value);
    }

  return g_uri_build (G_URI_FLAGS_ENCODED,
                      g_uri_get_scheme (self->base_uri), NULL,
                      g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                      full_path, encoded->len > 0 ? encoded->str : NULL, NULL);
}

static void
wick_rest_client_finalize (GObject *object)
{
  WickRestClient *self = (WickRestClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (wick_rest_client_parent_class)->finalize (object);
}

static void
wick_rest_client_class_init (WickRestClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_rest_client_finalize;

  /**
   * WickRestClient::status:
   * @message: (nullable): why requests wait and for how long, translated; %NULL once they
   *   go on
   */
  signals[STATUS] =
    g_signal_new ("status",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
wick_rest_client_init (WickRestClient *self)
{
  self->base_ms = 500;
  self->cap_ms = 30000;
  self->max_attempts = 5;
  self->max_wait_s = 120;
  self->deadline_ms = 60000;
  self->weight_minute = -1;
}

/**
 * wick_rest_client_new:
 * @session: the session requests go through
 * @base_url: the exchange's base URL, such as “https://api.binance.com”
 * @parse_error: (nullable): reads the exchange's error body of a failed request
 *
 * Returns: (transfer full): a new client; requests fail with %WICK_REST_ERROR_INVALID_URL
 *   when @base_url is not an http or https URL
 */
WickRestClient *
wick_rest_client_new (SoupSession         *session,
                      const char          *base_url,
                      WickErrorBodyParser  parse_error)
{
  WickRestClient *self;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (WICK_TYPE_REST_CLIENT, NULL);
  self->session = g_object_ref (session);
  self->base_url = g_strdup (base_url);
  self->parse_error = parse_error;

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_query (uri) == NULL &&
      (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 ||
       g_strcmp0 (g_uri_get_scheme (uri), "https") == 0))
    self->base_uri = g_steal_pointer (&uri);

  return self;
}

const char *
wick_rest_client_get_base_url (WickRestClient *self)
{
  g_return_val_if_fail (WICK_IS_REST_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * wick_rest_client_set_name:
 * @self: a #WickRestClient
 * @name: (nullable): the exchange's name for sentences (“Binance”), or %NULL for the host
 */
void
wick_rest_client_set_name (WickRestClient *self,
                           const char     *name)
{
  g_return_if_fail (WICK_IS_REST_CLIENT (self));

  g_free (self->name);
  self->name = g_strdup (name);
}

const char *
wick_rest_client_get_name (WickRestClient *self)
{
  g_return_val_if_fail (WICK_IS_REST_CLIENT (self), NULL);

  return _wick_rest_client_get_display_name (self);
}

/**
 * wick_rest_client_set_backoff:
 * @self: a #WickRestClient
 * @base_ms: the first retry waits up to this long; each further retry doubles it
 * @cap_ms: the longest wait between retries
 * @max_attempts: attempts in all, the first included (at least 1)
 */
void
wick_rest_client_set_backoff (WickRestClient *self,
                              guint           base_ms,
                              guint           cap_ms,
                              guint           max_attempts)
{
  g_return_if_fail (WICK_IS_REST_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->base_ms = base_ms;
  self->cap_ms = cap_ms;
  self->max_attempts = max_attempts;
}

/**
 * wick_rest_client_set_deadline:
 * @self: a #WickRestClient
 * @deadline_ms: the longest one attempt may take, from sending to the last byte, above zero
 */
void
wick_rest_client_set_deadline (WickRestClient *self,
                               guint           deadline_ms)
{
  g_return_if_fail (WICK_IS_REST_CLIENT (self));
  g_return_if_fail (deadline_ms > 0);

  self->deadline_ms = deadline_ms;
}

/**
 * wick_rest_client_set_max_wait:
 * @self: a #WickRestClient
 * @max_wait_seconds: the longest `Retry-After` of a 429 the client waits out
 */
void
wick_rest_client_set_max_wait (WickRestClient *self,
                               guint           max_wait_seconds)
{
  g_return_if_fail (WICK_IS_REST_CLIENT (self));

  self->max_wait_s = max_wait_seconds;
}

/**
 * wick_rest_client_set_weight_limit:
 * @self: a #WickRestClient
 * @weight_per_minute: the exchange's request weight per minute, or 0 to not track it
 */
void
wick_rest_client_set_weight_limit (WickRestClient *self,
                                   guint           weight_per_minute)
{
  g_return_if_fail (WICK_IS_REST_CLIENT (self));

  self->weight_limit = weight_per_minute;
}

/**
 * wick_rest_client_get_used_weight:
 * @self: a #WickRestClient
 *
 * Returns: the weight the last answer reported as used in its minute (`X-MBX-USED-WEIGHT-1M`)
 */
guint
wick_rest_client_get_used_weight (WickRestClient *self)
{
  g_return_val_if_fail (WICK_IS_REST_CLIENT (self), 0);

  return self->used_weight;
}

/**
 * wick_rest_client_get_async:
 * @self: a #WickRestClient
 * @path: the path below the base URL, starting with “/”
 * @query: (nullable) (array zero-terminated=1): name, value, name, value, …, %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * GETs @path under the policy described in wick-rest-client.h.
 */
void
wick_rest_client_get_async (WickRestClient      *self,
                            const char          *path,
                            const char * const  *query,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GUri *uri;

  g_return_if_fail (WICK_IS_REST_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (query_is_paired (query));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wick_rest_client_get_async);

  if ((uri = build_uri (self, path, query, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _wick_rest_request_run (g_steal_pointer (&task), uri);
}

/**
 * wick_rest_client_get_finish:
 * @self: a #WickRestClient
 * @result: the result passed to the callback
 * @error: return location for a #WickRestError, a %WICK_EXCHANGE_SERVER_ERROR, a #GIOErrorEnum …
 *
 * Returns: (transfer full): the body of the 2xx answer, or %NULL on error
 */
GBytes *
wick_rest_client_get_finish (WickRestClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (WICK_IS_REST_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wick_rest_client_get_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
