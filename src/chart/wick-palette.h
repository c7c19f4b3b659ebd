/* wick-palette.h: the colours of one theme, in one place for screen and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-types.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} WickColor;

struct _WickPalette
{
  WickColor background;
  WickColor grid;
  WickColor axis_text;
  WickColor text;
  WickColor up;
  WickColor down;
  WickColor volume_up;
  WickColor volume_down;
  WickColor crosshair;
  WickColor label_background;
  WickColor label_text;
  WickColor watermark;
  WickColor border;            /* the lines between the plot and the axes */
  WickColor label_text_dark;   /* text on a light label, e.g. of a line pinned to yellow */
  WickColor support;           /* a price line below the last close */
  WickColor resistance;        /* a price line above the last close */
  WickColor selection;         /* the band behind the selected price line */
  WickColor zone_support;      /* a detected support zone's band, translucent */
  WickColor zone_resistance;   /* a detected resistance zone's band, translucent */
  WickColor liquidation_long;  /* realised long liquidations: bubbles under the candles */
  WickColor liquidation_short; /* realised short liquidations: bubbles over the candles */
  WickColor signal_bullish;    /* a bullish signal's marker, under its candle */
  WickColor signal_bearish;    /* a bearish signal's marker, over its candle */
  WickColor ema20;             /* the EMA (20) line on the price pane and its legend */
  WickColor ema50;             /* the EMA (50) line */
  WickColor vwap;              /* the daily VWAP line */
  WickColor rsi;               /* the RSI (14) line in the lower pane */
  WickColor macd;              /* the MACD line in the lower pane */
  WickColor macd_signal;       /* the MACD's signal line */
  WickColor macd_hist_up;      /* a MACD histogram bar above zero, translucent */
  WickColor macd_hist_down;    /* a bar below zero, translucent */
};

const WickPalette *wick_palette_get            (gboolean           dark);
const WickPalette *wick_palette_get_full       (gboolean           dark,
                                                gboolean           colorblind);
gboolean           wick_palette_is_colorblind  (const WickPalette *palette);
void               wick_palette_heatmap_ramp   (double             t,
                                                WickColor         *color);

G_END_DECLS
