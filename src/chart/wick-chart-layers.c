/* wick-chart-layers.c: what the chart draws with the candles
 *
 * The detected zones, the liquidation heatmap, the signals' markers (which kinds, which one
 * is selected) and the indicator lines and pane. Each setter hands its layer to the chart's
 * state, which redraws the static part.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-chart"

#include "config.h"

#include "wick-chart-private.h"


/**
 * wick_chart_get_zones:
 *
 * Returns: (transfer none) (nullable): the detected zones drawn as bands
 */
WickZones *
wick_chart_get_zones (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_zones (self->state);
}

/**
 * wick_chart_set_zones:
 * @zones: (nullable): the support and resistance zones of the market's series, drawn as
 *   faint bands whose pins add a line; a reference is taken
 *
 * Call it after wick_chart_set_market() and whenever the series changes.
 */
void
wick_chart_set_zones (WickChart *self,
                      WickZones *zones)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_zones (self->state, zones);
}

/**
 * wick_chart_get_heatmap:
 *
 * Returns: (transfer none) (nullable): the liquidation heatmap drawn
 */
WickHeatmapImage *
wick_chart_get_heatmap (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_heatmap (self->state);
}

/**
 * wick_chart_set_heatmap:
 * @heatmap: (nullable): the liquidation heatmap of the market shown, drawn behind the
 *   candles with its legend and bubbles and hovered for tooltips; %NULL hides it
 */
void
wick_chart_set_heatmap (WickChart        *self,
                        WickHeatmapImage *heatmap)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_heatmap (self->state, heatmap);
}

/**
 * wick_chart_get_signals:
 *
 * Returns: (transfer none) (nullable): the analysis whose signals are drawn as markers
 */
WickSignals *
wick_chart_get_signals (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), NULL);

  return wick_chart_state_get_signals (self->state);
}

/**
 * wick_chart_set_signals:
 * @signals: (nullable): an analysis of the market's series, whose signals are drawn as
 *   markers at their candles, with their explanation as tooltip; a reference is taken
 *
 * Call it after wick_chart_set_market(). A selected signal found again stays selected.
 */
void
wick_chart_set_signals (WickChart   *self,
                        WickSignals *signals)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_signals (self->state, signals);
}

/**
 * wick_chart_get_hidden_signal_kinds:
 *
 * Returns: 1 << #WickSignalKind for each kind whose markers are left out
 */
guint32
wick_chart_get_hidden_signal_kinds (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), 0);

  return wick_chart_state_get_hidden_signal_kinds (self->state);
}

/**
 * wick_chart_set_hidden_signal_kinds:
 * @hidden_kinds: 1 << #WickSignalKind for each kind whose markers to leave out, of the
 *   picture and of the tooltips; 0 shows every kind
 *
 * A selected signal of a kind hidden is no longer selected.
 */
void
wick_chart_set_hidden_signal_kinds (WickChart *self,
                                    guint32    hidden_kinds)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_hidden_signal_kinds (self->state, hidden_kinds);
}

/**
 * wick_chart_set_indicators:
 * @ema20: whether to draw the signals' EMA (20) over the candles
 * @ema50: whether to draw their EMA (50)
 * @vwap: whether to draw their daily VWAP
 *
 * Chooses the indicator lines drawn on the price pane, from the analysis set with
 * wick_chart_set_signals(); none without one.
 */
void
wick_chart_set_indicators (WickChart *self,
                           gboolean   ema20,
                           gboolean   ema50,
                           gboolean   vwap)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_indicators (self->state, ema20, ema50, vwap);
}

/**
 * wick_chart_set_lower_pane:
 * @lower_pane: the indicator pane under the price pane, or %WICK_LOWER_PANE_NONE
 *
 * Shows the analysis' RSI (14) or MACD (12, 26, 9) in a pane under the candles, which get
 * that much shorter; the pane is empty without an analysis.
 */
void
wick_chart_set_lower_pane (WickChart     *self,
                           WickLowerPane  lower_pane)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_set_lower_pane (self->state, lower_pane);
}

/**
 * wick_chart_get_selected_signal:
 *
 * Returns: the index of the emphasised signal, or -1 for none
 */
int
wick_chart_get_selected_signal (WickChart *self)
{
  g_return_val_if_fail (WICK_IS_CHART (self), -1);

  return wick_chart_state_get_selected_signal (self->state);
}

/**
 * wick_chart_select_signal:
 * @index: a signal of the chart's signals, or -1 for none
 *
 * Emphasises the marker of signal @index and centres the view on its candle, keeping the
 * time span shown and fitting the prices.
 */
void
wick_chart_select_signal (WickChart *self,
                          int        index)
{
  g_return_if_fail (WICK_IS_CHART (self));

  wick_chart_state_select_signal (self->state, index);
}
