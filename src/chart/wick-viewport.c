/* wick-viewport.c: the visible time and price window and its mapping to pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-viewport"

#include "config.h"

#include "wick-viewport.h"

#include <math.h>
#include <string.h>

#define MIN_SPAN_MS     60000.0
#define MAX_SPAN_MS     (200.0 * 365.25 * 86400000.0)
#define MARGIN_TOP      0.10
#define MARGIN_BOTTOM   0.22
/* Smallest price span, relative to the price, so a flat range never divides by zero. */
#define MIN_PRICE_SPAN  1e-9
#define MIN_LOG_PRICE   1e-12
/* wick_viewport_clamp_to_series(): the share of the plot that candles keep covering at each
 * edge, and the widest span, in candles, that is never cut however little data there is. */
#define KEEP_FRACTION     0.20
#define KEEP_SPAN_CANDLES 500.0

/* Everything that decides the mapping; compared before and after each change so `changed` is
 * emitted exactly when something moved. */
typedef struct
{
  double   width;
  double   height;
  double   header_height;
  double   from_ms;
  double   to_ms;
  double   low;
  double   high;
  gboolean log_scale;
  gboolean auto_price;
} ViewState;

struct _WickViewport
{
  GObject   parent_instance;

  ViewState state;
};

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
         a->from_ms == b->from_ms &&
         a->to_ms == b->to_ms &&
         a->low == b->low &&
         a->high == b->high &&
         a->log_scale == b->log_scale &&
         a->auto_price == b->auto_price;
}

static void
wick_viewport_commit (WickViewport    *self,
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

/* Price → the space the axis is linear in. */
static inline double
to_space (const ViewState *s,
          double           price)
{
  return s->log_scale ? log (MAX (price, MIN_LOG_PRICE)) : price;
}

static inline double
from_space (const ViewState *s,
            double           value)
{
  return s->log_scale ? exp (value) : value;
}

static void
get_plot (const ViewState *s,
          WickRect        *plot)
{
  plot->x = 0;
  plot->y = s->header_height;
  plot->width = MAX (1.0, s->width - WICK_VIEWPORT_AXIS_WIDTH);
  plot->height = MAX (1.0, s->height - WICK_VIEWPORT_AXIS_HEIGHT - s->header_height);
}

/* Keeps the time span in [MIN_SPAN_MS, MAX_SPAN_MS] by growing or shrinking it around @anchor,
 * a fraction 0..1 of the span that stays put. */
static void
clamp_time_span (ViewState *s,
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
static void
sanitize_prices (ViewState *s)
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
  wick_viewport_commit (self, &old);
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
  wick_viewport_commit (self, &old);
}

double
wick_viewport_get_header_height (WickViewport *self)
{
  g_return_val_if_fail (WICK_IS_VIEWPORT (self), 0);

  return self->state.header_height;
}

/**
 * wick_viewport_get_plot:
 * @self: a viewport
 * @plot: (out): the candle area: the size minus the price axis on the right, the time axis at
 *   the bottom and the header (if any) at the top
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
  clamp_time_span (&self->state, 0.5);
  wick_viewport_commit (self, &old);
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
  sanitize_prices (&self->state);
  wick_viewport_commit (self, &old);
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
  sanitize_prices (&self->state);
  wick_viewport_commit (self, &old);
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
  wick_viewport_commit (self, &old);
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
  wick_viewport_commit (self, &old);
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
  sanitize_prices (s);
  wick_viewport_commit (self, &old);
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

  wick_viewport_commit (self, &old);
}

/* First index whose candle ends after @time_ms, i.e. open_time + interval > @time_ms. */
static guint
first_ending_after (const WickCandle *candles,
                    guint             n,
                    gint64            interval,
                    double            time_ms)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) (candles[mid].open_time_ms + interval) > time_ms)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/* Applies the fit to @s; FALSE when no candle is in the time range. */
static gboolean
fit_prices_state (ViewState  *s,
                  WickSeries *series)
{
  const WickCandle *candles = wick_series_get_candles (series);
  guint n = wick_series_get_length (series);
  gint64 interval = wick_series_get_interval_ms (series);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  double slo, shi, total;
  guint i;

  for (i = first_ending_after (candles, n, interval, s->from_ms);
       i < n && (double) candles[i].open_time_ms < s->to_ms;
       i++)
    {
      lo = MIN (lo, candles[i].low);
      hi = MAX (hi, candles[i].high);
    }

  if (lo > hi)
    return FALSE;

  slo = to_space (s, lo);
  shi = to_space (s, hi);
  if (shi - slo <= 0)
    {
      /* One flat candle: show ±0.5 % around it. */
      double half = s->log_scale ? 0.005 : 0.005 * MAX (fabs (shi), 1e-6);

      slo -= half;
      shi += half;
    }

  /* The candles fill the middle 68 %: 10 % free at the top, 22 % at the bottom (volume band). */
  total = (shi - slo) / (1 - MARGIN_TOP - MARGIN_BOTTOM);
  s->low = from_space (s, slo - MARGIN_BOTTOM * total);
  s->high = from_space (s, shi + MARGIN_TOP * total);
  sanitize_prices (s);

  return TRUE;
}

