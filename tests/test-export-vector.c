/* test-export-vector.c: SVG and PDF exports are vector pictures: well-formed XML with the title
 * and every label as text and the candles as paths, and one PDF page as large as asked, its
 * text in embedded fonts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-export-utils.h"

#include "wick-axis.h"
#include "wick-export-private.h"
#include "wick-render-private.h"

#include <cairo-svg.h>
#include <string.h>

#ifdef HAVE_LIBXML2
#include <libxml/parser.h>
#include <libxml/tree.h>
#endif

/* How many subpaths ("M" commands) an opaque path holds. */
static guint
count_subpaths (const char *style,
                const char *d)
{
  guint n = 0;

  if (style == NULL || d == NULL || strstr (style, "fill-opacity:1;") == NULL)
    return 0;

  for (const char *p = d; *p != '\0'; p++)
    n += *p == 'M';

  return n;
}

static gboolean
style_has_color (const char      *style,
                 const WickColor *color)
{
  int channels[3] = { 0 };
  const char *fill = style != NULL ? strstr (style, "fill:rgb(") : NULL;
  double values[3];
  char *end;

  if (fill == NULL)
    return FALSE;

  fill += strlen ("fill:rgb(");
  for (guint i = 0; i < 3; i++)
    {
      values[i] = g_ascii_strtod (fill, &end);
      if (end == fill || *end != '%')
        return FALSE;
      fill = end + 2;
    }
  channels[0] = (int) (values[0] * 2.55 + 0.5);
  channels[1] = (int) (values[1] * 2.55 + 0.5);
  channels[2] = (int) (values[2] * 2.55 + 0.5);

  return channels[0] == (int) (color->red * 255 + 0.5) &&
         channels[1] == (int) (color->green * 255 + 0.5) &&
         channels[2] == (int) (color->blue * 255 + 0.5);
}

/* Whether a fill is one of the export's placeholders for text, left behind. */
static gboolean
style_is_placeholder (const char *style)
{
  const char *opacity = style != NULL ? strstr (style, "fill-opacity:") : NULL;

  return opacity != NULL && strstr (style, "fill-rule:evenodd") != NULL &&
         fabs (g_ascii_strtod (opacity + strlen ("fill-opacity:"), NULL) - 5 / 1024.) < 1e-6;
}

typedef struct
{
  const WickColor *up;
  gboolean         has_title;
  guint            n_elements;
  guint            n_paths;
  guint            n_images;
  guint            n_symbols;
  guint            n_uses;
  guint            n_placeholders;
  guint            up_subpaths;     /* in the largest path of the up colour */
  guint            up_path_at;      /* its place among the elements */
  guint            first_text_at;
  guint            last_text_at;
  guint            paths_between;   /* paths after the first text and before the last */
  GPtrArray       *texts;           /* the content of each <text>, in document order */
  GString         *text;            /* the <text> being read (GMarkup) */
} SvgFacts;

static void
facts_start (SvgFacts   *facts,
             const char *element,
             const char *style,
             const char *d)
{
  facts->n_elements++;

  if (g_str_equal (element, "image"))
    {
      facts->n_images++;
    }
  else if (g_str_equal (element, "symbol"))
    {
      facts->n_symbols++;
    }
  else if (g_str_equal (element, "use"))
    {
      facts->n_uses++;
    }
  else if (g_str_equal (element, "text"))
    {
      if (facts->texts->len == 0)
        facts->first_text_at = facts->n_elements;
      facts->last_text_at = facts->n_elements;
    }
  else if (g_str_equal (element, "path"))
    {
      guint subpaths = count_subpaths (style, d);

      facts->n_paths++;
      facts->n_placeholders += style_is_placeholder (style);
      if (facts->texts->len > 0)
        facts->paths_between++;
      if (style_has_color (style, facts->up) && subpaths > facts->up_subpaths)
        {
          facts->up_subpaths = subpaths;
          facts->up_path_at = facts->n_elements;
        }
    }
}

static void
facts_clear (SvgFacts *facts)
{
  g_clear_pointer (&facts->texts, g_ptr_array_unref);
  if (facts->text != NULL)
    g_string_free (g_steal_pointer (&facts->text), TRUE);
}

