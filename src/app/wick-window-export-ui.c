/* wick-window-export-ui.c: Save Image's questions and answers
 *
 * Save Image takes the chart's picture at once (the crosshair is where the pointer is before
 * a dialog covers the chart), asks what to show, then where: the format follows the name's
 * extension, else the chosen filter's, which is then added to the name. When the file is
 * written a toast offers to open it or show it in its folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-window-export-private.h"

/* ---- asking ---- */

static const struct
{
  const char       *mime_type;
  const char       *suffix;
  WickExportFormat  format;
} file_types[] = {
  { "image/png", "png", WICK_EXPORT_FORMAT_PNG },
  { "image/svg+xml", "svg", WICK_EXPORT_FORMAT_SVG },
  { "application/pdf", "pdf", WICK_EXPORT_FORMAT_PDF },
};

/* The file's own extension names the format; otherwise @fallback's is added to the name. */
static GFile *
resolve_format (GFile            *file,
                WickExportFormat  fallback,
                WickExportFormat *format)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  if (basename == NULL || wick_export_format_from_path (basename, format, NULL))
    return g_object_ref (file);

  *format = fallback;
  parent = g_file_get_parent (file);
  name = g_strconcat (basename, wick_export_format_get_extension (fallback), NULL);

  return parent != NULL ? g_file_get_child (parent, name) : g_object_ref (file);
}

static void
on_chooser_response_cb (WickWindow           *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  WickWindowExport *export = self->export;
  g_autoptr(WickExportScene) snapshot = g_steal_pointer (&export->pending);
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&export->chooser);
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkFileFilter *filter;
  WickExportChoices choices;
  WickExportFormat fallback;
  GSettings *settings = _wick_window_get_settings (self);

  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));

  if (response != GTK_RESPONSE_ACCEPT || chosen == NULL || snapshot == NULL)
    return;

  /* A portal hands back its own copy of the filter: match it by name. */
  _wick_window_export_get_choices (self, &choices);
  fallback = choices.format;
  for (guint i = 0; filter != NULL && i < G_N_ELEMENTS (file_types); i++)
    {
      GtkFileFilter *ours = g_object_get_data (G_OBJECT (chooser), file_types[i].suffix);

      if (g_strcmp0 (gtk_file_filter_get_name (filter), gtk_file_filter_get_name (ours)) == 0)
        fallback = file_types[i].format;
    }

  file = resolve_format (chosen, fallback, &snapshot->options.format);
  choices.format = snapshot->options.format;
  _wick_window_export_set_choices (self, &choices);

  folder = g_file_get_parent (file);
  if (settings != NULL && folder != NULL && g_file_peek_path (folder) != NULL)
    g_settings_set_string (settings, "export-folder", g_file_peek_path (folder));

  _wick_window_export_save_async (self, g_steal_pointer (&snapshot), file, NULL, NULL, NULL);
}

/* “BTCUSDT-1h-2026-01-09.png”: the market and the last day in view. */
static char *
suggest_name (WickExportScene  *snapshot,
              WickExportFormat  format)
{
  WickMarket *market = snapshot->market;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;
  double from_ms, to_ms;

  wick_viewport_get_time_range (snapshot->viewport, &from_ms, &to_ms);
  end = g_date_time_new_from_unix_utc ((gint64) (to_ms / 1000) - 1);
  if (end != NULL && snapshot->time_zone != NULL)
    {
      GDateTime *local = g_date_time_to_timezone (end, snapshot->time_zone);

      g_date_time_unref (end);
      end = local;
    }
  day = end != NULL ? g_date_time_format (end, "%Y-%m-%d") : g_strdup ("chart");

  name = g_strdup_printf ("%s-%s-%s%s", wick_market_get_symbol (market),
                          wick_market_get_interval (market), day,
                          wick_export_format_get_extension (format));

  return g_strdelimit (g_steal_pointer (&name), "/\\:", '-');
}

