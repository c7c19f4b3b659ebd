/* wick-export-svg.c: the SVG export's stream, with real text and a title
 *
 * Cairo 1.16's SVG surface draws text as glyph outlines (<symbol> and <use>), which nobody
 * can select, search or edit. So the export hands the renderer a text sink: each run of text
 * is kept here as a <text> element, and in its place the renderer fills a placeholder, the
 * run's logical box in a colour that encodes the run's number, an alpha no chart colour has
 * and the even-odd rule. Cairo writes that fill as one <path> where the glyphs would have
 * gone (inside the same clip group, in the same stacking order, culled when the glyphs would
 * have been), and the stream filter below swaps each such <path> for its <text>. Runs must
 * come back exactly once and in order; _wick_export_svg_is_complete() says whether they did.
 *
 * The filter also puts the <title> right after the root element's start tag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-export"

#include "config.h"

#include "wick-export-private.h"
#include "wick-render-private.h"

#include <math.h>
#include <string.h>

/* Above Cairo's "clear" cut-off (255/65535), below anything a chart draws, and exact in
 * binary. */
#define PLACEHOLDER_ALPHA (5.0 / 1024.0)
/* Runs are numbered in the three colour channels. */
#define MAX_RUNS          (1u << 24)
/* Tags longer than this (paths of candles, images) cannot be placeholders and are copied
 * through instead of held. */
#define MAX_HELD_TAG      1024

struct _WickExportSvg
{
  WickExportWriteFunc  write;
  gpointer             user_data;    /* Borrowed */
  char                *title;        /* Owned, nullable */
  GPtrArray           *runs;         /* Owned: each run's <text> element, by number */
  GByteArray          *tag;          /* Owned: the tag being read, while it is held */
  guint                n_placed;     /* runs whose placeholder was replaced */
  guint                in_tag : 1;
  guint                passing : 1;  /* copying a long tag through */
  guint                tag_is_root : 1;
  guint                root_done : 1;
  guint                misplaced : 1;
};

/* A filter that passes what Cairo writes on to @write, with @title (nullable) after the
 * root's start tag and the text of the runs given to it through _wick_export_svg_attach(). */
WickExportSvg *
_wick_export_svg_new (const char          *title,
                      WickExportWriteFunc  write,
                      gpointer             user_data)
{
  WickExportSvg *self = g_new0 (WickExportSvg, 1);

  self->write = write;
  self->user_data = user_data;
  self->title = g_strdup (title);
  self->runs = g_ptr_array_new_with_free_func (g_free);
  self->tag = g_byte_array_new ();

  return self;
}

void
_wick_export_svg_free (WickExportSvg *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->tag, g_byte_array_unref);
  g_free (self);
}

/* ---- the text sink ---- */

static void
append_number (GString *string,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  end = buffer + strlen (buffer);
  while (end[-1] == '0')
    *--end = '\0';
  if (end[-1] == '.')
    *--end = '\0';
  if (strcmp (buffer, "-0") == 0)
    strcpy (buffer, "0");

  g_string_append (string, buffer);
}

/* C0 controls are not allowed in XML 1.0, even as character references. */
static void
append_escaped (GString    *string,
                const char *text,
                gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  g_autofree char *escaped = NULL;

  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      *p = ' ';

  escaped = g_markup_escape_text (copy, -1);
  g_string_append (string, escaped);
}

