/* wick-json-guard.c: what json-glib 1.6 gets wrong, checked before it sees the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-json"

#include "config.h"

#include "wick-json-guard.h"

#include <math.h>
#include <string.h>

/* The code unit of "\uXXXX" at @p (just after the backslash), or -1. */
static int
read_unicode_escape (const char *p,
                     const char *end)
{
  int value = 0;

  if (end - p < 5 || p[0] != 'u')
    return -1;

  for (int i = 1; i <= 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Steps over the string whose opening quote is just before @p; returns what follows it. */
static const char *
skip_string (const char            *p,
             const char            *end,
             WickJsonGuardProblem  *problem)
{
  while (p < end && *p != '"')
    {
      int unit;
      int next = -1;

      if (*p != '\\')
        {
          p++;
          continue;
        }

      unit = read_unicode_escape (p + 1, end);
      if (unit >= 0xD800 && unit <= 0xDBFF && end - p >= 12 && p[6] == '\\')
        next = read_unicode_escape (p + 7, end);

      if (next >= 0xDC00 && next <= 0xDFFF)
        p += 12;   /* a high and a low surrogate: one character */
      else if ((unit >= 0xD800 && unit <= 0xDFFF) ||
               (unit < 0 && (p + 1 == end || p[1] == '\0' ||
                             strchr ("\"\\/bfnrt", p[1]) == NULL)))
        {
          *problem = WICK_JSON_GUARD_BAD_ESCAPE;
          return end;
        }
      else
        p += MIN (2, end - p);   /* the escape takes the next byte with it */
    }

  return p < end ? p + 1 : end;
}

static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The end of a number or literal (true, 12.5e3, or garbage) that starts at @p. */
static const char *
skip_scalar (const char *p,
             const char *end)
{
  while (p < end && !is_json_space (*p) && strchr ("[]{},:\"", *p) == NULL)
    p++;

  return p;
}

/* What json-glib would make of the literal [@start, @stop): true, false, null or a number. */
static WickJsonGuardProblem
check_scalar (const char *start,
              const char *stop)
{
  g_autofree char *copy = NULL;
  char buf[64];
  const char *text;
  gsize n_digits = 0;
  gboolean is_integer = TRUE;
  gsize len = stop - start;

  /* json-glib's scanner also reads 'strings', comments and more, and on its own terms. */
  for (const char *p = start; p < stop; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '+' && *p != '-')
        return WICK_JSON_GUARD_BAD_CHARACTER;
    }

  /* true, false, null, -Infinity or a misspelling: the parser's business. */
  if (*start != '-' && !g_ascii_isdigit (*start))
    return WICK_JSON_GUARD_OK;

  for (const char *p = start; p < stop; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (*p == '.' || *p == 'e' || *p == 'E')
        is_integer = FALSE;
      else if (*p != '+' && *p != '-')
        return WICK_JSON_GUARD_OK;
    }

  if (is_integer)
    return n_digits > WICK_JSON_MAX_INT_DIGITS ? WICK_JSON_GUARD_LONG_INTEGER : WICK_JSON_GUARD_OK;

  if (len < sizeof buf)
    {
      memcpy (buf, start, len);
      buf[len] = '\0';
      text = buf;
    }
  else
    text = copy = g_strndup (start, len);

  return isfinite (g_ascii_strtod (text, NULL)) ? WICK_JSON_GUARD_OK : WICK_JSON_GUARD_NOT_FINITE;
}

/**
 * wick_json_guard_check:
 * @data: JSON text, well-formed or not
 * @length: its length in bytes
 *
 * One pass over @data: counts the open arrays and objects outside strings, looks at every
 * \u escape inside strings, at every character and number outside them and at what follows
 * the first value. Anything else wrong is left for the parser to report. Only a number of 64
 * bytes or more allocates.
 *
 * Returns: the first problem found, or %WICK_JSON_GUARD_OK
 */
WickJsonGuardProblem
wick_json_guard_check (const char *data,
                       gsize       length)
{
  WickJsonGuardProblem problem = WICK_JSON_GUARD_OK;
  const char *p = data;
  const char *end = data + length;
  gboolean seen_value = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, WICK_JSON_GUARD_OK);

  /* A byte order mark is not JSON, but json-glib skips it and so does a text editor. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end && problem == WICK_JSON_GUARD_OK)
    {
      const char *start = p;
      char c = *p++;

      if (is_json_space (c))
        continue;

      if (depth == 0)
        {
          if (seen_value)
            return WICK_JSON_GUARD_NOT_ONE_VALUE;

          /* A container is a whole value once its last bracket closes, below. */
          seen_value = c != '[' && c != '{';
        }

      if (c == '"')
        p = skip_string (p, end, &problem);
      else if (c == '[' || c == '{')
        {
          if (++depth > WICK_JSON_MAX_DEPTH)
            return WICK_JSON_GUARD_TOO_DEEP;
        }
      else if (c == ']' || c == '}')
        {
          if (depth > 0)
            seen_value = --depth == 0;
        }
      else if (c != ',' && c != ':')
        {
          p = skip_scalar (p, end);
          problem = check_scalar (start, p);
        }
    }

  return problem;
}
