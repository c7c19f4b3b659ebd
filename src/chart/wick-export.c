/* wick-export.c: write the chart to PNG, SVG or PDF without a window
 *
 * The picture comes from wick_render(), like the screen's. PNG is encoded by
 * wick-export-png.c, on two threads at zlib level 1: cairo_surface_write_to_png() alone costs
 * about 90 ms per 1920×1080 frame, libpng with fast settings about 25 ms. Every format is
 * written to a temporary file beside the target and renamed into place only when complete, so
 * a failed export never leaves a partial file. SVG goes through wick-export-svg.c, which
 * writes the text as <text> elements rather than Cairo's glyph outlines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-export"

#include "config.h"

#include "wick-export.h"

#include "wick-export-private.h"
#include "wick-render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MIN_SIDE       16
#define MAX_SIDE       16384
#define MAX_PIXELS     (64 * 1024 * 1024)
#define MIN_SCALE      1.0
#define MAX_SCALE      4.0
/* Cairo image surfaces stop at 32767 pixels a side. */
#define MAX_DEVICE_SIDE 32767

G_DEFINE_QUARK (wick-export-error-quark, wick_export_error)

static const struct
{
  const char       *extension;
  WickExportFormat  format;
} formats[] = {
  { ".png", WICK_EXPORT_FORMAT_PNG },
  { ".svg", WICK_EXPORT_FORMAT_SVG },
  { ".pdf", WICK_EXPORT_FORMAT_PDF },
};

/**
 * wick_export_format_from_path:
 * @path: the file to write
 * @format: (out): the format its extension names
 * @error: #WICK_EXPORT_ERROR_FORMAT for any extension but .png, .svg or .pdf (in any case)
 *
 * Returns: %TRUE when the extension is known
 */
gboolean
wick_export_format_from_path (const char        *path,
                              WickExportFormat  *format,
                              GError           **error)
{
  g_autofree char *basename = NULL;
  const char *extension;
  guint i;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  basename = g_path_get_basename (path);
  extension = strrchr (basename, '.');

  if (extension == NULL || extension[1] == '\0')
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_FORMAT,
                   _("“%s” has no file extension: use .png, .svg or .pdf"), path);
      return FALSE;
    }

  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (extension, formats[i].extension) == 0)
        {
          *format = formats[i].format;
          return TRUE;
        }
    }

  g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_FORMAT,
               _("Unsupported file extension “%s”: use .png, .svg or .pdf"), extension);
  return FALSE;
}

/* Parses 1 to 6 ASCII digits making up all of [@start, @end). */
static gboolean
parse_side (const char *start,
            const char *end,
            int        *value)
{
  const char *p;
  int result = 0;

  if (end - start < 1 || end - start > 6)
    return FALSE;

  for (p = start; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      result = result * 10 + (*p - '0');
    }

  *value = result;
  return TRUE;
}

static gboolean
check_size (int      width,
            int      height,
            GError **error)
{
  if (width < MIN_SIDE || width > MAX_SIDE || height < MIN_SIDE || height > MAX_SIDE)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Size %d×%d is out of range: width and height must each be "
                     "between %d and %d pixels"),
                   width, height, MIN_SIDE, MAX_SIDE);
      return FALSE;
    }

  if ((gint64) width * height > MAX_PIXELS)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Size %d×%d is too large: at most 64 megapixels, e.g. 8192×8192"),
                   width, height);
      return FALSE;
    }

  return TRUE;
}

/**
 * wick_export_parse_size:
 * @text: "WIDTHxHEIGHT", with x, X or ×, e.g. "1920x1080"
 * @width: (out): the width in logical pixels
 * @height: (out): the height
 * @error: #WICK_EXPORT_ERROR_SIZE when malformed, when a side is outside 16..16384 or when
 *   the area exceeds 64 megapixels
 *
 * Returns: %TRUE on success
 */
