/* test-hostile-csv.c: hostile CSV files: candles, liquidations and open interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case must fail with a message that names the problem (and the line), and leave the
 * series it would have replaced exactly as it was.
 */

#include "config.h"

#include "wick-csv.h"

#include "test-hostile-utils.h"

typedef enum
{
  CANDLES,
  LIQUIDATIONS,
  OPEN_INTEREST,
} Kind;

typedef struct
{
  const char *name;
  Kind        kind;
  const char *text;
  gssize      length;
  const char *needle;   /* in the message */
} HostileCase;

#define HEADER  "open_time_ms,open,high,low,close,volume\n"
#define T0      "1767571200000"   /* 2026-01-05T00:00:00Z */
#define T1      "1767574800000"
#define T2      "1767578400000"
#define ROW0    T0 ",92100.5,92480,91540,92210.1,1523.4\n"
#define ROW1    T1 ",92210.1,92900,92150,92850,980.5\n"
/* The second row, with these values. */
#define BAD(o, h, l, c, v) HEADER ROW0 T1 "," o "," h "," l "," c "," v "\n"

#define LIQ_HEADER "open_time_ms,long_liq_usd,short_liq_usd\n"
#define OI_HEADER  "open_time_ms,oi_open_usd,oi_high_usd,oi_low_usd,oi_close_usd\n"

