/* wick-viewport.c: the visible time and price window and its mapping to pixels
 *
 * The object, its size and ranges, the mapping between time/price and pixels, zoom and pan.
 * Fitting the ranges to a series lives in wick-viewport-fit.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-viewport"

#include "config.h"

#include "wick-viewport-private.h"

#include <math.h>
#include <string.h>

/* Smallest price span, relative to the price, so a flat range never divides by zero. */
#define MIN_PRICE_SPAN  1e-9

G_DEFINE_FINAL_TYPE (WickViewport, wick_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOG_SCALE,
  PROP_AUTO_PRICE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
view_state_equal (const ViewState *a,
                  const ViewState *b)
{
  return a->width == b->width &&
         a->height == b->height &&
         a->header_height == b->header_height &&
         a->lower_pane_height == b->lower_pane_height &&
         a->from_ms == b->from_ms &&
         a->to_ms == b->to_ms &&
         a->low == b->low &&
         a->high == b->high &&
         a->log_scale == b->log_scale &&
         a->auto_price == b->auto_price;
}

void
_wick_viewport_commit (WickViewport    *self,
                       const ViewState *old)
{
  if (view_state_equal (old, &self->state))
    return;

  if (old->log_scale != self->state.log_scale)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
  if (old->auto_price != self->state.auto_price)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_PRICE]);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
get_plot (const ViewState *s,
          WickRect        *plot)
{
  plot->x = 0;
  plot->y = s->header_height;
  plot->width = MAX (1.0, s->width - WICK_VIEWPORT_AXIS_WIDTH);
  plot->height = MAX (1.0, s->height - WICK_VIEWPORT_AXIS_HEIGHT - s->header_height);
  if (s->lower_pane_height > 0)
    plot->height = MAX (1.0, plot->height - s->lower_pane_height);
}

/* Keeps the time span in [MIN_SPAN_MS, MAX_SPAN_MS] by growing or shrinking it around @anchor,
 * a fraction 0..1 of the span that stays put. */
void
_wick_viewport_clamp_time_span (ViewState *s,
                                double     anchor)
{
  double span = s->to_ms - s->from_ms;
  double clamped = CLAMP (span, MIN_SPAN_MS, MAX_SPAN_MS);
  double pivot;

  if (clamped == span)
    return;

  pivot = s->from_ms + anchor * span;
  s->from_ms = pivot - anchor * clamped;
  s->to_ms = s->from_ms + clamped;
}

/* Keeps the price range ordered, non-empty and, in log space, positive. */
void
_wick_viewport_sanitize_prices (ViewState *s)
{
  double lo, hi, min_span;

  if (s->low > s->high)
    {
      double tmp = s->low;

      s->low = s->high;
      s->high = tmp;
    }

  lo = to_space (s, s->low);
  hi = to_space (s, s->high);
  min_span = s->log_scale ? MIN_PRICE_SPAN : MIN_PRICE_SPAN * MAX (1.0, fabs (hi));
  if (hi - lo < min_span)
    {
      double mid = (hi + lo) / 2;

      s->low = from_space (s, mid - min_span / 2);
      s->high = from_space (s, mid + min_span / 2);
    }
}

