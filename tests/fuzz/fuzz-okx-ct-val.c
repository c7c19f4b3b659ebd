/* fuzz-okx-ct-val.c: wick_okx_parse_ct_val () on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wick-fuzz.h"
#include "wick-okx-parse.h"

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
  g_autoptr(GError) error = NULL;
  double ct_val = -7.0;

  if (!wick_okx_parse_ct_val ((const char *) data, size, "BTC-USDT-SWAP", &ct_val, &error))
    {
      wick_fuzz_check_error (error);
      wick_fuzz_check (ct_val == -7.0);
    }
  else
    {
      wick_fuzz_check (error == NULL);
      wick_fuzz_check (isfinite (ct_val) && ct_val > 0.0);
    }

  return 0;
}
