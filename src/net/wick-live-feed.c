/* wick-live-feed.c: see wick-live-feed.h (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-live-feed.h"
