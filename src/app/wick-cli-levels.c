/* wick-cli-levels.c: `wick --levels list|add PRICE|remove ID`, the saved lines from a terminal
 *
 * Reads and writes the same file as the window, through the same locked, atomic save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-cli.h"
#include "wick-levels-file.h"

static void
print_levels (WickLevelStore *store)
{
  guint n = wick_level_store_get_n_levels (store);

  for (guint i = n; i > 0; i--)
    {
      const WickLevel *level = wick_level_store_get_level (store, i - 1);
      char price[G_ASCII_DTOSTR_BUF_SIZE];

      /* Highest first, as on the chart; tab-separated so scripts can cut it. */
      g_ascii_formatd (price, sizeof price, "%.2f", level->price);
      g_print ("%u\t%s\t%s%s\n", level->id, price,
               level->label ? level->label : "",
               level->locked ? _("\t(locked)") : "");
    }
}

static gboolean
parse_price (const char  *text,
             double      *price,
             GError     **error)
{
  char *end = NULL;

  *price = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("“%s” is not a price"), text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_id (const char  *text,
          guint32     *id,
          GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("“%s” is not a line id: `wick --levels list` shows them"), text);
      return FALSE;
    }

  *id = (guint32) value;
  return TRUE;
}

/* Does what @options ask to @store; FALSE with @error for bad input. */
static gboolean
apply (const WickCliOptions  *options,
       WickLevelStore        *store,
       gboolean              *changed,
       GError               **error)
{
  const char *action = options->levels;
  guint n_arguments = options->arguments ? g_strv_length (options->arguments) : 0;
  guint expected = g_str_equal (action, "list") ? 0 : 1;

  *changed = FALSE;

  if (!g_str_equal (action, "list") && !g_str_equal (action, "add") &&
      !g_str_equal (action, "remove"))
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("Unknown --levels action “%s”: use list, add PRICE or remove ID"), action);
      return FALSE;
    }

  if (n_arguments != expected)
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("--levels %s takes %s"), action,
                   expected == 0 ? _("nothing more") : g_str_equal (action, "add") ? _("one PRICE")
                                                                                 : _("one ID"));
      return FALSE;
    }

  if (g_str_equal (action, "add"))
    {
      double price;
      guint32 id;

      if (!parse_price (options->arguments[0], &price, error) ||
          !(id = wick_level_store_add (store, price, options->label,
                                       WICK_LEVEL_ORIGIN_USER, error)))
        return FALSE;

      g_print ("%u\n", id);
      *changed = TRUE;
    }
  else if (g_str_equal (action, "remove"))
    {
      guint32 id;

      if (!parse_id (options->arguments[0], &id, error) ||
          !wick_level_store_remove (store, id, error))
        return FALSE;

      *changed = TRUE;
    }
  else
    {
      print_levels (store);
    }

  return TRUE;
}

int
wick_cli_run_levels (const WickCliOptions *options)
{
  g_autoptr(WickLevelStore) store = wick_level_store_new ();
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = wick_levels_file_default_path ();
  g_autofree char *key = NULL;
  g_autofree char *moved_aside = NULL;
  gboolean changed;
  int exit_code;

  g_return_val_if_fail (options != NULL, WICK_EXIT_USAGE);
  g_return_val_if_fail (options->levels != NULL, WICK_EXIT_USAGE);

  if (!(market = wick_cli_load_market (options, &exit_code)))
    return exit_code;

  key = wick_levels_file_market_key (wick_market_get_exchange (market),
                                     wick_market_get_symbol (market));

  if (!wick_levels_file_load (path, key, store, &error))
    return wick_cli_fail (WICK_EXIT_FAILED, error);

  if (!apply (options, store, &changed, &error))
    return wick_cli_fail (WICK_EXIT_USAGE, error);

  if (changed && !wick_levels_file_save (path, key, store, &moved_aside, &error))
    return wick_cli_fail (WICK_EXIT_FAILED, error);

  return WICK_EXIT_OK;
}
