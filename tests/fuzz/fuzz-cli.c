/* fuzz-cli.c: the command line's --range, --size and --scale parsers on any text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wick-cli.h"
#include "wick-export.h"
#include "wick-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  wick_fuzz_init (WICK_FUZZ_FATAL);
  return 0;
}

/* The argument echoes back in the message as the user typed it, in any encoding. */
#define check_usage_error(error) \
  wick_fuzz_check ((error) != NULL && (error)->message != NULL && (error)->message[0] != '\0')

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A command-line argument ends at its first NUL. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) range_error = NULL;
  g_autoptr(GError) size_error = NULL;
  g_autoptr(GError) scale_error = NULL;
  gint64 from_ms = -1;
  gint64 to_ms = -1;
  int width = -1;
  int height = -1;
  double scale = -1.0;

  if (wick_cli_parse_range (text, &from_ms, &to_ms, &range_error))
    wick_fuzz_check (range_error == NULL && from_ms < to_ms);
  else
    check_usage_error (range_error);

  if (wick_export_parse_size (text, &width, &height, &size_error))
    {
      wick_fuzz_check (size_error == NULL);
      wick_fuzz_check (width >= 16 && width <= 16384 && height >= 16 && height <= 16384);
      wick_fuzz_check ((gint64) width * height <= 64 * 1024 * 1024);
    }
  else
    {
      check_usage_error (size_error);
      wick_fuzz_check (width == -1 && height == -1);
    }

  if (wick_export_parse_scale (text, &scale, &scale_error))
    wick_fuzz_check (scale_error == NULL && isfinite (scale) && scale >= 1.0 && scale <= 4.0);
  else
    {
      check_usage_error (scale_error);
      wick_fuzz_check (scale == -1.0);
    }

  return 0;
}
