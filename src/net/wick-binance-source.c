/* wick-binance-source.c: see wick-binance-source.h (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-binance-source.h"