static const HostileCase cases[] = {
  /* Candles: the file as a whole */
  { "candles/empty", CANDLES, HOSTILE_TEXT (""), "the file is empty" },
  { "candles/blank-lines", CANDLES, HOSTILE_TEXT ("\n \r\n\t\n"), "the file is empty" },
  { "candles/bom-only", CANDLES, HOSTILE_TEXT ("\xEF\xBB\xBF"), "the file is empty" },
  { "candles/header-only", CANDLES, HOSTILE_TEXT (HEADER),
    "the file has a header but no data rows" },
  { "candles/single-row", CANDLES, HOSTILE_TEXT (HEADER ROW0),
    "the file has a single row, so its interval cannot be inferred" },
  { "candles/narrow-header", CANDLES, HOSTILE_TEXT ("time,price\n" T0 ",1\n"),
    "line 1: expected 6 columns, found 2" },
  { "candles/json", CANDLES, HOSTILE_TEXT ("[[" T0 ",\"92100.5\"]]"),
    "line 1: expected 6 columns, found 2" },
  { "candles/deep-brackets", CANDLES, HOSTILE_TEXT ("@DEEP@"),
    "line 1: expected 6 columns, found 1" },
  { "candles/binary", CANDLES, HOSTILE_BYTES ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    "line 1: expected 6 columns, found 1" },
  { "candles/cr-only-lines", CANDLES, HOSTILE_TEXT (T0 ",1,2,1,1,1\r" T1 ",1,2,1,1,1\r"),
    "line 1: “1\r1767574800000” is not a number" },
  { "candles/commas-10mb", CANDLES, HOSTILE_TEXT (HEADER ROW0 T1 ",1,2,1,1,1,,@10MB@\n"),
    "line 3: expected 6 columns, found 8" },

  /* Candles: one row */
  { "candles/short-row", CANDLES, HOSTILE_TEXT (HEADER ROW0 T1 ",1,2,1,1\n"),
    "line 3: expected 6 columns, found 5" },
  { "candles/long-row", CANDLES, HOSTILE_TEXT (HEADER ROW0 T1 ",1,2,1,1,1,7\n"),
    "line 3: expected 6 columns, found 7" },
  { "candles/truncated", CANDLES, HOSTILE_TEXT (HEADER ROW0 T1 ",92210.1,929"),
    "line 3: expected 6 columns, found 3" },
  { "candles/empty-field", CANDLES, HOSTILE_TEXT (BAD ("1", "", "1", "1", "1")),
    "line 3: column 3 is empty" },
  { "candles/word", CANDLES, HOSTILE_TEXT (BAD ("abc", "2", "1", "1", "1")),
    "line 3: “abc” is not a number" },
  { "candles/nan", CANDLES, HOSTILE_TEXT (BAD ("NaN", "2", "1", "1", "1")),
    "line 3 (2026-01-05T01:00:00Z): open is not a finite number (nan)" },
  { "candles/infinity", CANDLES, HOSTILE_TEXT (BAD ("1", "Infinity", "1", "1", "1")),
    "line 3 (2026-01-05T01:00:00Z): high is not a finite number (inf)" },
  { "candles/minus-inf", CANDLES, HOSTILE_TEXT (BAD ("1", "2", "-inf", "1", "1")),
    "line 3 (2026-01-05T01:00:00Z): low is not a finite number (-inf)" },
  { "candles/overflow", CANDLES, HOSTILE_TEXT (BAD ("1", "2", "1", "1e999", "1")),
    "line 3 (2026-01-05T01:00:00Z): close is not a finite number (inf)" },
  { "candles/400-digits", CANDLES,
    HOSTILE_TEXT (BAD ("1", "2", "1", "1", "1000000000000000000000000000000000000000000000000000"
                       "00000000000000000000000000000000000000000000000000000000000000000000000"
                       "00000000000000000000000000000000000000000000000000000000000000000000000"
                       "00000000000000000000000000000000000000000000000000000000000000000000000"
                       "00000000000000000000000000000000000000000000000000000000000000000000000"
                       "000000000000000000000000000000000000000000000000000000000000000000")),
    "line 3: “1000000000000000000000000000000000000000…” is not a number" },
  { "candles/hex", CANDLES, HOSTILE_TEXT (BAD ("0x10", "20", "1", "1", "1")),
    "line 3: “0x10” is not a number" },
  { "candles/two-points", CANDLES, HOSTILE_TEXT (BAD ("1.2.3", "20", "1", "1", "1")),
    "line 3: “1.2.3” is not a number" },
  { "candles/trailing-junk", CANDLES, HOSTILE_TEXT (BAD ("12abc", "20", "1", "1", "1")),
    "line 3: “12abc” is not a number" },
  { "candles/decimal-comma", CANDLES, HOSTILE_TEXT (HEADER ROW0 T1 ",\"92100,5\",2,1,1,1\n"),
    "line 3: expected 6 columns, found 7" },
  { "candles/open-quote", CANDLES, HOSTILE_TEXT (BAD ("\"92100", "92200", "1", "1", "1")),
    "line 3: “\"92100” is not a number" },
  { "candles/field-10mb", CANDLES, HOSTILE_TEXT (BAD ("@10MB@", "2", "1", "1", "1")),
    "line 3: “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is not a number" },
  { "candles/invalid-utf8", CANDLES, HOSTILE_TEXT (BAD ("9\xff\xfe", "2", "1", "1", "1")),
    "line 3: “9\xef\xbf\xbd\xef\xbf\xbd” is not a number" },
  { "candles/bom-in-field", CANDLES, HOSTILE_TEXT (BAD ("\xEF\xBB\xBF" "1", "2", "1", "1", "1")),
    "line 3: “\xEF\xBB\xBF" "1” is not a number" },
  { "candles/nul-in-field", CANDLES, HOSTILE_BYTES (HEADER ROW0 T1 ",9\0" "2,2,1,1,1\n"),
    "line 3: “9" },
  { "candles/time-word", CANDLES, HOSTILE_TEXT (HEADER ROW0 "soon,1,2,1,1,1\n"),
    "line 3: “soon” is not a time in milliseconds" },
  { "candles/time-fraction", CANDLES, HOSTILE_TEXT (HEADER ROW0 "1767574800000.5,1,2,1,1,1\n"),
    "line 3: “1767574800000.5” is not a time in milliseconds" },
  { "candles/time-huge", CANDLES, HOSTILE_TEXT (HEADER ROW0 "1e300,1,2,1,1,1\n"),
    "line 3: “1e300” is not a time in milliseconds" },
  { "candles/time-nan", CANDLES, HOSTILE_TEXT (HEADER ROW0 "nan,1,2,1,1,1\n"),
    "line 3: “nan” is not a time in milliseconds" },
  { "candles/price-negative", CANDLES, HOSTILE_TEXT (BAD ("-92100", "92900", "1", "1", "1")),
    "line 3 (2026-01-05T01:00:00Z): open -92100.00 is not above zero" },
  { "candles/price-zero", CANDLES, HOSTILE_TEXT (BAD ("92100", "92900", "0", "92200", "1")),
    "line 3 (2026-01-05T01:00:00Z): low 0.00 is not above zero" },
  { "candles/high-below-low", CANDLES, HOSTILE_TEXT (BAD ("92100", "91000", "92000", "92050", "1")),
    "line 3 (2026-01-05T01:00:00Z): high 91000.00 is below low 92000.00" },
  { "candles/high-below-open", CANDLES, HOSTILE_TEXT (BAD ("93000", "92900", "92000", "92050",
                                                           "1")),
    "line 3 (2026-01-05T01:00:00Z): high 92900.00 is below open 93000.00" },
  { "candles/low-above-close", CANDLES, HOSTILE_TEXT (BAD ("92500", "92900", "92400", "92300",
                                                           "1")),
    "line 3 (2026-01-05T01:00:00Z): low 92400.00 is above close 92300.00" },
  { "candles/volume-negative", CANDLES, HOSTILE_TEXT (BAD ("1", "2", "1", "1", "-0.5")),
    "line 3 (2026-01-05T01:00:00Z): volume -0.5 is negative" },
  { "candles/out-of-order", CANDLES, HOSTILE_TEXT (HEADER ROW1 ROW0),
    "line 3 (2026-01-05T00:00:00Z): the time is not after the row before it "
    "(2026-01-05T01:00:00Z)" },
  { "candles/duplicate", CANDLES, HOSTILE_TEXT (HEADER ROW0 ROW1 ROW1),
    "line 4 (2026-01-05T01:00:00Z): the same time as the row before it" },
  { "candles/bad-last-line", CANDLES, HOSTILE_TEXT (HEADER ROW0 ROW1 T2 ",1,2,1,x,1"),
    "line 4: “x” is not a number" },

  /* Liquidations */
  { "liquidations/empty", LIQUIDATIONS, HOSTILE_TEXT (""), "the file is empty" },
  { "liquidations/missing-column", LIQUIDATIONS,
    HOSTILE_TEXT ("open_time_ms,long_liq_usd,total\n" T0 ",1,2\n" T1 ",1,2\n"),
    "the header has no “short_liq_usd” column" },
  { "liquidations/negative", LIQUIDATIONS, HOSTILE_TEXT (LIQ_HEADER T0 ",-5,0\n" T1 ",1,2\n"),
    "line 2 (2026-01-05T00:00:00Z): long liquidations of -5.00 USD are negative" },
  { "liquidations/nan", LIQUIDATIONS, HOSTILE_TEXT (LIQ_HEADER T0 ",1,nan\n" T1 ",1,2\n"),
    "line 2 (2026-01-05T00:00:00Z): short liquidations are not a finite number (nan)" },
  { "liquidations/word", LIQUIDATIONS, HOSTILE_TEXT (LIQ_HEADER T0 ",lots,0\n"),
    "line 2: “lots” is not a number" },
  { "liquidations/out-of-order", LIQUIDATIONS, HOSTILE_TEXT (LIQ_HEADER T1 ",1,2\n" T0 ",1,2\n"),
    "line 3 (2026-01-05T00:00:00Z): the time is not after the row before it" },
  { "liquidations/short-row", LIQUIDATIONS, HOSTILE_TEXT (LIQ_HEADER T0 ",1,2\n" T1 ",1\n"),
    "line 3: expected 3 columns, found 2" },

  /* Open interest */
  { "open-interest/missing-close", OPEN_INTEREST,
    HOSTILE_TEXT ("open_time_ms,oi_open_usd\n" T0 ",7e9\n" T1 ",7e9\n"),
    "the header has no “oi_close_usd” column" },
  { "open-interest/negative", OPEN_INTEREST,
    HOSTILE_TEXT (OI_HEADER T0 ",7e9,7.2e9,6.5e9,-6.6e9\n" T1 ",1,1,1,1\n"),
    "closing open interest of -6600000000.00 USD is negative" },
  { "open-interest/infinite", OPEN_INTEREST,
    HOSTILE_TEXT (OI_HEADER T0 ",inf,7.2e9,6.5e9,6.6e9\n" T1 ",1,1,1,1\n"),
    "opening open interest is not a finite number (inf)" },
  { "open-interest/duplicate", OPEN_INTEREST,
    HOSTILE_TEXT (OI_HEADER T0 ",1,1,1,1\n" T0 ",1,1,1,1\n"),
    "line 3 (2026-01-05T00:00:00Z): the same time as the row before it" },
};

