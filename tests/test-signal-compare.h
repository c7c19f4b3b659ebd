/* test-signal-compare.h: two analyses' signals compared field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "wick-signals.h"

/* Asserts @a and @b are the same signal, to the bit: where, what, how strong and why. */
static inline void
test_assert_same_signal (const WickSignal *a,
                         const WickSignal *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpint (a->direction, ==, b->direction);
  g_assert_cmpuint (a->index, ==, b->index);
  g_assert_cmpuint (a->start_index, ==, b->start_index);
  g_assert_cmpuint (a->confirmed_index, ==, b->confirmed_index);
  g_assert_cmpfloat (a->price, ==, b->price);
  g_assert_true (a->level == b->level || (isnan (a->level) && isnan (b->level)));
  g_assert_cmpfloat (a->strength, ==, b->strength);
  g_assert_cmpint (a->pattern, ==, b->pattern);
  g_assert_cmpstr (a->explanation, ==, b->explanation);
}
