/* wick-application.c: the application, its command line and its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-application.h"
#include "wick-cli.h"
#include "wick-http-session.h"
#include "wick-market-picker.h"
#include "wick-preferences-window.h"
#include "wick-resources.h"
#include "wick-signals-help.h"
#include "wick-window.h"

struct _WickApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;   /* Owned, nullable: NULL when the schema is not installed */
  WickCliOptions   options;

  /* What every exchange source and live feed shares; made when first asked for, so the
   * headless verbs that never go online never make them. */
  SoupSession     *session;    /* Owned, nullable */
  WickEndpoints   *endpoints;  /* Owned, nullable: read again when the settings change */
  WickCandleCache *cache;      /* Owned, nullable */

  GtkWidget       *preferences;  /* Borrowed, nullable: a weak pointer to the open window */

  GtkWidget       *signals_help;  /* Borrowed, nullable: a weak pointer to the open window */
};

G_DEFINE_FINAL_TYPE (WickApplication, wick_application, ADW_TYPE_APPLICATION)

static gint
wick_application_handle_local_options (GApplication *application,
                                       GVariantDict *dict)
{
  WickApplication *self = WICK_APPLICATION (application);

  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("wick %s\n", PACKAGE_VERSION);
      return WICK_EXIT_OK;
    }

  wick_cli_options_clear (&self->options);
  wick_cli_options_read (&self->options, dict);

  if (self->options.export_path != NULL)
    return wick_cli_run_export (&self->options);

  if (self->options.levels != NULL)
    return wick_cli_run_levels (&self->options);

  if (self->options.signals_switch != NULL)
    {
      g_printerr ("wick: %s\n", _("--signals takes on or off only with --export FILE"));
      return WICK_EXIT_USAGE;
    }

  if (self->options.signals && self->options.indicators)
    {
      g_printerr ("wick: %s\n", _("Use one of --signals and --indicators at a time"));
      return WICK_EXIT_USAGE;
    }

  if (self->options.signals)
    return wick_cli_run_signals (&self->options);

  if (self->options.indicators)
    return wick_cli_run_indicators (&self->options);

  if (self->options.format != NULL)
    {
      g_printerr ("wick: %s\n", _("--format needs --export, --signals or --indicators"));
      return WICK_EXIT_USAGE;
    }

  if (self->options.arguments != NULL && self->options.arguments[0] != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”: see wick --help"),
                                                  self->options.arguments[0]);

      g_printerr ("wick: %s\n", message);
      return WICK_EXIT_USAGE;
    }

  /* Options that only make sense with --export are a mistake without it. */
  if (self->options.size != NULL || self->options.scale != NULL || self->options.heatmap != NULL ||
      self->options.theme != NULL || self->options.title != NULL ||
      self->options.legend != NULL)
    {
      g_printerr ("wick: %s\n", _("--size, --scale, --heatmap, --theme, --title and --legend "
                                   "need --export FILE"));
      return WICK_EXIT_USAGE;
    }

  /* Go on to open the window. */
  return -1;
}

static void
apply_theme (WickApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (self->settings != NULL)
    {
      switch (g_settings_get_enum (self->settings, "theme"))
        {
        case 1: scheme = ADW_COLOR_SCHEME_FORCE_LIGHT; break;
        case 2: scheme = ADW_COLOR_SCHEME_FORCE_DARK; break;
        default: break;
        }
    }

  adw_style_manager_set_color_scheme (style_manager, scheme);
}

