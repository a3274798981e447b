#!/usr/bin/env zsh
# zsh_complete.zsh COMPLETION_FILE LINE...: for each command line (e.g.
# 'flocker pl'), print one line: what zsh's completion system offers there,
# sorted, space-separated. One interactive zsh in a pseudo-terminal (zpty),
# with compinit and the completion file loaded, serves every line; compadd is
# wrapped to print each match instead of inserting it.
zmodload zsh/zpty || { print -u2 'zsh/zpty is missing'; exit 1 }
emulate -L zsh
local file=$1; shift
local dump=$(mktemp -d)
trap 'rm -rf $dump' EXIT
zpty z zsh -f -i
zpty -w z 'PROMPT= RPROMPT= PS2=; unsetopt zle_bracketed_paste 2>/dev/null'
zpty -w z "autoload -U compinit && compinit -u -d $dump/zcompdump"
zpty -w z "source ${(q)file}"
zpty -w z "zstyle ':completion:*' list-grouped false"
# The markers are typed split in two so that the terminal's echo of these
# lines never contains them whole.
zpty -w z 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits; builtin compadd -A __hits "$@"
  local -A apre hpre; zparseopts -E P:=apre p:=hpre
  (( $#__hits )) && print -rl -- "<ma""tch>"$IPREFIX${apre[-P]}${hpre[-p]}${^__hits}
  builtin compadd "$@"
}'
zpty -w z 'comp-done() { print -r -- "<do""ne>"; BUFFER= }; zle -N comp-done; bindkey "^T" comp-done; KEYTIMEOUT=1'
local line out all
for line in "$@"; do
  all=""
  zpty -n -w z "$line"$'\t\x14'
  local deadline=$(( SECONDS + 10 ))
  while true; do
    if zpty -r -t z out; then all+=$out; else sleep 0.01; fi
    [[ $all == *'<done>'* ]] && break
    (( SECONDS > deadline )) && { print -u2 "zsh_complete: timed out on '$line'"; break }
  done
  print -r -- ${(j: :)${(ou)${(f)"$(print -r -- $all | tr -d '\r' | sed -n 's/.*<match>//p')"}}}
done
zpty -d z