#ifdef HAVE_LIBXML2
static void
walk_svg (xmlNode  *node,
          SvgFacts *facts)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *style = NULL;
      g_autofree char *d = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;

      style = (char *) xmlGetProp (node, BAD_CAST "style");
      d = (char *) xmlGetProp (node, BAD_CAST "d");
      facts_start (facts, (const char *) node->name, style, d);

      if (xmlStrcmp (node->name, BAD_CAST "title") == 0)
        {
          g_autofree char *text = (char *) xmlNodeGetContent (node);

          facts->has_title |= g_strcmp0 (text, TITLE) == 0;
        }
      else if (xmlStrcmp (node->name, BAD_CAST "text") == 0)
        {
          /* Gives "" rather than NULL for an empty element. */
          g_ptr_array_add (facts->texts, xmlNodeGetContent (node));
        }

      walk_svg (node->children, facts);
    }
}

static void
read_svg (const char *contents,
          gsize       length,
          SvgFacts   *facts)
{
  xmlDoc *doc = xmlReadMemory (contents, (int) length, "chart.svg", NULL, XML_PARSE_NONET);
  xmlNode *root;

  facts->texts = g_ptr_array_new_with_free_func (xmlFree);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  walk_svg (root, facts);
  xmlFreeDoc (doc);
}
#else
static void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgFacts *facts = user_data;
  const char *style = NULL;
  const char *d = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "style"))
        style = values[i];
      else if (g_str_equal (names[i], "d"))
        d = values[i];
    }

  facts_start (facts, element, style, d);
  if (g_str_equal (element, "text"))
    facts->text = g_string_new (NULL);
}

static void
svg_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SvgFacts *facts = user_data;

  if (g_str_equal (element, "text"))
    g_ptr_array_add (facts->texts, g_string_free (g_steal_pointer (&facts->text), FALSE));
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgFacts *facts = user_data;

  if (facts->text != NULL)
    g_string_append_len (facts->text, text, length);

  if (g_strcmp0 (g_markup_parse_context_get_element (context), "title") == 0 &&
      length == strlen (TITLE) && memcmp (text, TITLE, length) == 0)
    facts->has_title = TRUE;
}

static void
read_svg (const char *contents,
          gsize       length,
          SvgFacts   *facts)
{
  static const GMarkupParser parser = { svg_start_cb, svg_end_cb, svg_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, facts, NULL);
  g_autoptr(GError) error = NULL;

  facts->texts = g_ptr_array_new_with_free_func (g_free);
  g_markup_parse_context_parse (context, contents, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}
#endif

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* Keeps the text of each run that could show: not empty, and not wholly outside the clip. */
static void
collect_run_cb (cairo_t                 *cr,
                const WickRenderTextRun *run,
                gpointer                 user_data)
{
  GPtrArray *texts = user_data;
  double x1, y1, x2, y2;

  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  if (pango_layout_get_text (run->layout)[0] != '\0' &&
      run->box.x < x2 && run->box.x + run->box.width > x1 &&
      run->box.y < y2 && run->box.y + run->box.height > y1)
    g_ptr_array_add (texts, g_strdup (pango_layout_get_text (run->layout)));
}

/* The runs of text the renderer draws for an SVG export of the fixture with @options, in
 * the order it draws them, as seen through a text sink of our own. */
static GPtrArray *
collect_runs (Fixture                 *fixture,
              const WickExportOptions *options)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WickViewport) view = NULL;
  WickScene scene = fixture->scene;
  WickScene local_scene;
  cairo_surface_t *surface;
  cairo_t *cr;

  wick_export_options_apply (options, &scene);
  view = _wick_export_prepare (&scene, fixture->viewport, options->width, options->height,
                               &local_scene);
  surface = cairo_svg_surface_create_for_stream (discard_cb, NULL, options->width,
                                                 options->height);
  cr = cairo_create (surface);
  _wick_render_set_text_sink (cr, collect_run_cb, texts);
  wick_render (cr, &local_scene, view);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return texts;
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

