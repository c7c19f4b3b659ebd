/* wick-heatmap-model.c: estimated liquidation levels of leveraged positions, candle by candle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap-model.h"

#include "wick-heatmap-private.h"
#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Below this scale the alive levels are renormalised, so raw sizes never overflow. */
#define RENORMALISE_BELOW 1e-150

enum {
  HEAP_LONGS,    /* alive longs, highest price on top (key −price) */
  HEAP_SHORTS,   /* alive shorts, lowest price on top (key price) */
  HEAP_RAW,      /* every alive level, smallest raw size on top (key raw) */
  N_HEAPS
};

/* A binary min-heap entry. Heaps are cleaned lazily: an entry whose level has ended is
 * skipped when it reaches the top, and a heap mostly made of such entries is rebuilt. */
typedef struct
{
  double  key;
  guint32 index;
} HeapEntry;

struct _WickHeatmapModel
{
  GObject            parent_instance;

  WickHeatmapConfig  config;
  double             shares[WICK_HEATMAP_MAX_TIERS];   /* tier weights over their sum */
  GArray            *levels;     /* Owned; WickHeatLevel, in birth order */
  GArray            *columns;    /* Owned; WickHeatColumn, one per candle */
  GArray            *deaths;     /* Owned; guint32 level indices, grouped by column */
  GArray            *heaps[N_HEAPS];   /* Owned; HeapEntry */
  guint              n_alive[2];       /* per WickSide */
  double             alive_raw[2];     /* Σ raw of the alive levels, per WickSide */
  double             scale;            /* USD of a level = raw × scale */
  WickHeatmapTotals  totals;           /* active_usd is filled in on request */
};

G_DEFINE_FINAL_TYPE (WickHeatmapModel, wick_heatmap_model, G_TYPE_OBJECT)

/* Heaps */

static void
heap_push (GArray  *heap,
           double   key,
           guint32  index)
{
  HeapEntry *h;
  guint i;

  g_array_set_size (heap, heap->len + 1);
  h = (HeapEntry *)(gpointer) heap->data;
  i = heap->len - 1;

  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (h[parent].key <= key)
        break;
      h[i] = h[parent];
      i = parent;
    }

  h[i].key = key;
  h[i].index = index;
}

static void
heap_sift_down (HeapEntry *h,
                guint      n,
                guint      i)
{
  HeapEntry moving = h[i];

  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= n)
        break;
      if (child + 1 < n && h[child + 1].key < h[child].key)
        child++;
      if (moving.key <= h[child].key)
        break;
      h[i] = h[child];
      i = child;
    }

  h[i] = moving;
}

static void
heap_pop (GArray *heap)
{
  HeapEntry *h = (HeapEntry *)(gpointer) heap->data;
  guint n = heap->len - 1;

  g_assert (heap->len > 0);

  if (n > 0)
    {
      h[0] = h[n];
      heap_sift_down (h, n, 0);
    }
  g_array_set_size (heap, n);
}

static inline const HeapEntry *
heap_top (GArray *heap)
{
  return heap->len > 0 ? (const HeapEntry *)(gconstpointer) heap->data : NULL;
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static inline WickHeatLevel *
get_level (WickHeatmapModel *self,
           guint32           index)
{
  return &g_array_index (self->levels, WickHeatLevel, index);
}

/* Drops the entries of ended levels from @heap once they are most of it. */
static void
heap_compact (WickHeatmapModel *self,
              GArray           *heap,
              guint             n_alive)
{
  HeapEntry *h = (HeapEntry *)(gpointer) heap->data;
  guint kept = 0;

  if (heap->len < 64 || heap->len <= 2 * n_alive)
    return;

  for (guint i = 0; i < heap->len; i++)
    {
      if (get_level (self, h[i].index)->end == WICK_HEAT_ALIVE)
        h[kept++] = h[i];
    }

  g_array_set_size (heap, kept);
  for (guint i = kept / 2; i-- > 0;)
    heap_sift_down (h, kept, i);
}

/* The model */

static void
wick_heatmap_model_finalize (GObject *object)
{
  WickHeatmapModel *self = (WickHeatmapModel *)object;

  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->deaths, g_array_unref);
  for (guint i = 0; i < N_HEAPS; i++)
    g_clear_pointer (&self->heaps[i], g_array_unref);

  G_OBJECT_CLASS (wick_heatmap_model_parent_class)->finalize (object);
}

