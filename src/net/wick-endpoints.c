/* wick-endpoints.c: where the exchange clients connect, overridable for tests and mirrors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-net"

#include "config.h"

#include "wick-endpoints.h"

#include <glib/gi18n-lib.h>

#include <string.h>

G_DEFINE_QUARK (wick-endpoints-error-quark, wick_endpoints_error)

typedef struct
{
  const char *name;
  const char *variable;
  const char *fallback;
  gsize       offset;
  gboolean    is_websocket;
} Endpoint;

static const Endpoint endpoints[] = {
  { "binance", "WICK_BINANCE_URL", "https://api.binance.com",
    G_STRUCT_OFFSET (WickEndpoints, binance), FALSE },
  { "binance-futures", "WICK_BINANCE_FUTURES_URL", "https://fapi.binance.com",
    G_STRUCT_OFFSET (WickEndpoints, binance_futures), FALSE },
  { "binance-ws", "WICK_BINANCE_WS_URL", "wss://stream.binance.com:9443",
    G_STRUCT_OFFSET (WickEndpoints, binance_ws), TRUE },
  { "binance-futures-ws", "WICK_BINANCE_FUTURES_WS_URL", "wss://fstream.binance.com",
    G_STRUCT_OFFSET (WickEndpoints, binance_futures_ws), TRUE },
  { "okx", "WICK_OKX_URL", "https://www.okx.com",
    G_STRUCT_OFFSET (WickEndpoints, okx), FALSE },
  { "okx-ws", "WICK_OKX_WS_URL", "wss://ws.okx.com:8443",
    G_STRUCT_OFFSET (WickEndpoints, okx_ws), TRUE },
};

static char **
endpoint_slot (WickEndpoints  *self,
               const Endpoint *endpoint)
{
  return G_STRUCT_MEMBER_P (self, endpoint->offset);
}

/**
 * wick_endpoints_new:
 *
 * Returns: (transfer full): the exchanges' public addresses, with the environment's
 *   overrides applied
 */
WickEndpoints *
wick_endpoints_new (void)
{
  WickEndpoints *self = g_new0 (WickEndpoints, 1);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    *endpoint_slot (self, &endpoints[i]) = g_strdup (endpoints[i].fallback);

  wick_endpoints_apply_environment (self);

  return self;
}

WickEndpoints *
wick_endpoints_copy (const WickEndpoints *self)
{
  WickEndpoints *copy = g_new0 (WickEndpoints, 1);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    *endpoint_slot (copy, &endpoints[i]) =
      g_strdup (*endpoint_slot ((WickEndpoints *) self, &endpoints[i]));

  return copy;
}

void
wick_endpoints_free (WickEndpoints *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    g_free (*endpoint_slot (self, &endpoints[i]));

  g_free (self);
}

static gboolean
check_url (const Endpoint  *endpoint,
           const char      *url,
           GError         **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  gboolean scheme_ok;

  if (endpoint->is_websocket)
    scheme_ok = scheme != NULL && (g_str_equal (scheme, "ws") || g_str_equal (scheme, "wss"));
  else
    scheme_ok = scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"));

  if (!scheme_ok || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, WICK_ENDPOINTS_ERROR, WICK_ENDPOINTS_ERROR_INVALID_URL,
                   endpoint->is_websocket
                     ? _("“%s” is not a valid address for %s: use ws:// or wss:// and a host")
                     : _("“%s” is not a valid address for %s: use http:// or https:// and a host"),
                   url, endpoint->name);
      return FALSE;
    }

  return TRUE;
}

/**
 * wick_endpoints_set:
 * @name: “binance”, “binance-futures”, “binance-ws”, “binance-futures-ws”, “okx” or “okx-ws”
 * @url: an absolute http(s) or ws(s) URL without query; a trailing slash is dropped
 *
 * Returns: %TRUE when @url replaced the address; %FALSE with @error, and nothing changed
 */
gboolean
wick_endpoints_set (WickEndpoints  *self,
                    const char     *name,
                    const char     *url,
                    GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      char **slot = endpoint_slot (self, &endpoints[i]);
      char *trimmed;
      gsize length;

      if (!g_str_equal (name, endpoints[i].name))
        continue;

      if (!check_url (&endpoints[i], url, error))
        return FALSE;

      trimmed = g_strdup (url);
      length = strlen (trimmed);
      while (length > 0 && trimmed[length - 1] == '/')
        trimmed[--length] = '\0';

      g_free (*slot);
      *slot = trimmed;
      return TRUE;
    }

  g_set_error (error, WICK_ENDPOINTS_ERROR, WICK_ENDPOINTS_ERROR_UNKNOWN_NAME,
               _("Unknown exchange address “%s”"), name);
  return FALSE;
}

/**
 * wick_endpoints_apply_environment:
 *
 * Applies WICK_BINANCE_URL and its siblings. A variable that does not hold a valid address is
 * reported on stderr and ignored, so a typo never sends requests somewhere unexpected.
 */
void
wick_endpoints_apply_environment (WickEndpoints *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      const char *value = g_getenv (endpoints[i].variable);
      g_autoptr(GError) error = NULL;

      if (value == NULL || *value == '\0')
        continue;

      if (!wick_endpoints_set (self, endpoints[i].name, value, &error))
        g_printerr ("wick: %s=%s ignored: %s\n", endpoints[i].variable, value, error->message);
    }
}
