/* wick-exchange-parse.c: JSON loading and number reading shared by the exchange parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-exchange-parse"

#include "config.h"

#include "wick-exchange-parse-private.h"

#include "wick-json-guard.h"

#include <glib/gi18n-lib.h>

#include <inttypes.h>
#include <math.h>
#include <string.h>

/* 9999-12-31T23:59:59.999Z; anything later is a unit mistake (µs or ns), not a date. */
#define MAX_TIME_MS G_GINT64_CONSTANT (253402300799999)

/* Longest decimal text accepted; exchange prices and sizes are far shorter. */
#define MAX_DECIMAL_LEN 64

G_DEFINE_QUARK (wick-exchange-error-quark, wick_exchange_error)
G_DEFINE_QUARK (wick-exchange-server-error-quark, wick_exchange_server_error)

char *
_wick_exchange_describe (WickExchangeWhere where)
{
  if (where.index >= 0 && where.field != NULL)
    /* Translators: where a bad value sits in a response: “element 3, high” */
    return g_strdup_printf (_("element %" PRId64 ", %s"), where.index, where.field);
  if (where.index >= 0)
    return g_strdup_printf (_("element %" PRId64), where.index);
  if (where.field != NULL)
    return g_strdup (where.field);

  return g_strdup (_("body"));
}

/**
 * _wick_exchange_quote:
 * @text: a string from a body, of any length
 *
 * A body can hold a string of megabytes; a message quotes only its start, cut where it
 * stays UTF-8.
 *
 * Returns: (transfer full): at most MAX_DECIMAL_LEN bytes of @text, and a replacement
 *   character where a character was cut
 */
char *
_wick_exchange_quote (const char *text)
{
  return g_utf8_make_valid (text, MIN (strlen (text), MAX_DECIMAL_LEN));
}

static void
set_error (GError            **error,
           WickExchangeError   code,
           WickExchangeWhere   where,
           const char         *problem)
{
  g_autofree char *place = _wick_exchange_describe (where);

  /* Translators: “element 3, high: “abc” is not a decimal number” */
  g_set_error (error, WICK_EXCHANGE_ERROR, code, _("%s: %s"), place, problem);
}

static const char *
node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_BOOLEAN:
      return "boolean";
    default:
      return "number";
    }
}

static void
set_type_error (GError            **error,
                WickExchangeWhere   where,
                JsonNode           *node,
                const char         *expected)
{
  g_autofree char *problem = NULL;

  /* Translators: “expected a string, found an object” */
  problem = g_strdup_printf (_("expected %s, found %s"), expected, node_type_name (node));
  set_error (error, WICK_EXCHANGE_ERROR_BAD_SHAPE, where, problem);
}

/**
 * _wick_exchange_load:
 * @data: the body
 * @length: its length in bytes
 * @error: return location for a #WickExchangeError
 *
 * Checks that @data is non-empty UTF-8 without NUL bytes, and free of what json-glib gets
 * wrong (see wick-json-guard.h), and parses it.
 *
 * Returns: (transfer full) (nullable): a parser with a root node, or %NULL
 */
