# bash completion for flocker                                  -*- shell-script -*-
# Subcommands, their flags, and manifest files (*.yaml, *.yml).

_flocker() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }

  local commands="status plan apply validate force-unlock version"
  local common="--ssh-config --no-color --parallelism --help"
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      status | plan | apply | validate | force-unlock | version) command=${words[i]}; break ;;
    esac
  done

  if [ -z "$command" ]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi

  case $prev in
    --ssh-config)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --parallelism)
      COMPREPLY=($(compgen -W "1 2 4 8 10 16 32" -- "$cur"))
      return ;;
    --lock-timeout)
      COMPREPLY=($(compgen -W "0 30 60 300" -- "$cur"))
      return ;;
  esac

  local flags=""
  case $command in
    status) flags="$common --json" ;;
    plan) flags="$common --json --detailed-exitcode" ;;
    apply) flags="$common --auto-approve --lock-timeout" ;;
    validate) flags="--json --no-color --help" ;;
    force-unlock) flags="$common" ;;
    version) flags="--help" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  [ "$command" = version ] && return
  # Manifest files, and directories to reach them.
  local IFS=$'\n'
  COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
  compopt -o filenames 2>/dev/null
}
complete -F _flocker flocker
