/* wick-signals-help.c: the “How Signals Work” window and the texts it shows
 *
 * One paragraph per kind of signal, in WickSignalKind order, and one for the liquidation
 * heatmap, in plain words with the thresholds the analysis uses: the defaults of
 * wick_signal_params_init () and wick_heatmap_config_init (), which test-signals-help.c
 * holds each paragraph to. The texts are plain labels, so a screen reader reads them in
 * order, and selectable, so that Tab walks them and a rule can be copied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals-help"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-signals-help.h"

#include "wick-render-signals.h"

struct _WickSignalsHelp
{
  AdwWindow  parent_instance;

  /* Template children */
  GtkLabel  *introduction_label;
  GtkBox    *signals_box;
  GtkLabel  *heatmap_label;
};

G_DEFINE_FINAL_TYPE (WickSignalsHelp, wick_signals_help, ADW_TYPE_WINDOW)

/* “per cent” is written out: with a percent sign, xgettext takes a sentence for a printf
 * format. */
static const char * const explanations[WICK_N_SIGNAL_KINDS] = {
  [WICK_SIGNAL_LIQUIDATION_CASCADE] =
    N_("Hours in which far more long positions were force-closed than usual: at least $25M of "
       "long liquidations in the hour, a robust z-score of 3.5 or more against the 168 candles "
       "before, and longs at least 65 per cent of all liquidations. A run of such hours, with "
       "gaps of at most one candle, counts once price fell at least 1 ATR to its lowest low; "
       "the marker sits at that low and is bullish, as the forced sellers are gone. A squeeze "
       "of shorts mirrors it at the highest high and is bearish."),
  [WICK_SIGNAL_CAPITULATION_VOLUME] =
    N_("A burst of selling at the bottom of a sell-off. At a swing low that is the lowest low "
       "of the 24 candles before it, one of the five candles around it trades at least 3 times "
       "the average volume (or a robust z-score of 3) and either falls through a range of at "
       "least 1.5 ATR or closes well off its low, with a lower shadow of half its range or "
       "more. It is known 3 candles after the low, and is bullish."),
  [WICK_SIGNAL_SUPPORT_TEST] =
    N_("Price dips under a support zone and is bought back. Either a wick reaches more than "
       "0.1 ATR below the zone and the candle closes back at or above it, or a candle closes "
       "below the zone and a close back above follows within 3 candles, without the dip "
       "going 1.5 ATR below it. The dip must be the lowest low of the 12 candles before it; "
       "a zone touched more often, or a liquidation cascade at the dip, makes it stronger."),
  [WICK_SIGNAL_V_RECOVERY] =
    N_("A sharp drop that is bought back quickly. From the highest high of the 24 candles "
       "before a swing low, price fell at least 2.5 per cent (or at least 3 ATR and "
       "1.25 per cent); then, 3 to 36 candles after the low, the best close since is at least "
       "3 per cent above the low and a close has won back at least 61.8 per cent of the drop, "
       "with no lower low in between. It is called sharp when a cascade or capitulation "
       "candle lies within 2 candles of the low."),
  [WICK_SIGNAL_HIGHER_LOW] =
    N_("The first low of a decline that stays above the one before it. Among the swings "
       "(highs and lows with 3 lower highs or higher lows on each side, legs of at least "
       "2 ATR), a lower low is followed by a pullback whose low stays more than 0.1 ATR above "
       "it. It is reported when the next swing high confirms that low, and is stronger the "
       "more of the leg up the pullback keeps."),
  [WICK_SIGNAL_BREAKOUT] =
    N_("A close above resistance, with volume. The resistance is the high of a resistance "
       "zone or the latest high of at least 4 weeks. The candle before closed at or below it, "
       "this one closes above it by at least 0.1 per cent or 0.25 ATR, whichever is more, "
       "on at least 1.5 times the average volume, and the next candle closes above it too."),
  [WICK_SIGNAL_FAILED_BREAKOUT] =
    N_("A close above resistance that does not hold: within 3 candles of closing above the "
       "level by the breakout margin, price closes below it again. It is bearish, and "
       "stronger the further below the level it closes, up to 1 ATR."),
  [WICK_SIGNAL_N_WEEK_HIGH] =
    N_("A swing high above every high of at least the 4 weeks before it. The marker says "
       "how many whole weeks back price was last as high, or that it is the highest since "
       "the data starts. Only swing highs count, so a rally reports its top once; bullish."),
  [WICK_SIGNAL_N_WEEK_LOW] =
    N_("A swing low below every low of at least the 4 weeks before it, counted in whole "
       "weeks as the n-week high is. It is bearish: the market is making new lows."),
  [WICK_SIGNAL_RSI_DIVERGENCE] =
    N_("Price and momentum disagree. Of two turning points of RSI (14), each the lowest of "
       "5 values on either side and 5 to 60 candles apart, price makes a lower low while RSI "
       "makes a higher one: bullish. The bearish form mirrors it on highs. It is known 5 "
       "candles after the second turn, and is stronger when the first RSI was below 30 "
       "(above 70 for bearish)."),
  [WICK_SIGNAL_REVERSAL_CANDLE] =
    N_("A candlestick pattern, as TA-Lib defines it, at a zone: a hammer, bullish engulfing, "
       "piercing line, morning star or dragonfly doji whose low comes within 0.1 ATR of a "
       "support zone and closes above its bottom (bullish), or a shooting star, bearish "
       "engulfing or evening star that touches a resistance zone the same way (bearish). "
       "One marker per candle and direction."),
};

