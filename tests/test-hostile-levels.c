/* test-hostile-levels.c: hostile levels files, loaded through wick_levels_file_load ()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case must fail with a message that names the problem, leave the store it was given
 * (pre-filled with two lines) exactly as it was, and move the damaged file aside; a file
 * from a newer Wick is left where it is.
 */

#include "config.h"

#include "wick-levels-file.h"

#include "test-hostile-utils.h"

#include <glib/gstdio.h>

typedef struct
{
  const char *name;
  const char *text;
  gssize      length;
  const char *needle;   /* in the message */
} HostileCase;

#define MARKET "Binance:BTCUSDT"
#define FILE_OF(markets) "{\"schema\": 1, \"markets\": {" markets "}}"
#define LINES(lines) FILE_OF ("\"" MARKET "\": [" lines "]")
#define GOOD "{\"id\": 1, \"price\": 92000.0}"

static const HostileCase cases[] = {
  /* The text */
  { "empty", HOSTILE_TEXT (""), "it is empty" },
  { "blank", HOSTILE_TEXT ("\n  \n"), "it is empty" },
  { "truncated", HOSTILE_TEXT ("{\"schema\": 1, \"markets\": {\"" MARKET "\": [{\"id\": 1, \"pri"),
    "not valid JSON" },
  { "truncated-in-string", HOSTILE_TEXT ("{\"schema\": 1, \"markets\": {\"Binance:BTC"),
    "not valid JSON" },
  { "binary", HOSTILE_BYTES ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "not valid JSON" },
  { "invalid-utf8", HOSTILE_TEXT (FILE_OF ("\"\xff\xfe\": []")), "UTF-8" },
  { "nul-byte", HOSTILE_BYTES (LINES (GOOD) "\0"), "not valid JSON" },
  { "bom-after", HOSTILE_TEXT (LINES (GOOD) "\xEF\xBB\xBF"), "something follows its first value" },
  { "two-documents", HOSTILE_TEXT (LINES (GOOD) LINES (GOOD)),
    "something follows its first value" },
  { "comment", HOSTILE_TEXT (LINES (GOOD) " // saved by hand"),
    "something follows its first value" },
  { "javascript", HOSTILE_TEXT ("var levels = " LINES (GOOD) ";"),
    "something follows its first value" },
  { "single-quotes", HOSTILE_TEXT ("{'schema': 1, 'markets': {}}"),
    "a character that JSON does not have outside strings" },
  { "comment-inside", HOSTILE_TEXT ("{\"schema\": 1 /* one */, \"markets\": {}}"),
    "a character that JSON does not have outside strings" },
  { "deep-arrays", HOSTILE_TEXT ("@DEEP@"), "more than 64 deep" },
  { "deep-objects", HOSTILE_TEXT ("@DEEPO@"), "more than 64 deep" },
  { "deep-extra-member", HOSTILE_TEXT ("{\"schema\": 1, \"window\": @DEEP@"), "more than 64 deep" },
  { "octal-escape", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"label\": \"\\714\"}")),
    "string escape that is not valid JSON" },
  { "lone-surrogate-key", HOSTILE_TEXT (FILE_OF ("\"OKX:\\udc00!\": []")),
    "string escape that is not valid JSON" },
  { "lone-high-surrogate",
    HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"label\": \"\\ud83dx\"}")),
    "string escape that is not valid JSON" },
  { "not-an-object", HOSTILE_TEXT ("[1, 2, 3]"), "it does not hold a JSON object" },
  { "a-string", HOSTILE_TEXT ("\"levels\""), "it does not hold a JSON object" },
  { "a-huge-string", HOSTILE_TEXT ("\"@10MB@\""), "it does not hold a JSON object" },

  /* The schema and the markets */
  { "no-schema", HOSTILE_TEXT ("{\"markets\": {}}"), "it has no valid “schema” number" },
  { "schema-text", HOSTILE_TEXT ("{\"schema\": \"1\", \"markets\": {}}"),
    "it has no valid “schema” number" },
  { "schema-zero", HOSTILE_TEXT ("{\"schema\": 0}"), "it has no valid “schema” number" },
  { "schema-negative", HOSTILE_TEXT ("{\"schema\": -1}"), "it has no valid “schema” number" },
  { "schema-fraction", HOSTILE_TEXT ("{\"schema\": 1.5}"), "it has no valid “schema” number" },
  { "schema-20-digits", HOSTILE_TEXT ("{\"schema\": 18446744073709551617}"),
    "it holds an integer of more than 18 digits" },
  { "schema-newer", HOSTILE_TEXT ("{\"schema\": 2, \"markets\": {}}"),
    "was written by a newer version of Wick (schema 2) and was left as it is" },
  { "markets-array", HOSTILE_TEXT ("{\"schema\": 1, \"markets\": []}"),
    "“markets” is not an object" },
  { "market-object", HOSTILE_TEXT (FILE_OF ("\"" MARKET "\": {\"id\": 1}")),
    "“" MARKET "” is not a list of lines" },
  { "market-null-in-other", HOSTILE_TEXT (FILE_OF ("\"" MARKET "\": [" GOOD "], \"OKX:BTC\": 7")),
    "“OKX:BTC” is not a list of lines" },

  /* One line */
  { "line-number", HOSTILE_TEXT (LINES ("42")), "“" MARKET "” line 1: it is not an object" },
  { "line-nested-garbage", HOSTILE_TEXT (LINES (GOOD ", [[{\"id\": [1]}]]")),
    "“" MARKET "” line 2: it is not an object" },
  { "id-missing", HOSTILE_TEXT (LINES ("{\"price\": 1.0}")),
    "line 1: “id” is not a whole number from 1 to 4294967295" },
  { "id-text", HOSTILE_TEXT (LINES ("{\"id\": \"1\", \"price\": 1.0}")),
    "line 1: “id” is not a whole number" },
  { "id-zero", HOSTILE_TEXT (LINES ("{\"id\": 0, \"price\": 1.0}")),
    "line 1: “id” is not a whole number from 1 to 4294967295" },
  { "id-negative", HOSTILE_TEXT (LINES ("{\"id\": -7, \"price\": 1.0}")),
    "line 1: “id” is not a whole number from 1 to 4294967295" },
  { "id-too-large", HOSTILE_TEXT (LINES ("{\"id\": 4294967296, \"price\": 1.0}")),
    "line 1: “id” is not a whole number from 1 to 4294967295" },
  { "id-wraps-to-one", HOSTILE_TEXT (LINES ("{\"id\": 18446744073709551617, \"price\": 1.0}")),
    "it holds an integer of more than 18 digits" },
  { "id-fraction", HOSTILE_TEXT (LINES ("{\"id\": 1.5, \"price\": 1.0}")),
    "line 1: “id” is not a whole number" },
  { "id-twice", HOSTILE_TEXT (LINES (GOOD ", {\"id\": 1, \"price\": 93000.0}")),
    "line 2: id 1 is used twice" },
  { "price-missing", HOSTILE_TEXT (LINES ("{\"id\": 1}")), "line 1: “price” is missing" },
  { "price-text", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": \"92000\"}")),
    "line 1: “price” is not a number" },
  { "price-nan-text", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": \"NaN\"}")),
    "line 1: “price” is not a number" },
  { "price-nan-bare", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": NaN}")), "not valid JSON" },
  { "price-infinity-bare", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": Infinity}")),
    "not valid JSON" },
  { "price-overflow", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1e999}")),
    "it holds a number too large for a double" },
  { "overflow-elsewhere", HOSTILE_TEXT ("{\"schema\": 1, \"zoom\": -2e400, \"markets\": {}}"),
    "it holds a number too large for a double" },
  { "price-negative", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": -92000.0}")),
    "line 1: Price -92000.00 is not a finite number above zero" },
  { "price-zero", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 0}")),
    "line 1: Price 0.00 is not a finite number above zero" },
  { "price-object", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": {\"value\": 1}}")),
    "line 1: “price” is not a number" },
  { "label-number", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"label\": 5}")),
    "line 1: “label” is not text" },
  { "label-10mb", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"label\": \"@10MB@\"}")),
    "line 1: The label is longer than 200 bytes" },
  { "origin-unknown", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"origin\": \"robot\"}")),
    "line 1: “origin” is not “user” or “pinned-zone”" },
  { "color-name", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"color\": \"red\"}")),
    "line 1: “color” is not a colour such as “#26a69aff”" },
  { "color-not-hex", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"color\": \"#gg0000\"}")),
    "line 1: “color” is not a colour" },
  { "locked-text", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"locked\": \"yes\"}")),
    "line 1: “locked” is not true or false" },
  { "created-at-words", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"created_at\": "
                                             "\"yesterday\"}")),
    "line 1: “created_at” is not a time such as “2026-01-05T14:00:00Z”" },
  { "created-at-number",
    HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"created_at\": 1767571200}")),
    "line 1: “created_at” is not text" },
  { "created-at-month-13", HOSTILE_TEXT (LINES ("{\"id\": 1, \"price\": 1.0, \"created_at\": "
                                                "\"2026-13-05T14:00:00Z\"}")),
    "line 1: “created_at” is not a time" },
  { "bad-line-in-other-market", HOSTILE_TEXT (FILE_OF ("\"" MARKET "\": [" GOOD "], "
                                                       "\"OKX:BTC-USDT-SWAP\": [{\"id\": 1, "
                                                       "\"price\": -1}]")),
    "“OKX:BTC-USDT-SWAP” line 1: Price -1.00 is not a finite number above zero" },
};

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The names in @dir other than the lock file, sorted. */
static GStrv
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (!g_str_has_suffix (name, ".lock"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
test_hostile (gconstpointer user_data)
{
  const HostileCase *c = user_data;
  g_autoptr(GBytes) bytes = hostile_expand (c->text, c->length);
  g_autoptr(WickLevelStore) store = wick_level_store_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) left = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wick-hostile-levels-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "levels.json", NULL);
  gboolean newer;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));

  g_assert_cmpuint (wick_level_store_add (store, 91000.0, "before", WICK_LEVEL_ORIGIN_USER, NULL),
                    ==, 1);
  g_assert_cmpuint (wick_level_store_add (store, 95000.0, NULL, WICK_LEVEL_ORIGIN_PINNED_ZONE,
                                          NULL), ==, 2);

  g_assert_false (wick_levels_file_load (path, MARKET, store, &error));
  hostile_assert_message (error, c->needle);

  /* The store kept its lines. */
  g_assert_cmpuint (wick_level_store_get_n_levels (store), ==, 2);
  g_assert_cmpfloat (wick_level_store_get_level (store, 0)->price, ==, 91000.0);
  g_assert_cmpstr (wick_level_store_get_level (store, 0)->label, ==, "before");
  g_assert_cmpfloat (wick_level_store_get_level (store, 1)->price, ==, 95000.0);

  /* Damaged: moved aside, its bytes kept. Newer: left alone. */
  newer = g_error_matches (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA);
  if (!newer)
    g_assert_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT);
  left = list_dir (dir);
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  if (newer)
    g_assert_cmpstr (left[0], ==, "levels.json");
  else
    {
      g_autofree char *moved = g_build_filename (dir, left[0], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_str_has_prefix (left[0], "levels.json.corrupt-"));
      g_assert_true (g_file_get_contents (moved, &contents, &length, NULL));
      g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/hostile/levels/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_hostile);
    }

  return g_test_run ();
}
