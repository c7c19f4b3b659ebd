/* wick-render-signals-layout.c: where each signal's marker goes, and what the pointer hits
 *
 * The layout is the only place the markers' geometry is worked out: the renderer draws what it
 * returns and the widget hit-tests the same, so the two always agree. It is linear in the
 * signals in view, however many share a pixel column, and where candles are narrower than a
 * pixel it reads the candles only of the columns that still have room.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include <string.h>

#include "wick-render-signals-private.h"

/* The placed markers that a new one could overlap. Markers are placed left to right, all a
 * badge wide, so those are the ones whose right edge is beyond the new one's left edge; they
 * overlap each other across, so never down: their spans of rows are apart, and kept sorted.
 * A new marker is then checked against them with a binary search per place, which matters
 * where hundreds of signals share a pixel column. Bounds are whole pixels, kept as integers. */

/* Far enough beyond the plot that no marker there is ever seen. */
#define FAR_PX         (1 << 24)

typedef struct
{
  gint32 y0, y1;  /* rows [y0, y1) */
  gint32 x1;      /* the column right of the right edge */
} Span;

typedef struct
{
  GArray *spans;   /* Owned: Span, by row */
  gint32  x0;      /* the left edge it was last moved to */
} Reach;

static inline gint32
to_px (double value)
{
  return (gint32) CLAMP (value, -FAR_PX, FAR_PX);
}

/* Forgets the markers that end left of @x0, which no later marker can reach. */
static void
reach_move_to (Reach  *reach,
               gint32  x0)
{
  Span *spans = (Span *) (gpointer) reach->spans->data;
  guint kept = 0;

  if (x0 == reach->x0)
    return;

  for (guint k = 0; k < reach->spans->len; k++)
    if (spans[k].x1 > x0)
      spans[kept++] = spans[k];
  g_array_set_size (reach->spans, kept);
  reach->x0 = x0;
}

/* The first span ending below @y0. */
static inline guint
reach_lower_bound (const Reach *reach,
                   gint32       y0)
{
  const Span *spans = (const Span *) (gpointer) reach->spans->data;
  guint lo = 0, hi = reach->spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].y1 <= y0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* reach_lower_bound (@reach, @y0) found from @k, that of a row nearby: a marker's levels are
 * a few spans apart at most, so this takes a step or two where a search would take eight. */
static inline guint
reach_seek (const Reach *reach,
            guint        k,
            gint32       y0)
{
  const Span *spans = (const Span *) (gpointer) reach->spans->data;

  while (k > 0 && spans[k - 1].y1 > y0)
    k--;
  while (k < reach->spans->len && spans[k].y1 <= y0)
    k++;

  return k;
}

/* Whether rows [@y0, @y1) are clear, @k being reach_lower_bound (@reach, @y0). */
static inline gboolean
reach_is_clear_at (const Reach *reach,
                   guint        k,
                   gint32       y1)
{
  return k == reach->spans->len || g_array_index (reach->spans, Span, k).y0 >= y1;
}

static void
reach_add (Reach          *reach,
           const WickRect *bounds)
{
  Span span = { to_px (bounds->y), to_px (bounds->y + bounds->height),
                to_px (bounds->x + bounds->width) };

  g_array_insert_val (reach->spans, reach_lower_bound (reach, span.y0), span);
}

/* The viewport's time-to-x mapping, read once per layout: the expression of
 * wick_viewport_time_to_x (), to the bit, without a call and a type check per candle. */
typedef struct
{
  double x;        /* the plot's left edge */
  double width;    /* the plot's width */
  double from_ms;
  double to_ms;
} Mapping;

static void
mapping_init (Mapping      *m,
              WickViewport *viewport)
{
  WickRect plot;

  wick_viewport_get_plot (viewport, &plot);
  wick_viewport_get_time_range (viewport, &m->from_ms, &m->to_ms);
  m->x = plot.x;
  m->width = plot.width;
}

/* The pixel column of a candle's wick, from the candle's open time. */
static inline double
candle_x (const Mapping *m,
          gint64         open_time_ms,
          gint64         interval_ms)
{
  double time_ms = open_time_ms + interval_ms / 2.0;

  return m->x + (time_ms - m->from_ms) / (m->to_ms - m->from_ms) * m->width;
}

