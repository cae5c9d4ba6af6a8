#!/usr/bin/env bash
# Fetches the pinned front-end packages from the npm registry into static/vendor/.
#
# The output is committed: government intranets often have no internet access, so the
# running system never loads anything from a CDN. Run this only to change a version, then
# commit static/vendor/ together with the new VERSIONS.txt.
#
# npm pack checks each tarball against the registry's sha512 integrity; we check it again
# against the value pinned here, so a republished or tampered package fails loudly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The pins: version and the registry's tarball integrity (npm view NAME@VERSION dist.integrity).
declare -A VERSION INTEGRITY
VERSION[bootstrap]=5.3.8
INTEGRITY[bootstrap]=sha512-HP1SZDqaLDPwsNiqRqi5NcP0SSXciX2s9E+RyqJIIqGo+vJeN5AJVM98CXmW/Wux0nQ5L7jeWUdplCEf0Ee+tg==
VERSION[bootstrap-icons]=1.13.1
INTEGRITY[bootstrap-icons]=sha512-ijombt4v6bv5CLeXvRWKy7CuM3TRTuPEuGaGKvTV5cz65rQSY8RQ2JcHt6b90cBBAC7s8fsf2EkQDldzCoXUjw==
VERSION[htmx.org]=2.0.8
INTEGRITY[htmx.org]=sha512-fm297iru0iWsNJlBrjvtN7V9zjaxd+69Oqjh4F/Vq9Wwi2kFisLcrLCiv5oBX0KLfOX/zG8AUo9ROMU5XUB44Q==
VERSION[echarts]=5.6.0
INTEGRITY[echarts]=sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA==
NAMES=(bootstrap bootstrap-icons htmx.org echarts)

command -v npm >/dev/null || { echo "npm is required (apt-get install npm)" >&2; exit 1; }

fetch() {
  local name="$1" version="${VERSION[$1]}" integrity="${INTEGRITY[$1]}"
  local dir="$WORK/$name"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$name@$version" >/dev/null)
  local tarball
  tarball="$(ls "$dir"/*.tgz)"
  local actual
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [[ "$actual" != "$integrity" ]]; then
    echo "$name@$version: integrity mismatch ($actual)" >&2
    exit 1
  fi
  tar -xzf "$tarball" -C "$dir"
  echo "$dir/package"
}

# Source maps are not shipped; their comments would make the browser ask for missing
# files and make ManifestStaticFilesStorage fail on collectstatic.
strip_source_map() {
  sed -i -E '/^\/[\/*]# sourceMappingURL=.*$/d' "$1"
}

# static/vendor/ belongs to this script: it is rebuilt from the pins, nothing else lives there.
rm -rf "$DEST"
mkdir -p "$DEST"

pkg="$(fetch bootstrap)"
mkdir -p "$DEST/bootstrap"
cp "$pkg/dist/css/bootstrap.min.css" "$pkg/dist/js/bootstrap.bundle.min.js" "$pkg/LICENSE" "$DEST/bootstrap/"
strip_source_map "$DEST/bootstrap/bootstrap.min.css"
strip_source_map "$DEST/bootstrap/bootstrap.bundle.min.js"

pkg="$(fetch bootstrap-icons)"
mkdir -p "$DEST/bootstrap-icons/fonts"
cp "$pkg/font/bootstrap-icons.min.css" "$pkg/LICENSE" "$DEST/bootstrap-icons/"
cp "$pkg/font/fonts/bootstrap-icons.woff" "$pkg/font/fonts/bootstrap-icons.woff2" "$DEST/bootstrap-icons/fonts/"

pkg="$(fetch htmx.org)"
mkdir -p "$DEST/htmx"
cp "$pkg/dist/htmx.min.js" "$pkg/LICENSE" "$DEST/htmx/"
strip_source_map "$DEST/htmx/htmx.min.js"

pkg="$(fetch echarts)"
mkdir -p "$DEST/echarts"
cp "$pkg/dist/echarts.min.js" "$pkg/LICENSE" "$DEST/echarts/"
strip_source_map "$DEST/echarts/echarts.min.js"

{
  echo "# Vendored front-end packages, fetched from https://registry.npmjs.org/ by scripts/vendor-static.sh."
  echo "# Do not edit by hand: change the pins in the script and run it again."
  echo "# Source-map comments are removed from the copied files; nothing else is changed."
  echo "#"
  echo "# package version tarball-integrity"
  for name in "${NAMES[@]}"; do echo "$name ${VERSION[$name]} ${INTEGRITY[$name]}"; done
  echo "#"
  echo "# sha256 of each vendored file"
  (cd "$DEST" && find . -type f ! -name VERSIONS.txt | LC_ALL=C sort | xargs sha256sum | sed 's#  \./#  #')
} > "$DEST/VERSIONS.txt"

echo "Vendored into $DEST:"
sed -n '6,9p' "$DEST/VERSIONS.txt"
