/* wick-okx-source.c: see wick-okx-source.h (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-okx-source.h"
