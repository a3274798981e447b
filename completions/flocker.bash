# bash completion for flocker                                  -*- shell-script -*-
# Subcommands, their flags, and manifest files (*.yaml, *.yml).
# tests/completion/completion_test.sh keeps it true to `flocker --help`.

_flocker() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }

  local commands="status plan show apply replicate validate force-unlock version"
  local common="--ssh-config --allow-env --no-color --parallelism -h --help"
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      status | plan | show | apply | replicate | validate | force-unlock | version) command=${words[i]}; break ;;
    esac
  done

  if [ -z "$command" ]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "-h --help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
    return
  fi

  case $prev in
    --ssh-config | --metrics-file | -out | -o | --out)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --target)
      return ;;  # an application name from the manifest
    --allow-env)
      COMPREPLY=($(compgen -e -- "$cur"))
      return ;;
    --parallelism)
      COMPREPLY=($(compgen -W "1 2 4 8 10 16 32" -- "$cur"))
      return ;;
    --lock-timeout)
      COMPREPLY=($(compgen -W "0 30 60 300" -- "$cur"))
      return ;;
    --every)
      COMPREPLY=($(compgen -W "30s 1m 5m 15m 1h" -- "$cur"))
      return ;;
  esac

  local flags=""
  case $command in
    status) flags="$common --json --check" ;;
    plan) flags="$common --json --detailed-exitcode -o --out --target --allow-destroy" ;;
    show) flags="--json --no-color -h --help" ;;
    apply) flags="$common --auto-approve --json --lock-timeout --target --allow-destroy" ;;
    replicate) flags="$common --all --every --metrics-file --json" ;;
    validate) flags="--json --allow-env --no-color -h --help" ;;
    force-unlock) flags="$common" ;;
    version) flags="-h --help" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  [ "$command" = version ] && return
  local IFS=$'\n'
  if [ "$command" = show ]; then
    COMPREPLY=($(compgen -f -- "$cur"))  # a saved plan: any name
  elif [ "$command" = apply ]; then
    # Manifest files or a saved plan (*.plan by convention), and directories.
    COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|plan)' -- "$cur") $(compgen -d -- "$cur"))
  else
    # Manifest files, and directories to reach them.
    COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
  fi
  compopt -o filenames 2>/dev/null
}
complete -F _flocker flocker
