/* wick-preferences-window.c: the preferences, each a GSettings key applied at once
 *
 * Every row edits one key of the application's settings, and the windows follow the keys:
 * nothing here talks to a window. The start-up market is either the one shown last (the
 * `last-*` keys the window keeps) or one chosen here (`default-*`), so opening another
 * market never overwrites the user's choice. The heatmap rows edit the keys the header bar's
 * Heatmap popover edits, so both always agree. Combo rows map their positions to the nicks
 * of enum keys; the kinds of signal are one switch row each, written as the list of the
 * kinds switched off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-preferences"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wick-preferences-window.h"

#include "wick-bucket-spin.h"
#include "wick-market-picker.h"
#include "wick-signals.h"

struct _WickPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwExpanderRow       *startup_row;
  AdwComboRow          *source_row;
  GtkStringList        *source_list;
  AdwEntryRow          *symbol_row;
  AdwComboRow          *interval_row;
  GtkStringList        *interval_list;
  AdwComboRow          *theme_row;
  AdwComboRow          *candle_colors_row;
  AdwComboRow          *time_zone_row;
  GtkSwitch            *snapping_switch;
  GtkSwitch            *line_alerts_switch;
  GtkSwitch            *heatmap_visible_switch;
  AdwComboRow          *heatmap_side_row;
  GtkAdjustment        *heatmap_bucket_adjustment;
  GtkSpinButton        *heatmap_bucket_spin;
  AdwPreferencesGroup  *signals_group;

  GSettings            *settings;  /* Owned */
  GtkSwitch            *kind_switches[WICK_N_SIGNAL_KINDS];  /* Borrowed: in signals_group */
  gboolean              is_updating;  /* the rows follow the keys: their changes are ours */
};

G_DEFINE_FINAL_TYPE (WickPreferencesWindow, wick_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The nicks of the enum keys, in the order of their combo rows' items. */
static const char * const theme_nicks[] = { "system", "light", "dark", NULL };
static const char * const candle_colors_nicks[] = { "green-red", "blue-orange", NULL };
static const char * const time_zone_nicks[] = { "utc", "local", NULL };
static const char * const heatmap_side_nicks[] = { "long", "short", "both", NULL };

/* ---- combo rows and enum keys ---- */

/* A string key's value, as the position of a combo row; user_data is the strings by
 * position. A value not among them fails, and GSettings then shows the key's default. */
static gboolean
map_string_to_position (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  const char * const *strings = user_data;
  const char *string = g_variant_get_string (variant, NULL);

  for (guint i = 0; strings[i] != NULL; i++)
    {
      if (g_str_equal (strings[i], string))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* Nothing is written while the row has no selection, as while its model changes. */
static GVariant *
map_position_to_string (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  const char * const *strings = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) strings))
    return NULL;

  return g_variant_new_string (strings[position]);
}

static void
bind_combo_row (GSettings          *settings,
                const char         *key,
                AdwComboRow        *row,
                const char * const *strings)
{
  g_settings_bind_with_mapping (settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                map_string_to_position, map_position_to_string,
                                (gpointer) strings, NULL);
}

static gboolean
map_startup_market_to_enabled (GValue   *value,
                               GVariant *variant,
                               gpointer  user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), "default"));
  return TRUE;
}

static GVariant *
map_enabled_to_startup_market (const GValue       *value,
                               const GVariantType *expected_type,
                               gpointer            user_data)
{
  return g_variant_new_string (g_value_get_boolean (value) ? "default" : "last");
}

/* ---- the start-up market ---- */

/* The intervals the chosen exchange offers, with the chosen one selected. The sample and
 * files hold one market: their symbol and interval rows are off. */
