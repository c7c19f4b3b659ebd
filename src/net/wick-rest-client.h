/* wick-rest-client.h: GET requests to one exchange host that survive rate limits and flaky networks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Policy, the same for every caller of a client:
 * - 2xx: the body is returned as it came (at most WICK_REST_MAX_BODY bytes; more is refused
 *   with WICK_REST_ERROR_TOO_LARGE without reading it all into memory).
 * - 429: wait `Retry-After` seconds (default 60 when absent) and try again, as long as the wait
 *   is at most the client's max wait; every request of this client waits too. Otherwise fail
 *   with WICK_REST_ERROR_RATE_LIMITED.
 * - 418: the IP is banned: fail with WICK_REST_ERROR_BANNED, and fail every request of this
 *   client at once, without a request, until `Retry-After` has passed. Never retried early.
 * - 5xx and transport errors (refused, reset, timed out, truncated body): retry after a capped
 *   exponential backoff with full jitter, up to the attempt limit, then fail with the last error.
 *   A 5xx fails as WICK_REST_ERROR_HTTP, with the exchange's message in place of the reason
 *   phrase when its body has one (“Binance answered HTTP 503 (Service unavailable.)”).
 * - Other 4xx: fail at once with the exchange's own error body when the parser reads one
 *   (WICK_EXCHANGE_SERVER_ERROR, message unchanged, e.g. “Invalid symbol.”), else
 *   WICK_REST_ERROR_HTTP naming the status and host.
 * - Binance's `X-MBX-USED-WEIGHT-1M` header is tracked; above 90 % of the weight limit new
 *   requests wait for the next minute.
 * - Each attempt has an overall deadline (60 s by default): a server that trickles its answer
 *   a byte at a time keeps libsoup's I/O timeout from ever firing, so the attempt is abandoned
 *   as G_IO_ERROR_TIMED_OUT and retried like any transport error.
 * - Cancelling the GCancellable ends the request, or its wait, with G_IO_ERROR_CANCELLED at once.
 *
 * A body cut short (fewer bytes than Content-Length) fails the attempt with
 * G_IO_ERROR_PARTIAL_INPUT and is retried like any transport error.
 *
 * While it waits, the client emits ::status with a translated sentence saying why and for how
 * long, and ::status with NULL when it goes on.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define WICK_REST_MAX_BODY (32 * 1024 * 1024)

#define WICK_REST_ERROR (wick_rest_error_quark ())

typedef enum
{
  WICK_REST_ERROR_HTTP,           /* an HTTP status without an exchange error body */
  WICK_REST_ERROR_RATE_LIMITED,   /* 429 with a wait longer than the client accepts */
  WICK_REST_ERROR_BANNED,         /* 418, or a request during the ban */
  WICK_REST_ERROR_TOO_LARGE,      /* body above WICK_REST_MAX_BODY */
  WICK_REST_ERROR_INVALID_URL,
} WickRestError;

/* Reads an exchange's error body; returns NULL when @data is not one. Only an error in the
 * WICK_EXCHANGE_SERVER_ERROR domain counts as an error body; any other error is dropped, so a
 * parser such as wick_binance_parse_error() that explains why a body is not one fits too. */
typedef GError *(*WickErrorBodyParser) (const char *data,
                                        gsize       length);

#define WICK_TYPE_REST_CLIENT (wick_rest_client_get_type ())

G_DECLARE_FINAL_TYPE (WickRestClient, wick_rest_client, WICK, REST_CLIENT, GObject)

GQuark          wick_rest_error_quark            (void);
WickRestClient *wick_rest_client_new             (SoupSession          *session,
                                                  const char           *base_url,
                                                  WickErrorBodyParser   parse_error);
const char     *wick_rest_client_get_base_url    (WickRestClient       *self);
/* The name in status and error sentences (“Binance asks to wait 30 s”); the host when unset. */
void            wick_rest_client_set_name        (WickRestClient       *self,
                                                  const char           *name);
const char     *wick_rest_client_get_name        (WickRestClient       *self);
/* Defaults: base 500 ms, cap 30 s, 5 attempts, max wait 120 s, weight limit 0 (not tracked). */
void            wick_rest_client_set_backoff     (WickRestClient       *self,
                                                  guint                 base_ms,
                                                  guint                 cap_ms,
                                                  guint                 max_attempts);
void            wick_rest_client_set_deadline    (WickRestClient       *self,
                                                  guint                 deadline_ms);
void            wick_rest_client_set_max_wait    (WickRestClient       *self,
                                                  guint                 max_wait_seconds);
void            wick_rest_client_set_weight_limit (WickRestClient      *self,
                                                  guint                 weight_per_minute);
guint           wick_rest_client_get_used_weight (WickRestClient       *self);
/* @query: name, value, name, value, …, NULL; values are escaped with GUri. */
void            wick_rest_client_get_async       (WickRestClient       *self,
                                                  const char           *path,
                                                  const char * const   *query,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes         *wick_rest_client_get_finish      (WickRestClient       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
