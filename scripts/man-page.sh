#!/usr/bin/env bash
# Writes the man page raykit.1 to OUT: swift-argument-parser's generate-manual plugin renders the
# argument parser's own definitions (NAME, SYNOPSIS, every subcommand and option), then the plugin's
# generic EXIT STATUS is replaced by docs/man/exit-status.mdoc, followed by docs/man/examples.mdoc.
# Every command in the examples must be one the README shows, word for word, so the two cannot drift.
# Usage: scripts/man-page.sh OUT
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
generated=.build/plugins/GenerateManual/outputs/RayKitTool/raykit.1

# The `$ raykit …` lines of an mdoc fragment or of the README: escapes undone, continued lines joined,
# trailing comments dropped.
commands() {
  awk '{
    gsub(/\\-/, "-"); gsub(/\\e/, "\\")
    if (pending != "") { sub(/^ +/, ""); $0 = pending $0 }
    if ($0 ~ / \\$/) { pending = substr($0, 1, length($0) - 1); next }
    pending = ""
    if ($0 ~ /^\$ raykit /) { sub(/ +#.*$/, ""); print }
  }' "$1" | sort -u
}
missing=$(comm -23 <(commands docs/man/examples.mdoc) <(commands README.md))
if [ -n "$missing" ]; then
  echo "man-page.sh: examples the README does not show:" >&2
  echo "$missing" >&2
  exit 1
fi

# Debug: the parser's definitions are the same in every configuration and `make test` builds debug
# anyway, while the plugin's own release build would relink the release binary against the shared
# Swift runtime. The date is the last commit's, so the page only changes with the source.
rm -f "$generated"
swift package plugin generate-manual --configuration debug --date "$(git log -1 --format=%cs 2>/dev/null || date +%F)" >&2

# The plugin ends the page with a generic EXIT STATUS ("0 on success, >0 on error"): that is replaced.
if [ "$(sed -n '/^\.Sh "EXIT STATUS"$/,$p' "$generated")" != "$(printf '.Sh "EXIT STATUS"\n.Ex -std')" ]; then
  echo "man-page.sh: $generated does not end with the EXIT STATUS section expected; check the plugin's output" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
{ sed '/^\.Sh "EXIT STATUS"$/,$d' "$generated"; cat docs/man/exit-status.mdoc docs/man/examples.mdoc; } > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
