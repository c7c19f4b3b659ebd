/* wick-window-levels.c: the window's price lines: loading, saving, undo, the line menu
 *
 * The chart's state machine edits the store; this file keeps the store on disk after every
 * change, turns failures into toasts, and answers the line's context menu (lock, label,
 * colour, the crossing alert, delete) and Enter on a selected line (its label).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wick-format.h"
#include "wick-levels-file.h"
#include "wick-window-private.h"

/* Colours a user can pin to a line, as 0xRRGGBBAA; "auto" follows support and resistance. */
static const struct {
  const char *name;
  const char *target;
} line_colors[] = {
  { N_("Automatic"), "auto" },
  { N_("Green"), "#26a69aff" },
  { N_("Red"), "#ef5350ff" },
  { N_("Blue"), "#2962ffff" },
  { N_("Orange"), "#ff9800ff" },
  { N_("Purple"), "#9c27b0ff" },
};

static void
wick_window_levels_update_actions (WickWindow *self)
{
  WickLevelStore *store = self->level_store;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-line", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 store != NULL && wick_level_store_can_undo (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 store != NULL && wick_level_store_can_redo (store));
}

static void
wick_window_levels_save (WickWindow *self)
{
  g_autofree char *moved_aside = NULL;
  g_autoptr(GError) error = NULL;

  if (self->levels_path == NULL)
    return;

  if (!wick_levels_file_save (self->levels_path, self->levels_key, self->level_store,
                              &moved_aside, &error))
    {
      g_printerr ("wick: %s\n", error->message);
      wick_window_show_toast (self, error->message);
      return;
    }

  if (moved_aside != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a file path */
      message = g_strdup_printf (_("The lines file could not be read; it was kept as %s"),
                                 moved_aside);
      wick_window_show_toast (self, message);
    }
}

static void
on_store_changed_cb (WickWindow     *self,
                     WickLevelStore *store)
{
  wick_window_levels_save (self);
  wick_window_levels_update_actions (self);
}

static void
on_store_history_cb (WickWindow     *self,
                     GParamSpec     *pspec,
                     WickLevelStore *store)
{
  wick_window_levels_update_actions (self);
}

static void
wick_window_levels_set_store (WickWindow     *self,
                              WickLevelStore *store)
{
  if (self->level_store != NULL)
    g_signal_handlers_disconnect_by_data (self->level_store, self);
  g_set_object (&self->level_store, store);

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::can-undo", G_CALLBACK (on_store_history_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::can-redo", G_CALLBACK (on_store_history_cb), self,
                               G_CONNECT_SWAPPED);
    }

  wick_chart_set_level_store (self->chart, store);
  wick_window_levels_update_actions (self);
}

/**
 * _wick_window_levels_copy_selected:
 *
 * Puts the selected line's price on the clipboard as text an order form takes ("92000.50"),
 * with a toast.
 *
 * Returns: %TRUE if a line was selected
 */
gboolean
_wick_window_levels_copy_selected (WickWindow *self)
{
  guint32 id = wick_interaction_get_selected_id (wick_chart_get_interaction (self->chart));
  const WickLevel *level;
  g_autofree char *price = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  if (id == 0 || self->level_store == NULL ||
      (level = wick_level_store_lookup (self->level_store, id)) == NULL)
    return FALSE;

  price = wick_format_level_plain (level->price);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), price);

  shown = wick_format_level (level->price);
  /* Translators: a toast, %s is a price such as 92,000.50 */
  message = g_strdup_printf (_("Copied the line’s price, %s"), shown);
  wick_window_show_toast (self, message);

  return TRUE;
}

/**
 * _wick_window_levels_load:
 *
 * Reads the lines of @market from the levels file. When the file is damaged it has been
 * moved aside and the user is told; when a newer Wick wrote it, the lines work but are not
 * saved, so that file is never overwritten.
 */
