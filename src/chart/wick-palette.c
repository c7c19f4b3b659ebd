/* wick-palette.c: the light and the dark chart palettes, each also colour-blind safe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-palette.h"

#include <math.h>

#define CHANNEL(hex, shift) ((((hex) >> (shift)) & 0xff) / 255.)
#define RGBA(hex, a)        { CHANNEL (hex, 16), CHANNEL (hex, 8), CHANNEL (hex, 0), (a) }
#define RGB(hex)            RGBA (hex, 1.)

/* The fields both light palettes share; the two differ only in the colours that tell up from
 * down (candles, volume, lines, zones, markers, the MACD histogram). */
#define LIGHT_COMMON                                \
  .background       = RGB (0xffffff),               \
  .grid             = RGB (0xf0f3fa),               \
  .axis_text        = RGB (0x131722),               \
  .text             = RGB (0x131722),               \
  .crosshair        = RGB (0x9598a1),               \
  .label_background = RGB (0x131722),               \
  .label_text       = RGB (0xffffff),               \
  .watermark        = RGBA (0x131722, .25),         \
  .border           = RGB (0xe0e3eb),               \
  .label_text_dark  = RGB (0x131722),               \
  .selection        = RGBA (0x2962ff, .22),         \
  .liquidation_long = RGB (0xff6d00),               \
  .liquidation_short = RGB (0x2962ff),              \
  .ema20            = RGB (0xe69500),               \
  .ema50            = RGB (0x8e24aa),               \
  .vwap             = RGB (0x1e88e5),               \
  .rsi              = RGB (0x7e57c2),               \
  .macd             = RGB (0x2962ff),               \
  .macd_signal      = RGB (0xff6d00)

#define DARK_COMMON                                 \
  .background       = RGB (0x131722),               \
  .grid             = RGB (0x1f2433),               \
  .axis_text        = RGB (0xb2b5be),               \
  .text             = RGB (0xd1d4dc),               \
  .crosshair        = RGB (0x758696),               \
  .label_background = RGB (0x363a45),               \
  .label_text       = RGB (0xffffff),               \
  .watermark        = RGBA (0xd1d4dc, .25),         \
  .border           = RGB (0x2a2e39),               \
  .label_text_dark  = RGB (0x131722),               \
  .selection        = RGBA (0x2962ff, .38),         \
  .liquidation_long = RGB (0xff9100),               \
  .liquidation_short = RGB (0x448aff),              \
  .ema20            = RGB (0xffb300),               \
  .ema50            = RGB (0xba68c8),               \
  .vwap             = RGB (0x42a5f5),               \
  .rsi              = RGB (0xb39ddb),               \
  .macd             = RGB (0x448aff),               \
  .macd_signal      = RGB (0xff9100)

static const WickPalette light_palette = {
  LIGHT_COMMON,
  .up               = RGB (0x26a69a),
  .down             = RGB (0xef5350),
  .volume_up        = RGBA (0x26a69a, .5),
  .volume_down      = RGBA (0xef5350, .5),
  .support          = RGB (0x089981),
  .resistance       = RGB (0xf23645),
  .zone_support     = RGBA (0x089981, .08),
  .zone_resistance  = RGBA (0xf23645, .07),
  .signal_bullish   = RGB (0x00796b),
  .signal_bearish   = RGB (0xc62828),
  .macd_hist_up     = RGBA (0x26a69a, .5),
  .macd_hist_down   = RGBA (0xef5350, .5),
};

static const WickPalette dark_palette = {
  DARK_COMMON,
  .up               = RGB (0x26a69a),
  .down             = RGB (0xef5350),
  .volume_up        = RGBA (0x26a69a, .5),
  .volume_down      = RGBA (0xef5350, .5),
  .support          = RGB (0x22ab94),
  .resistance       = RGB (0xf7525f),
  .zone_support     = RGBA (0x22ab94, .11),
  .zone_resistance  = RGBA (0xf7525f, .10),
  .signal_bullish   = RGB (0x00897b),
  .signal_bearish   = RGB (0xd32f2f),
  .macd_hist_up     = RGBA (0x26a69a, .5),
  .macd_hist_down   = RGBA (0xef5350, .5),
};

/* Blue for up and orange for down, after Okabe and Ito's palette: a pair that people with
 * any of the common colour vision deficiencies (red–green above all) tell apart, and that
 * also differs in lightness, so it survives greyscale printing. Long liquidations (orange)
 * and short ones (blue) already follow the same sense. */
