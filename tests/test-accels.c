/* test-accels.c: every keyboard shortcut is taken by one action, and the shortcuts window
 * shows each one as it really is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-application.h"
#include "wick-window.h"

#include "test-keys-utils.h"
#include "test-window-utils.h"

/* One GtkShortcutsShortcut of help-overlay.ui, as written there */
typedef struct
{
  char *group;
  char *title;
  char *accelerator;   /* nullable */
  char *action_name;   /* nullable */
} OverlayEntry;

static void
overlay_entry_free (OverlayEntry *entry)
{
  g_free (entry->group);
  g_free (entry->title);
  g_free (entry->accelerator);
  g_free (entry->action_name);
  g_free (entry);
}

typedef struct
{
  GPtrArray *groups;     /* Owned: group titles, in order */
  GPtrArray *entries;    /* Owned: OverlayEntry */
  GQueue     classes;    /* the classes of the open <object>s, innermost first */
  char      *property;   /* Owned, nullable: the <property> being read */
} OverlayParser;

static void
overlay_start_element (GMarkupParseContext  *context,
                       const char           *element,
                       const char          **names,
                       const char          **values,
                       gpointer              user_data,
                       GError              **error)
{
  OverlayParser *parser = user_data;

  if (g_str_equal (element, "object"))
    {
      const char *class = "";

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "class"))
          class = values[i];

      g_queue_push_head (&parser->classes, (gpointer) g_intern_string (class));

      if (g_str_equal (class, "GtkShortcutsShortcut"))
        {
          OverlayEntry *entry = g_new0 (OverlayEntry, 1);

          g_assert_cmpuint (parser->groups->len, >, 0);
          entry->group = g_strdup (g_ptr_array_index (parser->groups, parser->groups->len - 1));
          g_ptr_array_add (parser->entries, entry);
        }
      else if (g_str_equal (class, "GtkShortcutsGroup"))
        {
          g_ptr_array_add (parser->groups, g_strdup (""));
        }
    }
  else if (g_str_equal (element, "property"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          parser->property = g_strdup (values[i]);
    }
}

static void
overlay_end_element (GMarkupParseContext  *context,
                     const char           *element,
                     gpointer              user_data,
                     GError              **error)
{
  OverlayParser *parser = user_data;

  if (g_str_equal (element, "object"))
    g_queue_pop_head (&parser->classes);
  else if (g_str_equal (element, "property"))
    g_clear_pointer (&parser->property, g_free);
}

static void
overlay_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  OverlayParser *parser = user_data;
  const char *class = g_queue_peek_head (&parser->classes);
  g_autofree char *value = g_strndup (text, length);
  OverlayEntry *entry;
  char **field;

  if (parser->property == NULL || class == NULL)
    return;

  if (g_str_equal (class, "GtkShortcutsGroup") && g_str_equal (parser->property, "title"))
    {
      g_free (g_ptr_array_index (parser->groups, parser->groups->len - 1));
      g_ptr_array_index (parser->groups, parser->groups->len - 1) = g_steal_pointer (&value);
      return;
    }

  if (!g_str_equal (class, "GtkShortcutsShortcut"))
    return;

  entry = g_ptr_array_index (parser->entries, parser->entries->len - 1);
  if (g_str_equal (parser->property, "title"))
    field = &entry->title;
  else if (g_str_equal (parser->property, "accelerator"))
    field = &entry->accelerator;
  else if (g_str_equal (parser->property, "action-name"))
    field = &entry->action_name;
  else
    return;

  g_free (*field);
  *field = g_steal_pointer (&value);
}

/* The shortcuts window as the application ships it, from its resources. */
static void
read_overlay (GPtrArray **groups,
              GPtrArray **entries)
{
  static const GMarkupParser markup = {
    overlay_start_element, overlay_end_element, overlay_text, NULL, NULL,
  };
  OverlayParser parser = { 0 };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (RESOURCE_BASE "/gtk/help-overlay.ui",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);

  parser.groups = g_ptr_array_new_with_free_func (g_free);
  parser.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) overlay_entry_free);
  g_queue_init (&parser.classes);

  context = g_markup_parse_context_new (&markup, 0, &parser, NULL);
  g_markup_parse_context_parse (context, data, size, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  *groups = parser.groups;
  *entries = parser.entries;
}