/* Where candles are narrower than a pixel, the chart draws one bar per pixel column, from
 * the lowest low to the highest high of its candles: a marker points at that bar's end, not
 * at its own candle's, which would sit inside the bar. Every signal of a column and side
 * then shares one place, so once one finds no room the others of that side are skipped
 * without reading their candles: a view of a million candles lays out in the time of its
 * columns, not of its signals. */
typedef struct
{
  double  x;         /* the column's left edge, or NAN for none yet */
  guint   end;       /* the first candle right of it */
  double  low;       /* the lowest low of its candles */
  double  high;      /* the highest high */
  gboolean full[2];  /* a marker below (0) or above (1) found no room in it */
  guint   next;      /* a guess at the first signal past it */
} Column;

/* What the boundaries below are looked for in: candles or signals, left of or right of the
 * pixel column at x. */
typedef struct
{
  const Mapping    *m;
  const WickCandle *candles;
  WickSignals      *signals;
  gint64            interval_ms;
  double            x;
} Seek;

/* Whether candle @j's wick is right of the pixel column at @seek's x. */
static gboolean
is_candle_past (gconstpointer data,
                guint         j)
{
  const Seek *seek = data;

  return floor (candle_x (seek->m, seek->candles[j].open_time_ms, seek->interval_ms)) > seek->x;
}

/* Whether the wick of signal @j's candle is right of the pixel column at @seek's x. */
static gboolean
is_signal_past (gconstpointer data,
                guint         j)
{
  const Seek *seek = data;
  gint64 time_ms = wick_signals_get_signal (seek->signals, j)->time_ms;

  return floor (candle_x (seek->m, time_ms, seek->interval_ms)) > seek->x;
}

/* The candles whose wick falls in the column of candle @index: its first and its end are
 * looked for where evenly spaced candles would put them, from the end of the column before
 * (@column's, when it is to the left) on; their extremes are then read from the pyramid, or
 * in one pass. */
static void
column_fill (Column           *column,
             const WickCandle *candles,
             guint             n_candles,
             gint64            interval_ms,
             const Mapping    *m,
             WickLod          *lod,
             guint             index)
{
  double centre = candle_x (m, candles[index].open_time_ms, interval_ms);
  double x = floor (centre);
  double candle_px = interval_ms / (m->to_ms - m->from_ms) * m->width;
  double before = floor ((centre - x) / candle_px);
  double after = ceil ((x + 1 - centre) / candle_px);
  Seek seek = { m, candles, NULL, interval_ms, x };
  guint lo, first, end;

  lo = column->x < x && column->end <= index ? column->end : 0;
  /* Where evenly spaced candles would put the column's first candle, and the first past it;
   * the first is the first candle past the column on the left. */
  seek.x = x - 1;
  first = _wick_render_first_past (is_candle_past, &seek, lo, index,
                                   before < index ? index - (guint) before : 0);
  seek.x = x;
  end = _wick_render_first_past (is_candle_past, &seek, index + 1, n_candles,
                                 after < n_candles - index ? index + (guint) after : n_candles);

  /* The next column's last candles, as far right as this one's are wide: read far from
   * these, they are asked for now to arrive by the time that column is filled. */
  if (end - first < n_candles - end)
    __builtin_prefetch (&candles[end + (end - first)]);

  column->end = end;
  column->x = x;
  column->full[0] = column->full[1] = FALSE;

  /* The pyramid holds the drawn candles, of which the analysed ones are the first. */
  if (lod != NULL && wick_lod_get_length (lod) >= end &&
      wick_lod_extremes (lod, first, end, &column->low, &column->high))
    return;

  column->low = candles[first].low;
  column->high = candles[first].high;
  for (guint j = first + 1; j < end; j++)
    {
      column->low = MIN (column->low, candles[j].low);
      column->high = MAX (column->high, candles[j].high);
    }
}

/* The marker of @signal next to its candle, or with @column (nullable) next to the column's
 * bar; FALSE when the candle is out of view. A signal's time is its candle's open time, so in
 * a column, where a view of years reads a candle per signal far from the last one, the
 * candle is not read at all. */
