/* wick-chart.c: the candlestick chart widget
 *
 * The widget only translates GTK input into WickInteraction calls, which pan and zoom the
 * viewport and edit the lines, and hands frames to GTK. What is shown lives in a
 * WickChartState, which draws with wick_render(), the same function the exporter uses. The
 * static part is rendered into an image surface only when the state says so (data, options,
 * lines or viewport) or the size changes; the crosshair, the legend and a line being
 * dragged are drawn on top at every motion.
 *
 * This file holds the object, its properties and the frames; the input is in
 * wick-chart-input.c, the line's menu in wick-chart-menu.c, the accessible text in
 * wick-chart-a11y.c and the layers drawn with the candles in wick-chart-layers.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include "wick-chart.h"
#include "wick-chart-private.h"

G_DEFINE_FINAL_TYPE (WickChart, wick_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MARKET,
  PROP_DARK,
  PROP_COLORBLIND,
  PROP_LOCAL_TIME,
  PROP_LEVEL_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_state_changed_cb (WickChart      *self,
                     gboolean        static_changed,
                     WickChartState *state)
{
  if (static_changed)
    {
      self->static_dirty = TRUE;
      _wick_chart_a11y_queue_update (self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkTexture *
wick_chart_render_static (WickChart *self,
                          int        width,
                          int        height,
                          int        scale)
{
  cairo_surface_t *surface;
  GBytes *bytes;
  GdkTexture *texture;
  int stride;

  surface = wick_chart_state_render_static (self->state, width, height, scale);
  self->n_renders++;

  /* The texture keeps the surface alive and owns its pixels; the next render gets a
   * fresh surface, so a texture already handed to GTK never changes. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height * scale,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  texture = gdk_memory_texture_new (width * scale, height * scale,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);

  return texture;
}

static void
wick_chart_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  WickChart *self = WICK_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  graphene_rect_t bounds;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || wick_chart_state_get_market (self->state) == NULL)
    return;

  if (self->static_dirty ||
      self->static_texture == NULL ||
      gdk_texture_get_width (self->static_texture) != width * scale ||
      gdk_texture_get_height (self->static_texture) != height * scale)
    {
      g_clear_object (&self->static_texture);
      self->static_texture = wick_chart_render_static (self, width, height, scale);
      self->static_dirty = FALSE;
    }

  graphene_rect_init (&bounds, 0, 0, width, height);
  gtk_snapshot_append_texture (snapshot, self->static_texture, &bounds);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  wick_chart_state_render_overlay (self->state, cr);
  cairo_destroy (cr);
}

static void
wick_chart_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  WickChart *self = WICK_CHART (widget);

  wick_viewport_set_size (self->viewport, width, height);

  _wick_chart_menu_size_allocate (self);
}

static void
wick_chart_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 960 : 600;
}

static void
wick_chart_dispose (GObject *object)
{
  WickChart *self = (WickChart *)object;

  /* The state drops what it holds, as the chart did; it stays valid until finalize, so
   * a late getter still answers. */
  self->interaction = NULL;
  self->viewport = NULL;
  g_object_run_dispose (G_OBJECT (self->state));
  _wick_chart_menu_dispose (self);
  g_clear_object (&self->static_texture);
  _wick_chart_a11y_dispose (self);

  G_OBJECT_CLASS (wick_chart_parent_class)->dispose (object);
}

static void
wick_chart_finalize (GObject *object)
{
  WickChart *self = (WickChart *)object;

  g_clear_object (&self->state);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (wick_chart_parent_class)->finalize (object);
}

