/* wick-palette.c: the light and the dark chart palettes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-palette.h"

#define CHANNEL(hex, shift) ((((hex) >> (shift)) & 0xff) / 255.)
#define RGBA(hex, a)        { CHANNEL (hex, 16), CHANNEL (hex, 8), CHANNEL (hex, 0), (a) }
#define RGB(hex)            RGBA (hex, 1.)

static const WickPalette light_palette = {
  .background       = RGB (0xffffff),
  .grid             = RGB (0xf0f3fa),
  .axis_text        = RGB (0x131722),
  .text             = RGB (0x131722),
  .up               = RGB (0x26a69a),
  .down             = RGB (0xef5350),
  .volume_up        = RGBA (0x26a69a, .5),
  .volume_down      = RGBA (0xef5350, .5),
  .crosshair        = RGB (0x9598a1),
  .label_background = RGB (0x131722),
  .label_text       = RGB (0xffffff),
  .watermark        = RGBA (0x131722, .25),
  .border           = RGB (0xe0e3eb),
  .label_text_dark  = RGB (0x131722),
  .support          = RGB (0x089981),
  .resistance       = RGB (0xf23645),
  .selection        = RGBA (0x2962ff, .22),
};

static const WickPalette dark_palette = {
  .background       = RGB (0x131722),
  .grid             = RGB (0x1f2433),
  .axis_text        = RGB (0xb2b5be),
  .text             = RGB (0xd1d4dc),
  .up               = RGB (0x26a69a),
  .down             = RGB (0xef5350),
  .volume_up        = RGBA (0x26a69a, .5),
  .volume_down      = RGBA (0xef5350, .5),
  .crosshair        = RGB (0x758696),
  .label_background = RGB (0x363a45),
  .label_text       = RGB (0xffffff),
  .watermark        = RGBA (0xd1d4dc, .25),
  .border           = RGB (0x2a2e39),
  .label_text_dark  = RGB (0x131722),
  .support          = RGB (0x22ab94),
  .resistance       = RGB (0xf7525f),
  .selection        = RGBA (0x2962ff, .38),
};

/**
 * wick_palette_get:
 * @dark: whether to return the dark palette
 *
 * Returns: (transfer none): a static palette
 */
const WickPalette *
wick_palette_get (gboolean dark)
{
  return dark ? &dark_palette : &light_palette;
}
