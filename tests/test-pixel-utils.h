/* test-pixel-utils.h: rendering a frame and reading its pixels, for render and window tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "wick-render.h"

/* The static part of @scene on a fresh opaque ARGB32 surface of @width × @height. */
static inline cairo_surface_t *
test_render_static (const WickScene *scene,
                    WickViewport    *viewport,
                    int              width,
                    int              height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  wick_render_static (cr, scene, viewport);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Whether the pixel at (@x, @y) is within @tolerance of @color in every channel; outside
 * the surface it is not. Every pixel of a frame is opaque, so premultiplication changes
 * nothing. */
static inline gboolean
test_pixel_is (cairo_surface_t *surface,
               int              x,
               int              y,
               const WickColor *color,
               double           tolerance)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  if (x < 0 || y < 0 ||
      x >= cairo_image_surface_get_width (surface) ||
      y >= cairo_image_surface_get_height (surface))
    return FALSE;

  pixel = *(guint32 *) (data + (gsize) y * stride + 4 * x);
  return fabs (((pixel >> 16) & 0xff) / 255. - color->red) < tolerance &&
         fabs (((pixel >> 8) & 0xff) / 255. - color->green) < tolerance &&
         fabs ((pixel & 0xff) / 255. - color->blue) < tolerance;
}

/* Pixels of @color in columns x0..x1 and rows y0..y1, both inclusive. */
static inline guint
test_count_color (cairo_surface_t *surface,
                  int              x0,
                  int              y0,
                  int              x1,
                  int              y1,
                  const WickColor *color,
                  double           tolerance)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = MAX (y0, 0); y <= MIN (y1, height - 1); y++)
    for (int x = MAX (x0, 0); x <= MIN (x1, width - 1); x++)
      n += test_pixel_is (surface, x, y, color, tolerance);

  return n;
}

/* Whether the pixel at @bgra is within @tolerance (of 255) of @color in every channel. A
 * GdkTexture downloads as BGRA bytes, and so reads an opaque ARGB32 surface on a
 * little-endian machine. */
static inline gboolean
test_bgra_is (const guint8    *bgra,
              const WickColor *color,
              int              tolerance)
{
  return ABS (bgra[2] - (int) (color->red * 255 + 0.5)) <= tolerance &&
         ABS (bgra[1] - (int) (color->green * 255 + 0.5)) <= tolerance &&
         ABS (bgra[0] - (int) (color->blue * 255 + 0.5)) <= tolerance;
}

/* Pixels of @color among the @n_pixels BGRA pixels at @pixels. */
static inline gsize
test_bgra_count (const guint8    *pixels,
                 gsize            n_pixels,
                 const WickColor *color,
                 int              tolerance)
{
  gsize n = 0;

  for (gsize i = 0; i < n_pixels; i++)
    n += test_bgra_is (pixels + i * 4, color, tolerance);

  return n;
}

/* The index of the first pixel of @color among the @n_pixels BGRA pixels at @pixels, or -1. */
static inline gssize
test_bgra_find (const guint8    *pixels,
                gsize            n_pixels,
                const WickColor *color,
                int              tolerance)
{
  for (gsize i = 0; i < n_pixels; i++)
    if (test_bgra_is (pixels + i * 4, color, tolerance))
      return (gssize) i;

  return -1;
}
