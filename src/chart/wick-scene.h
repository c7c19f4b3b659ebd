/* wick-scene.h: everything one frame of the chart shows, for screen and files alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-heatmap-image.h"
#include "wick-level-store.h"
#include "wick-lod.h"
#include "wick-market.h"
#include "wick-palette.h"
#include "wick-signals.h"
#include "wick-zones.h"

G_BEGIN_DECLS

struct _WickScene
{
  WickMarket        *market;        /* Borrowed */
  WickLod           *lod;           /* Borrowed, nullable: min/max pyramid of the market's series */
  const WickPalette *palette;       /* Borrowed */
  GTimeZone         *time_zone;     /* Borrowed, nullable: UTC when NULL */
  const char        *title;         /* Borrowed, nullable: title block, e.g. "BTCUSDT · 1h · Binance" */
  guint              show_volume : 1;
  guint              show_title_block : 1;  /* exports: title, time range and source at the top */
  guint              has_crosshair : 1;
  guint              show_legend : 1;    /* the OHLCV legend of the hovered (or latest) candle */
  double             crosshair_x;
  double             crosshair_y;
  WickLevelStore    *levels;             /* Borrowed, nullable: the user's price lines */
  guint32            hovered_level_id;   /* 0 for none: drawn with emphasis */
  guint32            selected_level_id;  /* 0 for none: drawn thicker, with a handle */
  guint32            drag_level_id;      /* 0 for none: left out of the static part, drawn by
                                          * the overlay at drag_price */
  double             drag_price;
  WickZones         *zones;              /* Borrowed, nullable: detected support and resistance
                                          * zones, drawn as faint bands */
  int                hovered_zone;       /* index into zones, -1 for none: its pin emphasised */
  guint              show_zone_pins : 1; /* a pin at each band's right end (interactive only) */
  WickHeatmapImage  *heatmap;            /* Borrowed, nullable: the liquidation heatmap with its
                                          * threshold, behind the candles */
  guint              show_heatmap : 1;   /* draw it, its legend and the realised liquidations */
  WickSignals       *signals;            /* Borrowed, nullable: reversal signals, drawn as markers
                                          * at their candles */
  int                selected_signal;    /* index into signals, -1 for none: emphasised */
  guint              show_signal_markers : 1; /* the signals' markers; their indicator lines
                                               * and lower pane are drawn either way */
  guint32            hidden_signal_kinds; /* 1 << WickSignalKind for each kind whose markers
                                           * are left out */
  guint              show_ema20 : 1;     /* the signals' EMA (20) as a line over the candles */
  guint              show_ema50 : 1;     /* the signals' EMA (50) */
  guint              show_vwap : 1;      /* the signals' daily VWAP */
  WickLowerPane      lower_pane;         /* the signals' RSI or MACD in a pane under the price
                                          * pane, where the viewport keeps room for it */
};

void wick_scene_init (WickScene         *scene,
                      WickMarket        *market,
                      const WickPalette *palette);

G_END_DECLS
