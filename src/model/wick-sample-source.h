/* wick-sample-source.h: the bundled synthetic BTCUSDT 1h market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-source.h"

G_BEGIN_DECLS

#define WICK_TYPE_SAMPLE_SOURCE (wick_sample_source_get_type ())

G_DECLARE_FINAL_TYPE (WickSampleSource, wick_sample_source, WICK, SAMPLE_SOURCE, GObject)

WickSource *wick_sample_source_new (void);

G_END_DECLS
