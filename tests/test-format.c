/* test-format.c: numbers follow LC_NUMERIC, and the C locale keeps the exchanges' style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "wick-format.h"

#include "test-user-dirs.h"

/* Where locales built for this run go, when the system has not installed them. */
static char *locale_root;

/* Switches LC_ALL to @name, building it with localedef into a private LOCPATH when the system
 * lacks it. Returns FALSE, having marked the test skipped, when neither works. */
static gboolean
use_locale (const char *name)
{
  g_autofree char *input = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *target = NULL;
  g_autofree char *program = g_find_program_in_path ("localedef");
  g_autoptr(GError) error = NULL;
  const char *dot;
  int status = -1;

  if (setlocale (LC_ALL, name) != NULL)
    return TRUE;

  dot = strchr (name, '.');
  if (program == NULL || dot == NULL)
    {
      g_autofree char *message = g_strdup_printf ("the %s locale is not installed, and there "
                                                  "is no localedef to build it", name);
      g_test_skip (message);
      return FALSE;
    }

  if (locale_root == NULL)
    {
      locale_root = g_dir_make_tmp ("wick-locales-XXXXXX", &error);
      g_assert_no_error (error);
    }

  /* A folder of its own: glibc remembers a locale it did not find in a folder. */
  input = g_strndup (name, dot - name);
  directory = g_build_filename (locale_root, name, NULL);
  target = g_build_filename (directory, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  {
    const char *argv[] = { program, "-i", input, "-f", "UTF-8", target, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_setenv ("LOCPATH", directory, TRUE);

  if (error != NULL || setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("the %s locale is not installed and could "
                                                  "not be built with localedef (status %d)",
                                                  name, status);
      g_unsetenv ("LOCPATH");
      setlocale (LC_ALL, "C");
      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

#define CHECK_FORMAT(call, expected) \
  G_STMT_START { \
    g_autofree char *text = (call); \
    g_assert_cmpstr (text, ==, (expected)); \
  } G_STMT_END

static void
check_grouped (double      value,
               guint       decimals,
               const char *expected)
{
  char buffer[WICK_FORMAT_BUF_SIZE];
  gsize len;

  len = wick_format_grouped_into (buffer, sizeof buffer, value, decimals);
  g_assert_cmpstr (buffer, ==, expected);
  g_assert_cmpuint (len, ==, strlen (expected));
}

/* German: a full stop between groups, a comma before the decimals. */
static void
test_format_german (void)
{
  if (!use_locale ("de_DE.UTF-8"))
    return;

  check_grouped (92000.5, 2, "92.000,50");
  check_grouped (93859.71, 2, "93.859,71");
  check_grouped (999.5, 0, "1.000");
  check_grouped (-1234567.891, 2, "-1.234.567,89");
  check_grouped (0.125, 2, "0,12");          /* a tie: printf's rounding */
  check_grouped (1e20, 0, "100.000.000.000.000.000.000");
  check_grouped (-0.001, 2, "0,00");
  CHECK_FORMAT (wick_format_level (91540.0), "91.540");
  CHECK_FORMAT (wick_format_level (94789.08), "94.789,08");
  CHECK_FORMAT (wick_format_level (99.5), "99,50");
  CHECK_FORMAT (wick_format_level (0.01234), "0,01234");
  /* What a copied line puts on the clipboard is the same in every locale. */
  CHECK_FORMAT (wick_format_level_plain (91540.0), "91540");
  CHECK_FORMAT (wick_format_level_plain (94789.08), "94789.08");
  CHECK_FORMAT (wick_format_level_plain (92000.5), "92000.50");
  CHECK_FORMAT (wick_format_level_plain (0.01234), "0.01234");
  CHECK_FORMAT (wick_format_usd (42.74e6), "$42,7M");
  CHECK_FORMAT (wick_format_usd (1.234e9), "$1,23B");
  CHECK_FORMAT (wick_format_usd (1234.0), "$1,23K");
  CHECK_FORMAT (wick_format_percent (0.0312, 2), "3,12");
  CHECK_FORMAT (wick_format_percent (-12.5, 0), "-1.250");

  setlocale (LC_ALL, "C");
}

/* French groups with a narrow no-break space, three bytes of UTF-8. */
static void
test_format_french (void)
{
  char buffer[WICK_FORMAT_BUF_SIZE];
  struct lconv *conv;
  g_autofree char *expected = NULL;

  if (!use_locale ("fr_FR.UTF-8"))
    return;

  conv = localeconv ();
  expected = g_strdup_printf ("92%s000,50", conv->thousands_sep);
  g_assert_cmpuint (strlen (conv->thousands_sep), >, 1);
  check_grouped (92000.5, 2, expected);

  /* The largest double, grouped, fits the documented room. */
  g_assert_cmpuint (wick_format_grouped_into (buffer, sizeof buffer, -G_MAXDOUBLE, 12),
                    <, sizeof buffer);
  g_assert_true (g_utf8_validate (buffer, -1, NULL));
  g_assert_true (g_str_has_suffix (buffer, ",000000000000"));

  setlocale (LC_ALL, "C");
}

/* The C locales name no grouping: prices keep the comma between groups and the point. */
static void
test_format_c_locale (void)
{
  const char * const names[] = { "C", "POSIX", "C.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (setlocale (LC_ALL, names[i]) == NULL)
        continue;

      check_grouped (92000.5, 2, "92,000.50");
      check_grouped (1e20, 0, "100,000,000,000,000,000,000");
      CHECK_FORMAT (wick_format_level (94789.08), "94,789.08");
      CHECK_FORMAT (wick_format_level_plain (1234567.891), "1234567.89");
      CHECK_FORMAT (wick_format_usd (42.74e6), "$42.7M");
    }

  setlocale (LC_ALL, "C");
}

/* The numbers of the signals' explanations, as the C locale writes them: rounding, groups
 * and units. */
static void
test_format_explanations (void)
{
  static const struct
  {
    double      value;
    guint       decimals;
    const char *text;
  } grouped[] = {
    { 92000, 0, "92,000" }, { 93859.71, 2, "93,859.71" }, { 999.5, 0, "1,000" },
    { 2.5, 0, "2" }, { 0.125, 2, "0.12" }, { 0.375, 2, "0.38" }, { -0.001, 2, "0.00" },
    { -1234567.891, 2, "-1,234,567.89" }, { 0.000123, 6, "0.000123" },
  };

  setlocale (LC_ALL, "C");
  for (guint i = 0; i < G_N_ELEMENTS (grouped); i++)
    check_grouped (grouped[i].value, grouped[i].decimals, grouped[i].text);

  CHECK_FORMAT (wick_format_level (91540.0), "91,540");
  CHECK_FORMAT (wick_format_level (99.5), "99.50");
  CHECK_FORMAT (wick_format_level (0.5), "0.5000");
  CHECK_FORMAT (wick_format_usd (427.0e6), "$427M");
  CHECK_FORMAT (wick_format_usd (1.234e9), "$1.23B");
  CHECK_FORMAT (wick_format_usd (950e3), "$950K");
  CHECK_FORMAT (wick_format_usd (999.96e3), "$1.00M");
  CHECK_FORMAT (wick_format_usd (640.0), "$640");
  CHECK_FORMAT (wick_format_percent (0.0312, 1), "3.1");
  CHECK_FORMAT (wick_format_percent (1.48, 0), "148");
}

/* A short buffer is cut, never overrun, and still NUL-terminated. */
static void
test_format_short_buffer (void)
{
  char buffer[6];

  setlocale (LC_ALL, "C");
  g_assert_cmpuint (wick_format_grouped_into (buffer, sizeof buffer, 92000.5, 2), ==, 9);
  g_assert_cmpstr (buffer, ==, "92,00");
  wick_format_grouped_into (buffer, sizeof buffer, NAN, 2);
  g_assert_cmpstr (buffer, ==, "–");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/format/c-locale", test_format_c_locale);
  g_test_add_func ("/wick/format/explanations", test_format_explanations);
  g_test_add_func ("/wick/format/german", test_format_german);
  g_test_add_func ("/wick/format/french", test_format_french);
  g_test_add_func ("/wick/format/short-buffer", test_format_short_buffer);

  status = g_test_run ();
  if (locale_root != NULL)
    test_remove_tree (locale_root);
  g_free (locale_root);

  return status;
}
