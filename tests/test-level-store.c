/* test-level-store.c: WickLevelStore edits, validation, ordering and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-level-store.h"

#include <math.h>
#include <string.h>

typedef struct
{
  WickLevelStore *store;
  guint           n_changed;
  guint           n_can_undo;
  guint           n_can_redo;
} Fixture;

static void
on_store_changed_cb (WickLevelStore *store,
                     Fixture        *fixture)
{
  fixture->n_changed++;
}

static void
on_store_notify_cb (WickLevelStore *store,
                    GParamSpec     *pspec,
                    Fixture        *fixture)
{
  if (strcmp (pspec->name, "can-undo") == 0)
    fixture->n_can_undo++;
  else if (strcmp (pspec->name, "can-redo") == 0)
    fixture->n_can_redo++;
}

static void
reset_counts (Fixture *fixture)
{
  fixture->n_changed = 0;
  fixture->n_can_undo = 0;
  fixture->n_can_redo = 0;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->store = wick_level_store_new ();
  reset_counts (fixture);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed_cb), fixture);
  g_signal_connect (fixture->store, "notify", G_CALLBACK (on_store_notify_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
}

/* Helpers */

static guint32
add_ok (WickLevelStore *store,
        double          price,
        const char     *label)
{
  g_autoptr(GError) error = NULL;
  guint32 id = wick_level_store_add (store, price, label, WICK_LEVEL_ORIGIN_USER, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (id, >, 0);

  return id;
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

/* A deep copy of every line, in store order. */
static GPtrArray *
snapshot (WickLevelStore *store)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) wick_level_free);

  for (guint i = 0; i < wick_level_store_get_n_levels (store); i++)
    g_ptr_array_add (copy, wick_level_copy (wick_level_store_get_level (store, i)));

  return copy;
}

