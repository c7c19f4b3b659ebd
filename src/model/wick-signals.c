/* wick-signals.c: the analysis of a market: indicators, patterns, zones and reversal signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals.h"

#include "wick-signals-private.h"

#include <glib/gi18n-lib.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define DAY_MS  (24 * HOUR_MS)

G_DEFINE_BOXED_TYPE (WickSignals, wick_signals, wick_signals_ref, wick_signals_unref)

static const struct
{
  const char *id;
  const char *label;
} kinds[WICK_N_SIGNAL_KINDS] = {
  [WICK_SIGNAL_LIQUIDATION_CASCADE] = { "liquidation-cascade", N_("Liquidation cascade") },
  [WICK_SIGNAL_CAPITULATION_VOLUME] = { "capitulation-volume", N_("Capitulation volume") },
  [WICK_SIGNAL_SUPPORT_TEST] = { "support-test", N_("Support test") },
  [WICK_SIGNAL_V_RECOVERY] = { "v-recovery", N_("V-shaped recovery") },
  [WICK_SIGNAL_HIGHER_LOW] = { "higher-low", N_("Higher low") },
  [WICK_SIGNAL_BREAKOUT] = { "breakout", N_("Breakout") },
  [WICK_SIGNAL_FAILED_BREAKOUT] = { "failed-breakout", N_("Failed breakout") },
  [WICK_SIGNAL_N_WEEK_HIGH] = { "n-week-high", N_("N-week high") },
  [WICK_SIGNAL_N_WEEK_LOW] = { "n-week-low", N_("N-week low") },
  [WICK_SIGNAL_RSI_DIVERGENCE] = { "rsi-divergence", N_("RSI divergence") },
  [WICK_SIGNAL_REVERSAL_CANDLE] = { "reversal-candle", N_("Reversal candle") },
};

static const char * const indicator_names[WICK_N_INDICATORS] = {
  "rsi14", "atr14", "ema20", "ema50", "macd", "macd_signal", "macd_hist",
  "bb_upper", "bb_mid", "bb_lower", "vwap",
};

/**
 * wick_signal_params_init:
 * @params: (out caller-allocates): the parameters to fill
 *
 * Fills @params with the defaults of signals.md and the choices in the header.
 */
void
wick_signal_params_init (WickSignalParams *params)
{
  g_return_if_fail (params != NULL);

  *params = (WickSignalParams) {
    .baseline_bars = 168,
    .cascade_z = 3.5,
    .cascade_floor_usd = 25e6,
    .cascade_share = 0.65,
    .cascade_move_atr = 1.0,
    .cascade_gap_bars = 1,
    .capitulation_z = 3.0,
    .capitulation_volume = 3.0,
    .capitulation_near_bars = 2,
    .capitulation_low_bars = 24,
    .capitulation_range_atr = 1.5,
    .capitulation_shadow = 0.5,
    .volume_average_bars = 20,
    .swing_bars = WICK_PIVOTS_MINOR_BARS,
    .swing_leg_atr = WICK_ZIGZAG_MINOR_ATR,
    .v_high_bars = 24,
    .v_drop = 0.025,
    .v_drop_atr = 3.0,
    .v_rally = 0.03,
    .v_max_bars = 36,
    .v_retrace = 0.618,
    .higher_low_atr = 0.1,
    .breakout_margin = 0.001,
    .breakout_margin_atr = 0.25,
    .breakout_volume = 1.5,
    .failed_breakout_bars = 3,
    .spring_atr = 0.1,
    .spring_close_bars = 3,
    .spring_stop_atr = 1.5,
    .probe_bars = 12,
    .n_week_min = 4,
    .divergence_bars = 5,
    .divergence_min_bars = 5,
    .divergence_max_bars = 60,
    .touch_atr = 0.1,
  };
  wick_zone_params_init (&params->zones);
}

/**
 * wick_signal_kind_to_string:
 * @kind: a kind
 *
 * Returns: the kind's stable id, as in "support-test", for machine-readable output
 */
const char *
wick_signal_kind_to_string (WickSignalKind kind)
{
  g_return_val_if_fail (kind < WICK_N_SIGNAL_KINDS, NULL);

  return kinds[kind].id;
}

/**
 * wick_signal_kind_get_label:
 * @kind: a kind
 *
 * Returns: the kind's translated name, as in "Support test"
 */
const char *
wick_signal_kind_get_label (WickSignalKind kind)
{
  g_return_val_if_fail (kind < WICK_N_SIGNAL_KINDS, NULL);

  return _(kinds[kind].label);
}

