/* wick-interaction-zones.c: the pins of the detected zones
 *
 * A zone's pin is the square wick_render_zone_pin_rect () gives, the one the renderer draws.
 * Only the pin is hit-tested, never the band, so a press on a band pans or grabs a line as
 * anywhere else; a line within reach wins over a pin. Pressing a pin and releasing on it
 * adds a user line at the zone's centre (wick-interaction-input.c calls
 * _wick_interaction_pin_zone ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-interaction"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-axis.h"
#include "wick-interaction.h"
#include "wick-interaction-private.h"
#include "wick-render-zones.h"

#include <math.h>

/* Prices from this up are labelled in thousands: "91.97–92.25k". */
#define THOUSANDS_FROM 1000.0

static inline gboolean
rect_contains (const WickRect *rect,
               double          x,
               double          y)
{
  return x >= rect->x && x < rect->x + rect->width &&
         y >= rect->y && y < rect->y + rect->height;
}

/**
 * wick_interaction_hit_test_pin:
 * @self: a #WickInteraction
 * @x: logical pixels
 * @y: logical pixels
 *
 * The zone whose pin (wick_render_zone_pin_rect ()) holds (@x, @y); where pins overlap, the
 * one whose centre is nearest. Lines are not looked at: callers test them first.
 *
 * Returns: the zone's index in the zones, or -1
 */
int
wick_interaction_hit_test_pin (WickInteraction *self,
                               double           x,
                               double           y)
{
  double best = G_MAXDOUBLE;
  int index = -1;
  guint i, n;

  g_return_val_if_fail (WICK_IS_INTERACTION (self), -1);

  if (self->zones == NULL || _wick_interaction_region_at (self, x, y) != REGION_PLOT)
    return -1;

  n = wick_zones_get_n_zones (self->zones);
  for (i = 0; i < n; i++)
    {
      const WickZone *zone = wick_zones_get_zone (self->zones, i);
      WickRect rect;
      double distance;

      if (!wick_render_zone_pin_rect (self->viewport, self->store, zone, &rect) ||
          !rect_contains (&rect, x, y))
        continue;

      distance = fabs (rect.y + rect.height / 2 - y);
      if (distance < best)
        {
          best = distance;
          index = (int) i;
        }
    }

  return index;
}

void
_wick_interaction_set_hovered_pin (WickInteraction *self,
                                   int              index)
{
  if (self->hovered_pin == index)
    return;

  self->hovered_pin = index;
  self->static_dirty = TRUE;
}

/* "91.97–92.25k" from 1,000 up, else both prices as quoted ("0.5012–0.5104"). */
static char *
format_zone_range (const WickZone *zone)
{
  char low[64], high[64];

  if (zone->low >= THOUSANDS_FROM)
    {
      wick_format_price_into (low, sizeof low, zone->low / 1000, 2);
      wick_format_price_into (high, sizeof high, zone->high / 1000, 2);
      return g_strdup_printf ("%s–%sk", low, high);
    }

  wick_format_price_into (low, sizeof low, zone->low, wick_price_decimals (zone->low));
  wick_format_price_into (high, sizeof high, zone->high, wick_price_decimals (zone->low));
  return g_strdup_printf ("%s–%s", low, high);
}

/* Adds the line of zone @index: at its centre, labelled with its kind and range, pinned
 * from the zone; one undo step. */
void
_wick_interaction_pin_zone (WickInteraction *self,
                            int              index)
{
  g_autofree char *range = NULL;
  g_autofree char *label = NULL;
  const WickZone *zone;

  g_assert (WICK_IS_INTERACTION (self));

  if (self->store == NULL || self->zones == NULL || index < 0 ||
      (guint) index >= wick_zones_get_n_zones (self->zones))
    return;

  zone = wick_zones_get_zone (self->zones, index);
  range = format_zone_range (zone);
  if (zone->kind == WICK_ZONE_RESISTANCE)
    /* Translators: the label of a line made from a detected resistance zone; %s is the
     * zone's price range, as in “93.70–94.02k” (k: thousands) */
    label = g_strdup_printf (_("Resistance zone %s"), range);
  else
    /* Translators: the label of a line made from a detected support zone; %s is the zone's
     * price range, as in “91.97–92.25k” (k: thousands) */
    label = g_strdup_printf (_("Support zone %s"), range);

  _wick_interaction_add_line (self, zone->mid, label, WICK_LEVEL_ORIGIN_PINNED_ZONE);
}

/**
 * wick_interaction_get_hovered_pin:
 * @self: a #WickInteraction
 *
 * Returns: the zone whose pin is under the pointer (or pressed, while the pointer is on
 *   it), as an index into the zones; -1 for none
 */
int
wick_interaction_get_hovered_pin (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), -1);

  if (self->zones == NULL || self->hovered_pin < 0 ||
      (guint) self->hovered_pin >= wick_zones_get_n_zones (self->zones))
    return -1;

  return self->hovered_pin;
}

/**
 * wick_interaction_get_zones:
 * @self: a #WickInteraction
 *
 * Returns: (transfer none) (nullable): the zones whose pins the pointer can click
 */
WickZones *
wick_interaction_get_zones (WickInteraction *self)
{
  g_return_val_if_fail (WICK_IS_INTERACTION (self), NULL);

  return self->zones;
}

/**
 * wick_interaction_set_zones:
 * @self: a #WickInteraction
 * @zones: (nullable): the zones detected on the series (a reference is taken)
 *
 * New zones (a new market, new candles) end a press on a pin and clear the hovered pin;
 * the pin under the pointer, if any, is found again. The static part changes.
 */
void
wick_interaction_set_zones (WickInteraction *self,
                            WickZones       *zones)
{
  g_return_if_fail (WICK_IS_INTERACTION (self));

  if (self->zones == zones)
    return;

  _wick_interaction_begin (self);
  if (self->state == STATE_PIN_PRESSED)
    _wick_interaction_end_gesture (self);
  g_clear_pointer (&self->zones, wick_zones_unref);
  if (zones != NULL)
    self->zones = wick_zones_ref (zones);
  _wick_interaction_set_hovered_pin (self, -1);
  _wick_interaction_update_hover (self);
  self->static_dirty = TRUE;
  _wick_interaction_end (self);
}
