#!/usr/bin/env bash
# format_test: every C++ file of the repository is as the repository's
# .clang-format writes it. Fix with:
#   git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
set -euo pipefail
cd "${1:?usage: format_test.sh REPO}"
command -v clang-format >/dev/null || { echo "format_test: clang-format is not installed (scripts/setup)" >&2; exit 1; }
unformatted=()
while IFS= read -r -d '' file; do
  [ -f "$file" ] || continue
  clang-format --style=file "$file" | cmp -s - "$file" || unformatted+=("$file")
done < <(git ls-files -z --cached --others --exclude-standard -- '*.cpp' '*.hpp')
if [ ${#unformatted[@]} -gt 0 ]; then
  printf 'not formatted with .clang-format: %s\n' "${unformatted[@]}" >&2
  echo "fix: git ls-files '*.cpp' '*.hpp' | xargs clang-format -i" >&2
  exit 1
fi
echo "format_test: every C++ file is formatted"