static void
wick_viewport_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WickViewport *self = WICK_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, wick_viewport_get_log_scale (self));
      break;

    case PROP_AUTO_PRICE:
      g_value_set_boolean (value, wick_viewport_get_auto_price (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_viewport_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WickViewport *self = WICK_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      wick_viewport_set_log_scale (self, g_value_get_boolean (value));
      break;

    case PROP_AUTO_PRICE:
      wick_viewport_set_auto_price (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_viewport_class_init (WickViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wick_viewport_get_property;
  object_class->set_property = wick_viewport_set_property;

  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AUTO_PRICE] =
    g_param_spec_boolean ("auto-price", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickViewport::changed:
   *
   * Emitted once after any change of size, time range, price range or scale; never when a
   * call left everything as it was.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
wick_viewport_init (WickViewport *self)
{
  self->state.width = 800;
  self->state.height = 600;
  self->state.from_ms = 0;
  self->state.to_ms = 86400000.0;
  self->state.low = 0;
  self->state.high = 100;
  self->state.auto_price = TRUE;
}

WickViewport *
wick_viewport_new (void)
{
  return g_object_new (WICK_TYPE_VIEWPORT, NULL);
}

/**
 * wick_viewport_dup:
 * @self: a viewport
 *
 * A new viewport in the same state (size, header, ranges, scale), with no signal handlers.
 * The exporter resizes a copy so the on-screen viewport is left alone.
 *
 * Returns: (transfer full): the copy
 */
WickViewport *
wick_viewport_dup (WickViewport *self)
{
  WickViewport *copy;

  g_return_val_if_fail (WICK_IS_VIEWPORT (self), NULL);

  copy = wick_viewport_new ();
  copy->state = self->state;

  return copy;
}

/**
 * wick_viewport_set_size:
 * @self: a viewport
 * @width: the whole drawing area, axes included, in logical pixels
 * @height: likewise
 */
void
wick_viewport_set_size (WickViewport *self,
                        double        width,
                        double        height)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (width) && isfinite (height));

  old = self->state;
  self->state.width = MAX (0, width);
  self->state.height = MAX (0, height);
  _wick_viewport_commit (self, &old);
}

double
wick_viewport_get_width (WickViewport *self)
{
  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  return self->state.width;
}

double
wick_viewport_get_height (WickViewport *self)
{
  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  return self->state.height;
}

/**
 * wick_viewport_set_header_height:
 * @self: a viewport
 * @header_height: logical pixels kept free above the plot (the exported title block)
 */
void
wick_viewport_set_header_height (WickViewport *self,
                                 double        header_height)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (header_height));

  old = self->state;
  self->state.header_height = MAX (0, header_height);
  _wick_viewport_commit (self, &old);
}

double
wick_viewport_get_header_height (WickViewport *self)
{
  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  return self->state.header_height;
}

/**
 * wick_viewport_lower_pane_height_for:
 * @height: the whole drawing area's height, in logical pixels
 *
 * Returns: the height a lower pane takes from the plot at that size, gap included: about
 *   22 % of it, at least WICK_VIEWPORT_LOWER_PANE_MIN pixels
 */
double
wick_viewport_lower_pane_height_for (double height)
{
  return MAX (WICK_VIEWPORT_LOWER_PANE_MIN, round (0.22 * MAX (0, height)));
}

/**
 * wick_viewport_set_lower_pane_height:
 * @self: a viewport
 * @height: logical pixels taken from the bottom of the plot for an indicator pane (gap
 *   included), or 0 for none
 *
 * The price pane's mapping is unchanged but for its shorter plot.
 */
void
wick_viewport_set_lower_pane_height (WickViewport *self,
                                     double        height)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (height));

  old = self->state;
  self->state.lower_pane_height = MAX (0, height);
  _wick_viewport_commit (self, &old);
}

double
wick_viewport_get_lower_pane_height (WickViewport *self)
{
  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  return self->state.lower_pane_height;
}

/**
 * wick_viewport_get_lower_pane:
 * @self: a viewport
 * @pane: (out): the indicator pane: as wide as the plot, between it and the time axis, a gap
 *   of WICK_VIEWPORT_LOWER_PANE_GAP below the plot; empty (height 0) when there is none
 *
 * Returns: whether there is a lower pane
 */
gboolean
wick_viewport_get_lower_pane (WickViewport *self,
                              WickRect     *pane)
{
  WickRect plot;
  double bottom;

  g_return_val_if_fail (WICK_IS_VIEWPORT (self), FALSE);
  g_return_val_if_fail (pane != NULL, FALSE);

  get_plot (&self->state, &plot);
  bottom = self->state.height - WICK_VIEWPORT_AXIS_HEIGHT;
  pane->x = plot.x;
  pane->width = plot.width;
  pane->y = plot.y + plot.height + WICK_VIEWPORT_LOWER_PANE_GAP;
  pane->height = 0;
  if (self->state.lower_pane_height <= 0 || bottom - pane->y < 1)
    return FALSE;

  pane->height = bottom - pane->y;
  return TRUE;
}

/**
 * wick_viewport_get_plot:
 * @self: a viewport
 * @plot: (out): the candle area: the size minus the price axis on the right, the time axis at
 *   the bottom, the header (if any) at the top and the lower pane (if any) under it
 */
