/* wick-window-market.c: choosing the market, and showing a load while it runs
 *
 * The header bar's picker asks for a market; it is loaded with wick_window_load_source(),
 * which cancels the load before it. While an exchange loads, a thin bar over the chart and
 * the window's subtitle follow its pages (“Loading 3 of 7 pages…”) or say what it waits for
 * (a rate limit, a retry); the chart stays usable and shows the market before, then the
 * cached copy of the new one as soon as the source has it, then the whole market.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-cli.h"
#include "wick-window-private.h"

static gboolean
wick_window_is_loading_exchange (WickWindow *self)
{
  WickSource *source = g_signal_group_dup_target (self->source_signals);
  gboolean is_exchange;

  if (source == NULL)
    return FALSE;

  is_exchange = wick_market_picker_is_exchange (wick_source_get_name (source));
  g_object_unref (source);

  return is_exchange;
}

/**
 * _wick_window_market_update_title:
 *
 * The title names the market shown; the subtitle says where it comes from, or how the load
 * of the next one goes.
 */
void
_wick_window_market_update_title (WickWindow *self)
{
  WickMarket *market = wick_chart_get_market (self->chart);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (market != NULL)
    {
      /* Translators: the window title: symbol and candle interval, as in “BTCUSDT · 1h” */
      title = g_strdup_printf (_("%s · %s"),
                               wick_market_get_symbol (market),
                               wick_market_get_interval (market));
    }

  if (wick_window_is_loading_exchange (self))
    {
      if (self->load_status != NULL)
        subtitle = g_strdup (self->load_status);
      else if (self->pages_expected > 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Loading %u of %u page…",
                                                 "Loading %u of %u pages…",
                                                 self->pages_expected),
                                    self->pages_done, self->pages_expected);
      else
        /* Translators: %s is the market, as in “Loading ETHUSDT · 4h…” */
        subtitle = g_strdup_printf (_("Loading %s…"), self->loading_title);
    }
  else if (market != NULL)
    {
      subtitle = g_strdup (wick_market_get_source_label (market));
    }

  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Wick"));
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Wick"));
}

static void
on_source_progress_cb (WickWindow *self,
                       guint       pages_done,
                       guint       pages_expected,
                       WickSource *source)
{
  self->pages_done = pages_done;
  self->pages_expected = pages_expected;
  gtk_progress_bar_set_fraction (self->load_progress,
                                 pages_expected > 0 ? (double) pages_done / pages_expected : 0);
  _wick_window_market_update_title (self);
}

static void
on_source_status_cb (WickWindow *self,
                     const char *message,
                     WickSource *source)
{
  g_free (self->load_status);
  self->load_status = g_strdup (message);
  _wick_window_market_update_title (self);
}

/* The cache has the market: show it now, the network's answer follows. */
static void
on_source_cached_cb (WickWindow *self,
                     WickMarket *market,
                     WickSource *source)
{
  gtk_widget_set_visible (GTK_WIDGET (self->load_spinner), FALSE);
  _wick_window_show_market (self, source, market);
}

/**
 * _wick_window_market_load_started:
 *
 * Follows @source's progress, status and cached copy until the load ends.
 */
void
_wick_window_market_load_started (WickWindow *self,
                                  WickSource *source,
                                  const char *symbol,
                                  const char *interval)
{
  self->pages_done = self->pages_expected = 0;
  g_clear_pointer (&self->load_status, g_free);
  g_signal_group_set_target (self->source_signals, source);

  /* The picker shows what is coming (keeping its symbol and interval for a source's
   * defaults); a load that fails puts it back. */
  wick_market_picker_set_market (self->market_picker, wick_source_get_name (source),
                                 symbol, interval);
  g_free (self->loading_title);
  /* Translators: the market being loaded: symbol and candle interval, as in “ETHUSDT · 4h” */
  self->loading_title = g_strdup_printf (_("%s · %s"),
                                         wick_market_picker_get_symbol (self->market_picker),
                                         wick_market_picker_get_interval (self->market_picker));
  gtk_progress_bar_set_fraction (self->load_progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->load_progress),
                          wick_window_is_loading_exchange (self));
  gtk_widget_set_visible (GTK_WIDGET (self->load_spinner),
                          wick_chart_get_market (self->chart) == NULL);
  _wick_window_market_update_title (self);
}