gboolean
wick_export_parse_size (const char  *text,
                        int         *width,
                        int         *height,
                        GError     **error)
{
  static const char *separators[] = { "×", "x", "X" };
  const char *separator = NULL;
  gsize separator_len = 0;
  int w = 0, h = 0;
  guint i;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (i = 0; i < G_N_ELEMENTS (separators) && separator == NULL; i++)
    {
      separator = strstr (text, separators[i]);
      separator_len = strlen (separators[i]);
    }

  if (separator == NULL ||
      !parse_side (text, separator, &w) ||
      !parse_side (separator + separator_len, separator + strlen (separator), &h))
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Invalid size “%s”: expected WIDTHxHEIGHT in pixels, e.g. 1920x1080"),
                   text);
      return FALSE;
    }

  if (!check_size (w, h, error))
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

static gboolean
check_scale (double   scale,
             GError **error)
{
  if (!isfinite (scale) || scale < MIN_SCALE || scale > MAX_SCALE)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Scale %g is out of range: use a number from 1 to 4, e.g. 2"), scale);
      return FALSE;
    }

  return TRUE;
}

/**
 * wick_export_parse_scale:
 * @text: a number from 1 to 4, decimals allowed ("2", "1.5")
 * @scale: (out): the value
 * @error: #WICK_EXPORT_ERROR_SIZE when malformed or out of range
 *
 * Returns: %TRUE on success
 */
gboolean
wick_export_parse_scale (const char  *text,
                         double      *scale,
                         GError     **error)
{
  char *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || g_ascii_isspace (text[0]) || end == NULL || *end != '\0' ||
      errno != 0 || !isfinite (value))
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Invalid scale “%s”: expected a number from 1 to 4, e.g. 2"), text);
      return FALSE;
    }

  if (!check_scale (value, error))
    return FALSE;

  *scale = value;
  return TRUE;
}

/* What went wrong while writing, for the error message. */
typedef struct
{
  FILE *file;         /* Borrowed */
  int   saved_errno;
} Sink;

static gboolean
sink_write (Sink       *sink,
            const void *data,
            gsize       length)
{
  if (length == 0)
    return TRUE;

  if (fwrite (data, 1, length, sink->file) != length)
    {
      if (sink->saved_errno == 0)
        sink->saved_errno = errno != 0 ? errno : EIO;
      return FALSE;
    }

  return TRUE;
}

/* Empties the file for a second attempt. */
static gboolean
sink_rewind (Sink *sink)
{
  if (fflush (sink->file) != 0 || ftruncate (fileno (sink->file), 0) != 0 ||
      fseek (sink->file, 0, SEEK_SET) != 0)
    {
      if (sink->saved_errno == 0)
        sink->saved_errno = errno != 0 ? errno : EIO;
      return FALSE;
    }

  return TRUE;
}

static cairo_status_t
svg_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  return _wick_export_svg_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                         : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t
pdf_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  return sink_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
file_write_cb (gpointer    user_data,
              const void *data,
              gsize       len)
{
  return sink_write (user_data, data, len);
}

static gboolean
export_png (const WickScene  *scene,
            WickViewport     *viewport,
            int               width,
            int               height,
            double            scale,
            const char       *title,
            Sink             *sink,
            const char       *path,
            GError          **error)
{
  int device_width = (int) ceil (width * scale);
  int device_height = (int) ceil (height * scale);
  const WickColor *background = &scene->palette->background;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (device_width > MAX_DEVICE_SIDE || device_height > MAX_DEVICE_SIDE ||
      (gint64) device_width * device_height > 4 * (gint64) MAX_PIXELS)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Size %d×%d at scale %g is too large to render"), width, height, scale);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, device_width, device_height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_SIZE,
                   _("Could not make a %d×%d image: %s"), device_width, device_height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  /* PNG has no alpha here: everything lands on the opaque background. */
  cairo_set_source_rgb (cr, background->red, background->green, background->blue);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  wick_render (cr, scene, viewport);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  ok = _wick_export_write_png (surface, title, file_write_cb, sink);
  cairo_surface_destroy (surface);

  if (!ok)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path,
                   sink->saved_errno != 0 ? g_strerror (sink->saved_errno)
                                          : _("the PNG encoder failed"));
      return FALSE;
    }

  return TRUE;
}

/* With @text_sink, SVG text is written as <text> elements; @text_complete says whether all of
 * it made it into the file. */
