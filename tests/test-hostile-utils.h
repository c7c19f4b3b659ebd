/* test-hostile-utils.h: what the hostile-input tables share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case is hand-written text, in which a few markers stand for inputs too big to write out:
 *
 *   @10MB@   10 MiB of 'x' (a single huge string, field or label)
 *   @DEEP@   100,000 '[' (nesting that overflowed json-glib's stack)
 *   @DEEPO@  100,000 '{"a":' (the same with objects)
 *
 * Each table's test asserts that the parser fails with a message holding the case's
 * distinctive words, and that the output it was given (pre-filled) is exactly as it was.
 */

#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

#define HOSTILE_HUGE_LEN   (10 * 1024 * 1024)
#define HOSTILE_DEEP_COUNT 100000

/* A case's text with an explicit length, for text holding a NUL byte. */
#define HOSTILE_BYTES(text) (text), (sizeof (text) - 1)
/* A case's text up to its NUL. */
#define HOSTILE_TEXT(text)  (text), -1

/* @length: -1 for up to the NUL. Returns the text with the markers expanded. */
static inline GBytes *
hostile_expand (const char *text,
                gssize      length)
{
  static const struct
  {
    const char *marker;
    const char *unit;
    gsize       count;
  } markers[] = {
    { "@10MB@", "x", HOSTILE_HUGE_LEN },
    { "@DEEP@", "[", HOSTILE_DEEP_COUNT },
    { "@DEEPO@", "{\"a\":", HOSTILE_DEEP_COUNT },
  };
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  GString *out = g_string_sized_new (len);
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      gboolean expanded = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (markers) && !expanded; i++)
        {
          gsize marker_len = strlen (markers[i].marker);

          if ((gsize) (end - p) >= marker_len && memcmp (p, markers[i].marker, marker_len) == 0)
            {
              for (gsize n = 0; n < markers[i].count; n++)
                g_string_append (out, markers[i].unit);
              p += marker_len;
              expanded = TRUE;
            }
        }

      if (!expanded)
        g_string_append_c (out, *p++);
    }

  return g_string_free_to_bytes (out);
}

/* The message names the problem, can be shown as it is, and stays short. */
static inline void
hostile_assert_message (const GError *error,
                        const char   *needle)
{
  g_assert_nonnull (error);
  g_assert_cmpuint (strlen (error->message), <, 2048);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” is not in the message “%s”", needle, error->message);
}

G_END_DECLS
