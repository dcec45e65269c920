"""PDF/A-2b of the example, verified with pikepdf, then signed with pyHanko (PAdES baseline).

Skipped when LibreOffice is not installed, or pikepdf / pyHanko (the ``test`` extra) are missing.
"""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from typing import Any

import pytest

from cchc_plan.cli import main as cli_main
from cchc_plan.docx.pdf import find_soffice
from cchc_plan.docx.pdfa import export_pdf, font_substitute
from cchc_plan.render import render_plan

if find_soffice() is None:
    pytest.skip("PDF/A checks need soffice (LibreOffice), not installed here", allow_module_level=True)
pikepdf = pytest.importorskip("pikepdf", reason="PDF/A checks need pikepdf (pip install '.[test]')")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


@pytest.fixture(scope="module")
def pdfa(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("pdfa")
    docx = render_plan(EXAMPLE, folder / "ke-hoach.docx")
    return export_pdf(docx, folder / "ke-hoach.pdf", pdfa=True)


def fonts_of(pdf: Any) -> dict[str, bool]:
    """Every font the pages use, by base name: whether its program is embedded."""
    out: dict[str, bool] = {}
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            descriptor_owner = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
            descriptor = descriptor_owner.get("/FontDescriptor", {})
            out[str(font.get("/BaseFont"))] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return out


def transparency_groups(pdf: Any) -> list[str]:
    found = []
    for n, page in enumerate(pdf.pages, start=1):
        group = page.obj.get("/Group")
        if group is not None and group.get("/S") == "/Transparency":
            found.append(f"trang {n}")
        for name, xobject in page.obj.get("/Resources", {}).get("/XObject", {}).items():
            group = xobject.get("/Group")
            if group is not None and group.get("/S") == "/Transparency":
                found.append(f"trang {n} {name}")
    return found


def test_pdfa_2b_properties(pdfa: Any) -> None:
    assert pdfa.pdfa
    with pikepdf.open(pdfa.path) as pdf:
        assert not pdf.is_encrypted
        meta = pdf.open_metadata()
        assert meta[f"{PDFAID}part"] == "2"
        assert meta[f"{PDFAID}conformance"] == "B"
        fonts = fonts_of(pdf)
        assert fonts, "no fonts found on the pages"
        assert all(fonts.values()), f"fonts not embedded: {[f for f, e in fonts.items() if not e]}"
        assert transparency_groups(pdf) == []
        assert "/OutputIntents" in pdf.Root  # PDF/A needs an output intent (sRGB)
        assert pdfa.pages == len(pdf.pages)


def test_a_plain_pdf_is_not_marked_pdfa(tmp_path: Path) -> None:
    docx = render_plan(EXAMPLE, tmp_path / "k.docx")
    made = export_pdf(docx, tmp_path / "k.pdf")
    with pikepdf.open(made.path) as pdf:
        assert f"{PDFAID}part" not in pdf.open_metadata()


def test_font_warning_matches_fontconfig(pdfa: Any) -> None:
    substitute = font_substitute()
    if substitute is None:
        assert pdfa.warnings == ()
    else:
        assert len(pdfa.warnings) == 1
        assert "Times New Roman" in pdfa.warnings[0] and substitute in pdfa.warnings[0]


def test_cli_pdfa(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "k.docx"
    assert cli_main(["render", str(EXAMPLE), "-o", str(out), "--pdf", "--pdfa"]) == 0
    printed = capsys.readouterr()
    assert "(PDF/A-2b)" in printed.out
    assert ("Cảnh báo:" in printed.err) == (font_substitute() is not None)
    with pikepdf.open(out.with_suffix(".pdf")) as pdf:
        assert pdf.open_metadata()[f"{PDFAID}part"] == "2"


def test_pdfa_needs_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "k.docx"
    assert cli_main(["render", str(EXAMPLE), "-o", str(out), "--pdfa"]) == 1
    assert "--pdfa đi cùng --pdf" in capsys.readouterr().err
    assert not out.exists()


# --------------------------------------------------------------------------- signing


def _self_made_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed signing certificate and its key, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND xã Lộc Bình"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "Văn thư UBND xã Lộc Bình")])
    now = _dt.datetime.now(_dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _dt.timedelta(days=1)).not_valid_after(now + _dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_cert_sign=True,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    key_path, cert_path = folder / "key.pem", folder / "cert.pem"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def test_signed_pdfa_validates_and_stays_pdfa(pdfa: Any, tmp_path: Path) -> None:
    pytest.importorskip("pyhanko", reason="the signing test needs pyHanko (pip install '.[test]')")
    sign_and_verify(pdfa.path, tmp_path)


def sign_and_verify(path: Path, tmp_path: Path) -> None:
    """Sign the PDF/A at ``path`` (PAdES, self-made certificate); the signature validates, the file stays PDF/A."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    key_path, cert_path = _self_made_certificate(tmp_path)
    signer = signers.SimpleSigner.load(str(key_path), str(cert_path), key_passphrase=None)
    assert signer is not None
    original = path.read_bytes()
    signed = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(original))
    meta = signers.PdfSignatureMetadata(field_name="ChuKySo", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    signers.sign_pdf(writer, meta, signer=signer, output=signed)
    data = signed.getvalue()
    assert data.startswith(original)  # an incremental update: the PDF/A bytes are untouched

    reader = PdfFileReader(io.BytesIO(data))
    (signature,) = reader.embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_path))])
    status = validate_pdf_signature(signature, context)
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE"

    with pikepdf.open(io.BytesIO(data)) as after, pikepdf.open(path) as before:
        assert after.open_metadata()[f"{PDFAID}part"] == "2"
        assert after.open_metadata()[f"{PDFAID}conformance"] == "B"
        old, new = dict(before.open_metadata()), dict(after.open_metadata())
        # The signing tool records itself and the time in the XMP; every other property is
        # what LibreOffice wrote.
        stamped = {k for k in {*old, *new} if k.endswith(("}ModifyDate", "}MetadataDate", "}Producer"))}
        assert {k: v for k, v in new.items() if k not in stamped} == \
            {k: v for k, v in old.items() if k not in stamped}
        assert fonts_of(after) == fonts_of(before)
        assert all(fonts_of(after).values())
        assert not after.is_encrypted


def test_the_decision_and_its_plan_as_electronic_pdfa(tmp_path: Path) -> None:
    """The whole path of an e-office: one YAML → decision + plan, electronic form, PDF/A-2b, metadata."""
    import json

    from docx_reading import pdf_pages_text

    source = ROOT / "examples" / "loc-binh-2023" / "quyet-dinh.yaml"
    docx, meta = tmp_path / "quyet-dinh.docx", tmp_path / "quyet-dinh.json"
    assert cli_main(["render", str(source), "-o", str(docx), "--electronic", "--pdf", "--pdfa",
                     "--metadata", str(meta)]) == 0
    pdf_path = tmp_path / "quyet-dinh.pdf"
    with pikepdf.open(pdf_path) as pdf:
        assert pdf.open_metadata()[f"{PDFAID}part"] == "2"
        assert all(fonts_of(pdf).values()) and transparency_groups(pdf) == []
        pages = len(pdf.pages)
    texts = pdf_pages_text(pdf_path)
    assert "QUYẾT ĐỊNH" in texts[0] and "Số:" in texts[0] and "/QĐ-UBND" in texts[0]
    attached = next(i for i, t in enumerate(texts) if "KẾ HOẠCH" in t and "Ban hành kèm theo" in t)
    assert attached >= 1 and "05/QĐ" not in "".join(texts)
    fields = {f["key"]: f["value"] for f in json.loads(meta.read_text(encoding="utf-8"))["fields"]}
    assert fields["PageAmount"] == pages and fields["CodeNumber"] is None
    pytest.importorskip("pyhanko", reason="the signing test needs pyHanko (pip install '.[test]')")
    sign_and_verify(pdf_path, tmp_path)  # the signing tool's path: signed, valid, still PDF/A
