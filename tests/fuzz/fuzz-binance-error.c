/* fuzz-binance-error.c: wick_binance_parse_error () on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-binance-parse.h"
#include "wick-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  wick_fuzz_init (WICK_FUZZ_FATAL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = wick_binance_parse_error ((const char *) data, size);

  /* Always an error: Binance's own, or ours saying why the body is not one. */
  wick_fuzz_check (error != NULL);
  wick_fuzz_check (error->domain == WICK_EXCHANGE_SERVER_ERROR ||
                   error->domain == WICK_EXCHANGE_ERROR);
  wick_fuzz_check (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
  if (error->domain == WICK_EXCHANGE_ERROR)
    wick_fuzz_check (error->message[0] != '\0');

  return 0;
}
