/* wick-market-picker.c: the header bar's exchange, symbol and interval buttons
 *
 * Three linked menu buttons: the exchange (Sample, Binance, Binance Futures, OKX), the
 * symbol (a popover whose search entry filters the common pairs and takes any symbol typed
 * and confirmed with Enter) and the candle interval (those the exchange offers). Each is a
 * stateful property action, `market.source`, `market.symbol` and `market.interval`, so the
 * menus show the choice as a radio item and anything can choose through the actions.
 *
 * Choosing emits ::market-chosen with the whole market; the window loads it and, once it
 * loaded or failed, shows what is on screen with wick_market_picker_set_market(), which
 * emits nothing. The sample and CSV files hold one market each, so for them only the
 * exchange can be changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-market-picker"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wick-binance-source.h"
#include "wick-market-picker.h"
#include "wick-okx-source.h"

#define DEFAULT_SYMBOL   "BTCUSDT"
#define DEFAULT_INTERVAL "1h"

/* The longest symbol the entry takes; exchanges check the rest. */
#define MAX_SYMBOL_CHARS 30

/* The pairs most people look for, most traded first. */
static const char * const common_symbols[] = {
  "BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT", "TRXUSDT",
  "AVAXUSDT", "LINKUSDT", "DOTUSDT", "LTCUSDT", "BCHUSDT", "TONUSDT", "SUIUSDT", "ETHBTC",
};

static const char * const intervals[] = {
  "1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", NULL,
};

/* The sources the exchange menu offers, in its order. */
static const char * const sources[] = {
  "sample", "binance", "binance-futures", "okx", NULL,
};

struct _WickMarketPicker
{
  AdwBin          parent_instance;

  /* Template children */
  GtkMenuButton  *exchange_button;
  GtkMenuButton  *symbol_button;
  GtkMenuButton  *interval_button;
  GtkPopover     *symbol_popover;
  GtkSearchEntry *symbol_entry;
  GtkLabel       *symbol_error;
  GtkListBox     *symbol_list;

  char           *source;    /* Owned: "sample", "binance", "binance-futures", "okx", "csv" */
  char           *symbol;    /* Owned */
  char           *interval;  /* Owned */
  GMenu          *interval_menu;  /* Owned: the intervals of the source */
};

G_DEFINE_FINAL_TYPE (WickMarketPicker, wick_market_picker, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_SYMBOL,
  PROP_INTERVAL,
  N_PROPS
};

enum {
  MARKET_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * wick_market_picker_is_exchange:
 * @source: (nullable): a source name
 *
 * Returns: whether @source offers many symbols and intervals, and live updates
 */
gboolean
wick_market_picker_is_exchange (const char *source)
{
  return g_strcmp0 (source, "binance") == 0 ||
         g_strcmp0 (source, "binance-futures") == 0 ||
         g_strcmp0 (source, "okx") == 0;
}

/**
 * wick_market_picker_get_sources:
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of the sources offered, as
 *   the exchange menu lists them: "sample", "binance", "binance-futures", "okx"
 */
const char * const *
wick_market_picker_get_sources (void)
{
  return sources;
}

/**
 * wick_market_picker_get_intervals:
 *
 * Returns: (transfer none) (array zero-terminated=1): the candle intervals offered, shortest
 *   first; each exchange has some of them (wick_market_picker_offers_interval())
 */
const char * const *
wick_market_picker_get_intervals (void)
{
  return intervals;
}

/**
 * wick_market_picker_offers_interval:
 * @source: (nullable): a source name
 * @interval: (nullable): a candle interval, as “1h”
 *
 * Returns: whether @source is an exchange that has candles of @interval
 */
gboolean
wick_market_picker_offers_interval (const char *source,
                                    const char *interval)
{
  if (g_strcmp0 (source, "binance") == 0 || g_strcmp0 (source, "binance-futures") == 0)
    return wick_binance_check_interval (interval, NULL);
  if (g_strcmp0 (source, "okx") == 0)
    return wick_okx_bar_for_interval (interval) != NULL;

  return FALSE;
}

/**
 * wick_market_picker_get_source_title:
 * @source: (nullable): a source name
 *
 * Returns: (transfer none): the name shown for @source, as “Binance” or “Sample”
 */
const char *
wick_market_picker_get_source_title (const char *source)
{
  if (g_strcmp0 (source, "binance") == 0)
    return "Binance";
  if (g_strcmp0 (source, "binance-futures") == 0)
    /* Translators: Binance's USD-M perpetual futures market, as an exchange to choose */
    return _("Binance Futures");
  if (g_strcmp0 (source, "okx") == 0)
    return "OKX";
  if (g_strcmp0 (source, "sample") == 0)
    return _("Sample");
  if (source != NULL && g_str_has_prefix (source, "csv"))
    return _("CSV");

  return source != NULL ? source : "";
}

/**
 * wick_market_picker_normalize_symbol:
 * @text: what the user typed
 *
 * Drops spaces and slashes and upper-cases the rest, so “btc/usdt” and “ BTCUSDT ” both
 * become “BTCUSDT”. OKX's dashes are kept.
 *
 * Returns: (transfer full) (nullable): the symbol, or %NULL when @text is empty, too long
 *   or holds anything but letters, digits and dashes
 */
char *
wick_market_picker_normalize_symbol (const char *text)
{
  g_autoptr(GString) symbol = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '/')
        continue;
      if (!g_ascii_isalnum (*p) && *p != '-')
        return NULL;
      g_string_append_c (symbol, g_ascii_toupper (*p));
    }

  if (symbol->len == 0 || symbol->len > MAX_SYMBOL_CHARS)
    return NULL;

  return g_string_free (g_steal_pointer (&symbol), FALSE);
}

