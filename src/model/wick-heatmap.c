/* wick-heatmap.c: the liquidation heatmap, a time × price grid of estimated USD
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap.h"

#include "wick-heatmap-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* A chunk holds at most CHUNK_CELLS cells, in at most 2^MAX_CHUNK_SHIFT columns. */
#define CHUNK_CELLS     65536
#define MAX_CHUNK_SHIFT 8

typedef struct
{
  gint64 time_ms;
  double low;
  double high;
  double predicted[2];
  double realised[2];
  double max;           /* the column's largest cell */
} ColumnInfo;

/* A run of columns, shared by a grid and the grids extended from it. A grid reads only the
 * columns it was built with; wick_heatmap_extend() claims the next free one by moving
 * `filled` atomically, and copies the chunk when another grid claimed it first. */
typedef struct
{
  int         filled;   /* columns written */
  ColumnInfo *info;     /* Borrowed from the same block: 1 << chunk_shift of them */
  float      *cells;    /* Borrowed from the same block: (1 << chunk_shift) × n_buckets */
} Chunk;

struct _WickHeatmap
{
  GObject              parent_instance;

  WickHeatmapGridSpec  spec;
  WickHeatmapConfig    config;
  guint                chunk_shift;
  Chunk              **chunks;       /* Owned; atomic rc boxes, one reference each */
  guint                n_chunks;
  double              *sums;         /* Owned; raw size per bucket after the last column, ≥ 0 */
  gint32              *counts;       /* Owned; levels per bucket after the last column */
  double               max_sum;      /* the largest of sums, unless max_dirty */
  guint                max_bucket;   /* where it is */
  gboolean             max_dirty;    /* the bucket of max_sum shrank: find it again */
  guint               *touched;      /* Owned; buckets the last column changed, max_touched */
  guint                n_touched;    /* or G_MAXUINT when there were more */
  guint                max_touched;
  double               last_scale;   /* scale of the last column, 0 before the first */
  double               max_value;
  double               max_bubble_usd;
};

G_DEFINE_FINAL_TYPE (WickHeatmap, wick_heatmap, G_TYPE_OBJECT)

/* Chunks */

static Chunk *
chunk_new (guint shift,
           guint n_buckets)
{
  gsize columns = (gsize) 1 << shift;
  gsize header = sizeof (Chunk) + columns * sizeof (ColumnInfo);
  Chunk *chunk = g_atomic_rc_box_alloc (header + columns * n_buckets * sizeof (float));

  chunk->filled = 0;
  chunk->info = (ColumnInfo *)(gpointer) ((guint8 *) chunk + sizeof (Chunk));
  chunk->cells = (float *)(gpointer) ((guint8 *) chunk + header);

  return chunk;
}

static inline Chunk *
chunk_ref (Chunk *chunk)
{
  return g_atomic_rc_box_acquire (chunk);
}

static inline void
chunk_unref (Chunk *chunk)
{
  g_atomic_rc_box_release (chunk);
}

/* Claims the slot of the grid's column @k for writing, making a private chunk when the shared
 * one has moved on. */
static Chunk *
claim_slot (WickHeatmap *self,
            guint        k,
            guint       *slot)
{
  guint index = k >> self->chunk_shift;
  Chunk *chunk;

  *slot = k & ((1u << self->chunk_shift) - 1);

  if (index == self->n_chunks)
    {
      self->chunks = g_renew (Chunk *, self->chunks, self->n_chunks + 1);
      self->chunks[self->n_chunks++] = chunk_new (self->chunk_shift, self->spec.n_buckets);
    }

  g_assert (index < self->n_chunks);
  chunk = self->chunks[index];

  if (!g_atomic_int_compare_and_exchange (&chunk->filled, (int) *slot, (int) *slot + 1))
    {
      Chunk *copy = chunk_new (self->chunk_shift, self->spec.n_buckets);

      memcpy (copy->info, chunk->info, *slot * sizeof (ColumnInfo));
      memcpy (copy->cells, chunk->cells,
              (gsize) *slot * self->spec.n_buckets * sizeof (float));
      copy->filled = *slot + 1;
      chunk_unref (chunk);
      self->chunks[index] = chunk = copy;
    }

  return chunk;
}

