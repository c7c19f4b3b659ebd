/* wick-open-interest.h: open interest over time, in USD
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-types.h"

G_BEGIN_DECLS

#define WICK_OPEN_INTEREST_ERROR (wick_open_interest_error_quark ())

typedef enum
{
  WICK_OPEN_INTEREST_ERROR_NOT_FINITE,
  WICK_OPEN_INTEREST_ERROR_NEGATIVE,
  WICK_OPEN_INTEREST_ERROR_OUT_OF_ORDER,
  WICK_OPEN_INTEREST_ERROR_DUPLICATE,
} WickOpenInterestError;

typedef struct
{
  gint64 time_ms;
  double open_usd;
  double close_usd;
} WickOpenInterestPoint;

#define WICK_TYPE_OPEN_INTEREST (wick_open_interest_get_type ())

G_DECLARE_FINAL_TYPE (WickOpenInterest, wick_open_interest, WICK, OPEN_INTEREST, GObject)

GQuark                       wick_open_interest_error_quark (void);
WickOpenInterest            *wick_open_interest_new        (gint64                        interval_ms);
gint64                       wick_open_interest_get_interval_ms (WickOpenInterest        *self);
guint                        wick_open_interest_get_length (WickOpenInterest             *self);
const WickOpenInterestPoint *wick_open_interest_get_points (WickOpenInterest             *self);
const WickOpenInterestPoint *wick_open_interest_lookup     (WickOpenInterest             *self,
                                                            gint64                        time_ms);
gboolean                     wick_open_interest_set_points (WickOpenInterest             *self,
                                                            const WickOpenInterestPoint  *points,
                                                            guint                         n_points,
                                                            GError                      **error);

G_END_DECLS
