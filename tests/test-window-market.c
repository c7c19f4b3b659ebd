/* test-window-market.c: choosing an exchange market in the real window, against a fake
 * Binance and a fake OKX in this process: loading, the cached copy first, live updates, line
 * alerts and a symbol the exchange does not have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "test-exchange-server.h"
#include "test-okx-fake.h"
#include "test-window-utils.h"
#include "wick-application.h"
#include "wick-level-alerts.h"
#include "wick-live-status.h"
#include "wick-market-picker.h"
#include "wick-okx-source.h"
#include "wick-window.h"

typedef struct _Fixture Fixture;

struct _Fixture
{
  TestExchange     *exchange;       /* Owned */
  FakeOkx           okx;            /* Running when has_okx */
  gboolean          has_okx;
  WickWindow       *window;         /* Borrowed from the run, as are the two below */
  WickChart        *chart;
  WickMarketPicker *picker;
  void            (*checks) (Fixture *fixture);

  /* A stand-in for the desktop's notification server (org.gtk.Notifications) */
  GDBusConnection  *bus;            /* Owned, nullable: no session bus */
  guint             object_id;
  guint             name_id;
  gboolean          has_name;
  GPtrArray        *notifications;  /* Owned: "id\ttitle" of each notification sent */
};

/* ---- the notification server ---- */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
on_notifications_call_cb (GDBusConnection       *connection,
                          const char            *sender,
                          const char            *object_path,
                          const char            *interface_name,
                          const char            *method_name,
                          GVariant              *parameters,
                          GDBusMethodInvocation *invocation,
                          gpointer               user_data)
{
  Fixture *fixture = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) notification = NULL;
      const char *app_id, *id;
      const char *title = NULL;

      g_variant_get (parameters, "(&s&s@a{sv})", &app_id, &id, &notification);
      g_assert_cmpstr (app_id, ==, APP_ID);
      g_variant_lookup (notification, "title", "&s", &title);
      g_ptr_array_add (fixture->notifications, g_strdup_printf ("%s\t%s", id, title));
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable notifications_vtable = { on_notifications_call_cb };

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ((Fixture *) user_data)->has_name = TRUE;
}

/* GLib sends an application's notifications to org.gtk.Notifications when someone owns
 * that name on the session bus, as GNOME Shell does: here, the test. */
static void
notifications_start (Fixture *fixture)
{
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;

  fixture->notifications = g_ptr_array_new_with_free_func (g_free);
  fixture->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (fixture->bus == NULL)
    return;

  node = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  fixture->object_id = g_dbus_connection_register_object (fixture->bus, "/org/gtk/Notifications",
                                                          node->interfaces[0],
                                                          &notifications_vtable, fixture, NULL,
                                                          &error);
  g_assert_no_error (error);
  fixture->name_id = g_bus_own_name_on_connection (fixture->bus, "org.gtk.Notifications",
                                                   G_BUS_NAME_OWNER_FLAGS_NONE,
                                                   on_name_acquired_cb, NULL, fixture, NULL);
  TEST_WAIT_FOR (fixture->has_name);
}

static void
notifications_stop (Fixture *fixture)
{
  if (fixture->bus != NULL)
    {
      g_bus_unown_name (fixture->name_id);
      g_dbus_connection_unregister_object (fixture->bus, fixture->object_id);
    }
  g_clear_object (&fixture->bus);
  g_clear_pointer (&fixture->notifications, g_ptr_array_unref);
}

/* ---- helpers ---- */

/* Whether a label under @widget shows @text, as a toast's does. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  return test_find_label (widget, text, TRUE) != NULL;
}

static const char *
subtitle (Fixture *fixture)
{
  GtkWidget *title = test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_WINDOW_TITLE);

  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

static GtkWidget *
load_progress (Fixture *fixture)
{
  return test_find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_PROGRESS_BAR);
}

static WickLiveStatus *
live_status (Fixture *fixture)
{
  return WICK_LIVE_STATUS (test_find_descendant (GTK_WIDGET (fixture->window),
                                                 WICK_TYPE_LIVE_STATUS));
}

static WickMarket *
shown_market (Fixture *fixture)
{
  return wick_chart_get_market (fixture->chart);
}

static const WickCandle *
last_candle (Fixture *fixture)
{
  return wick_series_get_last (wick_market_get_series (shown_market (fixture)));
}

static gboolean
is_showing (Fixture    *fixture,
            const char *exchange)
{
  WickMarket *market = shown_market (fixture);

  return market != NULL && g_strcmp0 (wick_market_get_exchange (market), exchange) == 0;
}

/* What the picker's first button, the exchange's, shows. */
static const char *
exchange_label (Fixture *fixture)
{
  GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (fixture->picker));

  return gtk_menu_button_get_label (GTK_MENU_BUTTON (gtk_widget_get_first_child (box)));
}