static void
update_market_rows (WickPreferencesWindow *self)
{
  g_autofree char *source = g_settings_get_string (self->settings, "default-source");
  g_autofree char *interval = g_settings_get_string (self->settings, "default-interval");
  g_autofree char *symbol = g_settings_get_string (self->settings, "default-symbol");
  const char * const *intervals = wick_market_picker_get_intervals ();
  gboolean is_exchange = wick_market_picker_is_exchange (source);
  g_autoptr(GPtrArray) offered = g_ptr_array_new ();
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; intervals[i] != NULL; i++)
    {
      if (!is_exchange || wick_market_picker_offers_interval (source, intervals[i]))
        {
          if (g_str_equal (intervals[i], interval))
            position = offered->len;
          g_ptr_array_add (offered, (gpointer) intervals[i]);
        }
    }
  g_ptr_array_add (offered, NULL);

  self->is_updating = TRUE;
  gtk_string_list_splice (self->interval_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->interval_list)),
                          (const char * const *) offered->pdata);
  adw_combo_row_set_selected (self->interval_row, position);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->symbol_row)), symbol) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->symbol_row), symbol);
  self->is_updating = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->symbol_row), is_exchange);
  gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), is_exchange);

  /* An exchange without the interval chosen gets the key's default when it has that, as the
   * picker keeps its default when changing exchange, else its shortest. */
  if (is_exchange && position == GTK_INVALID_LIST_POSITION && offered->len > 1)
    {
      g_autoptr(GVariant) fallback = g_settings_get_default_value (self->settings,
                                                                   "default-interval");
      const char *name = g_variant_get_string (fallback, NULL);

      if (!wick_market_picker_offers_interval (source, name))
        name = g_ptr_array_index (offered, 0);
      g_settings_set_string (self->settings, "default-interval", name);
    }
}

static void
on_market_settings_changed_cb (WickPreferencesWindow *self,
                               const char            *key,
                               GSettings             *settings)
{
  update_market_rows (self);
}

static void
on_interval_selected_cb (WickPreferencesWindow *self,
                         GParamSpec            *pspec,
                         AdwComboRow           *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  if (self->is_updating || item == NULL)
    return;

  g_settings_set_string (self->settings, "default-interval", gtk_string_object_get_string (item));
}

static void
on_symbol_changed_cb (WickPreferencesWindow *self,
                      GtkEditable           *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->symbol_row), "error");
}

/* The symbol is written as the picker writes it (“btc/usdt” becomes BTCUSDT); the exchange
 * checks the rest when Wick starts, and says so over the chart. */
static void
on_symbol_apply_cb (WickPreferencesWindow *self,
                    AdwEntryRow           *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *symbol = wick_market_picker_normalize_symbol (text);

  if (symbol == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Type a symbol of letters and digits, "
                                                         "such as BTCUSDT")));
      return;
    }

  g_settings_set_string (self->settings, "default-symbol", symbol);
  /* The key may already hold it, as when only the case changed: show it as kept. */
  update_market_rows (self);
}

/* ---- the kinds of signal ---- */

static void
update_kind_switches (WickPreferencesWindow *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "signal-kinds-hidden");

  self->is_updating = TRUE;
  for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
    gtk_switch_set_active (self->kind_switches[kind],
                           !g_strv_contains ((const char * const *) hidden,
                                             wick_signal_kind_to_string (kind)));
  self->is_updating = FALSE;
}

static void
on_hidden_kinds_changed_cb (WickPreferencesWindow *self,
                            const char            *key,
                            GSettings             *settings)
{
  update_kind_switches (self);
}

/* The key lists the kinds switched off, in kind order; ids of kinds this version does not
 * know (written by another) are kept. */
static void
on_kind_switch_active_cb (WickPreferencesWindow *self,
                          GParamSpec            *pspec,
                          GtkSwitch             *toggled)
{
  g_auto(GStrv) before = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) hidden = NULL;

  if (self->is_updating)
    return;

  before = g_settings_get_strv (self->settings, "signal-kinds-hidden");
  builder = g_strv_builder_new ();
  for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
    {
      if (!gtk_switch_get_active (self->kind_switches[kind]))
        g_strv_builder_add (builder, wick_signal_kind_to_string (kind));
    }
  for (guint i = 0; before[i] != NULL; i++)
    {
      gboolean is_known = FALSE;

      for (int kind = 0; kind < WICK_N_SIGNAL_KINDS && !is_known; kind++)
        is_known = g_str_equal (before[i], wick_signal_kind_to_string (kind));
      if (!is_known)
        g_strv_builder_add (builder, before[i]);
    }

  hidden = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "signal-kinds-hidden", (const char * const *) hidden);
}

static void
add_kind_rows (WickPreferencesWindow *self)
{
  for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wick_signal_kind_get_label (kind));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      g_signal_connect_object (toggle, "notify::active",
                               G_CALLBACK (on_kind_switch_active_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->signals_group, row);
      self->kind_switches[kind] = GTK_SWITCH (toggle);
    }
}

/* ---- GObject ---- */

