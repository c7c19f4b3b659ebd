/* wick-okx-source-private.h: the parts of the OKX source split over several files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-exchange-source-private.h"

G_BEGIN_DECLS

/* Candles a /market/candles page holds at most; the page size of the expected page count. */
#define WICK_OKX_CANDLES_LIMIT 300

/* The fetch_window hooks of the OKX source (wick-okx-candles.c). */
void     _wick_okx_fetch_window_async  (WickSource                *source,
                                        WickExchangeLoad          *load,
                                        const WickExchangeWindow  *window,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data);
gboolean _wick_okx_fetch_window_finish (WickSource                *source,
                                        GAsyncResult              *result,
                                        GError                   **error);

G_END_DECLS