static void
choose (Fixture    *fixture,
        const char *action,
        const char *value)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->picker), action, "s", value));
}

/* Binance BTCUSDT 1h, from a window on the sample, through the picker's actions. */
static void
choose_binance (Fixture *fixture)
{
  choose (fixture, "market.source", "binance");
  choose (fixture, "market.symbol", "BTCUSDT");
  choose (fixture, "market.interval", "1h");
  g_assert_true (wick_window_is_loading (fixture->window));
}

static void
assert_server_market (Fixture    *fixture,
                      WickMarket *market)
{
  WickSeries *series = wick_market_get_series (market);
  double open, high, low, close;

  test_exchange_candle (fixture->exchange, TEST_EXCHANGE_CANDLES - 1, &open, &high, &low, &close);
  g_assert_cmpstr (wick_market_get_exchange (market), ==, "Binance");
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_cmpstr (wick_market_get_interval (market), ==, "1h");
  g_assert_false (wick_market_get_is_synthetic (market));
  g_assert_cmpuint (wick_series_get_length (series), ==, TEST_EXCHANGE_CANDLES);
  g_assert_cmpint (wick_series_get_last (series)->open_time_ms, ==,
                   fixture->exchange->last_open_ms);
  g_assert_cmpfloat (wick_series_get_last (series)->close, ==, close);
}

/* The live stream sends a kline and the last candle takes it. */
static void
send_close (Fixture *fixture,
            double   close)
{
  SoupWebsocketConnection *socket = test_exchange_find_stream (fixture->exchange, "@kline_1h");

  g_assert_nonnull (socket);
  test_exchange_send_kline (fixture->exchange, socket, close);
  TEST_WAIT_FOR (last_candle (fixture)->close == close);
  g_assert_cmpint (last_candle (fixture)->open_time_ms, ==, fixture->exchange->last_open_ms);
  g_assert_cmpuint (wick_series_get_length (wick_market_get_series (shown_market (fixture))), ==,
                    TEST_EXCHANGE_CANDLES);
}

/* ---- the checks ---- */

