/* test-levels-file.c: saving and loading every market's lines in levels.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-levels-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKET_A "Binance:BTCUSDT"
#define MARKET_B "Bybit:BTCUSDT"

typedef struct
{
  char           *tmpdir;   /* Owned: removed with everything in it */
  char           *dir;      /* Owned: <tmpdir>/wick, not created */
  char           *path;     /* Owned: <dir>/levels.json */
  WickLevelStore *store;    /* Owned */
  guint           n_changed;
} Fixture;

static void
on_store_changed_cb (WickLevelStore *store,
                     Fixture        *fixture)
{
  fixture->n_changed++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("wick-levels-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dir = g_build_filename (fixture->tmpdir, "wick", NULL);
  fixture->path = g_build_filename (fixture->dir, "levels.json", NULL);
  fixture->store = wick_level_store_new ();
  fixture->n_changed = 0;
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed_cb), fixture);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_assert_cmpint (g_unlink (child), ==, 0);
        }
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Helpers */

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  return text;
}

/* The names in @dir that start with "levels.json.corrupt-", sorted. */
static GPtrArray *
list_corrupt (const char *dir_path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "levels.json.corrupt-"))
        g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  return names;
}

static void
assert_level_equal (const WickLevel *a,
                    const WickLevel *b)
{
  g_assert_cmpuint (a->id, ==, b->id);
  g_assert_true (a->price == b->price);
  g_assert_cmpstr (a->label, ==, b->label);
  g_assert_cmpint (a->origin, ==, b->origin);
  g_assert_cmpuint (a->has_color, ==, b->has_color);
  g_assert_cmphex (a->color_rgba, ==, b->color_rgba);
  g_assert_cmpint (a->created_at_ms, ==, b->created_at_ms);
  g_assert_cmpuint (a->locked, ==, b->locked);
  g_assert_cmpuint (a->alert, ==, b->alert);
}

static void
assert_stores_equal (WickLevelStore *a,
                     WickLevelStore *b)
{
  g_assert_cmpuint (wick_level_store_get_n_levels (a), ==, wick_level_store_get_n_levels (b));

  for (guint i = 0; i < wick_level_store_get_n_levels (a); i++)
    assert_level_equal (wick_level_store_get_level (a, i), wick_level_store_get_level (b, i));
}

static void
set_levels (WickLevelStore  *store,
            const WickLevel *levels,
            guint            n_levels)
{
  g_autoptr(GPtrArray) ptrs = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_levels; i++)
    g_ptr_array_add (ptrs, (gpointer) &levels[i]);

  g_assert_true (wick_level_store_set_levels (store, (const WickLevel **) ptrs->pdata, ptrs->len,
                                              &error));
  g_assert_no_error (error);
}

static void
save_ok (const char     *path,
         const char     *market_key,
         WickLevelStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_aside = NULL;

  g_assert_true (wick_levels_file_save (path, market_key, store, &moved_aside, &error));
  g_assert_no_error (error);
  g_assert_null (moved_aside);
}