static void
wick_heatmap_model_class_init (WickHeatmapModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_heatmap_model_finalize;
}

static void
wick_heatmap_model_init (WickHeatmapModel *self)
{
  self->scale = 1.0;
}

/**
 * wick_heatmap_model_new:
 * @config: (nullable): the configuration, or %NULL for wick_heatmap_config_init()'s
 * @error: return location for a %WICK_HEATMAP_ERROR_INVALID_CONFIG
 *
 * Returns: (transfer full) (nullable): a model without candles, or %NULL if @config is invalid
 */
WickHeatmapModel *
wick_heatmap_model_new (const WickHeatmapConfig  *config,
                        GError                  **error)
{
  g_autoptr(WickHeatmapModel) self = NULL;
  WickHeatmapConfig defaults;
  double sum = 0.0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (config == NULL)
    {
      wick_heatmap_config_init (&defaults);
      config = &defaults;
    }

  if (!wick_heatmap_config_validate (config, error))
    return NULL;

  self = g_object_new (WICK_TYPE_HEATMAP_MODEL, NULL);
  self->config = *config;

  for (guint i = 0; i < config->n_tiers; i++)
    sum += config->tiers[i].weight;
  for (guint i = 0; i < config->n_tiers; i++)
    self->shares[i] = config->tiers[i].weight / sum;

  self->levels = g_array_new (FALSE, FALSE, sizeof (WickHeatLevel));
  self->columns = g_array_new (FALSE, FALSE, sizeof (WickHeatColumn));
  self->deaths = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < N_HEAPS; i++)
    self->heaps[i] = g_array_new (FALSE, FALSE, sizeof (HeapEntry));

  return g_steal_pointer (&self);
}

/**
 * wick_heatmap_model_copy:
 * @self: a #WickHeatmapModel
 *
 * Returns: (transfer full): an independent copy, to hand to another thread
 */
WickHeatmapModel *
wick_heatmap_model_copy (WickHeatmapModel *self)
{
  WickHeatmapModel *copy;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), NULL);

  copy = g_object_new (WICK_TYPE_HEATMAP_MODEL, NULL);
  copy->config = self->config;
  memcpy (copy->shares, self->shares, sizeof self->shares);
  copy->levels = g_array_copy (self->levels);
  copy->columns = g_array_copy (self->columns);
  copy->deaths = g_array_copy (self->deaths);
  for (guint i = 0; i < N_HEAPS; i++)
    copy->heaps[i] = g_array_copy (self->heaps[i]);
  memcpy (copy->n_alive, self->n_alive, sizeof self->n_alive);
  memcpy (copy->alive_raw, self->alive_raw, sizeof self->alive_raw);
  copy->scale = self->scale;
  copy->totals = self->totals;

  return copy;
}

const WickHeatmapConfig *
wick_heatmap_model_get_config (WickHeatmapModel *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), NULL);

  return &self->config;
}

/**
 * wick_heatmap_model_get_n_columns:
 * @self: a #WickHeatmapModel
 *
 * Returns: the number of candles appended; column i is the i-th candle
 */
guint
wick_heatmap_model_get_n_columns (WickHeatmapModel *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), 0);

  return self->columns->len;
}

gint64
wick_heatmap_model_get_column_time (WickHeatmapModel *self,
                                    guint             column)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), 0);
  g_return_val_if_fail (column < self->columns->len, 0);

  return g_array_index (self->columns, WickHeatColumn, column).time_ms;
}

/* One candle */

static void
end_level (WickHeatmapModel *self,
           guint32           index,
           guint32           column)
{
  WickHeatLevel *level = get_level (self, index);

  g_assert (level->end == WICK_HEAT_ALIVE);

  level->end = column;
  self->n_alive[level->side]--;
  self->alive_raw[level->side] -= level->raw;
  if (self->n_alive[level->side] == 0)
    self->alive_raw[level->side] = 0.0;
  g_array_append_val (self->deaths, index);
}