static void
check_binance_live (Fixture *fixture)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  WickLevelStore *store;
  WickMarket *market;
  WickLiveFeed *feed;
  g_autofree char *last_source = NULL;
  g_autofree char *levels_path = NULL;
  g_autofree char *levels_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GDateTime) update = NULL;
  g_autofree char *update_text = NULL;
  double open, high, low, close;
  double line_price, up_close;
  guint n_renders;
  guint32 line_id;

  /* The sample has no live updates. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (live_status (fixture))));
  g_assert_null (wick_window_get_live_feed (fixture->window));

  /* Choosing loads in the background, and says so. */
  choose_binance (fixture);
  g_assert_cmpstr (subtitle (fixture), ==, "Loading BTCUSDT · 1h…");
  g_assert_true (gtk_widget_get_visible (load_progress (fixture)));
  g_assert_true (wick_market_get_is_synthetic (shown_market (fixture)));
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));

  /* The chart has the server's candles, the header says where from, and the next start
   * opens them again. */
  market = shown_market (fixture);
  assert_server_market (fixture, market);
  g_assert_cmpstr (subtitle (fixture), ==, "Binance");
  g_assert_false (gtk_widget_get_visible (load_progress (fixture)));
  g_assert_cmpstr (wick_market_picker_get_source (fixture->picker), ==, "binance");
  last_source = g_settings_get_string (settings, "last-source");
  g_assert_cmpstr (last_source, ==, "binance");

  /* Live: the feed connects, then a kline moves the last candle and the chart follows. */
  feed = wick_window_get_live_feed (fixture->window);
  g_assert_nonnull (feed);
  g_assert_true (wick_live_feed_get_market (feed) == market);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (live_status (fixture))));
  TEST_WAIT_FOR (wick_live_status_get_state (live_status (fixture)) == WICK_LIVE_STATE_CONNECTED &&
                 test_exchange_find_stream (fixture->exchange, "@kline_1h") != NULL);
  g_assert_cmpstr (wick_live_status_get_text (live_status (fixture)), ==, "Live");

  /* A line just above the last close, whose alert is on as every new line's is. */
  test_exchange_candle (fixture->exchange, TEST_EXCHANGE_CANDLES - 1, &open, &high, &low, &close);
  line_price = close + 50.0;
  up_close = close + 100.0;
  store = wick_chart_get_level_store (fixture->chart);
  g_assert_nonnull (store);
  line_id = wick_level_store_add (store, line_price, NULL, WICK_LEVEL_ORIGIN_USER, NULL);
  g_assert_cmpuint (line_id, >, 0);

  n_renders = wick_chart_get_n_renders (fixture->chart);
  send_close (fixture, up_close);
  gtk_widget_queue_draw (GTK_WIDGET (fixture->chart));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));
  g_assert_cmpuint (wick_chart_get_n_renders (fixture->chart), >, n_renders);

  TEST_WAIT_FOR (wick_live_feed_get_last_update (feed) > 0 &&
                 wick_live_status_get_last_update (live_status (fixture)) ==
                 wick_live_feed_get_last_update (feed));
  update = g_date_time_new_from_unix_utc (wick_live_feed_get_last_update (feed) / G_USEC_PER_SEC);
  update_text = g_date_time_format (update, "Live · %H:%M:%S");
  g_assert_cmpstr (wick_live_status_get_text (live_status (fixture)), ==, update_text);

  if (fixture->bus == NULL)
    {
      g_test_message ("No session bus: the notifications are not checked");
      return;
    }

  /* Crossing the line sends one notification, naming it and the price. */
  TEST_WAIT_FOR (fixture->notifications->len >= 1);
  g_assert_cmpuint (fixture->notifications->len, ==, 1);
  title = wick_level_alerts_describe ("BTCUSDT", wick_level_store_lookup (store, line_id),
                                      close, up_close);
  expected = g_strdup_printf ("line-crossed-Binance:BTCUSDT-%u\t%s", line_id, title);
  g_assert_cmpstr (g_ptr_array_index (fixture->notifications, 0), ==, expected);

  /* Its menu's check item turns the alert off, and the file keeps that. */
  g_signal_emit_by_name (wick_chart_get_interaction (fixture->chart), "context-menu", line_id,
                         100.0, 100.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "line.alert", NULL));
  g_assert_false (wick_level_store_lookup (store, line_id)->alert);
  levels_path = g_build_filename (g_get_user_data_dir (), "wick", "levels.json", NULL);
  g_assert_true (g_file_get_contents (levels_path, &levels_text, NULL, NULL));
  g_assert_nonnull (strstr (levels_text, "\"alert\": false"));

  /* Back down through the line in silence; on again, up through it: one more notification,
   * which is the second one the server gets. */
  send_close (fixture, close);
  g_assert_true (wick_level_store_set_alert (store, line_id, TRUE, NULL));
  send_close (fixture, up_close);
  TEST_WAIT_FOR (fixture->notifications->len >= 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->notifications, 1), ==, expected);
}

/* A symbol the exchange does not have: its message as a toast, and nothing else changes. */
static void
check_invalid_symbol (Fixture *fixture)
{
  WickMarket *market;
  WickLiveFeed *feed;

  choose_binance (fixture);
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));
  market = shown_market (fixture);
  feed = wick_window_get_live_feed (fixture->window);
  assert_server_market (fixture, market);
  g_assert_nonnull (feed);

  choose (fixture, "market.symbol", "NOSUCHCOIN");
  g_assert_true (wick_window_is_loading (fixture->window));
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));
  TEST_WAIT_FOR (shows_label (GTK_WIDGET (fixture->window), "Invalid symbol."));

  g_assert_true (shown_market (fixture) == market);
  g_assert_true (wick_window_get_live_feed (fixture->window) == feed);
  g_assert_cmpstr (wick_market_picker_get_symbol (fixture->picker), ==, "BTCUSDT");
  g_assert_cmpstr (subtitle (fixture), ==, "Binance");
  g_assert_false (gtk_widget_get_visible (load_progress (fixture)));
  assert_server_market (fixture, market);
}