static WickLevelStore *
load_ok (const char *path,
         const char *market_key)
{
  g_autoptr(WickLevelStore) store = wick_level_store_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_levels_file_load (path, market_key, store, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* A market's entry, printed compactly by json-glib, for comparing content. */
static char *
market_json (const char *path,
             const char *market_key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *markets;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  markets = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "markets");
  json_generator_set_root (generator, json_object_get_member (markets, market_key));

  return json_generator_to_data (generator, NULL);
}

static const WickLevel sample_levels[] = {
  { .id = 3, .price = 92000.123456789, .label = (char *) "Поддержка 92k",
    .created_at_ms = 1767621600000, .alert = TRUE },
  { .id = 5, .price = 94400.0, .label = (char *) "支撑 🚀", .origin = WICK_LEVEL_ORIGIN_PINNED_ZONE,
    .has_color = TRUE, .color_rgba = 0x26a69aff, .locked = TRUE, .created_at_ms = 1767621600123 },
  { .id = 8, .price = 0.1, .label = (char *) "quote \" backslash \\ tab \t newline \n ctrl \x01",
    .has_color = TRUE, .color_rgba = 0x00000000, .created_at_ms = -1500 },
  { .id = 9, .price = 1e21 },
  { .id = 10, .price = 5e-324, .created_at_ms = G_GINT64_CONSTANT (-61346212199750) },
  { .id = 11, .price = 1.7976931348623157e308, .created_at_ms = 253402300799999 },
  { .id = 4294967295u, .price = 93000.0 },
};

/* Tests */

static void
test_default_path (void)
{
  g_autofree char *path = wick_levels_file_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "wick", "levels.json",
                                                NULL);
  g_autofree char *key = wick_levels_file_market_key ("Binance", "BTCUSDT");

  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpstr (key, ==, "Binance:BTCUSDT");
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(WickLevelStore) loaded = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;

  set_levels (fixture->store, sample_levels, G_N_ELEMENTS (sample_levels));
  save_ok (fixture->path, MARKET_A, fixture->store);

  /* The folder is created private, and so is the file. */
  g_assert_cmpint (g_stat (fixture->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = load_ok (fixture->path, MARKET_A);
  assert_stores_equal (loaded, fixture->store);
  g_assert_false (wick_level_store_can_undo (loaded));

  /* Readable: UTF-8 as is, the shortest exact prices, the documented members. */
  text = read_text (fixture->path);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "\"schema\": 1,\n"));
  g_assert_nonnull (strstr (text, "\"label\": \"Поддержка 92k\""));
  g_assert_nonnull (strstr (text, "\"label\": \"支撑 🚀\""));
  g_assert_nonnull (strstr (text, "\\\" backslash \\\\ tab \\t newline \\n ctrl \\u0001\""));
  g_assert_nonnull (strstr (text, "\"price\": 92000.123456789,"));
  g_assert_nonnull (strstr (text, "\"price\": 94400.0,"));
  g_assert_nonnull (strstr (text, "\"price\": 1e+21,"));
  g_assert_nonnull (strstr (text, "\"origin\": \"pinned-zone\""));
  g_assert_nonnull (strstr (text, "\"color\": \"#26a69aff\""));
  g_assert_nonnull (strstr (text, "\"created_at\": \"2026-01-05T14:00:00Z\""));
  g_assert_nonnull (strstr (text, "\"created_at\": \"2026-01-05T14:00:00.123Z\""));
  g_assert_nonnull (strstr (text, "\"created_at\": \"1969-12-31T23:59:58.500Z\""));
  g_assert_nonnull (strstr (text, "\"created_at\": \"0026-01-06T09:30:00.250Z\""));
  g_assert_nonnull (strstr (text, "\"locked\": true"));
  g_assert_nonnull (strstr (text, "\"alert\": true"));
  g_assert_nonnull (strstr (text, "\"alert\": false"));
  g_assert_true (g_str_has_suffix (text, "}\n"));

  /* Saving what was loaded writes the same bytes. */
  {
    g_autofree char *again = NULL;

    save_ok (fixture->path, MARKET_A, loaded);
    again = read_text (fixture->path);
    g_assert_cmpstr (again, ==, text);
  }
}

/* Any positive double survives the trip bit for bit. */
static void
test_exact_prices (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(WickLevelStore) loaded = NULL;
  g_autofree WickLevel *levels = g_new0 (WickLevel, 500);

  for (guint i = 0; i < 500; i++)
    {
      levels[i].id = i + 1;

      if (i < 250)
        levels[i].price = g_test_rand_double_range (1e-8, 2e5);
      else
        {
          do
            {
              guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();

              bits &= G_GUINT64_CONSTANT (0x7fffffffffffffff);
              memcpy (&levels[i].price, &bits, sizeof bits);
            }
          while (!isfinite (levels[i].price) || levels[i].price <= 0.0);
        }
    }

  set_levels (fixture->store, levels, 500);
  save_ok (fixture->path, MARKET_A, fixture->store);
  loaded = load_ok (fixture->path, MARKET_A);
  assert_stores_equal (loaded, fixture->store);
}