/* Whether @window (or the application) has the action @detailed_name, in any group. */
static gboolean
window_has_action (GtkWidget  *window,
                   const char *detailed_name)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  const char *dot = strchr (detailed_name, '.');
  g_autofree char *prefix = NULL;

  g_assert_nonnull (dot);
  prefix = g_strndup (detailed_name, dot - detailed_name);

  if (g_str_equal (prefix, "app"))
    return g_action_group_has_action (G_ACTION_GROUP (application), dot + 1);

  if (g_str_equal (prefix, "win") && g_action_group_has_action (G_ACTION_GROUP (window), dot + 1))
    return TRUE;

  /* Actions installed on the class, the window's or GtkWindow's own (window.close). */
  for (GType type = G_OBJECT_TYPE (window); type != GTK_TYPE_WIDGET; type = g_type_parent (type))
    {
      GtkWidgetClass *klass = g_type_class_peek (type);
      const GVariantType *parameter_type;
      const char *property_name;
      const char *name;
      GType owner;

      for (guint i = 0;
           gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type,
                                          &property_name);
           i++)
        if (g_str_equal (name, detailed_name))
          return TRUE;
    }

  return FALSE;
}

/* The accelerators of @action_name, each in gtk_accelerator_name ()'s spelling. */
static GPtrArray *
dup_app_accels (GtkApplication *application,
                const char     *action_name)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (application, action_name);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; accels[i] != NULL; i++)
    {
      guint key;
      GdkModifierType modifiers;

      g_assert_true (gtk_accelerator_parse (accels[i], &key, &modifiers));
      g_ptr_array_add (names, gtk_accelerator_name (key, modifiers));
    }

  return names;
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

/* Every accelerator of the application belongs to one action. */
static void
check_unique (GtkApplication *application)
{
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (application);
  guint n_accels = 0;

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) accels = dup_app_accels (application, actions[i]);

      for (guint j = 0; j < accels->len; j++)
        {
          const char *name = g_ptr_array_index (accels, j);
          const char *owner = g_hash_table_lookup (owners, name);

          if (owner != NULL && !g_str_equal (owner, actions[i]))
            g_error ("%s is the shortcut of both %s and %s", name, owner, actions[i]);
          g_hash_table_insert (owners, g_strdup (name), g_strdup (actions[i]));
          n_accels++;
        }
    }

  /* The app has a dozen shortcuts; none found means the check looked in the wrong place. */
  g_assert_cmpuint (n_accels, >=, 10);
}

/* An entry that names an action shows that action's accelerators: there must be some, and
 * an accelerator written beside the name must be exactly those. */
static void
check_action_entry (GtkWidget          *window,
                    const OverlayEntry *entry,
                    GHashTable         *shown)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GPtrArray) accels = dup_app_accels (application, entry->action_name);

  if (!window_has_action (window, entry->action_name))
    g_error ("“%s” names %s, which the window does not have", entry->title, entry->action_name);
  if (accels->len == 0)
    g_error ("“%s” names %s, which has no accelerator to show", entry->title,
             entry->action_name);

  if (entry->accelerator != NULL)
    {
      g_auto(GStrv) keys = g_strsplit (entry->accelerator, " ", -1);

      g_assert_cmpuint (g_strv_length (keys), ==, accels->len);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          guint key;
          GdkModifierType modifiers;
          g_autofree char *name = NULL;

          g_assert_true (gtk_accelerator_parse (keys[i], &key, &modifiers));
          name = gtk_accelerator_name (key, modifiers);
          if (!has_name (accels, name))
            g_error ("“%s” shows %s, which is not an accelerator of %s", entry->title, keys[i],
                     entry->action_name);
        }
    }

  for (guint i = 0; i < accels->len; i++)
    {
      const char *name = g_ptr_array_index (accels, i);

      if (g_hash_table_contains (shown, name))
        g_error ("%s is shown twice, the second time for “%s”", name, entry->title);
      g_hash_table_insert (shown, g_strdup (name), g_strdup (entry->action_name));
    }
}