static gboolean
place_at_candle (const WickSignal *signal,
                 const WickCandle *candles,
                 guint             n_candles,
                 gint64            interval_ms,
                 const Mapping    *m,
                 WickViewport     *viewport,
                 const WickRect   *plot,
                 const Column     *column,
                 WickSignalMarker *marker)
{
  double x, y, centre, low, high;

  if (signal->index >= n_candles)
    return FALSE;

  x = candle_x (m, signal->time_ms, interval_ms);
  if (!isfinite (x) || x < plot->x || x > plot->x + plot->width)
    return FALSE;

  low = column != NULL ? column->low : candles[signal->index].low;
  high = column != NULL ? column->high : candles[signal->index].high;
  marker->is_above = signal->direction == WICK_SIGNAL_BEARISH;
  y = wick_viewport_price_to_y (viewport, marker->is_above ? high : low);
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

/* The rows [*y0, *y1) that move_out (@marker, @level) makes its bounds cover. */
static inline void
level_rows (const WickSignalMarker *marker,
            guint                   level,
            double                 *y0,
            double                 *y1)
{
  double step = WICK_RENDER_SIGNAL_BADGE_HEIGHT + WICK_RENDER_SIGNAL_GAP;

  if (marker->is_above)
    {
      *y0 = marker->base_y - WICK_RENDER_SIGNAL_BADGE_HEIGHT - level * step;
      *y1 = level == 0 ? *y0 + WICK_RENDER_SIGNAL_BADGE_HEIGHT + WICK_RENDER_SIGNAL_ARROW_HEIGHT
                       : *y0 + WICK_RENDER_SIGNAL_BADGE_HEIGHT;
    }
  else
    {
      *y0 = level == 0 ? marker->tip_y : marker->base_y + level * step;
      *y1 = level == 0 ? *y0 + WICK_RENDER_SIGNAL_BADGE_HEIGHT + WICK_RENDER_SIGNAL_ARROW_HEIGHT
                       : *y0 + WICK_RENDER_SIGNAL_BADGE_HEIGHT;
    }
}

/* The first signal whose candle can be in view: signals come in candle order. */
static guint
first_signal_in_view (WickSignals      *signals,
                      const WickCandle *candles,
                      guint             n_candles,
                      gint64            interval_ms,
                      double            from_ms)
{
  guint n = wick_signals_get_n_signals (signals);
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint index = wick_signals_get_signal (signals, mid)->index;

      if (index < n_candles && candles[index].open_time_ms + interval_ms < from_ms)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Guesses the first signal past @column, where the signals' average density would put it,
 * the column's signals being signal @i, of candle @index, and those after it; the signals
 * there, far from @i, are asked for now to arrive by the time the column is left. */
static void
column_guess_next (Column      *column,
                   WickSignals *signals,
                   guint        i,
                   guint        index,
                   guint        n,
                   guint        n_candles)
{
  double ahead = column->end > index ? (double) (column->end - index) * n / n_candles : 0;

  column->next = ahead < n - i ? i + (guint) ahead : n;
  for (guint j = MAX (column->next, i + 2) - 2; j < MIN (column->next + 2, n); j++)
    __builtin_prefetch (wick_signals_get_signal (signals, j));
}

/* The last signal from @i on whose candle's wick is in @column: the one before the first
 * past it, looked for from @column's guess. */
static guint
last_signal_in_column (WickSignals   *signals,
                       guint          i,
                       guint          n,
                       gint64         interval_ms,
                       const Mapping *m,
                       const Column  *column)
{
  Seek seek = { m, NULL, signals, interval_ms, column->x };

  return _wick_render_first_past (is_signal_past, &seek, i + 1, n, column->next) - 1;
}

/* Every marker in view, in drawing order (the signals' own): each goes next to its candle,
 * or as many badges further out as it takes to clear the markers already placed. One that
 * finds no room within WICK_RENDER_SIGNAL_MAX_LEVELS is left out, as in a view of years of
 * candles where hundreds share a pixel column; only @selected (or -1) is never left out: it
 * then takes the outermost place, over the others. Signals of the kinds in @hidden_kinds
 * (1 << WickSignalKind) are left out and take no room, selected or not. Linear in the
 * signals in view. */
GArray *
_wick_render_signals_layout (WickSignals  *signals,
                             WickViewport *viewport,
                             WickLod      *lod,
                             int           selected,
                             guint32       hidden_kinds)
{
  WickSignalsSnapshot *snapshot = wick_signals_get_snapshot (signals);
  gint64 interval_ms = wick_signals_snapshot_get_interval_ms (snapshot);
  guint n = wick_signals_get_n_signals (signals);
  const WickCandle *candles;
  guint n_candles = 0;
  gboolean has_selected = FALSE;
  double from_ms, to_ms;
  Reach reach = { NULL, G_MININT32 };
  Column column = { NAN, 0, 0, 0, { FALSE, FALSE }, 0 };
  Mapping m;
  gboolean is_dense;
  GArray *placed;
  WickRect plot;

  candles = wick_signals_snapshot_get_candles (snapshot, &n_candles);
  wick_viewport_get_plot (viewport, &plot);
  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);
  mapping_init (&m, viewport);
  /* Candles narrower than a pixel share columns (wider ones never do). */
  is_dense = to_ms > from_ms && interval_ms * plot.width < to_ms - from_ms;
  placed = g_array_new (FALSE, TRUE, sizeof (WickPlacedMarker));
  reach.spans = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint i = first_signal_in_view (signals, candles, n_candles, interval_ms, from_ms);
       i < n; i++)
    {
      const WickSignal *signal = wick_signals_get_signal (signals, i);
      WickPlacedMarker p = { .index = i };
      gboolean is_clear = FALSE, is_above;
      guint level, k = 0;

      if (signal->time_ms > to_ms)
        break;
      if (hidden_kinds & (1u << signal->kind))
        continue;
      is_above = signal->direction == WICK_SIGNAL_BEARISH;
      if (is_dense && signal->index < n_candles)
        {
          double x = candle_x (&m, signal->time_ms, interval_ms);

          if (!isfinite (x) || x < plot.x || x > plot.x + plot.width)
            continue;
          if (floor (x) != column.x)
            {
              column_fill (&column, candles, n_candles, interval_ms, &m, lod, signal->index);
              column_guess_next (&column, signals, i, signal->index, n, n_candles);
            }
          if (column.full[0] && column.full[1])
            {
              /* Both sides full: on to the column's last signal, without reading the rest. */
              i = last_signal_in_column (signals, i, n, interval_ms, &m, &column);
              continue;
            }
          if (column.full[is_above])
            continue;
        }
      if (!place_at_candle (signal, candles, n_candles, interval_ms, &m, viewport, &plot,
                            is_dense ? &column : NULL, &p.marker))
        continue;

      reach_move_to (&reach, to_px (p.marker.badge.x));
      for (level = 0; level < WICK_RENDER_SIGNAL_MAX_LEVELS && !is_clear; level++)
        {
          double y0, y1;

          level_rows (&p.marker, level, &y0, &y1);
          k = level == 0 ? reach_lower_bound (&reach, to_px (y0))
                         : reach_seek (&reach, k, to_px (y0));
          is_clear = reach_is_clear_at (&reach, k, to_px (y1));
        }

      if (is_clear)
        {
          move_out (&p.marker, level - 1);
          reach_add (&reach, &p.marker.bounds);
          g_array_append_val (placed, p);
          has_selected = has_selected || (int) i == selected;
        }
      else if (is_dense)
        {
          column.full[is_above] = TRUE;
        }
    }

  if (selected >= 0 && (guint) selected < n && !has_selected &&
      !(hidden_kinds & (1u << wick_signals_get_signal (signals, selected)->kind)))
    {
      const WickSignal *signal = wick_signals_get_signal (signals, selected);
      WickPlacedMarker p = { .index = (guint) selected };

      if (is_dense && signal->index < n_candles)
        column_fill (&column, candles, n_candles, interval_ms, &m, lod, signal->index);

      /* Crowded out: it goes where the last level would put it, on top. */
      if (place_at_candle (signal, candles, n_candles, interval_ms, &m, viewport, &plot,
                           is_dense ? &column : NULL, &p.marker))
        {
          move_out (&p.marker, WICK_RENDER_SIGNAL_MAX_LEVELS - 1);
          g_array_append_val (placed, p);
        }
    }

  g_array_unref (reach.spans);

  return placed;
}

