/* test-export-vector.c: SVG and PDF exports are vector pictures: well-formed XML with the title
 * as text and the candles as paths, and one PDF page as large as asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-export-utils.h"

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

typedef struct
{
  const WickColor *up;
  gboolean         has_title;
  guint            n_paths;
  guint            n_images;
  guint            up_subpaths;  /* in the largest path of the up colour */
} SvgFacts;

#ifdef HAVE_LIBXML2
static void
walk_svg (xmlNode  *node,
          SvgFacts *facts)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (xmlStrcmp (node->name, BAD_CAST "title") == 0)
        {
          g_autofree char *text = (char *) xmlNodeGetContent (node);

          facts->has_title |= g_strcmp0 (text, TITLE) == 0;
        }
      else if (xmlStrcmp (node->name, BAD_CAST "image") == 0)
        {
          facts->n_images++;
        }
      else if (xmlStrcmp (node->name, BAD_CAST "path") == 0)
        {
          g_autofree char *style = (char *) xmlGetProp (node, BAD_CAST "style");
          g_autofree char *d = (char *) xmlGetProp (node, BAD_CAST "d");

          facts->n_paths++;
          if (style_has_color (style, facts->up))
            facts->up_subpaths = MAX (facts->up_subpaths, count_subpaths (style, d));
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

  if (g_str_equal (element, "image"))
    facts->n_images++;
  if (!g_str_equal (element, "path"))
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "style"))
        style = values[i];
      else if (g_str_equal (names[i], "d"))
        d = values[i];
    }
  facts->n_paths++;
  if (style_has_color (style, facts->up))
    facts->up_subpaths = MAX (facts->up_subpaths, count_subpaths (style, d));
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgFacts *facts = user_data;

  if (g_strcmp0 (g_markup_parse_context_get_element (context), "title") == 0 &&
      length == strlen (TITLE) && memcmp (text, TITLE, length) == 0)
    facts->has_title = TRUE;
}

static void
read_svg (const char *contents,
          gsize       length,
          SvgFacts   *facts)
{
  static const GMarkupParser parser = { svg_start_cb, NULL, svg_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, facts, NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, contents, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}
#endif

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
}

/* One page, as large in points as asked. */
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
  g_test_add ("/wick/export-vector/pdf-page", Fixture, NULL, fixture_setup, test_pdf_page,
              fixture_teardown);

  return g_test_run ();
}
