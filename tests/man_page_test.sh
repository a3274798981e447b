#!/usr/bin/env bash
# man_page_test.sh FLOCKER MAN_PAGE: the man page keeps step with the CLI.
# Its .TH names the version `flocker version` prints and a date (both filled
# in by cmake/Install.cmake from man/flocker.1.in). For every subcommand that
# `flocker --help` lists, the page has a SYNOPSIS entry (.SY "flocker
# COMMAND") and an entry under COMMANDS; for every option, long and short, of
# `flocker --help` and `flocker COMMAND --help`, the command's SYNOPSIS entry
# shows it (or, for -h/--help, the generic `flocker command -h|--help` one)
# and an option entry (a .TP/.TQ tag) names it. The other way round, a
# SYNOPSIS entry shows no option that its command lacks. Each failure is
# listed.
set -euo pipefail
flocker=${1:?usage: man_page_test.sh FLOCKER MAN_PAGE}
page=${2:?usage: man_page_test.sh FLOCKER MAN_PAGE}
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# .TH FLOCKER 1 "DATE" "flocker VERSION" "User Commands"
version=$("$flocker" version | awk '{print $1 " " $2}')
th=$(grep -m1 '^\.TH ' "$page" || true)
[[ $th =~ ^\.TH\ FLOCKER\ 1\ \"[0-9]{4}-[0-9]{2}-[0-9]{2}\"\ \"([^\"]*)\" ]] ||
  fail "the .TH line is not .TH FLOCKER 1 \"YYYY-MM-DD\" \"flocker VERSION\" ...: $th"
[ "${BASH_REMATCH[1]:-}" = "$version" ] || fail "the .TH line names \"${BASH_REMATCH[1]:-}\", flocker version says \"$version\""
! grep -n '@[A-Z_]*@' "$page" || fail "the page has unfilled @VARIABLE@ placeholders (see cmake/Install.cmake)"

# roff to plain words: no macro names, quotes, font changes or escaped dashes.
plain() {
  sed -E -e 's/^\.[A-Za-z]+ ?//' -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\\(dq//g' -e 's/\\\(->/->/g' -e 's/"//g'
}
# The options a text names: -x, --long, and Terraform's -out.
option_tokens() {
  grep -oE -- '(^|[^A-Za-z0-9_-])--?[A-Za-z][A-Za-z0-9-]*' | sed -E 's/^[^-]//' | sort -u
}
# The options of a --help text: the first word of each line of its Options section.
help_options() {
  awk '/^Options:$/ {on = 1; next} /^[^ ]/ {on = 0} on && /^  -/ {print $1}' <<<"$1" | tr ',' '\n' | sort -u
}

# SYNOPSIS entries: "KEY<TAB>option" for each option each .SY … .YS entry shows,
# KEY being the words after "flocker" ("" for flocker itself, "command" for the
# generic entry), and "KEY<TAB>" for an entry with none.
synopsis=$(awk '/^\.SH / {on = ($0 ~ /^\.SH SYNOPSIS/)} on' "$page")
entries=$(awk '/^\.SY/ {entry = ""} {line = $0; sub(/^\.[A-Za-z]+ ?/, "", line); entry = entry " " line}
               /^\.YS/ {print entry}' <<<"$synopsis" | plain)
synopsis_options=""
while IFS= read -r entry; do
  read -r first second _ <<<"$entry"
  [ "$first" = flocker ] || { fail "a SYNOPSIS entry does not start with flocker: $entry"; continue; }
  key=$second
  [[ $key == [-\[{]* || -z $key ]] && key=""
  synopsis_options+="$key"$'\t'$'\n'
  while IFS= read -r option; do
    [ -n "$option" ] && synopsis_options+="$key"$'\t'"$option"$'\n'
  done < <(option_tokens <<<"$entry")
done <<<"$entries"
in_synopsis() { grep -qxF -- "$1"$'\t'"$2" <<<"$synopsis_options"; }

# Option entries: the tag line after each .TP or .TQ, anywhere in the page.
tags=$(awk 'tag {print; tag = 0} /^\.(TP|TQ)/ {tag = 1}' "$page" | plain)
entry_options=$(option_tokens <<<"$tags")
commands_section=$(awk '/^\.SH / {on = ($0 ~ /^\.SH COMMANDS/)} on && tag {print; tag = 0} on && /^\.TP/ {tag = 1}' "$page" | plain)

top=$("$flocker" --help)
commands=$(awk '/^Subcommands:$/ {on = 1; next} /^$/ {on = 0} on && /^  [^ ]/ {print $1}' <<<"$top")
[ -n "$commands" ] || { echo "FAIL: flocker --help lists no subcommands"; exit 1; }

check_options() {  # KEY HELP_OPTIONS: each option is in KEY's SYNOPSIS entry and has an option entry
  local key=$1 option
  for option in $2; do
    if ! in_synopsis "$key" "$option" && ! { [ -n "$key" ] && in_synopsis command "$option"; }; then
      fail "flocker ${key:+$key }$option is not in the SYNOPSIS of flocker${key:+ $key}"
    fi
    grep -qxF -- "$option" <<<"$entry_options" || fail "flocker ${key:+$key }$option has no option entry (.TP tag)"
  done
}
check_synopsis_is_current() {  # KEY HELP_OPTIONS [EXTRA...]: KEY's SYNOPSIS shows no option it lacks
  local key=$1 known=$2 option
  shift 2
  for option in $(awk -F'\t' -v key="$key" '$1 == key && $2 != "" {print $2}' <<<"$synopsis_options" | sort -u); do
    grep -qxF -- "$option" <<<"$known"$'\n'"$(printf '%s\n' "$@")" ||
      fail "the SYNOPSIS of flocker${key:+ $key} shows $option, which flocker${key:+ $key} --help does not list"
  done
}

top_options=$(help_options "$top")
check_options "" "$top_options"
check_synopsis_is_current "" "$top_options"
every_command_has=""
for command in $commands; do
  help=$("$flocker" "$command" --help) || { fail "flocker $command --help failed"; continue; }
  options=$(help_options "$help")
  in_synopsis "$command" "" || fail "flocker $command has no SYNOPSIS entry (.SY \"flocker $command\")"
  grep -qxF -- "$command" <<<"$commands_section" || fail "flocker $command has no entry under COMMANDS"
  check_options "$command" "$options"
  # plan's -out is Terraform's spelling of --out, rewritten before CLI11 parses it.
  check_synopsis_is_current "$command" "$options" $([ "$command" = plan ] && echo -out)
  every_command_has=$(if [ -z "$every_command_has" ]; then echo "$options"; else comm -12 <(echo "$every_command_has") <(echo "$options"); fi)
done
check_synopsis_is_current command "$every_command_has"

if [ "$failures" -eq 0 ]; then
  echo "man page: passed ($(wc -w <<<"$commands") commands, $(grep -c . <<<"$synopsis_options") SYNOPSIS entries and options)"
fi
exit "$failures"