static void
test_two_markets (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(WickLevelStore) b = wick_level_store_new ();
  g_autoptr(WickLevelStore) loaded_a = NULL;
  g_autoptr(WickLevelStore) loaded_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *b_before = NULL;
  g_autofree char *b_after = NULL;
  g_autofree char *text = NULL;

  set_levels (fixture->store, sample_levels, 3);
  set_levels (b, sample_levels + 3, 3);
  save_ok (fixture->path, MARKET_A, fixture->store);
  save_ok (fixture->path, MARKET_B, b);
  b_before = market_json (fixture->path, MARKET_B);

  /* A second process edits A with a store that never saw B. */
  g_assert_true (wick_level_store_move (fixture->store, 3, 91000.5, &error));
  g_assert_no_error (error);
  save_ok (fixture->path, MARKET_A, fixture->store);

  b_after = market_json (fixture->path, MARKET_B);
  g_assert_cmpstr (b_after, ==, b_before);

  loaded_a = load_ok (fixture->path, MARKET_A);
  loaded_b = load_ok (fixture->path, MARKET_B);
  assert_stores_equal (loaded_a, fixture->store);
  assert_stores_equal (loaded_b, b);

  /* Markets keep their place in the file. */
  text = read_text (fixture->path);
  g_assert_true (strstr (text, MARKET_A) < strstr (text, MARKET_B));

  /* An empty market leaves the file; the other stays. */
  g_assert_true (wick_level_store_set_levels (fixture->store, NULL, 0, &error));
  save_ok (fixture->path, MARKET_A, fixture->store);
  g_clear_pointer (&text, g_free);
  text = read_text (fixture->path);
  g_assert_null (strstr (text, MARKET_A));
  g_clear_pointer (&b_after, g_free);
  b_after = market_json (fixture->path, MARKET_B);
  g_assert_cmpstr (b_after, ==, b_before);
}

/* Entries written by someone else, with members this Wick does not know, are carried over
 * untouched when another market is saved. */