const WickPlacedMarker *
_wick_render_signals_find_placed (GArray *placed,
                                  guint   index)
{
  for (guint i = 0; i < placed->len; i++)
    {
      if (g_array_index (placed, WickPlacedMarker, i).index == index)
        return &g_array_index (placed, WickPlacedMarker, i);
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
 * on the candle's wick, and its badge beyond the arrow (where candles are narrower than a
 * pixel, under the lowest low or over the highest high of the candles drawn as one bar in
 * its pixel column). Markers never cover each other: a
 * badge that would cover one of an earlier signal (a second signal at the same candle, or
 * one at a candle closer than a badge's width) moves out by whole badges and loses its arrow.
 * In a view so crowded that it finds no room within %WICK_RENDER_SIGNAL_MAX_LEVELS badges,
 * it is drawn only while selected, at the outermost of them; @marker is where it is drawn
 * then (and is where it is always drawn for a signal that has room).
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
  return wick_render_signal_marker_full (signals, viewport, NULL, index, 0, marker);
}

/**
 * wick_render_signal_marker_full:
 * @signals: the analysis whose signals are drawn
 * @viewport: the mapping
 * @lod: (nullable): the pyramid of the candles drawn, which finds a pixel column's bar at
 *   once where candles are narrower than a pixel
 * @index: a signal of @signals
 * @hidden_kinds: 1 << #WickSignalKind for each kind whose markers are left out, as in
 *   #WickScene's hidden_signal_kinds
 * @marker: (out caller-allocates): where its marker is drawn, in logical pixels
 *
 * As wick_render_signal_marker(), among the markers of the kinds shown.
 *
 * Returns: whether the signal's marker is drawn: its candle is in view and its kind is not
 *   hidden; when not, @marker is zeroed
 */
gboolean
wick_render_signal_marker_full (WickSignals      *signals,
                                WickViewport     *viewport,
                                WickLod          *lod,
                                guint             index,
                                guint32           hidden_kinds,
                                WickSignalMarker *marker)
{
  g_autoptr(GArray) placed = NULL;
  const WickPlacedMarker *p;

  g_return_val_if_fail (signals != NULL, FALSE);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (marker != NULL, FALSE);

  memset (marker, 0, sizeof *marker);

  placed = _wick_render_signals_layout (signals, viewport, lod, (int) index, hidden_kinds);
  if ((p = _wick_render_signals_find_placed (placed, index)) == NULL)
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
  return wick_render_signals_hit_test_full (signals, viewport, NULL, selected, 0, x, y);
}

/**
 * wick_render_signals_hit_test_full:
 * @signals: the analysis drawn
 * @viewport: the mapping
 * @lod: (nullable): the pyramid of the candles drawn, as for wick_render_signal_marker_full()
 * @selected: the selected signal, drawn on top, or -1
 * @hidden_kinds: 1 << #WickSignalKind for each kind whose markers are left out
 * @x: a point in the chart, in logical pixels
 * @y: the point
 *
 * As wick_render_signals_hit_test(), among the markers of the kinds shown.
 *
 * Returns: the signal's index in @signals, or -1 for none
 */
int
wick_render_signals_hit_test_full (WickSignals  *signals,
                                   WickViewport *viewport,
                                   WickLod      *lod,
                                   int           selected,
                                   guint32       hidden_kinds,
                                   double        x,
                                   double        y)
{
  g_autoptr(GArray) placed = NULL;
  const WickPlacedMarker *p;
  WickRect plot;

  g_return_val_if_fail (signals != NULL, -1);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), -1);

  /* Markers are clipped to the plot, so the axes never hit one. */
  wick_viewport_get_plot (viewport, &plot);
  if (x < plot.x || x >= plot.x + plot.width || y < plot.y || y >= plot.y + plot.height)
    return -1;

  placed = _wick_render_signals_layout (signals, viewport, lod, selected, hidden_kinds);
  if (selected >= 0 && (p = _wick_render_signals_find_placed (placed, selected)) != NULL &&
      marker_contains (&p->marker, x, y))
    return selected;

  for (guint i = placed->len; i-- > 0;)
    {
      p = &g_array_index (placed, WickPlacedMarker, i);
      if ((int) p->index != selected && marker_contains (&p->marker, x, y))
        return (int) p->index;
    }

  return -1;
}
