/* wick-http-session.c: the one HTTP session the app talks to exchanges through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-net"

#include "config.h"

#include "wick-http-session.h"

/**
 * wick_http_session_new:
 *
 * Exchanges rate-limit by client, so every request says who we are; timeouts keep a
 * dead connection from holding a request forever.
 *
 * Returns: (transfer full): a new session
 */
SoupSession *
wick_http_session_new (void)
{
  return soup_session_new_with_options ("user-agent", "wick/" PACKAGE_VERSION,
                                        "timeout", WICK_HTTP_TIMEOUT_SECONDS,
                                        "idle-timeout", WICK_HTTP_TIMEOUT_SECONDS * 3,
                                        NULL);
}
