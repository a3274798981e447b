#!/usr/bin/env bash
# completion_test.sh bash|zsh|fish: that shell's completion (completions/)
# offers what the CLI has: subcommands, each command's flags, manifest files
# (*.yaml, *.yml) where a command takes them, any file after a FILE flag.
# With FLOCKER set to the binary, what is offered is checked against
# `flocker --help` and `flocker COMMAND --help` both ways, so a new command or
# flag that a completion file misses fails here.
set -euo pipefail
shell=${1:?usage: completion_test.sh bash|zsh|fish}
here=$(cd "$(dirname "$0")" && pwd)
completions=$here/../../completions
command -v "$shell" >/dev/null || { echo "FAIL: $shell is not installed (scripts/setup installs it)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work" && touch flocker.yaml apps.yml notes.txt release.plan && mkdir sub

# complete_lines LINE...: for each command line (its last word is the one
# being completed), one output line: the candidates, sorted, space-separated;
# directories without their trailing slash.
complete_lines() {
  case $shell in
    bash) bash -c '
      shopt -s extglob; . "$1"; shift
      for line in "$@"; do
        read -ra COMP_WORDS <<<"$line"; [[ $line == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
        _flocker
        printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "; echo
      done' _ "$completions/flocker.bash" "$@" ;;
    zsh) zsh "$here/zsh_complete.zsh" "$completions/_flocker" "$@" ;;
    fish) fish -c 'source $argv[1]
      for line in $argv[2..]
        echo (complete -C"$line" | cut -f1 | sort | string join " ")
      end' "$completions/flocker.fish" "$@" ;;
  esac | sed -E 's#/( |$)#\1#g; s/ +$//'
}

failures=0
fail() { echo "FAIL ($shell): $*"; failures=$((failures + 1)); }
lines=() wanted=() why=()
expect() { lines+=("$1"); wanted+=("$2"); why+=("$3"); }
check_all() {  # runs every expectation in one shell process
  [ ${#lines[@]} -eq 0 ] && return
  mapfile -t got < <(complete_lines "${lines[@]}")
  local i
  for i in "${!lines[@]}"; do
    case ${wanted[i]} in
      "~"*) # every listed word is offered
        for word in ${wanted[i]#"~"}; do
          [[ " ${got[i]-} " == *" $word "* ]] || fail "${why[i]}: '${lines[i]}' offers '${got[i]-}', lacking $word"
        done ;;
      *) [ "${got[i]-}" = "${wanted[i]}" ] || fail "${why[i]}: '${lines[i]}' offers '${got[i]-}', expected '${wanted[i]}'" ;;
    esac
  done
  lines=() wanted=() why=()
}

expect 'flocker ' 'apply force-unlock plan replicate show status validate version' 'subcommands'
expect 'flocker -' '--help --version -h' 'top-level flags'
expect 'flocker pl' 'plan' 'a prefix'
expect 'flocker plan --d' '--detailed-exitcode' 'plan flags'
expect 'flocker apply --a' '--allow-destroy --allow-env --auto-approve' 'apply flags'
expect 'flocker plan --t' '--target' 'plan --target'
expect 'flocker show -' '--help --json --no-color -h' 'show flags'
expect 'flocker show r' 'release.plan' 'a saved plan for show'
expect 'flocker apply r' 'release.plan' 'a saved plan for apply'
expect 'flocker status --' '--allow-env --check --help --json --no-color --parallelism --ssh-config' 'status flags'
expect 'flocker plan ' 'apps.yml flocker.yaml sub' 'manifest files and directories'
expect 'flocker apply --auto-approve ' 'apps.yml flocker.yaml release.plan sub' 'manifests or a saved plan after a flag'
expect 'flocker force-unlock node2 ' 'apps.yml flocker.yaml sub' 'manifest files after the node'
expect 'flocker plan --ssh-config n' 'notes.txt' 'any file for --ssh-config'
expect 'flocker version -' '--help -h' 'version flags'
expect 'flocker replicate --' '--all --allow-env --every --help --json --metrics-file --no-color --parallelism --ssh-config' 'replicate flags'
expect 'flocker replicate --every 5m ' 'apps.yml flocker.yaml sub' 'manifest files after --every DURATION'
expect 'flocker replicate --metrics-file n' 'notes.txt' 'any file for --metrics-file'
check_all

if [ -n "${FLOCKER:-}" ]; then
  sorted() { tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'; }
  # CLI11's help: "Subcommands:" lists NAME  DESCRIPTION; "Options:" lists
  # -h,--help or --name TYPE ...; "Positionals:" lists name TYPE ... DESCRIPTION.
  section() { awk -v s="$1:" '$0 == s {on = 1; next} /^$/ {on = 0} on && /^  [^ ]/'; }
  top=$("$FLOCKER" --help)
  commands=$(section Subcommands <<<"$top" | awk '{print $1}')
  expect 'flocker ' "$(sorted <<<"$commands")" 'the subcommands of flocker --help'
  expect 'flocker -' "$(section Options <<<"$top" | awk '{print $1}' | tr ',' ' ' | sorted)" 'the flags of flocker --help'
  for command in $commands; do
    help=$("$FLOCKER" "$command" --help)
    options=$(section Options <<<"$help")
    expect "flocker $command -" "$(awk '{print $1}' <<<"$options" | tr ',' ' ' | sorted)" "the flags of flocker $command --help"
    for flag in $(awk '$2 == "FILE" {print $1}' <<<"$options" | tr ',' ' '); do
      expect "flocker $command $flag n" '~notes.txt' "any file after $command $flag FILE"
    done
    # A positional that takes manifests offers them, after the positionals before it.
    before=""
    while read -r name _ && [ -n "$name" ]; do
      line=$(section Positionals <<<"$help" | awk -v n="$name" '$1 == n')
      if [[ $line == *anifest* ]]; then
        expect "flocker $command ${before}" '~apps.yml flocker.yaml' "manifest files for $command's $name"
        break
      fi
      before+="x "
    done < <(section Positionals <<<"$help")
  done
  check_all
fi
[ "$failures" -eq 0 ] && echo "completion ($shell): passed"
exit "$failures"
