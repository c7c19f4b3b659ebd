/* wick-cli.c: the command line: choosing a source, and the headless verbs
 *
 * The headless verbs run from handle-local-options, before GTK is initialised, so they
 * work with no display and never touch the session bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "wick-cli.h"
#include "wick-csv.h"
#include "wick-export.h"
#include "wick-heatmap-settings.h"
#include "wick-levels-file.h"
#include "wick-lod.h"
#include "wick-palette.h"
#include "wick-scene-settings.h"
#include "wick-scene.h"
#include "wick-signals.h"
#include "wick-viewport.h"
#include "wick-zones.h"

/* Candles shown by default when a market has no story to focus on. */
#define DEFAULT_VISIBLE_CANDLES 150

G_DEFINE_QUARK (wick-cli-error-quark, wick_cli_error)

/* `--signals` is a verb without a value and takes on or off with --export, so it is a callback
 * with an optional value. GApplication hands such a callback no data and keeps nothing of it
 * in the options' dictionary: it is kept here until wick_cli_options_read() takes it. */
static struct
{
  gboolean  seen;
  char     *value;
} signals_option;

static gboolean
on_signals_option (const char  *option_name,
                   const char  *value,
                   gpointer     data,
                   GError     **error)
{
  signals_option.seen = TRUE;
  g_free (signals_option.value);
  signals_option.value = g_strdup (value);
  return TRUE;
}

static const GOptionEntry main_entries[] = {
  { "source", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Where the candles come from: “binance”, “binance-futures”, “okx”, “sample” or "
       "“csv:PATH”"), N_("SOURCE") },
  { "symbol", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The market symbol, such as BTCUSDT"), N_("SYMBOL") },
  { "interval", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The candle interval, such as 1h or 4h"), N_("INTERVAL") },
  { "liquidations", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("A CSV file of hourly liquidations, for a csv: source"), N_("PATH") },
  { "open-interest", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("A CSV file of hourly open interest, for a csv: source"), N_("PATH") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save the chart as a PNG, SVG or PDF file and exit, without a window"), N_("FILE") },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The size of the exported image (default 1920x1080)"), N_("WxH") },
  { "scale", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Pixels per point of an exported PNG, 1 to 4 (default 1)"), N_("N") },
  { "range", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The time range to show, as dates or ISO 8601 times in UTC"), N_("FROM..TO") },
  { "heatmap", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Draw the liquidation heatmap in the export: on or off (default: as in the window)"),
    N_("on|off") },
  { "theme", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The colours of the export: light or dark (default light)"), N_("light|dark") },
  { "legend", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Draw the open, high, low, close legend in the export: on or off (default on)"),
    N_("on|off") },
  { "title", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The title at the top of the export (default: symbol · interval · source)"),
    N_("TEXT") },
  { "levels", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Manage the market’s saved price lines and exit: list, add PRICE or remove ID; "
       "with --export, draw them and the zones: on or off (default on)"),
    N_("ACTION") },
  { "label", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The label of a line made with --levels add"), N_("TEXT") },
  { "signals", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, (gpointer) on_signals_option,
    N_("Print the reversal signals of the range and exit, without a window; with --export, "
       "draw their markers: on or off (default on)"), N_("on|off") },
  { "indicators", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the indicators and candlestick patterns of each candle and exit"), NULL },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The output of --signals (text or json), --indicators (csv) or --export (png, svg or "
       "pdf; default: the file’s extension)"), N_("FORMAT") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, N_("[PRICE|ID]") },
  { NULL }
};

void
wick_cli_add_options (GApplication *application)
{
  g_return_if_fail (G_IS_APPLICATION (application));

  g_application_add_main_option_entries (application, main_entries);
  g_application_set_option_context_parameter_string (application, NULL);
  g_application_set_option_context_summary (application,
                                            _("Read the BTC market: candles, levels and liquidations."));
}

static char *
lookup_string (GVariantDict *dict,
               const char   *key)
{
  char *value = NULL;

  if (g_variant_dict_lookup (dict, key, "s", &value))
    return value;
  if (g_variant_dict_lookup (dict, key, "^ay", &value))
    return value;
  return NULL;
}

void
wick_cli_options_read (WickCliOptions *options,
                       GVariantDict   *dict)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (dict != NULL);

  options->source = lookup_string (dict, "source");
  options->symbol = lookup_string (dict, "symbol");
  options->interval = lookup_string (dict, "interval");
  options->liquidations = lookup_string (dict, "liquidations");
  options->open_interest = lookup_string (dict, "open-interest");
  options->export_path = lookup_string (dict, "export");
  options->size = lookup_string (dict, "size");
  options->scale = lookup_string (dict, "scale");
  options->range = lookup_string (dict, "range");
  options->heatmap = lookup_string (dict, "heatmap");
  options->theme = lookup_string (dict, "theme");
  options->title = lookup_string (dict, "title");
  options->legend = lookup_string (dict, "legend");
  options->levels = lookup_string (dict, "levels");
  options->label = lookup_string (dict, "label");
  options->signals = signals_option.seen;
  signals_option.seen = FALSE;
  options->signals_switch = g_steal_pointer (&signals_option.value);
  options->indicators = g_variant_dict_contains (dict, "indicators");
  options->format = lookup_string (dict, "format");
  if (!g_variant_dict_lookup (dict, G_OPTION_REMAINING, "^as", &options->arguments))
    options->arguments = NULL;
}

void
wick_cli_options_clear (WickCliOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->source, g_free);
  g_clear_pointer (&options->symbol, g_free);
  g_clear_pointer (&options->interval, g_free);
  g_clear_pointer (&options->liquidations, g_free);
  g_clear_pointer (&options->open_interest, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->size, g_free);
  g_clear_pointer (&options->scale, g_free);
  g_clear_pointer (&options->range, g_free);
  g_clear_pointer (&options->heatmap, g_free);
  g_clear_pointer (&options->theme, g_free);
  g_clear_pointer (&options->title, g_free);
  g_clear_pointer (&options->signals_switch, g_free);
  g_clear_pointer (&options->legend, g_free);
  g_clear_pointer (&options->levels, g_free);
  g_clear_pointer (&options->label, g_free);
  g_clear_pointer (&options->format, g_free);
  options->signals = options->indicators = FALSE;
  g_clear_pointer (&options->arguments, g_strfreev);
}

