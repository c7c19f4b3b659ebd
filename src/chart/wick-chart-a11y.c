/* wick-chart-a11y.c: what the chart tells assistive technologies
 *
 * The accessible label is the market's title; the description says what is in view, in
 * sentences (wick-chart-description.c), then how to move it and its lines. It follows the
 * static part of the picture, coalesced so that a pan or a live feed does not rebuild it
 * many times a second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-chart-private.h"
#include "wick-chart-description.h"

/* A pan, a zoom or a live feed changes the view many times a second; the description is
 * rebuilt at most this often, this long after the first change. */
#define DESCRIPTION_DELAY_MS 300

void
_wick_chart_a11y_update_label (WickChart *self)
{
  WickMarket *market = wick_chart_state_get_market (self->state);
  g_autofree char *title = NULL;

  if (market == NULL)
    return;

  title = wick_market_dup_title (market);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

/* What is in view, in sentences (wick-chart-description.c), then how to move it and its
 * lines. */
static void
wick_chart_update_description (gpointer data)
{
  WickChart *self = data;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  WickScene scene;

  self->description_id = 0;

  wick_chart_state_fill_scene (self->state, &scene);
  text = wick_chart_description_build (&scene, wick_chart_state_get_viewport (self->state));
  description = g_strdup_printf ("%s %s %s", text,
                                 /* Translators: the end of the chart's description for screen
                                  * readers, after what it shows */
                                 _("Arrow keys pan, plus and minus zoom, Home shows every "
                                   "candle."),
                                 /* Translators: the last sentence of the chart's description
                                  * for screen readers, after how to pan and zoom */
                                 _("Alt+Up and Alt+Down select the next price line, Up and "
                                   "Down move it, Enter edits its label and the menu key opens "
                                   "its menu."));
  if (g_strcmp0 (description, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* The static part changed: the description follows a moment later. */
void
_wick_chart_a11y_queue_update (WickChart *self)
{
  if (self->description_id == 0)
    self->description_id = g_timeout_add_once (DESCRIPTION_DELAY_MS,
                                               wick_chart_update_description, self);
}

void
_wick_chart_a11y_dispose (WickChart *self)
{
  g_clear_handle_id (&self->description_id, g_source_remove);
}

/**
 * wick_chart_get_description:
 *
 * The accessible description set last. It follows changes to the view, the data, the lines
 * and the signals a moment later, at most a few times a second.
 *
 * Returns: (nullable): the text, %NULL before the first
 */
const char *
wick_chart_get_description (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return self->description;
}
