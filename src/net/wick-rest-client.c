/* wick-rest-client.c: see wick-rest-client.h (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-rest-client.h"
