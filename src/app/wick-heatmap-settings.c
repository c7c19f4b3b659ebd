/* wick-heatmap-settings.c: the heatmap's options as kept in GSettings
 *
 * The window and `wick --export` read the same keys, so an export shows the heatmap as the
 * window last did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap-settings"

#include "config.h"

#include "wick-heatmap-settings.h"

#include <math.h>

/**
 * wick_heatmap_settings_new_default:
 *
 * Returns: (transfer full) (nullable): the application's settings, or %NULL when its schema
 *   is not installed (as when running from a build tree without it)
 */
GSettings *
wick_heatmap_settings_new_default (void)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APP_ID, TRUE);

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

guint
wick_heatmap_sides_from_side (WickHeatmapSide side)
{
  switch (side)
    {
    case WICK_HEATMAP_SIDE_LONG:
      return WICK_HEATMAP_LONGS;

    case WICK_HEATMAP_SIDE_SHORT:
      return WICK_HEATMAP_SHORTS;

    case WICK_HEATMAP_SIDE_BOTH:
    default:
      return WICK_HEATMAP_BOTH_SIDES;
    }
}

WickHeatmapSide
wick_heatmap_side_from_sides (guint sides)
{
  if (sides == WICK_HEATMAP_LONGS)
    return WICK_HEATMAP_SIDE_LONG;
  if (sides == WICK_HEATMAP_SHORTS)
    return WICK_HEATMAP_SIDE_SHORT;

  return WICK_HEATMAP_SIDE_BOTH;
}

/**
 * wick_heatmap_settings_read:
 * @settings: the application's settings
 * @options: (out caller-allocates): what the heatmap shows
 * @is_visible: (out) (optional): whether it is shown at all
 *
 * Reads the `heatmap-*` keys. Thresholds are clamped to 0..1 with the high one at or above
 * the low one; a bucket size that is not above zero means automatic.
 */
void
wick_heatmap_settings_read (GSettings          *settings,
                            WickHeatmapOptions *options,
                            gboolean           *is_visible)
{
  g_auto(GStrv) tiers = NULL;
  double bucket;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (options != NULL);

  wick_heatmap_options_init (options);

  tiers = g_settings_get_strv (settings, "heatmap-tiers");
  options->tiers = wick_heatmap_tiers_from_leverages ((const char * const *) tiers);
  options->sides = wick_heatmap_sides_from_side (g_settings_get_enum (settings, "heatmap-side"));
  bucket = g_settings_get_double (settings, "heatmap-bucket");
  options->bucket_size = bucket > 0 && isfinite (bucket) ? bucket : 0;
  options->threshold_low = CLAMP (g_settings_get_double (settings, "heatmap-threshold-low"), 0, 1);
  options->threshold_high = CLAMP (g_settings_get_double (settings, "heatmap-threshold-high"),
                                   options->threshold_low, 1);

  if (is_visible != NULL)
    *is_visible = g_settings_get_boolean (settings, "heatmap-visible");
}

/**
 * wick_heatmap_settings_write:
 * @settings: the application's settings
 * @options: what the heatmap shows
 * @is_visible: whether it is shown at all
 *
 * Writes the `heatmap-*` keys whose value differs from @options and @is_visible.
 */
void
wick_heatmap_settings_write (GSettings                *settings,
                             const WickHeatmapOptions *options,
                             gboolean                  is_visible)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tiers = NULL;
  WickHeatmapOptions current;
  WickHeatmapConfig config;
  gboolean was_visible;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (options != NULL);

  wick_heatmap_settings_read (settings, &current, &was_visible);

  if (was_visible != !!is_visible)
    g_settings_set_boolean (settings, "heatmap-visible", is_visible);
  if (current.threshold_low != options->threshold_low)
    g_settings_set_double (settings, "heatmap-threshold-low", options->threshold_low);
  if (current.threshold_high != options->threshold_high)
    g_settings_set_double (settings, "heatmap-threshold-high", options->threshold_high);
  if (current.sides != options->sides)
    g_settings_set_enum (settings, "heatmap-side", wick_heatmap_side_from_sides (options->sides));
  if (current.bucket_size != options->bucket_size)
    g_settings_set_double (settings, "heatmap-bucket", options->bucket_size);

  if (current.tiers != options->tiers)
    {
      wick_heatmap_config_init (&config);
      for (guint t = 0; t < config.n_tiers; t++)
        {
          char leverage[32];

          if ((options->tiers & (1u << t)) == 0)
            continue;

          g_snprintf (leverage, sizeof leverage, "%g", config.tiers[t].leverage);
          g_strv_builder_add (builder, leverage);
        }
      tiers = g_strv_builder_end (builder);
      g_settings_set_strv (settings, "heatmap-tiers", (const char * const *) tiers);
    }
}