void
_wick_window_levels_load (WickWindow *self,
                          WickMarket *market)
{
  g_autoptr(WickLevelStore) store = wick_level_store_new ();
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->levels_key, g_free);
  g_clear_pointer (&self->levels_path, g_free);
  self->levels_key = wick_levels_file_market_key (wick_market_get_exchange (market),
                                                  wick_market_get_symbol (market));
  self->levels_path = wick_levels_file_default_path ();

  if (!wick_levels_file_load (self->levels_path, self->levels_key, store, &error))
    {
      g_printerr ("wick: %s\n", error->message);
      wick_window_show_toast (self, error->message);
      if (g_error_matches (error, WICK_LEVELS_FILE_ERROR, WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA))
        g_clear_pointer (&self->levels_path, g_free);
    }

  /* Filling the store before it is connected keeps the file from being written back. */
  wick_window_levels_set_store (self, store);
}

static void
on_edit_failed_cb (WickWindow      *self,
                   const GError    *error,
                   WickInteraction *interaction)
{
  wick_window_show_toast (self, error->message);
}

static GMenuModel *
wick_window_levels_build_menu (const WickLevel *level)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) colors = g_menu_new ();
  g_autoptr(GMenu) alert = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  g_menu_append (edit, level->locked ? _("_Unlock") : _("_Lock"), "line.toggle-lock");
  g_menu_append (edit, _("_Edit Label…"), "line.edit-label");

  for (guint i = 0; i < G_N_ELEMENTS (line_colors); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(line_colors[i].name), NULL);

      g_menu_item_set_action_and_target (item, "line.color", "s", line_colors[i].target);
      g_menu_append_item (colors, item);
    }
  g_menu_append_submenu (edit, _("_Colour"), G_MENU_MODEL (colors));

  /* A check item: line.alert holds the line's alert as its state. */
  g_menu_append (alert, _("_Alert When Crossed"), "line.alert");

  g_menu_append (remove, _("_Delete"), "line.delete");

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (alert));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
on_context_menu_cb (WickWindow      *self,
                    guint            id,
                    double           x,
                    double           y,
                    WickInteraction *interaction)
{
  g_autoptr(GMenuModel) menu = NULL;
  const WickLevel *level;

  if (id == 0 || self->level_store == NULL ||
      !(level = wick_level_store_lookup (self->level_store, id)))
    return;

  self->menu_line_id = id;
  g_object_notify (G_OBJECT (self), "line-alert");
  menu = wick_window_levels_build_menu (level);
  wick_chart_popup_menu (self->chart, menu, x, y);
}

/* Runs one edit on the line whose menu is open; a refusal becomes a toast. */
static void
report (WickWindow *self,
        gboolean    done,
        GError     *error)
{
  if (!done && error != NULL)
    wick_window_show_toast (self, error->message);
  g_clear_error (&error);
}

static void
line_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  GError *error = NULL;

  if (self->level_store != NULL)
    report (self, wick_level_store_remove (self->level_store, self->menu_line_id, &error), error);
}

static void
line_toggle_lock_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  const WickLevel *level;
  GError *error = NULL;

  if (self->level_store == NULL ||
      !(level = wick_level_store_lookup (self->level_store, self->menu_line_id)))
    return;

  report (self, wick_level_store_set_locked (self->level_store, level->id, !level->locked,
                                             &error), error);
}

/**
 * _wick_window_levels_get_menu_alert:
 *
 * Returns: whether the line whose menu is open alerts when the live price crosses it
 */
gboolean
_wick_window_levels_get_menu_alert (WickWindow *self)
{
  const WickLevel *level;

  if (self->level_store == NULL ||
      !(level = wick_level_store_lookup (self->level_store, self->menu_line_id)))
    return FALSE;

  return level->alert;
}

void
_wick_window_levels_set_menu_alert (WickWindow *self,
                                    gboolean    alert)
{
  GError *error = NULL;

  if (self->level_store == NULL ||
      wick_level_store_lookup (self->level_store, self->menu_line_id) == NULL)
    return;

  report (self, wick_level_store_set_alert (self->level_store, self->menu_line_id, alert,
                                            &error), error);
  g_object_notify (G_OBJECT (self), "line-alert");
}

