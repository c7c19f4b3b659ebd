/* wick-render-signals.c: reversal signals as small arrows with a tag, at their candles
 *
 * A bullish signal's marker sits under its candle's low, pointing up at it; a bearish one
 * over the high, pointing down. Beyond the arrow, a badge in the direction's colour carries a
 * short tag for the kind ("V", "HL"), so neither the kind nor the direction depends on colour
 * alone. A badge that would cover another (a second signal at the same candle, or one at a
 * neighbouring candle when candles are narrower than a badge) moves outward by whole badges,
 * leaving the arrow to the one next to the candle; in a view so dense that a badge finds no
 * room within a few places (years of candles, hundreds to a pixel column), it is left out
 * rather than piled on the others. The selected signal's candle gets a band of the selection
 * colour and its badge a ring, and it is drawn last, on top, even where it was left out.
 *
 * The layout, and the hit-test that follows it, are in wick-render-signals-layout.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wick-render-signals-private.h"

#include "wick-axis.h"
#include "wick-format.h"

#define TAG_FONT_PX      11
#define BADGE_RADIUS     3.0
#define ARROW_HALF_WIDTH 5.0
/* The selected badge's ring: its width and its gap to the badge. */
#define RING_WIDTH       2.0
#define RING_GAP         1.0

/**
 * wick_render_signal_tag:
 * @signal: a signal
 *
 * Returns: (transfer none): the short translated tag written in the signal's badge
 */
const char *
wick_render_signal_tag (const WickSignal *signal)
{
  g_return_val_if_fail (signal != NULL, "");

  /* Translators: the tags in the chart's signal badges stand for the kinds of signal; keep
   * them to one or two letters, as the badges are small. */
  switch (signal->kind)
    {
    case WICK_SIGNAL_LIQUIDATION_CASCADE:
      return C_("signal tag: liquidation cascade", "LQ");
    case WICK_SIGNAL_CAPITULATION_VOLUME:
      return C_("signal tag: capitulation volume", "CV");
    case WICK_SIGNAL_SUPPORT_TEST:
      return C_("signal tag: support test", "ST");
    case WICK_SIGNAL_V_RECOVERY:
      return C_("signal tag: V-shaped recovery", "V");
    case WICK_SIGNAL_HIGHER_LOW:
      return C_("signal tag: higher low", "HL");
    case WICK_SIGNAL_BREAKOUT:
      return C_("signal tag: breakout", "BO");
    case WICK_SIGNAL_FAILED_BREAKOUT:
      return C_("signal tag: failed breakout", "FB");
    case WICK_SIGNAL_N_WEEK_HIGH:
      return C_("signal tag: n-week high", "WH");
    case WICK_SIGNAL_N_WEEK_LOW:
      return C_("signal tag: n-week low", "WL");
    case WICK_SIGNAL_RSI_DIVERGENCE:
      return C_("signal tag: RSI divergence", "DV");
    case WICK_SIGNAL_REVERSAL_CANDLE:
      return C_("signal tag: reversal candle", "RC");
    case WICK_N_SIGNAL_KINDS:
    default:
      return "?";
    }
}

/**
 * wick_render_signals_dup_tooltip:
 * @signals: the analysis drawn
 * @index: a signal of @signals
 *
 * What a marker's tooltip says: the kind, the candle's time in UTC, the explanation with
 * its numbers, when it was known if that was a later candle, and the strength.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for no such signal
 */
