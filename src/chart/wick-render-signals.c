/* wick-render-signals.c: reversal signals as small arrows with a tag, at their candles
 *
 * A bullish signal's marker sits under its candle's low, pointing up at it; a bearish one
 * over the high, pointing down. Beyond the arrow, a badge in the direction's colour carries a
 * short tag for the kind ("V", "HL"), so neither the kind nor the direction depends on colour
 * alone. A badge that would cover another (a second signal at the same candle, or one at a
 * neighbouring candle when candles are narrower than a badge) moves outward by whole badges,
 * leaving the arrow to the one next to the candle. The selected signal's candle gets a band
 * of the selection colour and its badge a ring, and it is drawn last, on top.
 *
 * layout_markers() is the only place the geometry is worked out: the renderer draws what it
 * returns and the widget hit-tests the same through wick_render_signals_hit_test(), so the
 * two always agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wick-render-signals.h"
#include "wick-render-private.h"

#include "wick-axis.h"

#define TAG_FONT_PX      11
#define BADGE_RADIUS     3.0
#define ARROW_HALF_WIDTH 5.0
/* The selected badge's ring: its width and its gap to the badge. */
#define RING_WIDTH       2.0
#define RING_GAP         1.0
/* Markers to the left that a new one is checked against for overlap. */
#define MAX_NEIGHBOURS   64

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

/* ---- geometry ---- */

/* A marker and its signal, as laid out. */
typedef struct
{
  guint            index;
  WickSignalMarker marker;
} PlacedMarker;

/* The marker of @signal next to its candle; FALSE when the candle is out of view. */
static gboolean
place_at_candle (const WickSignal *signal,
                 const WickCandle *candles,
                 guint             n_candles,
                 gint64            interval_ms,
                 WickViewport     *viewport,
                 const WickRect   *plot,
                 WickSignalMarker *marker)
{
  const WickCandle *candle;
  double x, y, centre;

  if (signal->index >= n_candles)
    return FALSE;

  candle = &candles[signal->index];
  x = wick_viewport_time_to_x (viewport, candle->open_time_ms + interval_ms / 2.0);
  if (!isfinite (x) || x < plot->x || x > plot->x + plot->width)
    return FALSE;

  marker->is_above = signal->direction == WICK_SIGNAL_BEARISH;
  y = wick_viewport_price_to_y (viewport, marker->is_above ? candle->high : candle->low);
  if (!isfinite (y))
    return FALSE;

  /* The candles' wick fills the pixel column right of floor (x). */
  centre = floor (x);
  marker->tip_x = centre + .5;
  marker->badge.x = centre - floor (WICK_RENDER_SIGNAL_BADGE_WIDTH / 2);
  marker->badge.width = WICK_RENDER_SIGNAL_BADGE_WIDTH;
  marker->badge.height = WICK_RENDER_SIGNAL_BADGE_HEIGHT;

  if (marker->is_above)
    {
      marker->tip_y = floor (y) - WICK_RENDER_SIGNAL_GAP;
      marker->base_y = marker->tip_y - WICK_RENDER_SIGNAL_ARROW_HEIGHT;
    }
  else
    {
      marker->tip_y = ceil (y) + WICK_RENDER_SIGNAL_GAP;
      marker->base_y = marker->tip_y + WICK_RENDER_SIGNAL_ARROW_HEIGHT;
    }

  return TRUE;
}

/* Moves the badge @level badges away from the candle; only the one next to it (level 0)
 * keeps the arrow. */
static void
move_out (WickSignalMarker *marker,
          guint             level)
{
  double step = WICK_RENDER_SIGNAL_BADGE_HEIGHT + WICK_RENDER_SIGNAL_GAP;

  marker->has_arrow = level == 0;
  if (marker->is_above)
    marker->badge.y = marker->base_y - WICK_RENDER_SIGNAL_BADGE_HEIGHT - level * step;
  else
    marker->badge.y = marker->base_y + level * step;

  marker->bounds = marker->badge;
  if (marker->has_arrow)
    {
      marker->bounds.height += WICK_RENDER_SIGNAL_ARROW_HEIGHT;
      if (!marker->is_above)
        marker->bounds.y = marker->tip_y;
    }
}

