/* wick-scene.c: what one frame of the chart shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-scene.h"

#include <string.h>

/**
 * wick_scene_init:
 * @scene: the scene to initialise
 * @market: (nullable): the market to draw, borrowed
 * @palette: (nullable): the colours, borrowed; the light palette when %NULL
 *
 * Resets every field: no level-of-detail pyramid (the renderer builds a temporary one when it
 * needs it), UTC, no title, volume and legend shown, no title block, no crosshair, no price
 * lines (nor a hovered, selected or dragged one), no zones (nor pins, nor a hovered one), no
 * signals (nor a selected one; their markers, of every kind, shown once there are some), no
 * indicator lines, no lower pane and no heatmap.
 */
void
wick_scene_init (WickScene         *scene,
                 WickMarket        *market,
                 const WickPalette *palette)
{
  g_return_if_fail (scene != NULL);

  memset (scene, 0, sizeof *scene);
  scene->market = market;
  scene->palette = palette != NULL ? palette : wick_palette_get (FALSE);
  scene->show_volume = TRUE;
  scene->show_legend = TRUE;
  scene->show_signal_markers = TRUE;
  scene->hovered_zone = -1;
  scene->selected_signal = -1;
  scene->lower_pane = WICK_LOWER_PANE_NONE;
}
