/* wick-http-session.h: the one HTTP session the app talks to exchanges through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Seconds before an idle connection or a stalled request gives up. */
#define WICK_HTTP_TIMEOUT_SECONDS 20

SoupSession *wick_http_session_new (void);

G_END_DECLS
