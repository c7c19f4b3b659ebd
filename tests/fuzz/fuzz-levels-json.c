/* fuzz-levels-json.c: the levels file's text, read, written back and read again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader wick-levels-file.c uses, on the bytes alone (no file, no lock), so it runs as
 * fast as the exchange parsers. Whatever it accepts must survive a save: the text printed
 * for it reads back to the same lines and prints the same again.
 */

#include "config.h"

#include <string.h>

#include "wick-fuzz.h"
#include "wick-json-guard.h"
#include "wick-levels-json-private.h"

#define MARKET "Binance:BTCUSDT"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  wick_fuzz_init (WICK_FUZZ_FATAL);
  return 0;
}

static void
check_same_levels (WickLevelStore *store,
                   GPtrArray      *levels)
{
  wick_fuzz_check (wick_level_store_get_n_levels (store) == levels->len);

  for (guint i = 0; i < levels->len; i++)
    {
      const WickLevel *read = g_ptr_array_index (levels, i);
      const WickLevel *kept = wick_level_store_lookup (store, read->id);

      wick_fuzz_check (kept != NULL);
      wick_fuzz_check (kept->price == read->price);
      wick_fuzz_check (g_strcmp0 (kept->label, read->label) == 0);
      wick_fuzz_check (kept->origin == read->origin);
      wick_fuzz_check (kept->has_color == read->has_color);
      wick_fuzz_check (!kept->has_color || kept->color_rgba == read->color_rgba);
      wick_fuzz_check (kept->locked == read->locked);
      wick_fuzz_check (kept->created_at_ms == read->created_at_ms);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) wick_level_free);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) wick_level_free);
  g_autoptr(WickLevelStore) store = NULL;
  g_autoptr(WickLevelStore) store_again = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) root_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  root = _wick_levels_json_parse ("fuzz.json", (const char *) data, size, MARKET, levels, &error);
  if (root == NULL)
    {
      /* Not always UTF-8: json-glib quotes the text it stopped at as it read it, and
       * wick-levels-file.c mends the message. */
      wick_fuzz_check (error != NULL && error->message[0] != '\0');
      wick_fuzz_check (error->domain == WICK_LEVELS_FILE_ERROR);
      return 0;
    }

  for (guint i = 0; i < levels->len; i++)
    {
      if (((const WickLevel *) g_ptr_array_index (levels, i))->created_at_ms <
          WICK_FUZZ_YEAR_1000_MS)
        return 0;
    }

  /* Every line was checked as the store checks it. */
  store = wick_level_store_new ();
  wick_fuzz_check (wick_level_store_set_levels (store, (const WickLevel **) levels->pdata,
                                                levels->len, NULL));

  text = _wick_levels_json_serialize (root, MARKET, store);
  wick_fuzz_check (g_utf8_validate (text, -1, NULL));
  wick_fuzz_check (wick_json_guard_check (text, strlen (text)) == WICK_JSON_GUARD_OK);

  root_again = _wick_levels_json_parse ("fuzz.json", text, strlen (text), MARKET, again, NULL);
  wick_fuzz_check (root_again != NULL);
  check_same_levels (store, again);

  store_again = wick_level_store_new ();
  wick_fuzz_check (wick_level_store_set_levels (store_again, (const WickLevel **) again->pdata,
                                                again->len, NULL));
  text_again = _wick_levels_json_serialize (root_again, MARKET, store_again);
  wick_fuzz_check (strcmp (text, text_again) == 0);

  return 0;
}