/* The menu is edited in place: its popover follows, even while it is open. */
static void
update_interval_menu (WickMarketPicker *self)
{
  GMenu *menu = self->interval_menu;

  g_menu_remove_all (menu);
  for (guint i = 0; intervals[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (!wick_market_picker_offers_interval (self->source, intervals[i]))
        continue;

      item = g_menu_item_new (intervals[i], NULL);
      g_menu_item_set_action_and_target (item, "market.interval", "s", intervals[i]);
      g_menu_append_item (menu, item);
    }
}

static void
update_buttons (WickMarketPicker *self)
{
  gboolean is_exchange = wick_market_picker_is_exchange (self->source);
  g_autofree char *exchange_name = NULL;
  g_autofree char *symbol_name = NULL;
  g_autofree char *interval_name = NULL;

  gtk_menu_button_set_label (self->exchange_button,
                             wick_market_picker_get_source_title (self->source));
  gtk_menu_button_set_label (self->symbol_button, self->symbol);
  gtk_menu_button_set_label (self->interval_button, self->interval);
  gtk_widget_set_sensitive (GTK_WIDGET (self->symbol_button), is_exchange);
  gtk_widget_set_sensitive (GTK_WIDGET (self->interval_button), is_exchange);

  /* The buttons' names say what they choose as well as what is chosen. */
  /* Translators: the accessible name of the exchange button, as in “Exchange: Binance” */
  exchange_name = g_strdup_printf (_("Exchange: %s"),
                                   wick_market_picker_get_source_title (self->source));
  /* Translators: the accessible name of the symbol button, as in “Symbol: BTCUSDT” */
  symbol_name = g_strdup_printf (_("Symbol: %s"), self->symbol);
  /* Translators: the accessible name of the interval button, as in “Candle interval: 1h” */
  interval_name = g_strdup_printf (_("Candle interval: %s"), self->interval);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->exchange_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, exchange_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->symbol_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, symbol_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->interval_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, interval_name, -1);
}

static char **
field_for (WickMarketPicker *self,
           guint             prop_id)
{
  switch (prop_id)
    {
    case PROP_SOURCE:
      return &self->source;
    case PROP_SYMBOL:
      return &self->symbol;
    default:
      g_assert (prop_id == PROP_INTERVAL);
      return &self->interval;
    }
}

/* Sets one field; returns whether it changed. */
static gboolean
set_field (WickMarketPicker *self,
           guint             prop_id,
           const char       *value)
{
  char **field = field_for (self, prop_id);

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

/* One of the three changed: the market it makes is asked for. */
static void
wick_market_picker_choose (WickMarketPicker *self,
                           guint             prop_id,
                           const char       *value)
{
  if (!set_field (self, prop_id, value))
    return;

  /* A new exchange keeps the interval when it has it too. */
  if (prop_id == PROP_SOURCE)
    {
      if (wick_market_picker_is_exchange (value) &&
          !wick_market_picker_offers_interval (value, self->interval))
        set_field (self, PROP_INTERVAL, DEFAULT_INTERVAL);
      update_interval_menu (self);
    }

  update_buttons (self);
  g_signal_emit (self, signals[MARKET_CHOSEN], 0, self->source, self->symbol, self->interval);
}

/* ---- the symbol popover ---- */

static gboolean
filter_symbol_row (GtkListBoxRow *row,
                   gpointer       user_data)
{
  WickMarketPicker *self = user_data;
  const char *symbol = g_object_get_data (G_OBJECT (row), "symbol");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->symbol_entry));
  g_autofree char *wanted = wick_market_picker_normalize_symbol (text);

  return wanted == NULL || strstr (symbol, wanted) != NULL;
}

