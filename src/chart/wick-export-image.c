/* wick-export-image.c: the layout of an exported picture, and the picture as pixels
 *
 * wick_export() and wick_export_render_image() lay the scene out the same way, so what goes on
 * the clipboard is what a PNG of the same size would hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-export"

#include "config.h"

#include "wick-export.h"

#include "wick-export-private.h"
#include "wick-render.h"

#include <glib/gi18n-lib.h>

#include <math.h>

/* Cairo image surfaces stop at 32767 pixels a side. */
#define MAX_DEVICE_SIDE 32767

/**
 * _wick_export_prepare:
 * @scene: what to draw
 * @viewport: the view it is drawn in; not modified
 * @width: logical width of the picture
 * @height: logical height
 * @local_scene: (out caller-allocates): @scene, with a palette, and its crosshair moved to
 *   where the new layout puts the same time and price
 *
 * Returns: (transfer full): a copy of @viewport at @width × @height, with room for the title
 *   block (when @scene shows it) and the lower pane, its prices refitted to the candles in
 *   view when auto-price is on
 */
WickViewport *
_wick_export_prepare (const WickScene *scene,
                      WickViewport    *viewport,
                      int              width,
                      int              height,
                      WickScene       *local_scene)
{
  WickViewport *view;

  g_assert (scene != NULL);
  g_assert (WICK_IS_VIEWPORT (viewport));
  g_assert (local_scene != NULL);

  *local_scene = *scene;
  if (local_scene->palette == NULL)
    local_scene->palette = wick_palette_get (FALSE);

  view = wick_viewport_dup (viewport);
  wick_viewport_set_size (view, width, height);
  wick_viewport_set_header_height (view, scene->show_title_block ? WICK_RENDER_TITLE_BLOCK_HEIGHT
                                                                 : 0);
  wick_viewport_set_lower_pane_height (view, scene->lower_pane != WICK_LOWER_PANE_NONE
                                             ? wick_viewport_lower_pane_height_for (height)
                                             : 0);
  if (scene->market != NULL && wick_viewport_get_auto_price (view))
    wick_viewport_fit_prices (view, wick_market_get_series (scene->market));

  if (scene->has_crosshair)
    {
      double time_ms = wick_viewport_x_to_time (viewport, scene->crosshair_x);
      double price = wick_viewport_y_to_price (viewport, scene->crosshair_y);

      local_scene->crosshair_x = wick_viewport_time_to_x (view, time_ms);
      local_scene->crosshair_y = wick_viewport_price_to_y (view, price);
    }

  return view;
}

/**
 * wick_export_render_image:
 * @scene: what to draw, as for wick_export()
 * @viewport: the view; not modified
 * @width: logical width, at least 1
 * @height: logical height, at least 1
 * @scale: device pixels per logical pixel, 1 to 4
 * @error: #WICK_EXPORT_ERROR_SIZE when the picture would be too large to hold
 *
 * Draws what wick_export() would write as a PNG, into memory.
 *
 * Returns: (transfer full) (nullable): an opaque ARGB32 image of @width·@scale ×
 *   @height·@scale pixels, rounded up, flushed
 */
cairo_surface_t *
wick_export_render_image (const WickScene  *scene,
                          WickViewport     *viewport,
                          int               width,
                          int               height,
                          double            scale,
                          GError          **error)
{
  g_autoptr(WickViewport) view = NULL;
  const WickColor *background;
  cairo_surface_t *surface;
  WickScene local_scene;
  int device_width, device_height;
  cairo_t *cr;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  device_width = (int) ceil (width * scale);
  device_height = (int) ceil (height * scale);
  if (width < 1 || height < 1 || !isfinite (scale) || scale < 1 || scale > 4 ||
      device_width > MAX_DEVICE_SIDE || device_height > MAX_DEVICE_SIDE)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Size %d×%d at scale %g is too large to render"), width, height, scale);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, device_width, device_height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Could not make a %d×%d image: %s"), device_width, device_height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  view = _wick_export_prepare (scene, viewport, width, height, &local_scene);
  background = &local_scene.palette->background;

  cr = cairo_create (surface);
  /* Opaque everywhere, whatever the renderer leaves: a pasted picture has no holes. */
  cairo_set_source_rgb (cr, background->red, background->green, background->blue);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  wick_render (cr, &local_scene, view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}