char *
wick_render_signals_dup_tooltip (WickSignals *signals,
                                 guint        index)
{
  const WickSignal *signal;
  g_autoptr(GString) text = NULL;
  g_autofree char *time = NULL;
  char strength[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (signals != NULL, NULL);

  if (index >= wick_signals_get_n_signals (signals))
    return NULL;

  signal = wick_signals_get_signal (signals, index);
  /* Translators: a candle's time in a signal's tooltip, as in “Mon 5 Jan 2026 02:00 UTC”;
   * see g_date_time_format() */
  time = wick_axis_format_time (NULL, signal->time_ms, _("%a %-d %b %Y %H:%M UTC"));

  text = g_string_new (NULL);
  /* Translators: the first line of a signal's tooltip: its kind and its candle's time, as in
   * “Support test · Mon 5 Jan 2026 02:00 UTC” */
  g_string_append_printf (text, _("%s · %s"), wick_signal_kind_get_label (signal->kind),
                          time != NULL ? time : "");
  if (signal->explanation != NULL && signal->explanation[0] != '\0')
    g_string_append_printf (text, "\n%s", signal->explanation);

  if (signal->confirmed_time_ms != signal->time_ms)
    {
      g_autofree char *confirmed = NULL;

      /* Translators: a time as in “Mon 5 Jan 2026 05:00 UTC”; see g_date_time_format() */
      confirmed = wick_axis_format_time (NULL, signal->confirmed_time_ms,
                                         _("%a %-d %b %Y %H:%M UTC"));
      g_string_append_c (text, '\n');
      /* Translators: %s is a time as in “Mon 5 Jan 2026 05:00 UTC”: the signal is only known
       * once that candle has closed */
      g_string_append_printf (text, _("Confirmed at the close of %s"),
                              confirmed != NULL ? confirmed : "");
    }

  wick_format_grouped_into (strength, sizeof strength, signal->strength, 2);
  g_string_append_c (text, '\n');
  /* Translators: %s is a number from 0 to 1, as in “0.82”, that ranks signals */
  g_string_append_printf (text, _("Strength %s"), strength);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- drawing ---- */

static void
rounded_rect (cairo_t        *cr,
              const WickRect *r,
              double          radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The selected signal's candle: a band of the selection colour down the plot. */
static void
draw_selection_band (Frame                  *f,
                     const WickSignalMarker *marker)
{
  double candle_px = f->interval_ms / (f->to_ms - f->from_ms) * f->plot.width;
  double half = MAX (floor (candle_px / 2), WICK_RENDER_SIGNAL_GAP);

  cairo_rectangle (f->cr, floor (marker->tip_x) - half, f->plot.y, 2 * half + 1, f->plot.height);
  set_color (f->cr, &f->palette->selection);
  cairo_fill (f->cr);
}

static void
draw_marker (Frame                      *f,
             const WickSignal           *signal,
             const WickSignalMarker     *marker,
             const PangoFontDescription *font,
             gboolean                    is_selected)
{
  cairo_t *cr = f->cr;
  const WickColor *color = marker->is_above ? &f->palette->signal_bearish
                                            : &f->palette->signal_bullish;
  double w, h;

  set_color (cr, color);

  if (marker->has_arrow)
    {
      cairo_move_to (cr, marker->tip_x, marker->tip_y);
      cairo_line_to (cr, marker->tip_x + ARROW_HALF_WIDTH, marker->base_y);
      cairo_line_to (cr, marker->tip_x - ARROW_HALF_WIDTH, marker->base_y);
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  rounded_rect (cr, &marker->badge, BADGE_RADIUS);
  cairo_fill (cr);

  if (is_selected)
    {
      WickRect ring = marker->badge;
      double out = RING_GAP + RING_WIDTH / 2;

      ring.x -= out;
      ring.y -= out;
      ring.width += 2 * out;
      ring.height += 2 * out;
      rounded_rect (cr, &ring, BADGE_RADIUS + out);
      cairo_set_line_width (cr, RING_WIDTH);
      set_color (cr, &f->palette->text);
      cairo_stroke (cr);
    }

  _wick_render_set_text (f, font, wick_render_signal_tag (signal), &w, &h);
  _wick_render_show_text (f, marker->badge.x + (marker->badge.width - w) / 2,
                          marker->badge.y + (marker->badge.height - h) / 2,
                          &f->palette->label_text);
}

/* Markers drawn once and then copied: a view of years of candles draws a thousand of them,
 * and a marker's shapes and text cost some microseconds each time. A marker's look depends
 * only on its kind, side and arrow, and it sits on whole pixels, so on an image whose pixels
 * are whole multiples of the frame's (no fractional scale, no fractional offset) its copy
 * lands on the pixels it would fill, with the same coverage; only where its shapes overlap
 * each other may a channel differ by one step of rounding. Other targets, and views with few
 * markers, draw each marker. */
#define MIN_SPRITE_MARKERS 32

typedef struct
{
  int              scale;  /* device pixels per logical pixel; 0 when the target is unfit */
  cairo_surface_t *sprites[WICK_N_SIGNAL_KINDS][2][2];  /* Owned: by kind, above, arrow */
} Sprites;

static void
sprites_init (Sprites *sprites,
              cairo_t *cr)
{
  cairo_matrix_t m;

  memset (sprites, 0, sizeof *sprites);
  cairo_get_matrix (cr, &m);
  if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE &&
      m.xy == 0 && m.yx == 0 && m.xx == m.yy && m.xx >= 1 && m.xx <= 8 &&
      m.xx == floor (m.xx) && m.x0 == floor (m.x0) && m.y0 == floor (m.y0))
    sprites->scale = (int) m.xx;
}

static void
sprites_clear (Sprites *sprites)
{
  for (guint k = 0; k < WICK_N_SIGNAL_KINDS; k++)
    for (guint a = 0; a < 2; a++)
      for (guint w = 0; w < 2; w++)
        g_clear_pointer (&sprites->sprites[k][a][w], cairo_surface_destroy);
}

static void draw_marker (Frame                      *f,
                         const WickSignal           *signal,
                         const WickSignalMarker     *marker,
                         const PangoFontDescription *font,
                         gboolean                    is_selected);

/* Draws @marker from its sprite, made on first use; FALSE when it has to be drawn itself. */
static gboolean
draw_sprite (Frame                      *f,
             Sprites                    *sprites,
             const WickSignal           *signal,
             const WickSignalMarker     *marker,
             const PangoFontDescription *font)
{
  const WickRect *b = &marker->bounds;
  cairo_surface_t **sprite;

  /* Text is placed by rounding, which is the same in the sprite only from x and y ≥ 0. */
  if (sprites->scale == 0 || (guint) signal->kind >= WICK_N_SIGNAL_KINDS || b->x < 0 || b->y < 0)
    return FALSE;

  sprite = &sprites->sprites[signal->kind][marker->is_above][marker->has_arrow];
  if (*sprite == NULL)
    {
      WickSignalMarker local = *marker;
      Frame copy = *f;

      local.badge.x -= b->x;
      local.badge.y -= b->y;
      local.bounds.x = local.bounds.y = 0;
      local.tip_x -= b->x;
      local.tip_y -= b->y;
      local.base_y -= b->y;

      *sprite = cairo_surface_create_similar_image (cairo_get_target (f->cr), CAIRO_FORMAT_ARGB32,
                                                    (int) ceil (b->width) * sprites->scale,
                                                    (int) ceil (b->height) * sprites->scale);
      cairo_surface_set_device_scale (*sprite, sprites->scale, sprites->scale);
      copy.cr = cairo_create (*sprite);
      draw_marker (&copy, signal, &local, font, FALSE);
      cairo_destroy (copy.cr);
      /* The layout now holds the tag font. */
      f->current_font = copy.current_font;
    }

  cairo_set_source_surface (f->cr, *sprite, b->x, b->y);
  cairo_rectangle (f->cr, b->x, b->y, ceil (b->width), ceil (b->height));
  cairo_fill (f->cr);

  return TRUE;
}

/* Every signal of the scene whose candle is in view, the selected one last. The caller
 * clips to the plot. */
void
_wick_render_signals (Frame *f)
{
  WickSignals *signals = f->scene->signals;
  g_autoptr(GArray) placed = NULL;
  const WickPlacedMarker *selected = NULL;
  PangoFontDescription *font;
  Sprites sprites;

  if (!f->scene->show_signal_markers || signals == NULL ||
      wick_signals_get_n_signals (signals) == 0)
    return;

  placed = _wick_render_signals_layout (signals, f->viewport, f->scene->lod,
                                        f->scene->selected_signal,
                                        f->scene->hidden_signal_kinds);
  if (f->scene->selected_signal >= 0)
    selected = _wick_render_signals_find_placed (placed, f->scene->selected_signal);
  if (selected != NULL)
    draw_selection_band (f, &selected->marker);

  font = pango_font_description_new ();
  pango_font_description_set_family_static (font, "Sans");
  pango_font_description_set_absolute_size (font, TAG_FONT_PX * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);

  cairo_save (f->cr);
  sprites_init (&sprites, f->cr);
  if (placed->len < MIN_SPRITE_MARKERS)
    sprites.scale = 0;

  for (guint i = 0; i < placed->len; i++)
    {
      const WickPlacedMarker *p = &g_array_index (placed, WickPlacedMarker, i);
      const WickSignal *signal = wick_signals_get_signal (signals, p->index);

      if (p != selected && !draw_sprite (f, &sprites, signal, &p->marker, font))
        draw_marker (f, signal, &p->marker, font, FALSE);
    }

  sprites_clear (&sprites);

  if (selected != NULL)
    draw_marker (f, wick_signals_get_signal (signals, selected->index), &selected->marker,
                 font, TRUE);

  cairo_restore (f->cr);

  /* The layout keeps its own copy of the font; forget ours so it is never compared again. */
  pango_font_description_free (font);
  f->current_font = NULL;
}
