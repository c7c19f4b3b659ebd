/* wick-levels-file.c: every market's lines, kept across runs in one JSON file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-levels-file"

#include "config.h"

#include "wick-levels-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

G_DEFINE_QUARK (wick-levels-file-error-quark, wick_levels_file_error)

static const struct
{
  WickLevelOrigin  origin;
  const char      *name;
} origin_names[] = {
  { WICK_LEVEL_ORIGIN_USER, "user" },
  { WICK_LEVEL_ORIGIN_PINNED_ZONE, "pinned-zone" },
};

/**
 * wick_levels_file_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/wick/levels.json`
 */
char *
wick_levels_file_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "wick", "levels.json", NULL);
}

/**
 * wick_levels_file_market_key:
 * @exchange: an exchange name such as "Binance"
 * @symbol: a symbol such as "BTCUSDT"
 *
 * Returns: (transfer full): the key a market's lines are filed under, "Binance:BTCUSDT"
 */
char *
wick_levels_file_market_key (const char *exchange,
                             const char *symbol)
{
  g_return_val_if_fail (exchange != NULL && exchange[0] != '\0', NULL);
  g_return_val_if_fail (symbol != NULL && symbol[0] != '\0', NULL);

  return g_strdup_printf ("%s:%s", exchange, symbol);
}

/* Writing
 *
 * json-glib 1.6's generator prints doubles with 17 significant digits (92000.123456789 comes
 * out as 92000.123456789006) and turns 1e+21 into "1e+21.0", which no parser reads back. So
 * the file is written by this small printer, which gives each double its shortest form that
 * reads back as the same double, and writes text as UTF-8 with only the escapes JSON needs.
 */

static void
append_indent (GString *out,
               guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');

  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }

  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  const char *e;
  int digits;
  int exponent;

  /* JSON has no NaN or infinity, so a parsed node never holds one, and the store refuses
   * them. */
  g_assert (isfinite (value));

  /* The fewest significant digits that read back as the same double; 17 always do. */
  for (digits = 1; digits < 17; digits++)
    {
      g_snprintf (format, sizeof format, "%%.%de", digits - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_snprintf (format, sizeof format, "%%.%de", digits - 1);
  g_ascii_formatd (buf, sizeof buf, format, value);

  /* Prices read better without an exponent: the same digits as 94400.0, not 9.44e+04. */
  e = strchr (buf, 'e');
  exponent = e != NULL ? atoi (e + 1) : 0;
  if (exponent >= -5 && exponent < 17)
    {
      g_snprintf (format, sizeof format, "%%.%df", MAX (0, digits - 1 - exponent));
      g_ascii_formatd (buf, sizeof buf, format, value);
    }

  g_string_append (out, buf);

  /* Keep a whole price a double for readers that care: 92000 becomes 92000.0. */
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void append_node (GString  *out,
                         JsonNode *node,
                         guint     depth);

static void
append_object (GString    *out,
               JsonObject *object,
               guint       depth)
{
  g_autoptr(GList) names = json_object_get_members (object);

  if (names == NULL)
    {
      g_string_append (out, "{}");
      return;
    }

  g_string_append (out, "{\n");

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      append_indent (out, depth + 1);
      append_string (out, name);
      g_string_append (out, ": ");
      append_node (out, json_object_get_member (object, name), depth + 1);
      g_string_append (out, l->next != NULL ? ",\n" : "\n");
    }

  append_indent (out, depth);
  g_string_append_c (out, '}');
}

static void
append_array (GString   *out,
              JsonArray *array,
              guint      depth)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append (out, "[\n");

  for (guint i = 0; i < n; i++)
    {
      append_indent (out, depth + 1);
      append_node (out, json_array_get_element (array, i), depth + 1);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }

  append_indent (out, depth);
  g_string_append_c (out, ']');
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node), depth);
      break;

    case JSON_NODE_ARRAY:
      append_array (out, json_node_get_array (node), depth);
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;

        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;

        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;

        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;

        default:
          g_assert_not_reached ();
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ISO 8601 in UTC, with milliseconds only when there are some, so the time reads back to
 * the same millisecond; NULL outside the years 1 to 9999. */