/* With the market in the cache, the window shows it before the network answers. */
static void
check_cached_first (Fixture *fixture)
{
  WickMarket *cached;

  /* A first load fills the cache; the sample goes in between. */
  choose_binance (fixture);
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));
  assert_server_market (fixture, shown_market (fixture));
  choose (fixture, "market.source", "sample");
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));
  g_assert_true (wick_market_get_is_synthetic (shown_market (fixture)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (live_status (fixture))));

  /* The network holds its answer back: the cached copy is shown meanwhile. */
  fixture->exchange->hold_klines = TRUE;
  choose (fixture, "market.source", "binance");
  TEST_WAIT_FOR (is_showing (fixture, "Binance"));
  cached = shown_market (fixture);
  g_assert_true (wick_window_is_loading (fixture->window));
  g_assert_true (gtk_widget_get_visible (load_progress (fixture)));
  g_assert_cmpuint (wick_series_get_length (wick_market_get_series (cached)), ==,
                    TEST_EXCHANGE_CANDLES);

  /* Then the whole market replaces it. */
  TEST_WAIT_FOR (fixture->exchange->held->len > 0);
  test_exchange_release (fixture->exchange);
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));
  g_assert_true (shown_market (fixture) != cached);
  assert_server_market (fixture, shown_market (fixture));
  g_assert_cmpstr (subtitle (fixture), ==, "Binance");
}

/* USD-M perpetual futures: candles from /fapi/v1/klines, named as their own market, and
 * their klines streamed from the futures host. */
static void
check_binance_futures (Fixture *fixture)
{
  SoupWebsocketConnection *socket;
  WickMarket *market;
  g_autofree char *last_source = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  choose (fixture, "market.source", "binance-futures");
  g_assert_true (wick_window_is_loading (fixture->window));
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));

  market = shown_market (fixture);
  g_assert_cmpstr (wick_market_get_exchange (market), ==, "Binance Futures");
  g_assert_cmpuint (wick_series_get_length (wick_market_get_series (market)), ==,
                    TEST_EXCHANGE_CANDLES);
  g_assert_cmpuint (fixture->exchange->n_futures_klines, >, 0);
  g_assert_cmpuint (fixture->exchange->n_klines, ==, 0);
  g_assert_cmpstr (subtitle (fixture), ==, "Binance Futures");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "BTCUSDT · 1h");
  g_assert_cmpstr (wick_market_picker_get_source (fixture->picker), ==, "binance-futures");
  g_assert_cmpstr (exchange_label (fixture), ==, "Binance Futures");
  last_source = g_settings_get_string (settings, "last-source");
  g_assert_cmpstr (last_source, ==, "binance-futures");

  TEST_WAIT_FOR (wick_live_status_get_state (live_status (fixture)) == WICK_LIVE_STATE_CONNECTED &&
                 (socket = test_exchange_find_stream (fixture->exchange, "@kline_1h")) != NULL);
  g_assert_cmpstr (g_uri_get_path (soup_websocket_connection_get_uri (socket)), ==,
                   "/market/ws/btcusdt@kline_1h");
  send_close (fixture, 93456.5);
}

/* OKX from the picker: its candles arrive, the header names it, and its candle channel
 * keeps the last candle current. */
static void
check_okx (Fixture *fixture)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_source = NULL;
  WickMarket *market;
  WickSeries *series;
  WickCandle newest;
  double live_close;

  choose (fixture, "market.source", "okx");
  g_assert_true (wick_window_is_loading (fixture->window));
  g_assert_cmpstr (subtitle (fixture), ==, "Loading BTCUSDT · 1h…");
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));

  /* The fake's newest 1500 hours, exactly as it made them. */
  market = shown_market (fixture);
  series = wick_market_get_series (market);
  expected_candle (fixture->okx.newest_ms, &newest);
  g_assert_cmpstr (wick_market_get_exchange (market), ==, "OKX");
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_cmpstr (wick_market_get_interval (market), ==, "1h");
  g_assert_false (wick_market_get_is_synthetic (market));
  g_assert_cmpuint (wick_series_get_length (series), ==, WICK_OKX_DEFAULT_CANDLES);
  g_assert_cmpmem (wick_series_get_last (series), sizeof (WickCandle), &newest, sizeof newest);

  /* The header says OKX: the picker's exchange, the subtitle; the title names the market. */
  g_assert_cmpstr (exchange_label (fixture), ==, "OKX");
  g_assert_cmpstr (wick_market_picker_get_source (fixture->picker), ==, "okx");
  g_assert_cmpstr (subtitle (fixture), ==, "OKX");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "BTCUSDT · 1h");
  last_source = g_settings_get_string (settings, "last-source");
  g_assert_cmpstr (last_source, ==, "okx");

  /* Live: both channels subscribed, then a pushed candle moves the last one. */
  TEST_WAIT_FOR (wick_live_status_get_state (live_status (fixture)) == WICK_LIVE_STATE_CONNECTED &&
                 fake_count_subscriptions (&fixture->okx, "\"candle1H\"") > 0 &&
                 fake_count_subscriptions (&fixture->okx, "\"liquidation-orders\"") > 0);
  g_assert_cmpuint (fake_count_subscriptions (&fixture->okx, "\"instId\":\"BTC-USDT\""), >, 0);
  live_close = newest.close + 123.5;
  fake_send_candle (&fixture->okx, "BTC-USDT", live_close);
  TEST_WAIT_FOR (last_candle (fixture)->close == live_close);
  g_assert_cmpint (last_candle (fixture)->open_time_ms, ==, fixture->okx.newest_ms);
  g_assert_cmpuint (wick_series_get_length (wick_market_get_series (shown_market (fixture))), ==,
                    WICK_OKX_DEFAULT_CANDLES);
  TEST_WAIT_FOR (wick_live_status_get_last_update (live_status (fixture)) > 0);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (live_status (fixture))),
                            "OKX"));
}