static gboolean
parse_rgba (const char *text,
            guint32    *rgba)
{
  char *end = NULL;
  guint64 value;

  if (text[0] != '#' || strlen (text) != 9)
    return FALSE;

  value = g_ascii_strtoull (text + 1, &end, 16);
  if (end == NULL || *end != '\0')
    return FALSE;

  *rgba = (guint32) value;
  return TRUE;
}

static void
line_color_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  const char *target = g_variant_get_string (param, NULL);
  GError *error = NULL;
  guint32 rgba = 0;
  gboolean has_color;

  if (self->level_store == NULL)
    return;

  has_color = parse_rgba (target, &rgba);
  report (self, wick_level_store_set_color (self->level_store, self->menu_line_id,
                                            has_color, rgba, &error), error);
}

static void
on_label_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             WickWindow       *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  guint32 id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "line-id"));
  GError *error = NULL;

  if (g_str_equal (response, "save") && self->level_store != NULL)
    report (self, wick_level_store_set_label (self->level_store, id,
                                              gtk_editable_get_text (entry), &error), error);
}

static void
line_edit_label_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  const WickLevel *level;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->level_store == NULL ||
      !(level = wick_level_store_lookup (self->level_store, self->menu_line_id)))
    return;

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), level->label ? level->label : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. Support 92k"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Line Label"),
                                  -1);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Line Label"),
                                   _("Shown at the left end of the line."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "line-id", GUINT_TO_POINTER (level->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_label_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Enter on the chart's selected line edits its label, as the menu's item does. */
static void
on_line_activated_cb (WickWindow      *self,
                      guint            id,
                      WickInteraction *interaction)
{
  if (self->level_store == NULL || wick_level_store_lookup (self->level_store, id) == NULL)
    return;

  self->menu_line_id = id;
  g_object_notify (G_OBJECT (self), "line-alert");
  gtk_widget_activate_action (GTK_WIDGET (self), "line.edit-label", NULL);
}

static void
win_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  WickInteraction *interaction = wick_chart_get_interaction (self->chart);
  WickInteractionKey key;

  if (g_str_equal (action_name, "win.undo"))
    key = WICK_INTERACTION_KEY_UNDO;
  else if (g_str_equal (action_name, "win.redo"))
    key = WICK_INTERACTION_KEY_REDO;
  else
    key = WICK_INTERACTION_KEY_ADD_LINE;

  wick_interaction_key (interaction, key, WICK_INTERACTION_MODIFIER_NONE);
}

void
_wick_window_levels_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-line", NULL, win_line_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, win_line_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, win_line_action);
  gtk_widget_class_install_action (widget_class, "line.delete", NULL, line_delete_action);
  gtk_widget_class_install_action (widget_class, "line.toggle-lock", NULL, line_toggle_lock_action);
  gtk_widget_class_install_action (widget_class, "line.edit-label", NULL, line_edit_label_action);
  gtk_widget_class_install_action (widget_class, "line.color", "s", line_color_action);
}

void
_wick_window_levels_init (WickWindow *self)
{
  WickInteraction *interaction = wick_chart_get_interaction (self->chart);

  g_signal_connect_object (interaction, "context-menu", G_CALLBACK (on_context_menu_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (interaction, "edit-failed", G_CALLBACK (on_edit_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (interaction, "line-activated", G_CALLBACK (on_line_activated_cb),
                           self, G_CONNECT_SWAPPED);
  wick_window_levels_update_actions (self);
}

void
_wick_window_levels_dispose (WickWindow *self)
{
  if (self->level_store != NULL)
    g_signal_handlers_disconnect_by_data (self->level_store, self);
  g_clear_object (&self->level_store);
  g_clear_pointer (&self->levels_path, g_free);
  g_clear_pointer (&self->levels_key, g_free);
}
