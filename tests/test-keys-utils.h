/* test-keys-utils.h: a key press delivered to a widget as GTK would, for widget tests
 *
 * GTK 4 has no public way to make a key event. A press is played instead through the same
 * objects GTK asks: the shortcut controllers in the capture phase from the window down to
 * the focus widget (the application's accelerators sit there), then the focus widget's own
 * key controllers and the shortcut controllers of it and its ancestors as the event bubbles
 * up (widget class bindings such as the chart's arrows and the window's F9). The first that
 * handles the key ends the press, as in GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

static inline gboolean
test_keys_trigger_matches (GtkShortcutTrigger *trigger,
                           guint               keyval,
                           GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      GtkAlternativeTrigger *alternative = GTK_ALTERNATIVE_TRIGGER (trigger);

      return test_keys_trigger_matches (gtk_alternative_trigger_get_first (alternative),
                                        keyval, modifiers) ||
             test_keys_trigger_matches (gtk_alternative_trigger_get_second (alternative),
                                        keyval, modifiers);
    }

  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      GtkKeyvalTrigger *key = GTK_KEYVAL_TRIGGER (trigger);

      return gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (key)) ==
               gdk_keyval_to_lower (keyval) &&
             gtk_keyval_trigger_get_modifiers (key) == modifiers;
    }

  return FALSE;
}

/* Activates the shortcut of @controller (on @widget) that @keyval and @modifiers trigger. */
static inline gboolean
test_keys_try_shortcuts (GtkWidget          *widget,
                         GtkEventController *controller,
                         guint               keyval,
                         GdkModifierType     modifiers)
{
  GListModel *shortcuts = G_LIST_MODEL (controller);

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);

      if (test_keys_trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers) &&
          gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                        GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                        gtk_shortcut_get_arguments (shortcut)))
        return TRUE;
    }

  return FALSE;
}

/* Offers the key to the controllers of @widget in @phase; key controllers only when
 * @widget has the focus. */
static inline gboolean
test_keys_offer (GtkWidget           *widget,
                 GtkPropagationPhase  phase,
                 gboolean             is_focus,
                 guint                keyval,
                 GdkModifierType      modifiers)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      GtkPropagationPhase controller_phase = gtk_event_controller_get_propagation_phase (controller);

      if (controller_phase != phase &&
          !(is_focus && phase == GTK_PHASE_BUBBLE && controller_phase == GTK_PHASE_TARGET))
        continue;

      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        handled = test_keys_try_shortcuts (widget, controller, keyval, modifiers);
      else if (is_focus && GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0u, modifiers, &handled);
    }

  g_object_unref (controllers);

  return handled;
}

/* Presses @keyval with @modifiers while @focus has the focus; returns whether anything
 * handled it. */
static inline gboolean
test_keys_press (GtkWidget       *focus,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    g_ptr_array_add (chain, widget);

  for (guint i = chain->len; i > 0; i--)
    if (test_keys_offer (chain->pdata[i - 1], GTK_PHASE_CAPTURE, FALSE, keyval, modifiers))
      return TRUE;

  for (guint i = 0; i < chain->len; i++)
    if (test_keys_offer (chain->pdata[i], GTK_PHASE_BUBBLE, i == 0, keyval, modifiers))
      return TRUE;

  return FALSE;
}

/* Presses the keys of @accelerator, as gtk_accelerator_parse () reads it. */
static inline gboolean
test_keys_press_accelerator (GtkWidget  *focus,
                             const char *accelerator)
{
  guint keyval;
  GdkModifierType modifiers;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));

  return test_keys_press (focus, keyval, modifiers);
}