static void
test_foreign_entries_kept (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *b_before = NULL;
  g_autofree char *b_after = NULL;
  g_autofree char *text = NULL;

  write_text (fixture->path,
              "{\"markets\": {\"" MARKET_B "\": [{\"id\": 2, \"price\": 92000.123456789006,"
              " \"note\": {\"x\": [1, 2.5, null]}, \"label\": null}]},"
              " \"schema\": 1, \"extra\": \"kept\"}");
  b_before = market_json (fixture->path, MARKET_B);

  set_levels (fixture->store, sample_levels, 1);
  save_ok (fixture->path, MARKET_A, fixture->store);

  b_after = market_json (fixture->path, MARKET_B);
  g_assert_cmpstr (b_after, ==, b_before);
  text = read_text (fixture->path);
  g_assert_nonnull (strstr (text, "\"extra\": \"kept\""));
  g_assert_nonnull (strstr (text, "\"note\": {"));
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  set_levels (fixture->store, sample_levels, 2);
  fixture->n_changed = 0;

  /* No file (not even a folder): an empty store, and nothing is created. */
  g_assert_true (wick_levels_file_load (fixture->path, MARKET_A, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));

  /* A file without this market: empty too. */
  set_levels (fixture->store, sample_levels, 2);
  save_ok (fixture->path, MARKET_B, fixture->store);
  g_assert_true (wick_levels_file_load (fixture->path, MARKET_A, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);

  /* A file without markets at all. */
  write_text (fixture->path, "{\"schema\": 1}");
  set_levels (fixture->store, sample_levels, 2);
  g_assert_true (wick_levels_file_load (fixture->path, MARKET_A, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
}

/* Corrupt files */

/* Files written before lines had alerts have no "alert": their lines alert, as new ones do.
 * An explicit false stays off, and null counts as absent, as for the other members. */
static void
test_alert_default (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(WickLevelStore) loaded = NULL;
  g_autofree char *text = NULL;

  write_text (fixture->path,
              "{\"schema\": 1, \"markets\": {\"" MARKET_A "\": ["
              "{\"id\": 1, \"price\": 91000.0, \"locked\": false},"
              "{\"id\": 2, \"price\": 92000.0, \"alert\": false},"
              "{\"id\": 3, \"price\": 93000.0, \"alert\": true},"
              "{\"id\": 4, \"price\": 94000.0, \"alert\": null}]}}");

  loaded = load_ok (fixture->path, MARKET_A);
  g_assert_cmpuint (wick_level_store_get_n_levels (loaded), ==, 4);
  g_assert_true (wick_level_store_lookup (loaded, 1)->alert);
  g_assert_false (wick_level_store_lookup (loaded, 2)->alert);
  g_assert_true (wick_level_store_lookup (loaded, 3)->alert);
  g_assert_true (wick_level_store_lookup (loaded, 4)->alert);

  /* Saved again, every line says what it does. */
  save_ok (fixture->path, MARKET_A, loaded);
  text = read_text (fixture->path);
  g_assert_nonnull (strstr (text, "\"alert\": false"));
  g_assert_null (strstr (text, "null"));
  g_clear_object (&loaded);
  loaded = load_ok (fixture->path, MARKET_A);
  g_assert_true (wick_level_store_lookup (loaded, 1)->alert);
  g_assert_false (wick_level_store_lookup (loaded, 2)->alert);
}

typedef struct
{
  const char *name;
  const char *contents;
} CorruptCase;

#define LINE(fields) "{\"schema\": 1, \"markets\": {\"" MARKET_A "\": [" fields "]}}"
#define GOOD_LINE "{\"id\": 1, \"price\": 92000.0}"

static const CorruptCase corrupt_cases[] = {
  { "truncated", "{\"schema\": 1, \"markets\": {\"" MARKET_A "\": [{\"id\": 1, \"pri" },
  { "empty", "" },
  { "garbage", "\x89PNG\r\n\x1a\n" },
  { "bad-utf8", "{\"schema\": 1, \"markets\": {\"\xff\": []}}" },
  { "not-an-object", "[1, 2, 3]" },
  { "a-string", "\"levels\"" },
  { "no-schema", "{\"markets\": {}}" },
  { "schema-string", "{\"schema\": \"1\", \"markets\": {}}" },
  { "schema-zero", "{\"schema\": 0, \"markets\": {}}" },
  { "schema-float", "{\"schema\": 1.5, \"markets\": {}}" },
  { "markets-array", "{\"schema\": 1, \"markets\": []}" },
  { "market-not-array", "{\"schema\": 1, \"markets\": {\"" MARKET_A "\": {}}}" },
  { "line-not-object", LINE ("42") },
  { "price-abc", LINE ("{\"id\": 1, \"price\": \"abc\"}") },
  { "price-missing", LINE ("{\"id\": 1}") },
  { "price-negative", LINE ("{\"id\": 1, \"price\": -92000.0}") },
  { "price-zero", LINE ("{\"id\": 1, \"price\": 0}") },
  { "price-overflow", LINE ("{\"id\": 1, \"price\": 1e999}") },
  { "id-missing", LINE ("{\"price\": 1.0}") },
  { "id-string", LINE ("{\"id\": \"1\", \"price\": 1.0}") },
  { "id-zero", LINE ("{\"id\": 0, \"price\": 1.0}") },
  { "id-too-large", LINE ("{\"id\": 4294967296, \"price\": 1.0}") },
  { "id-twice", LINE (GOOD_LINE ", " GOOD_LINE) },
  { "label-number", LINE ("{\"id\": 1, \"price\": 1.0, \"label\": 5}") },
  { "origin-unknown", LINE ("{\"id\": 1, \"price\": 1.0, \"origin\": \"robot\"}") },
  { "color-name", LINE ("{\"id\": 1, \"price\": 1.0, \"color\": \"red\"}") },
  { "locked-string", LINE ("{\"id\": 1, \"price\": 1.0, \"locked\": \"yes\"}") },
  { "alert-number", LINE ("{\"id\": 1, \"price\": 1.0, \"alert\": 1}") },
  { "created-at-bad", LINE ("{\"id\": 1, \"price\": 1.0, \"created_at\": \"yesterday\"}") },
  /* Damage in another market counts too: saving must not carry it forward. */
  { "other-market-bad",
    "{\"schema\": 1, \"markets\": {\"" MARKET_A "\": [" GOOD_LINE "], \"" MARKET_B "\": ["
    "{\"id\": 1, \"price\": -1}]}}" },
};

static void
test_corrupt_load (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const CorruptCase *c = user_data;
  g_autoptr(WickLevelStore) fresh = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_text = NULL;
  g_autofree char *base = NULL;
  const char *suffix;

  write_text (fixture->path, c->contents);
  set_levels (fixture->store, sample_levels, 2);
  g_assert_true (wick_level_store_move (fixture->store, 3, 92001.0, &error));
  fixture->n_changed = 0;

  g_assert_false (wick_levels_file_load (fixture->path, MARKET_A, fixture->store, &error));
  g_assert_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT);

  /* The store is untouched, history included. */
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);
  g_assert_cmpfloat (wick_level_store_lookup (fixture->store, 3)->price, ==, 92001.0);
  g_assert_true (wick_level_store_can_undo (fixture->store));

  /* The file went aside, whole, under a dated name that the message gives with the old. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  moved = list_corrupt (fixture->dir);
  g_assert_cmpuint (moved->len, ==, 1);
  moved_text = read_text (g_ptr_array_index (moved, 0));
  g_assert_cmpstr (moved_text, ==, c->contents);
  base = g_path_get_basename (g_ptr_array_index (moved, 0));
  suffix = base + strlen ("levels.json.corrupt-");
  g_assert_true (g_regex_match_simple ("^[0-9]{8}-[0-9]{6}$", suffix, 0, 0));
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, g_ptr_array_index (moved, 0)));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* The next save writes a fresh file. */
  save_ok (fixture->path, MARKET_A, fixture->store);
  fresh = load_ok (fixture->path, MARKET_A);
  assert_stores_equal (fresh, fixture->store);
  g_clear_pointer (&moved, g_ptr_array_unref);
  moved = list_corrupt (fixture->dir);
  g_assert_cmpuint (moved->len, ==, 1);
}

/* Saving over a damaged file moves it aside, says where, and succeeds. */
static void
test_corrupt_save (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *damaged = "{\"schema\": 1, \"markets\": {\"" MARKET_B "\": [{\"id\": 1, \"pri";
  g_autoptr(WickLevelStore) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_aside = NULL;
  g_autofree char *moved_text = NULL;
  g_autofree char *text = NULL;

  write_text (fixture->path, damaged);
  set_levels (fixture->store, sample_levels, 2);

  g_assert_true (wick_levels_file_save (fixture->path, MARKET_A, fixture->store, &moved_aside,
                                        &error));
  g_assert_no_error (error);
  g_assert_nonnull (moved_aside);
  g_assert_true (g_str_has_prefix (moved_aside, fixture->path));
  moved_text = read_text (moved_aside);
  g_assert_cmpstr (moved_text, ==, damaged);

  loaded = load_ok (fixture->path, MARKET_A);
  assert_stores_equal (loaded, fixture->store);
  text = read_text (fixture->path);
  g_assert_null (strstr (text, MARKET_B));

  /* Without an out-parameter it still moves the file rather than overwrite it. */
  write_text (fixture->path, damaged);
  g_assert_true (wick_levels_file_save (fixture->path, MARKET_A, fixture->store, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) moved = list_corrupt (fixture->dir);

    g_assert_cmpuint (moved->len, ==, 2);
  }
}

/* A name already taken gets -2, -3 …; no earlier copy is replaced. */
static void
test_corrupt_names (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Take this second's and the next two seconds' plain names, so a suffix is needed. */
  for (int s = 0; s < 3; s++)
    {
      g_autoptr(GDateTime) t = g_date_time_add_seconds (now, s);
      g_autofree char *stamp = g_date_time_format (t, "%Y%m%d-%H%M%S");
      g_autofree char *taken = g_strdup_printf ("%s.corrupt-%s", fixture->path, stamp);

      write_text (taken, "taken");
    }

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = g_strdup_printf ("{broken %d", i);
      g_autofree char *moved_aside = NULL;
      g_autofree char *moved_text = NULL;

      write_text (fixture->path, contents);
      g_assert_true (wick_levels_file_save (fixture->path, MARKET_A, fixture->store,
                                            &moved_aside, &error));
      g_assert_no_error (error);
      g_assert_true (g_regex_match_simple ("\\.corrupt-[0-9]{8}-[0-9]{6}-[0-9]+$", moved_aside,
                                           0, 0));
      g_assert_true (g_hash_table_add (seen, g_strdup (moved_aside)));
      moved_text = read_text (moved_aside);
      g_assert_cmpstr (moved_text, ==, contents);
    }

  {
    g_autoptr(GPtrArray) moved = list_corrupt (fixture->dir);

    g_assert_cmpuint (moved->len, ==, 6);
    for (guint i = 0; i < moved->len; i++)
      {
        g_autofree char *text = read_text (g_ptr_array_index (moved, i));

        if (!g_hash_table_contains (seen, g_ptr_array_index (moved, i)))
          g_assert_cmpstr (text, ==, "taken");
      }
  }
}

