/* wick-binance-source-private.h: the parts of the Binance source split over several files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-binance-source.h"
#include "wick-exchange-source-private.h"

G_BEGIN_DECLS

/* The fetch_window hooks of the spot and futures sources (wick-binance-klines.c). */
void     _wick_binance_fetch_window_async  (WickSource                *source,
                                            WickExchangeLoad          *load,
                                            const WickExchangeWindow  *window,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
gboolean _wick_binance_fetch_window_finish (WickSource                *source,
                                            GAsyncResult              *result,
                                            GError                   **error);

G_END_DECLS
