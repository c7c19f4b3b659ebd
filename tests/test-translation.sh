#!/usr/bin/env bash
# The German catalogue, end to end from the build tree: `LANGUAGE=de wick --help` and a usage
# error come out in German, the C locale stays English, the merged .desktop and metainfo
# files carry the German strings, and po/de.po passes msgfmt --check.
#
# test-translation.sh LOCALEDIR PO_FILE DESKTOP METAINFO, with WICK_BINARY in the environment:
# LOCALEDIR is the build tree's po/, PO_FILE the source po/de.po.
# The expected German is looked up in the built catalogue with gettext(1), so editing a
# translation does not break the test, while a missing or untranslated one does.
set -uo pipefail

localedir=$1
po_file=$2
desktop=$3
metainfo=$4

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "# $line"
  done
}

# gettext ignores LANGUAGE under the C locale, so run in a UTF-8 one. C.UTF-8 comes with glibc
# (Debian's libc-bin); else use an installed German or English one; else build de_DE.UTF-8
# into a private LOCPATH, which needs localedef and the sources of the `locales` package.
utf8_locale=""
for candidate in C.UTF-8 de_DE.UTF-8 en_US.UTF-8; do
  if [ "$(LC_ALL=$candidate locale charmap 2>/dev/null)" = "UTF-8" ]; then
    utf8_locale=$candidate
    break
  fi
done
if [ -z "$utf8_locale" ] && command -v localedef >/dev/null &&
   localedef -i de_DE -f UTF-8 "$tmp/locale/de_DE.UTF-8" >/dev/null 2>&1; then
  export LOCPATH=$tmp/locale
  utf8_locale=de_DE.UTF-8
fi
if [ -z "$utf8_locale" ]; then
  echo "1..0 # SKIP no UTF-8 locale here, and none could be built with localedef"
  exit 0
fi

if [ ! -f "$localedir/de/LC_MESSAGES/wick.mo" ]; then
  echo "1..1"
  not_ok "the German catalogue is built" "missing: $localedir/de/LC_MESSAGES/wick.mo"
  exit 1
fi

unset LANG LC_MESSAGES LANGUAGE
export LC_ALL=$utf8_locale
export WICK_LOCALEDIR=$localedir

# The catalogue's German for an English message (printf-style escapes are not expanded).
german () {
  LANGUAGE=de TEXTDOMAINDIR=$localedir gettext -d wick -- "$1"
}

echo "1..6"

# 1: the option descriptions and the summary of --help.
version_en="Print the version and exit"
summary_en="Read the BTC market: candles, levels and liquidations."
version_de=$(german "$version_en")
summary_de=$(german "$summary_en")
help_de=$(LANGUAGE=de "$WICK_BINARY" --help 2>&1)
if [ "$version_de" = "$version_en" ] || [ "$summary_de" = "$summary_en" ]; then
  not_ok "LANGUAGE=de wick --help is German" "the catalogue has no German for the test's strings"
elif grep -qF -- "$version_de" <<<"$help_de" && grep -qF -- "$summary_de" <<<"$help_de" &&
     ! grep -qF -- "$version_en" <<<"$help_de"; then
  ok "LANGUAGE=de wick --help is German ($utf8_locale)"
else
  not_ok "LANGUAGE=de wick --help is German ($utf8_locale)" \
    "expected [$version_de] and [$summary_de] in:" "${help_de//$'\n'/$'\n'# }"
fi

# 2: without LANGUAGE the same locale stays English, so check 1 proves the catalogue works.
help_en=$("$WICK_BINARY" --help 2>&1)
if grep -qF -- "$version_en" <<<"$help_en"; then
  ok "wick --help is English without LANGUAGE"
else
  not_ok "wick --help is English without LANGUAGE" "${help_en//$'\n'/$'\n'# }"
fi

# 3: a run-time error with a printf argument, through _() rather than N_().
# shellcheck disable=SC2059
error_de=$(printf "$(german 'Invalid --heatmap value “%s”: use on or off')" maybe)
stderr=$(LANGUAGE=de "$WICK_BINARY" --source sample --export "$tmp/chart.png" --heatmap maybe 2>&1)
status=$?
if [ $status -eq 2 ] && grep -qF -- "$error_de" <<<"$stderr"; then
  ok "a usage error is German"
else
  not_ok "a usage error is German" "exit status $status, expected 2" \
    "expected [$error_de] in: $stderr"
fi

# 4 and 5: i18n.merge_file put the German into the .desktop file and the metainfo.
# merge_file does not rebuild when a .po file changes, so a file older than the catalogue
# may just be stale: say so rather than leave it a mystery.
stale_hint () {
  if [ "$1" -ot "$localedir/de/LC_MESSAGES/wick.mo" ]; then
    echo "$1 is older than the catalogue: delete it and rebuild, merge_file does not track po/"
  fi
}

generic_de=$(german "Market Chart")
comment_de=$(german "Read the BTC market: candles, levels, liquidations and reversal signals")
if grep -qxF -- "GenericName[de]=$generic_de" "$desktop" &&
   grep -qxF -- "Comment[de]=$comment_de" "$desktop"; then
  ok "the .desktop file has the German name and comment"
else
  not_ok "the .desktop file has the German name and comment" \
    "expected GenericName[de]=$generic_de and Comment[de]=$comment_de in $desktop" \
    "$(stale_hint "$desktop")"
fi

summary_de=$(german "Read the BTC market and mark its levels")
if grep -qF -- "<summary xml:lang=\"de\">$summary_de</summary>" "$metainfo"; then
  ok "the metainfo has the German summary"
else
  not_ok "the metainfo has the German summary" \
    "expected <summary xml:lang=\"de\">$summary_de</summary> in $metainfo" \
    "$(stale_hint "$metainfo")"
fi

# 6: msgfmt --check: every translation keeps its msgid's printf directives, and the header is
# complete. The build compiles the catalogue without these checks.
if check=$(msgfmt --check --statistics -o /dev/null "$po_file" 2>&1); then
  ok "$(basename "$po_file") passes msgfmt --check"
  echo "# $check"
else
  not_ok "$(basename "$po_file") passes msgfmt --check" "${check//$'\n'/$'\n'# }"
fi

exit $failed
