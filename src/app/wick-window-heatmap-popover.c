/* wick-window-heatmap-popover.c: the heatmap popover's controls, which the options follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-bucket-spin.h"
#include "wick-heatmap-settings.h"
#include "wick-window-heatmap-private.h"

/* The tier buttons, in the order of the default configuration's tiers; and the side buttons,
 * in WickHeatmapSide order. */
static const char * const tier_ids[] = { "tier_10", "tier_25", "tier_50", "tier_100" };
static const char * const side_ids[] = { "side_long", "side_short", "side_both" };

G_STATIC_ASSERT (G_N_ELEMENTS (tier_ids) == WICK_WINDOW_HEATMAP_N_TIERS);
G_STATIC_ASSERT (G_N_ELEMENTS (side_ids) == WICK_WINDOW_HEATMAP_N_SIDES);

void
_wick_window_heatmap_sync_controls (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;
  GtkCheckButton *side;

  h->is_syncing = TRUE;
  gtk_switch_set_active (h->visible_switch, h->is_visible);
  gtk_widget_set_sensitive (h->options_box, h->is_visible);
  gtk_adjustment_set_value (h->low_adjustment, h->options.threshold_low);
  gtk_adjustment_set_value (h->high_adjustment, h->options.threshold_high);
  gtk_adjustment_set_value (h->bucket_adjustment, h->options.bucket_size);
  for (guint i = 0; i < G_N_ELEMENTS (tier_ids); i++)
    gtk_check_button_set_active (h->tier_buttons[i], (h->options.tiers & (1u << i)) != 0);
  side = h->side_buttons[wick_heatmap_side_from_sides (h->options.sides)];
  if (!gtk_check_button_get_active (side))
    gtk_check_button_set_active (side, TRUE);
  h->is_syncing = FALSE;
}

/* A control changed: the options follow it, then the settings. */
static void
on_control_changed_cb (WickWindow *self,
                       gpointer    control)
{
  WickWindowHeatmap *h = self->heatmap;
  WickHeatmapOptions options;

  if (h == NULL || h->is_syncing)
    return;

  options = h->options;

  options.threshold_low = gtk_adjustment_get_value (h->low_adjustment);
  options.threshold_high = gtk_adjustment_get_value (h->high_adjustment);
  /* The handles do not cross: the one moved pushes the other. */
  if (options.threshold_low > options.threshold_high)
    {
      if (control == (gpointer) h->low_adjustment)
        options.threshold_high = options.threshold_low;
      else
        options.threshold_low = options.threshold_high;
    }

  options.bucket_size = gtk_adjustment_get_value (h->bucket_adjustment);
  options.tiers = 0;
  for (guint i = 0; i < G_N_ELEMENTS (tier_ids); i++)
    {
      if (gtk_check_button_get_active (h->tier_buttons[i]))
        options.tiers |= 1u << i;
    }

  _wick_window_heatmap_apply (self, &options, gtk_switch_get_active (h->visible_switch));
  _wick_window_heatmap_save (self);
}

/* A side was chosen; the one left is not a change. */
static void
on_side_toggled_cb (WickWindow     *self,
                    GtkCheckButton *button)
{
  WickWindowHeatmap *h = self->heatmap;
  WickHeatmapOptions options;

  if (h == NULL || h->is_syncing || !gtk_check_button_get_active (button))
    return;

  options = h->options;
  for (guint i = 0; i < G_N_ELEMENTS (side_ids); i++)
    {
      if (h->side_buttons[i] == button)
        options.sides = wick_heatmap_sides_from_side (i);
    }

  _wick_window_heatmap_apply (self, &options, h->is_visible);
  _wick_window_heatmap_save (self);
}

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  /* Translators: a share of the largest cell of the heatmap, as in “85 %” */
  return g_strdup_printf (_("%.0f %%"), value * 100);
}

#define GET(builder, name) (gtk_builder_get_object ((builder), (name)))

void
_wick_window_heatmap_build_popover (WickWindow *self)
{
  WickWindowHeatmap *h = self->heatmap;
  g_autoptr(GtkBuilder) builder = NULL;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/wick-heatmap-popover.ui");
  gtk_menu_button_set_popover (self->heatmap_menu_button, GTK_WIDGET (GET (builder, "popover")));

  h->visible_switch = GTK_SWITCH (GET (builder, "visible_switch"));
  h->options_box = GTK_WIDGET (GET (builder, "options_box"));
  h->low_adjustment = GTK_ADJUSTMENT (GET (builder, "low_adjustment"));
  h->high_adjustment = GTK_ADJUSTMENT (GET (builder, "high_adjustment"));
  h->bucket_adjustment = GTK_ADJUSTMENT (GET (builder, "bucket_adjustment"));

  g_signal_connect_object (h->visible_switch, "notify::active",
                           G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (h->low_adjustment, "value-changed",
                           G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (h->high_adjustment, "value-changed",
                           G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (h->bucket_adjustment, "value-changed",
                           G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (tier_ids); i++)
    {
      h->tier_buttons[i] = GTK_CHECK_BUTTON (GET (builder, tier_ids[i]));
      g_signal_connect_object (h->tier_buttons[i], "toggled",
                               G_CALLBACK (on_control_changed_cb), self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < G_N_ELEMENTS (side_ids); i++)
    {
      h->side_buttons[i] = GTK_CHECK_BUTTON (GET (builder, side_ids[i]));
      g_signal_connect_object (h->side_buttons[i], "toggled",
                               G_CALLBACK (on_side_toggled_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_scale_set_format_value_func (GTK_SCALE (GET (builder, "low_scale")),
                                   format_percent_cb, NULL, NULL);
  gtk_scale_set_format_value_func (GTK_SCALE (GET (builder, "high_scale")),
                                   format_percent_cb, NULL, NULL);

  wick_bucket_spin_attach (GTK_SPIN_BUTTON (GET (builder, "bucket_spin")));
}

#undef GET