static const WickPalette light_colorblind_palette = {
  LIGHT_COMMON,
  .up               = RGB (0x0072b2),
  .down             = RGB (0xe66100),
  .volume_up        = RGBA (0x0072b2, .45),
  .volume_down      = RGBA (0xe66100, .45),
  .support          = RGB (0x005f95),
  .resistance       = RGB (0xd55e00),
  .zone_support     = RGBA (0x0072b2, .08),
  .zone_resistance  = RGBA (0xe66100, .08),
  .signal_bullish   = RGB (0x005a8c),
  .signal_bearish   = RGB (0xb34700),
  .macd_hist_up     = RGBA (0x0072b2, .45),
  .macd_hist_down   = RGBA (0xe66100, .45),
};

static const WickPalette dark_colorblind_palette = {
  DARK_COMMON,
  .up               = RGB (0x56b4e9),
  .down             = RGB (0xf28e2b),
  .volume_up        = RGBA (0x56b4e9, .5),
  .volume_down      = RGBA (0xf28e2b, .5),
  .support          = RGB (0x4aa8e0),
  .resistance       = RGB (0xf5a04b),
  .zone_support     = RGBA (0x56b4e9, .11),
  .zone_resistance  = RGBA (0xf28e2b, .10),
  .signal_bullish   = RGB (0x2f8fcb),
  .signal_bearish   = RGB (0xd9731a),
  .macd_hist_up     = RGBA (0x56b4e9, .5),
  .macd_hist_down   = RGBA (0xf28e2b, .5),
};

/**
 * wick_palette_get:
 * @dark: whether to return the dark palette
 *
 * Returns: (transfer none): a static palette, with green and red for up and down
 */
const WickPalette *
wick_palette_get (gboolean dark)
{
  return wick_palette_get_full (dark, FALSE);
}

/**
 * wick_palette_get_full:
 * @dark: whether to return a dark palette
 * @colorblind: whether up and down are blue and orange rather than green and red
 *
 * Returns: (transfer none): a static palette
 */
const WickPalette *
wick_palette_get_full (gboolean dark,
                       gboolean colorblind)
{
  if (colorblind)
    return dark ? &dark_colorblind_palette : &light_colorblind_palette;

  return dark ? &dark_palette : &light_palette;
}

/**
 * wick_palette_is_colorblind:
 * @palette: a palette of wick_palette_get_full()
 *
 * Lets a picture drawn in another theme than the screen's (an export) keep the screen's
 * up and down colours.
 *
 * Returns: whether @palette draws up and down in blue and orange
 */
gboolean
wick_palette_is_colorblind (const WickPalette *palette)
{
  g_return_val_if_fail (palette != NULL, FALSE);

  return palette == &light_colorblind_palette || palette == &dark_colorblind_palette;
}

/* The liquidation heatmap's ramp, the same in both palettes: from a faint deep purple through
 * teal to yellow, as viridis, with the opacity rising along it but never so far that the
 * candles drawn over it stop being legible. */
static const struct
{
  double    t;
  WickColor color;
} heatmap_stops[] = {
  { 0.00, RGBA (0x440154, .15) },
  { 0.25, RGBA (0x3b528b, .32) },
  { 0.50, RGBA (0x21918c, .45) },
  { 0.75, RGBA (0x5ec962, .58) },
  { 1.00, RGBA (0xfde725, .72) },
};

/**
 * wick_palette_heatmap_ramp:
 * @t: where on the ramp, clamped to 0..1
 * @color: (out caller-allocates): the colour there, not premultiplied
 *
 * The colour of a heatmap cell at @t of the way from the low threshold to the high one.
 */
void
wick_palette_heatmap_ramp (double     t,
                           WickColor *color)
{
  const WickColor *a, *b;
  double s;
  guint i;

  g_return_if_fail (color != NULL);

  t = isnan (t) ? 0 : CLAMP (t, 0, 1);

  /* The stop at or after t, then a straight line from the one before. */
  for (i = 1; i + 1 < G_N_ELEMENTS (heatmap_stops) && t > heatmap_stops[i].t; i++)
    ;

  a = &heatmap_stops[i - 1].color;
  b = &heatmap_stops[i].color;
  s = (t - heatmap_stops[i - 1].t) / (heatmap_stops[i].t - heatmap_stops[i - 1].t);

  color->red = a->red + (b->red - a->red) * s;
  color->green = a->green + (b->green - a->green) * s;
  color->blue = a->blue + (b->blue - a->blue) * s;
  color->alpha = a->alpha + (b->alpha - a->alpha) * s;
}
