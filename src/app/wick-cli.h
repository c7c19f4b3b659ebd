/* wick-cli.h: the command line: choosing a source, and the headless verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wick-export-options.h"
#include "wick-market.h"
#include "wick-source.h"

G_BEGIN_DECLS

/* Exit codes of the headless verbs. */
#define WICK_EXIT_OK      0
#define WICK_EXIT_FAILED  1   /* failed at run time: data could not be loaded */
#define WICK_EXIT_USAGE   2   /* bad usage or bad input */

#define WICK_CLI_ERROR (wick_cli_error_quark ())

typedef enum
{
  WICK_CLI_ERROR_USAGE,
} WickCliError;

typedef struct
{
  char   *source;          /* "sample", "csv:PATH", "binance", "okx" */
  char   *symbol;
  char   *interval;
  char   *liquidations;    /* CSV path, for csv: sources */
  char   *open_interest;   /* CSV path, for csv: sources */
  char   *export_path;
  char   *size;
  char   *scale;
  char   *range;
  char   *heatmap;         /* "on" or "off", for --export */
  char   *theme;           /* "light" or "dark", for --export */
  char   *title;           /* for --export */
  char   *legend;          /* "on" or "off", for --export */
  char   *levels;          /* "list", "add" or "remove"; "on" or "off" with --export */
  char   *label;           /* for --levels add */
  gboolean signals;        /* --signals */
  char   *signals_switch;  /* "on" or "off" after --signals, for --export */
  gboolean indicators;     /* --indicators */
  char   *format;          /* for --signals (text, json), --indicators (csv) and --export */
  char  **arguments;       /* what follows the options: the PRICE or ID of --levels */
} WickCliOptions;

GQuark      wick_cli_error_quark        (void);
void        wick_cli_add_options        (GApplication          *application);
void        wick_cli_options_read       (WickCliOptions        *options,
                                         GVariantDict          *dict);
void        wick_cli_options_clear      (WickCliOptions        *options);
WickSource *wick_cli_create_source      (const char            *spec,
                                         const char            *liquidations,
                                         const char            *open_interest,
                                         GError               **error);
gboolean    wick_cli_parse_range        (const char            *text,
                                         gint64                *from_ms,
                                         gint64                *to_ms,
                                         GError               **error);
void        wick_cli_get_default_range  (WickMarket            *market,
                                         gint64                *from_ms,
                                         gint64                *to_ms);
int         wick_cli_run_export         (const WickCliOptions  *options);
gboolean    wick_cli_read_export_options (const WickCliOptions *options,
                                          WickExportOptions    *export_options,
                                          GError              **error);
int         wick_cli_run_levels         (const WickCliOptions  *options);
int         wick_cli_run_signals        (const WickCliOptions  *options);
int         wick_cli_run_indicators     (const WickCliOptions  *options);
WickMarket *wick_cli_load_market        (const WickCliOptions  *options,
                                         int                   *exit_code);
int         wick_cli_fail               (int                    exit_code,
                                         const GError          *error);

G_END_DECLS