static void
on_subtitle_cb (AdwWindowTitle *title,
                GParamSpec     *pspec,
                GPtrArray      *seen)
{
  g_ptr_array_add (seen, g_strdup (adw_window_title_get_subtitle (title)));
}

static gboolean
has_prefix (GPtrArray  *texts,
            const char *prefix)
{
  for (guint i = 0; i < texts->len; i++)
    {
      if (g_str_has_prefix (g_ptr_array_index (texts, i), prefix))
        return TRUE;
    }

  return FALSE;
}

/* The pages fetched, and what the exchange makes the load wait for, are in the subtitle
 * while it runs. */
static void
check_progress_and_status (Fixture *fixture)
{
  GtkWidget *title = test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_WINDOW_TITLE);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  gulong handler;

  handler = g_signal_connect (title, "notify::subtitle", G_CALLBACK (on_subtitle_cb), seen);
  fixture->exchange->n_rate_limits = 1;
  choose_binance (fixture);
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));
  g_signal_handler_disconnect (title, handler);

  assert_server_market (fixture, shown_market (fixture));
  g_assert_cmpuint (fixture->exchange->n_rate_limits, ==, 0);
  for (guint i = 0; i < seen->len; i++)
    g_test_message ("subtitle: %s", (char *) g_ptr_array_index (seen, i));
  g_assert_true (has_prefix (seen, "Loading BTCUSDT · 1h…"));
  g_assert_true (has_prefix (seen, "Binance asks to wait"));
  g_assert_true (has_prefix (seen, "Loading 1 of "));
  g_assert_cmpstr (g_ptr_array_index (seen, seen->len - 1), ==, "Binance");
}

/* ---- the widgets on their own ---- */

typedef struct
{
  guint  n_chosen;
  char  *chosen;  /* "source symbol interval" of the last ::market-chosen */
} Chosen;

static void
on_market_chosen_cb (WickMarketPicker *picker,
                     const char       *source,
                     const char       *symbol,
                     const char       *interval,
                     Chosen           *chosen)
{
  chosen->n_chosen++;
  g_free (chosen->chosen);
  chosen->chosen = g_strdup_printf ("%s %s %s", source, symbol, interval);
}

/* The picker's menu buttons, in order: exchange, symbol, interval. */
static GtkMenuButton *
picker_button (GtkWidget *picker,
               guint      index)
{
  GtkWidget *box = gtk_widget_get_first_child (picker);
  GtkWidget *child = gtk_widget_get_first_child (box);

  for (guint i = 0; i < index; i++)
    child = gtk_widget_get_next_sibling (child);

  return GTK_MENU_BUTTON (child);
}

/* The label under the symbol entry that says what is wrong with it. */
static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static GtkLabel *
find_error_label (GtkWidget *widget)
{
  return GTK_LABEL (test_find_widget (widget, is_error_label, NULL));
}