static void
wick_application_activate (GApplication *application)
{
  WickApplication *self = WICK_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *symbol = NULL;
  g_autofree char *interval = NULL;
  gboolean remember;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (wick_window_new (GTK_APPLICATION (self)));
  gtk_window_present (window);

  /* With no source on the command line, open what was open last time. */
  if (self->options.source != NULL || self->settings == NULL)
    {
      spec = g_strdup (self->options.source ? self->options.source : "sample");
      symbol = g_strdup (self->options.symbol);
      interval = g_strdup (self->options.interval);
    }
  else if (g_settings_get_enum (self->settings, "startup-market") == WICK_STARTUP_MARKET_DEFAULT)
    {
      /* The market chosen in the preferences; the sample has only one. */
      gboolean is_exchange;

      spec = g_settings_get_string (self->settings, "default-source");
      is_exchange = wick_market_picker_is_exchange (spec);
      if (self->options.symbol != NULL || is_exchange)
        symbol = self->options.symbol ? g_strdup (self->options.symbol)
                                      : g_settings_get_string (self->settings, "default-symbol");
      if (self->options.interval != NULL || is_exchange)
        interval = self->options.interval ? g_strdup (self->options.interval)
                                          : g_settings_get_string (self->settings,
                                                                   "default-interval");
    }
  else
    {
      spec = g_settings_get_string (self->settings, "last-source");
      symbol = self->options.symbol ? g_strdup (self->options.symbol)
                                    : g_settings_get_string (self->settings, "last-symbol");
      interval = self->options.interval ? g_strdup (self->options.interval)
                                        : g_settings_get_string (self->settings, "last-interval");
    }

  /* A source made of several files cannot be written down as one spec. */
  remember = self->options.liquidations == NULL && self->options.open_interest == NULL;

  source = wick_cli_create_source (spec, self->options.liquidations,
                                   self->options.open_interest, &error);
  if (source == NULL)
    {
      /* Say what was wrong, then open on the sample so the window is never empty. */
      g_printerr ("wick: %s\n", error->message);
      wick_window_show_toast (WICK_WINDOW (window), error->message);
      source = wick_cli_create_source ("sample", NULL, NULL, NULL);
      g_free (spec);
      spec = g_strdup ("sample");
      g_clear_pointer (&symbol, g_free);
      g_clear_pointer (&interval, g_free);
    }

  wick_window_load_source (WICK_WINDOW (window), source, remember ? spec : NULL,
                           symbol, interval);
}

static void
wick_application_startup (GApplication *application)
{
  WickApplication *self = WICK_APPLICATION (application);

  G_APPLICATION_CLASS (wick_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);
  apply_theme (self);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::theme",
                             G_CALLBACK (apply_theme), self,
                             G_CONNECT_SWAPPED);
}

static void
wick_application_about_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  static const char *developers[] = { "The Wick developers", NULL };
  WickApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Wick"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Wick developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Read the BTC market: candles, the levels a trader cares about, "
                                       "where leveraged positions would be liquidated, and the signals "
                                       "that say a sell-off is turning."),
                         "developers", developers,
                         "copyright", "© 2026 The Wick developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* One preferences window: asked for again, it comes to the front. */
static void
wick_application_preferences_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  WickApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings == NULL)
    return;

  if (self->preferences == NULL)
    {
      self->preferences = wick_preferences_window_new (self->settings);
      gtk_window_set_transient_for (GTK_WINDOW (self->preferences), window);
      gtk_window_set_application (GTK_WINDOW (self->preferences), GTK_APPLICATION (self));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
    }

  gtk_window_present (GTK_WINDOW (self->preferences));
}

static void
wick_application_quit_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Close the windows so they save their state, then quit. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (application);
}

/* One “How Signals Work” window: asked for again, it comes to the front. */
static void
wick_application_help_signals_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  WickApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->signals_help == NULL)
    {
      self->signals_help = wick_signals_help_new (window);
      g_object_add_weak_pointer (G_OBJECT (self->signals_help), (gpointer *) &self->signals_help);
    }

  gtk_window_present (GTK_WINDOW (self->signals_help));
}

static const GActionEntry app_actions[] = {
  { "quit", wick_application_quit_action },
  { "about", wick_application_about_action },
  { "preferences", wick_application_preferences_action },
  { "help-signals", wick_application_help_signals_action },
};

static void
wick_application_finalize (GObject *object)
{
  WickApplication *self = (WickApplication *)object;

  wick_cli_options_clear (&self->options);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->endpoints, wick_endpoints_free);
  g_clear_object (&self->cache);
  g_clear_weak_pointer (&self->preferences);
  g_clear_weak_pointer (&self->signals_help);

  G_OBJECT_CLASS (wick_application_parent_class)->finalize (object);
}

static void
wick_application_class_init (WickApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = wick_application_finalize;

  /* Registered here, not by a constructor, so the static library need not be linked whole. */
  wick_register_resource ();

  app_class->activate = wick_application_activate;
  app_class->startup = wick_application_startup;
  app_class->handle_local_options = wick_application_handle_local_options;
}