static void
wick_chart_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WickChart *self = WICK_CHART (object);

  switch (prop_id)
    {
    case PROP_MARKET:
      g_value_set_object (value, wick_chart_get_market (self));
      break;

    case PROP_DARK:
      g_value_set_boolean (value, wick_chart_get_dark (self));
      break;

    case PROP_COLORBLIND:
      g_value_set_boolean (value, wick_chart_get_colorblind (self));
      break;

    case PROP_LOCAL_TIME:
      g_value_set_boolean (value, wick_chart_get_local_time (self));
      break;

    case PROP_LEVEL_STORE:
      g_value_set_object (value, wick_chart_get_level_store (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_chart_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WickChart *self = WICK_CHART (object);

  switch (prop_id)
    {
    case PROP_MARKET:
      wick_chart_set_market (self, g_value_get_object (value));
      break;

    case PROP_DARK:
      wick_chart_set_dark (self, g_value_get_boolean (value));
      break;

    case PROP_COLORBLIND:
      wick_chart_set_colorblind (self, g_value_get_boolean (value));
      break;

    case PROP_LOCAL_TIME:
      wick_chart_set_local_time (self, g_value_get_boolean (value));
      break;

    case PROP_LEVEL_STORE:
      wick_chart_set_level_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_chart_class_init (WickChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wick_chart_dispose;
  object_class->finalize = wick_chart_finalize;
  object_class->get_property = wick_chart_get_property;
  object_class->set_property = wick_chart_set_property;

  widget_class->snapshot = wick_chart_snapshot;
  widget_class->measure = wick_chart_measure;
  widget_class->size_allocate = wick_chart_size_allocate;

  properties[PROP_MARKET] =
    g_param_spec_object ("market", NULL, NULL,
                         WICK_TYPE_MARKET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLORBLIND] =
    g_param_spec_boolean ("colorblind", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCAL_TIME] =
    g_param_spec_boolean ("local-time", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEVEL_STORE] =
    g_param_spec_object ("level-store", NULL, NULL,
                         WICK_TYPE_LEVEL_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wickchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  _wick_chart_input_class_init (widget_class);
}

static void
wick_chart_init (WickChart *self)
{
  self->state = wick_chart_state_new ();
  self->viewport = wick_chart_state_get_viewport (self->state);
  self->interaction = wick_chart_state_get_interaction (self->state);
  self->static_dirty = TRUE;

  g_signal_connect_object (self->state, "changed",
                           G_CALLBACK (on_state_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  _wick_chart_input_init (self);
}

GtkWidget *
wick_chart_new (void)
{
  return g_object_new (WICK_TYPE_CHART, NULL);
}

/**
 * wick_chart_get_market:
 *
 * Returns: (transfer none) (nullable): the market shown
 */
WickMarket *
wick_chart_get_market (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_market (self->state);
}

/**
 * wick_chart_set_market:
 * @market: (nullable): the market to show
 *
 * Shows @market and fits the whole series in view; call wick_chart_show_range() after
 * this to focus on a part of it. The zones and signals of the market shown before are
 * dropped: set the new market's with wick_chart_set_zones() and wick_chart_set_signals().
 */
void
wick_chart_set_market (WickChart  *self,
                       WickMarket *market)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (!wick_chart_state_set_market (self->state, market))
    return;

  _wick_chart_a11y_update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKET]);
}

/**
 * wick_chart_get_viewport:
 *
 * Returns: (transfer none): the viewport the chart draws through
 */
WickViewport *
wick_chart_get_viewport (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return self->viewport;
}

gboolean
wick_chart_get_dark (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), FALSE);

  return wick_chart_state_get_dark (self->state);
}

void
wick_chart_set_dark (WickChart *self,
                     gboolean   dark)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_state_set_dark (self->state, dark))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

/**
 * wick_chart_get_colorblind:
 *
 * Returns: whether up and down are drawn in blue and orange rather than green and red
 */
gboolean
wick_chart_get_colorblind (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), FALSE);

  return wick_chart_state_get_colorblind (self->state);
}

/**
 * wick_chart_set_colorblind:
 * @colorblind: whether to draw up and down in blue and orange, which people with a red–green
 *   colour vision deficiency tell apart, rather than green and red
 */
void
wick_chart_set_colorblind (WickChart *self,
                           gboolean   colorblind)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_state_set_colorblind (self->state, colorblind))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORBLIND]);
}

/**
 * wick_chart_get_local_time:
 *
 * Returns: whether times are shown in the local time zone rather than UTC
 */
gboolean
wick_chart_get_local_time (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), FALSE);

  return wick_chart_state_get_local_time (self->state);
}

void
wick_chart_set_local_time (WickChart *self,
                           gboolean   local_time)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_state_set_local_time (self->state, local_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_TIME]);
}

void
wick_chart_show_range (WickChart *self,
                       gint64     from_ms,
                       gint64     to_ms)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_show_range (self->state, from_ms, to_ms);
}

void
wick_chart_zoom_to_fit (WickChart *self)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_zoom_to_fit (self->state);
}

/**
 * wick_chart_get_n_renders:
 *
 * How often the static part has been rendered; lets tests check that pointer motion
 * only redraws the moving part.
 */
guint
wick_chart_get_n_renders (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), 0);

  return self->n_renders;
}

/**
 * wick_chart_fill_scene:
 * @scene: (out caller-allocates): the scene to fill
 *
 * Fills @scene with what the chart shows, crosshair included; it borrows from the chart and
 * is valid until the chart changes.
 */
void
wick_chart_fill_scene (WickChart *self,
                       WickScene *scene)
{
  g_return_if_fail (WICK_IS_CHART (self));
  g_return_if_fail (scene != NULL);

  wick_chart_state_fill_scene (self->state, scene);
}

/**
 * wick_chart_get_level_store:
 *
 * Returns: (transfer none) (nullable): the lines drawn and edited on the chart
 */
WickLevelStore *
wick_chart_get_level_store (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_level_store (self->state);
}

/**
 * wick_chart_set_level_store:
 * @store: (nullable): the lines of the market shown
 */
void
wick_chart_set_level_store (WickChart      *self,
                            WickLevelStore *store)
{
  g_return_if_fail (WICK_IS_CHART (self));

  if (wick_chart_state_set_level_store (self->state, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_STORE]);
}

/**
 * wick_chart_get_interaction:
 *
 * Returns: (transfer none): the state machine behind pointer and keys, whose
 *   #WickInteraction::context-menu the window answers
 */
WickInteraction *
wick_chart_get_interaction (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return self->interaction;
}
