/* wick-chart-private.h: the chart widget's instance, shared by its files
 *
 * wick-chart.c holds the object, its properties and the frames it hands to GTK;
 * wick-chart-input.c the controllers, gestures and keys; wick-chart-menu.c the line's
 * context menu; wick-chart-a11y.c what assistive technologies are told; wick-chart-layers.c
 * what is drawn with the candles (zones, heatmap, signals, indicators).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-chart.h"
#include "wick-chart-state.h"

G_BEGIN_DECLS

struct _WickChart
{
  GtkWidget        parent_instance;

  WickChartState  *state;           /* Owned: what is shown */
  WickViewport    *viewport;        /* Borrowed from state */
  WickInteraction *interaction;     /* Borrowed from state */
  GdkTexture      *static_texture;  /* Owned: the static part at the current size */
  GtkWidget       *menu;            /* Owned child, nullable: the line's context menu */
  GtkGesture      *drag;            /* Borrowed: the primary button's gesture */
  char            *description;     /* Owned, nullable: the accessible description set last */
  guint            description_id;  /* the description's coalescing timeout */

  double           drag_start_x;
  double           drag_start_y;
  double           zoom_last_scale;

  guint            n_renders;
  guint            static_dirty : 1;
};

/* wick-chart-input.c */
void  _wick_chart_input_class_init     (GtkWidgetClass *widget_class);
void  _wick_chart_input_init           (WickChart      *self);

/* wick-chart-menu.c */
void  _wick_chart_menu_size_allocate   (WickChart      *self);
void  _wick_chart_menu_dispose         (WickChart      *self);

/* wick-chart-a11y.c */
void  _wick_chart_a11y_update_label    (WickChart      *self);
void  _wick_chart_a11y_queue_update    (WickChart      *self);
void  _wick_chart_a11y_dispose         (WickChart      *self);

G_END_DECLS