static void
type_symbol (GtkWidget  *picker,
             const char *text)
{
  GtkWidget *entry = test_find_descendant (picker, GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
test_picker (void)
{
  GtkWidget *picker = g_object_ref_sink (wick_market_picker_new ());
  WickMarketPicker *self = WICK_MARKET_PICKER (picker);
  GtkMenuButton *interval_button = picker_button (picker, 2);
  GtkLabel *error_label = find_error_label (picker);
  Chosen chosen = { 0 };
  char *normalized;

  g_signal_connect (picker, "market-chosen", G_CALLBACK (on_market_chosen_cb), &chosen);

  /* The sample has one market: only the exchange can change. */
  g_assert_cmpstr (wick_market_picker_get_source (self), ==, "sample");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (picker_button (picker, 1))));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (interval_button)));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (interval_button)),
                   ==, 0);

  /* Showing a market asks for nothing. */
  wick_market_picker_set_market (self, "binance", "ETHUSDT", "4h");
  g_assert_cmpuint (chosen.n_chosen, ==, 0);
  g_assert_cmpstr (gtk_menu_button_get_label (picker_button (picker, 1)), ==, "ETHUSDT");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (interval_button)));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (interval_button)),
                   ==, 8);

  /* Each choice asks for the whole market, once; the same choice again asks nothing. */
  g_assert_true (gtk_widget_activate_action (picker, "market.interval", "s", "1d"));
  g_assert_cmpuint (chosen.n_chosen, ==, 1);
  g_assert_cmpstr (chosen.chosen, ==, "binance ETHUSDT 1d");
  g_assert_true (gtk_widget_activate_action (picker, "market.interval", "s", "1d"));
  g_assert_cmpuint (chosen.n_chosen, ==, 1);
  g_assert_true (gtk_widget_activate_action (picker, "market.source", "s", "okx"));
  g_assert_cmpstr (chosen.chosen, ==, "okx ETHUSDT 1d");

  /* Enter takes the top pair of the list, or any symbol that is none of them. */
  type_symbol (picker, " sol ");
  g_assert_cmpstr (chosen.chosen, ==, "okx SOLUSDT 1d");
  type_symbol (picker, "pepe/usdc");
  g_assert_cmpstr (chosen.chosen, ==, "okx PEPEUSDC 1d");
  g_assert_cmpuint (chosen.n_chosen, ==, 4);

  /* What no exchange could have, or this one cannot, is refused in place, with the reason
   * under the entry until the next key. */
  g_assert_nonnull (error_label);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  type_symbol (picker, "btc$");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_label (error_label), ==,
                   "Type a symbol of letters and digits, such as BTCUSDT");
  g_assert_true (gtk_widget_has_css_class (test_find_descendant (picker, GTK_TYPE_SEARCH_ENTRY),
                                           "error"));
  wick_market_picker_set_market (self, "binance", "BTCUSDT", "1h");
  type_symbol (picker, "xy");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "“XY”"));
  g_assert_cmpuint (chosen.n_chosen, ==, 4);
  g_assert_cmpstr (wick_market_picker_get_symbol (self), ==, "BTCUSDT");
  gtk_editable_set_text (GTK_EDITABLE (test_find_descendant (picker, GTK_TYPE_SEARCH_ENTRY)), "x");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  normalized = wick_market_picker_normalize_symbol (" btc/usdt ");
  g_assert_cmpstr (normalized, ==, "BTCUSDT");
  g_free (normalized);
  normalized = wick_market_picker_normalize_symbol ("btc-usdt");
  g_assert_cmpstr (normalized, ==, "BTC-USDT");
  g_free (normalized);
  g_assert_null (wick_market_picker_normalize_symbol (""));
  g_assert_null (wick_market_picker_normalize_symbol ("BTC USDT!"));
  g_assert_null (wick_market_picker_normalize_symbol ("ABCDEFGHIJKLMNOPQRSTUVWXYZ12345"));

  g_free (chosen.chosen);
  g_assert_finalize_object (picker);
}

/* Binance Futures is an exchange of its own in the picker, with Binance's intervals and
 * its perpetuals' symbols. */