static char *
format_time_ms (gint64 time_ms)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 seconds = time_ms / 1000;
  gint64 millis = time_ms % 1000;

  if (millis < 0)
    {
      seconds -= 1;
      millis += 1000;
    }

  dt = g_date_time_new_from_unix_utc (seconds);
  if (dt == NULL)
    return NULL;

  if (millis != 0)
    {
      g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

      return g_strdup_printf ("%s.%03dZ", base, (int) millis);
    }

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *
origin_to_string (WickLevelOrigin origin)
{
  for (guint i = 0; i < G_N_ELEMENTS (origin_names); i++)
    {
      if (origin_names[i].origin == origin)
        return origin_names[i].name;
    }

  g_assert_not_reached ();
  return "user";
}

static JsonObject *
level_to_object (const WickLevel *level)
{
  JsonObject *object = json_object_new ();
  g_autofree char *created_at = format_time_ms (level->created_at_ms);

  json_object_set_int_member (object, "id", level->id);
  json_object_set_double_member (object, "price", level->price);
  if (level->label != NULL)
    json_object_set_string_member (object, "label", level->label);

  json_object_set_string_member (object, "origin", origin_to_string (level->origin));

  if (level->has_color)
    {
      g_autofree char *color = g_strdup_printf ("#%08x", level->color_rgba);

      json_object_set_string_member (object, "color", color);
    }

  json_object_set_boolean_member (object, "locked", level->locked);
  if (created_at != NULL)
    json_object_set_string_member (object, "created_at", created_at);

  return object;
}

static JsonNode *
store_to_node (WickLevelStore *store)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  guint n = wick_level_store_get_n_levels (store);

  for (guint i = 0; i < n; i++)
    json_array_add_object_element (array, level_to_object (wick_level_store_get_level (store, i)));

  json_node_take_array (node, array);

  return node;
}

/*
 * serialize:
 * @old_root: (nullable): the file as it is, already checked
 * @market_key: the market to replace
 * @store: its lines
 *
 * Every other market, and any other top-level member, is carried over as it was, in the
 * order it was. The market is left out when it has no lines, and added last when new.
 *
 * Returns: (transfer full): the new file's text
 */
static char *
serialize (JsonObject     *old_root,
           const char     *market_key,
           WickLevelStore *store)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) root_node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *markets = json_object_new ();
  JsonObject *old_markets = NULL;
  gboolean has_lines = wick_level_store_get_n_levels (store) > 0;
  GString *out;

  if (old_root != NULL && json_object_has_member (old_root, "markets"))
    old_markets = json_object_get_object_member (old_root, "markets");

  if (old_markets != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (old_markets);

      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (strcmp (name, market_key) != 0)
            json_object_set_member (markets, name,
                                    json_node_copy (json_object_get_member (old_markets, name)));
          else if (has_lines)
            json_object_set_member (markets, name, store_to_node (store));
        }
    }

  if (has_lines && !json_object_has_member (markets, market_key))
    json_object_set_member (markets, market_key, store_to_node (store));

  json_object_set_int_member (root, "schema", WICK_LEVELS_FILE_SCHEMA);
  json_object_set_object_member (root, "markets", markets);

  if (old_root != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (old_root);

      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (strcmp (name, "schema") != 0 && strcmp (name, "markets") != 0)
            json_object_set_member (root, name,
                                    json_node_copy (json_object_get_member (old_root, name)));
        }
    }

  json_node_set_object (root_node, root);

  out = g_string_new (NULL);
  append_node (out, root_node, 0);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

/* Reading
 *
 * Errors below carry the reason alone ("“Binance:BTCUSDT” line 2: “price” is not a
 * number"); the caller turns it into a sentence that names the file.
 */

#define set_corrupt(error, ...) \
  g_set_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT, __VA_ARGS__)

