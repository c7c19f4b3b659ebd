/* wick-export-dialog.c: what Save Image puts in the picture, asked before the file
 *
 * The size (the view's, Full HD, 4K or custom), the PNG scale, the style, and which parts of
 * the chart to show. “Save…” emits ::save; the window then reads the choices and asks where
 * to save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-export-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-export-dialog.h"

struct _WickExportDialog
{
  AdwWindow          parent_instance;

  /* Template children */
  GtkButton         *save_button;
  AdwComboRow       *size_row;
  AdwActionRow      *width_row;
  AdwActionRow      *height_row;
  GtkSpinButton     *width_spin;
  GtkSpinButton     *height_spin;
  AdwComboRow       *scale_row;
  AdwComboRow       *theme_row;
  AdwActionRow      *heatmap_row;
  GtkSwitch         *heatmap_switch;
  GtkSwitch         *levels_switch;
  GtkSwitch         *signals_switch;
  AdwActionRow      *crosshair_row;
  GtkSwitch         *crosshair_switch;
  GtkSwitch         *legend_switch;

  WickExportChoices  choices;  /* what it opened with: the format, and a heatmap left off */
  gboolean           has_heatmap;
  int                view_width;
  int                view_height;
};

G_DEFINE_FINAL_TYPE (WickExportDialog, wick_export_dialog, ADW_TYPE_WINDOW)

enum {
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_size_selected_cb (WickExportDialog *self,
                     GParamSpec       *pspec,
                     AdwComboRow      *row)
{
  WickExportSize size = adw_combo_row_get_selected (row);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->width_row), size == WICK_EXPORT_SIZE_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->height_row), size == WICK_EXPORT_SIZE_CUSTOM);

  /* The names in the list are short; the row tells the pixels of the one chosen. */
  switch (size)
    {
    case WICK_EXPORT_SIZE_VIEW:
      subtitle = g_strdup_printf ("%d × %d", self->view_width, self->view_height);
      break;
    case WICK_EXPORT_SIZE_FULL_HD:
      subtitle = g_strdup ("1920 × 1080");
      break;
    case WICK_EXPORT_SIZE_4K:
      subtitle = g_strdup ("3840 × 2160");
      break;
    case WICK_EXPORT_SIZE_CUSTOM:
    default:
      break;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
}

static void
on_save_clicked_cb (WickExportDialog *self,
                    GtkButton        *button)
{
  g_signal_emit (self, signals[SAVE], 0);
}

static void
wick_export_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WICK_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (wick_export_dialog_parent_class)->dispose (object);
}

static void
wick_export_dialog_class_init (WickExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wick_export_dialog_dispose;

  /**
   * WickExportDialog::save:
   *
   * The user chose to go on and pick the file; read the choices with
   * wick_export_dialog_get_choices().
   */
  signals[SAVE] = g_signal_new ("save",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/wick-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, heatmap_row);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, heatmap_switch);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, levels_switch);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, signals_switch);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, crosshair_row);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, crosshair_switch);
  gtk_widget_class_bind_template_child (widget_class, WickExportDialog, legend_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_size_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wick_export_dialog_init (WickExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wick_export_dialog_new:
 * @parent: the window it is modal for
 * @choices: what to show at first
 * @view_width: the chart's size on screen, offered as the first size
 * @view_height: likewise
 * @has_heatmap: whether the window shows the heatmap; without it the switch is off and
 *   insensitive
 * @has_crosshair: whether the pointer was over the chart; without it the switch says so
 *
 * Returns: (transfer none): the dialog, shown; it closes itself on Cancel or Escape
 */
WickExportDialog *
wick_export_dialog_new (GtkWindow               *parent,
                        const WickExportChoices *choices,
                        int                      view_width,
                        int                      view_height,
                        gboolean                 has_heatmap,
                        gboolean                 has_crosshair)
{
  WickExportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (choices != NULL, NULL);

  self = g_object_new (WICK_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->choices = *choices;
  self->has_heatmap = has_heatmap;
  self->view_width = view_width;
  self->view_height = view_height;

  adw_combo_row_set_selected (self->size_row, choices->size);
  on_size_selected_cb (self, NULL, self->size_row);
  gtk_spin_button_set_value (self->width_spin, choices->custom_width);
  gtk_spin_button_set_value (self->height_spin, choices->custom_height);
  adw_combo_row_set_selected (self->scale_row, choices->scale >= 2 ? 1 : 0);
  adw_combo_row_set_selected (self->theme_row, choices->theme);

  gtk_switch_set_active (self->heatmap_switch, choices->show_heatmap && has_heatmap);
  gtk_widget_set_sensitive (GTK_WIDGET (self->heatmap_row), has_heatmap);
  if (!has_heatmap)
    adw_action_row_set_subtitle (self->heatmap_row, _("Off in the window"));
  gtk_switch_set_active (self->levels_switch, choices->show_levels);
  gtk_switch_set_active (self->signals_switch, choices->show_signals);
  gtk_switch_set_active (self->crosshair_switch, choices->show_crosshair);
  adw_action_row_set_subtitle (self->crosshair_row,
                               has_crosshair ? _("Where the pointer is on the chart")
                                             : _("The pointer is not over the chart"));
  gtk_switch_set_active (self->legend_switch, choices->show_legend);

  gtk_window_present (GTK_WINDOW (self));
  /* Enter saves, as Ctrl+S then Enter would in any app. */
  gtk_widget_grab_focus (GTK_WIDGET (self->save_button));

  return self;
}

/**
 * wick_export_dialog_get_choices:
 * @choices: (out caller-allocates): what the dialog shows; the heatmap choice is kept as it
 *   was when the window does not show the heatmap
 */
void
wick_export_dialog_get_choices (WickExportDialog  *self,
                                WickExportChoices *choices)
{
  g_return_if_fail (WICK_IS_EXPORT_DIALOG (self));
  g_return_if_fail (choices != NULL);

  *choices = self->choices;
  choices->size = adw_combo_row_get_selected (self->size_row);
  choices->custom_width = gtk_spin_button_get_value_as_int (self->width_spin);
  choices->custom_height = gtk_spin_button_get_value_as_int (self->height_spin);
  choices->scale = adw_combo_row_get_selected (self->scale_row) == 1 ? 2 : 1;
  choices->theme = adw_combo_row_get_selected (self->theme_row);
  if (self->has_heatmap)
    choices->show_heatmap = gtk_switch_get_active (self->heatmap_switch);
  choices->show_levels = gtk_switch_get_active (self->levels_switch);
  choices->show_signals = gtk_switch_get_active (self->signals_switch);
  choices->show_crosshair = gtk_switch_get_active (self->crosshair_switch);
  choices->show_legend = gtk_switch_get_active (self->legend_switch);
}
