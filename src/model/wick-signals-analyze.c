/* wick-signals-analyze.c: running the analysis, on two threads for a long series
 *
 * The stages and what each needs:
 *
 *   ATR, pivots ─┬─ cascades (flags) ─┬─ capitulation ── V-recoveries
 *                │                    └─────────────────────────┐
 *   RSI ─────────┴─ swing rules (week levels) ──────────────────┼─ levels walk
 *   other indicators, the ten patterns ─────────────────────────┘
 *
 * The calling thread runs the chain on top; the other stages are tasks that a worker thread
 * starts on at once and the caller joins once its chain is done. The levels walk reports over
 * consecutive ranges of candles what one walk reports (wick-signals-levels.c), and both
 * threads take shares of it as soon as what it reads is there: the worker, done with the
 * tasks first, begins while the caller still looks for capitulation. Each thread writes its
 * own signals and explanations; put together in a fixed order and sorted stably, they come
 * out exactly as one thread leaves them, as every kind of signal comes from one rule and each
 * rule's signals keep their order. A short series runs the same stages on the calling thread
 * alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals"

#include "config.h"

#include "wick-signals.h"

#include "wick-indicators.h"
#include "wick-signals-private.h"

/* Below this many candles a second thread costs more than it saves. */
#define PARALLEL_MIN_CANDLES 50000
/* Candles per share of the levels walk: small enough that two threads finish together. */
#define LEVELS_SHARE         32768

/* The stages either thread may take, after the caller's own chain (the basic indicators,
 * the flow rules and the V-recoveries): RSI, which only the divergences read, the other
 * indicators, the patterns (in one walk), and the swing rules that need no flags. The swing
 * rules come last, as they wait for the basic indicators, which the worker would otherwise
 * wait for at its start. */
enum
{
  TASK_RSI,
  TASK_OTHER_INDICATORS,
  TASK_PATTERNS,
  TASK_FIRST_SWING_RULE,
  N_TASKS = TASK_FIRST_SWING_RULE + WICK_N_SWING_RULES
};

enum
{
  READY_BASICS   = 1 << 0,  /* ATR, pivots, volume average: the caller's */
  READY_RSI      = 1 << 1,  /* a task's */
  READY_CASCADES = 1 << 2,  /* the cascades' flags: the caller's */
  READY_TASKS    = 1 << 3,  /* every task is done */
  READY_LEVELS   = READY_CASCADES | READY_TASKS,  /* everything the levels walk reads */
};

/* One analysis being run. */
typedef struct
{
  WickSignals        *self;         /* Borrowed */
  gboolean            is_lazy;      /* the extras are left for later */
  WickSignalsContext *ctx;          /* Borrowed: the caller's */
  WickSignalsContext  worker_ctx;   /* the worker's: its own explanations */
  GArray             *swing_signals[WICK_N_SWING_RULES];  /* Owned: each swing rule's */
  int                 next_task;    /* atomic */
  guint               n_shares;
  guint              *starts;       /* Owned: n_shares + 1 */
  GArray            **shares;       /* Owned: each share's signals */
  int                 next_share;   /* atomic */
  GMutex              lock;
  GCond               cond;
  guint               ready;        /* READY_*, under lock */
  guint               tasks_done;   /* under lock */
} Run;

