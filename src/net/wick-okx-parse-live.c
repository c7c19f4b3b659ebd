/* wick-okx-parse-live.c: OKX instrument and websocket candle bodies (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-okx-parse.h"