static void
test_picker_futures (void)
{
  GtkWidget *picker = g_object_ref_sink (wick_market_picker_new ());
  GtkMenuButton *interval_button = picker_button (picker, 2);
  GtkLabel *error_label = find_error_label (picker);
  Chosen chosen = { 0 };

  g_signal_connect (picker, "market-chosen", G_CALLBACK (on_market_chosen_cb), &chosen);
  g_assert_true (wick_market_picker_is_exchange ("binance-futures"));

  g_assert_true (gtk_widget_activate_action (picker, "market.source", "s", "binance-futures"));
  g_assert_cmpstr (chosen.chosen, ==, "binance-futures BTCUSDT 1h");
  g_assert_cmpstr (gtk_menu_button_get_label (picker_button (picker, 0)), ==, "Binance Futures");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (interval_button)));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (interval_button)),
                   ==, 8);

  type_symbol (picker, "btc-usdt");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "Binance Futures perpetual"));
  g_assert_cmpuint (chosen.n_chosen, ==, 1);
  type_symbol (picker, "eth");
  g_assert_cmpstr (chosen.chosen, ==, "binance-futures ETHUSDT 1h");

  g_free (chosen.chosen);
  g_assert_finalize_object (picker);
}

static void
test_live_status (void)
{
  WickLiveStatus *status = WICK_LIVE_STATUS (g_object_ref_sink (wick_live_status_new ()));
  /* 2026-01-05 14:02:11 UTC */
  const gint64 update = G_GINT64_CONSTANT (1767621731) * G_USEC_PER_SEC + 250000;

  wick_live_status_set_exchange (status, "Binance");
  g_assert_cmpstr (wick_live_status_get_text (status), ==, "Offline");
  wick_live_status_set_state (status, WICK_LIVE_STATE_CONNECTING);
  g_assert_cmpstr (wick_live_status_get_text (status), ==, "Connecting…");
  wick_live_status_set_state (status, WICK_LIVE_STATE_CONNECTED);
  g_assert_cmpstr (wick_live_status_get_text (status), ==, "Live");

  wick_live_status_set_last_update (status, update);
  g_assert_cmpstr (wick_live_status_get_text (status), ==, "Live · 14:02:11");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (status)), ==,
                   "Live updates from Binance. Last update at 14:02:11 UTC.");

  /* In local time (two hours east here, see main ()) when the chart shows local times. */
  wick_live_status_set_local_time (status, TRUE);
  g_assert_cmpstr (wick_live_status_get_text (status), ==, "Live · 16:02:11");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (status)), ==,
                   "Live updates from Binance. Last update at 16:02:11 local time.");

  wick_live_status_set_state (status, WICK_LIVE_STATE_RECONNECTING);
  g_assert_cmpstr (wick_live_status_get_text (status), ==, "Reconnecting…");
  wick_live_status_set_state (status, WICK_LIVE_STATE_OFFLINE);
  g_assert_cmpstr (wick_live_status_get_text (status), ==, "Offline");

  g_assert_finalize_object (status);
}

/* Where the exchanges are: the defaults, then the `endpoints` setting, then the environment,
 * which wins. A bad address in the setting is skipped. */
static void
test_endpoints (void)
{
  static const char * const variables[] = {
    "WICK_BINANCE_URL", "WICK_BINANCE_FUTURES_URL", "WICK_BINANCE_WS_URL",
    "WICK_BINANCE_FUTURES_WS_URL", "WICK_OKX_URL", "WICK_OKX_WS_URL",
  };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(WickApplication) application = NULL;
  const WickEndpoints *endpoints;

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    g_unsetenv (variables[i]);
  g_settings_set_value (settings, "endpoints",
                        g_variant_new_parsed ("{'binance': 'http://127.0.0.1:9/', "
                                              "'okx-ws': 'ftp://127.0.0.1:9'}"));
  g_setenv ("WICK_OKX_URL", "http://127.0.0.1:10", TRUE);

  application = wick_application_new ();
  endpoints = wick_application_get_endpoints (application);
  g_assert_cmpstr (endpoints->binance, ==, "http://127.0.0.1:9");
  g_assert_cmpstr (endpoints->binance_ws, ==, "wss://stream.binance.com:9443");
  g_assert_cmpstr (endpoints->okx, ==, "http://127.0.0.1:10");
  g_assert_cmpstr (endpoints->okx_ws, ==, "wss://ws.okx.com:8443");
  g_assert_true (wick_application_get_endpoints (application) == endpoints);

  /* The environment wins over a setting made later too, and the sources made from then on
   * use the new addresses. */
  g_settings_set_value (settings, "endpoints",
                        g_variant_new_parsed ("{'okx': 'http://127.0.0.1:11', "
                                              "'binance-ws': 'ws://127.0.0.1:12'}"));
  TEST_WAIT_FOR (g_strcmp0 (wick_application_get_endpoints (application)->binance_ws,
                            "ws://127.0.0.1:12") == 0);
  endpoints = wick_application_get_endpoints (application);
  g_assert_cmpstr (endpoints->binance, ==, "https://api.binance.com");
  g_assert_cmpstr (endpoints->okx, ==, "http://127.0.0.1:10");

  g_assert_true (SOUP_IS_SESSION (wick_application_get_session (application)));
  g_assert_true (wick_application_get_session (application) ==
                 wick_application_get_session (application));
  g_assert_true (WICK_IS_CANDLE_CACHE (wick_application_get_candle_cache (application)));

  g_settings_reset (settings, "endpoints");
  g_unsetenv ("WICK_OKX_URL");
}

