/* wick-cli-signals.c: `wick --signals` and `wick --indicators`, the analysis from a terminal
 *
 * Both analyse every candle the source loads, so the first candles of a --range get the same
 * values and signals as in the window, and print only what falls in the range.
 *
 *   --signals --format text   one signal per line, tab-separated: time, confirmed time (both
 *                             ISO 8601 UTC, the open time of the candle), kind, direction,
 *                             price, strength and the explanation
 *   --signals --format json   an array of objects: kind, direction, time, open_time_ms,
 *                             confirmed_time, confirmed_open_time_ms, start_time, price,
 *                             level (null if none), strength, pattern (TA-Lib's name or null)
 *                             and explanation
 *   --indicators --format csv a header and one row per candle: open_time_ms, the indicators
 *                             and the ten TA-Lib pattern outputs; a cell is empty where TA-Lib
 *                             has no value yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "wick-cli.h"
#include "wick-signals.h"

/* The indicator columns of --indicators, in order: all but the VWAP. */
#define N_CSV_INDICATORS (WICK_INDICATOR_BB_LOWER + 1)

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,
} Format;

static gboolean
parse_format (const char  *verb,
              const char  *text,
              Format       fallback,
              gboolean     is_signals,
              Format      *format,
              GError     **error)
{
  if (text == NULL)
    *format = fallback;
  else if (is_signals && g_str_equal (text, "text"))
    *format = FORMAT_TEXT;
  else if (is_signals && g_str_equal (text, "json"))
    *format = FORMAT_JSON;
  else if (!is_signals && g_str_equal (text, "csv"))
    *format = FORMAT_CSV;
  else
    {
      g_set_error (error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   is_signals
                   /* Translators: the format the user gave, then the option (--signals) */
                   ? _("Unknown format “%s” for %s: use text or json")
                   : _("Unknown format “%s” for %s: use csv"),
                   text, verb);
      return FALSE;
    }

  return TRUE;
}

/* Loads and analyses the market; on failure prints why and sets @exit_code. */
static WickSignals *
analyze (const WickCliOptions *options,
         gint64               *from_ms,
         gint64               *to_ms,
         int                  *exit_code)
{
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  WickSeries *series;
  WickSignals *result;

  if (!(market = wick_cli_load_market (options, exit_code)))
    return NULL;

  series = wick_market_get_series (market);
  if (options->range == NULL)
    {
      *from_ms = G_MININT64;
      *to_ms = G_MAXINT64;
    }
  else if (wick_series_lower_bound (series, *from_ms) >= wick_series_lower_bound (series, *to_ms))
    {
      g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (*from_ms / 1000);
      g_autoptr(GDateTime) to = g_date_time_new_from_unix_utc (*to_ms / 1000);
      g_autofree char *from_text = g_date_time_format_iso8601 (from);
      g_autofree char *to_text = g_date_time_format_iso8601 (to);

      g_set_error (&error, WICK_CLI_ERROR, WICK_CLI_ERROR_USAGE,
                   _("No candles between %s and %s"), from_text, to_text);
      *exit_code = wick_cli_fail (WICK_EXIT_USAGE, error);
      return NULL;
    }

  snapshot = wick_signals_snapshot_new_for_market (market);
  if (!(result = wick_signals_analyze (snapshot, NULL, NULL, &error)))
    *exit_code = wick_cli_fail (WICK_EXIT_FAILED, error);

  return result;
}

static void
append_iso_time (GString *out,
                 gint64   time_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_ms / 1000);
  g_autofree char *text = dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  g_string_append (out, text ? text : "");
}

