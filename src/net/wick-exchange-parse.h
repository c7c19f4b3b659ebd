/* wick-exchange-parse.h: errors shared by the exchange body parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* WICK_EXCHANGE_ERROR: the body could not be read as what was asked for. The message names the
 * element index (when there is one), the field and the problem. A parser that fails leaves its
 * output untouched, so a bad page is rejected whole.
 *
 * WICK_EXCHANGE_SERVER_ERROR: the exchange answered with its own error body. The GError code
 * is the exchange's code (Binance's negative integer, e.g. -1121, or OKX's string code read as
 * an integer, e.g. 51001) and the message is the exchange's `msg` text, unchanged.
 */
#define WICK_EXCHANGE_ERROR        (wick_exchange_error_quark ())
#define WICK_EXCHANGE_SERVER_ERROR (wick_exchange_server_error_quark ())

typedef enum
{
  WICK_EXCHANGE_ERROR_INVALID_JSON,  /* empty, not UTF-8, or not well-formed JSON */
  WICK_EXCHANGE_ERROR_BAD_SHAPE,     /* a member missing or of the wrong type */
  WICK_EXCHANGE_ERROR_BAD_VALUE,     /* a number that is unreadable, not finite or out of range */
  WICK_EXCHANGE_ERROR_BAD_CANDLE,    /* a candle that wick_candle_validate() refuses */
  WICK_EXCHANGE_ERROR_OUT_OF_ORDER,  /* times not in the order the exchange promises */
  WICK_EXCHANGE_ERROR_DUPLICATE,     /* two rows with the same time */
} WickExchangeError;

GQuark wick_exchange_error_quark        (void);
GQuark wick_exchange_server_error_quark (void);

G_END_DECLS