/* The family Pango picked for the first glyphs, then the generic family it stands for. */
static void
append_font_family (GString                    *string,
                    PangoLayout                *layout,
                    const PangoFontDescription *font)
{
  static const struct
  {
    const char *fontconfig;
    const char *css;
  } generics[] = {
    { "sans", "sans-serif" },
    { "sans-serif", "sans-serif" },
    { "serif", "serif" },
    { "monospace", "monospace" },
  };
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
  PangoFontDescription *used = NULL;
  const char *family = pango_font_description_get_family (font);
  const char *generic = NULL;
  g_autofree char *quoted = NULL;

  if (line != NULL && line->runs != NULL)
    {
      PangoGlyphItem *run = line->runs->data;

      used = pango_font_describe (run->item->analysis.font);
      if (pango_font_description_get_family (used) != NULL)
        family = pango_font_description_get_family (used);
    }

  for (guint i = 0; i < G_N_ELEMENTS (generics); i++)
    {
      if (g_ascii_strcasecmp (pango_font_description_get_family (font), generics[i].fontconfig)
          == 0)
        generic = generics[i].css;
    }

  /* Quotes and backslashes never occur in real family names; drop them rather than escape. */
  quoted = g_strdup (family != NULL ? family : "");
  g_strdelimit (quoted, "'\\\"", ' ');
  g_string_append_c (string, '\'');
  append_escaped (string, quoted, strlen (quoted));
  g_string_append_c (string, '\'');
  if (generic != NULL)
    g_string_append_printf (string, ", %s", generic);

  g_clear_pointer (&used, pango_font_description_free);
}

/* The run as a <text> element: the same font, colour and baselines, with one <tspan> per line
 * when there are several. */