static void
show_symbol_error (WickMarketPicker *self,
                   const char       *message)
{
  gtk_label_set_label (self->symbol_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->symbol_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->symbol_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->symbol_entry), "error");
}

/* The list follows the search a moment after typing stops; a complaint about what was
 * typed goes at the first key, before the next Enter can raise another. */
static void
on_symbol_search_changed_cb (WickMarketPicker *self,
                             GtkSearchEntry   *entry)
{
  gtk_list_box_invalidate_filter (self->symbol_list);
}

static void
on_symbol_text_changed_cb (WickMarketPicker *self,
                           GtkEditable      *entry)
{
  show_symbol_error (self, NULL);
}

static void
choose_symbol_from_popover (WickMarketPicker *self,
                            const char       *symbol)
{
  gtk_popover_popdown (self->symbol_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "market.symbol", "s", symbol);
}

/* The first pair in the list that holds the typed text, as “eth” finds ETHUSDT: what the
 * list shows at the top. NULL when none does. */
static const char *
find_first_match (const char *wanted)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_symbols); i++)
    {
      if (strstr (common_symbols[i], wanted) != NULL)
        return common_symbols[i];
    }

  return NULL;
}

/* Enter takes the pair at the top of the filtered list, or what was typed when the list has
 * none; the exchange's own rules are checked here so a typo is caught before any request. */
static void
on_symbol_activate_cb (WickMarketPicker *self,
                       GtkSearchEntry   *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *symbol = wick_market_picker_normalize_symbol (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *inst_id = NULL;
  const char *match;

  if (symbol == NULL)
    {
      show_symbol_error (self, _("Type a symbol of letters and digits, such as BTCUSDT"));
      return;
    }

  if ((match = find_first_match (symbol)) != NULL)
    {
      g_free (symbol);
      symbol = g_strdup (match);
    }

  if ((g_strcmp0 (self->source, "binance") == 0 &&
       !wick_binance_check_market_symbol (WICK_BINANCE_MARKET_SPOT, symbol, &error)) ||
      (g_strcmp0 (self->source, "binance-futures") == 0 &&
       !wick_binance_check_market_symbol (WICK_BINANCE_MARKET_USDM, symbol, &error)) ||
      (g_strcmp0 (self->source, "okx") == 0 &&
       !(inst_id = wick_okx_inst_id_for_symbol (symbol, &error))))
    {
      show_symbol_error (self, error->message);
      return;
    }

  choose_symbol_from_popover (self, symbol);
}

static void
on_symbol_row_activated_cb (WickMarketPicker *self,
                            GtkListBoxRow    *row,
                            GtkListBox       *list)
{
  choose_symbol_from_popover (self, g_object_get_data (G_OBJECT (row), "symbol"));
}

/* Each time it opens, the popover starts from an empty search with the caret in it. */
static void
on_symbol_popover_show_cb (WickMarketPicker *self,
                           GtkPopover       *popover)
{
  gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), "");
  show_symbol_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->symbol_entry));
}

static void
fill_symbol_list (WickMarketPicker *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_symbols); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (common_symbols[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "symbol", (gpointer) common_symbols[i]);
      gtk_list_box_append (self->symbol_list, row);
    }

  gtk_list_box_set_filter_func (self->symbol_list, filter_symbol_row, self, NULL);
}

/* ---- GObject ---- */

static void
wick_market_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WICK_TYPE_MARKET_PICKER);

  G_OBJECT_CLASS (wick_market_picker_parent_class)->dispose (object);
}

static void
wick_market_picker_finalize (GObject *object)
{
  WickMarketPicker *self = (WickMarketPicker *)object;

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->interval, g_free);
  g_clear_object (&self->interval_menu);

  G_OBJECT_CLASS (wick_market_picker_parent_class)->finalize (object);
}