static void
wick_preferences_window_constructed (GObject *object)
{
  WickPreferencesWindow *self = (WickPreferencesWindow *)object;
  const char * const *sources = wick_market_picker_get_sources ();

  G_OBJECT_CLASS (wick_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  /* The start-up market */
  g_settings_bind_with_mapping (self->settings, "startup-market",
                                self->startup_row, "enable-expansion",
                                G_SETTINGS_BIND_DEFAULT,
                                map_startup_market_to_enabled, map_enabled_to_startup_market,
                                NULL, NULL);
  /* The row starts enabled, so the binding changes nothing when the key is on: open it. */
  adw_expander_row_set_expanded (self->startup_row,
                                 adw_expander_row_get_enable_expansion (self->startup_row));
  for (guint i = 0; sources[i] != NULL; i++)
    gtk_string_list_append (self->source_list, wick_market_picker_get_source_title (sources[i]));
  bind_combo_row (self->settings, "default-source", self->source_row, sources);
  g_signal_connect_object (self->settings, "changed::default-source",
                           G_CALLBACK (on_market_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::default-symbol",
                           G_CALLBACK (on_market_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::default-interval",
                           G_CALLBACK (on_market_settings_changed_cb), self, G_CONNECT_SWAPPED);
  update_market_rows (self);

  /* Appearance */
  bind_combo_row (self->settings, "theme", self->theme_row, theme_nicks);
  bind_combo_row (self->settings, "candle-colors", self->candle_colors_row, candle_colors_nicks);
  bind_combo_row (self->settings, "time-zone", self->time_zone_row, time_zone_nicks);

  /* Price lines */
  g_settings_bind (self->settings, "snapping", self->snapping_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "line-alerts", self->line_alerts_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* The heatmap: the popover's keys */
  g_settings_bind (self->settings, "heatmap-visible", self->heatmap_visible_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  bind_combo_row (self->settings, "heatmap-side", self->heatmap_side_row, heatmap_side_nicks);
  g_settings_bind (self->settings, "heatmap-bucket", self->heatmap_bucket_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);

  /* The kinds of signal */
  add_kind_rows (self);
  g_signal_connect_object (self->settings, "changed::signal-kinds-hidden",
                           G_CALLBACK (on_hidden_kinds_changed_cb), self, G_CONNECT_SWAPPED);
  update_kind_switches (self);
}

static void
wick_preferences_window_dispose (GObject *object)
{
  WickPreferencesWindow *self = (WickPreferencesWindow *)object;

  /* The bindings go with the objects they bind; the handlers with self. */
  g_clear_object (&self->settings);
  memset (self->kind_switches, 0, sizeof self->kind_switches);

  gtk_widget_dispose_template (GTK_WIDGET (self), WICK_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (wick_preferences_window_parent_class)->dispose (object);
}

static void
wick_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  WickPreferencesWindow *self = WICK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, wick_preferences_window_get_settings (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  WickPreferencesWindow *self = WICK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_preferences_window_class_init (WickPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wick_preferences_window_constructed;
  object_class->dispose = wick_preferences_window_dispose;
  object_class->get_property = wick_preferences_window_get_property;
  object_class->set_property = wick_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/wick-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, startup_row);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, source_row);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, source_list);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, symbol_row);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, interval_list);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, candle_colors_row);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, snapping_switch);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, line_alerts_switch);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow,
                                        heatmap_visible_switch);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, heatmap_side_row);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow,
                                        heatmap_bucket_adjustment);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, heatmap_bucket_spin);
  gtk_widget_class_bind_template_child (widget_class, WickPreferencesWindow, signals_group);
  gtk_widget_class_bind_template_callback (widget_class, on_interval_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_symbol_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_symbol_apply_cb);
}

static void
wick_preferences_window_init (WickPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wick_bucket_spin_attach (self->heatmap_bucket_spin);
}

/**
 * wick_preferences_window_new:
 * @settings: the application's settings, which the rows edit
 *
 * Returns: (transfer none): a new preferences window, owned by GTK until it is closed; set
 *   its application and transient parent, then present it
 */
GtkWidget *
wick_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (WICK_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

/**
 * wick_preferences_window_get_settings:
 *
 * Returns: (transfer none): the settings the rows edit
 */
GSettings *
wick_preferences_window_get_settings (WickPreferencesWindow *self)
{
  g_return_val_if_fail (WICK_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