static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *newer = "{\"schema\": 2, \"markets\": {\"" MARKET_A "\": {\"lines\": []}}}";
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_aside = NULL;
  g_autofree char *text = NULL;

  write_text (fixture->path, newer);
  set_levels (fixture->store, sample_levels, 2);
  fixture->n_changed = 0;

  g_assert_false (wick_levels_file_load (fixture->path, MARKET_A, fixture->store, &error));
  g_assert_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);

  g_assert_false (wick_levels_file_save (fixture->path, MARKET_A, fixture->store, &moved_aside,
                                         &error));
  g_assert_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_null (moved_aside);

  text = read_text (fixture->path);
  g_assert_cmpstr (text, ==, newer);
  moved = list_corrupt (fixture->dir);
  g_assert_cmpuint (moved->len, ==, 0);
}

/* A path under a regular file cannot be written, even by root. */
static void
test_parent_is_file (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (fixture->tmpdir, "not-a-dir", NULL);
  g_autofree char *path = g_build_filename (file, "levels.json", NULL);
  g_autofree char *deeper = g_build_filename (file, "wick", "levels.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  write_text (file, "precious");
  set_levels (fixture->store, sample_levels, 2);

  g_assert_false (wick_levels_file_save (path, MARKET_A, fixture->store, NULL, &error));
  g_assert_true (error->domain == G_FILE_ERROR || error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_false (wick_levels_file_save (deeper, MARKET_A, fixture->store, NULL, &error));
  g_assert_true (error->domain == G_FILE_ERROR || error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, deeper));
  g_clear_error (&error);

  g_assert_false (wick_levels_file_load (path, MARKET_A, fixture->store, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 2);

  text = read_text (file);
  g_assert_cmpstr (text, ==, "precious");
}

/* A folder that cannot be written to: the save fails and the old file stays. */
static void
test_read_only_dir (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(WickLevelStore) loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *lock_path = g_strconcat (fixture->path, ".lock", NULL);

  if (getuid () == 0)
    {
      g_test_skip ("root can write to any folder");
      return;
    }

  set_levels (fixture->store, sample_levels, 2);
  save_ok (fixture->path, MARKET_A, fixture->store);
  before = read_text (fixture->path);
  set_levels (fixture->store, sample_levels + 2, 2);

  /* Once with the lock file there, once without it. */
  for (int with_lock = 1; with_lock >= 0; with_lock--)
    {
      g_autoptr(GError) error = NULL;

      if (!with_lock)
        g_assert_cmpint (g_unlink (lock_path), ==, 0);

      g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);
      g_assert_false (wick_levels_file_save (fixture->path, MARKET_A, fixture->store, NULL,
                                             &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      g_assert_nonnull (strstr (error->message, fixture->path));

      /* It can still be read. */
      g_clear_object (&loaded);
      loaded = load_ok (fixture->path, MARKET_A);
      g_assert_cmpuint (wick_level_store_get_n_levels (loaded), ==, 2);
      g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);

      g_clear_pointer (&after, g_free);
      after = read_text (fixture->path);
      g_assert_cmpstr (after, ==, before);
    }
}

/* The lock file stays between saves and does not get in the way. */
static void
test_lock_file (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *lock_path = g_strconcat (fixture->path, ".lock", NULL);
  g_autoptr(WickLevelStore) loaded = NULL;

  set_levels (fixture->store, sample_levels, 2);
  save_ok (fixture->path, MARKET_A, fixture->store);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));

  set_levels (fixture->store, sample_levels + 2, 3);
  save_ok (fixture->path, MARKET_A, fixture->store);
  save_ok (fixture->path, MARKET_B, fixture->store);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));

  /* Left-over content in it does not matter either. */
  write_text (lock_path, "12345\n");
  save_ok (fixture->path, MARKET_A, fixture->store);

  loaded = load_ok (fixture->path, MARKET_A);
  assert_stores_equal (loaded, fixture->store);
}

