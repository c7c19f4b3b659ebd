/* wick-json-guard.h: what json-glib 1.6 gets wrong, checked before it sees the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every JSON reader of net/ checks the text with wick_json_guard_check () first:
 * - json-glib parses arrays and objects by recursion with no limit of its own: 100,000 '['
 *   overflow the stack and crash the process. The exchanges' bodies nest 4 deep and the levels
 *   file 5, so WICK_JSON_MAX_DEPTH leaves ample room while keeping the recursion (json-glib's,
 *   and the levels file's own printer) shallow even on a thread's stack.
 * - json-glib takes escapes that JSON does not have: octal ("\714" is the byte 0xCC), "\q",
 *   "\0", a \u escape of fewer than four hex digits ("\ud8"); and it turns a lone UTF-16
 *   surrogate ("\udc00" followed by anything but its pair) into bytes that are not UTF-8,
 *   which then end up in strings, messages and files.
 * - json-glib reads on after the first value: "[1] [2]", "1 [2]", "{…}{…}", "var a = [1];"
 *   and comments all load without an error, and several of these leak the nodes read; its
 *   scanner also takes 'single-quoted strings', which then split the text otherwise than
 *   JSON would. JSON is one value with white space around it (and, as json-glib allows, a
 *   byte order mark before it); anything else is refused.
 * - json-glib reads an integer literal that does not fit a gint64 without an error, wrapped
 *   (99999999999999999999 reads as -1, 2^64 + 1 as 1), and a number too large for a double
 *   as an infinity, which no JSON printer can write back.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WICK_JSON_MAX_DEPTH 64

/* The longest integer literal (without fraction or exponent) that surely fits a gint64. */
#define WICK_JSON_MAX_INT_DIGITS 18

typedef enum
{
  WICK_JSON_GUARD_OK,
  WICK_JSON_GUARD_TOO_DEEP,        /* more than WICK_JSON_MAX_DEPTH arrays and objects open */
  WICK_JSON_GUARD_BAD_ESCAPE,      /* an escape JSON does not have, or a \u escape that is
                                    * not a character */
  WICK_JSON_GUARD_NOT_ONE_VALUE,   /* something after the first value */
  WICK_JSON_GUARD_BAD_CHARACTER,   /* outside strings, a character JSON does not have */
  WICK_JSON_GUARD_LONG_INTEGER,    /* an integer of more than WICK_JSON_MAX_INT_DIGITS digits */
  WICK_JSON_GUARD_NOT_FINITE,      /* a number too large for a double */
} WickJsonGuardProblem;

WickJsonGuardProblem wick_json_guard_check (const char *data,
                                            gsize       length);

G_END_DECLS
