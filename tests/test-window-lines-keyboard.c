/* test-window-lines-keyboard.c: the price lines from the keyboard, in the real window:
 * choosing a line, moving it, undoing the move, its label, its menu and deleting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-application.h"
#include "wick-format.h"
#include "wick-window.h"

#include "test-keys-utils.h"
#include "test-window-utils.h"

typedef TestWindowFixture Fixture;

/* GTK 4.8 cannot make a key event, and test-keys-utils.h plays presses only: a release goes
 * straight to the chart's key controller, as GTK would hand it over. */
static void
release_key (WickChart *chart,
             guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));
  gboolean released = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-released", keyval, 0u, (GdkModifierType) 0);
          released = TRUE;
        }
    }

  g_object_unref (controllers);
  g_assert_true (released);
}

static gboolean
press (WickChart       *chart,
       guint            keyval,
       GdkModifierType  modifiers)
{
  return test_keys_press (GTK_WIDGET (chart), keyval, modifiers);
}

static guint32
selected_id (WickChart *chart)
{
  return wick_interaction_get_selected_id (wick_chart_get_interaction (chart));
}

static double
price_of (WickChart *chart,
          guint32    id)
{
  const WickLevel *level = wick_level_store_lookup (wick_chart_get_level_store (chart), id);

  g_assert_nonnull (level);
  return level->price;
}

/* The price a fraction of the plot's height from its top. */
static double
price_at (WickChart *chart,
          double     fraction)
{
  WickViewport *viewport = wick_chart_get_viewport (chart);
  WickRect plot;

  wick_viewport_get_plot (viewport, &plot);
  return wick_viewport_y_to_price (viewport, plot.y + plot.height * fraction);
}

static GtkPopover *
find_menu (WickChart *chart)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (chart));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return GTK_POPOVER (child);

  return NULL;
}

static AdwMessageDialog *
find_label_dialog (void)
{
  return ADW_MESSAGE_DIALOG (test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* The description follows the selection a moment later. */
static void
wait_for_description (WickChart  *chart,
                      const char *part)
{
  TEST_WAIT_FOR (wick_chart_get_description (chart) != NULL &&
                 strstr (wick_chart_get_description (chart), part) != NULL);
}

static void
check_lines_from_keyboard (Fixture *fixture)
{
  WickChart *chart = fixture->chart;
  WickInteraction *interaction = wick_chart_get_interaction (chart);
  WickLevelStore *store = wick_chart_get_level_store (chart);
  g_autoptr(GError) error = NULL;
  g_autofree char *upper_text = NULL;
  g_autofree char *description = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkPopover *menu;
  GdkRectangle rect;
  guint32 lower, upper;
  double upper_price, expected;

  /* Two lines in view, one above the middle of the plot and one below. */
  g_assert_cmpuint (wick_level_store_get_n_levels (store), ==, 0);
  upper_price = price_at (chart, 0.4);
  upper = wick_level_store_add (store, upper_price, "Resistance", WICK_LEVEL_ORIGIN_USER, &error);
  g_assert_no_error (error);
  lower = wick_level_store_add (store, price_at (chart, 0.6), NULL, WICK_LEVEL_ORIGIN_USER,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (selected_id (chart), ==, 0);

  /* The window's focus widget: the window itself need not be the active one. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (chart)));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window)) == GTK_WIDGET (chart));

  /* With none selected, Up and Down are not the chart's. */
  g_assert_false (wick_interaction_key (interaction, WICK_INTERACTION_KEY_LINE_UP,
                                        WICK_INTERACTION_MODIFIER_NONE));

  /* Alt+Up from the middle of the plot takes the line above it, and stops there. */
  g_assert_true (press (chart, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpuint (selected_id (chart), ==, upper);
  g_assert_true (press (chart, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpuint (selected_id (chart), ==, upper);
  g_assert_true (press (chart, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpuint (selected_id (chart), ==, lower);
  g_assert_true (press (chart, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpuint (selected_id (chart), ==, upper);

  /* The description names it, with its label. */
  upper_text = wick_format_level (upper_price);
  description = g_strdup_printf ("Selected line: %s, “Resistance”.", upper_text);
  wait_for_description (chart, description);

  /* Up twice, held: a preview until the key goes up, then one move of two tick steps. */
  expected = wick_interaction_step_price (interaction, upper_price, 1, FALSE);
  expected = wick_interaction_step_price (interaction, expected, 1, FALSE);
  g_assert_cmpfloat (expected, >, upper_price);
  g_assert_true (press (chart, GDK_KEY_Up, 0));
  g_assert_true (press (chart, GDK_KEY_Up, 0));
  g_assert_true (wick_interaction_is_dragging (interaction));
  g_assert_cmpfloat (price_of (chart, upper), ==, upper_price);
  release_key (chart, GDK_KEY_Up);
  g_assert_false (wick_interaction_is_dragging (interaction));
  g_assert_cmpfloat_with_epsilon (price_of (chart, upper), expected, 1e-9 * expected);

  /* Ctrl+Z takes the whole move back at once. */
  g_assert_true (press (chart, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpfloat (price_of (chart, upper), ==, upper_price);
  g_assert_true (press (chart, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (price_of (chart, upper), expected, 1e-9 * expected);
  g_assert_true (press (chart, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpfloat (price_of (chart, upper), ==, upper_price);

  /* Shift+F10 opens the line's menu, pointing at the line. */
  g_assert_null (find_menu (chart));
  g_assert_true (press (chart, GDK_KEY_F10, GDK_SHIFT_MASK));
  menu = find_menu (chart);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  g_assert_true (gtk_popover_get_pointing_to (menu, &rect));
  g_assert_cmpint (rect.y, ==, (int) wick_viewport_price_to_y (wick_chart_get_viewport (chart),
                                                                upper_price));
  gtk_popover_popdown (menu);
  gtk_widget_grab_focus (GTK_WIDGET (chart));

  /* Enter asks for its label. */
  g_assert_null (find_label_dialog ());
  g_assert_true (press (chart, GDK_KEY_Return, 0));
  dialog = find_label_dialog ();
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Resistance");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  TEST_WAIT_FOR (dialog == NULL);
  g_assert_cmpstr (wick_level_store_lookup (store, upper)->label, ==, "Resistance");
  gtk_widget_grab_focus (GTK_WIDGET (chart));

  /* Delete removes it; with nothing selected the menu keys are not the chart's. */
  g_assert_true (press (chart, GDK_KEY_Delete, 0));
  g_assert_null (wick_level_store_lookup (store, upper));
  g_assert_cmpuint (wick_level_store_get_n_levels (store), ==, 1);
  g_assert_cmpuint (selected_id (chart), ==, 0);
  g_assert_false (press (chart, GDK_KEY_F10, GDK_SHIFT_MASK));
}

static void
test_window_lines_keyboard (void)
{
  test_window_run ("sample", TEST_WINDOW_WAIT_LEVELS, check_lines_from_keyboard, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* No user's lines, cache or settings are read or written. */
  g_autofree char *root = test_isolate_user_dirs ("wick-window-lines-keyboard");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wick/window-lines-keyboard/select-move-undo-menu-delete",
                   test_window_lines_keyboard);

  status = g_test_run ();
  test_remove_tree (root);

  return status;
}