typedef struct
{
  const char     *path;
  WickLevelStore *store;
  gint            done;
} SaveThread;

static gpointer
save_thread_func (gpointer data)
{
  SaveThread *st = data;

  save_ok (st->path, MARKET_B, st->store);
  g_atomic_int_set (&st->done, 1);

  return NULL;
}

/* While another process holds the lock, a save waits for it. */
static void
test_lock_waits (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *lock_path = g_strconcat (fixture->path, ".lock", NULL);
  g_autoptr(WickLevelStore) loaded = NULL;
  SaveThread st = { fixture->path, fixture->store, 0 };
  GThread *thread;
  int fd;

  set_levels (fixture->store, sample_levels, 2);
  save_ok (fixture->path, MARKET_A, fixture->store);

  fd = g_open (lock_path, O_RDWR | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  thread = g_thread_new ("save", save_thread_func, &st);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_atomic_int_get (&st.done), ==, 0);

  g_assert_true (g_close (fd, NULL));
  g_thread_join (thread);
  g_assert_cmpint (g_atomic_int_get (&st.done), ==, 1);

  loaded = load_ok (fixture->path, MARKET_B);
  assert_stores_equal (loaded, fixture->store);
}

static void
on_changed_save_cb (WickLevelStore *store,
                    Fixture        *fixture)
{
  save_ok (fixture->path, MARKET_B, store);
}

