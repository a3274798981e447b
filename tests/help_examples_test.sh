#!/usr/bin/env bash
# help_examples_test.sh FLOCKER: `flocker --help` and `flocker COMMAND --help`
# for every subcommand it lists succeed and show an example of that command
# (a CLI11 footer "Example:" followed by "  flocker COMMAND ..."). A new
# command without one fails here.
set -euo pipefail
flocker=${1:?usage: help_examples_test.sh FLOCKER}
failures=0
has_example() {  # HELP COMMAND_WORDS
  awk -v want="  flocker $2" '/^Example/ {on = 1; next} on && index($0, want) == 1 {found = 1} END {exit !found}' <<<"$1"
}
top=$("$flocker" --help)
has_example "$top" "" || { echo "FAIL: flocker --help shows no example"; failures=$((failures + 1)); }
commands=$(awk '/^Subcommands:$/ {on = 1; next} /^$/ {on = 0} on && /^  [^ ]/ {print $1}' <<<"$top")
[ -n "$commands" ] || { echo "FAIL: flocker --help lists no subcommands"; exit 1; }
for command in $commands; do
  if ! help=$("$flocker" "$command" --help); then
    echo "FAIL: flocker $command --help failed"; failures=$((failures + 1)); continue
  fi
  has_example "$help" "$command" || { echo "FAIL: flocker $command --help shows no example of flocker $command"; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ] && echo "help examples: passed ($(wc -w <<<"$commands") commands)"
exit "$failures"