/* Binning */

static inline gboolean
level_bucket (WickHeatmap         *self,
              const WickHeatLevel *level,
              guint               *bucket)
{
  double x;

  if ((self->spec.sides & (1u << level->side)) == 0 ||
      (self->spec.tiers & (1u << level->tier)) == 0)
    return FALSE;

  x = floor ((level->price - self->spec.price_low) / self->spec.bucket_size);
  if (!(x >= 0.0 && x < (double) self->spec.n_buckets))
    return FALSE;

  *bucket = (guint) x;

  return TRUE;
}

static inline void
mark_touched (WickHeatmap *self,
              guint        bucket)
{
  if (self->n_touched < self->max_touched)
    self->touched[self->n_touched++] = bucket;
  else
    self->n_touched = G_MAXUINT;
}

static inline void
add_to_bucket (WickHeatmap         *self,
               const WickHeatLevel *level)
{
  guint b;

  if (level_bucket (self, level, &b))
    {
      mark_touched (self, b);
      self->sums[b] += level->raw;
      self->counts[b]++;
      if (!self->max_dirty && self->sums[b] > self->max_sum)
        {
          self->max_sum = self->sums[b];
          self->max_bucket = b;
        }
    }
}

/* Moves the running sums from the column before @j to column @j: the levels that ended at @j
 * leave, those born at @j join. An empty bucket is reset to exactly zero, and rounding is not
 * allowed to take a sum below zero. */
static void
apply_column (WickHeatmap          *self,
              const WickHeatTables *t,
              guint                 j)
{
  guint32 death_start = j > 0 ? t->columns[j - 1].death_end : 0;
  guint32 birth_start = j > 0 ? t->columns[j - 1].level_end : 0;

  self->n_touched = 0;

  for (guint32 d = death_start; d < t->columns[j].death_end; d++)
    {
      const WickHeatLevel *level = &t->levels[t->deaths[d]];
      guint b;

      if (level_bucket (self, level, &b))
        {
          mark_touched (self, b);
          self->sums[b] -= level->raw;
          if (--self->counts[b] == 0 || self->sums[b] < 0.0)
            self->sums[b] = 0.0;
          if (b == self->max_bucket)
            self->max_dirty = TRUE;
        }
    }

  for (guint32 i = birth_start; i < t->columns[j].level_end; i++)
    add_to_bucket (self, &t->levels[i]);
}

