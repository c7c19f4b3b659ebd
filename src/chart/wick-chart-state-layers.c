/* wick-chart-state-layers.c: what the chart draws over its candles — zones, heatmap,
 * signal markers, indicator lines and the lower pane — and the selected signal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include <math.h>

#include "wick-chart-state-private.h"

/**
 * wick_chart_state_get_zones:
 *
 * Returns: (transfer none) (nullable): the detected zones drawn as bands
 */
WickZones *
wick_chart_state_get_zones (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);

  return wick_interaction_get_zones (self->interaction);
}

/**
 * wick_chart_state_set_zones:
 * @zones: (nullable): the support and resistance zones of the market's series; a
 *   reference is taken
 */
void
wick_chart_state_set_zones (WickChartState *self,
                            WickZones      *zones)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));

  /* The state machine hit-tests the pins and fills the scene; its `changed` redraws. */
  wick_interaction_set_zones (self->interaction, zones);
}

/**
 * wick_chart_state_get_heatmap:
 *
 * Returns: (transfer none) (nullable): the liquidation heatmap drawn
 */
WickHeatmapImage *
wick_chart_state_get_heatmap (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);

  return self->heatmap;
}

/**
 * wick_chart_state_set_heatmap:
 * @heatmap: (nullable): the liquidation heatmap of the market shown; %NULL hides it
 */
void
wick_chart_state_set_heatmap (WickChartState   *self,
                              WickHeatmapImage *heatmap)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));
  g_return_if_fail (!heatmap || WICK_IS_HEATMAP_IMAGE (heatmap));

  if (g_set_object (&self->heatmap, heatmap))
    _wick_chart_state_emit_changed (self, TRUE);
}

/**
 * wick_chart_state_get_signals:
 *
 * Returns: (transfer none) (nullable): the analysis whose signals are drawn as markers
 */
WickSignals *
wick_chart_state_get_signals (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), NULL);

  return self->signals;
}

/* The index in @signals of the signal @index of @old, or -1 when it is gone. */
static int
find_same_signal (WickSignals *old,
                  int          index,
                  WickSignals *signals)
{
  const WickSignal *wanted;
  guint n;

  if (old == NULL || index < 0 || signals == NULL)
    return -1;

  wanted = wick_signals_get_signal (old, index);
  n = wick_signals_get_n_signals (signals);
  for (guint i = 0; i < n; i++)
    if (wick_signal_is_same (wick_signals_get_signal (signals, i), wanted))
      return (int) i;

  return -1;
}

/**
 * wick_chart_state_set_signals:
 * @signals: (nullable): an analysis of the market's series; a reference is taken
 *
 * A selected signal that @signals finds again stays selected, where it is (a live
 * re-analysis must not move the view); otherwise the selection is cleared.
 */
void
wick_chart_state_set_signals (WickChartState *self,
                              WickSignals    *signals)
{
  int selected;

  g_return_if_fail (WICK_IS_CHART_STATE (self));

  if (self->signals == signals)
    return;

  selected = find_same_signal (self->signals, self->selected_signal, signals);
  g_clear_pointer (&self->signals, wick_signals_unref);
  self->signals = signals != NULL ? wick_signals_ref (signals) : NULL;
  self->selected_signal = selected;
  _wick_chart_state_emit_changed (self, TRUE);
}

guint32
wick_chart_state_get_hidden_signal_kinds (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), 0);

  return self->hidden_signal_kinds;
}

/**
 * wick_chart_state_set_hidden_signal_kinds:
 * @hidden_kinds: 1 << #WickSignalKind for each kind whose markers are left out
 *
 * A selected signal of a kind now hidden is no longer selected.
 */
void
wick_chart_state_set_hidden_signal_kinds (WickChartState *self,
                                          guint32         hidden_kinds)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));

  if (self->hidden_signal_kinds == hidden_kinds)
    return;

  self->hidden_signal_kinds = hidden_kinds;
  if (self->signals != NULL && self->selected_signal >= 0 &&
      (hidden_kinds & (1u << wick_signals_get_signal (self->signals,
                                                      self->selected_signal)->kind)))
    self->selected_signal = -1;
  _wick_chart_state_emit_changed (self, TRUE);
}

/**
 * wick_chart_state_set_indicators:
 * @ema20: whether to draw the signals' EMA (20) over the candles
 * @ema50: whether to draw their EMA (50)
 * @vwap: whether to draw their daily VWAP
 */
void
wick_chart_state_set_indicators (WickChartState *self,
                                 gboolean        ema20,
                                 gboolean        ema50,
                                 gboolean        vwap)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));

  ema20 = !!ema20;
  ema50 = !!ema50;
  vwap = !!vwap;
  if (self->show_ema20 == ema20 && self->show_ema50 == ema50 && self->show_vwap == vwap)
    return;

  self->show_ema20 = ema20;
  self->show_ema50 = ema50;
  self->show_vwap = vwap;
  _wick_chart_state_emit_changed (self, TRUE);
}

/**
 * wick_chart_state_set_lower_pane:
 * @lower_pane: the indicator pane under the price pane, or %WICK_LOWER_PANE_NONE
 *
 * The price pane gets shorter by the pane's height (wick_viewport_lower_pane_height_for()),
 * kept up to date as the viewport is resized.
 */
void
wick_chart_state_set_lower_pane (WickChartState *self,
                                 WickLowerPane   lower_pane)
{
  g_return_if_fail (WICK_IS_CHART_STATE (self));
  g_return_if_fail (lower_pane <= WICK_LOWER_PANE_MACD);

  if (self->lower_pane == lower_pane)
    return;

  self->lower_pane = lower_pane;
  if (!_wick_chart_state_update_lower_pane_height (self))
    _wick_chart_state_emit_changed (self, TRUE);
}

WickLowerPane
wick_chart_state_get_lower_pane (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), WICK_LOWER_PANE_NONE);

  return self->lower_pane;
}

/**
 * wick_chart_state_get_selected_signal:
 *
 * Returns: the index of the emphasised signal, or -1 for none
 */
int
wick_chart_state_get_selected_signal (WickChartState *self)
{
  g_return_val_if_fail (WICK_IS_CHART_STATE (self), -1);

  return self->selected_signal;
}

/**
 * wick_chart_state_select_signal:
 * @index: a signal of the signals set, or -1 for none
 *
 * Emphasises the marker of signal @index and centres the view on its candle, keeping the
 * time span shown and fitting the prices.
 */
void
wick_chart_state_select_signal (WickChartState *self,
                                int             index)
{
  const WickSignal *signal;
  double from_ms, to_ms, centre, half;

  g_return_if_fail (WICK_IS_CHART_STATE (self));
  g_return_if_fail (index < 0 ||
                    (self->signals != NULL &&
                     (guint) index < wick_signals_get_n_signals (self->signals)));

  self->selected_signal = MAX (index, -1);
  _wick_chart_state_emit_changed (self, TRUE);

  if (index < 0 || self->market == NULL)
    return;

  signal = wick_signals_get_signal (self->signals, index);
  wick_viewport_get_time_range (self->viewport, &from_ms, &to_ms);
  half = (to_ms - from_ms) / 2;
  centre = signal->time_ms +
           wick_signals_snapshot_get_interval_ms (wick_signals_get_snapshot (self->signals)) / 2.0;
  wick_chart_state_show_range (self, (gint64) floor (centre - half), (gint64) ceil (centre + half));
}
