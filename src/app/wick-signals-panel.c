/* wick-signals-panel.c: the side panel listing the reversal signals, newest first
 *
 * Each row shows an arrow for the direction, the kind's name and the strength, written out
 * and as a small level bar, then the price and the candle's time in UTC, each line cut short
 * with an ellipsis; the selected row opens to show the explanation as well. A drop-down keeps
 * one kind. Selecting a row, or activating it, emits WickSignalsPanel::signal-activated with
 * the signal's index in the analysis, which the window answers by centring the chart on it.
 *
 * GTK 4.8's list view makes and measures a row for up to 200 items at once. A wrapped
 * explanation in every row made that take a third of a second (Pango shaping each one at
 * several widths); rows of single lines, with the one explanation shown, take a tenth of
 * that. The rows are the analysis' own signals, of which only those on screen get an item
 * (wick-signal-rows.c), and a new analysis keeps the rows of the signals it finds again, so
 * a live market's refill every few seconds makes only the rows of new signals
 * (tests/bench/bench-signals-panel.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-signals-panel.h"

#include "wick-signal-item.h"
#include "wick-signal-rows.h"

struct _WickSignalsPanel
{
  AdwBin              parent_instance;

  /* Template children */
  GtkDropDown        *kind_dropdown;
  GtkStringList      *kind_list;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;

  WickSignalRows     *rows;         /* Owned: the analysis listed, through the filters */
  GtkSingleSelection *selection;    /* Owned */
  int                 kind_filter;  /* a WickSignalKind, or -1 for all */
  guint32             hidden_kinds; /* 1 << WickSignalKind: kinds never listed */
  int                 active_index; /* the signal last announced, -1 for none */
  gboolean            is_updating;  /* the rows are being replaced: selection changes are ours */
};

G_DEFINE_FINAL_TYPE (WickSignalsPanel, wick_signals_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SIGNALS,
  PROP_KIND_FILTER,
  N_PROPS
};

enum {
  SIGNAL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
wick_signals_panel_update_page (WickSignalsPanel *self)
{
  WickSignals *signals = wick_signal_rows_get_signals (self->rows);
  const char *description;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (signals == NULL)
    description = NULL;
  else if (wick_signals_get_n_signals (signals) == 0)
    description = _("The rules found no signal in these candles.");
  else if (self->kind_filter >= 0 && !(self->hidden_kinds & (1u << self->kind_filter)))
    description = _("None of the signals found is of this kind.");
  else
    description = _("The signals found are of kinds hidden in the preferences.");

  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
wick_signals_panel_emit_activated (WickSignalsPanel *self,
                                   WickSignalItem   *item)
{
  guint index = wick_signal_item_get_index (item);

  self->active_index = (int) index;
  g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0, index);
}

static void
on_selected_cb (WickSignalsPanel   *self,
                GParamSpec         *pspec,
                GtkSingleSelection *selection)
{
  WickSignalItem *item = gtk_single_selection_get_selected_item (selection);

  /* A new position of the same row, after filtering, is no new choice. */
  if (self->is_updating || item == NULL ||
      (int) wick_signal_item_get_index (item) == self->active_index)
    return;

  wick_signals_panel_emit_activated (self, item);
}

/* Enter or a double click: centre on the row again, even when it is already selected. */
static void
on_list_view_activate_cb (WickSignalsPanel *self,
                          guint             position,
                          GtkListView      *list_view)
{
  g_autoptr(WickSignalItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                          position);

  if (item != NULL)
    wick_signals_panel_emit_activated (self, item);
}

static void
on_kind_selected_cb (WickSignalsPanel *self,
                     GParamSpec       *pspec,
                     GtkDropDown      *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  /* The first entry is "All Kinds"; then the kinds in WickSignalKind order. */
  wick_signals_panel_set_kind_filter (self, position == 0 || position == GTK_INVALID_LIST_POSITION
                                              ? -1 : (int) position - 1);
}

static void
wick_signals_panel_dispose (GObject *object)
{
  WickSignalsPanel *self = (WickSignalsPanel *)object;

  g_clear_object (&self->selection);
  g_clear_object (&self->rows);

  gtk_widget_dispose_template (GTK_WIDGET (self), WICK_TYPE_SIGNALS_PANEL);

  G_OBJECT_CLASS (wick_signals_panel_parent_class)->dispose (object);
}

static void
wick_signals_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WickSignalsPanel *self = WICK_SIGNALS_PANEL (object);