/* Writes model column @j as the grid's column @k. */
static void
write_column (WickHeatmap          *self,
              const WickHeatTables *t,
              guint                 j,
              guint                 k)
{
  const WickHeatColumn *col = &t->columns[j];
  const guint n = self->spec.n_buckets;
  const double scale = col->scale;
  const double * restrict sums = self->sums;
  float * restrict cells;
  ColumnInfo *info;
  Chunk *chunk;
  float max;
  guint slot;
  guint b;

  chunk = claim_slot (self, k, &slot);
  cells = chunk->cells + (gsize) slot * n;
  info = &chunk->info[slot];

  /* The sums are not negative, the scale is in (0, 1] and no candle opens more than a float can
   * hold many times over, so a plain product will do. With the scale of the column before, only
   * the buckets that changed differ from it, and the result is the same to the bit. */
  if (k > 0 && scale == self->last_scale && self->n_touched != G_MAXUINT)
    {
      memcpy (cells, wick_heatmap_get_column (self, k - 1), n * sizeof (float));
      for (guint i = 0; i < self->n_touched; i++)
        {
          b = self->touched[i];
          cells[b] = (float) (sums[b] * scale);
        }
    }
  else
    {
      /* Unrolled by four, which makes it faster at -O2 where GCC does not vectorise it. */
      b = 0;
      for (; b + 4 <= n; b += 4)
        {
          cells[b] = (float) (sums[b] * scale);
          cells[b + 1] = (float) (sums[b + 1] * scale);
          cells[b + 2] = (float) (sums[b + 2] * scale);
          cells[b + 3] = (float) (sums[b + 3] * scale);
        }
      for (; b < n; b++)
        cells[b] = (float) (sums[b] * scale);
    }
  self->last_scale = scale;

  if (self->max_dirty)
    {
      self->max_sum = 0.0;
      self->max_bucket = 0;
      for (b = 0; b < n; b++)
        {
          if (sums[b] > self->max_sum)
            {
              self->max_sum = sums[b];
              self->max_bucket = b;
            }
        }
      self->max_dirty = FALSE;
    }

  /* Rounding to float keeps the order, so this is the largest cell. */
  max = (float) (self->max_sum * scale);

  info->time_ms = col->time_ms;
  info->low = col->low;
  info->high = col->high;
  info->max = max;
  for (guint side = 0; side < 2; side++)
    {
      info->predicted[side] = col->predicted[side];
      info->realised[side] = col->realised[side];
      if (col->realised[side] > self->max_bubble_usd)
        self->max_bubble_usd = col->realised[side];
    }

  self->max_value = MAX (self->max_value, max);
}

static gboolean
config_equal (const WickHeatmapConfig *a,
              const WickHeatmapConfig *b)
{
  if (a->n_tiers != b->n_tiers ||
      a->maintenance_margin_rate != b->maintenance_margin_rate ||
      a->weighting != b->weighting ||
      a->side_split != b->side_split ||
      a->entry != b->entry ||
      a->close != b->close ||
      a->min_level_usd != b->min_level_usd)
    return FALSE;

  for (guint i = 0; i < a->n_tiers; i++)
    {
      if (a->tiers[i].leverage != b->tiers[i].leverage ||
          a->tiers[i].weight != b->tiers[i].weight)
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate_spec (const WickHeatmapGridSpec  *spec,
               guint                       n_model_columns,
               GError                    **error)
{
  if (spec->first_column > n_model_columns ||
      spec->n_columns > n_model_columns - spec->first_column)
    {
      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_SPEC,
                   _("Heatmap columns %u to %u are beyond the %u candles of its model"),
                   spec->first_column, spec->first_column + spec->n_columns, n_model_columns);
      return FALSE;
    }

  if (spec->n_buckets < 1 || spec->n_buckets > WICK_HEATMAP_MAX_BUCKETS ||
      !(spec->bucket_size > 0.0) || !isfinite (spec->price_low) ||
      !isfinite (spec->price_low + spec->bucket_size * spec->n_buckets))
    {
      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_SPEC,
                   _("A heatmap needs 1 to %d finite price buckets"), WICK_HEATMAP_MAX_BUCKETS);
      return FALSE;
    }

  return TRUE;
}

static void
wick_heatmap_finalize (GObject *object)
{
  WickHeatmap *self = (WickHeatmap *)object;

  for (guint i = 0; i < self->n_chunks; i++)
    chunk_unref (self->chunks[i]);
  g_clear_pointer (&self->chunks, g_free);
  self->n_chunks = 0;
  g_clear_pointer (&self->sums, g_free);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->touched, g_free);

  G_OBJECT_CLASS (wick_heatmap_parent_class)->finalize (object);
}

static void
wick_heatmap_class_init (WickHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_heatmap_finalize;
}

static void
wick_heatmap_init (WickHeatmap *self)
{
}

/**
 * wick_heatmap_new:
 * @model: the model to bin
 * @spec: which columns, buckets, sides and tiers
 * @error: return location for a %WICK_HEATMAP_ERROR_INVALID_SPEC
 *
 * Bins the levels of @model alive after each candle of the columns into the buckets, keeping
 * the sides and tiers of @spec. Levels outside the price range are left out. Costs one pass
 * over the model's levels and deaths up to the last column, plus one write per cell.
 *
 * Returns: (transfer full) (nullable): the grid, or %NULL if @spec does not fit @model
 */