/* The member @name, or NULL when it is absent or null. */
static JsonNode *
get_optional (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/*
 * lookup_member:
 * @type: G_TYPE_INT64, G_TYPE_DOUBLE (a whole number will do), G_TYPE_STRING or
 *   G_TYPE_BOOLEAN
 * @node: (out): the member, or %NULL when it is absent or null
 *
 * Returns: %FALSE, with @error set, when the member holds something other than @type
 */
static gboolean
lookup_member (JsonObject  *object,
               const char  *name,
               GType        type,
               JsonNode   **node,
               GError     **error)
{
  JsonNode *member = get_optional (object, name);
  GType held;

  *node = NULL;
  if (member == NULL)
    return TRUE;

  held = JSON_NODE_HOLDS_VALUE (member) ? json_node_get_value_type (member) : G_TYPE_INVALID;
  if (held == type || (type == G_TYPE_DOUBLE && held == G_TYPE_INT64))
    {
      *node = member;
      return TRUE;
    }

  if (type == G_TYPE_STRING)
    set_corrupt (error, _("“%s” is not text"), name);
  else if (type == G_TYPE_BOOLEAN)
    set_corrupt (error, _("“%s” is not true or false"), name);
  else if (type == G_TYPE_INT64)
    set_corrupt (error, _("“%s” is not a whole number"), name);
  else
    set_corrupt (error, _("“%s” is not a number"), name);

  return FALSE;
}

static gboolean
parse_origin (const char      *text,
              WickLevelOrigin *origin)
{
  for (guint i = 0; i < G_N_ELEMENTS (origin_names); i++)
    {
      if (strcmp (text, origin_names[i].name) == 0)
        {
          *origin = origin_names[i].origin;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
parse_color (const char *text,
             guint32    *rgba)
{
  gsize len = strlen (text);
  guint32 value = 0;

  if (text[0] != '#' || (len != 7 && len != 9))
    return FALSE;

  for (gsize i = 1; i < len; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (guint32) digit;
    }

  /* "#rrggbb" is opaque. */
  *rgba = len == 7 ? (value << 8) | 0xff : value;

  return TRUE;
}

static gboolean
parse_time (const char *text,
            gint64     *time_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  if (dt == NULL)
    return FALSE;

  *time_ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;

  return TRUE;
}

static WickLevel *
parse_level (JsonNode  *node,
             GError   **error)
{
  g_autoptr(WickLevel) level = g_new0 (WickLevel, 1);
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *id;
  JsonNode *price;
  JsonNode *label;
  JsonNode *origin;
  JsonNode *color;
  JsonNode *locked;
  JsonNode *created_at;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_corrupt (error, _("it is not an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!lookup_member (object, "id", G_TYPE_INT64, &id, error) ||
      !lookup_member (object, "price", G_TYPE_DOUBLE, &price, error) ||
      !lookup_member (object, "label", G_TYPE_STRING, &label, error) ||
      !lookup_member (object, "origin", G_TYPE_STRING, &origin, error) ||
      !lookup_member (object, "color", G_TYPE_STRING, &color, error) ||
      !lookup_member (object, "locked", G_TYPE_BOOLEAN, &locked, error) ||
      !lookup_member (object, "created_at", G_TYPE_STRING, &created_at, error))
    return NULL;

  if (id == NULL || json_node_get_int (id) < 1 || json_node_get_int (id) > G_MAXUINT32)
    {
      set_corrupt (error, _("“id” is not a whole number from 1 to %u"), G_MAXUINT32);
      return NULL;
    }
  if (price == NULL)
    {
      set_corrupt (error, _("“price” is missing"));
      return NULL;
    }
  if (origin != NULL && !parse_origin (json_node_get_string (origin), &level->origin))
    {
      set_corrupt (error, _("“origin” is not “user” or “pinned-zone”"));
      return NULL;
    }
  if (color != NULL && !parse_color (json_node_get_string (color), &level->color_rgba))
    {
      set_corrupt (error, _("“color” is not a colour such as “#26a69aff”"));
      return NULL;
    }
  if (created_at != NULL && !parse_time (json_node_get_string (created_at),
                                         &level->created_at_ms))
    {
      set_corrupt (error, _("“created_at” is not a time such as “2026-01-05T14:00:00Z”"));
      return NULL;
    }

  level->id = (guint32) json_node_get_int (id);
  level->price = json_node_get_double (price);
  if (label != NULL && json_node_get_string (label)[0] != '\0')
    level->label = g_strdup (json_node_get_string (label));
  level->has_color = color != NULL;
  level->locked = locked != NULL && json_node_get_boolean (locked);

  if (!wick_level_validate (level, &local_error))
    {
      set_corrupt (error, "%s", local_error->message);
      return NULL;
    }

  return g_steal_pointer (&level);
}

/* Checks one market's lines; collects them into @levels unless it is NULL. */
static gboolean
parse_market (const char  *name,
              JsonNode    *node,
              GPtrArray   *levels,
              GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_corrupt (error, _("“%s” is not a list of lines"), name);
      return FALSE;
    }
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WickLevel) level = parse_level (json_array_get_element (array, i), &local_error);

      if (level == NULL)
        {
          /* Translators: “Binance:BTCUSDT” line 2: “price” is not a number */
          set_corrupt (error, _("“%s” line %u: %s"), name, i + 1, local_error->message);
          return FALSE;
        }

      if (!g_hash_table_add (ids, GUINT_TO_POINTER (level->id)))
        {
          set_corrupt (error, _("“%s” line %u: id %u is used twice"), name, i + 1, level->id);
          return FALSE;
        }

      if (levels != NULL)
        g_ptr_array_add (levels, g_steal_pointer (&level));
    }

  return TRUE;
}

/*
 * parse_document:
 * @path: the file's name, for messages
 * @contents: its bytes
 * @length: their number
 * @market_key: the market whose lines to collect
 * @levels: collects that market's lines (WickLevel *)
 * @error: CORRUPT with the reason alone, or NEWER_SCHEMA with a message naming @path
 *
 * Checks the whole file, every market included, so a save never carries a damaged entry
 * forward.
 *
 * Returns: (transfer full) (nullable): the root object
 */
static JsonObject *
parse_document (const char  *path,
                const char  *contents,
                gsize        length,
                const char  *market_key,
                GPtrArray   *levels,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) names = NULL;
  JsonNode *root_node;
  JsonObject *root;
  JsonNode *member;
  gint64 schema;

  if (length > G_MAXSSIZE)
    {
      set_corrupt (error, _("it is too large"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, contents, (gssize) length, &local_error))
    {
      const char *message = local_error->message;

      /* json-glib names the buffer "<data>"; the position after it is what helps. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      set_corrupt (error, _("not valid JSON: %s"), message);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL)
    {
      set_corrupt (error, _("it is empty"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      set_corrupt (error, _("it does not hold a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  member = get_optional (root, "schema");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) < 1)
    {
      set_corrupt (error, _("it has no valid “schema” number"));
      return NULL;
    }

  schema = json_node_get_int (member);
  if (schema > WICK_LEVELS_FILE_SCHEMA)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, schema);

      g_set_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA,
                   /* Translators: the file, then its format version, such as “2” */
                   _("“%s” was written by a newer version of Wick (schema %s) and was left "
                     "as it is"),
                   path, number);
      return NULL;
    }

  member = get_optional (root, "markets");
  if (member != NULL && !JSON_NODE_HOLDS_OBJECT (member))
    {
      set_corrupt (error, _("“markets” is not an object"));
      return NULL;
    }

  if (member != NULL)
    {
      JsonObject *markets = json_node_get_object (member);

      names = json_object_get_members (markets);
      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          gboolean is_wanted = strcmp (name, market_key) == 0;

          if (!parse_market (name, json_object_get_member (markets, name),
                             is_wanted ? levels : NULL, error))
            return NULL;
        }
    }

  return json_object_ref (root);
}