JsonParser *
_wick_exchange_load (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_assert (data != NULL || length == 0);

  if (length == 0)
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON,
                           _("The response body is empty"));
      return NULL;
    }

  if (length > G_MAXSSIZE || !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON,
                           _("The response body is not valid UTF-8"));
      return NULL;
    }

  switch (wick_json_guard_check (data, length))
    {
    case WICK_JSON_GUARD_OK:
      break;

    case WICK_JSON_GUARD_TOO_DEEP:
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON,
                   _("The response body nests arrays and objects more than %d deep"),
                   WICK_JSON_MAX_DEPTH);
      return NULL;

    case WICK_JSON_GUARD_NOT_ONE_VALUE:
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON,
                           _("The response body is not valid JSON: something follows its "
                             "first value"));
      return NULL;

    case WICK_JSON_GUARD_BAD_CHARACTER:
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON,
                           _("The response body is not valid JSON: it holds a character that "
                             "JSON does not have outside strings"));
      return NULL;

    /* json-glib would wrap it without an error, which could turn garbage into a plausible
     * time. */
    case WICK_JSON_GUARD_LONG_INTEGER:
      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                   _("The response body holds an integer of more than %d digits"),
                   WICK_JSON_MAX_INT_DIGITS);
      return NULL;

    case WICK_JSON_GUARD_NOT_FINITE:
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_VALUE,
                           _("The response body holds a number too large for a double"));
      return NULL;

    case WICK_JSON_GUARD_BAD_ESCAPE:
    default:
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON,
                           _("The response body holds a string escape that is not valid JSON"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* json-glib quotes the token it stopped at, as it read it. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON,
                   _("The response body is not valid JSON: %s"), reason);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_INVALID_JSON,
                           _("The response body is empty"));
      return NULL;
    }

  return g_steal_pointer (&parser);
}

JsonObject *
_wick_exchange_get_object (JsonNode           *node,
                           WickExchangeWhere   where,
                           GError            **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_type_error (error, where, node, _("an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

JsonArray *
_wick_exchange_get_array (JsonNode           *node,
                          WickExchangeWhere   where,
                          GError            **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_type_error (error, where, node, _("an array"));
      return NULL;
    }

  return json_node_get_array (node);
}

const char *
_wick_exchange_get_string (JsonNode           *node,
                           WickExchangeWhere   where,
                           GError            **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_type_error (error, where, node, _("a string"));
      return NULL;
    }

  return json_node_get_string (node);
}

/* Plain decimal text: -?(digits[.digits]|.digits)([eE][+-]?digits)?. This keeps out what
 * g_ascii_strtod would also take: "nan", "inf", "infinity", hex floats and leading spaces.
 */
static gboolean
is_decimal_text (const char *text)
{
  const char *p = text;
  gsize n_digits = 0;

  if (*p == '-')
    p++;

  for (; g_ascii_isdigit (*p); p++)
    n_digits++;

  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      n_digits++;

  if (n_digits == 0)
    return FALSE;

  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

/**
 * _wick_exchange_get_decimal:
 * @node: a JSON string such as "43519.34000000", or a JSON number
 * @where: where @node sits, for the error message
 * @out_value: (out): the finite value
 * @error: return location for a #WickExchangeError
 *
 * Reads a price or size without regard to the locale. NaN, infinities and values too large
 * for a double are refused; the sign is left to the caller.
 *
 * Returns: %TRUE on success
 */
gboolean
_wick_exchange_get_decimal (JsonNode           *node,
                            WickExchangeWhere   where,
                            double             *out_value,
                            GError            **error)
{
  g_autofree char *problem = NULL;
  const char *text;
  double value;

  g_assert (out_value != NULL);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_INT64 ||
       json_node_get_value_type (node) == G_TYPE_DOUBLE))
    {
      value = json_node_get_double (node);
      if (!isfinite (value))
        {
          set_error (error, WICK_EXCHANGE_ERROR_BAD_VALUE, where, _("the number is not finite"));
          return FALSE;
        }
      *out_value = value;
      return TRUE;
    }

  text = _wick_exchange_get_string (node, where, error);
  if (text == NULL)
    return FALSE;

  if (strlen (text) > MAX_DECIMAL_LEN || !is_decimal_text (text))
    {
      g_autofree char *shown = _wick_exchange_quote (text);

      /* Translators: “element 3, high: “NaN” is not a decimal number” */
      problem = g_strdup_printf (_("“%s” is not a decimal number"), shown);
      set_error (error, WICK_EXCHANGE_ERROR_BAD_VALUE, where, problem);
      return FALSE;
    }

  value = g_ascii_strtod (text, NULL);
  if (!isfinite (value))
    {
      problem = g_strdup_printf (_("“%s” is too large"), text);
      set_error (error, WICK_EXCHANGE_ERROR_BAD_VALUE, where, problem);
      return FALSE;
    }

  *out_value = value;
  return TRUE;
}