static GFile *
get_start_folder (WickWindow *self)
{
  GSettings *settings = _wick_window_get_settings (self);
  g_autofree char *remembered = settings != NULL ? g_settings_get_string (settings, "export-folder")
                                                 : NULL;
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  if (remembered != NULL && remembered[0] != '\0' && g_file_test (remembered, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (remembered);
  if (pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (pictures);

  return g_file_new_for_path (g_get_home_dir ());
}

static void
open_chooser (WickWindow              *self,
              const WickExportChoices *choices)
{
  WickWindowExport *export = self->export;
  g_autoptr(GFile) folder = get_start_folder (self);
  g_autofree char *name = suggest_name (export->pending, choices->format);
  GtkFileChooser *chooser;

  export->chooser = gtk_file_chooser_native_new (_("Save Image"), GTK_WINDOW (self),
                                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                                 _("_Save"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (export->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (export->chooser), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      const char *names[] = { N_("PNG Image"), N_("SVG Image"), N_("PDF Document") };

      gtk_file_filter_set_name (filter, _(names[i]));
      gtk_file_filter_add_mime_type (filter, file_types[i].mime_type);
      gtk_file_filter_add_suffix (filter, file_types[i].suffix);
      gtk_file_chooser_add_filter (chooser, filter);
      g_object_set_data_full (G_OBJECT (export->chooser), file_types[i].suffix,
                              g_object_ref (filter), g_object_unref);
      if (file_types[i].format == choices->format)
        gtk_file_chooser_set_filter (chooser, filter);
    }

  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  gtk_file_chooser_set_current_name (chooser, name);
  g_signal_connect_object (export->chooser, "response",
                           G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (export->chooser));
}

static void
on_dialog_save_cb (WickWindow       *self,
                   WickExportDialog *dialog)
{
  WickWindowExport *export = self->export;
  WickExportChoices choices;

  wick_export_dialog_get_choices (dialog, &choices);
  _wick_window_export_set_choices (self, &choices);
  wick_export_options_clear (&export->pending->options);
  wick_export_choices_to_options (&choices, export->pending->view_width,
                                  export->pending->view_height, export->pending->is_dark,
                                  &export->pending->options);

  export->dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
  open_chooser (self, &choices);
}

static gboolean
on_dialog_close_request_cb (WickWindow       *self,
                            WickExportDialog *dialog)
{
  /* Cancelled, unless ::save already moved on to the file chooser. */
  if (self->export->dialog == dialog)
    {
      self->export->dialog = NULL;
      g_clear_pointer (&self->export->pending, _wick_window_export_scene_free);
    }

  return FALSE;
}

static void
save_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WickWindow *self = WICK_WINDOW (widget);
  WickWindowExport *export = self->export;
  WickExportChoices choices;
  WickScene *scene;

  if (wick_chart_get_market (self->chart) == NULL || export->dialog != NULL ||
      export->chooser != NULL)
    return;

  /* Taken now: the crosshair is where the pointer is before the dialog covers the chart. */
  g_clear_pointer (&export->pending, _wick_window_export_scene_free);
  export->pending = _wick_window_export_scene_new (self, TRUE);
  scene = &export->pending->scene;

  _wick_window_export_get_choices (self, &choices);
  export->dialog = wick_export_dialog_new (GTK_WINDOW (self), &choices,
                                           export->pending->view_width,
                                           export->pending->view_height,
                                           scene->heatmap != NULL && scene->show_heatmap,
                                           scene->has_crosshair);
  g_signal_connect_object (export->dialog, "save",
                           G_CALLBACK (on_dialog_save_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (export->dialog, "close-request",
                           G_CALLBACK (on_dialog_close_request_cb), self, G_CONNECT_SWAPPED);
}

/* ---- after saving ---- */

/**
 * _wick_window_export_show_saved:
 *
 * Tells that @file was saved, with Open and Show in Folder.
 */
void
_wick_window_export_show_saved (WickWindow *self,
                                GFile      *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *title = NULL;
  AdwToast *toast;
  GtkWidget *box, *label, *button;

  /* Translators: a toast, %s is the file name */
  title = g_strdup_printf (_("Saved “%s”"), name);

  /* The toast has one button of its own (Open); Show in Folder goes beside the title. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (box), label);
  button = gtk_button_new_with_mnemonic (_("Show in _Folder"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-image-in-folder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uri);
  gtk_box_append (GTK_BOX (box), button);

  toast = adw_toast_new (title);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-image");
  adw_toast_set_action_target (toast, "s", uri);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_uri_shown_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree char *uri = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autofree char *name = g_file_get_parse_name (file);
      /* Translators: a toast; the first %s is a file or folder, the second the reason */
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), name,
                                                  error->message);

      wick_window_show_toast (WICK_WINDOW (object), message);
    }
}

/* Opens @uri in its default application, with a toast if that fails. */
static void
launch_uri (WickWindow *self,
            const char *uri)
{
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, on_uri_shown_cb,
                     g_strdup (uri));
}

static void
open_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  launch_uri (WICK_WINDOW (widget), g_variant_get_string (param, NULL));
}

typedef struct
{
  WickWindow *window;  /* Owned */
  char       *uri;     /* Owned */
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_clear_object (&data->window);
  g_free (data->uri);
  g_free (data);
}

/* Without a file manager on the bus, open the folder instead. */
static void
show_folder (ShowData *data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (data->uri);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *folder_uri = folder != NULL ? g_file_get_uri (folder) : NULL;

  if (folder_uri != NULL)
    launch_uri (data->window, folder_uri);
  show_data_free (data);
}

static void
on_show_items_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_debug ("FileManager1.ShowItems failed: %s", error->message);
      show_folder (user_data);
      return;
    }

  show_data_free (user_data);
}

static void
on_session_bus_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ShowData *data = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  const char *uris[] = { data->uri, NULL };

  bus = g_bus_get_finish (result, NULL);
  if (bus == NULL)
    {
      show_folder (data);
      return;
    }

  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_show_items_cb, data);
}

static void
show_image_in_folder_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  ShowData *data = g_new0 (ShowData, 1);

  data->window = g_object_ref (WICK_WINDOW (widget));
  data->uri = g_variant_dup_string (param, NULL);
  g_bus_get (G_BUS_TYPE_SESSION, NULL, on_session_bus_cb, data);
}

void
_wick_window_export_ui_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-image", NULL, save_image_action);
  gtk_widget_class_install_action (widget_class, "win.open-image", "s", open_image_action);
  gtk_widget_class_install_action (widget_class, "win.show-image-in-folder", "s",
                                   show_image_in_folder_action);
}

void
_wick_window_export_ui_dispose (WickWindow *self)
{
  WickWindowExport *export = self->export;

  if (export->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (export->chooser));
  g_clear_object (&export->chooser);
  if (export->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&export->dialog)));
  g_clear_pointer (&export->pending, _wick_window_export_scene_free);
}
