#!/usr/bin/env bash
# Makes the PDF and Word fixtures in tests/fixtures/converted/ from the five seeds, the way
# a report is published: each seed's text written as an HTML document with real tables
# (`cargo run -p nianbao-tests --example seed_html`), which LibreOffice turns into a .docx
# (Word tables, cell for cell) and a .pdf (ruled tables, CJK text with ToUnicode maps).
# The tests check that each gives its seed's own findings. Also the files nianbao must
# refuse with a clear error: an encrypted, a damaged and a scanned (image-only) PDF, an
# old binary Word .doc and a .wps.
#
# Needs LibreOffice Writer, a CJK font, qpdf and python3. As root with apt-get it installs
# them (`libreoffice-writer-nogui fonts-noto-cjk qpdf`, about 200 MB); otherwise it says which
# are missing and stops. The fixtures are committed: the test command never runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/converted
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

missing=()
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -i "noto.*cjk" >/dev/null || missing+=(fonts-noto-cjk)
command -v qpdf >/dev/null || missing+=(qpdf)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "convert-seeds: needs ${missing[*]} (apt-get install as root)" >&2
    exit 2
  fi
fi

# LibreOffice with a profile of its own, so a running instance or a user's settings play
# no part.
soffice_() {
  soffice -env:UserInstallation="file://$work/profile" --headless "$@" >/dev/null 2>&1
}

mkdir -p "$out" "$work/html"
for seed in tests/fixtures/seeds/*.txt; do
  n=$(basename "$seed" | cut -c1-3)
  cargo run -q -p nianbao-tests --example seed_html -- "$seed" >"$work/html/$n.html"
done
soffice_ --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" \
  --outdir "$work/docx" "$work"/html/*.html
soffice_ --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
  --outdir "$work/pdf" "$work"/html/*.html
cp "$work"/docx/*.docx "$work"/pdf/*.pdf "$out/"

# Old binary Word: LibreOffice's own; a .wps is the same kind of file (OLE compound).
soffice_ --convert-to doc:"MS Word 97" --outdir "$work/doc" "$out/000.docx"
cp "$work/doc/000.doc" "$out/old-word.doc"
cp "$work/doc/000.doc" "$out/wps-writer.wps"

# Encrypted: a user password, AES-256.
qpdf --encrypt secret owner 256 -- "$out/000.pdf" "$out/encrypted.pdf"

# Damaged: the first 3 KB of a PDF, as an interrupted download leaves it.
head -c 3000 "$out/000.pdf" >"$out/damaged.pdf"

# Scanned: a page that is one picture and no text. A grey PNG made here, placed by
# LibreOffice on a page of its own.
python3 - "$work/scan.png" <<'EOF'
import struct, sys, zlib
w, h = 400, 560
raw = b"".join(b"\x00" + bytes([200]) * w for _ in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
EOF
printf '<html><body><img src="scan.png" width="400" height="560"></body></html>' >"$work/scanned.html"
soffice_ --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
  --outdir "$work/scan" "$work/scanned.html"
cp "$work/scan/scanned.pdf" "$out/scanned.pdf"

ls -l "$out"