static inline gboolean
rects_overlap (const WickRect *a,
               const WickRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Every marker in view, in drawing order (the signals' own): each goes next to its candle,
 * or as many badges further out as it takes to clear the markers already placed, up to
 * WICK_RENDER_SIGNAL_MAX_LEVELS. Quadratic in the markers in view, which are few: a handful
 * per screen of candles. */
static GArray *
layout_markers (WickSignals  *signals,
                WickViewport *viewport)
{
  WickSignalsSnapshot *snapshot = wick_signals_get_snapshot (signals);
  gint64 interval_ms = wick_signals_snapshot_get_interval_ms (snapshot);
  guint n = wick_signals_get_n_signals (signals);
  const WickCandle *candles;
  guint n_candles = 0;
  GArray *placed;
  WickRect plot;

  double widest = 0;

  candles = wick_signals_snapshot_get_candles (snapshot, &n_candles);
  wick_viewport_get_plot (viewport, &plot);
  placed = g_array_new (FALSE, TRUE, sizeof (PlacedMarker));

  for (guint i = 0; i < n; i++)
    {
      PlacedMarker p = { .index = i };

      if (!place_at_candle (wick_signals_get_signal (signals, i), candles, n_candles,
                            interval_ms, viewport, &plot, &p.marker))
        continue;

      for (guint level = 0; level < WICK_RENDER_SIGNAL_MAX_LEVELS; level++)
        {
          gboolean is_clear = TRUE;

          move_out (&p.marker, level);

          /* Signals come in candle order, so markers are placed left to right: only those
           * that still reach this one's left edge can overlap it. In a view so dense that
           * hundreds share a few pixels, looking back at the last MAX_NEIGHBOURS is enough
           * to stack what can be read, and keeps the layout linear. */
          for (guint j = placed->len; j > 0 && is_clear && placed->len - j < MAX_NEIGHBOURS; j--)
            {
              const WickRect *other = &g_array_index (placed, PlacedMarker, j - 1).marker.bounds;

              if (other->x + widest < p.marker.bounds.x)
                break;
              is_clear = !rects_overlap (&p.marker.bounds, other);
            }
          if (is_clear)
            break;
        }

      widest = MAX (widest, p.marker.bounds.width);
      g_array_append_val (placed, p);
    }

  return placed;
}

static const PlacedMarker *
find_placed (GArray *placed,
             guint   index)
{
  for (guint i = 0; i < placed->len; i++)
    {
      if (g_array_index (placed, PlacedMarker, i).index == index)
        return &g_array_index (placed, PlacedMarker, i);
    }

  return NULL;
}

/**
 * wick_render_signal_marker:
 * @signals: the analysis whose signals are drawn
 * @viewport: the mapping
 * @index: a signal of @signals
 * @marker: (out caller-allocates): where its marker is drawn, in logical pixels
 *
 * The marker of signal @index, at the candle it names in the analysed candles: its arrow's
 * point %WICK_RENDER_SIGNAL_GAP under the low (bullish) or over the high (bearish), centred
 * on the candle's wick, and its badge beyond the arrow. Markers never cover each other: a
 * badge that would cover one of an earlier signal (a second signal at the same candle, or
 * one at a candle closer than a badge's width) moves out by whole badges and loses its arrow.
 *
 * Returns: whether the signal's candle is in view (its centre within the plot's width); when
 *   not, nothing is drawn for it and @marker is zeroed
 */
gboolean
wick_render_signal_marker (WickSignals      *signals,
                           WickViewport     *viewport,
                           guint             index,
                           WickSignalMarker *marker)
{
  g_autoptr(GArray) placed = NULL;
  const PlacedMarker *p;

  g_return_val_if_fail (signals != NULL, FALSE);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (marker != NULL, FALSE);

  memset (marker, 0, sizeof *marker);

  placed = layout_markers (signals, viewport);
  if ((p = find_placed (placed, index)) == NULL)
    return FALSE;

  *marker = p->marker;
  return TRUE;
}

static inline gboolean
marker_contains (const WickSignalMarker *marker,
                 double                  x,
                 double                  y)
{
  const double slop = WICK_RENDER_SIGNAL_HIT_SLOP;

  return x >= marker->bounds.x - slop && x < marker->bounds.x + marker->bounds.width + slop &&
         y >= marker->bounds.y - slop && y < marker->bounds.y + marker->bounds.height + slop;
}

/**
 * wick_render_signals_hit_test:
 * @signals: the analysis drawn
 * @viewport: the mapping
 * @selected: the selected signal, drawn on top, or -1
 * @x: a point in the chart, in logical pixels
 * @y: the point
 *
 * The marker under (@x, @y), within %WICK_RENDER_SIGNAL_HIT_SLOP, as drawn: the selected one
 * first, then the others from the last drawn (the topmost) back.
 *
 * Returns: the signal's index in @signals, or -1 for none
 */
int
wick_render_signals_hit_test (WickSignals  *signals,
                              WickViewport *viewport,
                              int           selected,
                              double        x,
                              double        y)
{
  g_autoptr(GArray) placed = NULL;
  const PlacedMarker *p;
  WickRect plot;

  g_return_val_if_fail (signals != NULL, -1);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), -1);

  /* Markers are clipped to the plot, so the axes never hit one. */
  wick_viewport_get_plot (viewport, &plot);
  if (x < plot.x || x >= plot.x + plot.width || y < plot.y || y >= plot.y + plot.height)
    return -1;

  placed = layout_markers (signals, viewport);
  if (selected >= 0 && (p = find_placed (placed, selected)) != NULL &&
      marker_contains (&p->marker, x, y))
    return selected;

  for (guint i = placed->len; i-- > 0;)
    {
      p = &g_array_index (placed, PlacedMarker, i);
      if ((int) p->index != selected && marker_contains (&p->marker, x, y))
        return (int) p->index;
    }

  return -1;
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

  g_ascii_formatd (strength, sizeof strength, "%.2f", signal->strength);
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

/* Every signal of the scene whose candle is in view, the selected one last. The caller
 * clips to the plot. */
void
_wick_render_signals (Frame *f)
{
  WickSignals *signals = f->scene->signals;
  g_autoptr(GArray) placed = NULL;
  const PlacedMarker *selected = NULL;
  PangoFontDescription *font;

  if (signals == NULL || wick_signals_get_n_signals (signals) == 0)
    return;

  placed = layout_markers (signals, f->viewport);
  if (f->scene->selected_signal >= 0)
    selected = find_placed (placed, f->scene->selected_signal);
  if (selected != NULL)
    draw_selection_band (f, &selected->marker);

  font = pango_font_description_new ();
  pango_font_description_set_family_static (font, "Sans");
  pango_font_description_set_absolute_size (font, TAG_FONT_PX * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);

  cairo_save (f->cr);

  for (guint i = 0; i < placed->len; i++)
    {
      const PlacedMarker *p = &g_array_index (placed, PlacedMarker, i);

      if (p != selected)
        draw_marker (f, wick_signals_get_signal (signals, p->index), &p->marker, font, FALSE);
    }

  if (selected != NULL)
    draw_marker (f, wick_signals_get_signal (signals, selected->index), &selected->marker,
                 font, TRUE);

  cairo_restore (f->cr);

  /* The layout keeps its own copy of the font; forget ours so it is never compared again. */
  pango_font_description_free (font);
  f->current_font = NULL;
}
