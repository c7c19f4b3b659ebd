/* wick-endpoints.h: where the exchange clients connect, overridable for tests and mirrors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Base URLs without a trailing slash. Each has a default, an environment variable that
 * overrides it, and a name for wick_endpoints_set() (the settings key holds name=URL pairs):
 *
 *   name              variable                   default
 *   binance           WICK_BINANCE_URL           https://api.binance.com          spot REST
 *   binance-futures   WICK_BINANCE_FUTURES_URL   https://fapi.binance.com         USD-M REST
 *   binance-ws        WICK_BINANCE_WS_URL        wss://stream.binance.com:9443    spot streams
 *   binance-futures-ws WICK_BINANCE_FUTURES_WS_URL wss://fstream.binance.com      USD-M streams
 *   okx               WICK_OKX_URL               https://www.okx.com              REST
 *   okx-ws            WICK_OKX_WS_URL            wss://ws.okx.com:8443            streams
 */
typedef struct
{
  char *binance;
  char *binance_futures;
  char *binance_ws;
  char *binance_futures_ws;
  char *okx;
  char *okx_ws;
} WickEndpoints;

#define WICK_ENDPOINTS_ERROR (wick_endpoints_error_quark ())

typedef enum
{
  WICK_ENDPOINTS_ERROR_UNKNOWN_NAME,
  WICK_ENDPOINTS_ERROR_INVALID_URL,   /* not absolute, a scheme other than http(s) or ws(s), a query */
} WickEndpointsError;

GQuark         wick_endpoints_error_quark (void);
WickEndpoints *wick_endpoints_new         (void);
WickEndpoints *wick_endpoints_copy        (const WickEndpoints  *self);
void           wick_endpoints_free        (WickEndpoints        *self);
gboolean       wick_endpoints_set         (WickEndpoints        *self,
                                           const char           *name,
                                           const char           *url,
                                           GError              **error);
void           wick_endpoints_apply_environment (WickEndpoints *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickEndpoints, wick_endpoints_free)

G_END_DECLS
