/* wick-bucket-spin.c: a spin button for the heatmap's price bucket that reads 0 as “Auto”
 *
 * The Heatmap popover and the preferences edit the same key with it, so both show and take
 * the automatic bucket alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-bucket-spin.h"

#include <glib/gi18n-lib.h>

static gboolean
on_output_cb (GtkSpinButton *spin,
              gpointer       user_data)
{
  if (gtk_spin_button_get_value (spin) > 0)
    return FALSE;

  /* Translators: the heatmap's price bucket chosen from the visible prices */
  gtk_editable_set_text (GTK_EDITABLE (spin), C_("heatmap bucket", "Auto"));
  return TRUE;
}

/* Anything but a number, such as “Auto”, means automatic. */
static int
on_input_cb (GtkSpinButton *spin,
             double        *value,
             gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double parsed = g_strtod (text, &end);

  *value = end == text ? 0 : MAX (parsed, 0);
  return TRUE;
}

/**
 * wick_bucket_spin_attach:
 * @spin: a spin button over the `heatmap-bucket` key's values, 0 for automatic
 *
 * Shows 0 as “Auto”, and takes any text that is not a number as automatic.
 */
void
wick_bucket_spin_attach (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  g_signal_connect (spin, "output", G_CALLBACK (on_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_input_cb), NULL);
}