/* An entry with keys only: each key, pressed with the chart focused and a line selected,
 * must do something. */
static void
check_key_entry (WickWindow         *window,
                 const OverlayEntry *entry,
                 GHashTable         *shown)
{
  GtkWidget *chart = GTK_WIDGET (wick_window_get_chart (window));
  g_auto(GStrv) keys = NULL;

  if (entry->accelerator == NULL || entry->accelerator[0] == '\0')
    g_error ("“%s” shows neither an action nor keys", entry->title);

  keys = g_strsplit (entry->accelerator, " ", -1);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      guint key;
      GdkModifierType modifiers;
      g_autofree char *name = NULL;

      if (keys[i][0] == '\0')
        continue;

      if (!gtk_accelerator_parse (keys[i], &key, &modifiers))
        g_error ("“%s” shows %s, which is no accelerator", entry->title, keys[i]);
      name = gtk_accelerator_name (key, modifiers);
      if (g_hash_table_contains (shown, name))
        g_error ("%s is shown twice, the second time for “%s”", name, entry->title);
      g_hash_table_insert (shown, g_strdup (name), NULL);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-line", NULL));
      g_assert_cmpuint (wick_interaction_get_selected_id (wick_chart_get_interaction (WICK_CHART (chart))),
                        !=, 0);
      if (!test_keys_press (chart, key, modifiers))
        g_error ("%s, shown for “%s”, does nothing", keys[i], entry->title);
    }
}

/* Every action with an accelerator is in the shortcuts window with one at least (Ctrl+=
 * may stand beside Ctrl++ unseen, for keyboards where + needs Shift). */
static void
check_all_shown (GtkApplication *application,
                 GHashTable     *shown)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (application);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) accels = dup_app_accels (application, actions[i]);
      gboolean is_shown = accels->len == 0;

      for (guint j = 0; j < accels->len; j++)
        is_shown |= g_hash_table_contains (shown, g_ptr_array_index (accels, j));

      if (!is_shown)
        g_error ("%s, the shortcut of %s, is not in the shortcuts window",
                 (char *) g_ptr_array_index (accels, 0), actions[i]);
    }
}

static void
check_overlay (WickWindow *window)
{
  static const char * const group_titles[] = {
    "Chart", "Lines", "Signals & Heatmap", "Image", "General",
  };
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint n_actions = 0, n_keys = 0;

  read_overlay (&groups, &entries);

  g_assert_cmpuint (groups->len, ==, G_N_ELEMENTS (group_titles));
  for (guint i = 0; i < groups->len; i++)
    g_assert_cmpstr (g_ptr_array_index (groups, i), ==, group_titles[i]);

  for (guint i = 0; i < entries->len; i++)
    {
      const OverlayEntry *entry = g_ptr_array_index (entries, i);

      g_assert_nonnull (entry->title);
      g_assert_cmpstr (entry->title, !=, "");

      if (entry->action_name != NULL)
        {
          check_action_entry (GTK_WIDGET (window), entry, shown);
          n_actions++;
        }
      else
        {
          check_key_entry (window, entry, shown);
          n_keys++;
        }
    }

  /* The window lists both kinds; none of one means the parser lost its way. */
  g_assert_cmpuint (n_actions, >=, 8);
  g_assert_cmpuint (n_keys, >=, 8);

  check_all_shown (application, shown);
}

static void
check_accels (TestWindowFixture *fixture)
{
  check_unique (GTK_APPLICATION (fixture->application));
  check_overlay (fixture->window);
}

static void
test_accels_overlay (void)
{
  /* Lines can be added once the market and its lines are there. */
  test_window_run ("sample", TEST_WINDOW_WAIT_LEVELS, check_accels, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = test_isolate_user_dirs ("wick-accels");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wick/accels/unique-and-shown", test_accels_overlay);

  status = g_test_run ();
  test_remove_tree (root);

  return status;
}