/* A JSON number; the shortest form that reads back as the same double where it can. */
static void
append_number (GString *out,
               double   value,
               guint    digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  g_snprintf (format, sizeof format, "%%.%ug", digits);
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* A JSON string, with the escapes RFC 8259 requires; the text is UTF-8 already. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_json_signal (GString          *out,
                    const WickSignal *signal,
                    gint64            start_ms)
{
  g_string_append (out, "  {\n    \"kind\": ");
  append_json_string (out, wick_signal_kind_to_string (signal->kind));
  g_string_append (out, ",\n    \"direction\": ");
  append_json_string (out, wick_signal_direction_to_string (signal->direction));
  g_string_append (out, ",\n    \"time\": \"");
  append_iso_time (out, signal->time_ms);
  g_string_append_printf (out, "\",\n    \"open_time_ms\": %" G_GINT64_FORMAT, signal->time_ms);
  g_string_append (out, ",\n    \"confirmed_time\": \"");
  append_iso_time (out, signal->confirmed_time_ms);
  g_string_append_printf (out, "\",\n    \"confirmed_open_time_ms\": %" G_GINT64_FORMAT,
                          signal->confirmed_time_ms);
  g_string_append (out, ",\n    \"start_time\": \"");
  append_iso_time (out, start_ms);
  g_string_append (out, "\",\n    \"price\": ");
  append_number (out, signal->price, 15);
  g_string_append (out, ",\n    \"level\": ");
  append_number (out, signal->level, 15);
  g_string_append (out, ",\n    \"strength\": ");
  append_number (out, round (signal->strength * 1000.0) / 1000.0, 15);
  g_string_append (out, ",\n    \"pattern\": ");
  if (signal->pattern >= 0)
    append_json_string (out, wick_patterns_get_name ((WickPattern) signal->pattern));
  else
    g_string_append (out, "null");
  g_string_append (out, ",\n    \"explanation\": ");
  append_json_string (out, signal->explanation);
  g_string_append (out, "\n  }");
}

static void
append_text_signal (GString          *out,
                    const WickSignal *signal)
{
  char strength[G_ASCII_DTOSTR_BUF_SIZE];

  append_iso_time (out, signal->time_ms);
  g_string_append_c (out, '\t');
  append_iso_time (out, signal->confirmed_time_ms);
  g_string_append_printf (out, "\t%s\t%s\t",
                          wick_signal_kind_to_string (signal->kind),
                          wick_signal_direction_to_string (signal->direction));
  append_number (out, signal->price, 15);
  g_string_append_printf (out, "\t%s\t%s\n",
                          g_ascii_formatd (strength, sizeof strength, "%.2f", signal->strength),
                          signal->explanation);
}

static void
write_out (GString *out)
{
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

int
wick_cli_run_signals (const WickCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSignals) result = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const WickCandle *candles;
  gint64 from_ms = 0, to_ms = 0;
  gboolean is_first = TRUE;
  Format format;
  int exit_code;
  guint i;

  g_return_val_if_fail (options != NULL, WICK_EXIT_USAGE);

  if (!parse_format ("--signals", options->format, FORMAT_TEXT, TRUE, &format, &error) ||
      (options->range != NULL && !wick_cli_parse_range (options->range, &from_ms, &to_ms, &error)))
    return wick_cli_fail (WICK_EXIT_USAGE, error);

  if (!(result = analyze (options, &from_ms, &to_ms, &exit_code)))
    return exit_code;

  candles = wick_signals_snapshot_get_candles (wick_signals_get_snapshot (result), NULL);

  if (format == FORMAT_JSON)
    g_string_append_c (out, '[');

  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    {
      const WickSignal *signal = wick_signals_get_signal (result, i);

      if (signal->time_ms < from_ms || signal->time_ms >= to_ms)
        continue;

      if (format == FORMAT_JSON)
        {
          g_string_append (out, is_first ? "\n" : ",\n");
          append_json_signal (out, signal, candles[signal->start_index].open_time_ms);
        }
      else
        {
          append_text_signal (out, signal);
        }
      is_first = FALSE;
    }

  if (format == FORMAT_JSON)
    g_string_append (out, is_first ? "]\n" : "\n]\n");

  write_out (out);
  return WICK_EXIT_OK;
}

int
wick_cli_run_indicators (const WickCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSignals) result = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const double *values[N_CSV_INDICATORS];
  const gint8 *patterns[WICK_N_PATTERNS];
  guint lookbacks[WICK_N_PATTERNS];
  const WickCandle *candles;
  gint64 from_ms = 0, to_ms = 0;
  Format format;
  int exit_code;
  guint n, i, k;

  g_return_val_if_fail (options != NULL, WICK_EXIT_USAGE);

  if (!parse_format ("--indicators", options->format, FORMAT_CSV, FALSE, &format, &error) ||
      (options->range != NULL && !wick_cli_parse_range (options->range, &from_ms, &to_ms, &error)))
    return wick_cli_fail (WICK_EXIT_USAGE, error);

  if (!(result = analyze (options, &from_ms, &to_ms, &exit_code)))
    return exit_code;

  candles = wick_signals_snapshot_get_candles (wick_signals_get_snapshot (result), &n);

  g_string_append (out, "open_time_ms");
  for (k = 0; k < N_CSV_INDICATORS; k++)
    {
      values[k] = wick_signals_get_indicator (result, (WickIndicator) k);
      g_string_append_printf (out, ",%s", wick_indicator_get_name ((WickIndicator) k));
    }
  for (k = 0; k < WICK_N_PATTERNS; k++)
    {
      patterns[k] = wick_signals_get_pattern (result, (WickPattern) k);
      lookbacks[k] = wick_patterns_get_lookback ((WickPattern) k);
      g_string_append_printf (out, ",%s", wick_patterns_get_name ((WickPattern) k));
    }
  g_string_append_c (out, '\n');

  for (i = 0; i < n; i++)
    {
      if (candles[i].open_time_ms < from_ms || candles[i].open_time_ms >= to_ms)
        continue;

      g_string_append_printf (out, "%" G_GINT64_FORMAT, candles[i].open_time_ms);
      for (k = 0; k < N_CSV_INDICATORS; k++)
        {
          g_string_append_c (out, ',');
          if (!isnan (values[k][i]))
            append_number (out, values[k][i], 12);
        }
      for (k = 0; k < WICK_N_PATTERNS; k++)
        {
          if (i < lookbacks[k])
            g_string_append_c (out, ',');
          else
            g_string_append_printf (out, ",%d", patterns[k][i]);
        }
      g_string_append_c (out, '\n');

      /* Hand large outputs over in pieces. */
      if (out->len > 1 << 20)
        {
          write_out (out);
          g_string_truncate (out, 0);
        }
    }

  write_out (out);
  return WICK_EXIT_OK;
}
