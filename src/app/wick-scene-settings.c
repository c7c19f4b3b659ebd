/* wick-scene-settings.c: what the user's settings say a chart shows
 *
 * The window follows these keys live; `wick --export` reads them once, so a picture saved from
 * a terminal looks like one saved from the window: same time zone, candle colours, indicator
 * lines, lower pane and kinds of signal. A key an older schema lacks reads as its default.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-palette.h"
#include "wick-scene-settings.h"
#include "wick-signals.h"

static gboolean
has_key (GSettings  *settings,
         const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);

  return g_settings_schema_has_key (schema, key);
}

static gboolean
read_boolean (GSettings  *settings,
              const char *key)
{
  return has_key (settings, key) && g_settings_get_boolean (settings, key);
}

static gboolean
string_key_is (GSettings  *settings,
               const char *key,
               const char *value)
{
  g_autofree char *text = has_key (settings, key) ? g_settings_get_string (settings, key) : NULL;

  return g_strcmp0 (text, value) == 0;
}

/**
 * wick_scene_settings_get_hidden_kinds:
 *
 * Returns: 1 << #WickSignalKind for each kind `signal-kinds-hidden` names; ids no kind has (of
 *   another version) are skipped
 */
guint32
wick_scene_settings_get_hidden_kinds (GSettings *settings)
{
  g_auto(GStrv) ids = NULL;
  guint32 hidden = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);

  if (!has_key (settings, "signal-kinds-hidden"))
    return 0;

  ids = g_settings_get_strv (settings, "signal-kinds-hidden");
  for (guint i = 0; ids[i] != NULL; i++)
    for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
      if (g_str_equal (ids[i], wick_signal_kind_to_string (kind)))
        hidden |= 1u << kind;

  return hidden;
}

/* Whether times are shown in the local time zone rather than UTC. */
gboolean
wick_scene_settings_get_local_time (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  return string_key_is (settings, "time-zone", "local");
}

/* Whether candles are blue and orange rather than green and red. */
gboolean
wick_scene_settings_get_colorblind (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  return string_key_is (settings, "candle-colors", "blue-orange");
}

/**
 * wick_scene_settings_read:
 * @settings: the application's settings
 * @scene: a scene whose palette is set; its theme is kept
 *
 * Sets @scene's indicator lines, lower pane, candle colours and hidden kinds of signal as
 * @settings say.
 *
 * Returns: (transfer full) (nullable): the time zone for @scene's `time_zone`, which borrows
 *   it; %NULL for UTC
 */
GTimeZone *
wick_scene_settings_read (GSettings *settings,
                          WickScene *scene)
{
  gboolean dark;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (scene != NULL, NULL);

  scene->show_ema20 = read_boolean (settings, "show-ema20");
  scene->show_ema50 = read_boolean (settings, "show-ema50");
  scene->show_vwap = read_boolean (settings, "show-vwap");
  if (has_key (settings, "lower-pane"))
    scene->lower_pane = g_settings_get_enum (settings, "lower-pane");

  dark = scene->palette == wick_palette_get_full (TRUE, FALSE) ||
         scene->palette == wick_palette_get_full (TRUE, TRUE);
  scene->palette = wick_palette_get_full (dark, wick_scene_settings_get_colorblind (settings));
  scene->hidden_signal_kinds = wick_scene_settings_get_hidden_kinds (settings);

  if (!wick_scene_settings_get_local_time (settings))
    return NULL;

  scene->time_zone = g_time_zone_new_local ();
  return scene->time_zone;
}
