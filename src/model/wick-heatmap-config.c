/* wick-heatmap-config.c: the heatmap model's configuration, liquidation price and inputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap-model.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (wick-heatmap-error-quark, wick_heatmap_error)

/**
 * wick_heatmap_config_init:
 * @config: (out caller-allocates): the configuration to fill
 *
 * Fills @config with the defaults: tiers of 10×, 25×, 50× and 100× with weights 0.30, 0.25,
 * 0.20 and 0.10 (the usual five-tier split without its 5× tier: lower leverage holds more of
 * the open interest), a maintenance margin rate of 0.4 % (Binance's first BTCUSDT bracket),
 * open-interest weighting, taker split, typical-price entry, proportional closing and a
 * minimum level of one cent.
 */
void
wick_heatmap_config_init (WickHeatmapConfig *config)
{
  static const WickHeatmapTier tiers[] = {
    { 10.0, 0.30 },
    { 25.0, 0.25 },
    { 50.0, 0.20 },
    { 100.0, 0.10 },
  };

  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  memcpy (config->tiers, tiers, sizeof tiers);
  config->n_tiers = G_N_ELEMENTS (tiers);
  config->maintenance_margin_rate = 0.004;
  config->weighting = WICK_HEATMAP_WEIGHTING_OPEN_INTEREST;
  config->side_split = WICK_HEATMAP_SIDE_SPLIT_TAKER;
  config->entry = WICK_HEATMAP_ENTRY_TYPICAL;
  config->close = WICK_HEATMAP_CLOSE_PROPORTIONAL;
  config->min_level_usd = 0.01;
}

/**
 * wick_heatmap_config_validate:
 * @config: a configuration
 * @error: return location for a %WICK_HEATMAP_ERROR_INVALID_CONFIG
 *
 * Returns: %TRUE when the model can run with @config: one to %WICK_HEATMAP_MAX_TIERS tiers,
 *   each above 1× and liquidated below its entry (leverage × rate < 1), weights not negative
 *   with a positive sum, a rate in [0, 0.5), a minimum level not negative, and known enums
 */
gboolean
wick_heatmap_config_validate (const WickHeatmapConfig  *config,
                              GError                  **error)
{
  double mmr;
  double sum = 0.0;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mmr = config->maintenance_margin_rate;

  if (config->n_tiers < 1 || config->n_tiers > WICK_HEATMAP_MAX_TIERS)
    {
      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CONFIG,
                   _("The heatmap needs 1 to %d leverage tiers, not %u"),
                   WICK_HEATMAP_MAX_TIERS, config->n_tiers);
      return FALSE;
    }

  if (!(mmr >= 0.0 && mmr < 0.5))
    {
      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CONFIG,
                   _("The maintenance margin rate %g is not in [0, 0.5)"), mmr);
      return FALSE;
    }

  for (guint i = 0; i < config->n_tiers; i++)
    {
      const WickHeatmapTier *tier = &config->tiers[i];

      if (!(tier->leverage > 1.0 && tier->leverage * mmr < 1.0 && isfinite (tier->leverage)))
        {
          g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CONFIG,
                       _("Leverage %g× must be above 1× and below 1 / maintenance margin rate"),
                       tier->leverage);
          return FALSE;
        }

      if (!(tier->weight >= 0.0 && isfinite (tier->weight)))
        {
          g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CONFIG,
                       _("The weight %g of the %g× tier is not a number at or above zero"),
                       tier->weight, tier->leverage);
          return FALSE;
        }

      sum += tier->weight;
    }

  if (!(sum > 0.0 && isfinite (sum)))
    {
      g_set_error_literal (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CONFIG,
                           _("The leverage tier weights add up to zero"));
      return FALSE;
    }

  if (!(config->min_level_usd >= 0.0 && isfinite (config->min_level_usd)))
    {
      g_set_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CONFIG,
                   _("The minimum level %g USD is not a number at or above zero"),
                   config->min_level_usd);
      return FALSE;
    }

  if ((guint) config->weighting > WICK_HEATMAP_WEIGHTING_VOLUME ||
      (guint) config->side_split > WICK_HEATMAP_SIDE_SPLIT_DIRECTION ||
      (guint) config->entry > WICK_HEATMAP_ENTRY_CLOSE ||
      (guint) config->close > WICK_HEATMAP_CLOSE_MODELLED)
    {
      g_set_error_literal (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CONFIG,
                           _("The heatmap configuration has an unknown mode"));
      return FALSE;
    }

  return TRUE;
}

/**
 * wick_heatmap_liquidation_price:
 * @entry_price: the entry price
 * @leverage: the position's leverage
 * @maintenance_margin_rate: the maintenance margin rate of its bracket
 * @side: long or short
 *
 * Binance's liquidation price of an isolated USDⓈ-M position in the first bracket,
 * `LP = (WB − TMM + UPNL + cum − side·Q·EP) / (Q·MMR − side·Q)` with wallet balance
 * `WB = Q·EP / leverage` and TMM = UPNL = cum = 0, which is exactly
 * `EP·(1 − 1/lev) / (1 − MMR)` for a long and `EP·(1 + 1/lev) / (1 + MMR)` for a short (not
 * the common approximation `EP·(1 ∓ 1/lev ± MMR)`).
 *
 * Returns: the liquidation price
 */
double
wick_heatmap_liquidation_price (double   entry_price,
                                double   leverage,
                                double   maintenance_margin_rate,
                                WickSide side)
{
  if (side == WICK_SIDE_LONG)
    return entry_price * (1.0 - 1.0 / leverage) / (1.0 - maintenance_margin_rate);

  return entry_price * (1.0 + 1.0 / leverage) / (1.0 + maintenance_margin_rate);
}

/**
 * wick_heatmap_input_init:
 * @input: (out caller-allocates): the input to fill
 * @candle: the candle
 *
 * Fills @input with @candle and nothing else known: open interest, taker ratio and realised
 * liquidations are NAN.
 */
void
wick_heatmap_input_init (WickHeatmapInput *input,
                         const WickCandle *candle)
{
  g_return_if_fail (input != NULL);
  g_return_if_fail (candle != NULL);

  input->candle = *candle;
  input->oi_open_usd = NAN;
  input->oi_close_usd = NAN;
  input->taker_buy_ratio = NAN;
  input->long_liquidated_usd = NAN;
  input->short_liquidated_usd = NAN;
}

/**
 * wick_heatmap_cell_get_total:
 * @cell: a cell
 *
 * Returns: the USD of every side and tier in @cell
 */
double
wick_heatmap_cell_get_total (const WickHeatmapCell *cell)
{
  double sum = 0.0;

  g_return_val_if_fail (cell != NULL, 0.0);

  for (guint side = 0; side < 2; side++)
    for (guint tier = 0; tier < WICK_HEATMAP_MAX_TIERS; tier++)
      sum += cell->usd[side][tier];

  return sum;
}
