/* wick-heatmap-model.c: estimated liquidation levels of leveraged positions: the type and its
 * queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap-model.h"

#include "wick-heatmap-model-private.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (WickHeatmapModel, wick_heatmap_model, G_TYPE_OBJECT)

static void
wick_heatmap_model_finalize (GObject *object)
{
  WickHeatmapModel *self = (WickHeatmapModel *)object;

  g_clear_pointer (&self->levels.data, g_free);
  g_clear_pointer (&self->columns.data, g_free);
  g_clear_pointer (&self->deaths.data, g_free);
  for (guint i = 0; i < N_HEAPS; i++)
    g_clear_pointer (&self->heaps[i].entries, g_free);

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

  /* Insertion sort of the tiers by leverage, highest first, stable */
  for (guint i = 0; i < config->n_tiers; i++)
    {
      guint j = i;

      while (j > 0 && config->tiers[self->tier_order[j - 1]].leverage < config->tiers[i].leverage)
        {
          self->tier_order[j] = self->tier_order[j - 1];
          j--;
        }
      self->tier_order[j] = i;
    }

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
  memcpy (copy->tier_order, self->tier_order, sizeof self->tier_order);
  copy->levels = self->levels;
  copy->levels.data = g_memdup2 (self->levels.data, self->levels.size * sizeof (WickHeatLevel));
  copy->columns = self->columns;
  copy->columns.data = g_memdup2 (self->columns.data,
                                  self->columns.size * sizeof (WickHeatColumn));
  copy->deaths = self->deaths;
  copy->deaths.data = g_memdup2 (self->deaths.data, self->deaths.size * sizeof (guint32));
  for (guint i = 0; i < N_HEAPS; i++)
    _wick_heat_heap_copy (&copy->heaps[i], &self->heaps[i]);
  memcpy (copy->n_alive, self->n_alive, sizeof self->n_alive);
  memcpy (copy->n_lazy, self->n_lazy, sizeof self->n_lazy);
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

  return self->columns.len;
}

gint64
wick_heatmap_model_get_column_time (WickHeatmapModel *self,
                                    guint             column)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_MODEL (self), 0);
  g_return_val_if_fail (column < self->columns.len, 0);

  return self->columns.data[column].time_ms;
}
/* Queries */

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

  tables->levels = self->levels.data;
  tables->n_levels = self->levels.len;
  tables->columns = self->columns.data;
  tables->n_columns = self->columns.len;
  tables->deaths = self->deaths.data;
  tables->n_deaths = self->deaths.len;
}

void
_wick_heatmap_model_reserve (WickHeatmapModel *self,
                             guint             n_candles)
{
  g_assert (WICK_IS_HEATMAP_MODEL (self));

  /* Typically one side opens a level per tier; the arrays double beyond that. */
  RESERVE (self->columns, self->columns.len + n_candles);
  RESERVE (self->levels, self->levels.len + n_candles * self->config.n_tiers);
  RESERVE (self->deaths, self->deaths.len + n_candles * self->config.n_tiers);
}
