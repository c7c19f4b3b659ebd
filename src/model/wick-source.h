/* wick-source.h: where a market comes from (the bundled sample, CSV files, an exchange)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wick-market.h"

G_BEGIN_DECLS

#define WICK_SOURCE_ERROR (wick_source_error_quark ())

typedef enum
{
  WICK_SOURCE_ERROR_UNSUPPORTED,   /* symbol or interval this source does not offer */
  WICK_SOURCE_ERROR_INVALID_DATA,  /* the bytes did not parse */
  WICK_SOURCE_ERROR_EMPTY,
} WickSourceError;

#define WICK_TYPE_SOURCE (wick_source_get_type ())

G_DECLARE_INTERFACE (WickSource, wick_source, WICK, SOURCE, GObject)

struct _WickSourceInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name)    (WickSource           *self);
  void        (*load_async)  (WickSource           *self,
                              const char           *symbol,
                              const char           *interval,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  WickMarket *(*load_finish) (WickSource           *self,
                              GAsyncResult         *result,
                              GError              **error);
  void        (*set_range)   (WickSource           *self,
                              gint64                from_ms,
                              gint64                to_ms);
};

GQuark      wick_source_error_quark (void);
const char *wick_source_get_name    (WickSource           *self);
void        wick_source_load_async  (WickSource           *self,
                                     const char           *symbol,
                                     const char           *interval,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
WickMarket *wick_source_load_finish (WickSource           *self,
                                     GAsyncResult         *result,
                                     GError              **error);
void        wick_source_set_range   (WickSource           *self,
                                     gint64                from_ms,
                                     gint64                to_ms);
void        wick_source_emit_progress (WickSource         *self,
                                       guint               pages_done,
                                       guint               pages_expected);
void        wick_source_emit_status   (WickSource         *self,
                                       const char         *message);
void        wick_source_emit_cached   (WickSource         *self,
                                       WickMarket         *market);
WickMarket *wick_source_load        (WickSource           *self,
                                     const char           *symbol,
                                     const char           *interval,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