WickHeatmap *
wick_heatmap_new (WickHeatmapModel           *model,
                  const WickHeatmapGridSpec  *spec,
                  GError                    **error)
{
  g_autoptr(WickHeatmap) self = NULL;
  WickHeatTables t;
  guint shift = 0;

  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (model), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _wick_heatmap_model_get_tables (model, &t);

  if (!validate_spec (spec, t.n_columns, error))
    return NULL;

  while (shift < MAX_CHUNK_SHIFT && ((gsize) 2 << shift) * spec->n_buckets <= CHUNK_CELLS)
    shift++;

  self = g_object_new (WICK_TYPE_HEATMAP, NULL);
  self->spec = *spec;
  self->config = *wick_heatmap_model_get_config (model);
  self->chunk_shift = shift;
  self->sums = g_new0 (double, spec->n_buckets);
  self->counts = g_new0 (gint32, spec->n_buckets);
  self->max_touched = MAX (16, spec->n_buckets / 8);
  self->touched = g_new (guint, self->max_touched);

  /* The levels alive after the column before the first. */
  if (spec->first_column > 0)
    {
      guint before = spec->first_column - 1;

      for (guint32 i = 0; i < t.columns[before].level_end; i++)
        {
          if (t.levels[i].end > before)
            add_to_bucket (self, &t.levels[i]);
        }
    }

  for (guint k = 0; k < spec->n_columns; k++)
    {
      apply_column (self, &t, spec->first_column + k);
      write_column (self, &t, spec->first_column + k, k);
    }

  return g_steal_pointer (&self);
}

/**
 * wick_heatmap_extend:
 * @self: a #WickHeatmap
 * @model: the model @self was binned from (or a copy of it), with more candles since
 * @error: return location for a %WICK_HEATMAP_ERROR_MISMATCH
 *
 * Makes the grid of the same price buckets, sides and tiers from the same first column up to
 * the model's last candle. The existing columns are shared, not copied, so each new column
 * costs O(buckets + levels opened and ended in it). The result is the same, cell for cell, as
 * wick_heatmap_new() over the longer run. @self is not changed.
 *
 * Returns: (transfer full) (nullable): the longer grid, or %NULL if @model does not continue
 *   the model of @self
 */
WickHeatmap *
wick_heatmap_extend (WickHeatmap       *self,
                     WickHeatmapModel  *model,
                     GError           **error)
{
  g_autoptr(WickHeatmap) grid = NULL;
  WickHeatTables t;
  guint end;

  g_return_val_if_fail (WICK_IS_HEATMAP (self), NULL);
  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (model), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _wick_heatmap_model_get_tables (model, &t);
  end = self->spec.first_column + self->spec.n_columns;

  if (!config_equal (&self->config, wick_heatmap_model_get_config (model)) ||
      t.n_columns < end ||
      (self->spec.n_columns > 0 &&
       t.columns[end - 1].time_ms != wick_heatmap_get_column_time (self,
                                                                  self->spec.n_columns - 1)))
    {
      g_set_error_literal (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_MISMATCH,
                           _("The heatmap was not built from this model"));
      return NULL;
    }

  grid = g_object_new (WICK_TYPE_HEATMAP, NULL);
  grid->spec = self->spec;
  grid->spec.n_columns = t.n_columns - self->spec.first_column;
  grid->config = self->config;
  grid->chunk_shift = self->chunk_shift;
  grid->n_chunks = self->n_chunks;
  grid->chunks = g_new (Chunk *, MAX (self->n_chunks, 1));
  for (guint i = 0; i < self->n_chunks; i++)
    grid->chunks[i] = chunk_ref (self->chunks[i]);
  grid->sums = g_memdup2 (self->sums, self->spec.n_buckets * sizeof (double));
  grid->counts = g_memdup2 (self->counts, self->spec.n_buckets * sizeof (gint32));
  grid->max_sum = self->max_sum;
  grid->max_bucket = self->max_bucket;
  grid->max_dirty = self->max_dirty;
  grid->max_touched = self->max_touched;
  grid->touched = g_new (guint, grid->max_touched);
  grid->last_scale = self->last_scale;
  grid->max_value = self->max_value;
  grid->max_bubble_usd = self->max_bubble_usd;

  for (guint j = end; j < t.n_columns; j++)
    {
      apply_column (grid, &t, j);
      write_column (grid, &t, j, j - self->spec.first_column);
    }

  return g_steal_pointer (&grid);
}