static void
assert_matches_snapshot (WickLevelStore *store,
                         GPtrArray      *expected)
{
  g_assert_cmpuint (wick_level_store_get_n_levels (store), ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    assert_level_equal (wick_level_store_get_level (store, i), g_ptr_array_index (expected, i));
}

static void
assert_sorted (WickLevelStore *store)
{
  for (guint i = 1; i < wick_level_store_get_n_levels (store); i++)
    {
      const WickLevel *a = wick_level_store_get_level (store, i - 1);
      const WickLevel *b = wick_level_store_get_level (store, i);

      g_assert_true (a->price < b->price || (a->price == b->price && a->id < b->id));
    }
}

/* Edits */

static void
test_add (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  const WickLevel *level;
  guint32 id;
  gint64 after;

  id = wick_level_store_add (fixture->store, 92000.0, "Support 92k", WICK_LEVEL_ORIGIN_USER,
                             &error);
  after = g_get_real_time () / 1000;
  g_assert_no_error (error);
  g_assert_cmpuint (id, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_can_undo, ==, 1);
  g_assert_cmpuint (fixture->n_can_redo, ==, 0);
  g_assert_true (wick_level_store_can_undo (fixture->store));
  g_assert_false (wick_level_store_can_redo (fixture->store));

  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
  level = wick_level_store_lookup (fixture->store, id);
  g_assert_nonnull (level);
  g_assert_true (level == wick_level_store_get_level (fixture->store, 0));
  g_assert_cmpfloat (level->price, ==, 92000.0);
  g_assert_cmpstr (level->label, ==, "Support 92k");
  g_assert_cmpint (level->origin, ==, WICK_LEVEL_ORIGIN_USER);
  g_assert_false (level->has_color);
  g_assert_false (level->locked);
  g_assert_true (level->alert);
  g_assert_cmpint (level->created_at_ms, >=, before);
  g_assert_cmpint (level->created_at_ms, <=, after);

  /* An empty label is no label. */
  id = wick_level_store_add (fixture->store, 94400.0, "", WICK_LEVEL_ORIGIN_PINNED_ZONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (id, ==, 2);
  level = wick_level_store_lookup (fixture->store, id);
  g_assert_null (level->label);
  g_assert_cmpint (level->origin, ==, WICK_LEVEL_ORIGIN_PINNED_ZONE);

  id = add_ok (fixture->store, 1.0, NULL);
  g_assert_null (wick_level_store_lookup (fixture->store, id)->label);
  g_assert_null (wick_level_store_lookup (fixture->store, 999));
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  /* can-undo only changed once. */
  g_assert_cmpuint (fixture->n_can_undo, ==, 1);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint32 a = add_ok (fixture->store, 92000.0, "Support");
  guint32 b = add_ok (fixture->store, 94400.0, "Resistance");
  const WickLevel *level;

  reset_counts (fixture);

  g_assert_true (wick_level_store_move (fixture->store, a, 95000.5, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (wick_level_store_lookup (fixture->store, a)->price, ==, 95000.5);
  g_assert_cmpuint (wick_level_store_get_level (fixture->store, 0)->id, ==, b);
  g_assert_cmpuint (wick_level_store_get_level (fixture->store, 1)->id, ==, a);

  g_assert_true (wick_level_store_set_label (fixture->store, a, "Поддержка 92k", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wick_level_store_lookup (fixture->store, a)->label, ==, "Поддержка 92k");
  g_assert_true (wick_level_store_set_label (fixture->store, a, "", &error));
  g_assert_null (wick_level_store_lookup (fixture->store, a)->label);

  g_assert_true (wick_level_store_set_color (fixture->store, a, TRUE, 0x26a69aff, &error));
  level = wick_level_store_lookup (fixture->store, a);
  g_assert_true (level->has_color);
  g_assert_cmphex (level->color_rgba, ==, 0x26a69aff);
  g_assert_true (wick_level_store_set_color (fixture->store, a, FALSE, 0x12345678, &error));
  g_assert_false (wick_level_store_lookup (fixture->store, a)->has_color);

  g_assert_true (wick_level_store_set_locked (fixture->store, a, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (wick_level_store_lookup (fixture->store, a)->locked);
  g_assert_cmpuint (fixture->n_changed, ==, 6);

  g_assert_true (wick_level_store_remove (fixture->store, b, &error));
  g_assert_no_error (error);
  g_assert_null (wick_level_store_lookup (fixture->store, b));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 7);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint32 id = add_ok (fixture->store, 92000.0, NULL);

  g_assert_true (wick_level_store_set_locked (fixture->store, id, TRUE, &error));
  reset_counts (fixture);

  g_assert_false (wick_level_store_move (fixture->store, id, 93000.0, &error));
  g_assert_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  /* Even to where it already is: a locked line does not take moves. */
  g_assert_false (wick_level_store_move (fixture->store, id, 92000.0, &error));
  g_assert_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpfloat (wick_level_store_lookup (fixture->store, id)->price, ==, 92000.0);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* Everything else still works on a locked line. */
  g_assert_true (wick_level_store_set_label (fixture->store, id, "Held", &error));
  g_assert_true (wick_level_store_set_color (fixture->store, id, TRUE, 0xff0000ff, &error));
  g_assert_true (wick_level_store_set_locked (fixture->store, id, FALSE, &error));
  g_assert_true (wick_level_store_move (fixture->store, id, 93000.0, &error));
  g_assert_true (wick_level_store_set_locked (fixture->store, id, TRUE, &error));
  g_assert_true (wick_level_store_remove (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 6);
}

/* Edits that change nothing record nothing and say nothing. */
static void
test_no_op (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint32 id = add_ok (fixture->store, 92000.0, "Support");

  g_assert_true (wick_level_store_set_color (fixture->store, id, TRUE, 0x112233ff, &error));
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_true (wick_level_store_can_redo (fixture->store));
  reset_counts (fixture);

  g_assert_true (wick_level_store_move (fixture->store, id, 92000.0, &error));
  g_assert_true (wick_level_store_set_label (fixture->store, id, "Support", &error));
  g_assert_true (wick_level_store_set_locked (fixture->store, id, FALSE, &error));
  g_assert_true (wick_level_store_set_color (fixture->store, id, FALSE, 0, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (fixture->n_can_undo, ==, 0);
  g_assert_cmpuint (fixture->n_can_redo, ==, 0);
  /* The redo list survives a no-op. */
  g_assert_true (wick_level_store_can_redo (fixture->store));
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
}

static void
test_ordering (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const double prices[] = { 94400.0, 92000.0, 93000.0, 92000.0, 0.5, 1e9, 93000.0 };
  guint32 ids[G_N_ELEMENTS (prices)];

  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    ids[i] = add_ok (fixture->store, prices[i], NULL);
  assert_sorted (fixture->store);
  g_assert_cmpfloat (wick_level_store_get_level (fixture->store, 0)->price, ==, 0.5);
  g_assert_cmpuint (wick_level_store_get_level (fixture->store, 1)->id, ==, ids[1]);
  g_assert_cmpuint (wick_level_store_get_level (fixture->store, 2)->id, ==, ids[3]);

  /* Ties stay ordered by id whichever line arrives second. */
  g_assert_true (wick_level_store_move (fixture->store, ids[1], 93000.0, &error));
  assert_sorted (fixture->store);
  g_assert_cmpuint (wick_level_store_get_level (fixture->store, 2)->id, ==, ids[1]);
  g_assert_cmpuint (wick_level_store_get_level (fixture->store, 3)->id, ==, ids[2]);

  for (guint i = 0; i < 50; i++)
    {
      guint32 id = ids[g_test_rand_int_range (0, G_N_ELEMENTS (ids))];
      double price = g_test_rand_bit () ? 93000.0 : g_test_rand_double_range (1.0, 1e6);

      g_assert_true (wick_level_store_move (fixture->store, id, price, &error));
      g_assert_no_error (error);
      assert_sorted (fixture->store);
    }

  while (wick_level_store_undo (fixture->store))
    assert_sorted (fixture->store);
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
}

static void
test_ids_never_reused (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  WickLevel loaded = { .id = 5, .price = 100.0 };
  const WickLevel *levels[] = { &loaded };
  guint32 a = add_ok (fixture->store, 1.0, NULL);
  guint32 b = add_ok (fixture->store, 2.0, NULL);
  guint32 c;

  g_assert_cmpuint (a, ==, 1);
  g_assert_cmpuint (b, ==, 2);

  g_assert_true (wick_level_store_remove (fixture->store, b, &error));
  g_assert_cmpuint (add_ok (fixture->store, 3.0, NULL), ==, 3);

  /* An undone add keeps its id: a redo brings it back, a new add gets the next. */
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_true (wick_level_store_redo (fixture->store));
  g_assert_nonnull (wick_level_store_lookup (fixture->store, 3));
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_null (wick_level_store_lookup (fixture->store, 3));
  c = add_ok (fixture->store, 3.0, NULL);
  g_assert_cmpuint (c, ==, 4);

  /* After loading, new ids are above the loaded ones... */
  g_assert_true (wick_level_store_set_levels (fixture->store, levels, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (add_ok (fixture->store, 1.0, NULL), ==, 6);

  /* ... and above every id this store has handed out. */
  loaded.id = 2;
  g_assert_true (wick_level_store_set_levels (fixture->store, levels, 1, &error));
  g_assert_cmpuint (add_ok (fixture->store, 1.0, NULL), ==, 7);
}

/* Validation */

typedef enum
{
  OP_ADD,
  OP_MOVE,
  OP_REMOVE,
  OP_LABEL,
  OP_LOCK,
  OP_COLOR,
} Op;

typedef struct
{
  const char *name;
  Op          op;
  guint32     id;       /* 0 means the unlocked line, 1000 one that does not exist */
  double      price;
  const char *label;
  int         code;
} InvalidCase;

#define LONG_LABEL \
  "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" \
  "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" \
  "x"

static const InvalidCase invalid_cases[] = {
  { "add-nan", OP_ADD, 0, NAN, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "add-inf", OP_ADD, 0, INFINITY, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "add-minus-inf", OP_ADD, 0, -INFINITY, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "add-zero", OP_ADD, 0, 0.0, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "add-negative-zero", OP_ADD, 0, -0.0, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "add-negative", OP_ADD, 0, -92000.0, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "add-bad-utf8", OP_ADD, 0, 92000.0, "Support \xff\xfe", WICK_LEVEL_STORE_ERROR_INVALID },
  { "add-truncated-utf8", OP_ADD, 0, 92000.0, "支撑 \xf0\x9f\x9a", WICK_LEVEL_STORE_ERROR_INVALID },
  { "add-long-label", OP_ADD, 0, 92000.0, LONG_LABEL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "move-nan", OP_MOVE, 0, NAN, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "move-inf", OP_MOVE, 0, INFINITY, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "move-zero", OP_MOVE, 0, 0.0, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "move-negative", OP_MOVE, 0, -1.0, NULL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "move-unknown", OP_MOVE, 1000, 93000.0, NULL, WICK_LEVEL_STORE_ERROR_NOT_FOUND },
  { "move-locked", OP_MOVE, 2, 93000.0, NULL, WICK_LEVEL_STORE_ERROR_LOCKED },
  { "remove-unknown", OP_REMOVE, 1000, 0.0, NULL, WICK_LEVEL_STORE_ERROR_NOT_FOUND },
  { "label-unknown", OP_LABEL, 1000, 0.0, "x", WICK_LEVEL_STORE_ERROR_NOT_FOUND },
  { "label-bad-utf8", OP_LABEL, 0, 0.0, "\xc3\x28", WICK_LEVEL_STORE_ERROR_INVALID },
  { "label-long", OP_LABEL, 0, 0.0, LONG_LABEL, WICK_LEVEL_STORE_ERROR_INVALID },
  { "lock-unknown", OP_LOCK, 1000, 0.0, NULL, WICK_LEVEL_STORE_ERROR_NOT_FOUND },
  { "color-unknown", OP_COLOR, 1000, 0.0, NULL, WICK_LEVEL_STORE_ERROR_NOT_FOUND },
};

static void
test_invalid (Fixture       *fixture,
              gconstpointer  user_data)
{
  const InvalidCase *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  guint32 unlocked = add_ok (fixture->store, 92000.0, "Support");
  guint32 locked = add_ok (fixture->store, 94400.0, NULL);
  guint32 id;
  gboolean ok = FALSE;

  g_assert_cmpuint (locked, ==, 2);
  g_assert_true (wick_level_store_set_locked (fixture->store, locked, TRUE, &error));
  /* Leave one step to redo, to see that a failed edit does not drop it. */
  g_assert_true (wick_level_store_set_color (fixture->store, unlocked, TRUE, 0xabcdefff, &error));
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_no_error (error);

  before = snapshot (fixture->store);
  reset_counts (fixture);
  id = c->id == 0 ? unlocked : c->id;

  switch (c->op)
    {
    case OP_ADD:
      ok = wick_level_store_add (fixture->store, c->price, c->label, WICK_LEVEL_ORIGIN_USER,
                                 &error) != 0;
      break;

    case OP_MOVE:
      ok = wick_level_store_move (fixture->store, id, c->price, &error);
      break;

    case OP_REMOVE:
      ok = wick_level_store_remove (fixture->store, id, &error);
      break;

    case OP_LABEL:
      ok = wick_level_store_set_label (fixture->store, id, c->label, &error);
      break;

    case OP_LOCK:
      ok = wick_level_store_set_locked (fixture->store, id, TRUE, &error);
      break;

    case OP_COLOR:
      ok = wick_level_store_set_color (fixture->store, id, TRUE, 0xff0000ff, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_false (ok);
  g_assert_error (error, WICK_LEVEL_STORE_ERROR, c->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  assert_matches_snapshot (fixture->store, before);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (fixture->n_can_undo, ==, 0);
  g_assert_cmpuint (fixture->n_can_redo, ==, 0);
  g_assert_true (wick_level_store_can_redo (fixture->store));
  g_assert_true (wick_level_store_redo (fixture->store));
  g_assert_true (wick_level_store_lookup (fixture->store, unlocked)->has_color);
}

static void
test_label_limits (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ascii = g_strnfill (WICK_LEVEL_LABEL_MAX_BYTES, 'a');
  g_autoptr(GString) wide = g_string_new (NULL);
  guint32 id;

  /* 200 bytes is the limit in bytes, not characters: 50 four-byte emoji fit, 51 do not. */
  for (guint i = 0; i < 50; i++)
    g_string_append (wide, "🚀");

  id = add_ok (fixture->store, 1.0, ascii);
  g_assert_cmpstr (wick_level_store_lookup (fixture->store, id)->label, ==, ascii);
  g_assert_true (wick_level_store_set_label (fixture->store, id, wide->str, &error));
  g_assert_no_error (error);

  g_string_append (wide, "🚀");
  g_assert_false (wick_level_store_set_label (fixture->store, id, wide->str, &error));
  g_assert_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID);
}

/* set_levels */

static void
test_set_levels (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  WickLevel a = { .id = 7, .price = 94400.0, .label = (char *) "Resistance",
                  .origin = WICK_LEVEL_ORIGIN_PINNED_ZONE, .color_rgba = 0xef5350ff,
                  .created_at_ms = 1767621600123, .has_color = TRUE, .locked = TRUE };
  WickLevel b = { .id = 3, .price = 92000.0, .label = (char *) "",
                  .created_at_ms = 1767621600000 };
  WickLevel c = { .id = 4, .price = 92000.0 };
  const WickLevel *levels[] = { &a, &b, &c };
  const WickLevel *level;

  add_ok (fixture->store, 1.0, NULL);
  g_assert_true (wick_level_store_can_undo (fixture->store));
  reset_counts (fixture);

  g_assert_true (wick_level_store_set_levels (fixture->store, levels, G_N_ELEMENTS (levels),
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_can_undo, ==, 1);
  g_assert_false (wick_level_store_can_undo (fixture->store));
  g_assert_false (wick_level_store_undo (fixture->store));

  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 3);
  g_assert_cmpuint (wick_level_store_get_level (fixture->store, 0)->id, ==, 3);
  g_assert_cmpuint (wick_level_store_get_level (fixture->store, 1)->id, ==, 4);
  level = wick_level_store_get_level (fixture->store, 2);
  g_assert_true (level != &a);
  g_assert_true (level->label != a.label);
  assert_level_equal (level, &a);
  g_assert_null (wick_level_store_lookup (fixture->store, 3)->label);

  /* An empty list empties the store, and still says so. */
  g_assert_true (wick_level_store_set_levels (fixture->store, NULL, 0, &error));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
}

static void
test_set_levels_invalid (Fixture       *fixture,
                         gconstpointer  user_data)
{
  WickLevel good = { .id = 1, .price = 92000.0 };
  WickLevel bad[] = {
    { .id = 0, .price = 92000.0 },
    { .id = 2, .price = NAN },
    { .id = 2, .price = -1.0 },
    { .id = 2, .price = 92000.0, .label = (char *) "\xff" },
    { .id = 2, .price = 92000.0, .label = (char *) LONG_LABEL },
    { .id = 2, .price = 92000.0, .origin = 42 },
    { .id = 1, .price = 93000.0 },   /* the same id as @good */
  };
  g_autoptr(GPtrArray) before = NULL;

  add_ok (fixture->store, 5.0, "kept");
  before = snapshot (fixture->store);
  reset_counts (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      const WickLevel *levels[] = { &good, &bad[i] };

      g_assert_false (wick_level_store_set_levels (fixture->store, levels, 2, &error));
      g_assert_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID);
      assert_matches_snapshot (fixture->store, before);
      g_assert_true (wick_level_store_can_undo (fixture->store));
    }

  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (fixture->n_can_undo, ==, 0);
}

/* Undo */

static void
test_undo_chain (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) base = NULL;
  GPtrArray *states[7];
  guint32 keep = add_ok (fixture->store, 90000.0, "kept");
  guint32 id;
  guint n = 0;

  /* Start from a loaded line that has a colour and no history. */
  g_assert_true (wick_level_store_set_color (fixture->store, keep, TRUE, 0x2962ffff, &error));
  base = snapshot (fixture->store);
  g_assert_true (wick_level_store_set_levels (fixture->store, (const WickLevel **) base->pdata,
                                              base->len, &error));
  g_assert_no_error (error);

  states[n++] = snapshot (fixture->store);
  id = wick_level_store_add (fixture->store, 92000.0, "Support 92k", WICK_LEVEL_ORIGIN_USER,
                             &error);
  states[n++] = snapshot (fixture->store);
  g_assert_true (wick_level_store_move (fixture->store, id, 92500.25, &error));
  states[n++] = snapshot (fixture->store);
  g_assert_true (wick_level_store_set_label (fixture->store, id, "支撑 🚀", &error));
  states[n++] = snapshot (fixture->store);
  g_assert_true (wick_level_store_set_color (fixture->store, id, TRUE, 0x26a69a80, &error));
  states[n++] = snapshot (fixture->store);
  g_assert_true (wick_level_store_set_locked (fixture->store, id, TRUE, &error));
  states[n++] = snapshot (fixture->store);
  g_assert_true (wick_level_store_remove (fixture->store, id, &error));
  states[n++] = snapshot (fixture->store);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (states));

  reset_counts (fixture);

  for (guint i = n - 1; i > 0; i--)
    {
      g_assert_true (wick_level_store_undo (fixture->store));
      assert_matches_snapshot (fixture->store, states[i - 1]);
    }
  g_assert_false (wick_level_store_can_undo (fixture->store));
  g_assert_false (wick_level_store_undo (fixture->store));
  g_assert_cmpuint (fixture->n_changed, ==, n - 1);
  g_assert_cmpuint (fixture->n_can_undo, ==, 1);
  g_assert_cmpuint (fixture->n_can_redo, ==, 1);

  for (guint i = 1; i < n; i++)
    {
      g_assert_true (wick_level_store_redo (fixture->store));
      assert_matches_snapshot (fixture->store, states[i]);
    }
  g_assert_false (wick_level_store_can_redo (fixture->store));
  g_assert_false (wick_level_store_redo (fixture->store));
  g_assert_cmpuint (fixture->n_changed, ==, 2 * (n - 1));
  g_assert_cmpuint (fixture->n_can_undo, ==, 2);
  g_assert_cmpuint (fixture->n_can_redo, ==, 2);

  /* The removed line comes back whole, created_at included. */
  g_assert_true (wick_level_store_undo (fixture->store));
  assert_level_equal (wick_level_store_lookup (fixture->store, id),
                      g_ptr_array_index (states[5], 1));

  for (guint i = 0; i < n; i++)
    g_ptr_array_unref (states[i]);
}

static void
test_new_edit_clears_redo (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint32 a = add_ok (fixture->store, 92000.0, NULL);

  g_assert_true (wick_level_store_move (fixture->store, a, 93000.0, &error));
  g_assert_true (wick_level_store_move (fixture->store, a, 94000.0, &error));
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_true (wick_level_store_can_redo (fixture->store));
  reset_counts (fixture);

  g_assert_true (wick_level_store_set_label (fixture->store, a, "new", &error));
  g_assert_no_error (error);
  g_assert_false (wick_level_store_can_redo (fixture->store));
  g_assert_false (wick_level_store_redo (fixture->store));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_can_redo, ==, 1);
  g_assert_cmpuint (fixture->n_can_undo, ==, 0);
  g_assert_cmpfloat (wick_level_store_lookup (fixture->store, a)->price, ==, 92000.0);

  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_cmpuint (wick_level_store_get_n_levels (fixture->store), ==, 0);
  g_assert_false (wick_level_store_can_undo (fixture->store));
}

static void
test_history_cap (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint32 id = add_ok (fixture->store, 1.0, NULL);
  guint n_moves = WICK_LEVEL_STORE_MAX_UNDO + 50;
  guint n_undone = 0;

  g_assert_cmpuint (WICK_LEVEL_STORE_MAX_UNDO, ==, 200);

  for (guint i = 2; i <= n_moves + 1; i++)
    g_assert_true (wick_level_store_move (fixture->store, id, (double) i, &error));
  g_assert_no_error (error);

  while (wick_level_store_undo (fixture->store))
    n_undone++;

  /* The oldest steps, the add among them, fell off; the newest 200 remain. */
  g_assert_cmpuint (n_undone, ==, WICK_LEVEL_STORE_MAX_UNDO);
  g_assert_cmpfloat (wick_level_store_lookup (fixture->store, id)->price, ==,
                     (double) (n_moves + 1 - WICK_LEVEL_STORE_MAX_UNDO));

  n_undone = 0;
  while (wick_level_store_redo (fixture->store))
    n_undone++;
  g_assert_cmpuint (n_undone, ==, WICK_LEVEL_STORE_MAX_UNDO);
  g_assert_cmpfloat (wick_level_store_lookup (fixture->store, id)->price, ==,
                     (double) (n_moves + 1));
}

static void
test_undo_empty (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_assert_false (wick_level_store_can_undo (fixture->store));
  g_assert_false (wick_level_store_can_redo (fixture->store));
  g_assert_false (wick_level_store_undo (fixture->store));
  g_assert_false (wick_level_store_redo (fixture->store));
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (fixture->n_can_undo + fixture->n_can_redo, ==, 0);
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  user_data)
{
  gboolean can_undo = TRUE;
  gboolean can_redo = TRUE;

  g_object_get (fixture->store, "can-undo", &can_undo, "can-redo", &can_redo, NULL);
  g_assert_false (can_undo);
  g_assert_false (can_redo);

  add_ok (fixture->store, 1.0, NULL);
  g_assert_true (wick_level_store_undo (fixture->store));
  g_object_get (fixture->store, "can-undo", &can_undo, "can-redo", &can_redo, NULL);
  g_assert_false (can_undo);
  g_assert_true (can_redo);
  g_assert_cmpuint (fixture->n_can_undo, ==, 2);
  g_assert_cmpuint (fixture->n_can_redo, ==, 1);
}

static void
test_preconditions (void)
{
  g_autoptr(WickLevelStore) store = wick_level_store_new ();

  g_test_expect_message ("wick-level-store", G_LOG_LEVEL_CRITICAL, "*index < self->levels->len*");
  g_assert_null (wick_level_store_get_level (store, 0));
  g_test_assert_expected_messages ();
}

static void
test_level_copy (void)
{
  WickLevel level = { .id = 9, .price = 1.5, .label = (char *) "x", .has_color = TRUE,
                      .color_rgba = 0x01020304, .locked = TRUE, .created_at_ms = 42 };
  g_autoptr(WickLevel) copy = wick_level_copy (&level);
  g_autoptr(GError) error = NULL;

  assert_level_equal (copy, &level);
  g_assert_true (copy->label != level.label);
  g_assert_null (wick_level_copy (NULL));
  wick_level_free (NULL);

  g_assert_true (wick_level_validate (&level, &error));
  level.price = INFINITY;
  g_assert_false (wick_level_validate (&level, &error));
  g_assert_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID);
}

/* The crossing alert: on for a new line, switched per line, one undoable step each time. */
static void
test_alert (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint32 a = add_ok (fixture->store, 92000.0, "Support");
  guint32 b = add_ok (fixture->store, 94400.0, NULL);

  g_assert_true (wick_level_store_lookup (fixture->store, a)->alert);
  g_assert_true (wick_level_store_lookup (fixture->store, b)->alert);
  reset_counts (fixture);

  g_assert_true (wick_level_store_set_alert (fixture->store, a, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (wick_level_store_lookup (fixture->store, a)->alert);
  g_assert_true (wick_level_store_lookup (fixture->store, b)->alert);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* Off again is no edit. */
  g_assert_true (wick_level_store_set_alert (fixture->store, a, FALSE, &error));
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* A locked line's alert can still be switched. */
  g_assert_true (wick_level_store_set_locked (fixture->store, b, TRUE, &error));
  g_assert_true (wick_level_store_set_alert (fixture->store, b, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (wick_level_store_lookup (fixture->store, b)->alert);
  g_assert_cmpuint (fixture->n_changed, ==, 3);

  /* Undo brings each back in turn, and redo takes it away again. */
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_true (wick_level_store_lookup (fixture->store, b)->alert);
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_true (wick_level_store_undo (fixture->store));
  g_assert_true (wick_level_store_lookup (fixture->store, a)->alert);
  g_assert_true (wick_level_store_redo (fixture->store));
  g_assert_false (wick_level_store_lookup (fixture->store, a)->alert);

  g_assert_false (wick_level_store_set_alert (fixture->store, 999, TRUE, &error));
  g_assert_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_NOT_FOUND);
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/level-store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("add", test_add);
  ADD_TEST ("edit", test_edit);
  ADD_TEST ("locked", test_locked);
  ADD_TEST ("alert", test_alert);
  ADD_TEST ("no-op", test_no_op);
  ADD_TEST ("ordering", test_ordering);
  ADD_TEST ("ids-never-reused", test_ids_never_reused);
  ADD_TEST ("label-limits", test_label_limits);
  ADD_TEST ("set-levels", test_set_levels);
  ADD_TEST ("set-levels-invalid", test_set_levels_invalid);
  ADD_TEST ("undo/chain", test_undo_chain);
  ADD_TEST ("undo/new-edit-clears-redo", test_new_edit_clears_redo);
  ADD_TEST ("undo/history-cap", test_history_cap);
  ADD_TEST ("undo/empty", test_undo_empty);
  ADD_TEST ("properties", test_properties);
  g_test_add_func ("/wick/level-store/preconditions", test_preconditions);
  g_test_add_func ("/wick/level-store/level-copy", test_level_copy);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/level-store/invalid/%s",
                                               invalid_cases[i].name);

      g_test_add (path, Fixture, &invalid_cases[i], fixture_setup, test_invalid,
                  fixture_teardown);
    }

  return g_test_run ();
}
