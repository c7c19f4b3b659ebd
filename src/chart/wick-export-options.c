/* wick-export-options.c: what a saved picture holds, chosen in the window or on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-export-options.h"

#include "wick-palette.h"

#include <string.h>

/**
 * wick_export_options_init:
 * @options: (out caller-allocates): the options to reset
 *
 * A 1920×1080 PNG at scale 1, light, with everything the scene has but the crosshair.
 */
void
wick_export_options_init (WickExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = WICK_EXPORT_FORMAT_PNG;
  options->width = 1920;
  options->height = 1080;
  options->scale = 1.0;
  options->show_heatmap = TRUE;
  options->show_levels = TRUE;
  options->show_signals = TRUE;
  options->show_legend = TRUE;
}

void
wick_export_options_clear (WickExportOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->title, g_free);
}

/**
 * wick_export_options_apply:
 * @options: the choices
 * @scene: a scene as the chart draws it; changed into the one to save
 *
 * Sets the palette (of @options' theme, keeping the scene's up and down colours), the title
 * block and the title, and leaves out what @options turn off.
 * Pointer states (hovered and selected lines, zone pins, the selected signal, a line being
 * dragged) belong to the screen and are left out too. @options->title is borrowed by
 * @scene.
 */
void
wick_export_options_apply (const WickExportOptions *options,
                           WickScene               *scene)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (scene != NULL);

  /* The theme is the picture's own; blue and orange candles stay as the screen has them. */
  scene->palette = wick_palette_get_full (options->dark,
                                          scene->palette != NULL &&
                                          wick_palette_is_colorblind (scene->palette));
  scene->show_title_block = TRUE;
  if (options->title != NULL && options->title[0] != '\0')
    scene->title = options->title;

  scene->hovered_level_id = 0;
  scene->selected_level_id = 0;
  scene->drag_level_id = 0;
  scene->hovered_zone = -1;
  scene->show_zone_pins = FALSE;
  scene->selected_signal = -1;

  if (!options->show_heatmap)
    scene->show_heatmap = FALSE;
  if (!options->show_levels)
    {
      scene->levels = NULL;
      scene->zones = NULL;
    }
  scene->show_signal_markers = options->show_signals;
  scene->has_crosshair = scene->has_crosshair && options->show_crosshair;
  scene->show_legend = options->show_legend;
}

/**
 * wick_export_format_get_extension:
 *
 * Returns: ".png", ".svg" or ".pdf"
 */
const char *
wick_export_format_get_extension (WickExportFormat format)
{
  switch (format)
    {
    case WICK_EXPORT_FORMAT_SVG:
      return ".svg";
    case WICK_EXPORT_FORMAT_PDF:
      return ".pdf";
    case WICK_EXPORT_FORMAT_PNG:
    default:
      return ".png";
    }
}