static gboolean
export_vector (const WickScene  *scene,
               WickViewport     *viewport,
               WickExportFormat  format,
               int               width,
               int               height,
               const char       *title,
               gboolean          text_sink,
               Sink             *sink,
               gboolean         *text_complete,
               const char       *path,
               GError          **error)
{
  g_autoptr(WickExportSvg) svg = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == WICK_EXPORT_FORMAT_SVG)
    {
      svg = _wick_export_svg_new (title, file_write_cb, sink);
      surface = cairo_svg_surface_create_for_stream (svg_write_cb, svg, width, height);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (pdf_write_cb, sink, width, height);
      if (title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Wick");
    }

  cr = cairo_create (surface);
  if (svg != NULL && text_sink)
    _wick_export_svg_attach (svg, cr);
  wick_render (cr, scene, viewport);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path,
                   sink->saved_errno != 0 ? g_strerror (sink->saved_errno)
                                          : cairo_status_to_string (status));
      return FALSE;
    }

  *text_complete = svg == NULL || _wick_export_svg_is_complete (svg);

  return TRUE;
}

/**
 * wick_export:
 * @scene: what to draw; `show_title_block` is honoured as set (the command line sets it), and
 *   a crosshair (`has_crosshair`, placed in @viewport's pixels) stays on its time and price
 * @viewport: the time range, price range and scale to show; not modified: a copy is resized
 *   to @width × @height, and its prices refitted when auto-price is on
 * @format: the file format
 * @width: logical width, 16..16384
 * @height: logical height, 16..16384
 * @scale: device pixels per logical pixel for PNG, 1..4; SVG and PDF are @width × @height
 *   points
 * @path: the file to write; replaced atomically
 * @error: #WICK_EXPORT_ERROR_SIZE for a bad size or scale, #WICK_EXPORT_ERROR_WRITE (with the
 *   path and the reason) when the file cannot be written
 *
 * Writes to `<path>.XXXXXX` in the same directory and renames it over @path only when
 * everything was written; on failure the temporary file is removed and @path is untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_export (const WickScene   *scene,
             WickViewport      *viewport,
             WickExportFormat   format,
             int                width,
             int                height,
             double             scale,
             const char        *path,
             GError           **error)
{
  g_autoptr(WickViewport) view = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *market_title = NULL;
  const char *title;
  WickScene local_scene;
  Sink sink;
  gboolean ok;
  FILE *file;
  int fd;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (format <= WICK_EXPORT_FORMAT_PDF, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_size (width, height, error) || !check_scale (scale, error))
    return FALSE;

  view = _wick_export_prepare (scene, viewport, width, height, &local_scene);

  title = scene->title;
  if (title == NULL && scene->market != NULL)
    title = market_title = wick_market_dup_title (scene->market);

  temp_path = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp_full (temp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  file = fdopen (fd, "wb");
  if (file == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (temp_path);
      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  memset (&sink, 0, sizeof sink);
  sink.file = file;

  if (format == WICK_EXPORT_FORMAT_PNG)
    ok = export_png (&local_scene, view, width, height, scale, title, &sink, path, error);
  else
    {
      gboolean text_complete = TRUE;

      ok = export_vector (&local_scene, view, format, width, height, title, TRUE, &sink,
                          &text_complete, path, error);

      /* Should Cairo ever change how it writes a placeholder, some text would be missing:
       * write glyph outlines instead, as Cairo does by itself. */
      if (ok && !text_complete)
        {
          g_warning ("Some text of the SVG export could not be written as text; "
                     "writing outlines instead");
          ok = sink_rewind (&sink);
          if (!ok)
            g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE,
                         _("Could not write “%s”: %s"), path, g_strerror (sink.saved_errno));
          else
            ok = export_vector (&local_scene, view, format, width, height, title, FALSE,
                                &sink, &text_complete, path, error);
        }
    }

  if (fclose (file) != 0 && ok)
    {
      int saved_errno = errno;

      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (ok && g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, WICK_EXPORT_ERROR, WICK_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (temp_path);

  return ok;
}