static void
add_level (WickHeatmapModel *self,
           double            price,
           double            raw,
           guint32           column,
           guint32           origin,
           WickSide          side,
           guint             tier)
{
  WickHeatLevel level = { price, raw, column, WICK_HEAT_ALIVE, origin, side, tier };
  guint32 index = self->levels->len;

  g_array_append_val (self->levels, level);
  heap_push (self->heaps[side == WICK_SIDE_LONG ? HEAP_LONGS : HEAP_SHORTS],
             side == WICK_SIDE_LONG ? -price : price, index);
  heap_push (self->heaps[HEAP_RAW], raw, index);
  self->n_alive[side]++;
  self->alive_raw[side] += raw;
}

/* Ends every level that the candle's @limit (low for longs, high for shorts) reaches. */
static double
consume (WickHeatmapModel *self,
         WickSide          side,
         double            limit,
         guint32           column)
{
  GArray *heap = self->heaps[side == WICK_SIDE_LONG ? HEAP_LONGS : HEAP_SHORTS];
  const HeapEntry *top;
  double consumed = 0.0;

  while ((top = heap_top (heap)) != NULL)
    {
      guint32 index = top->index;
      const WickHeatLevel *level = get_level (self, index);

      if (level->end == WICK_HEAT_ALIVE)
        {
          if (side == WICK_SIDE_LONG ? level->price < limit : level->price > limit)
            break;
          consumed += level->raw * self->scale;
          end_level (self, index, column);
        }
      heap_pop (heap);
    }

  self->totals.consumed_usd[side] += consumed;

  return consumed;
}

static void
clear_heaps (WickHeatmapModel *self)
{
  for (guint i = 0; i < N_HEAPS; i++)
    g_array_set_size (self->heaps[i], 0);
}

/* Ends every alive level at @column and starts it again with its raw size times the scale,
 * which becomes 1. Only needed after a long fall of open interest with levels kept alive. */
static void
renormalise (WickHeatmapModel *self,
             guint32           column)
{
  g_autoptr(GArray) alive = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *heap = self->heaps[HEAP_RAW];
  double scale = self->scale;

  for (guint i = 0; i < heap->len; i++)
    {
      guint32 index = g_array_index (heap, HeapEntry, i).index;

      if (get_level (self, index)->end == WICK_HEAT_ALIVE)
        g_array_append_val (alive, index);
    }

  g_array_sort (alive, compare_guint32);
  clear_heaps (self);
  self->scale = 1.0;

  for (guint i = 0; i < alive->len; i++)
    {
      guint32 index = g_array_index (alive, guint32, i);
      WickHeatLevel old = *get_level (self, index);

      end_level (self, index, column);
      add_level (self, old.price, old.raw * scale, column, old.origin, old.side, old.tier);
    }
}

/* Keeps the fraction @keep (below 1) of every alive level: open interest fell. */
static void
close_fraction (WickHeatmapModel *self,
                double            keep,
                guint32           column)
{
  GArray *heap = self->heaps[HEAP_RAW];
  const HeapEntry *top;

  if (self->n_alive[WICK_SIDE_LONG] + self->n_alive[WICK_SIDE_SHORT] == 0)
    return;

  if (keep <= 0.0)
    {
      for (guint i = 0; i < heap->len; i++)
        {
          guint32 index = g_array_index (heap, HeapEntry, i).index;
          const WickHeatLevel *level = get_level (self, index);

          if (level->end == WICK_HEAT_ALIVE)
            {
              self->totals.closed_usd[level->side] += level->raw * self->scale;
              end_level (self, index, column);
            }
        }
      clear_heaps (self);
      self->scale = 1.0;
      return;
    }

  for (guint side = 0; side < 2; side++)
    self->totals.closed_usd[side] += self->alive_raw[side] * self->scale * (1.0 - keep);
  self->scale *= keep;

  /* Dust: what falls below the minimum level goes. */
  while ((top = heap_top (heap)) != NULL)
    {
      guint32 index = top->index;
      const WickHeatLevel *level = get_level (self, index);

      if (level->end == WICK_HEAT_ALIVE)
        {
          double usd = level->raw * self->scale;

          if (usd >= self->config.min_level_usd)
            break;
          self->totals.closed_usd[level->side] += usd;
          end_level (self, index, column);
        }
      heap_pop (heap);
    }

  if (self->n_alive[WICK_SIDE_LONG] + self->n_alive[WICK_SIDE_SHORT] == 0)
    {
      clear_heaps (self);
      self->scale = 1.0;
    }
  else if (self->scale < RENORMALISE_BELOW)
    {
      renormalise (self, column);
    }
}

