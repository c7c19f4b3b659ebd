/* wick-levels-json.c: the text of the levels file, read and checked, and printed back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-levels-file"

#include "config.h"

#include "wick-levels-json-private.h"

#include "wick-json-guard.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct
{
  WickLevelOrigin  origin;
  const char      *name;
} origin_names[] = {
  { WICK_LEVEL_ORIGIN_USER, "user" },
  { WICK_LEVEL_ORIGIN_PINNED_ZONE, "pinned-zone" },
};

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

  /* ISO 8601 wants four year digits; %Y gives “26” for the year 26, which no reader takes. */
  {
    g_autofree char *rest = g_date_time_format (dt, "%m-%dT%H:%M:%S");
    int year = g_date_time_get_year (dt);

    if (millis != 0)
      return g_strdup_printf ("%04d-%s.%03dZ", year, rest, (int) millis);

    return g_strdup_printf ("%04d-%sZ", year, rest);
  }
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
  json_object_set_boolean_member (object, "alert", level->alert);
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
 * _wick_levels_json_serialize:
 * @old_root: (nullable): the file as it is, already checked
 * @market_key: the market to replace
 * @store: its lines
 *
 * Every other market, and any other top-level member, is carried over as it was, in the
 * order it was. The market is left out when it has no lines, and added last when new.
 *
 * Returns: (transfer full): the new file's text
 */
char *
_wick_levels_json_serialize (JsonObject     *old_root,
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
  JsonNode *alert;
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
      !lookup_member (object, "alert", G_TYPE_BOOLEAN, &alert, error) ||
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
  /* Files written before alerts existed have no "alert": their lines alert, as new ones do. */
  level->alert = alert == NULL || json_node_get_boolean (alert);

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

/* Refuses what json-glib would crash on, or read into values a save cannot write back (text
 * that is not UTF-8, an infinity) so that the next load would fail; such a file is damaged
 * like any other (see wick-json-guard.h). */
static gboolean
check_json_text (const char  *contents,
                 gsize        length,
                 GError     **error)
{
  switch (wick_json_guard_check (contents, length))
    {
    case WICK_JSON_GUARD_OK:
      return TRUE;

    case WICK_JSON_GUARD_TOO_DEEP:
      set_corrupt (error, _("it nests arrays and objects more than %d deep"),
                   WICK_JSON_MAX_DEPTH);
      return FALSE;

    case WICK_JSON_GUARD_NOT_ONE_VALUE:
      set_corrupt (error, _("not valid JSON: something follows its first value"));
      return FALSE;

    case WICK_JSON_GUARD_BAD_CHARACTER:
      set_corrupt (error, _("not valid JSON: it holds a character that JSON does not have "
                            "outside strings"));
      return FALSE;

    case WICK_JSON_GUARD_LONG_INTEGER:
      set_corrupt (error, _("it holds an integer of more than %d digits"),
                   WICK_JSON_MAX_INT_DIGITS);
      return FALSE;

    /* It would read as an infinity, which a save could not write back. */
    case WICK_JSON_GUARD_NOT_FINITE:
      set_corrupt (error, _("it holds a number too large for a double"));
      return FALSE;

    case WICK_JSON_GUARD_BAD_ESCAPE:
    default:
      set_corrupt (error, _("it holds a string escape that is not valid JSON"));
      return FALSE;
    }
}

/*
 * _wick_levels_json_parse:
 * @path: the file's name, for messages
 * @contents: its bytes
 * @length: their number
 * @market_key: the market whose lines to collect
 * @levels: (nullable): collects that market's lines (WickLevel *)
 * @error: CORRUPT with the reason alone, or NEWER_SCHEMA with a message naming @path
 *
 * Checks the whole file, every market included, so a save never carries a damaged entry
 * forward.
 *
 * Returns: (transfer full) (nullable): the root object
 */
JsonObject *
_wick_levels_json_parse (const char  *path,
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

  if (!check_json_text (contents, length, error))
    return NULL;

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