static char *
text_element (cairo_t                 *cr,
              const WickRenderTextRun *run)
{
  const PangoFontDescription *font = pango_layout_get_font_description (run->layout);
  const char *text = pango_layout_get_text (run->layout);
  g_autoptr(GString) attributes = g_string_new (NULL);
  GString *element = g_string_new ("<text");
  PangoLayoutIter *iter;
  cairo_matrix_t matrix;
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
  PangoStyle style = pango_font_description_get_style (font);
  PangoWeight weight = pango_font_description_get_weight (font);
  gboolean one_line = pango_layout_get_line_count (run->layout) == 1;

  if (!pango_font_description_get_size_is_absolute (font))
    {
      double dpi = pango_cairo_context_get_resolution (pango_layout_get_context (run->layout));

      size *= (dpi > 0 ? dpi : 96) / 72;
    }

  /* The renderer draws text unrotated and unscaled, but keep any transform it might use:
   * the placeholder's path is in device space, the same as the SVG's user space. */
  cairo_get_matrix (cr, &matrix);
  if (matrix.xx != 1 || matrix.yx != 0 || matrix.xy != 0 || matrix.yy != 1 ||
      matrix.x0 != 0 || matrix.y0 != 0)
    {
      double values[] = { matrix.xx, matrix.yx, matrix.xy, matrix.yy, matrix.x0, matrix.y0 };

      g_string_append (attributes, " transform=\"matrix(");
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          if (i > 0)
            g_string_append_c (attributes, ' ');
          append_number (attributes, values[i]);
        }
      g_string_append (attributes, ")\"");
    }

  g_string_append (attributes, " font-family=\"");
  append_font_family (attributes, run->layout, font);
  g_string_append (attributes, "\" font-size=\"");
  append_number (attributes, size);
  g_string_append_c (attributes, '"');
  if (weight != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (attributes, " font-weight=\"%d\"", (int) weight);
  if (style != PANGO_STYLE_NORMAL)
    g_string_append_printf (attributes, " font-style=\"%s\"",
                            style == PANGO_STYLE_ITALIC ? "italic" : "oblique");
  g_string_append_printf (attributes, " fill=\"rgb(%d,%d,%d)\"",
                          (int) (CLAMP (run->color->red, 0, 1) * 255 + .5),
                          (int) (CLAMP (run->color->green, 0, 1) * 255 + .5),
                          (int) (CLAMP (run->color->blue, 0, 1) * 255 + .5));
  if (run->color->alpha < 1)
    {
      g_string_append (attributes, " fill-opacity=\"");
      append_number (attributes, CLAMP (run->color->alpha, 0, 1));
      g_string_append_c (attributes, '"');
    }
  /* Keeps runs of spaces, as in the legend. */
  g_string_append (attributes, " xml:space=\"preserve\"");

  if (!one_line)
    g_string_append_printf (element, "%s>", attributes->str);

  iter = pango_layout_get_iter (run->layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      g_string_append (element, one_line ? " x=\"" : "<tspan x=\"");
      append_number (element, run->x + logical.x / (double) PANGO_SCALE);
      g_string_append (element, "\" y=\"");
      append_number (element, run->y + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE);
      g_string_append_printf (element, "\"%s>", one_line ? attributes->str : "");
      append_escaped (element, text + line->start_index, line->length);
      if (!one_line)
        g_string_append (element, "</tspan>");
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  g_string_append (element, "</text>");

  return g_string_free (element, FALSE);
}

static void
text_sink_cb (cairo_t                 *cr,
              const WickRenderTextRun *run,
              gpointer                 user_data)
{
  WickExportSvg *self = user_data;
  guint index = self->runs->len;
  double x1, y1, x2, y2;

  /* What would show nothing gets no element: Cairo culls a fill that misses the clip, as it
   * culls glyphs, and an empty box would lose its placeholder. */
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  if (pango_layout_get_text (run->layout)[0] == '\0' ||
      run->box.width <= 0 || run->box.height <= 0 ||
      run->box.x >= x2 || run->box.x + run->box.width <= x1 ||
      run->box.y >= y2 || run->box.y + run->box.height <= y1)
    return;

  if (index >= MAX_RUNS)
    {
      self->misplaced = TRUE;
      return;
    }

  g_ptr_array_add (self->runs, text_element (cr, run));

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgba (cr, (index & 0xff) / 255., ((index >> 8) & 0xff) / 255.,
                         ((index >> 16) & 0xff) / 255., PLACEHOLDER_ALPHA);
  cairo_rectangle (cr, run->box.x, run->box.y, run->box.width, run->box.height);
  cairo_fill (cr);
}

/* Makes wick_render() on @cr give its text to @self; @cr must draw into the SVG surface
 * that writes through @self. */
void
_wick_export_svg_attach (WickExportSvg *self,
                         cairo_t       *cr)
{
  g_assert (self != NULL);
  g_assert (cr != NULL);

  _wick_render_set_text_sink (cr, text_sink_cb, self);
}

/* ---- the stream filter ---- */

static gboolean
emit (WickExportSvg *self,
      const void    *data,
      gsize          length)
{
  return length == 0 || self->write (self->user_data, data, length);
}

/* The start of the value of presentation property @name: in the style attribute (Cairo 1.16
 * writes "style=\" stroke:none;fill-rule:evenodd;fill:rgb(…);fill-opacity:…;\"") or as an
 * attribute of its own (later Cairo). */
static const char *
find_property (const char *tag,
               const char *name)
{
  gsize length = strlen (name);

  for (const char *p = strstr (tag, name); p != NULL; p = strstr (p + 1, name))
    {
      char before = p > tag ? p[-1] : '\0';

      if ((before == ';' || before == ' ' || before == '"') && p[length] == ':')
        return p + length + 1;
      if (before == ' ' && p[length] == '=' && p[length + 1] == '"')
        return p + length + 2;
    }

  return NULL;
}

/* Whether @tag is a placeholder; sets @index to the run it stands for. */
static gboolean
parse_placeholder (const char *tag,
                   guint      *index)
{
  const char *rule, *opacity, *fill;
  guint value = 0;
  char *end;

  if (!g_str_has_prefix (tag, "<path "))
    return FALSE;

  rule = find_property (tag, "fill-rule");
  opacity = find_property (tag, "fill-opacity");
  fill = find_property (tag, "fill");
  if (rule == NULL || opacity == NULL || fill == NULL ||
      !g_str_has_prefix (rule, "evenodd") || !g_str_has_prefix (fill, "rgb("))
    return FALSE;

  if (fabs (g_ascii_strtod (opacity, &end) - PLACEHOLDER_ALPHA) > 1e-6 || end == opacity)
    return FALSE;

  fill += strlen ("rgb(");
  for (guint i = 0; i < 3; i++)
    {
      double percent = g_ascii_strtod (fill, &end);
      double channel = percent * 2.55;

      if (end == fill || *end != '%' || channel < -.01 || channel > 255.01 ||
          fabs (channel - round (channel)) > .01)
        return FALSE;

      value |= (guint) round (channel) << (8 * i);
      fill = end + 1;
      while (*fill == ',' || *fill == ' ')
        fill++;
    }

  *index = value;
  return TRUE;
}

static gboolean
is_root_start (const GByteArray *tag)
{
  return tag->len > 4 && memcmp (tag->data, "<svg", 4) == 0 &&
         (g_ascii_isspace (tag->data[4]) || tag->data[4] == '>');
}

static gboolean
emit_title (WickExportSvg *self)
{
  g_autofree char *escaped = NULL;
  g_autofree char *element = NULL;

  self->root_done = TRUE;
  if (self->title == NULL)
    return TRUE;

  escaped = g_markup_escape_text (self->title, -1);
  element = g_strdup_printf ("\n<title>%s</title>", escaped);

  return emit (self, element, strlen (element));
}

/* A whole tag held in self->tag: the root gets the title after it, a placeholder becomes its
 * run's text, anything else goes out as it came. */
static gboolean
end_tag (WickExportSvg *self)
{
  const char *tag;
  guint index;

  if (!self->root_done && is_root_start (self->tag))
    return emit (self, self->tag->data, self->tag->len) && emit_title (self);

  g_byte_array_append (self->tag, (const guint8 *) "", 1);
  tag = (const char *) self->tag->data;

  if (!parse_placeholder (tag, &index))
    return emit (self, tag, self->tag->len - 1);

  if (index != self->n_placed || index >= self->runs->len)
    {
      self->misplaced = TRUE;
      return emit (self, tag, self->tag->len - 1);
    }

  self->n_placed++;
  tag = g_ptr_array_index (self->runs, index);

  return emit (self, tag, strlen (tag));
}

/**
 * _wick_export_svg_write:
 * @self: the stream
 * @data: the next bytes Cairo wrote
 * @length: how many
 *
 * Filters @data on to the write function; tags may be split anywhere between calls.
 *
 * Returns: %FALSE when the write function failed
 */
gboolean
_wick_export_svg_write (WickExportSvg *self,
                        const void    *data,
                        gsize          length)
{
  const guint8 *p = data;

  while (length > 0)
    {
      const guint8 *mark;
      gsize n;

      if (!self->in_tag)
        {
          mark = memchr (p, '<', length);
          n = mark != NULL ? (gsize) (mark - p) : length;
          if (!emit (self, p, n))
            return FALSE;
          p += n;
          length -= n;
          if (mark != NULL)
            {
              self->in_tag = TRUE;
              self->passing = FALSE;
              g_byte_array_set_size (self->tag, 0);
            }
          continue;
        }

      /* Cairo writes no '>' inside attribute values. */
      mark = memchr (p, '>', length);
      n = mark != NULL ? (gsize) (mark - p) + 1 : length;

      if (self->passing)
        {
          if (!emit (self, p, n))
            return FALSE;
        }
      else
        {
          g_byte_array_append (self->tag, p, n);
          if (mark == NULL && self->tag->len > MAX_HELD_TAG)
            {
              self->passing = TRUE;
              self->tag_is_root = !self->root_done && is_root_start (self->tag);
              if (!emit (self, self->tag->data, self->tag->len))
                return FALSE;
            }
        }
      p += n;
      length -= n;

      if (mark != NULL)
        {
          gboolean ok;

          if (self->passing)
            ok = !self->tag_is_root || emit_title (self);
          else
            ok = end_tag (self);

          self->in_tag = FALSE;
          self->tag_is_root = FALSE;
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * _wick_export_svg_is_complete:
 * @self: the stream, after Cairo finished writing
 *
 * Returns: whether every run's placeholder came through exactly once, in order, as the
 *   whole last tag; when not, some text is missing from what was written
 */
gboolean
_wick_export_svg_is_complete (WickExportSvg *self)
{
  g_assert (self != NULL);

  return !self->misplaced && !self->in_tag && self->n_placed == self->runs->len;
}

/* How many runs of text were given to the sink. */
guint
_wick_export_svg_get_n_runs (WickExportSvg *self)
{
  g_assert (self != NULL);

  return self->runs->len;
}