static void
wick_market_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WickMarketPicker *self = WICK_MARKET_PICKER (object);

  if (prop_id >= PROP_SOURCE && prop_id <= PROP_INTERVAL)
    g_value_set_string (value, *field_for (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* Setting a property is choosing: this is what the `market.*` actions do. */
static void
wick_market_picker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WickMarketPicker *self = WICK_MARKET_PICKER (object);
  const char *text = g_value_get_string (value);

  if (prop_id < PROP_SOURCE || prop_id > PROP_INTERVAL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else if (text != NULL && *text != '\0')
    wick_market_picker_choose (self, prop_id, text);
}

static void
wick_market_picker_class_init (WickMarketPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wick_market_picker_dispose;
  object_class->finalize = wick_market_picker_finalize;
  object_class->get_property = wick_market_picker_get_property;
  object_class->set_property = wick_market_picker_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         "sample",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL,
                         DEFAULT_SYMBOL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INTERVAL] =
    g_param_spec_string ("interval", NULL, NULL,
                         DEFAULT_INTERVAL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickMarketPicker::market-chosen:
   * @source: "sample", "binance", "binance-futures" or "okx"
   * @symbol: the symbol, as “BTCUSDT”
   * @interval: the interval, as “1h”
   *
   * The user chose a market: one of the three changed.
   */
  signals[MARKET_CHOSEN] =
    g_signal_new ("market-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/wick-market-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, WickMarketPicker, exchange_button);
  gtk_widget_class_bind_template_child (widget_class, WickMarketPicker, symbol_button);
  gtk_widget_class_bind_template_child (widget_class, WickMarketPicker, interval_button);
  gtk_widget_class_bind_template_child (widget_class, WickMarketPicker, symbol_popover);
  gtk_widget_class_bind_template_child (widget_class, WickMarketPicker, symbol_entry);
  gtk_widget_class_bind_template_child (widget_class, WickMarketPicker, symbol_error);
  gtk_widget_class_bind_template_child (widget_class, WickMarketPicker, symbol_list);
  gtk_widget_class_bind_template_callback (widget_class, on_symbol_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_symbol_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_symbol_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_symbol_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_symbol_popover_show_cb);

  gtk_widget_class_install_property_action (widget_class, "market.source", "source");
  gtk_widget_class_install_property_action (widget_class, "market.symbol", "symbol");
  gtk_widget_class_install_property_action (widget_class, "market.interval", "interval");
}

static void
wick_market_picker_init (WickMarketPicker *self)
{
  /* Before the template: its menus read the actions' state, which is these. */
  self->source = g_strdup ("sample");
  self->symbol = g_strdup (DEFAULT_SYMBOL);
  self->interval = g_strdup (DEFAULT_INTERVAL);

  gtk_widget_init_template (GTK_WIDGET (self));

  fill_symbol_list (self);
  self->interval_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->interval_button, G_MENU_MODEL (self->interval_menu));
  update_interval_menu (self);
  update_buttons (self);
}

GtkWidget *
wick_market_picker_new (void)
{
  return g_object_new (WICK_TYPE_MARKET_PICKER, NULL);
}

const char *
wick_market_picker_get_source (WickMarketPicker *self)
{
  g_return_val_if_fail (WICK_IS_MARKET_PICKER (self), NULL);

  return self->source;
}

const char *
wick_market_picker_get_symbol (WickMarketPicker *self)
{
  g_return_val_if_fail (WICK_IS_MARKET_PICKER (self), NULL);

  return self->symbol;
}

const char *
wick_market_picker_get_interval (WickMarketPicker *self)
{
  g_return_val_if_fail (WICK_IS_MARKET_PICKER (self), NULL);

  return self->interval;
}

/**
 * wick_market_picker_set_market:
 * @source: the source's name: "sample", "csv", "binance", "binance-futures" or "okx"
 * @symbol: (nullable): the market's symbol; %NULL keeps the one shown
 * @interval: (nullable): the market's interval; %NULL keeps the one shown
 *
 * Shows the market on screen, without emitting ::market-chosen.
 */
void
wick_market_picker_set_market (WickMarketPicker *self,
                               const char       *source,
                               const char       *symbol,
                               const char       *interval)
{
  g_return_if_fail (WICK_IS_MARKET_PICKER (self));
  g_return_if_fail (source != NULL);

  if (set_field (self, PROP_SOURCE, source))
    update_interval_menu (self);
  if (symbol != NULL)
    set_field (self, PROP_SYMBOL, symbol);
  if (interval != NULL)
    set_field (self, PROP_INTERVAL, interval);

  update_buttons (self);
}

/**
 * wick_market_picker_popup:
 *
 * Opens the symbol search of an exchange, or the exchanges when the market shown is the
 * sample or a file.
 */
void
wick_market_picker_popup (WickMarketPicker *self)
{
  g_return_if_fail (WICK_IS_MARKET_PICKER (self));

  if (wick_market_picker_is_exchange (self->source))
    gtk_menu_button_popup (self->symbol_button);
  else
    gtk_menu_button_popup (self->exchange_button);
}
