/* wick-rest-client-private.h: what the REST client shares with its requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-rest-client.h"

G_BEGIN_DECLS

struct _WickRestClient
{
  GObject              parent_instance;

  SoupSession         *session;        /* Owned */
  char                *base_url;       /* Owned */
  GUri                *base_uri;       /* Owned, nullable: NULL when base_url is not usable */
  char                *name;           /* Owned, nullable: the host is used when NULL */
  WickErrorBodyParser  parse_error;    /* nullable */

  guint                base_ms;
  guint                cap_ms;
  guint                max_attempts;
  guint                max_wait_s;
  guint                deadline_ms;
  guint                weight_limit;

  guint                used_weight;
  gint64               weight_minute;  /* wall-clock minute of used_weight, -1 for none */
  gint64               paused_until;   /* monotonic µs: after a 429 every request waits */
  gint64               banned_until;   /* monotonic µs: after a 418 every request fails */
};

/* wick-rest-client.c */
const char *_wick_rest_client_get_display_name (WickRestClient *self);
void        _wick_rest_client_emit_status      (WickRestClient *self,
                                                const char     *message);

/* wick-rest-request.c: runs the GET of @uri (taken) under the client's policy and completes
 * @task (taken; its source object is the client) with the body as a #GBytes or an error. */
void        _wick_rest_request_run             (GTask          *task,
                                                GUri           *uri);

G_END_DECLS
