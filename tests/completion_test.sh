#!/usr/bin/env bash
# The bash completion offers what the CLI has: subcommands, each command's
# flags, and manifest files.
set -euo pipefail
shopt -s extglob
. "$(dirname "$0")/../completions/flocker.bash"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work" && touch flocker.yaml apps.yml notes.txt && mkdir sub

complete_line() {  # the words of a command line, the last one being completed
  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
  _flocker
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
failures=0
expect() { [ "$1" = "$2" ] || { echo "FAIL: $3: expected '$2', got '$1'"; failures=$((failures + 1)); }; }

expect "$(complete_line flocker '')" "--help --version apply force-unlock plan status validate version " "subcommands"
expect "$(complete_line flocker pl)" "plan " "prefix"
expect "$(complete_line flocker plan --d)" "--detailed-exitcode " "plan flags"
expect "$(complete_line flocker apply --a)" "--auto-approve " "apply flags"
expect "$(complete_line flocker apply --l)" "--lock-timeout " "apply lock timeout"
expect "$(complete_line flocker status --)" "--help --json --no-color --parallelism --ssh-config " "status flags"
expect "$(complete_line flocker plan '')" "apps.yml flocker.yaml sub " "manifest files"
expect "$(complete_line flocker plan --ssh-config n)" "notes.txt " "any file for --ssh-config"
expect "$(complete_line flocker validate --)" "--help --json --no-color " "validate flags"
expect "$(complete_line flocker validate '')" "apps.yml flocker.yaml sub " "validate: manifest files"

# Every flag the completion offers exists in `flocker COMMAND --help`.
if [ -n "${FLOCKER:-}" ]; then
  for command in status plan apply validate force-unlock; do
    for flag in $(complete_line flocker "$command" --); do
      "$FLOCKER" "$command" --help | grep -q -- "$flag" || { echo "FAIL: $command --help lacks $flag"; failures=$((failures + 1)); }
    done
  done
fi
[ "$failures" -eq 0 ] && echo "completion: passed"
exit "$failures"
