/* wick-chart-menu.c: the context menu of a line
 *
 * One GtkPopoverMenu, a child of the chart, made on first use and given each line's menu
 * model; the window builds the model and its actions are looked up from the chart upwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include "wick-chart-private.h"

/* A popover is a child widget: it is placed again whenever the chart is. */
void
_wick_chart_menu_size_allocate (WickChart *self)
{
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

void
_wick_chart_menu_dispose (WickChart *self)
{
  g_clear_pointer (&self->menu, gtk_widget_unparent);
}

/**
 * wick_chart_popup_menu:
 * @model: the menu; its actions are looked up from the chart upwards
 * @x: where to point, in the chart's coordinates
 * @y: where to point
 *
 * Shows a context menu pointing at (@x, @y), such as the menu of a line.
 */
void
wick_chart_popup_menu (WickChart  *self,
                       GMenuModel *model,
                       double      x,
                       double      y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  g_return_if_fail (WICK_IS_CHART (self));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    {
      gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}
