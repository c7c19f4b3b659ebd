/* wick-candle-cache.c: see wick-candle-cache.h (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-candle-cache.h"
