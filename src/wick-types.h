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

/* The indicator pane under the price pane; the values are those of the `lower-pane` key. */
typedef enum
{
  WICK_LOWER_PANE_NONE,
  WICK_LOWER_PANE_RSI,   /* RSI (14) on 0..100 with its 30 and 70 guides */
  WICK_LOWER_PANE_MACD,  /* MACD (12, 26, 9): the two lines and the histogram */
} WickLowerPane;

G_END_DECLS