static void
test_hostile (gconstpointer user_data)
{
  static const WickCandle prefilled[] = {
    { 1767564000000, 91000.0, 91500.0, 90800.0, 91200.0, 10.0 },
    { 1767567600000, 91200.0, 92200.0, 91100.0, 92100.0, 12.0 },
  };
  const HostileCase *c = user_data;
  g_autoptr(GBytes) bytes = hostile_expand (c->text, c->length);
  g_autoptr(WickSeries) series = wick_series_new (3600000);
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  g_assert_true (wick_series_append (series, prefilled, G_N_ELEMENTS (prefilled), NULL));

  switch (c->kind)
    {
    case CANDLES:
      {
        g_autoptr(WickSeries) parsed = wick_csv_parse_candles (data, length, 0, &error);

        /* What a reader does with the result: replace the series, but only on success. */
        g_assert_null (parsed);
      }
      break;

    case LIQUIDATIONS:
      {
        g_autoptr(WickLiquidations) parsed = wick_csv_parse_liquidations (data, length, 0, &error);

        g_assert_null (parsed);
      }
      break;

    case OPEN_INTEREST:
      {
        g_autoptr(WickOpenInterest) parsed = wick_csv_parse_open_interest (data, length, 0,
                                                                           &error);

        g_assert_null (parsed);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_true (error->domain == WICK_CSV_ERROR);
  hostile_assert_message (error, c->needle);
  g_assert_cmpuint (wick_series_get_interval_ms (series), ==, 3600000);
  g_assert_cmpmem (wick_series_get_candles (series),
                   wick_series_get_length (series) * sizeof (WickCandle),
                   prefilled, sizeof prefilled);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/hostile/csv/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_hostile);
    }

  return g_test_run ();
}
