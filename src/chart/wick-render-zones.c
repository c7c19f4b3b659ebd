/* wick-render-zones.c: detected support and resistance zones, as faint bands with a pin
 *
 * Each zone of the scene is a band across the plot from its low to its high, in the
 * palette's translucent support or resistance colour, more opaque the stronger the zone.
 * The bands go under the candles. On screen, a zone whose centre is in view and which holds
 * no price line yet has a pin at the right end of its band: clicking it adds a line there
 * (wick-interaction-zones.c hit-tests the same square). The pins go over the candles and
 * under the lines, which win the pointer when both are within reach.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include "wick-render-zones.h"
#include "wick-render-private.h"

/* The weakest zone is drawn with this fraction of its colour's alpha; the strongest with
 * all of it. */
#define MIN_STRENGTH_ALPHA 0.35
/* The edges of a band are this many times as opaque as its inside. */
#define EDGE_ALPHA_FACTOR  2.5
/* The pin's corner radius, and its background's opacity while not hovered. */
#define PIN_RADIUS         3.0
#define PIN_FILL_ALPHA     0.9

/**
 * wick_render_zone_pin_rect:
 * @viewport: the mapping
 * @levels: (nullable): the price lines: a zone holding one has no pin
 * @zone: a zone
 * @rect: (out): the pin's square, in logical pixels, on whole pixels
 *
 * The pin of @zone: a %WICK_RENDER_ZONE_PIN_SIZE square centred on the zone's centre price,
 * %WICK_RENDER_ZONE_PIN_MARGIN from the plot's right edge. A zone has a pin when the square
 * lies wholly in the plot and no line of @levels is within the zone's low..high (a pinned
 * zone has one, at its centre).
 *
 * Returns: whether the zone has a pin; @rect is set either way
 */
gboolean
wick_render_zone_pin_rect (WickViewport   *viewport,
                           WickLevelStore *levels,
                           const WickZone *zone,
                           WickRect       *rect)
{
  guint i, n;
  WickRect plot;
  double y;

  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (levels == NULL || WICK_IS_LEVEL_STORE (levels), FALSE);
  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  wick_viewport_get_plot (viewport, &plot);
  y = wick_viewport_price_to_y (viewport, zone->mid);
  rect->x = floor (plot.x + plot.width - WICK_RENDER_ZONE_PIN_MARGIN - WICK_RENDER_ZONE_PIN_SIZE);
  rect->y = isfinite (y) ? floor (y - WICK_RENDER_ZONE_PIN_SIZE / 2) : -G_MAXDOUBLE;
  rect->width = WICK_RENDER_ZONE_PIN_SIZE;
  rect->height = WICK_RENDER_ZONE_PIN_SIZE;

  if (rect->x < plot.x || rect->y < plot.y ||
      rect->y + rect->height > plot.y + plot.height)
    return FALSE;

  n = levels != NULL ? wick_level_store_get_n_levels (levels) : 0;
  for (i = 0; i < n; i++)
    {
      const WickLevel *level = wick_level_store_get_level (levels, i);

      if (level->price >= zone->low && level->price <= zone->high)
        return FALSE;
    }

  return TRUE;
}

static const WickColor *
zone_color (const Frame    *f,
            const WickZone *zone)
{
  return zone->kind == WICK_ZONE_RESISTANCE ? &f->palette->zone_resistance
                                            : &f->palette->zone_support;
}

