/* wick-window-export.h: Save Image and Copy Image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-export-options.h"
#include "wick-window.h"

G_BEGIN_DECLS

void     wick_window_save_image_async  (WickWindow              *self,
                                        GFile                   *file,
                                        const WickExportOptions *options,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
gboolean wick_window_save_image_finish (WickWindow              *self,
                                        GAsyncResult            *result,
                                        GError                 **error);
gboolean wick_window_copy_image        (WickWindow              *self,
                                        GError                 **error);

G_END_DECLS