/* Well-formed XML holding the title as text and the candles as paths, not a bitmap. */
static void
test_svg_vector (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(WickExportOptions) options = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const WickCandle *candles = wick_series_get_candles (fixture->series);
  SvgFacts facts = { 0 };
  guint n_up = 0;
  gsize length;

  wick_export_options_init (&options);
  options.format = WICK_EXPORT_FORMAT_SVG;
  options.width = 1000;
  options.height = 600;
  path = export_with (fixture, "chart.svg", &options);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  facts.up = &wick_palette_get (FALSE)->up;
  read_svg (contents, length, &facts);

  for (guint i = FIRST; i < LAST; i++)
    n_up += candles[i].close >= candles[i].open;

  g_assert_true (facts.has_title);
  g_assert_cmpuint (n_up, >, 20);
  /* Each up candle is a body and a wick or two, all in the up colour's path. */
  g_assert_cmpuint (facts.up_subpaths, >=, n_up);
  g_assert_cmpuint (facts.n_paths, >, 10);
  /* Without the heatmap there is no bitmap at all. */
  g_assert_cmpuint (facts.n_images, ==, 0);
  g_assert_nonnull (strstr (contents, "width=\"1000pt\" height=\"600pt\""));

  facts_clear (&facts);
}

/* Every label is a <text> element, in the place the renderer drew it, and no glyph outlines
 * or placeholders are left. */
static void
test_svg_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(WickExportOptions) options = { 0 };
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *last_price = NULL;
  const WickCandle *candles = wick_series_get_candles (fixture->series);
  const WickCandle *last = &candles[wick_series_get_length (fixture->series) - 1];
  SvgFacts facts = { 0 };
  gboolean has_legend = FALSE;
  char price[64];
  gsize length;

  wick_export_options_init (&options);
  options.format = WICK_EXPORT_FORMAT_SVG;
  options.width = 1200;
  options.height = 700;
  path = export_with (fixture, "chart.svg", &options);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  facts.up = &wick_palette_get (FALSE)->up;
  read_svg (contents, length, &facts);
  runs = collect_runs (fixture, &options);

  /* The title block, the line's label, the last price on the axis and the legend. */
  g_assert_true (facts.has_title);
  g_assert_true (has_text (facts.texts, TITLE));
  g_assert_true (has_text (facts.texts, "Test line"));
  g_assert_true (has_text (facts.texts, "Wick"));
  wick_format_price_into (price, sizeof price, last->close, wick_price_decimals (last->close));
  last_price = g_strdup (price);
  g_assert_true (has_text (facts.texts, last_price));
  for (guint i = 0; i < facts.texts->len; i++)
    has_legend |= g_str_has_prefix (g_ptr_array_index (facts.texts, i), "O ") &&
                  strstr (g_ptr_array_index (facts.texts, i), " H ") != NULL;
  g_assert_true (has_legend);
  /* Runs of spaces survive: the attribute that keeps them is there. */
  g_assert_nonnull (strstr (contents, "xml:space=\"preserve\""));

  /* One element per run the renderer drew, with its text, in drawing order. */
  g_assert_cmpuint (runs->len, >=, 20);
  g_assert_cmpuint (facts.texts->len, ==, runs->len);
  for (guint i = 0; i < runs->len; i++)
    g_assert_cmpstr (g_ptr_array_index (facts.texts, i), ==, g_ptr_array_index (runs, i));

  /* Text stays in the stacking order: the legend over the candles, and shapes (such as the
   * last price's box) drawn between labels. */
  g_assert_cmpuint (facts.up_path_at, >, 0);
  g_assert_cmpuint (facts.last_text_at, >, facts.up_path_at);
  g_assert_cmpuint (facts.paths_between, >, 0);

  g_assert_cmpuint (facts.n_symbols, ==, 0);
  g_assert_cmpuint (facts.n_uses, ==, 0);
  g_assert_cmpuint (facts.n_placeholders, ==, 0);
  g_assert_null (strstr (contents, "glyph"));

  facts_clear (&facts);
}

static gboolean
append_cb (gpointer    user_data,
           const void *data,
           gsize       length)
{
  g_byte_array_append (user_data, data, length);
  return TRUE;
}