void
wick_viewport_get_plot (WickViewport *self,
                        WickRect     *plot)
{
  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (plot != NULL);

  get_plot (&self->state, plot);
}

/**
 * wick_viewport_set_time_range:
 * @self: a viewport
 * @from_ms: the time at the left edge of the plot, Unix milliseconds
 * @to_ms: the time at the right edge
 *
 * The span is kept between one minute and 200 years, around its centre.
 */
void
wick_viewport_set_time_range (WickViewport *self,
                              double        from_ms,
                              double        to_ms)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (from_ms) && isfinite (to_ms));

  old = self->state;
  self->state.from_ms = MIN (from_ms, to_ms);
  self->state.to_ms = MAX (from_ms, to_ms);
  _wick_viewport_clamp_time_span (&self->state, 0.5);
  _wick_viewport_commit (self, &old);
}

void
wick_viewport_get_time_range (WickViewport *self,
                              double       *from_ms,
                              double       *to_ms)
{
  g_return_if_fail (WICK_IS_VIEWPORT (self));

  if (from_ms != NULL)
    *from_ms = self->state.from_ms;
  if (to_ms != NULL)
    *to_ms = self->state.to_ms;
}

/**
 * wick_viewport_set_price_range:
 * @self: a viewport
 * @low: the price at the bottom of the plot
 * @high: the price at the top
 *
 * Does not change auto-price: the widget turns it off when the user scales the price axis.
 */
void
wick_viewport_set_price_range (WickViewport *self,
                               double        low,
                               double        high)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (low) && isfinite (high));

  old = self->state;
  self->state.low = low;
  self->state.high = high;
  _wick_viewport_sanitize_prices (&self->state);
  _wick_viewport_commit (self, &old);
}

void
wick_viewport_get_price_range (WickViewport *self,
                               double       *low,
                               double       *high)
{
  g_return_if_fail (WICK_IS_VIEWPORT (self));

  if (low != NULL)
    *low = self->state.low;
  if (high != NULL)
    *high = self->state.high;
}

gboolean
wick_viewport_get_log_scale (WickViewport *self)
{
  g_return_val_if_fail (WICK_IS_VIEWPORT (self), FALSE);

  return self->state.log_scale;
}

/**
 * wick_viewport_set_log_scale:
 * @self: a viewport
 * @log_scale: whether prices map to y logarithmically
 *
 * Keeps the price range; a range reaching zero or below is lifted to stay positive.
 */
void
wick_viewport_set_log_scale (WickViewport *self,
                             gboolean      log_scale)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));

  old = self->state;
  self->state.log_scale = !!log_scale;
  if (self->state.log_scale)
    {
      if (self->state.high <= 0)
        self->state.high = 1;
      if (self->state.low <= 0)
        self->state.low = self->state.high / 1000;
    }
  _wick_viewport_sanitize_prices (&self->state);
  _wick_viewport_commit (self, &old);
}

gboolean
wick_viewport_get_auto_price (WickViewport *self)
{
  g_return_val_if_fail (WICK_IS_VIEWPORT (self), FALSE);

  return self->state.auto_price;
}

/**
 * wick_viewport_set_auto_price:
 * @self: a viewport
 * @auto_price: whether the owner refits prices (wick_viewport_fit_prices()) after each change
 *   of the time range
 *
 * The viewport does not hold the series, so it only records the wish: the widget calls
 * wick_viewport_fit_prices() after pans and zooms while this is on, and wick_export() does so
 * after resizing.
 */
void
wick_viewport_set_auto_price (WickViewport *self,
                              gboolean      auto_price)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));

  old = self->state;
  self->state.auto_price = !!auto_price;
  _wick_viewport_commit (self, &old);
}

double
wick_viewport_time_to_x (WickViewport *self,
                         double        time_ms)
{
  const ViewState *s = &self->state;
  WickRect plot;

  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  get_plot (s, &plot);
  return plot.x + (time_ms - s->from_ms) / (s->to_ms - s->from_ms) * plot.width;
}

double
wick_viewport_x_to_time (WickViewport *self,
                         double        x)
{
  const ViewState *s = &self->state;
  WickRect plot;

  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  get_plot (s, &plot);
  return s->from_ms + (x - plot.x) / plot.width * (s->to_ms - s->from_ms);
}

