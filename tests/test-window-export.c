/* test-window-export.c: Save Image and Copy Image in the real window, under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "wick-application.h"
#include "wick-palette.h"
#include "wick-window-export.h"
#include "wick-window.h"

#include "test-keys-utils.h"
#include "test-window-utils.h"

/* Its data is the folder where the pictures go. */
typedef TestWindowFixture Fixture;

/* Runs the application on the sample until @checks have run on the finished picture, with
 * an empty folder for the pictures. */
static void
run_application (void (*checks) (Fixture *fixture))
{
  test_window_run_in_folder ("wick-window-export", "sample", TEST_WINDOW_WAIT_FINISHED, checks);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* ---- Copy Image ---- */

static void
on_texture_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
check_copy_image (Fixture *fixture)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  const WickPalette *palette = wick_palette_get (wick_chart_get_dark (fixture->chart));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (fixture->chart));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width, height;
  gsize n_up = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-image",
                                             NULL));

  gdk_clipboard_read_texture_async (clipboard, NULL, on_texture_read_cb, &texture);
  while (texture == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The view's size, in device pixels. */
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, ==, gtk_widget_get_width (GTK_WIDGET (fixture->chart)) * scale);
  g_assert_cmpint (height, ==, gtk_widget_get_height (GTK_WIDGET (fixture->chart)) * scale);

  /* The chart itself: opaque, with up candles in it. */
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      const guchar *bgra = pixels + i * 4;

      g_assert_cmpuint (bgra[3], ==, 0xff);
      n_up += test_bgra_is (bgra, &palette->up, 2);
    }
  g_assert_cmpuint (n_up, >, 200);
}

static void
test_copy_image (void)
{
  run_application (check_copy_image);
}

static void
on_text_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

/* Ctrl+C copies the selected line's price as an order form takes it, and the chart's picture
 * when no line is selected. */
static void
check_copy_price (Fixture *fixture)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  WickInteraction *interaction = wick_chart_get_interaction (fixture->chart);
  WickLevelStore *store = wick_chart_get_level_store (fixture->chart);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint32 id;

  id = wick_level_store_add (store, 92000.5, NULL, WICK_LEVEL_ORIGIN_USER, &error);
  g_assert_no_error (error);
  wick_interaction_select (interaction, id);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture->chart)));

  g_assert_true (test_keys_press_accelerator (GTK_WIDGET (fixture->chart), "<Control>c"));
  gdk_clipboard_read_text_async (clipboard, NULL, on_text_read_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (text, ==, "92000.50");

  /* Nothing selected: the picture. */
  wick_interaction_select (interaction, 0);
  g_assert_true (test_keys_press_accelerator (GTK_WIDGET (fixture->chart), "<Control>c"));
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                    GDK_TYPE_TEXTURE));
}

static void
test_copy_price (void)
{
  run_application (check_copy_price);
}

/* ---- Save Image ---- */

static gboolean
save (Fixture                 *fixture,
      const char              *name,
      const WickExportOptions *options,
      GError                 **error)
{
  g_autofree char *path = g_build_filename (fixture->data, name, NULL);

  return test_window_save_image (fixture->window, path, options, error);
}