/* Reads @path; a file that does not exist is not an error but sets @missing. */
static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *length,
           gboolean    *missing,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *missing = FALSE;

  if (g_file_get_contents (path, contents, length, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      *missing = TRUE;
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/*
 * move_aside:
 *
 * Renames a damaged @path to `<path>.corrupt-YYYYmmdd-HHMMSS`, adding -2, -3 … when that
 * name is taken, so no earlier copy is ever replaced.
 *
 * Returns: (transfer full) (nullable): the new name, or %NULL with a %G_FILE_ERROR
 */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  g_autofree char *target = g_strdup (base);

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s-%u", base, n);
    }

  if (g_rename (path, target) < 0)
    {
      int errsv = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                           g_strerror (errsv));
      return NULL;
    }

  return g_steal_pointer (&target);
}

/*
 * move_aside_or_error:
 * @reason: why @path could not be read
 * @error: set to a CORRUPT error in either case
 *
 * Returns: (transfer full) (nullable): where @path went, or %NULL when it could not move
 */
static char *
move_aside_or_error (const char  *path,
                     const char  *reason,
                     GError     **error)
{
  g_autoptr(GError) move_error = NULL;
  g_autofree char *moved_to = move_aside (path, &move_error);

  if (moved_to != NULL)
    g_set_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT,
                 /* Translators: the file, the reason, then the file's new name */
                 _("The saved lines in “%s” could not be read (%s), so the file was moved to "
                   "“%s”"),
                 path, reason, moved_to);
  else
    g_set_error (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT,
                 /* Translators: the file, the reason, then why it could not be renamed */
                 _("The saved lines in “%s” could not be read (%s), and the file could not be "
                   "moved aside: %s"),
                 path, reason, move_error->message);

  return g_steal_pointer (&moved_to);
}

