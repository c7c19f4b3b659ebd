/* wick-live-stream.h: one websocket that stays connected: reconnects with backoff, resubscribes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After each connect the stream sends its subscribe text (when it has one) and emits
 * ::connected, with is_reconnect TRUE after the first time so the owner can backfill the gap.
 * Text and binary messages are emitted as ::message. A drop, an error frame or a message above
 * WICK_LIVE_MAX_MESSAGE closes the connection and reconnects after a capped exponential
 * backoff with full jitter (state RECONNECTING); the backoff resets after a minute connected.
 * Connections are renewed before Binance's 24 h limit. stop() closes and stays OFFLINE.
 *
 * Extensions to the first contract (used by the feed and the tests):
 * - ::disconnected (GError *reason) after every lost connection or failed attempt, before the
 *   reconnect is scheduled (not after stop()).
 * - A watchdog: libsoup pings every keepalive interval (default 20 s, set_keepalive) and a
 *   connection that hears nothing (no message, no pong) for three intervals is dropped as
 *   dead (G_IO_ERROR_TIMED_OUT), since libsoup 3.2 does not time out missing pongs itself.
 * - set_text_ping: for exchanges that want an application-level ping (OKX's "ping"/"pong"),
 *   sent every keepalive interval; replies equal to the pong text are swallowed.
 * - set_lifetime: renew after this many ms (default 23 h), for the tests.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define WICK_LIVE_MAX_MESSAGE (1024 * 1024)

typedef enum
{
  WICK_LIVE_STATE_OFFLINE,
  WICK_LIVE_STATE_CONNECTING,
  WICK_LIVE_STATE_CONNECTED,
  WICK_LIVE_STATE_RECONNECTING,
} WickLiveState;

#define WICK_TYPE_LIVE_STATE (wick_live_state_get_type ())
#define WICK_TYPE_LIVE_STREAM (wick_live_stream_get_type ())

G_DECLARE_FINAL_TYPE (WickLiveStream, wick_live_stream, WICK, LIVE_STREAM, GObject)

GType           wick_live_state_get_type       (void) G_GNUC_CONST;
/* @subscribe_text: (nullable): sent after every connect */
WickLiveStream *wick_live_stream_new           (SoupSession    *session,
                                                const char     *url,
                                                const char     *subscribe_text);
/* Defaults: base 1 s, cap 60 s. */
void            wick_live_stream_set_backoff   (WickLiveStream *self,
                                                guint           base_ms,
                                                guint           cap_ms);
void            wick_live_stream_set_keepalive (WickLiveStream *self,
                                                guint           interval_seconds);
void            wick_live_stream_set_text_ping (WickLiveStream *self,
                                                const char     *ping_text,
                                                const char     *pong_text);
void            wick_live_stream_set_lifetime  (WickLiveStream *self,
                                                guint           lifetime_ms);
const char     *wick_live_stream_get_url       (WickLiveStream *self);
void            wick_live_stream_start         (WickLiveStream *self);
void            wick_live_stream_stop          (WickLiveStream *self);
WickLiveState   wick_live_stream_get_state     (WickLiveStream *self);

G_END_DECLS
