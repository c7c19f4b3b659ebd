/* wick-render-private.h: what the renderer's files share
 *
 * One Frame per call of wick_render_static() or wick_render_overlay(): the viewport read once,
 * the fonts and the one Pango layout. wick-render.c sets frames up and draws the static part
 * and the price lines, wick-render-candles.c the candles and their volume,
 * wick-render-heatmap.c the liquidation heatmap with its legend and bubbles,
 * wick-render-zones.c the detected zones' bands and pins, wick-render-signals.c the signal
 * markers, wick-render-indicators.c the indicator lines and their legend,
 * wick-render-pane.c the lower indicator pane (RSI or MACD), wick-render-overlay.c what moves
 * (the line being dragged among it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-render.h"

#include <math.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Space between text and what it sits beside, in logical pixels. */
#define TEXT_PAD      8.0
/* Prices are clamped to this before taking logarithms. */
#define MIN_LOG_PRICE 1e-12

/* One run of text as _wick_render_show_text() would draw it, for a text sink. */
typedef struct
{
  PangoLayout     *layout;  /* Borrowed: the text, its font and its lines */
  const WickColor *color;   /* Borrowed */
  double           x;       /* the layout's top-left corner, in user units */
  double           y;
  WickRect         box;     /* the logical box the text covers */
} WickRenderTextRun;

/* Called instead of drawing the glyphs of each run, with the run's colour as the source and
 * inside a cairo_save(); whatever it draws stands in for the text. The SVG export uses it to
 * write real text elements. */
typedef void (*WickRenderTextSink) (cairo_t                 *cr,
                                    const WickRenderTextRun *run,
                                    gpointer                 user_data);

typedef struct
{
  cairo_t                    *cr;             /* Borrowed */
  WickRenderTextSink          text_sink;      /* nullable: draw glyphs */
  gpointer                    text_sink_data; /* Borrowed */
  const WickScene            *scene;          /* Borrowed */
  const WickPalette          *palette;        /* Borrowed */
  WickViewport               *viewport;       /* Borrowed */
  WickSeries                 *series;         /* Borrowed, nullable */
  const WickCandle           *candles;        /* Borrowed from series */
  guint                       n_candles;
  gint64                      interval_ms;
  double                      width;
  double                      height;
  WickRect                    plot;
  double                      from_ms;
  double                      to_ms;
  double                      space_low;      /* price range in axis space (log or linear) */
  double                      space_high;
  gboolean                    log_scale;
  double                      dev_x;          /* one device pixel, in user units */
  double                      dev_y;
  double                      content_top;    /* top of the plot, under any title block */
  PangoLayout                *layout;         /* Owned: one per call, reused for every label */
  PangoFontDescription       *axis_font;      /* Owned */
  PangoFontDescription       *axis_bold_font; /* Owned */
  PangoFontDescription       *legend_font;    /* Owned */
  PangoFontDescription       *title_font;     /* Owned */
  const PangoFontDescription *current_font;   /* Borrowed: the layout's font */
  PangoRectangle              extents;        /* logical extents of the layout's text */
} Frame;

static inline void
set_color (cairo_t         *cr,
           const WickColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* The same expressions as wick_viewport_time_to_x() and wick_viewport_price_to_y(), inlined
 * with the viewport read once per frame. */
static inline double
frame_x (const Frame *f,
         double       time_ms)
{
  return f->plot.x + (time_ms - f->from_ms) / (f->to_ms - f->from_ms) * f->plot.width;
}

static inline double
frame_y (const Frame *f,
         double       price)
{
  double value = f->log_scale ? log (MAX (price, MIN_LOG_PRICE)) : price;

  return f->plot.y + f->plot.height -
         (value - f->space_low) / (f->space_high - f->space_low) * f->plot.height;
}

/* Whether item @index of @data is past some boundary: FALSE up to an index, TRUE from there
 * on, as candles' or signals' times are past a pixel column. */
typedef gboolean (*WickRenderIsPast) (gconstpointer data,
                                      guint         index);

void     _wick_render_set_text_sink    (cairo_t                     *cr,
                                        WickRenderTextSink           sink,
                                        gpointer                     user_data);
void     _wick_render_frame_init       (Frame                       *f,
                                        cairo_t                     *cr,
                                        const WickScene             *scene,
                                        WickViewport                *viewport);
void     _wick_render_frame_clear      (Frame                       *f);
void     _wick_render_set_text         (Frame                       *f,
                                        const PangoFontDescription  *font,
                                        const char                  *text,
                                        double                      *width,
                                        double                      *height);
void     _wick_render_show_text        (Frame                       *f,
                                        double                       x,
                                        double                       y,
                                        const WickColor             *color);
void     _wick_render_price_label      (Frame                       *f,
                                        double                       y,
                                        const char                  *text,
                                        const WickColor             *background,
                                        const WickColor             *foreground);
double   _wick_render_market_line      (Frame                       *f,
                                        gboolean                     draw);
guint    _wick_render_first_opening_at (const Frame                 *f,
                                        guint                        lo,
                                        double                       time_ms);
guint    _wick_render_first_past       (WickRenderIsPast             is_past,
                                        gconstpointer                data,
                                        guint                        lo,
                                        guint                        hi,
                                        guint                        guess);
void     _wick_render_candles          (Frame                       *f);
void     _wick_render_heatmap          (Frame                       *f);
void     _wick_render_heatmap_bubbles  (Frame                       *f);
void     _wick_render_heatmap_legend   (Frame                       *f);
gboolean _wick_render_indicator_range  (const Frame                 *f,
                                        const WickCandle           **candles,
                                        gint64                      *interval_ms,
                                        guint                       *first,
                                        guint                       *end);
void     _wick_render_indicator_path   (Frame                       *f,
                                        const WickCandle            *candles,
                                        gint64                       interval_ms,
                                        const double                *values,
                                        guint                        first,
                                        guint                        end);
void     _wick_render_indicators       (Frame                       *f);
void     _wick_render_indicator_legend (Frame                       *f);
void     _wick_render_lower_pane       (Frame                       *f);
void     _wick_render_level            (Frame                       *f,
                                        const WickLevel             *level,
                                        double                       price,
                                        gboolean                     is_hovered,
                                        gboolean                     is_selected);
void     _wick_render_level_label      (Frame                       *f,
                                        const WickLevel             *level,
                                        double                       price);
void     _wick_render_signals          (Frame                       *f);
void     _wick_render_zones            (Frame                       *f);
void     _wick_render_zone_pins        (Frame                       *f);

G_END_DECLS