static void
draw_band (Frame          *f,
           const WickZone *zone)
{
  double top = frame_y (f, zone->high);
  double bottom = frame_y (f, zone->low);
  WickColor color = *zone_color (f, zone);

  /* Above or below the prices in view (or not a number): nothing to draw. */
  if (!(bottom >= f->plot.y && top <= f->plot.y + f->plot.height))
    return;

  /* Whole device pixels, at least one row. */
  top = MAX (round (top / f->dev_y) * f->dev_y, f->plot.y);
  bottom = MIN (round (bottom / f->dev_y) * f->dev_y, f->plot.y + f->plot.height);
  if (bottom - top < f->dev_y)
    bottom = top + f->dev_y;

  color.alpha *= MIN_STRENGTH_ALPHA + (1 - MIN_STRENGTH_ALPHA) * CLAMP (zone->strength, 0, 1);
  set_color (f->cr, &color);
  cairo_rectangle (f->cr, f->plot.x, top, f->plot.width, bottom - top);
  cairo_fill (f->cr);

  /* A thin, slightly stronger edge on each side, inside the band, so that neighbouring
   * bands stay apart. */
  if (bottom - top >= 3 * f->dev_y)
    {
      color.alpha = MIN (1, color.alpha * EDGE_ALPHA_FACTOR);
      set_color (f->cr, &color);
      cairo_rectangle (f->cr, f->plot.x, top, f->plot.width, f->dev_y);
      cairo_rectangle (f->cr, f->plot.x, bottom - f->dev_y, f->plot.width, f->dev_y);
      cairo_fill (f->cr);
    }
}

/* A push pin, upright, in the square at (@x, @y): cap, body, collar and needle. */
static void
pin_glyph_path (cairo_t *cr,
                double   x,
                double   y,
                double   size)
{
  double u = size / 14;

  /* On whole pixels at the nominal size, symmetric about the middle column pair. */
  cairo_rectangle (cr, x + 4 * u, y + 2 * u, 6 * u, 2 * u);
  cairo_rectangle (cr, x + 5 * u, y + 4 * u, 4 * u, 3 * u);
  cairo_rectangle (cr, x + 3 * u, y + 7 * u, 8 * u, 2 * u);
  cairo_rectangle (cr, x + 6 * u, y + 9 * u, 2 * u, 3 * u);
}

static void
rounded_square_path (cairo_t *cr,
                     double   x,
                     double   y,
                     double   size,
                     double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + size - radius, y + size - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + size - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The pin: a rounded square with a thin border and a push pin, in the zone's colour made
 * opaque, on the background; hovered, filled with that colour, the pin in label text. */
static void
draw_pin (Frame          *f,
          const WickZone *zone,
          const WickRect *rect,
          gboolean        is_hovered)
{
  cairo_t *cr = f->cr;
  WickColor color = *zone_color (f, zone);
  WickColor fill = f->palette->background;

  color.alpha = 1;
  fill.alpha = PIN_FILL_ALPHA;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  rounded_square_path (cr, rect->x + .5, rect->y + .5, rect->width - 1, PIN_RADIUS);
  set_color (cr, is_hovered ? &color : &fill);
  cairo_fill_preserve (cr);
  if (!is_hovered)
    color.alpha = 0.7;
  set_color (cr, &color);
  cairo_stroke (cr);

  color.alpha = 1;
  pin_glyph_path (cr, rect->x, rect->y, rect->width);
  set_color (cr, is_hovered ? &f->palette->label_text : &color);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* The bands of the scene's zones, under the candles; the caller clips to the plot. */
void
_wick_render_zones (Frame *f)
{
  WickZones *zones = f->scene->zones;
  guint i, n = zones != NULL ? wick_zones_get_n_zones (zones) : 0;

  for (i = 0; i < n; i++)
    draw_band (f, wick_zones_get_zone (zones, i));
}

/* The pins of the zones that have one, over the candles and under the lines; the hovered
 * one last, so it is on top. */
void
_wick_render_zone_pins (Frame *f)
{
  WickZones *zones = f->scene->zones;
  int hovered = f->scene->hovered_zone;
  guint i, n = zones != NULL ? wick_zones_get_n_zones (zones) : 0;
  WickRect rect;

  if (!f->scene->show_zone_pins)
    return;

  for (i = 0; i < n; i++)
    {
      const WickZone *zone = wick_zones_get_zone (zones, i);

      if ((int) i != hovered &&
          wick_render_zone_pin_rect (f->viewport, f->scene->levels, zone, &rect))
        draw_pin (f, zone, &rect, FALSE);
    }

  if (hovered >= 0 && (guint) hovered < n &&
      wick_render_zone_pin_rect (f->viewport, f->scene->levels,
                                 wick_zones_get_zone (zones, hovered), &rect))
    draw_pin (f, wick_zones_get_zone (zones, hovered), &rect, TRUE);
}
