/* wick-export-settings.c: the Save Image choices, as the window remembers them
 *
 * The dialog edits a WickExportChoices; the settings keep it between runs. Without the schema
 * installed the window keeps its choices in memory only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-export-settings.h"

#include <string.h>

/**
 * wick_export_choices_init:
 *
 * The schema's defaults: PNG at the size of the view, scale 1, the window's style, and
 * everything but the crosshair.
 */
void
wick_export_choices_init (WickExportChoices *choices)
{
  g_return_if_fail (choices != NULL);

  memset (choices, 0, sizeof *choices);
  choices->format = WICK_EXPORT_FORMAT_PNG;
  choices->size = WICK_EXPORT_SIZE_VIEW;
  choices->custom_width = 1920;
  choices->custom_height = 1080;
  choices->scale = 1;
  choices->theme = WICK_EXPORT_THEME_WINDOW;
  choices->show_heatmap = TRUE;
  choices->show_levels = TRUE;
  choices->show_signals = TRUE;
  choices->show_legend = TRUE;
}

/**
 * wick_export_choices_load:
 * @settings: (nullable): the application's settings; %NULL leaves @choices alone
 */
void
wick_export_choices_load (WickExportChoices *choices,
                          GSettings         *settings)
{
  g_return_if_fail (choices != NULL);

  if (settings == NULL)
    return;

  choices->format = g_settings_get_enum (settings, "export-format");
  choices->size = g_settings_get_enum (settings, "export-size");
  choices->custom_width = g_settings_get_int (settings, "export-width");
  choices->custom_height = g_settings_get_int (settings, "export-height");
  choices->scale = g_settings_get_int (settings, "export-scale");
  choices->theme = g_settings_get_enum (settings, "export-theme");
  choices->show_heatmap = g_settings_get_boolean (settings, "export-heatmap");
  choices->show_levels = g_settings_get_boolean (settings, "export-levels");
  choices->show_signals = g_settings_get_boolean (settings, "export-signals");
  choices->show_crosshair = g_settings_get_boolean (settings, "export-crosshair");
  choices->show_legend = g_settings_get_boolean (settings, "export-legend");
}

/**
 * wick_export_choices_save:
 * @settings: (nullable): the application's settings; nothing is kept when %NULL
 */
void
wick_export_choices_save (const WickExportChoices *choices,
                          GSettings               *settings)
{
  g_return_if_fail (choices != NULL);

  if (settings == NULL)
    return;

  g_settings_set_enum (settings, "export-format", choices->format);
  g_settings_set_enum (settings, "export-size", choices->size);
  g_settings_set_int (settings, "export-width", choices->custom_width);
  g_settings_set_int (settings, "export-height", choices->custom_height);
  g_settings_set_int (settings, "export-scale", choices->scale);
  g_settings_set_enum (settings, "export-theme", choices->theme);
  g_settings_set_boolean (settings, "export-heatmap", choices->show_heatmap);
  g_settings_set_boolean (settings, "export-levels", choices->show_levels);
  g_settings_set_boolean (settings, "export-signals", choices->show_signals);
  g_settings_set_boolean (settings, "export-crosshair", choices->show_crosshair);
  g_settings_set_boolean (settings, "export-legend", choices->show_legend);
}

/**
 * wick_export_choices_to_options:
 * @view_width: the chart's width on screen, for WICK_EXPORT_SIZE_VIEW
 * @view_height: its height
 * @window_dark: whether the window is dark, for WICK_EXPORT_THEME_WINDOW
 * @options: (out caller-allocates): what to draw; clear it with wick_export_options_clear()
 */
void
wick_export_choices_to_options (const WickExportChoices *choices,
                                int                      view_width,
                                int                      view_height,
                                gboolean                 window_dark,
                                WickExportOptions       *options)
{
  g_return_if_fail (choices != NULL);
  g_return_if_fail (options != NULL);

  wick_export_options_init (options);
  options->format = choices->format;

  switch (choices->size)
    {
    case WICK_EXPORT_SIZE_FULL_HD:
      options->width = 1920;
      options->height = 1080;
      break;

    case WICK_EXPORT_SIZE_4K:
      options->width = 3840;
      options->height = 2160;
      break;

    case WICK_EXPORT_SIZE_CUSTOM:
      options->width = choices->custom_width;
      options->height = choices->custom_height;
      break;

    case WICK_EXPORT_SIZE_VIEW:
    default:
      options->width = view_width;
      options->height = view_height;
      break;
    }

  options->scale = CLAMP (choices->scale, 1, 4);
  options->dark = choices->theme == WICK_EXPORT_THEME_WINDOW ? window_dark
                                                             : choices->theme == WICK_EXPORT_THEME_DARK;
  options->show_heatmap = choices->show_heatmap;
  options->show_levels = choices->show_levels;
  options->show_signals = choices->show_signals;
  options->show_crosshair = choices->show_crosshair;
  options->show_legend = choices->show_legend;
}