/* ---- running the application ---- */

/* Hands the window, its chart and its picker to @checks, which take this test's fixture. */
static void
run_checks (TestWindowFixture *run)
{
  Fixture *fixture = run->data;

  fixture->window = run->window;
  fixture->chart = run->chart;
  fixture->picker = WICK_MARKET_PICKER (test_find_descendant (GTK_WIDGET (run->window),
                                                              WICK_TYPE_MARKET_PICKER));
  g_assert_nonnull (fixture->picker);
  fixture->checks (fixture);
}

/* Runs the real application on the sample, its exchanges at a fake Binance (OKX at a fake
 * OKX when @with_okx), until @checks have run. */
static void
run_application (void   (*checks) (Fixture *fixture),
                 gboolean with_okx)
{
  Fixture fixture = { 0 };

  /* No lines and no cached candles from the case before. */
  test_remove_tree (g_get_user_data_dir ());
  test_remove_tree (g_get_user_cache_dir ());

  fixture.exchange = test_exchange_new ();
  test_exchange_set_environment (fixture.exchange);
  if (with_okx)
    {
      g_autofree char *ws_url = NULL;

      fake_start (&fixture.okx);
      fixture.has_okx = TRUE;
      ws_url = g_strconcat ("ws", fixture.okx.base_url + strlen ("http"), NULL);
      g_setenv ("WICK_OKX_URL", fixture.okx.base_url, TRUE);
      g_setenv ("WICK_OKX_WS_URL", ws_url, TRUE);
    }
  notifications_start (&fixture);

  fixture.checks = checks;
  test_window_run ("sample", TEST_WINDOW_WAIT_MARKET, run_checks, &fixture);

  notifications_stop (&fixture);
  test_exchange_free (fixture.exchange);
  if (fixture.has_okx)
    fake_stop (&fixture.okx);
}

static void
test_binance_live (void)
{
  run_application (check_binance_live, FALSE);
}

static void
test_invalid_symbol (void)
{
  run_application (check_invalid_symbol, FALSE);
}

static void
test_cached_first (void)
{
  run_application (check_cached_first, FALSE);
}

static void
test_progress_and_status (void)
{
  run_application (check_progress_and_status, FALSE);
}

static void
test_binance_futures (void)
{
  run_application (check_binance_futures, FALSE);
}

static void
test_okx (void)
{
  run_application (check_okx, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  /* The lines and the candle cache live in folders of this run, emptied before each case
   * (see run_application ()). */
  g_autofree char *root = test_isolate_user_dirs ("wick-window-market");
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *cache = g_build_filename (root, "cache", NULL);
  int status;

  /* Local time is two hours east of UTC, whatever the machine's. */
  g_setenv ("TZ", "WICK-2", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_cmpstr (g_get_user_data_dir (), ==, data);
  g_assert_cmpstr (g_get_user_cache_dir (), ==, cache);
  /* The templates are in the application's resources. */
  g_type_class_unref (g_type_class_ref (WICK_TYPE_APPLICATION));

  g_test_add_func ("/wick/window-market/picker", test_picker);
  g_test_add_func ("/wick/window-market/picker-futures", test_picker_futures);
  g_test_add_func ("/wick/window-market/live-status", test_live_status);
  g_test_add_func ("/wick/window-market/endpoints", test_endpoints);
  g_test_add_func ("/wick/window-market/binance-live", test_binance_live);
  g_test_add_func ("/wick/window-market/invalid-symbol", test_invalid_symbol);
  g_test_add_func ("/wick/window-market/cached-first", test_cached_first);
  g_test_add_func ("/wick/window-market/progress-and-status", test_progress_and_status);
  g_test_add_func ("/wick/window-market/binance-futures", test_binance_futures);
  g_test_add_func ("/wick/window-market/okx", test_okx);

  status = g_test_run ();
  test_remove_tree (root);

  return status;
}
