#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, and only those that are missing.
#
#   scripts/system-deps.sh            everything for development and tests: WeasyPrint's
#                                     libraries, the CJK fonts (Noto + Fandol), Chromium for the
#                                     browser tests, poppler-utils, docker-compose (config check only),
#                                     LibreOffice Writer (the DOCX check)
#   scripts/system-deps.sh --runtime  what the running system needs: fonts + WeasyPrint's libraries
#                                     (the Docker image uses this)
#   scripts/system-deps.sh --venv     only what `python3 -m venv` needs (Debian splits it out)
#
# Safe to run again: when everything is there it changes nothing and needs no root.
set -euo pipefail

mode=all
case "${1:-}" in
    "") ;;
    --runtime) mode=runtime ;;
    --venv) mode=venv ;;
    -h | --help)
        sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "system-deps: unknown option '$1' (use --runtime, --venv or nothing)" >&2
        exit 2
        ;;
esac

# WeasyPrint (>= 63) loads Pango, PangoFT2 and HarfBuzz's subsetter through cffi; fontconfig
# finds the fonts. Noto CJK covers the pages; the GB/T 9704 layout of exported documents asks
# for 宋体/仿宋/黑体/楷体, which the free Fandol faces provide; titles (小标宋) are set in the
# heaviest free Simplified Song, Noto Serif CJK SC Black from fonts-noto-cjk-extra (office/pdf.py).
RUNTIME_PACKAGES=(fontconfig fonts-noto-cjk fonts-noto-cjk-extra libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
# Browser tests drive Debian's Chromium through Playwright's Python package (never
# `playwright install`); pdftotext/pdftoppm read exported PDFs; docker-compose only parses
# docker-compose.yml in CI (no engine runs here); LibreOffice Writer (headless, no GUI) converts
# the summary's DOCX to PDF in tests/reports/test_docx.py to check how an office suite sets it.
DEV_PACKAGES=(chromium poppler-utils docker-compose libreoffice-writer-nogui)

FANDOL_DIR=${FANDOL_DIR:-/usr/local/share/fonts/fandol}
FANDOL_FACES=(FandolSong-Regular.otf FandolFang-Regular.otf FandolHei-Regular.otf FandolKai-Regular.otf)
# Where texlive-lang-chinese keeps them; the package is only unpacked, TeX is never installed.
FANDOL_IN_PACKAGE=usr/share/texlive/texmf-dist/fonts/opentype/public/fandol

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing_packages=()
want=()
case "$mode" in
    venv) ;;
    runtime) want=("${RUNTIME_PACKAGES[@]}") ;;
    all) want=("${RUNTIME_PACKAGES[@]}" "${DEV_PACKAGES[@]}") ;;
esac
if [[ "$mode" != runtime ]] && ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    want+=(python3-venv)
fi
for package in "${want[@]}"; do
    is_installed "$package" || missing_packages+=("$package")
done

missing_fonts=()
if [[ "$mode" != venv ]]; then
    for face in "${FANDOL_FACES[@]}"; do
        [[ -s "$FANDOL_DIR/$face" ]] || missing_fonts+=("$face")
    done
fi

if [[ ${#missing_packages[@]} -eq 0 && ${#missing_fonts[@]} -eq 0 ]]; then
    echo "system-deps: all present (${mode})"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "system-deps: missing and not root, so cannot install:" >&2
    [[ ${#missing_packages[@]} -gt 0 ]] && echo "  Debian packages: ${missing_packages[*]}" >&2
    [[ ${#missing_fonts[@]} -gt 0 ]] && echo "  fonts in $FANDOL_DIR: ${missing_fonts[*]}" >&2
    echo "system-deps: run 'sudo $0 $*' once, then try again." >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "system-deps: apt-get update"
apt-get update -qq

if [[ ${#missing_packages[@]} -gt 0 ]]; then
    echo "system-deps: installing ${missing_packages[*]}"
    # No recommends: docker-compose would otherwise pull in a whole Docker engine.
    apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
fi

if [[ ${#missing_fonts[@]} -gt 0 ]]; then
    echo "system-deps: installing Fandol fonts into $FANDOL_DIR"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    # apt downloads as the _apt user, which must be able to write here.
    chown _apt "$work" 2>/dev/null || true
    (cd "$work" && apt-get download -qq texlive-lang-chinese)
    dpkg-deb -x "$work"/texlive-lang-chinese_*.deb "$work/root"
    mkdir -p "$FANDOL_DIR"
    for face in "${FANDOL_FACES[@]}"; do
        install -m 644 "$work/root/$FANDOL_IN_PACKAGE/$face" "$FANDOL_DIR/$face"
    done
    fc-cache -f "$FANDOL_DIR" >/dev/null
fi

echo "system-deps: done"
