/* main.c: start Wick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "wick-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WickApplication) application = NULL;
  /* Tests point this at the build tree's catalogues, which are not installed yet. */
  const char *localedir = g_getenv ("WICK_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = wick_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
