/* wick-live-stream.c: see wick-live-stream.h (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-live-stream.h"