/* Loading fills the store after letting go of the lock, so a ::changed handler can save. */
static void
test_save_from_changed (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(WickLevelStore) loaded = NULL;

  set_levels (fixture->store, sample_levels, 2);
  save_ok (fixture->path, MARKET_A, fixture->store);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_save_cb), fixture);
  g_assert_true (wick_levels_file_load (fixture->path, MARKET_A, fixture->store, NULL));
  g_signal_handlers_disconnect_by_func (fixture->store, on_changed_save_cb, fixture);

  loaded = load_ok (fixture->path, MARKET_B);
  assert_stores_equal (loaded, fixture->store);
}

#define ADD_TEST(path, data, func) \
  g_test_add ("/wick/levels-file/" path, Fixture, data, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/levels-file/default-path", test_default_path);
  ADD_TEST ("round-trip", NULL, test_round_trip);
  ADD_TEST ("exact-prices", NULL, test_exact_prices);
  ADD_TEST ("alert-default", NULL, test_alert_default);
  ADD_TEST ("two-markets", NULL, test_two_markets);
  ADD_TEST ("foreign-entries-kept", NULL, test_foreign_entries_kept);
  ADD_TEST ("missing", NULL, test_missing);
  ADD_TEST ("corrupt-save", NULL, test_corrupt_save);
  ADD_TEST ("corrupt-names", NULL, test_corrupt_names);
  ADD_TEST ("newer-schema", NULL, test_newer_schema);
  ADD_TEST ("parent-is-file", NULL, test_parent_is_file);
  ADD_TEST ("read-only-dir", NULL, test_read_only_dir);
  ADD_TEST ("lock-file", NULL, test_lock_file);
  ADD_TEST ("lock-waits", NULL, test_lock_waits);
  ADD_TEST ("save-from-changed", NULL, test_save_from_changed);

  for (guint i = 0; i < G_N_ELEMENTS (corrupt_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/levels-file/corrupt-load/%s",
                                               corrupt_cases[i].name);

      g_test_add (path, Fixture, &corrupt_cases[i], fixture_setup, test_corrupt_load,
                  fixture_teardown);
    }

  return g_test_run ();
}