static gboolean
is_date_only (const char *text)
{
  return strlen (text) == 10 && text[4] == '-' && text[7] == '-';
}

/* A date means midnight UTC; as the end of a range it means the end of that day. */
static gboolean
parse_time (const char  *text,
            gboolean     is_end,
            gint64      *time_ms)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date_time = NULL;

  if (is_date_only (text))
    {
      g_autofree char *iso = g_strconcat (text, "T00:00:00", NULL);

      date_time = g_date_time_new_from_iso8601 (iso, utc);
      if (date_time != NULL && is_end)
        {
          GDateTime *next = g_date_time_add_days (date_time, 1);

          g_date_time_unref (date_time);
          date_time = next;
        }
    }
  else
    {
      date_time = g_date_time_new_from_iso8601 (text, utc);
    }

  if (date_time == NULL)
    return FALSE;

  *time_ms = g_date_time_to_unix (date_time) * 1000 +
             g_date_time_get_microsecond (date_time) / 1000;
  return TRUE;
}

/* What `--range all` parses to: every candle there can be, with room to subtract a warm-up
 * without overflowing. The export narrows it to the candles of the market. */
#define RANGE_ALL_FROM_MS (G_MININT64 / 4)
#define RANGE_ALL_TO_MS   (G_MAXINT64 / 4)

static gboolean
is_range_all (const char *text)
{
  return text != NULL && g_ascii_strcasecmp (text, "all") == 0;
}

/**
 * wick_cli_parse_range:
 * @text: "FROM..TO" with dates or ISO 8601 times in UTC, or "all" for every candle
 * @from_ms: (out): the start
 * @to_ms: (out): the end, excluded
 *
 * Returns: %TRUE when @text is a range
 */