/**
 * wick_signal_is_same:
 * @a: a signal of one analysis
 * @b: a signal of another analysis of the same market
 *
 * Returns: whether both are the same finding: of the same kind, direction and pattern, at
 *   the same candle, price and level (a later analysis may rate or word it otherwise). Two
 *   reversal candles of different patterns can share a candle and a price.
 */
gboolean
wick_signal_is_same (const WickSignal *a,
                     const WickSignal *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->kind == b->kind && a->direction == b->direction && a->pattern == b->pattern &&
         a->time_ms == b->time_ms && a->price == b->price &&
         (a->level == b->level || (isnan (a->level) && isnan (b->level)));
}

/**
 * wick_signal_direction_to_string:
 * @direction: a direction
 *
 * Returns: "bullish" or "bearish"
 */
const char *
wick_signal_direction_to_string (WickSignalDirection direction)
{
  g_return_val_if_fail (direction == WICK_SIGNAL_BULLISH || direction == WICK_SIGNAL_BEARISH, NULL);

  return direction == WICK_SIGNAL_BULLISH ? "bullish" : "bearish";
}

/**
 * wick_indicator_get_name:
 * @indicator: an indicator output
 *
 * Returns: its column name, as in "rsi14" or "bb_upper"
 */
const char *
wick_indicator_get_name (WickIndicator indicator)
{
  g_return_val_if_fail (indicator < WICK_N_INDICATORS, NULL);

  return indicator_names[indicator];
}

/* Takes @explanation, which is %NULL when the context keeps none. */
void
_wick_signals_emit (WickSignalsContext  *ctx,
                    WickSignalKind       kind,
                    WickSignalDirection  direction,
                    guint                start_index,
                    guint                index,
                    guint                confirmed_index,
                    double               price,
                    double               level,
                    double               strength,
                    int                  pattern,
                    char                *explanation)
{
  WickSignal signal = {
    .kind = kind,
    .direction = direction,
    .index = index,
    .start_index = MIN (start_index, index),
    .confirmed_index = confirmed_index,
    .time_ms = ctx->candles[index].open_time_ms,
    .confirmed_time_ms = ctx->candles[confirmed_index].open_time_ms,
    .price = price,
    .level = level,
    .strength = _wick_clamp01 (strength),
    .pattern = pattern,
    .explanation = ctx->strings != NULL && explanation != NULL
                   ? g_string_chunk_insert (ctx->strings, explanation) : NULL,
  };

  g_assert (index <= confirmed_index && confirmed_index < ctx->n);

  g_array_append_val (ctx->signals, signal);
  g_free (explanation);
}

/* "25 hours", "3 days", "45 minutes": whole units, the largest that divides the span. */
char *
_wick_signals_format_duration (gint64 duration_ms)
{
  if (duration_ms >= 2 * DAY_MS && duration_ms % DAY_MS == 0)
    {
      guint days = (guint) (duration_ms / DAY_MS);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
    }

  if (duration_ms >= HOUR_MS && duration_ms % HOUR_MS == 0)
    {
      guint hours = (guint) (duration_ms / HOUR_MS);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
    }

  {
    guint minutes = (guint) (duration_ms / 60000);

    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                            minutes);
  }
}

/* "17 Nov 2025", in UTC. */
char *
_wick_signals_format_date (gint64 time_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_ms / 1000);

  if (dt == NULL)
    return g_strdup ("–");

  /* Translators: a date in an explanation, see g_date_time_format () */
  return g_date_time_format (dt, C_("signal date", "%-d %b %Y"));
}

typedef struct
{
  WickSignalsSnapshot     *snapshot;
  WickSignalParams         params;
  WickSignalsAnalyzeFlags  flags;
} AnalyzeData;

static void
analyze_data_free (AnalyzeData *data)
{
  g_clear_pointer (&data->snapshot, wick_signals_snapshot_unref);
  g_free (data);
}

static void
analyze_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AnalyzeData *data = task_data;
  g_autoptr(GError) error = NULL;
  WickSignals *result;

  result = wick_signals_analyze_with_flags (data->snapshot, &data->params, data->flags,
                                            cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) wick_signals_unref);
}

/**
 * wick_signals_analyze_async:
 * @snapshot: the data; a reference is kept until the analysis ends
 * @params: (nullable): the parameters, copied; %NULL for the defaults
 * @flags: how, as for wick_signals_analyze_with_flags ()
 * @cancellable: (nullable): a cancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Runs wick_signals_analyze_with_flags () in a worker thread.
 */
