/* wick-chart-state.c: what the chart widget shows, without GTK: market, view, theme, lines,
 * crosshair and drawing (the layers over the candles are in wick-chart-state-layers.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include <math.h>

#include "wick-chart-state-private.h"
#include "wick-lod.h"
#include "wick-palette.h"
#include "wick-render-heatmap.h"
#include "wick-render-signals.h"
#include "wick-render.h"

G_DEFINE_FINAL_TYPE (WickChartState, wick_chart_state, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_wick_chart_state_emit_changed (WickChartState *self,
                                gboolean        static_changed)
{
  g_assert (WICK_IS_CHART_STATE (self));

  g_signal_emit (self, signals[CHANGED], 0, static_changed);
}

/* Gives the lower pane its room in the viewport, for the viewport's present height; returns
 * whether that changed it (and so emitted the viewport's `changed`). */
gboolean
_wick_chart_state_update_lower_pane_height (WickChartState *self)
{
  double height = 0;

  if (self->lower_pane != WICK_LOWER_PANE_NONE)
    height = wick_viewport_lower_pane_height_for (wick_viewport_get_height (self->viewport));
  if (wick_viewport_get_lower_pane_height (self->viewport) == height)
    return FALSE;

  wick_viewport_set_lower_pane_height (self->viewport, height);
  return TRUE;
}

static void
on_viewport_changed_cb (WickChartState *self,
                        WickViewport   *viewport)
{
  /* A resize moves the pane; the change that makes emits again. */
  if (_wick_chart_state_update_lower_pane_height (self))
    return;

  _wick_chart_state_emit_changed (self, TRUE);
}

/* Only a line being dragged lives in the moving part; hover, selection and every edit of
 * the store change the cached picture. */
static void
on_interaction_changed_cb (WickChartState  *self,
                           gboolean         static_changed,
                           WickInteraction *interaction)
{
  _wick_chart_state_emit_changed (self, static_changed);
}

static void
on_series_changed_cb (WickChartState *self,
                      WickSeries     *series)
{
  if (self->lod != NULL)
    wick_lod_update (self->lod);

  wick_interaction_keep_in_view (self->interaction);
  _wick_chart_state_emit_changed (self, TRUE);
}

static void
wick_chart_state_dispose (GObject *object)
{
  WickChartState *self = (WickChartState *)object;

  if (self->market != NULL)
    g_clear_signal_handler (&self->series_changed_id, wick_market_get_series (self->market));
  g_clear_object (&self->market);
  g_clear_object (&self->level_store);
  g_clear_object (&self->heatmap);
  g_clear_pointer (&self->signals, wick_signals_unref);
  g_clear_object (&self->interaction);
  g_clear_pointer (&self->lod, wick_lod_free);
  g_clear_object (&self->viewport);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (wick_chart_state_parent_class)->dispose (object);
}

static void
wick_chart_state_class_init (WickChartStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wick_chart_state_dispose;

  /**
   * WickChartState::changed:
   * @self: a #WickChartState
   * @static_changed: whether the static part changed too: redraw the cached part
   *
   * Something shown changed: the data, the options, the viewport or the lines.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
wick_chart_state_init (WickChartState *self)
{
  self->viewport = wick_viewport_new ();
  self->interaction = wick_interaction_new (self->viewport);
  self->selected_signal = -1;

  g_signal_connect_object (self->viewport, "changed",
                           G_CALLBACK (on_viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interaction, "changed",
                           G_CALLBACK (on_interaction_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

WickChartState *
wick_chart_state_new (void)
{
  return g_object_new (WICK_TYPE_CHART_STATE, NULL);
}

/**
 * wick_chart_state_get_market:
 *
 * Returns: (transfer none) (nullable): the market shown
 */
WickMarket *
wick_chart_state_get_market (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);

  return self->market;
}

/**
 * wick_chart_state_set_market:
 * @market: (nullable): the market to show
 *
 * Shows @market and fits the whole series in view. The zones and signals of the market
 * shown before are dropped.
 *
 * Returns: whether the market changed
 */
