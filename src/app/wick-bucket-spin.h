/* wick-bucket-spin.h: a spin button for the heatmap's price bucket that reads 0 as “Auto”
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void wick_bucket_spin_attach (GtkSpinButton *spin);

G_END_DECLS
