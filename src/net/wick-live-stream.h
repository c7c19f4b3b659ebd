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
void            wick_live_stream_start         (WickLiveStream *self);
void            wick_live_stream_stop          (WickLiveStream *self);
WickLiveState   wick_live_stream_get_state     (WickLiveStream *self);

G_END_DECLS