gboolean
wick_cli_parse_range (const char  *text,
                      gint64      *from_ms,
                      gint64      *to_ms,
                      GError     **error)
{
  g_autofree char *from_text = NULL;
  const char *separator;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (from_ms != NULL && to_ms != NULL, FALSE);

  if (is_range_all (text))
    {
      *from_ms = RANGE_ALL_FROM_MS;
      *to_ms = RANGE_ALL_TO_MS;
      return TRUE;
    }

  separator = strstr (text, "..");
  if (separator == NULL)
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("Range “%s” is not FROM..TO, as in 2026-01-01..2026-01-08, or all"), text);
      return FALSE;
    }

  from_text = g_strndup (text, separator - text);

  if (!parse_time (from_text, FALSE, from_ms))
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("Range start “%s” is not a date (2026-01-05) or an ISO 8601 time"),
                   from_text);
      return FALSE;
    }

  if (!parse_time (separator + 2, TRUE, to_ms))
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("Range end “%s” is not a date (2026-01-05) or an ISO 8601 time"),
                   separator + 2);
      return FALSE;
    }

  if (*from_ms >= *to_ms)
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("Range “%s” ends before it starts"), text);
      return FALSE;
    }

  return TRUE;
}

/**
 * wick_cli_get_default_range:
 *
 * The range a market opens on: for the bundled sample, the January 2026 support test
 * with a few days on either side; otherwise the latest candles.
 */
void
wick_cli_get_default_range (WickMarket *market,
                            gint64     *from_ms,
                            gint64     *to_ms)
{
  WickSeries *series;
  const WickCandle *last;
  gint64 interval_ms;

  g_return_if_fail (WICK_IS_MARKET (market));

  if (wick_market_get_is_synthetic (market))
    {
      *from_ms = G_GINT64_CONSTANT (1767312000000);  /* 2026-01-02 00:00 UTC */
      *to_ms = G_GINT64_CONSTANT (1767916800000);    /* 2026-01-09 00:00 UTC */
      return;
    }

  series = wick_market_get_series (market);
  interval_ms = wick_series_get_interval_ms (series);
  last = wick_series_get_last (series);

  if (last == NULL)
    {
      *from_ms = 0;
      *to_ms = interval_ms * DEFAULT_VISIBLE_CANDLES;
      return;
    }

  *from_ms = last->open_time_ms - interval_ms * (DEFAULT_VISIBLE_CANDLES - 5);
  *to_ms = last->open_time_ms + interval_ms * 5;
}

/**
 * wick_cli_fail:
 *
 * Prints @error as the one line a headless verb leaves on stderr.
 *
 * Returns: @exit_code
 */
int
wick_cli_fail (int           exit_code,
               const GError *error)
{
  g_printerr ("wick: %s\n", error->message);
  return exit_code;
}

/* The saved lines of @market, for exports; a file that cannot be read is reported and the
 * picture is drawn without lines. */
static WickLevelStore *
load_levels (WickMarket *market)
{
  g_autoptr(WickLevelStore) store = wick_level_store_new ();
  g_autofree char *path = wick_levels_file_default_path ();
  g_autofree char *key = wick_levels_file_market_key (wick_market_get_exchange (market),
                                                      wick_market_get_symbol (market));
  g_autoptr(GError) error = NULL;

  if (!wick_levels_file_load (path, key, store, &error))
    g_printerr ("wick: %s\n", error->message);

  return g_steal_pointer (&store);
}

/* Whether and how an export draws the heatmap: --heatmap on or off, else as the window last
 * did when the settings are installed, else on with the defaults. */