  switch (prop_id)
    {
    case PROP_SIGNALS:
      g_value_set_boxed (value, wick_signals_panel_get_signals (self));
      break;

    case PROP_KIND_FILTER:
      g_value_set_int (value, wick_signals_panel_get_kind_filter (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_signals_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WickSignalsPanel *self = WICK_SIGNALS_PANEL (object);

  switch (prop_id)
    {
    case PROP_SIGNALS:
      wick_signals_panel_set_signals (self, g_value_get_boxed (value));
      break;

    case PROP_KIND_FILTER:
      wick_signals_panel_set_kind_filter (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_signals_panel_class_init (WickSignalsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wick_signals_panel_dispose;
  object_class->get_property = wick_signals_panel_get_property;
  object_class->set_property = wick_signals_panel_set_property;

  properties[PROP_SIGNALS] =
    g_param_spec_boxed ("signals", NULL, NULL,
                        WICK_TYPE_SIGNALS,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND_FILTER] =
    g_param_spec_int ("kind-filter", NULL, NULL,
                      -1, WICK_N_SIGNAL_KINDS - 1, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickSignalsPanel::signal-activated:
   * @index: the signal's index in the panel's analysis
   *
   * A row was selected or activated.
   */
  signals[SIGNAL_ACTIVATED] =
    g_signal_new ("signal-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /* The rows' template looks the item type up by name. */
  g_type_ensure (WICK_TYPE_SIGNAL_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/wick-signals-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WickSignalsPanel, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WickSignalsPanel, kind_list);
  gtk_widget_class_bind_template_child (widget_class, WickSignalsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, WickSignalsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, WickSignalsPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "wicksignalspanel");
}

static void
wick_signals_panel_init (WickSignalsPanel *self)
{
  self->kind_filter = -1;
  self->active_index = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
    gtk_string_list_append (self->kind_list, wick_signal_kind_get_label (kind));

  self->rows = wick_signal_rows_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rows, "items-changed",
                           G_CALLBACK (wick_signals_panel_update_page), self, G_CONNECT_SWAPPED);

  wick_signals_panel_update_page (self);
}

GtkWidget *
wick_signals_panel_new (void)
{
  return g_object_new (WICK_TYPE_SIGNALS_PANEL, NULL);
}

/**
 * wick_signals_panel_get_signals:
 *
 * Returns: (transfer none) (nullable): the analysis listed
 */
WickSignals *
wick_signals_panel_get_signals (WickSignalsPanel *self)
{
  g_return_val_if_fail (WICK_IS_SIGNALS_PANEL (self), NULL);

  return wick_signal_rows_get_signals (self->rows);
}

static gboolean
is_scrolled_to_top (WickSignalsPanel *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  return adjustment == NULL ||
         gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment);
}

/**
 * wick_signals_panel_set_signals:
 * @signals: (nullable): the analysis to list; a reference is taken
 *
 * Lists the signals of @signals, newest first, through the kind filter.
 *
 * A new analysis of the same market, as a live market brings every few seconds, mostly finds
 * the signals shown already: their rows stay as they are (the same #WickSignalItem, with the
 * index it has in @signals), and only the rows of signals found or lost come or go. The
 * selected row stays selected while its signal is found, and the list stays where it was
 * scrolled, or at the top, to show new signals there.
 */
void
wick_signals_panel_set_signals (WickSignalsPanel *self,
                                WickSignals      *signals)
{
  WickSignalItem *selected;
  gboolean is_at_top;

  g_return_if_fail (WICK_IS_SIGNALS_PANEL (self));

  if (wick_signal_rows_get_signals (self->rows) == signals)
    return;

  is_at_top = is_scrolled_to_top (self);
  self->is_updating = TRUE;
  wick_signal_rows_set_signals (self->rows, signals);
  selected = gtk_single_selection_get_selected_item (self->selection);
  self->active_index = selected != NULL ? (int) wick_signal_item_get_index (selected) : -1;
  self->is_updating = FALSE;

  if (is_at_top && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);

  wick_signals_panel_update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNALS]);
}

/**
 * wick_signals_panel_get_kind_filter:
 *
 * Returns: the one #WickSignalKind listed, or -1 when all are
 */
int
wick_signals_panel_get_kind_filter (WickSignalsPanel *self)
{
  g_return_val_if_fail (WICK_IS_SIGNALS_PANEL (self), -1);

  return self->kind_filter;
}

/* The kinds listed: the one kept by the drop-down, or all, but those hidden. */
static void
update_shown_kinds (WickSignalsPanel *self)
{
  guint32 kinds = self->kind_filter < 0 ? G_MAXUINT32 : 1u << self->kind_filter;

  wick_signal_rows_set_shown_kinds (self->rows, kinds & ~self->hidden_kinds);
  wick_signals_panel_update_page (self);
}

/**
 * wick_signals_panel_set_kind_filter:
 * @kind: a #WickSignalKind to list only signals of that kind, or -1 for all
 */
void
wick_signals_panel_set_kind_filter (WickSignalsPanel *self,
                                    int               kind)
{
  g_return_if_fail (WICK_IS_SIGNALS_PANEL (self));
  g_return_if_fail (kind >= -1 && kind < WICK_N_SIGNAL_KINDS);

  if (self->kind_filter == kind)
    return;

  self->kind_filter = kind;
  gtk_drop_down_set_selected (self->kind_dropdown, (guint) (kind + 1));
  update_shown_kinds (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_FILTER]);
}

/**
 * wick_signals_panel_get_hidden_kinds:
 *
 * Returns: 1 << #WickSignalKind for each kind never listed
 */
guint32
wick_signals_panel_get_hidden_kinds (WickSignalsPanel *self)
{
  g_return_val_if_fail (WICK_IS_SIGNALS_PANEL (self), 0);

  return self->hidden_kinds;
}

/**
 * wick_signals_panel_set_hidden_kinds:
 * @hidden_kinds: 1 << #WickSignalKind for each kind to leave out of the list whatever the
 *   kind filter, as the preferences hide them from the chart; 0 lists every kind
 */
void
wick_signals_panel_set_hidden_kinds (WickSignalsPanel *self,
                                     guint32           hidden_kinds)
{
  g_return_if_fail (WICK_IS_SIGNALS_PANEL (self));

  if (self->hidden_kinds == hidden_kinds)
    return;

  self->hidden_kinds = hidden_kinds;
  update_shown_kinds (self);
}

/**
 * wick_signals_panel_get_model:
 *
 * Returns: (transfer none): the rows shown, as #WickSignalItem, newest first
 */
GListModel *
wick_signals_panel_get_model (WickSignalsPanel *self)
{
  g_return_val_if_fail (WICK_IS_SIGNALS_PANEL (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/* The row of the first signal after (@direction > 0) or before @reference_ms, through the
 * kind filter, or GTK_INVALID_LIST_POSITION. Rows are newest first: later is upwards. */
static guint
find_row_around (WickSignalsPanel *self,
                 int               direction,
                 gint64            reference_ms)
{
  WickSignals *signals = wick_signal_rows_get_signals (self->rows);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      guint position = direction > 0 ? n - 1 - i : i;
      guint index = wick_signal_rows_get_index (self->rows, position);
      gint64 time_ms = wick_signals_get_signal (signals, index)->time_ms;

      if (direction > 0 ? time_ms > reference_ms : time_ms < reference_ms)
        return position;
    }

  return GTK_INVALID_LIST_POSITION;
}

/**
 * wick_signals_panel_select_adjacent:
 * @direction: 1 for the next signal in time, -1 for the one before
 * @reference_ms: where to look from when no row is selected, such as the time in the
 *   middle of the chart
 *
 * Selects the row next to the selected one in time, or with none selected the first
 * signal after (or before) @reference_ms, scrolls to it and emits
 * WickSignalsPanel::signal-activated as selecting it by hand does.
 *
 * Returns: %FALSE when there is no such signal; the selection stays
 */
gboolean
wick_signals_panel_select_adjacent (WickSignalsPanel *self,
                                    int               direction,
                                    gint64            reference_ms)
{
  g_autoptr(WickSignalItem) item = NULL;
  guint selected;
  guint n;
  guint target;

  g_return_val_if_fail (WICK_IS_SIGNALS_PANEL (self), FALSE);
  g_return_val_if_fail (direction == 1 || direction == -1, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  selected = gtk_single_selection_get_selected (self->selection);

  if (selected == GTK_INVALID_LIST_POSITION)
    target = find_row_around (self, direction, reference_ms);
  else if (direction > 0)
    target = selected > 0 ? selected - 1 : GTK_INVALID_LIST_POSITION;
  else
    target = selected + 1 < n ? selected + 1 : GTK_INVALID_LIST_POSITION;

  if (target == GTK_INVALID_LIST_POSITION)
    return FALSE;

  /* Announced once below, even for the row announced last (then unselected by hand). */
  self->is_updating = TRUE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), target, TRUE);
  self->is_updating = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", target);

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), target);
  wick_signals_panel_emit_activated (self, item);

  return TRUE;
}