static void
check_save_image (Fixture *fixture)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const WickPalette *dark = wick_palette_get (TRUE);
  const char *dir = fixture->data;
  g_autoptr(GError) error = NULL;
  g_autofree char *png_path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "view.svg", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *svg_size = NULL;
  g_auto(WickExportOptions) options = { 0 };
  cairo_surface_t *image;
  guint32 pixel;

  /* The choices Save Image remembers: a custom size at 2×, dark. */
  g_settings_set_string (settings, "export-size", "custom");
  g_settings_set_int (settings, "export-width", 640);
  g_settings_set_int (settings, "export-height", 400);
  g_settings_set_int (settings, "export-scale", 2);
  g_settings_set_string (settings, "export-theme", "dark");
  g_assert_true (save (fixture, "chart.png", NULL, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
  pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (image) +
                                   798 * cairo_image_surface_get_stride (image) + 4 * 1278);
  g_assert_cmpint ((pixel >> 16) & 0xff, ==, (int) (dark->background.red * 255 + .5));
  g_assert_cmpint ((pixel >> 8) & 0xff, ==, (int) (dark->background.green * 255 + .5));
  g_assert_cmpint (pixel & 0xff, ==, (int) (dark->background.blue * 255 + .5));
  cairo_surface_destroy (image);

  /* The view's size, as SVG points, from the name's extension. */
  g_settings_set_string (settings, "export-size", "view");
  g_assert_true (save (fixture, "view.svg", NULL, &error));
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  svg_size = g_strdup_printf ("width=\"%dpt\" height=\"%dpt\"",
                              gtk_widget_get_width (GTK_WIDGET (fixture->chart)),
                              gtk_widget_get_height (GTK_WIDGET (fixture->chart)));
  g_assert_nonnull (strstr (svg, svg_size));
  g_assert_nonnull (strstr (svg, "<title>BTCUSDT · 1h · Sample data (synthetic)</title>"));

  /* Options given by the caller, with a title; a name without an extension keeps its name. */
  wick_export_options_init (&options);
  options.format = WICK_EXPORT_FORMAT_PDF;
  options.width = 800;
  options.height = 500;
  options.title = g_strdup ("Support test");
  g_assert_true (save (fixture, "report", &options, &error));
  g_assert_no_error (error);
  {
    g_autofree char *pdf_path = g_build_filename (dir, "report", NULL);
    g_autofree char *pdf = NULL;

    g_assert_true (g_file_get_contents (pdf_path, &pdf, NULL, NULL));
    g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  }
  g_assert_cmpuint (count_files (dir), ==, 3);

  /* A folder that is not there: an error with the reason, and nothing written. */
  g_assert_false (save (fixture, "missing/chart.png", NULL, &error));
  g_assert_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_assert_cmpuint (count_files (dir), ==, 3);

  g_settings_reset (settings, "export-size");
  g_settings_reset (settings, "export-width");
  g_settings_reset (settings, "export-height");
  g_settings_reset (settings, "export-scale");
  g_settings_reset (settings, "export-theme");
}

static void
test_save_image (void)
{
  run_application (check_save_image);
}

/* ---- Show in Folder ---- */

/* A file manager on the session bus, as Files is: it keeps the items it was asked to show. */
static void
on_file_manager_call_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  char **shown = user_data;
  g_autofree const char **uris = NULL;
  const char *startup_id;

  g_assert_cmpstr (method_name, ==, "ShowItems");
  g_variant_get (parameters, "(^a&s&s)", &uris, &startup_id);
  g_assert_nonnull (uris[0]);
  g_assert_null (uris[1]);
  g_free (*shown);
  *shown = g_strdup (uris[0]);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
check_show_in_folder (Fixture *fixture)
{
  static const char introspection[] =
    "<node><interface name='org.freedesktop.FileManager1'>"
    "<method name='ShowItems'><arg type='as' direction='in'/><arg type='s' direction='in'/>"
    "</method></interface></node>";
  static const GDBusInterfaceVTable vtable = { on_file_manager_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *path = g_build_filename (fixture->data, "chart.png", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;
  guint registration, owner;
  gboolean owned = FALSE;

  if (bus == NULL)
    {
      g_test_skip ("No session bus to put a file manager on");
      return;
    }

  registration = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1",
                                                    info->interfaces[0], &vtable, &shown, NULL,
                                                    &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1",
                                        G_BUS_NAME_OWNER_FLAGS_NONE,
                                        on_name_acquired_cb, NULL, &owned, NULL);
  TEST_WAIT_FOR (owned);

  g_assert_true (save (fixture, "chart.png", NULL, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-image-in-folder", "s",
                              uri);
  TEST_WAIT_FOR (shown != NULL);
  g_assert_cmpstr (shown, ==, uri);

  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
}

static void
test_show_in_folder (void)
{
  run_application (check_show_in_folder);
}

/* The Save Image action opens the options first, and Escape closes them with nothing saved. */
static void
check_save_action (Fixture *fixture)
{
  GtkWindow *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-image",
                                             NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (fixture->window))
        dialog = window;
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));

  g_object_ref (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  while (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, FALSE);
  g_object_unref (dialog);
  g_assert_cmpuint (count_files (fixture->data), ==, 0);
}

static void
test_save_action (void)
{
  run_application (check_save_action);
}

int
main (int   argc,
      char *argv[])
{
  /* No user's lines, cache or settings are read or written. */
  g_autofree char *root = test_isolate_user_dirs ("wick-window-export");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wick/window-export/copy-image", test_copy_image);
  g_test_add_func ("/wick/window-export/copy-price", test_copy_price);
  g_test_add_func ("/wick/window-export/save-image", test_save_image);
  g_test_add_func ("/wick/window-export/save-action", test_save_action);
  g_test_add_func ("/wick/window-export/show-in-folder", test_show_in_folder);

  status = g_test_run ();
  test_remove_tree (root);

  return status;
}