gboolean
wick_chart_state_set_market (WickChartState *self,
                             WickMarket     *market)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), FALSE);
  g_return_val_if_fail (!market || WICK_IS_MARKET (market), FALSE);

  if (self->market == market)
    return FALSE;

  if (self->market != NULL)
    g_clear_signal_handler (&self->series_changed_id, wick_market_get_series (self->market));
  g_clear_pointer (&self->lod, wick_lod_free);

  g_set_object (&self->market, market);
  wick_interaction_set_zones (self->interaction, NULL);
  g_clear_pointer (&self->signals, wick_signals_unref);
  self->selected_signal = -1;
  if (market == NULL)
    wick_interaction_set_series (self->interaction, NULL);

  if (market != NULL)
    {
      WickSeries *series = wick_market_get_series (market);

      self->lod = wick_lod_new (series);
      wick_interaction_set_series (self->interaction, series);
      self->series_changed_id =
        g_signal_connect_object (series, "changed",
                                 G_CALLBACK (on_series_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      wick_interaction_fit (self->interaction);
    }

  _wick_chart_state_emit_changed (self, TRUE);
  return TRUE;
}

/**
 * wick_chart_state_get_viewport:
 *
 * Returns: (transfer none): the viewport the chart draws through
 */
WickViewport *
wick_chart_state_get_viewport (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);

  return self->viewport;
}

/**
 * wick_chart_state_get_interaction:
 *
 * Returns: (transfer none): the state machine behind pointer and keys
 */
WickInteraction *
wick_chart_state_get_interaction (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);

  return self->interaction;
}

gboolean
wick_chart_state_get_dark (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), FALSE);

  return self->dark;
}

/**
 * wick_chart_state_set_dark:
 *
 * Returns: whether the palette changed
 */
gboolean
wick_chart_state_set_dark (WickChartState *self,
                           gboolean        dark)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), FALSE);

  dark = !!dark;

  if (self->dark == dark)
    return FALSE;

  self->dark = dark;
  _wick_chart_state_emit_changed (self, TRUE);
  return TRUE;
}

gboolean
wick_chart_state_get_colorblind (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), FALSE);

  return self->colorblind;
}

/**
 * wick_chart_state_set_colorblind:
 * @colorblind: whether up and down are blue and orange rather than green and red
 *
 * Returns: whether the palette changed
 */
gboolean
wick_chart_state_set_colorblind (WickChartState *self,
                                 gboolean        colorblind)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), FALSE);

  colorblind = !!colorblind;

  if (self->colorblind == colorblind)
    return FALSE;

  self->colorblind = colorblind;
  _wick_chart_state_emit_changed (self, TRUE);
  return TRUE;
}

/**
 * wick_chart_state_get_local_time:
 *
 * Returns: whether times are shown in the local time zone rather than UTC
 */
gboolean
wick_chart_state_get_local_time (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), FALSE);

  return self->time_zone != NULL;
}

/**
 * wick_chart_state_set_local_time:
 *
 * Returns: whether the time zone changed
 */
gboolean
wick_chart_state_set_local_time (WickChartState *self,
                                 gboolean        local_time)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), FALSE);

  if (wick_chart_state_get_local_time (self) == !!local_time)
    return FALSE;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  if (local_time)
    self->time_zone = g_time_zone_new_local ();

  _wick_chart_state_emit_changed (self, TRUE);
  return TRUE;
}

/**
 * wick_chart_state_get_level_store:
 *
 * Returns: (transfer none) (nullable): the lines drawn and edited on the chart
 */
WickLevelStore *
wick_chart_state_get_level_store (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);

  return self->level_store;
}

/**
 * wick_chart_state_set_level_store:
 * @store: (nullable): the lines of the market shown
 *
 * Returns: whether the store changed
 */
gboolean
wick_chart_state_set_level_store (WickChartState *self,
                                  WickLevelStore *store)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), FALSE);
  g_return_val_if_fail (!store || WICK_IS_LEVEL_STORE (store), FALSE);

  if (self->level_store == store)
    return FALSE;

  wick_interaction_cancel (self->interaction);
  g_set_object (&self->level_store, store);
  wick_interaction_set_level_store (self->interaction, store);

  _wick_chart_state_emit_changed (self, TRUE);
  return TRUE;
}

void
wick_chart_state_show_range (WickChartState *self,
                             gint64          from_ms,
                             gint64          to_ms)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));
  g_return_if_fail (from_ms < to_ms);

  if (self->market == NULL)
    return;

  wick_viewport_set_auto_price (self->viewport, TRUE);
  wick_viewport_show_range (self->viewport, wick_market_get_series (self->market), from_ms, to_ms);
}

void
wick_chart_state_zoom_to_fit (WickChartState *self)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));

  if (self->market != NULL)
    wick_interaction_fit (self->interaction);
}