/* Accessors */

static inline ColumnInfo *
get_info (WickHeatmap *self,
          guint        column)
{
  return &self->chunks[column >> self->chunk_shift]->info[column &
                                                         ((1u << self->chunk_shift) - 1)];
}

/**
 * wick_heatmap_get_spec:
 * @self: a #WickHeatmap
 *
 * Returns: (transfer none): the grid's columns, buckets, sides and tiers
 */
const WickHeatmapGridSpec *
wick_heatmap_get_spec (WickHeatmap *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), NULL);

  return &self->spec;
}

/**
 * wick_heatmap_get_config:
 * @self: a #WickHeatmap
 *
 * Returns: (transfer none): the configuration of the model it was binned from, whose tiers
 *   the spec's tier mask refers to
 */
const WickHeatmapConfig *
wick_heatmap_get_config (WickHeatmap *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), NULL);

  return &self->config;
}

guint
wick_heatmap_get_n_columns (WickHeatmap *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0);

  return self->spec.n_columns;
}

guint
wick_heatmap_get_n_buckets (WickHeatmap *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0);

  return self->spec.n_buckets;
}

/**
 * wick_heatmap_get_bucket_price:
 * @self: a #WickHeatmap
 * @bucket: a bucket, up to wick_heatmap_get_n_buckets() for the top edge
 *
 * Returns: the lower edge of @bucket
 */
double
wick_heatmap_get_bucket_price (WickHeatmap *self,
                               guint        bucket)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0.0);
  g_return_val_if_fail (bucket <= self->spec.n_buckets, 0.0);

  return self->spec.price_low + bucket * self->spec.bucket_size;
}

/**
 * wick_heatmap_find_bucket:
 * @self: a #WickHeatmap
 * @price: a price
 * @bucket: (out): the bucket holding @price
 *
 * Returns: %FALSE when @price is outside the grid
 */
gboolean
wick_heatmap_find_bucket (WickHeatmap *self,
                          double       price,
                          guint       *bucket)
{
  double x;

  g_return_val_if_fail (WICK_IS_HEATMAP (self), FALSE);
  g_return_val_if_fail (bucket != NULL, FALSE);

  x = floor ((price - self->spec.price_low) / self->spec.bucket_size);
  if (!(x >= 0.0 && x < (double) self->spec.n_buckets))
    return FALSE;

  *bucket = (guint) x;

  return TRUE;
}

/**
 * wick_heatmap_get_column_time:
 * @self: a #WickHeatmap
 * @column: a column of the grid (not of the model)
 *
 * Returns: the open time of the candle of @column
 */
gint64
wick_heatmap_get_column_time (WickHeatmap *self,
                              guint        column)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0);
  g_return_val_if_fail (column < self->spec.n_columns, 0);

  return get_info (self, column)->time_ms;
}

/**
 * wick_heatmap_get_column:
 * @self: a #WickHeatmap
 * @column: a column of the grid
 *
 * Returns: (transfer none) (array): the USD of the column's wick_heatmap_get_n_buckets()
 *   buckets, lowest price first, all finite and at or above zero; valid as long as @self
 */