/*
 * lock_file:
 *
 * Takes the advisory lock every reader and writer of @path shares: flock () on the sibling
 * `<path>.lock`, which is created when missing and never deleted (deleting it would let two
 * processes hold locks on two different files). The lock is per open file, so it must
 * never be taken twice in one process at a time; nothing here calls out while holding it.
 *
 * Returns: the descriptor to pass to unlock_file (), or -1 with @error set
 */
static int
lock_file (const char  *path,
           GError     **error)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd;
  int errsv;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not open the lock file “%s”: %s"), lock_path, g_strerror (errsv));
      return -1;
    }

  while (flock (fd, LOCK_EX) < 0)
    {
      errsv = errno;
      if (errsv == EINTR)
        continue;

      g_close (fd, NULL);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not lock “%s”: %s"), lock_path, g_strerror (errsv));
      return -1;
    }

  return fd;
}

static void
unlock_file (int fd)
{
  /* Closing the only descriptor of the open file releases its flock (). */
  if (fd >= 0)
    g_close (fd, NULL);
}

/* The body of wick_levels_file_load (), run under the lock. */
static GPtrArray *
read_levels (const char  *path,
             const char  *market_key,
             GError     **error)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) wick_level_free);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean missing;

  if (!read_file (path, &contents, &length, &missing, error))
    return NULL;

  if (missing)
    return g_steal_pointer (&levels);

  root = parse_document (path, contents, length, market_key, levels, &local_error);
  if (root != NULL)
    return g_steal_pointer (&levels);

  if (g_error_matches (local_error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT))
    g_free (move_aside_or_error (path, local_error->message, error));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/**
 * wick_levels_file_load:
 * @path: the levels file, usually from wick_levels_file_default_path ()
 * @market_key: the market, from wick_levels_file_market_key ()
 * @store: the store to fill
 * @error: return location for a #GError
 *
 * Replaces the lines of @store with the market's saved lines (through
 * wick_level_store_set_levels (), so the undo history is cleared and ::changed is
 * emitted). A missing file or a market with no entry gives an empty store.
 *
 * On any error @store keeps what it had:
 * - %WICK_LEVELS_FILE_ERROR_CORRUPT: the file is not valid JSON, has wrong types or a line
 *   that could not be stored (in any market). It has been moved aside to
 *   `<path>.corrupt-YYYYmmdd-HHMMSS`, and the message, one sentence that names both files,
 *   can be shown to the user as it is. The next save writes a fresh file.
 * - %WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA: a newer Wick wrote the file; it is left alone and
 *   wick_levels_file_save () will refuse to replace it.
 * - a %G_FILE_ERROR when the file exists but cannot be read.
 *
 * The lock is released before @store is filled, so a ::changed handler may save.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_levels_file_load (const char      *path,
                       const char      *market_key,
                       WickLevelStore  *store,
                       GError         **error)
{
  g_autoptr(GPtrArray) levels = NULL;
  int lock_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (market_key != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (market_key, -1, NULL), FALSE);
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Best effort: a folder we cannot write to can still be read, and a missing folder
   * means a missing file. The lock matters here only for moving a damaged file aside. */
  lock_fd = lock_file (path, NULL);
  levels = read_levels (path, market_key, error);
  unlock_file (lock_fd);

  if (levels == NULL)
    return FALSE;

  return wick_level_store_set_levels (store, (const WickLevel **) levels->pdata, levels->len,
                                      error);
}