/**
 * _wick_window_market_load_finished:
 * @market: (nullable): the market loaded, %NULL when the load failed
 *
 * A status the source still stands by at the end (a part it could not fetch, cached candles
 * shown instead of the network's) becomes a toast, so it outlives the subtitle. A failed
 * load's own error says more.
 */
void
_wick_window_market_load_finished (WickWindow *self,
                                   WickMarket *market)
{
  if (market != NULL && self->load_status != NULL)
    wick_window_show_toast (self, self->load_status);

  g_signal_group_set_target (self->source_signals, NULL);
  g_clear_pointer (&self->load_status, g_free);
  _wick_window_state_forget_view (self);
  gtk_widget_set_visible (GTK_WIDGET (self->load_progress), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->load_spinner), FALSE);
  _wick_window_market_update_title (self);
}

/**
 * _wick_window_market_sync_picker:
 *
 * Puts the picker back on the market shown, after a choice that did not load.
 */
void
_wick_window_market_sync_picker (WickWindow *self)
{
  WickMarket *market = wick_chart_get_market (self->chart);

  if (market != NULL && self->shown_source != NULL)
    wick_market_picker_set_market (self->market_picker, wick_source_get_name (self->shown_source),
                                   wick_market_get_symbol (market),
                                   wick_market_get_interval (market));
}

static void
on_market_chosen_cb (WickWindow       *self,
                     const char       *source_name,
                     const char       *symbol,
                     const char       *interval,
                     WickMarketPicker *picker)
{
  g_autoptr(WickSource) source = NULL;
  g_autoptr(GError) error = NULL;

  source = wick_cli_create_source (source_name, NULL, NULL, &error);
  if (source == NULL)
    {
      wick_window_show_toast (self, error->message);
      _wick_window_market_sync_picker (self);
      return;
    }

  /* The sample holds one market: it picks its own symbol and interval. */
  if (!wick_market_picker_is_exchange (source_name))
    symbol = interval = NULL;

  wick_window_load_source (self, source, source_name, symbol, interval);
}

static void
wick_window_choose_market (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  wick_market_picker_popup (WICK_WINDOW (widget)->market_picker);
}

/* ---- hooks ---- */

void
_wick_window_market_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (WICK_TYPE_MARKET_PICKER);

  gtk_widget_class_bind_template_child (widget_class, WickWindow, market_picker);
  gtk_widget_class_bind_template_child (widget_class, WickWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, WickWindow, load_spinner);
  gtk_widget_class_install_action (widget_class, "win.choose-market", NULL,
                                   wick_window_choose_market);
}

void
_wick_window_market_init (WickWindow *self)
{
  self->source_signals = g_signal_group_new (WICK_TYPE_SOURCE);
  g_signal_group_connect_object (self->source_signals, "progress",
                                 G_CALLBACK (on_source_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->source_signals, "status",
                                 G_CALLBACK (on_source_status_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->source_signals, "cached",
                                 G_CALLBACK (on_source_cached_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->market_picker, "market-chosen",
                           G_CALLBACK (on_market_chosen_cb), self, G_CONNECT_SWAPPED);
}

void
_wick_window_market_dispose (WickWindow *self)
{
  if (self->source_signals != NULL)
    g_signal_group_set_target (self->source_signals, NULL);
  g_clear_object (&self->source_signals);
  g_clear_pointer (&self->load_status, g_free);
  g_clear_pointer (&self->loading_title, g_free);
}