/* Sources made from now on use the new addresses; those loading keep theirs. */
static void
on_endpoints_changed_cb (WickApplication *self,
                         const char      *key,
                         GSettings       *settings)
{
  g_clear_pointer (&self->endpoints, wick_endpoints_free);
}

static void
wick_application_init (WickApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *zoom_in_accels[] = { "<Control>plus", "<Control>equal", NULL };
  static const char *zoom_out_accels[] = { "<Control>minus", NULL };
  static const char *zoom_fit_accels[] = { "<Control>0", NULL };
  static const char *log_scale_accels[] = { "<Alt>l", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *redo_accels[] = { "<Control><Shift>z", NULL };
  static const char *market_accels[] = { "<Control>l", NULL };
  static const char *save_image_accels[] = { "<Control>s", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_signals_accels[] = { "F1", NULL };
  /* With Alt, the arrows that pan the chart jump from signal to signal, and a text field
   * keeps its own arrows. */
  static const char *next_signal_accels[] = { "<Alt>Right", NULL };
  static const char *previous_signal_accels[] = { "<Alt>Left", NULL };
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from a build tree without the schema installed must not abort: the app
   * works, it just does not remember anything. */
  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::endpoints",
                             G_CALLBACK (on_endpoints_changed_cb), self,
                             G_CONNECT_SWAPPED);

  wick_cli_add_options (G_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  /* Without the schema there is nothing to set. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "preferences")),
                               self->settings != NULL);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-in", zoom_in_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-out", zoom_out_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-fit", zoom_fit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.log-scale", log_scale_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.choose-market",
                                         market_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.save-image",
                                         save_image_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help-signals",
                                         help_signals_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.next-signal",
                                         next_signal_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.previous-signal",
                                         previous_signal_accels);
}

WickApplication *
wick_application_new (void)
{
  return g_object_new (WICK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * wick_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the schema is not
 *   installed
 */
GSettings *
wick_application_get_settings (WickApplication *self)
{
  g_return_val_if_fail (WICK_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * wick_application_get_session:
 *
 * Returns: (transfer none): the one HTTP session every exchange request goes through
 */
SoupSession *
wick_application_get_session (WickApplication *self)
{
  g_return_val_if_fail (WICK_IS_APPLICATION (self), NULL);

  if (self->session == NULL)
    self->session = wick_http_session_new ();

  return self->session;
}

/* The settings' addresses go over the defaults, and the environment's over both, so a test
 * or a one-off run can always point Wick elsewhere. A bad entry is reported and skipped. */
static WickEndpoints *
read_endpoints (GSettings *settings)
{
  g_autoptr(WickEndpoints) endpoints = wick_endpoints_new ();
  g_autoptr(GVariant) pairs = NULL;
  GVariantIter iter;
  const char *name;
  const char *url;

  if (settings == NULL)
    return g_steal_pointer (&endpoints);

  pairs = g_settings_get_value (settings, "endpoints");
  g_variant_iter_init (&iter, pairs);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &url))
    {
      g_autoptr(GError) error = NULL;

      if (!wick_endpoints_set (endpoints, name, url, &error))
        g_printerr ("wick: %s\n", error->message);
    }

  wick_endpoints_apply_environment (endpoints);

  return g_steal_pointer (&endpoints);
}

/**
 * wick_application_get_endpoints:
 *
 * Returns: (transfer none): where the exchange sources and live feeds connect: the defaults,
 *   then the `endpoints` setting, then WICK_BINANCE_URL and its siblings. Valid until the
 *   setting changes; sources and feeds copy it.
 */
const WickEndpoints *
wick_application_get_endpoints (WickApplication *self)
{
  g_return_val_if_fail (WICK_IS_APPLICATION (self), NULL);

  if (self->endpoints == NULL)
    self->endpoints = read_endpoints (self->settings);

  return self->endpoints;
}

/**
 * wick_application_get_candle_cache:
 *
 * Returns: (transfer none): the candles kept on disk, under $XDG_CACHE_HOME/wick
 */
WickCandleCache *
wick_application_get_candle_cache (WickApplication *self)
{
  g_return_val_if_fail (WICK_IS_APPLICATION (self), NULL);

  if (self->cache == NULL)
    self->cache = wick_candle_cache_new (NULL);

  return self->cache;
}