/**
 * _wick_exchange_get_time_ms:
 * @node: a JSON integer, or a string of decimal digits (OKX)
 * @where: where @node sits, for the error message
 * @out_time_ms: (out): milliseconds since the epoch, above zero and before the year 10000
 * @error: return location for a #WickExchangeError
 *
 * Returns: %TRUE on success
 */
gboolean
_wick_exchange_get_time_ms (JsonNode           *node,
                            WickExchangeWhere   where,
                            gint64             *out_time_ms,
                            GError            **error)
{
  g_autofree char *problem = NULL;
  gint64 value;

  g_assert (out_time_ms != NULL);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
           json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      guint64 parsed;

      /* Digits only: g_ascii_string_to_unsigned would also take a leading sign or spaces
       * on some inputs, and a time is never negative.
       */
      if (text[0] == '\0' || strspn (text, "0123456789") != strlen (text) ||
          !g_ascii_string_to_unsigned (text, 10, 0, (guint64) MAX_TIME_MS, &parsed, NULL))
        {
          g_autofree char *shown = _wick_exchange_quote (text);

          problem = g_strdup_printf (_("“%s” is not a time in milliseconds"), shown);
          set_error (error, WICK_EXCHANGE_ERROR_BAD_VALUE, where, problem);
          return FALSE;
        }
      value = (gint64) parsed;
    }
  else
    {
      set_type_error (error, where, node, _("an integer time in milliseconds"));
      return FALSE;
    }

  if (value <= 0 || value > MAX_TIME_MS)
    {
      problem = g_strdup_printf (_("%" PRId64 " is not a time in milliseconds"), value);
      set_error (error, WICK_EXCHANGE_ERROR_BAD_VALUE, where, problem);
      return FALSE;
    }

  *out_time_ms = value;
  return TRUE;
}

/**
 * _wick_exchange_check_candle:
 * @candle: a parsed candle
 * @index: its element index in the response, or -1
 * @error: return location for a #WickExchangeError
 *
 * Runs wick_candle_validate() and moves its message into %WICK_EXCHANGE_ERROR, prefixed with
 * the element index.
 *
 * Returns: %TRUE if @candle is valid
 */
gboolean
_wick_exchange_check_candle (const WickCandle  *candle,
                             gint64             index,
                             GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  WickExchangeWhere where = { index, NULL };

  if (wick_candle_validate (candle, &local_error))
    return TRUE;

  set_error (error, WICK_EXCHANGE_ERROR_BAD_CANDLE, where, local_error->message);
  return FALSE;
}

/* A string member, or @fallback when it is absent or of another type; unlike
 * json_object_get_string_member_with_default() this never warns on hostile input. */
const char *
_wick_exchange_get_string_member (JsonObject *object,
                                  const char *name,
                                  const char *fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;

  return json_node_get_string (node);
}

/* OKX's own error: `code` read as an integer, `msg` unchanged. */
void
_wick_okx_set_server_error (JsonObject  *object,
                            GError     **error)
{
  const char *code = _wick_exchange_get_string_member (object, "code", "");
  const char *msg = _wick_exchange_get_string_member (object, "msg", "");
  gint64 value = 0;

  if (!g_ascii_string_to_signed (code, 10, G_MININT, G_MAXINT, &value, NULL))
    value = -1;

  if (msg[0] == '\0')
    g_set_error (error, WICK_EXCHANGE_SERVER_ERROR, (int) value,
                 _("OKX error %s"), code[0] != '\0' ? code : "?");
  else
    g_set_error_literal (error, WICK_EXCHANGE_SERVER_ERROR, (int) value, msg);
}
