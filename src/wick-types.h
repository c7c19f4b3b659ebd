/* wick-types.h: forward declarations and enums shared across layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WickCandle        WickCandle;
typedef struct _WickSeries        WickSeries;
typedef struct _WickLiquidations  WickLiquidations;
typedef struct _WickOpenInterest  WickOpenInterest;
typedef struct _WickMarket        WickMarket;
typedef struct _WickSource        WickSource;
typedef struct _WickViewport      WickViewport;
typedef struct _WickScene         WickScene;
typedef struct _WickPalette       WickPalette;

G_END_DECLS