/* Adds @usd of new positions opened in the candle over the tiers and sides. */
static void
open_positions (WickHeatmapModel       *self,
                const WickHeatmapInput *input,
                double                  usd,
                guint32                 column)
{
  const WickCandle *c = &input->candle;
  const double mmr = self->config.maintenance_margin_rate;
  double entry;
  double side_share[2];

  if (!(usd > 0.0 && isfinite (usd)))
    return;

  if (self->config.entry == WICK_HEATMAP_ENTRY_CLOSE)
    entry = c->close;
  else
    entry = (c->high + c->low + c->close) / 3.0;

  if (self->config.side_split == WICK_HEATMAP_SIDE_SPLIT_TAKER &&
      input->taker_buy_ratio >= 0.0 && input->taker_buy_ratio <= 1.0)
    side_share[WICK_SIDE_LONG] = input->taker_buy_ratio;
  else if (c->close > c->open)
    side_share[WICK_SIDE_LONG] = 1.0;
  else if (c->close < c->open)
    side_share[WICK_SIDE_LONG] = 0.0;
  else
    side_share[WICK_SIDE_LONG] = 0.5;
  side_share[WICK_SIDE_SHORT] = 1.0 - side_share[WICK_SIDE_LONG];

  for (guint tier = 0; tier < self->config.n_tiers; tier++)
    {
      double leverage = self->config.tiers[tier].leverage;

      for (guint side = 0; side < 2; side++)
        {
          double share = usd * self->shares[tier] * side_share[side];
          double price;

          if (!(share > 0.0 && share >= self->config.min_level_usd))
            continue;

          price = wick_heatmap_liquidation_price (entry, leverage, mmr, side);
          add_level (self, price, share / self->scale, column, column, side, tier);
          self->totals.added_usd[side] += share;
        }
    }
}

static inline gboolean
is_known_usd (double usd)
{
  return usd >= 0.0 && isfinite (usd);
}

/**
 * wick_heatmap_model_append:
 * @self: a #WickHeatmapModel
 * @input: the next closed candle and what is known about it
 * @error: return location for a %WICK_HEATMAP_ERROR
 *
 * Runs the model over one more candle, in this order: the candle's low consumes the long
 * levels at or above it and its high the short levels at or below it; with open-interest
 * weighting and known open interest, a fall closes part of every level and a rise is opened;
 * otherwise the candle's volume in USD is opened. Open interest is known when both values are
 * finite and above zero. Values that are not finite or out of range count as unknown.
 *
 * Returns: %TRUE on success; on error nothing changes
 */
gboolean
wick_heatmap_model_append (WickHeatmapModel        *self,
                           const WickHeatmapInput  *input,
                           GError                 **error)
{
  const WickCandle *c;
  WickHeatColumn column = { 0 };
  guint32 j;
  double opened;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->columns->len < G_MAXUINT32 - 1, FALSE);

  c = &input->candle;

  if (!_wick_candle_is_valid (c))
    {
      WickSeriesError code;
      g_autofree char *problem = _wick_candle_describe_problem (c, &code);
      g_autofree char *time = _wick_format_time_ms (c->open_time_ms);

      /* Translators: “Candle at 2026-01-05T03:00:00Z: high … is below low …” */
      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CANDLE,
                   _("Candle at %s: %s"), time, problem);
      return FALSE;
    }

  if (self->columns->len > 0 &&
      c->open_time_ms <= g_array_index (self->columns, WickHeatColumn,
                                        self->columns->len - 1).time_ms)
    {
      g_autofree char *time = _wick_format_time_ms (c->open_time_ms);

      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_OUT_OF_ORDER,
                   _("Candle at %s is not after the last candle of the heatmap"), time);
      return FALSE;
    }

  j = self->columns->len;

  column.predicted[WICK_SIDE_LONG] = consume (self, WICK_SIDE_LONG, c->low, j);
  column.predicted[WICK_SIDE_SHORT] = consume (self, WICK_SIDE_SHORT, c->high, j);

  if (self->config.weighting == WICK_HEATMAP_WEIGHTING_OPEN_INTEREST &&
      input->oi_open_usd > 0.0 && isfinite (input->oi_open_usd) &&
      input->oi_close_usd > 0.0 && isfinite (input->oi_close_usd))
    {
      double delta = input->oi_close_usd - input->oi_open_usd;

      if (delta < 0.0)
        {
          double keep;

          if (self->config.close == WICK_HEATMAP_CLOSE_PROPORTIONAL)
            {
              keep = input->oi_close_usd / input->oi_open_usd;
            }
          else
            {
              double alive = (self->alive_raw[WICK_SIDE_LONG] +
                              self->alive_raw[WICK_SIDE_SHORT]) * self->scale;

              keep = alive > 0.0 ? 1.0 - MIN (-delta / alive, 1.0) : 1.0;
            }
          close_fraction (self, keep, j);
        }
      opened = MAX (delta, 0.0);
    }
  else
    {
      opened = c->volume * (c->high + c->low + c->close) / 3.0;
    }

  open_positions (self, input, opened, j);

  column.time_ms = c->open_time_ms;
  column.low = c->low;
  column.high = c->high;
  column.scale = self->scale;
  column.realised[WICK_SIDE_LONG] =
    is_known_usd (input->long_liquidated_usd) ? input->long_liquidated_usd : NAN;
  column.realised[WICK_SIDE_SHORT] =
    is_known_usd (input->short_liquidated_usd) ? input->short_liquidated_usd : NAN;
  column.level_end = self->levels->len;
  column.death_end = self->deaths->len;
  g_array_append_val (self->columns, column);

  heap_compact (self, self->heaps[HEAP_LONGS], self->n_alive[WICK_SIDE_LONG]);
  heap_compact (self, self->heaps[HEAP_SHORTS], self->n_alive[WICK_SIDE_SHORT]);
  heap_compact (self, self->heaps[HEAP_RAW],
                self->n_alive[WICK_SIDE_LONG] + self->n_alive[WICK_SIDE_SHORT]);

  return TRUE;
}