void
wick_signals_analyze_async (WickSignalsSnapshot     *snapshot,
                            const WickSignalParams  *params,
                            WickSignalsAnalyzeFlags  flags,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  AnalyzeData *data;

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AnalyzeData, 1);
  data->snapshot = wick_signals_snapshot_ref (snapshot);
  data->flags = flags;
  if (params != NULL)
    data->params = *params;
  else
    wick_signal_params_init (&data->params);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wick_signals_analyze_async);
  g_task_set_task_data (task, data, (GDestroyNotify) analyze_data_free);
  g_task_run_in_thread (task, analyze_thread);
}

/**
 * wick_signals_analyze_finish:
 * @result: the result given to the callback
 * @error: the error, such as %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the analysis
 */
WickSignals *
wick_signals_analyze_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wick_signals_analyze_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wick_signals_ref:
 * @self: an analysis
 *
 * The analysis is immutable, so a reference can be handed to another thread.
 *
 * Returns: (transfer full): @self
 */
WickSignals *
wick_signals_ref (WickSignals *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
wick_signals_clear (gpointer data)
{
  WickSignals *self = data;
  guint p;

  for (p = 0; p < WICK_N_INDICATORS; p++)
    g_clear_pointer (&self->indicators[p], g_free);
  for (p = 0; p < WICK_N_PATTERNS; p++)
    g_clear_pointer (&self->patterns[p], g_free);
  g_clear_pointer (&self->zones, wick_zones_unref);
  g_clear_pointer (&self->signals, g_free);
  for (p = 0; p < G_N_ELEMENTS (self->strings); p++)
    g_clear_pointer (&self->strings[p], g_string_chunk_free);
  g_clear_pointer (&self->snapshot, wick_signals_snapshot_unref);
  g_mutex_clear (&self->extras_lock);
  self->n_signals = 0;
}

void
wick_signals_unref (WickSignals *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, wick_signals_clear);
}

/**
 * wick_signals_get_snapshot:
 * @self: an analysis
 *
 * Returns: (transfer none): the data it was made from
 */
WickSignalsSnapshot *
wick_signals_get_snapshot (WickSignals *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->snapshot;
}

guint
wick_signals_get_n_candles (WickSignals *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_candles;
}

/**
 * wick_signals_get_indicator:
 * @self: an analysis
 * @indicator: which output
 *
 * Of an analysis with %WICK_SIGNALS_ANALYZE_LAZY_EXTRAS, the indicator is computed now if
 * it is not yet, with the others its function gives (MACD's lines, the Bollinger Bands), by
 * the calling thread.
 *
 * Returns: (transfer none) (array length=n_candles): one value per candle, NAN where the
 *   indicator has none yet
 */
const double *
wick_signals_get_indicator (WickSignals   *self,
                            WickIndicator  indicator)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (indicator < WICK_N_INDICATORS, NULL);

  _wick_signals_ensure_indicator (self, indicator);

  return self->indicators[indicator];
}

/**
 * wick_signals_get_pattern:
 * @self: an analysis
 * @pattern: which pattern
 *
 * As wick_signals_get_indicator (), a pattern may be computed now: of an analysis with
 * %WICK_SIGNALS_ANALYZE_LAZY_EXTRAS, which keeps none once its rules are done, any of them.
 *
 * Returns: (transfer none) (array length=n_candles): TA-Lib's output per candle; 0 before
 *   the pattern's lookback (wick_patterns_get_lookback ()) means "no value"
 */
const gint8 *
wick_signals_get_pattern (WickSignals *self,
                          WickPattern  pattern)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (pattern < WICK_N_PATTERNS, NULL);

  _wick_signals_ensure_patterns (self);

  return self->patterns[pattern];
}

/**
 * wick_signals_get_zones:
 * @self: an analysis
 *
 * Returns: (transfer none): the zones at the last candle
 */
WickZones *
wick_signals_get_zones (WickSignals *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->zones;
}

guint
wick_signals_get_n_signals (WickSignals *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_signals;
}

/**
 * wick_signals_get_signal:
 * @self: an analysis
 * @index: below wick_signals_get_n_signals ()
 *
 * Signals are ordered by candle, then by confirmation, kind and direction.
 *
 * Returns: (transfer none): the signal, valid as long as @self
 */
const WickSignal *
wick_signals_get_signal (WickSignals *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_signals, NULL);

  return &self->signals[index];
}
