/* main.c: start Wick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef HAVE_MALLOPT
# include <malloc.h>
#endif

#include "wick-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WickApplication) application = NULL;
  /* Tests point this at the build tree's catalogues, which are not installed yet. */
  const char *localedir = g_getenv ("WICK_LOCALEDIR");

#ifdef HAVE_MALLOPT
  /* glibc serves a block of 128 KiB or more from its own mapping, which goes back to the
   * system when freed, but raises that threshold each time such a block is freed: the
   * arrays of one analysis then come from the heap, which never shrinks, and a window on a
   * million candles keeps some 30 MB it no longer uses. A fixed threshold keeps them mapped
   * (a 1M-candle export takes as long either way). */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = wick_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
