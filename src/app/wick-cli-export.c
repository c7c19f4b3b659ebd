/* wick-cli-export.c: reading what `wick --export` should draw from its options
 *
 * Two names already belong to verbs: `--levels list|add|remove` and `--signals`. With
 * --export they take on or off instead: `--levels` draws the lines and zones, `--signals` the
 * markers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-cli.h"

#define DEFAULT_EXPORT_SIZE "1920x1080"
/* A title longer than this would not fit the title block of any picture size. */
#define MAX_TITLE_CHARS 200

/* Reads "on" or "off" for @option; %NULL leaves @value alone. */
static gboolean
parse_switch (const char  *option,
              const char  *text,
              gboolean    *value,
              GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (g_str_equal (text, "on") || g_str_equal (text, "off"))
    {
      *value = g_str_equal (text, "on");
      return TRUE;
    }

  /* Translators: the first %s is an option, such as --legend */
  g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
               _("Invalid %s value “%s”: use on or off"), option, text);
  return FALSE;
}

static gboolean
parse_format (const char        *text,
              WickExportFormat  *format,
              GError           **error)
{
  static const struct
  {
    const char       *name;
    WickExportFormat  format;
  } names[] = {
    { "png", WICK_EXPORT_FORMAT_PNG },
    { "svg", WICK_EXPORT_FORMAT_SVG },
    { "pdf", WICK_EXPORT_FORMAT_PDF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (text, names[i].name) == 0)
        {
          *format = names[i].format;
          return TRUE;
        }
    }

  g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
               _("Invalid --format “%s” for --export: use png, svg or pdf"), text);
  return FALSE;
}

static gboolean
parse_theme (const char  *text,
             gboolean    *dark,
             GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (g_str_equal (text, "light") || g_str_equal (text, "dark"))
    {
      *dark = g_str_equal (text, "dark");
      return TRUE;
    }

  g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
               _("Invalid --theme value “%s”: use light or dark"), text);
  return FALSE;
}

static gboolean
parse_title (const char  *text,
             char       **title,
             GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > MAX_TITLE_CHARS)
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("The --title is too long or not text: at most %d characters"),
                   MAX_TITLE_CHARS);
      return FALSE;
    }

  g_free (*title);
  *title = g_strdup (text);
  return TRUE;
}

/**
 * wick_cli_read_export_options:
 * @options: the command line
 * @export_options: (out caller-allocates): what to draw; clear it with
 *   wick_export_options_clear()
 * @error: #WICK_CLI_ERROR_USAGE or #WICK_EXPORT_ERROR naming the bad option
 *
 * Reads the format (--format, else the file's extension), --size (default 1920x1080),
 * --scale, --theme (default light), --levels, --signals and --legend (default on) and
 * --title. The heatmap is read with the window's settings by the export itself.
 *
 * Returns: %TRUE when every option is valid
 */
gboolean
wick_cli_read_export_options (const WickCliOptions  *options,
                              WickExportOptions     *export_options,
                              GError               **error)
{
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->export_path != NULL, FALSE);
  g_return_val_if_fail (export_options != NULL, FALSE);

  wick_export_options_init (export_options);

  if (options->format != NULL)
    {
      if (!parse_format (options->format, &export_options->format, error))
        return FALSE;
    }
  else if (!wick_export_format_from_path (options->export_path, &export_options->format, error))
    {
      return FALSE;
    }

  if (options->levels != NULL && !g_str_equal (options->levels, "on") &&
      !g_str_equal (options->levels, "off"))
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("With --export, --levels takes on or off, not “%s”"), options->levels);
      return FALSE;
    }

  return wick_export_parse_size (options->size != NULL ? options->size : DEFAULT_EXPORT_SIZE,
                                 &export_options->width, &export_options->height, error) &&
         (options->scale == NULL ||
          wick_export_parse_scale (options->scale, &export_options->scale, error)) &&
         parse_theme (options->theme, &export_options->dark, error) &&
         parse_switch ("--levels", options->levels, &export_options->show_levels, error) &&
         parse_switch ("--signals", options->signals_switch,
                       &export_options->show_signals, error) &&
         parse_switch ("--legend", options->legend, &export_options->show_legend, error) &&
         parse_title (options->title, &export_options->title, error);
}