static cairo_status_t
capture_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* What Cairo writes for the fixture's scene with @svg as its text sink, before filtering. */
static GByteArray *
render_unfiltered (Fixture       *fixture,
                   WickExportSvg *svg)
{
  GByteArray *raw = g_byte_array_new ();
  g_autoptr(WickViewport) view = NULL;
  WickScene local_scene;
  cairo_surface_t *surface;
  cairo_t *cr;

  view = _wick_export_prepare (&fixture->scene, fixture->viewport, 900, 500, &local_scene);
  surface = cairo_svg_surface_create_for_stream (capture_cb, raw, 900, 500);
  cr = cairo_create (surface);
  _wick_export_svg_attach (svg, cr);
  wick_render (cr, &local_scene, view);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return raw;
}

static guint
count_occurrences (const GByteArray *bytes,
                   const char       *needle)
{
  g_autofree char *text = g_strndup ((const char *) bytes->data, bytes->len);
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* The stream filter gives the same file however Cairo splits its writes, puts the title after
 * the root, and says so when a placeholder went missing. */
static void
test_svg_stream (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WickExportSvg) whole = NULL;
  g_autoptr(WickExportSvg) bytewise = NULL;
  g_autoptr(WickExportSvg) damaged = NULL;
  g_autoptr(GByteArray) whole_out = g_byte_array_new ();
  g_autoptr(GByteArray) bytewise_out = g_byte_array_new ();
  g_autoptr(GByteArray) damaged_out = g_byte_array_new ();
  g_autoptr(GByteArray) raw = NULL;
  g_autoptr(GByteArray) raw_again = NULL;
  g_autofree char *text = NULL;
  const char *root, *title, *first, *start, *end;
  guint n_runs;

  whole = _wick_export_svg_new (TITLE, append_cb, whole_out);
  raw = render_unfiltered (fixture, whole);
  n_runs = _wick_export_svg_get_n_runs (whole);
  g_assert_cmpuint (n_runs, >=, 20);
  g_assert_true (_wick_export_svg_write (whole, raw->data, raw->len));
  g_assert_true (_wick_export_svg_is_complete (whole));
  g_assert_cmpuint (count_occurrences (whole_out, "<text "), ==, n_runs);
  g_assert_cmpuint (count_occurrences (whole_out, "<title>"), ==, 1);

  text = g_strndup ((const char *) whole_out->data, whole_out->len);
  root = strstr (text, "<svg ");
  title = strstr (text, "<title>");
  g_assert_nonnull (root);
  g_assert_true (title == strchr (root, '>') + 2);

  /* Cairo numbers its surfaces across documents, so feed the first picture's bytes to a
   * second filter holding the same runs. */
  bytewise = _wick_export_svg_new (TITLE, append_cb, bytewise_out);
  raw_again = render_unfiltered (fixture, bytewise);
  g_assert_cmpuint (_wick_export_svg_get_n_runs (bytewise), ==, n_runs);
  for (guint i = 0; i < raw->len; i++)
    g_assert_true (_wick_export_svg_write (bytewise, raw->data + i, 1));
  g_assert_true (_wick_export_svg_is_complete (bytewise));
  g_assert_cmpmem (bytewise_out->data, bytewise_out->len, whole_out->data, whole_out->len);

  /* Cut the first placeholder (the only even-odd fills) out of what Cairo wrote. */
  damaged = _wick_export_svg_new (TITLE, append_cb, damaged_out);
  g_clear_pointer (&raw_again, g_byte_array_unref);
  raw_again = render_unfiltered (fixture, damaged);
  g_clear_pointer (&text, g_free);
  text = g_strndup ((const char *) raw_again->data, raw_again->len);
  first = strstr (text, "fill-rule:evenodd");
  g_assert_nonnull (first);
  start = g_strrstr_len (text, first - text, "<path");
  end = strstr (first, "/>");
  g_assert_nonnull (start);
  g_assert_nonnull (end);
  g_assert_true (_wick_export_svg_write (damaged, text, start - text));
  g_assert_true (_wick_export_svg_write (damaged, end + 2, strlen (end + 2)));
  g_assert_false (_wick_export_svg_is_complete (damaged));
}