/* The body of wick_levels_file_save (), run under the lock. */
static gboolean
write_levels (const char      *path,
              const char      *market_key,
              WickLevelStore  *store,
              char           **moved_aside,
              GError         **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean missing;

  if (!read_file (path, &contents, &length, &missing, error))
    return FALSE;

  if (!missing)
    {
      root = parse_document (path, contents, length, market_key, NULL, &local_error);

      if (root == NULL &&
          !g_error_matches (local_error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (root == NULL)
        {
          g_autoptr(GError) corrupt_error = NULL;

          *moved_aside = move_aside_or_error (path, local_error->message, &corrupt_error);
          if (*moved_aside == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&corrupt_error));
              return FALSE;
            }

          g_debug ("%s", corrupt_error->message);
        }
    }

  data = serialize (root, market_key, store);

  return g_file_set_contents_full (path, data, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/**
 * wick_levels_file_save:
 * @path: the levels file, usually from wick_levels_file_default_path ()
 * @market_key: the market, from wick_levels_file_market_key ()
 * @store: its lines
 * @moved_aside: (out) (optional) (transfer full) (nullable): set to where a damaged file
 *   was moved, or %NULL
 * @error: return location for a #GError
 *
 * Writes the lines of @store as the market's entry and keeps every other market's entry
 * as it is. Under the lock shared with other Wick processes, the current file is read
 * again, the market's entry replaced (left out when @store is empty) and the result
 * written to a temporary file beside @path, then renamed over it, so a crash leaves either
 * the old file or the new one. The folder is created (mode 0700) when missing.
 *
 * A damaged file is not overwritten: it is moved aside as wick_levels_file_load () does,
 * a fresh file holding only this market is written, the save succeeds and @moved_aside
 * tells where the old file went so the user can be told. @moved_aside is set whenever a
 * file was moved, even when the write that follows fails.
 *
 * Errors; in every case @path is left whole, never half written:
 * - %WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA: a newer Wick wrote the file; it is not replaced.
 * - %WICK_LEVELS_FILE_ERROR_CORRUPT: the file is damaged and could not be moved aside; it
 *   is left as it is.
 * - a %G_FILE_ERROR (the message names @path) when the folder or the file cannot be
 *   created, read or written; the old file is left as it is.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_levels_file_save (const char      *path,
                       const char      *market_key,
                       WickLevelStore  *store,
                       char           **moved_aside,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *moved_to = NULL;
  gboolean ret;
  int lock_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (market_key != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (market_key, -1, NULL), FALSE);
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (moved_aside != NULL)
    *moved_aside = NULL;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not save the lines to “%s”: could not create the folder “%s”: %s"),
                   path, dir, g_strerror (errsv));
      return FALSE;
    }

  lock_fd = lock_file (path, &local_error);
  if (lock_fd < 0)
    ret = FALSE;
  else
    ret = write_levels (path, market_key, store, &moved_to, &local_error);
  unlock_file (lock_fd);

  if (moved_aside != NULL)
    *moved_aside = g_steal_pointer (&moved_to);

  if (!ret)
    {
      /* A CORRUPT message already says what happened to which file. */
      if (local_error->domain == G_FILE_ERROR)
        g_prefix_error (&local_error, _("Could not save the lines to “%s”: "), path);
      else if (local_error->code == WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA)
        g_prefix_error (&local_error, _("The lines were not saved: "));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return ret;
}