/**
 * wick_chart_state_fill_scene:
 * @scene: (out caller-allocates): the scene to fill
 *
 * Fills @scene with everything held here and the interaction's lines.
 */
void
wick_chart_state_fill_scene (WickChartState *self,
                             WickScene      *scene)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));
  g_return_if_fail (scene != NULL);

  wick_scene_init (scene, self->market, wick_palette_get_full (self->dark, self->colorblind));
  scene->lod = self->lod;
  scene->time_zone = self->time_zone;
  scene->has_crosshair = self->has_crosshair;
  scene->crosshair_x = self->crosshair_x;
  scene->crosshair_y = self->crosshair_y;
  scene->heatmap = self->heatmap;
  scene->show_heatmap = self->heatmap != NULL;
  scene->signals = self->signals;
  scene->selected_signal = self->selected_signal;
  scene->hidden_signal_kinds = self->hidden_signal_kinds;
  scene->show_ema20 = self->show_ema20;
  scene->show_ema50 = self->show_ema50;
  scene->show_vwap = self->show_vwap;
  scene->lower_pane = self->lower_pane;
  wick_interaction_fill_scene (self->interaction, scene);
}

/**
 * wick_chart_state_set_crosshair:
 * @has_crosshair: whether the pointer is over the chart
 * @x: where, in logical pixels
 * @y: where, in logical pixels
 *
 * Moves the crosshair, which only the moving part draws: nothing is emitted.
 */
void
wick_chart_state_set_crosshair (WickChartState *self,
                                gboolean        has_crosshair,
                                double          x,
                                double          y)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));

  self->has_crosshair = !!has_crosshair;
  if (has_crosshair)
    {
      self->crosshair_x = x;
      self->crosshair_y = y;
    }
}

/**
 * wick_chart_state_render_static:
 * @width: in logical pixels
 * @height: in logical pixels
 * @scale: the device scale
 *
 * Returns: (transfer full): the static part, flushed, @scale device pixels per logical one
 */
cairo_surface_t *
wick_chart_state_render_static (WickChartState *self,
                                int             width,
                                int             height,
                                int             scale)
{
  cairo_surface_t *surface;
  WickScene scene;
  cairo_t *cr;

  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);

  wick_chart_state_fill_scene (self, &scene);
  wick_render_static (cr, &scene, self->viewport);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/**
 * wick_chart_state_render_overlay:
 *
 * Draws the moving part (crosshair, legend, a line being dragged) on @cr.
 */
void
wick_chart_state_render_overlay (WickChartState *self,
                                 cairo_t        *cr)
{
  WickScene scene;

  g_return_if_fail (WICK_IS_CHART_STATE (self));
  g_return_if_fail (cr != NULL);

  wick_chart_state_fill_scene (self, &scene);
  wick_render_overlay (cr, &scene, self->viewport);
}

/**
 * wick_chart_state_dup_tooltip:
 * @x: where the pointer is, in logical pixels
 * @y: where the pointer is
 * @has_area: (out): whether @area is set
 * @area: (out): the marker hovered, for the tooltip to follow from one marker to the next
 *
 * Over a signal's marker, its explanation; over a heatmap band or a liquidation bubble,
 * what it holds.
 *
 * Returns: (transfer full) (nullable): the tooltip, or %NULL for none
 */
char *
wick_chart_state_dup_tooltip (WickChartState        *self,
                              double                 x,
                              double                 y,
                              gboolean              *has_area,
                              cairo_rectangle_int_t *area)
{
  int index;

  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);
  g_return_val_if_fail (has_area != NULL, NULL);
  g_return_val_if_fail (area != NULL, NULL);

  *has_area = FALSE;

  if (self->market == NULL)
    return NULL;

  if (self->signals != NULL &&
      (index = wick_render_signals_hit_test_full (self->signals, self->viewport, self->lod,
                                                  self->selected_signal,
                                                  self->hidden_signal_kinds, x, y)) >= 0)
    {
      WickSignalMarker marker;

      wick_render_signal_marker_full (self->signals, self->viewport, self->lod, index,
                                      self->hidden_signal_kinds, &marker);
      *area = (cairo_rectangle_int_t) { (int) marker.bounds.x, (int) marker.bounds.y,
                                        (int) marker.bounds.width,
                                        (int) marker.bounds.height };
      *has_area = TRUE;
      return wick_render_signals_dup_tooltip (self->signals, index);
    }

  if (self->heatmap == NULL)
    return NULL;

  return wick_render_heatmap_dup_tooltip (self->heatmap, self->viewport, x, y);
}