const float *
wick_heatmap_get_column (WickHeatmap *self,
                         guint        column)
{
  guint mask;

  g_return_val_if_fail (WICK_IS_HEATMAP (self), NULL);
  g_return_val_if_fail (column < self->spec.n_columns, NULL);

  mask = (1u << self->chunk_shift) - 1;

  return self->chunks[column >> self->chunk_shift]->cells +
         (gsize) (column & mask) * self->spec.n_buckets;
}

double
wick_heatmap_get_value (WickHeatmap *self,
                        guint        column,
                        guint        bucket)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0.0);
  g_return_val_if_fail (column < self->spec.n_columns, 0.0);
  g_return_val_if_fail (bucket < self->spec.n_buckets, 0.0);

  return wick_heatmap_get_column (self, column)[bucket];
}

double
wick_heatmap_get_column_max (WickHeatmap *self,
                             guint        column)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0.0);
  g_return_val_if_fail (column < self->spec.n_columns, 0.0);

  return get_info (self, column)->max;
}

/**
 * wick_heatmap_get_max_value:
 * @self: a #WickHeatmap
 *
 * Returns: the largest cell of the grid, 0 when empty: the top of the colour scale
 */
double
wick_heatmap_get_max_value (WickHeatmap *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0.0);

  return self->max_value;
}

/**
 * wick_heatmap_get_max_value_between:
 * @self: a #WickHeatmap
 * @first: first grid column
 * @end: end grid column (exclusive)
 *
 * Returns: the largest cell of the columns [@first, @end), such as the visible ones
 */
double
wick_heatmap_get_max_value_between (WickHeatmap *self,
                                    guint        first,
                                    guint        end)
{
  double max = 0.0;

  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0.0);

  end = MIN (end, self->spec.n_columns);
  for (guint k = first; k < end; k++)
    max = MAX (max, get_info (self, k)->max);

  return max;
}

/**
 * wick_heatmap_get_predicted:
 * @self: a #WickHeatmap
 * @column: a column of the grid
 * @side: long or short
 *
 * Returns: the USD of all @side levels (whatever the grid's price range, sides and tiers) that
 *   the candle of @column consumed
 */
double
wick_heatmap_get_predicted (WickHeatmap *self,
                            guint        column,
                            WickSide     side)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0.0);
  g_return_val_if_fail (column < self->spec.n_columns, 0.0);
  g_return_val_if_fail (side == WICK_SIDE_LONG || side == WICK_SIDE_SHORT, 0.0);

  return get_info (self, column)->predicted[side];
}

/**
 * wick_heatmap_get_bubble:
 * @self: a #WickHeatmap
 * @column: a column of the grid
 * @side: long or short
 * @bubble: (out caller-allocates) (optional): the realised liquidations
 *
 * Returns: %TRUE when the candle of @column has realised @side liquidations above zero
 */
gboolean
wick_heatmap_get_bubble (WickHeatmap       *self,
                         guint              column,
                         WickSide           side,
                         WickHeatmapBubble *bubble)
{
  const ColumnInfo *info;

  g_return_val_if_fail (WICK_IS_HEATMAP (self), FALSE);
  g_return_val_if_fail (column < self->spec.n_columns, FALSE);
  g_return_val_if_fail (side == WICK_SIDE_LONG || side == WICK_SIDE_SHORT, FALSE);

  info = get_info (self, column);
  if (!(info->realised[side] > 0.0))
    return FALSE;

  if (bubble != NULL)
    {
      bubble->time_ms = info->time_ms;
      bubble->price = side == WICK_SIDE_LONG ? info->low : info->high;
      bubble->usd = info->realised[side];
      bubble->side = side;
    }

  return TRUE;
}

/**
 * wick_heatmap_get_max_bubble_usd:
 * @self: a #WickHeatmap
 *
 * Returns: the largest realised liquidation of one candle and side in the grid, for sizing
 *   the bubbles
 */
double
wick_heatmap_get_max_bubble_usd (WickHeatmap *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP (self), 0.0);

  return self->max_bubble_usd;
}