/**
 * wick_signals_help_get_introduction:
 *
 * Returns: (transfer none): what every signal has in common, translated
 */
const char *
wick_signals_help_get_introduction (void)
{
  return _("Wick reads closed candles only. A signal appears at the candle that confirms it "
           "and is never taken back, so what you see is what was known then. ATR is the "
           "average range of the last 14 candles, average volume that of the 20 candles "
           "before, and support and resistance zones are clusters of swing lows and highs. "
           "Strength, from 0 to 1, ranks the signals; it is no probability. Select a signal "
           "in the side panel, or press Alt+Right and Alt+Left, to centre the chart on it.");
}

/**
 * wick_signals_help_get_explanation:
 * @kind: a kind of signal
 *
 * Returns: (transfer none): how the analysis finds signals of @kind, translated
 */
const char *
wick_signals_help_get_explanation (WickSignalKind kind)
{
  g_return_val_if_fail (kind < WICK_N_SIGNAL_KINDS, NULL);

  return _(explanations[kind]);
}

/**
 * wick_signals_help_get_heatmap_explanation:
 *
 * Returns: (transfer none): how the liquidation heatmap is estimated and coloured, translated
 */
const char *
wick_signals_help_get_heatmap_explanation (void)
{
  return _("The heatmap estimates where leveraged positions would be force-closed. For each "
           "closed candle, Wick takes the rise in open interest (or, where that is unknown, "
           "the volume) as new positions opened at the candle’s typical price, splits them "
           "into longs and shorts by the taker buys or the candle’s direction, and spreads "
           "them over 10×, 25×, 50× and 100× leverage in the proportions 30 : 25 : 20 : 10. "
           "Each share sits at its liquidation price by Binance’s formula with a 0.4 per cent "
           "maintenance margin: a 10× long opened at 92,000 at about 83,130, a 100× long at "
           "about 91,450.\n\n"
           "A level lasts until a later candle trades through it, and falling open interest "
           "closes the same share of every level. Brighter cells hold more: the colour runs "
           "from deep purple through teal to yellow with the square root of a cell’s share of "
           "the largest, and cells under the low cut-off (0.3 at first) are left out. The "
           "dots at the candles are the liquidations that really happened, longs at the low "
           "and shorts at the high.");
}

static GtkWidget *
new_paragraph (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);

  return label;
}

/* A group per kind: its name, the tag of its chart marker, its paragraph. */
static GtkWidget *
new_kind_group (WickSignalKind kind)
{
  WickSignal signal = { .kind = kind };
  const char *tag = wick_render_signal_tag (&signal);
  g_autofree char *tag_description = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *tag_label;

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, wick_signal_kind_get_label (kind));

  tag_label = gtk_label_new (tag);
  gtk_widget_set_valign (tag_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag_label, "caption-heading");
  /* Translators: %s is a signal's one- or two-letter tag, as in “LQ” */
  tag_description = g_strdup_printf (_("Marked “%s” on the chart"), tag);
  gtk_widget_set_tooltip_text (tag_label, tag_description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tag_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tag_description,
                                  -1);
  adw_preferences_group_set_header_suffix (group, tag_label);

  adw_preferences_group_add (group, new_paragraph (wick_signals_help_get_explanation (kind)));

  return GTK_WIDGET (group);
}

/* The window gives the focus to its first paragraph when shown, and a label that takes the
 * focus selects all of its text: a reader wants none selected. */
static void
wick_signals_help_show (GtkWidget *widget)
{
  GtkWidget *focus;

  GTK_WIDGET_CLASS (wick_signals_help_parent_class)->show (widget);

  focus = gtk_window_get_focus (GTK_WINDOW (widget));
  if (GTK_IS_LABEL (focus))
    gtk_label_select_region (GTK_LABEL (focus), 0, 0);
}

static void
wick_signals_help_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WICK_TYPE_SIGNALS_HELP);

  G_OBJECT_CLASS (wick_signals_help_parent_class)->dispose (object);
}

static void
wick_signals_help_class_init (WickSignalsHelpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wick_signals_help_dispose;

  widget_class->show = wick_signals_help_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/wick-signals-help.ui");
  gtk_widget_class_bind_template_child (widget_class, WickSignalsHelp, introduction_label);
  gtk_widget_class_bind_template_child (widget_class, WickSignalsHelp, signals_box);
  gtk_widget_class_bind_template_child (widget_class, WickSignalsHelp, heatmap_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
wick_signals_help_init (WickSignalsHelp *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_label (self->introduction_label, wick_signals_help_get_introduction ());
  gtk_label_set_label (self->heatmap_label, wick_signals_help_get_heatmap_explanation ());

  for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
    gtk_box_append (self->signals_box, new_kind_group (kind));
}

/**
 * wick_signals_help_new:
 * @parent: (nullable): the window it explains, kept in front of
 *
 * Returns: (transfer floating): a new “How Signals Work” window
 */
GtkWidget *
wick_signals_help_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (WICK_TYPE_SIGNALS_HELP,
                       "transient-for", parent,
                       NULL);
}