/* Queries */

static inline const WickHeatColumn *
get_column (WickHeatmapModel *self,
            guint             column)
{
  return &g_array_index (self->columns, WickHeatColumn, column);
}

/**
 * wick_heatmap_model_get_predicted:
 * @self: a #WickHeatmapModel
 * @column: a column
 * @side: long or short
 *
 * Returns: the USD of the @side levels that the candle of @column consumed: its predicted
 *   liquidations
 */
double
wick_heatmap_model_get_predicted (WickHeatmapModel *self,
                                  guint             column,
                                  WickSide          side)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), 0.0);
  g_return_val_if_fail (column < self->columns->len, 0.0);
  g_return_val_if_fail (side == WICK_SIDE_LONG || side == WICK_SIDE_SHORT, 0.0);

  return get_column (self, column)->predicted[side];
}

/**
 * wick_heatmap_model_get_realised:
 * @self: a #WickHeatmapModel
 * @column: a column
 * @side: long or short
 *
 * Returns: the realised @side liquidations of the candle of @column in USD, or NAN when
 *   unknown
 */
double
wick_heatmap_model_get_realised (WickHeatmapModel *self,
                                 guint             column,
                                 WickSide          side)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), NAN);
  g_return_val_if_fail (column < self->columns->len, NAN);
  g_return_val_if_fail (side == WICK_SIDE_LONG || side == WICK_SIDE_SHORT, NAN);

  return get_column (self, column)->realised[side];
}

/**
 * wick_heatmap_model_get_totals:
 * @self: a #WickHeatmapModel
 * @totals: (out caller-allocates): the totals since the first candle
 */
void
wick_heatmap_model_get_totals (WickHeatmapModel  *self,
                               WickHeatmapTotals *totals)
{
  g_return_if_fail (WICK_IS_HEATMAP_MODEL (self));
  g_return_if_fail (totals != NULL);

  *totals = self->totals;
  for (guint side = 0; side < 2; side++)
    totals->active_usd[side] = self->alive_raw[side] * self->scale;
}

void
_wick_heatmap_model_get_tables (WickHeatmapModel *self,
                                WickHeatTables   *tables)
{
  g_assert (WICK_IS_HEATMAP_MODEL (self));
  g_assert (tables != NULL);

  tables->levels = (const WickHeatLevel *)(gconstpointer) self->levels->data;
  tables->n_levels = self->levels->len;
  tables->columns = (const WickHeatColumn *)(gconstpointer) self->columns->data;
  tables->n_columns = self->columns->len;
  tables->deaths = (const guint32 *)(gconstpointer) self->deaths->data;
  tables->n_deaths = self->deaths->len;
}