static gboolean
read_heatmap_choice (const char          *text,
                     gboolean            *is_visible,
                     WickHeatmapOptions  *heatmap_options,
                     GError             **error)
{
  g_autoptr(GSettings) settings = wick_heatmap_settings_new_default ();

  if (text != NULL && !g_str_equal (text, "on") && !g_str_equal (text, "off"))
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("Invalid --heatmap value “%s”: use on or off"), text);
      return FALSE;
    }

  *is_visible = TRUE;
  wick_heatmap_options_init (heatmap_options);
  if (settings != NULL)
    wick_heatmap_settings_read (settings, heatmap_options, is_visible);
  if (text != NULL)
    *is_visible = g_str_equal (text, "on");

  return TRUE;
}

/* What an export builds beside the analysis, on a thread of its own: the pyramid and the
 * heatmap only read the market and the viewport, which nothing changes meanwhile. */
typedef struct
{
  WickMarket         *market;           /* Borrowed */
  WickViewport       *viewport;         /* Borrowed */
  WickHeatmapOptions  heatmap_options;
  gboolean            show_heatmap;
  WickLod            *lod;              /* Owned by the caller once joined */
  WickHeatmapImage   *heatmap;          /* Owned by the caller once joined */
  GError             *error;            /* Owned by the caller once joined */
} ExportExtras;

/* The heatmap as wick_heatmap_view_build () makes it for the window, less the model it keeps
 * for tooltips, which a picture has no use for: megabytes for a million candles. */
static WickHeatmapImage *
build_export_heatmap (WickMarket                *market,
                      WickViewport              *viewport,
                      const WickHeatmapOptions  *options,
                      GError                   **error)
{
  g_autoptr(WickHeatmapModel) model = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  WickSeries *series = wick_market_get_series (market);
  WickHeatmapConfig config;
  WickHeatmapGridSpec spec;
  guint first_column = 0;

  wick_heatmap_view_get_spec (viewport, series, options, &spec);
  wick_heatmap_config_init (&config);
  model = wick_heatmap_model_new_for_window (&config, series,
                                             wick_market_get_open_interest (market),
                                             wick_market_get_liquidations (market),
                                             spec.first_column,
                                             spec.first_column + spec.n_columns,
                                             &first_column, error);
  if (model == NULL)
    return NULL;

  spec.first_column = first_column;
  if ((grid = wick_heatmap_new (model, &spec, error)) == NULL)
    return NULL;
  g_clear_object (&model);

  return wick_heatmap_image_new (grid, NULL, MAX (wick_series_get_interval_ms (series), 1),
                                 options->threshold_low, options->threshold_high);
}

static gpointer
build_export_extras (gpointer data)
{
  ExportExtras *extras = data;

  extras->lod = wick_lod_new (wick_market_get_series (extras->market));
  if (extras->show_heatmap)
    extras->heatmap = build_export_heatmap (extras->market, extras->viewport,
                                            &extras->heatmap_options, &extras->error);

  return NULL;
}

int
wick_cli_run_export (const WickCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickViewport) viewport = NULL;
  g_autoptr(WickLevelStore) levels = NULL;
  g_autoptr(WickLod) lod = NULL;
  g_autoptr(WickZones) zones = NULL;
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(WickSignals) signals = NULL;
  g_autoptr(WickHeatmapImage) heatmap = NULL;
  g_auto(WickExportOptions) export_options = { 0 };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GTimeZone) time_zone = NULL;
  WickHeatmapOptions heatmap_options;
  gboolean show_heatmap;
  ExportExtras extras;
  GThread *extras_thread;
  WickSeries *series;
  WickScene scene;
  gint64 from_ms, to_ms;
  guint first, end;
  int exit_code;

  g_return_val_if_fail (options != NULL, WICK_EXIT_USAGE);
  g_return_val_if_fail (options->export_path != NULL, WICK_EXIT_USAGE);