/**
 * wick_viewport_fit_prices:
 * @self: a viewport
 * @series: the candles
 *
 * Sets the price range to the candles visible in the time range, with 10 % of the plot free at
 * the top and 22 % at the bottom, where the volume band lives. Keeps the range when no candle
 * is visible. Does not change auto-price.
 */
void
wick_viewport_fit_prices (WickViewport *self,
                          WickSeries   *series)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (WICK_IS_SERIES (series));

  old = self->state;
  fit_prices_state (&self->state, series);
  wick_viewport_commit (self, &old);
}

/**
 * wick_viewport_fit_all:
 * @self: a viewport
 * @series: the candles
 *
 * Shows the whole series with about three candles of space on the right, fits the prices and
 * turns auto-price on. Keeps everything when the series is empty.
 */
void
wick_viewport_fit_all (WickViewport *self,
                       WickSeries   *series)
{
  ViewState *s = &self->state;
  const WickCandle *candles;
  ViewState old;
  gint64 interval;
  guint n;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (WICK_IS_SERIES (series));

  n = wick_series_get_length (series);
  if (n == 0)
    return;

  candles = wick_series_get_candles (series);
  interval = wick_series_get_interval_ms (series);

  old = *s;
  s->from_ms = candles[0].open_time_ms;
  s->to_ms = (double) candles[n - 1].open_time_ms + 4.0 * interval;
  clamp_time_span (s, 0.5);
  s->auto_price = TRUE;
  fit_prices_state (s, series);
  wick_viewport_commit (self, &old);
}

/**
 * wick_viewport_show_range:
 * @self: a viewport
 * @series: the candles
 * @from_ms: start of the range to show
 * @to_ms: end of the range
 *
 * Sets the time range, fits the prices to it and turns auto-price on; one `changed` at most.
 */
void
wick_viewport_show_range (WickViewport *self,
                          WickSeries   *series,
                          gint64        from_ms,
                          gint64        to_ms)
{
  ViewState *s = &self->state;
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (WICK_IS_SERIES (series));

  old = *s;
  s->from_ms = MIN (from_ms, to_ms);
  s->to_ms = MAX (from_ms, to_ms);
  clamp_time_span (s, 0.5);
  s->auto_price = TRUE;
  fit_prices_state (s, series);
  wick_viewport_commit (self, &old);
}

/**
 * wick_viewport_clamp_to_series:
 * @self: a viewport
 * @series: the candles
 *
 * Keeps candles in view after a pan or zoom, so the user cannot lose the data in an empty
 * past or future. At each edge, at least min(20 % of the plot, all the data) stays covered by
 * candles: the end of the last candle stays at or right of plot.x + 20 % of the width, and the
 * start of the first candle at or left of the plot's right edge − 20 %. A series narrower than
 * that stays wholly in view.
 *
 * The time range is shifted, keeping its span, with one exception: zoomed out so far that all
 * the data would cover less than 20 % of the plot, the span shrinks to five times the data's
 * width, keeping the data's centre where it was on the plot, because zooming out further would
 * only add empty space. A span of up to 500 candles is always kept, so a market with only a
 * few candles still shows them at a normal width.
 *
 * Emits `changed` only when it moved something. Does nothing for an empty series.
 */
void
wick_viewport_clamp_to_series (WickViewport *self,
                               WickSeries   *series)
{
  ViewState *s = &self->state;
  const WickCandle *candles;
  ViewState old;
  double interval, start, end, data, span, max_span, keep, lowest, highest;
  guint n;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (WICK_IS_SERIES (series));

  n = wick_series_get_length (series);
  if (n == 0)
    return;

  candles = wick_series_get_candles (series);
  start = candles[0].open_time_ms;
  interval = MAX (wick_series_get_interval_ms (series), 1);
  end = candles[n - 1].open_time_ms + interval;
  data = end - start;

  old = *s;
  span = s->to_ms - s->from_ms;

  max_span = MAX (data / KEEP_FRACTION, KEEP_SPAN_CANDLES * interval);
  max_span = MAX (max_span, MIN_SPAN_MS);
  if (span > max_span)
    {
      double centre = (start + end) / 2;

      s->from_ms = centre - (centre - s->from_ms) * (max_span / span);
      s->to_ms = s->from_ms + max_span;
      span = max_span;
    }

  /* The left edge may go from where the first candle starts `keep` before the right edge to
   * where the last one ends `keep` after the left edge; the range is never empty, as keep is
   * at most a fifth of the span and at most the data's width. */
  keep = MIN (KEEP_FRACTION * span, data);
  lowest = start + keep - span;
  highest = end - keep;
  if (s->from_ms < lowest || s->from_ms > highest)
    {
      s->from_ms = CLAMP (s->from_ms, lowest, highest);
      s->to_ms = s->from_ms + span;
    }

  wick_viewport_commit (self, &old);
}
