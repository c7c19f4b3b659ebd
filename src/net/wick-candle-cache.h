/* wick-candle-cache.h: candles kept on disk per exchange:symbol:interval, so a restart is instant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file per market under the cache directory ($XDG_CACHE_HOME/wick by default), a small
 * binary format with a magic, a version, the interval, the count, the candles and a checksum;
 * written to a temp file and renamed. A file that is truncated, of another version, of the wrong
 * interval or whose checksum or candles do not validate is deleted with a g_warning and reported
 * as WICK_CACHE_ERROR_CORRUPT; it never crashes and never returns part of a file. At most
 * WICK_CACHE_MAX_CANDLES (the newest) are kept. Holds no mutable state, so any thread may use it.
 */

#pragma once

#include <gio/gio.h>

#include "wick-series.h"

G_BEGIN_DECLS

#define WICK_CACHE_MAX_CANDLES 500000

#define WICK_CACHE_ERROR (wick_cache_error_quark ())

typedef enum
{
  WICK_CACHE_ERROR_CORRUPT,
} WickCacheError;

#define WICK_TYPE_CANDLE_CACHE (wick_candle_cache_get_type ())

G_DECLARE_FINAL_TYPE (WickCandleCache, wick_candle_cache, WICK, CANDLE_CACHE, GObject)

GQuark           wick_cache_error_quark     (void);
/* @directory: (nullable): where the files live; NULL for $XDG_CACHE_HOME/wick */
WickCandleCache *wick_candle_cache_new      (const char       *directory);
char            *wick_candle_cache_dup_path (WickCandleCache  *self,
                                             const char       *exchange,
                                             const char       *symbol,
                                             const char       *interval);
/* Returns NULL with G_IO_ERROR_NOT_FOUND when nothing is cached. */
WickSeries      *wick_candle_cache_load     (WickCandleCache  *self,
                                             const char       *exchange,
                                             const char       *symbol,
                                             const char       *interval,
                                             GError          **error);
gboolean         wick_candle_cache_save     (WickCandleCache  *self,
                                             const char       *exchange,
                                             const char       *symbol,
                                             const char       *interval,
                                             WickSeries       *series,
                                             GError          **error);

G_END_DECLS
