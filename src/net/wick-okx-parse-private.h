/* wick-okx-parse-private.h: what OKX's REST and websocket parsers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A candle row reads the same in a REST page and in a push, so both parsers check it here
 * (wick-okx-parse.c) and cannot drift apart.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wick-series.h"

G_BEGIN_DECLS

/* Whether @ct_val is a contract value to multiply `vol` with: finite and above zero. */
gboolean _wick_okx_check_ct_val     (double       ct_val,
                                     GError     **error);
/* Reads the first six fields of a candle row ([ts, o, h, l, c, vol, …]) at element @index,
 * scales `vol` by @ct_val and checks the candle. @out_candle is untouched on failure. */
gboolean _wick_okx_parse_candle_row (JsonNode    *node,
                                     guint        index,
                                     double       ct_val,
                                     WickCandle  *out_candle,
                                     GError     **error);

G_END_DECLS