/* Without a text sink, or with one set and taken away, the renderer draws what it drew. */
static void
test_sink_off (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  cairo_surface_t *images[3];
  WickViewport *view = fixture->viewport;

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      cairo_t *cr;

      images[i] = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
      cr = cairo_create (images[i]);
      if (i > 0)
        _wick_render_set_text_sink (cr, collect_run_cb, texts);
      if (i == 2)
        _wick_render_set_text_sink (cr, NULL, NULL);
      wick_render (cr, &fixture->scene, view);
      cairo_destroy (cr);
      cairo_surface_flush (images[i]);
    }

  g_assert_cmpuint (texts->len, >, 10);
  /* With the sink, no glyphs: the pictures differ where the labels are. */
  g_assert_cmpuint (count_differences (images[0], images[1], 0, 0, 799, 599), >, 100);
  g_assert_cmpuint (count_differences (images[0], images[2], 0, 0, 799, 599), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    cairo_surface_destroy (images[i]);
}

/* Whether @needle is somewhere in @contents, NULs and all. */
static gboolean
has_bytes (const char *contents,
           gsize       length,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize at = 0; at + n <= length; at++)
    if (memcmp (contents + at, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* One page, as large in points as asked, with its text in embedded fonts. */
static void
test_pdf_page (Fixture       *fixture,
               gconstpointer  data)
{
  static const int sizes[][2] = { { 1920, 1080 }, { 640, 400 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_auto(WickExportOptions) options = { 0 };
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *media_box = NULL;
      g_autoptr(GRegex) page = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
      g_autoptr(GRegex) box = g_regex_new ("/MediaBox\\s*\\[\\s*([0-9. ]+)\\]", G_REGEX_RAW, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_auto(GStrv) numbers = NULL;
      guint n_pages = 0;
      gsize length;

      wick_export_options_init (&options);
      options.format = WICK_EXPORT_FORMAT_PDF;
      options.width = sizes[i][0];
      options.height = sizes[i][1];
      path = export_with (fixture, "chart.pdf", &options);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

      /* The page dictionaries are plain text even when the streams are compressed; NULs
       * in the streams end the text early, so search the bytes. */
      for (gsize at = 0; at < length; at += strlen (contents + at) + 1)
        {
          g_regex_match (page, contents + at, 0, &match);
          while (g_match_info_matches (match))
            {
              n_pages++;
              g_match_info_next (match, NULL);
            }
          g_clear_pointer (&match, g_match_info_free);

          if (media_box == NULL && g_regex_match (box, contents + at, 0, &match))
            media_box = g_match_info_fetch (match, 1);
          g_clear_pointer (&match, g_match_info_free);
        }

      g_assert_cmpuint (n_pages, ==, 1);
      /* Text is text: embedded fonts, with a map back to Unicode for search and copy. */
      g_assert_true (has_bytes (contents, length, "/Font "));
      g_assert_true (has_bytes (contents, length, "/ToUnicode"));
      g_assert_true (has_bytes (contents, length, "/FontFile"));
      g_assert_nonnull (media_box);
      numbers = g_strsplit_set (g_strstrip (media_box), " ", -1);
      g_assert_cmpuint (g_strv_length (numbers), ==, 4);
      g_assert_cmpfloat (g_ascii_strtod (numbers[0], NULL), ==, 0);
      g_assert_cmpfloat (g_ascii_strtod (numbers[1], NULL), ==, 0);
      g_assert_cmpfloat (g_ascii_strtod (numbers[2], NULL), ==, sizes[i][0]);
      g_assert_cmpfloat (g_ascii_strtod (numbers[3], NULL), ==, sizes[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/wick/export-vector/svg", Fixture, NULL, fixture_setup, test_svg_vector,
              fixture_teardown);
  g_test_add ("/wick/export-vector/svg-text", Fixture, NULL, fixture_setup, test_svg_text,
              fixture_teardown);
  g_test_add ("/wick/export-vector/svg-stream", Fixture, NULL, fixture_setup, test_svg_stream,
              fixture_teardown);
  g_test_add ("/wick/export-vector/sink-off", Fixture, NULL, fixture_setup, test_sink_off,
              fixture_teardown);
  g_test_add ("/wick/export-vector/pdf-page", Fixture, NULL, fixture_setup, test_pdf_page,
              fixture_teardown);

  return g_test_run ();
}