double
wick_viewport_price_to_y (WickViewport *self,
                          double        price)
{
  const ViewState *s = &self->state;
  WickRect plot;
  double lo, hi;

  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  get_plot (s, &plot);
  lo = to_space (s, s->low);
  hi = to_space (s, s->high);
  return plot.y + plot.height - (to_space (s, price) - lo) / (hi - lo) * plot.height;
}

double
wick_viewport_y_to_price (WickViewport *self,
                          double        y)
{
  const ViewState *s = &self->state;
  WickRect plot;
  double lo, hi;

  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  get_plot (s, &plot);
  lo = to_space (s, s->low);
  hi = to_space (s, s->high);
  return from_space (s, lo + (plot.y + plot.height - y) / plot.height * (hi - lo));
}

double
wick_viewport_get_ms_per_pixel (WickViewport *self)
{
  WickRect plot;

  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  get_plot (&self->state, &plot);
  return (self->state.to_ms - self->state.from_ms) / plot.width;
}

/**
 * wick_viewport_zoom_time_at:
 * @self: a viewport
 * @x: the pointer position; the time under it stays under it
 * @factor: above 1 zooms in (fewer milliseconds per pixel), below 1 zooms out
 *
 * The span stays between one minute and 200 years. With auto-price on, follow with
 * wick_viewport_fit_prices().
 */
void
wick_viewport_zoom_time_at (WickViewport *self,
                            double        x,
                            double        factor)
{
  ViewState old;
  WickRect plot;
  double anchor, pivot, span;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (x) && isfinite (factor) && factor > 0);

  old = self->state;
  get_plot (&self->state, &plot);
  anchor = (x - plot.x) / plot.width;
  pivot = wick_viewport_x_to_time (self, x);
  span = (self->state.to_ms - self->state.from_ms) / factor;
  span = CLAMP (span, MIN_SPAN_MS, MAX_SPAN_MS);
  self->state.from_ms = pivot - anchor * span;
  self->state.to_ms = self->state.from_ms + span;
  _wick_viewport_commit (self, &old);
}

/**
 * wick_viewport_zoom_price_at:
 * @self: a viewport
 * @y: the pointer position; the price under it stays under it
 * @factor: above 1 zooms in (a smaller price range), below 1 zooms out
 *
 * Turns auto-price off.
 */
void
wick_viewport_zoom_price_at (WickViewport *self,
                             double        y,
                             double        factor)
{
  ViewState *s = &self->state;
  ViewState old;
  WickRect plot;
  double anchor, pivot, lo, hi, span;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (y) && isfinite (factor) && factor > 0);

  old = *s;
  get_plot (s, &plot);
  /* Fraction of the plot height from the bottom, where the pivot price sits. */
  anchor = (plot.y + plot.height - y) / plot.height;
  lo = to_space (s, s->low);
  hi = to_space (s, s->high);
  pivot = lo + anchor * (hi - lo);
  span = (hi - lo) / factor;
  s->low = from_space (s, pivot - anchor * span);
  s->high = from_space (s, pivot - anchor * span + span);
  s->auto_price = FALSE;
  _wick_viewport_sanitize_prices (s);
  _wick_viewport_commit (self, &old);
}

/**
 * wick_viewport_pan:
 * @self: a viewport
 * @dx: pointer motion in logical pixels; positive (dragging right) shows earlier times
 * @dy: pointer motion; positive (dragging down) shows higher prices. Ignored while auto-price
 *   is on.
 *
 * The content follows the pointer.
 */
void
wick_viewport_pan (WickViewport *self,
                   double        dx,
                   double        dy)
{
  ViewState *s = &self->state;
  ViewState old;
  WickRect plot;
  double shift;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (dx) && isfinite (dy));

  old = *s;
  get_plot (s, &plot);

  shift = dx / plot.width * (s->to_ms - s->from_ms);
  s->from_ms -= shift;
  s->to_ms -= shift;

  if (!s->auto_price && dy != 0)
    {
      double lo = to_space (s, s->low);
      double hi = to_space (s, s->high);

      shift = dy / plot.height * (hi - lo);
      s->low = from_space (s, lo + shift);
      s->high = from_space (s, hi + shift);
    }

  _wick_viewport_commit (self, &old);
}
