/* wick-viewport.h: the visible time and price window and its mapping to pixels
 *
 * Pure math: no GTK, no drawing. The widget and the exporter both drive one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-series.h"

G_BEGIN_DECLS

/* Space around the plot for the axes, in device-independent pixels. */
#define WICK_VIEWPORT_AXIS_WIDTH  76.0
#define WICK_VIEWPORT_AXIS_HEIGHT 26.0
/* The lower indicator pane: its least height, gap included, and the gap above it. */
#define WICK_VIEWPORT_LOWER_PANE_MIN 80.0
#define WICK_VIEWPORT_LOWER_PANE_GAP 6.0

#define WICK_TYPE_VIEWPORT (wick_viewport_get_type ())

G_DECLARE_FINAL_TYPE (WickViewport, wick_viewport, WICK, VIEWPORT, GObject)

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} WickRect;

WickViewport *wick_viewport_new                   (void);
WickViewport *wick_viewport_dup                   (WickViewport *self);
void          wick_viewport_set_size              (WickViewport *self,
                                                   double        width,
                                                   double        height);
double        wick_viewport_get_width             (WickViewport *self);
double        wick_viewport_get_height            (WickViewport *self);
void          wick_viewport_set_header_height     (WickViewport *self,
                                                   double        header_height);
double        wick_viewport_get_header_height     (WickViewport *self);
void          wick_viewport_get_plot              (WickViewport *self,
                                                   WickRect     *plot);
double        wick_viewport_lower_pane_height_for (double        height);
void          wick_viewport_set_lower_pane_height (WickViewport *self,
                                                   double        height);
double        wick_viewport_get_lower_pane_height (WickViewport *self);
gboolean      wick_viewport_get_lower_pane        (WickViewport *self,
                                                   WickRect     *pane);
void          wick_viewport_set_time_range        (WickViewport *self,
                                                   double        from_ms,
                                                   double        to_ms);
void          wick_viewport_get_time_range        (WickViewport *self,
                                                   double       *from_ms,
                                                   double       *to_ms);
void          wick_viewport_set_price_range       (WickViewport *self,
                                                   double        low,
                                                   double        high);
void          wick_viewport_get_price_range       (WickViewport *self,
                                                   double       *low,
                                                   double       *high);
gboolean      wick_viewport_get_log_scale         (WickViewport *self);
void          wick_viewport_set_log_scale         (WickViewport *self,
                                                   gboolean      log_scale);
gboolean      wick_viewport_get_auto_price        (WickViewport *self);
void          wick_viewport_set_auto_price        (WickViewport *self,
                                                   gboolean      auto_price);
double        wick_viewport_time_to_x             (WickViewport *self,
                                                   double        time_ms);
double        wick_viewport_x_to_time             (WickViewport *self,
                                                   double        x);
double        wick_viewport_price_to_y            (WickViewport *self,
                                                   double        price);
double        wick_viewport_y_to_price            (WickViewport *self,
                                                   double        y);
double        wick_viewport_get_ms_per_pixel      (WickViewport *self);
void          wick_viewport_zoom_time_at          (WickViewport *self,
                                                   double        x,
                                                   double        factor);
void          wick_viewport_zoom_price_at         (WickViewport *self,
                                                   double        y,
                                                   double        factor);
void          wick_viewport_pan                   (WickViewport *self,
                                                   double        dx,
                                                   double        dy);
void          wick_viewport_fit_prices            (WickViewport *self,
                                                   WickSeries   *series);
void          wick_viewport_fit_all               (WickViewport *self,
                                                   WickSeries   *series);
void          wick_viewport_show_range            (WickViewport *self,
                                                   WickSeries   *series,
                                                   gint64        from_ms,
                                                   gint64        to_ms);
void          wick_viewport_clamp_to_series       (WickViewport *self,
                                                   WickSeries   *series);

G_END_DECLS