#ifdef __GLIBC__
  /* glibc raises its mmap threshold to the size of each large block freed (the CSV reader's,
   * tens of megabytes), after which the analysis' arrays come from the heap and stay in
   * memory once freed; kept at its default, they go back to the system at once. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif

  /* Check everything the user typed before loading any data. */
  if (!wick_cli_read_export_options (options, &export_options, &error) ||
      (options->range != NULL && !wick_cli_parse_range (options->range, &from_ms, &to_ms, &error)) ||
      !read_heatmap_choice (options->heatmap, &show_heatmap, &heatmap_options, &error))
    return wick_cli_fail (WICK_EXIT_USAGE, error);

  if (!(market = wick_cli_load_market (options, &exit_code)))
    return exit_code;

  series = wick_market_get_series (market);

  if (options->range == NULL)
    {
      wick_cli_get_default_range (market, &from_ms, &to_ms);
    }
  else if (is_range_all (options->range) && wick_series_get_length (series) > 0)
    {
      /* From the first candle's open to the last one's close, and nothing more. */
      from_ms = wick_series_get_candles (series)[0].open_time_ms;
      to_ms = wick_series_get_last (series)->open_time_ms + wick_series_get_interval_ms (series);
    }

  first = wick_series_lower_bound (series, from_ms);
  end = wick_series_lower_bound (series, to_ms);
  if (first >= end)
    {
      g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (from_ms / 1000);
      g_autoptr(GDateTime) to = g_date_time_new_from_unix_utc (to_ms / 1000);
      g_autofree char *from_text = g_date_time_format_iso8601 (from);
      g_autofree char *to_text = g_date_time_format_iso8601 (to);

      g_set_error (&error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("No candles between %s and %s"), from_text, to_text);
      return wick_cli_fail (WICK_EXIT_USAGE, error);
    }

  viewport = wick_viewport_new ();
  wick_viewport_set_size (viewport, export_options.width, export_options.height);
  wick_viewport_show_range (viewport, series, from_ms, to_ms);

  /* The pyramid and the heatmap on a second thread while this one analyses. */
  extras = (ExportExtras) { market, viewport, heatmap_options, show_heatmap, };
  extras_thread = g_thread_try_new ("wick-export", build_export_extras, &extras, NULL);
  if (extras_thread == NULL)
    build_export_extras (&extras);

  levels = load_levels (market);
  wick_scene_init (&scene, market, wick_palette_get (FALSE));
  scene.levels = levels;
  scene.show_title_block = TRUE;

  /* The signals' markers and the zones, as in the window; a failed analysis only leaves the
   * markers out. What no rule needs (indicator lines, patterns) is computed only if drawn,
   * and the explanations, which only tooltips show, not at all. */
  snapshot = wick_signals_snapshot_new_sharing (market);
  if ((signals = wick_signals_analyze_with_flags (snapshot, NULL,
                                                  WICK_SIGNALS_ANALYZE_LAZY_EXTRAS |
                                                  WICK_SIGNALS_ANALYZE_NO_EXPLANATIONS,
                                                  NULL, &error)))
    {
      zones = wick_zones_ref (wick_signals_get_zones (signals));
    }
  else
    {
      g_printerr ("wick: %s\n", error->message);
      g_clear_error (&error);
      zones = wick_zones_detect (wick_series_get_candles (series),
                                 wick_series_get_length (series), NULL, NULL);
    }
  scene.zones = zones;
  scene.signals = signals;
  /* As the window shows it: time zone, candle colours, indicators, kinds of signal. */
  if ((settings = wick_heatmap_settings_new_default ()) != NULL)
    time_zone = wick_scene_settings_read (settings, &scene);

  if (extras_thread != NULL)
    g_thread_join (extras_thread);
  lod = extras.lod;
  heatmap = extras.heatmap;
  error = extras.error;
  if (error != NULL)
    return wick_cli_fail (WICK_EXIT_FAILED, error);
  scene.lod = lod;
  scene.heatmap = heatmap;
  scene.show_heatmap = heatmap != NULL;

  wick_export_options_apply (&export_options, &scene);

  if (!wick_export (&scene, viewport, export_options.format, export_options.width,
                    export_options.height, export_options.scale, options->export_path, &error))
    return wick_cli_fail (WICK_EXIT_USAGE, error);

  return WICK_EXIT_OK;
}