static void
run_post (Run   *run,
          guint  ready)
{
  g_mutex_lock (&run->lock);
  run->ready |= ready;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

static void
run_wait (Run   *run,
          guint  ready)
{
  g_mutex_lock (&run->lock);
  while ((run->ready & ready) != ready)
    g_cond_wait (&run->cond, &run->lock);
  g_mutex_unlock (&run->lock);
}

static int
compare_signals (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const WickSignal *x = a;
  const WickSignal *y = b;

  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  if (x->confirmed_index != y->confirmed_index)
    return x->confirmed_index < y->confirmed_index ? -1 : 1;
  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  return (int) x->direction - (int) y->direction;
}

/* Sorts one part's signals, stably: those that compare equal stay in the order reported. */
static void
sort_part (GArray *signals)
{
  g_qsort_with_data (signals->data, signals->len, sizeof (WickSignal), compare_signals, NULL);
}

/* Merges the sorted @parts into one sorted array; of signals that compare equal, those of an
 * earlier part come first, which is what a stable sort of the parts one after the other
 * gives. A heap of the parts' next signals. */
static WickSignal *
merge_parts (GArray **parts,
             guint    n_parts,
             guint   *n_signals)
{
  g_autofree guint *heap = g_new (guint, MAX (n_parts, 1));
  g_autofree guint *next = g_new0 (guint, MAX (n_parts, 1));
  guint n_heap = 0, total = 0, out = 0;
  WickSignal *merged;

#define HEAD(part) (&g_array_index (parts[part], WickSignal, next[part]))
#define BEFORE(a, b) \
  (compare_signals (HEAD (a), HEAD (b), NULL) < 0 || \
   (compare_signals (HEAD (a), HEAD (b), NULL) == 0 && (a) < (b)))

  for (guint k = 0; k < n_parts; k++)
    {
      total += parts[k]->len;
      if (parts[k]->len == 0)
        continue;

      /* Sift the new part up. */
      for (guint i = n_heap++; ; )
        {
          guint parent = (i - 1) / 2;

          if (i == 0 || !BEFORE (k, heap[parent]))
            {
              heap[i] = k;
              break;
            }
          heap[i] = heap[parent];
          i = parent;
        }
    }

  merged = g_new (WickSignal, MAX (total, 1));

  while (n_heap > 0)
    {
      guint top = heap[0];
      guint i = 0;

      merged[out++] = *HEAD (top);
      if (++next[top] == parts[top]->len)
        top = heap[--n_heap];

      /* Sift @top down from the root. */
      for (;;)
        {
          guint child = 2 * i + 1;

          if (child >= n_heap)
            break;
          if (child + 1 < n_heap && BEFORE (heap[child + 1], heap[child]))
            child++;
          if (!BEFORE (heap[child], top))
            break;
          heap[i] = heap[child];
          i = child;
        }
      if (n_heap > 0)
        heap[i] = top;
    }

#undef BEFORE
#undef HEAD

  *n_signals = total;
  return merged;
}

/* SMA (V, bars) of the candles before each one; NAN until there are enough. */
static double *
volume_average_before (const WickCandle *c,
                       guint             n,
                       guint             bars)
{
  double *average = g_new (double, MAX (n, 1));
  double sum = 0.0;
  guint i;

  for (i = 0; i < n; i++)
    {
      average[i] = bars > 0 && i >= bars ? sum / bars : NAN;
      sum += c[i].volume;
      if (bars > 0 && i >= bars)
        sum -= c[i - bars].volume;
    }

  return average;
}

/* The indicators one function gives with @indicator, @indicator among them: MACD's three
 * lines, the three Bollinger Bands, or @indicator alone. */
static guint
get_indicator_group (WickIndicator  indicator,
                     WickIndicator  group[3])
{
  switch (indicator)
    {
    case WICK_INDICATOR_MACD:
    case WICK_INDICATOR_MACD_SIGNAL:
    case WICK_INDICATOR_MACD_HIST:
      group[0] = WICK_INDICATOR_MACD;
      group[1] = WICK_INDICATOR_MACD_SIGNAL;
      group[2] = WICK_INDICATOR_MACD_HIST;
      return 3;

    case WICK_INDICATOR_BB_UPPER:
    case WICK_INDICATOR_BB_MIDDLE:
    case WICK_INDICATOR_BB_LOWER:
      group[0] = WICK_INDICATOR_BB_UPPER;
      group[1] = WICK_INDICATOR_BB_MIDDLE;
      group[2] = WICK_INDICATOR_BB_LOWER;
      return 3;

    case WICK_INDICATOR_RSI:
    case WICK_INDICATOR_ATR:
    case WICK_INDICATOR_EMA20:
    case WICK_INDICATOR_EMA50:
    case WICK_INDICATOR_VWAP:
    case WICK_N_INDICATORS:
    default:
      group[0] = indicator;
      return 1;
    }
}

/* Fills @v[@indicator] and the others of its group. */
static void
compute_indicator_group (double           **v,
                         const WickCandle  *c,
                         guint              n,
                         WickIndicator      indicator)
{
  switch (indicator)
    {
    case WICK_INDICATOR_RSI:
      wick_indicators_rsi (c, n, WICK_RSI_PERIOD, v[WICK_INDICATOR_RSI]);
      break;

    case WICK_INDICATOR_ATR:
      wick_indicators_atr (c, n, WICK_ATR_PERIOD, v[WICK_INDICATOR_ATR]);
      break;

    case WICK_INDICATOR_EMA20:
      wick_indicators_ema (c, n, 20, v[WICK_INDICATOR_EMA20]);
      break;

    case WICK_INDICATOR_EMA50:
      wick_indicators_ema (c, n, 50, v[WICK_INDICATOR_EMA50]);
      break;

    case WICK_INDICATOR_MACD:
    case WICK_INDICATOR_MACD_SIGNAL:
    case WICK_INDICATOR_MACD_HIST:
      wick_indicators_macd (c, n, WICK_MACD_FAST_PERIOD, WICK_MACD_SLOW_PERIOD,
                            WICK_MACD_SIGNAL_PERIOD, v[WICK_INDICATOR_MACD],
                            v[WICK_INDICATOR_MACD_SIGNAL], v[WICK_INDICATOR_MACD_HIST]);
      break;

    case WICK_INDICATOR_BB_UPPER:
    case WICK_INDICATOR_BB_MIDDLE:
    case WICK_INDICATOR_BB_LOWER:
      wick_indicators_bbands (c, n, WICK_BBANDS_PERIOD, WICK_BBANDS_NB_DEV,
                              v[WICK_INDICATOR_BB_UPPER], v[WICK_INDICATOR_BB_MIDDLE],
                              v[WICK_INDICATOR_BB_LOWER]);
      break;

    case WICK_INDICATOR_VWAP:
      wick_indicators_vwap_daily (c, n, v[WICK_INDICATOR_VWAP]);
      break;

    case WICK_N_INDICATORS:
    default:
      g_assert_not_reached ();
    }
}

/* The indicators drawn on the chart. */
static void
compute_other_indicators (WickSignals      *self,
                          const WickCandle *c,
                          guint             n)
{
  const WickIndicator firsts[] = { WICK_INDICATOR_EMA20, WICK_INDICATOR_EMA50,
                                   WICK_INDICATOR_MACD, WICK_INDICATOR_BB_UPPER,
                                   WICK_INDICATOR_VWAP };

  for (guint k = 0; k < G_N_ELEMENTS (firsts); k++)
    compute_indicator_group (self->indicators, c, n, firsts[k]);
}

/* The arrays an analysis fills as it runs: all of them, or with
 * %WICK_SIGNALS_ANALYZE_LAZY_EXTRAS those the rules read. */
static void
allocate_arrays (WickSignals *self,
                 guint        n,
                 gboolean     is_lazy)
{
  for (guint p = 0; p < WICK_N_INDICATORS; p++)
    if (!is_lazy || !_wick_signals_is_extra_indicator (p))
      self->indicators[p] = g_new (double, MAX (n, 1));
  for (guint p = 0; p < WICK_N_PATTERNS; p++)
    if (!is_lazy || !_wick_signals_is_extra_pattern (p))
      self->patterns[p] = g_new (gint8, MAX (n, 1));
}

/* Of a lazy analysis, once its rules are done: the arrays they read go, which only a caller
 * asking for them needs (a million candles' take 23 MB). */
static void
free_rules_arrays (WickSignals *self)
{
  g_clear_pointer (&self->indicators[WICK_INDICATOR_RSI], g_free);
  g_clear_pointer (&self->indicators[WICK_INDICATOR_ATR], g_free);
  for (guint p = 0; p < WICK_N_PATTERNS; p++)
    g_clear_pointer (&self->patterns[p], g_free);
}

/**
 * _wick_signals_is_extra_indicator:
 *
 * Returns: whether no rule reads @indicator (they read RSI and ATR)
 */
gboolean
_wick_signals_is_extra_indicator (WickIndicator indicator)
{
  return indicator != WICK_INDICATOR_RSI && indicator != WICK_INDICATOR_ATR;
}

/**
 * _wick_signals_ensure_indicator:
 *
 * Computes @indicator, and the others of the function that gives it, unless it is there
 * already, as of a lazy analysis only the indicators asked for are. Safe from any thread.
 */
void
_wick_signals_ensure_indicator (WickSignals   *self,
                                WickIndicator  indicator)
{
  double *v[WICK_N_INDICATORS] = { NULL };
  WickIndicator group[3];
  const WickCandle *c;
  guint n, n_group;

  if (g_atomic_pointer_get (&self->indicators[indicator]) != NULL)
    return;

  g_mutex_lock (&self->extras_lock);
  if (self->indicators[indicator] == NULL)
    {
      c = wick_signals_snapshot_get_candles (self->snapshot, &n);
      n_group = get_indicator_group (indicator, group);
      for (guint k = 0; k < n_group; k++)
        v[group[k]] = g_new (double, MAX (n, 1));
      compute_indicator_group (v, c, n, indicator);
      for (guint k = 0; k < n_group; k++)
        g_atomic_pointer_set (&self->indicators[group[k]], v[group[k]]);
    }
  g_mutex_unlock (&self->extras_lock);
}

/**
 * _wick_signals_ensure_patterns:
 *
 * Computes the patterns, in one walk, unless they are there already. Safe from any thread.
 */
void
_wick_signals_ensure_patterns (WickSignals *self)
{
  gint8 *patterns[WICK_N_PATTERNS] = { NULL };
  const WickCandle *c;
  guint n;

  if (g_atomic_pointer_get (&self->patterns[0]) != NULL)
    return;

  g_mutex_lock (&self->extras_lock);
  if (self->patterns[0] == NULL)
    {
      c = wick_signals_snapshot_get_candles (self->snapshot, &n);
      for (guint p = 0; p < WICK_N_PATTERNS; p++)
        patterns[p] = g_new (gint8, MAX (n, 1));
      wick_patterns_compute_all (c, n, patterns);
      /* The first last: it is the one checked. */
      for (guint p = WICK_N_PATTERNS; p-- > 0;)
        g_atomic_pointer_set (&self->patterns[p], patterns[p]);
    }
  g_mutex_unlock (&self->extras_lock);
}

/* Runs the tasks no thread has taken yet, with @ctx's explanations. */
static void
run_tasks (Run                *run,
           WickSignalsContext *ctx)
{
  WickSignals *self = run->self;
  guint task;

  while ((task = (guint) g_atomic_int_add (&run->next_task, 1)) < N_TASKS)
    {
      if (task == TASK_RSI)
        {
          compute_indicator_group (self->indicators, ctx->candles, ctx->n, WICK_INDICATOR_RSI);
          run_post (run, READY_RSI);
        }
      else if (task == TASK_OTHER_INDICATORS)
        {
          if (!run->is_lazy)
            compute_other_indicators (self, ctx->candles, ctx->n);
        }
      else if (task == TASK_PATTERNS)
        {
          /* Of a lazy analysis, those the rules read: the others are not there yet. */
          wick_patterns_compute_all (ctx->candles, ctx->n, self->patterns);
        }
      else
        {
          WickSignalsContext swing_ctx;

          run_wait (run, READY_BASICS |
                         (task == TASK_FIRST_SWING_RULE + WICK_SWING_RULE_DIVERGENCES
                          ? READY_RSI : 0));
          swing_ctx = *ctx;
          swing_ctx.signals = run->swing_signals[task - TASK_FIRST_SWING_RULE];
          if (!g_cancellable_is_cancelled (ctx->cancellable))
            _wick_signals_find_swings (&swing_ctx, task - TASK_FIRST_SWING_RULE);
          sort_part (swing_ctx.signals);
        }

      g_mutex_lock (&run->lock);
      if (++run->tasks_done == N_TASKS)
        {
          run->ready |= READY_TASKS;
          g_cond_broadcast (&run->cond);
        }
      g_mutex_unlock (&run->lock);
    }
}

/* Takes shares of the levels walk until none is left, reporting into the share's signals and
 * @ctx's explanations. */
static void
run_levels (Run                      *run,
            const WickSignalsContext *ctx)
{
  WickLevelsScratch scratch = { NULL, 0 };
  guint share;

  while ((share = (guint) g_atomic_int_add (&run->next_share, 1)) < run->n_shares &&
         !g_cancellable_is_cancelled (ctx->cancellable))
    {
      WickSignalsContext share_ctx = *ctx;

      share_ctx.signals = run->shares[share];
      share_ctx.levels_scratch = &scratch;
      _wick_signals_find_levels (&share_ctx, run->starts[share], run->starts[share + 1]);
      sort_part (share_ctx.signals);
    }

  g_free (scratch.values);
}

/* Divides the levels walk into shares. */
static void
plan_levels (Run   *run,
             guint  n_shares)
{
  guint n = run->ctx->n;

  run->n_shares = n_shares;
  run->starts = g_new (guint, n_shares + 1);
  run->shares = g_new (GArray *, n_shares);
  for (guint k = 0; k < n_shares; k++)
    {
      run->starts[k] = 1 + (guint) ((guint64) (MAX (n, 1) - 1) * k / n_shares);
      run->shares[k] = g_array_new (FALSE, FALSE, sizeof (WickSignal));
    }
  run->starts[n_shares] = MAX (n, 1);
}

static gpointer
worker_thread (gpointer data)
{
  Run *run = data;

  run_tasks (run, &run->worker_ctx);
  run_wait (run, READY_LEVELS);
  run_levels (run, &run->worker_ctx);

  return NULL;
}

/**
 * wick_signals_analyze:
 * @snapshot: the data
 * @params: (nullable): the parameters, or %NULL for the defaults
 * @cancellable: (nullable): checked between the stages
 * @error: where to put %G_IO_ERROR_CANCELLED
 *
 * Runs the whole analysis, on a second thread as well for a long series. Safe to call from
 * any thread; see the header.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL when cancelled
 */
WickSignals *
wick_signals_analyze (WickSignalsSnapshot     *snapshot,
                      const WickSignalParams  *params,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  return wick_signals_analyze_with_flags (snapshot, params, WICK_SIGNALS_ANALYZE_DEFAULT,
                                          cancellable, error);
}

/**
 * wick_signals_analyze_with_flags:
 * @snapshot: the data
 * @params: (nullable): the parameters, or %NULL for the defaults
 * @flags: how to run it
 * @cancellable: (nullable): checked between the stages
 * @error: where to put %G_IO_ERROR_CANCELLED
 *
 * As wick_signals_analyze (); %WICK_SIGNALS_ANALYZE_LAZY_EXTRAS leaves what no rule reads to
 * be computed when it is first asked for. The results are the same either way.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL when cancelled
 */
WickSignals *
wick_signals_analyze_with_flags (WickSignalsSnapshot      *snapshot,
                                 const WickSignalParams   *params,
                                 WickSignalsAnalyzeFlags   flags,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  return _wick_signals_analyze_threads (snapshot, params, flags, TRUE, cancellable, error);
}

/**
 * _wick_signals_analyze_threads:
 * @may_share: whether a long series may be shared with a second thread
 *
 * wick_signals_analyze_with_flags (), or, for the tests, the same on one thread.
 */
WickSignals *
_wick_signals_analyze_threads (WickSignalsSnapshot      *snapshot,
                               const WickSignalParams   *params,
                               WickSignalsAnalyzeFlags   flags,
                               gboolean                  may_share,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  g_autoptr(WickSignals) self = NULL;
  g_autoptr(GThread) worker = NULL;
  const WickLiquidationBucket *liquidations;
  const WickOpenInterestPoint *open_interest;
  guint n_liquidations, n_open_interest;
  WickSignalParams defaults;
  WickSignalsContext ctx;
  const WickCandle *c;
  GPtrArray *parts;
  Run run = { 0 };
  guint n, p, n_shares;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (params == NULL || params->swing_bars >= 1, NULL);
  g_return_val_if_fail (params == NULL || params->baseline_bars >= 2, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params == NULL)
    {
      wick_signal_params_init (&defaults);
      params = &defaults;
    }

  c = wick_signals_snapshot_get_candles (snapshot, &n);
  liquidations = wick_signals_snapshot_get_liquidations (snapshot, &n_liquidations);
  open_interest = wick_signals_snapshot_get_open_interest (snapshot, &n_open_interest);

  self = g_atomic_rc_box_new0 (WickSignals);
  g_mutex_init (&self->extras_lock);
  self->snapshot = wick_signals_snapshot_ref (snapshot);
  self->n_candles = n;
  for (p = 0; p < G_N_ELEMENTS (self->strings); p++)
    self->strings[p] = g_string_chunk_new (4096);
  allocate_arrays (self, n, (flags & WICK_SIGNALS_ANALYZE_LAZY_EXTRAS) != 0);

  ctx = (WickSignalsContext) {
    .params = params,
    .cancellable = cancellable,
    .candles = c,
    .n = n,
    .interval_ms = wick_signals_snapshot_get_interval_ms (snapshot),
    .liquidations = liquidations,
    .n_liquidations = n_liquidations,
    .open_interest = open_interest,
    .n_open_interest = n_open_interest,
    .atr = self->indicators[WICK_INDICATOR_ATR],
    .rsi = self->indicators[WICK_INDICATOR_RSI],
    .week_levels = g_array_new (FALSE, FALSE, sizeof (WickWeekLevel)),
    .signals = g_array_new (FALSE, FALSE, sizeof (WickSignal)),
    .strings = (flags & WICK_SIGNALS_ANALYZE_NO_EXPLANATIONS) ? NULL : self->strings[0],
  };
  for (p = 0; p < WICK_N_PATTERNS; p++)
    ctx.patterns[p] = self->patterns[p];

  run.self = self;
  run.is_lazy = (flags & WICK_SIGNALS_ANALYZE_LAZY_EXTRAS) != 0;
  run.ctx = &ctx;
  run.worker_ctx = ctx;
  run.worker_ctx.signals = NULL;
  run.worker_ctx.strings = ctx.strings != NULL ? self->strings[1] : NULL;
  for (p = 0; p < WICK_N_SWING_RULES; p++)
    run.swing_signals[p] = g_array_new (FALSE, FALSE, sizeof (WickSignal));
  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);

  if (may_share && n >= PARALLEL_MIN_CANDLES && g_get_num_processors () > 1)
    worker = g_thread_try_new ("wick-analysis", worker_thread, &run, NULL);
  n_shares = worker != NULL ? MAX (n / LEVELS_SHARE, 2) : 1;
  /* The worker reads the plan once READY_LEVELS is posted. */
  plan_levels (&run, n_shares);

  compute_indicator_group (self->indicators, c, n, WICK_INDICATOR_ATR);
  ctx.volume_average = volume_average_before (c, n, params->volume_average_bars);
  ctx.flags = g_new0 (guint8, MAX (n, 1));
  ctx.capitulation = g_new0 (guint8, MAX (n, 1));
  ctx.swings = wick_pivots_find (c, n, 0, params->swing_bars, params->swing_bars);
  /* The worker reads these through its copy of the context. */
  run.worker_ctx.volume_average = ctx.volume_average;
  run.worker_ctx.flags = ctx.flags;
  run.worker_ctx.capitulation = ctx.capitulation;
  run.worker_ctx.swings = ctx.swings;
  run_post (&run, READY_BASICS);

  self->zones = wick_zones_detect (c, n, self->indicators[WICK_INDICATOR_ATR], &params->zones);

  /* The rules run in this order: each grades with what the ones before left. The swing
   * rules, among the tasks, need none of the flow rules' flags, and the levels walk only
   * the cascades'. */
  if (!g_cancellable_is_cancelled (cancellable))
    _wick_signals_find_cascades (&ctx);
  run_post (&run, READY_CASCADES);
  if (!g_cancellable_is_cancelled (cancellable))
    _wick_signals_find_capitulation (&ctx);
  if (!g_cancellable_is_cancelled (cancellable))
    _wick_signals_find_v_recoveries (&ctx);
  sort_part (ctx.signals);

  run_tasks (&run, &ctx);
  run_wait (&run, READY_LEVELS);

  run_levels (&run, &ctx);
  if (worker != NULL)
    g_thread_join (g_steal_pointer (&worker));

  /* What the rules shared goes before the merge, which holds the signals twice. */
  if (run.is_lazy)
    free_rules_arrays (self);
  g_clear_pointer (&ctx.volume_average, g_free);
  g_clear_pointer (&ctx.flags, g_free);
  g_clear_pointer (&ctx.capitulation, g_free);
  g_clear_pointer (&ctx.swings, g_array_unref);
  g_clear_pointer (&ctx.week_levels, g_array_unref);

  /* Everything, in the order one thread reports it. */
  parts = g_ptr_array_new ();
  g_ptr_array_add (parts, ctx.signals);
  for (p = 0; p < WICK_N_SWING_RULES; p++)
    g_ptr_array_add (parts, run.swing_signals[p]);
  for (guint k = 0; k < run.n_shares; k++)
    g_ptr_array_add (parts, run.shares[k]);
  if (!g_cancellable_is_cancelled (cancellable))
    self->signals = merge_parts ((GArray **) parts->pdata, parts->len, &self->n_signals);
  g_ptr_array_unref (parts);

  g_array_unref (ctx.signals);
  for (p = 0; p < WICK_N_SWING_RULES; p++)
    g_array_unref (run.swing_signals[p]);
  for (guint k = 0; k < run.n_shares; k++)
    g_array_unref (run.shares[k]);
  g_free (run.shares);
  g_free (run.starts);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}
