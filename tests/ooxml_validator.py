"""Microsoft's Open XML SDK validator, loaded from PyPI's self-contained .NET build.

The wheel ``python-redlines-ooxmlpowertools`` ships a .NET runtime with
``DocumentFormat.OpenXml.dll`` as a tar archive; it is unpacked once per test run and
loaded through ``pythonnet``. :func:`validator` returns ``None`` with the reason where
that cannot be done (another platform, the packages missing), so that tests can skip.
"""

from __future__ import annotations

import importlib.util
import tarfile
from collections.abc import Callable
from pathlib import Path

Validate = Callable[[Path], list[str]]

_loaded: dict[str, object] = {}


def validator(workdir: Path) -> tuple[Validate | None, str]:
    """``(validate, "")``, or ``(None, why not)``; ``validate(path)`` lists the errors of one .docx."""
    if "validate" in _loaded:
        return _loaded["validate"], ""  # type: ignore[return-value]
    spec = importlib.util.find_spec("python_redlines_ooxmlpowertools")
    if spec is None or spec.origin is None or importlib.util.find_spec("clr_loader") is None:
        return None, "the Open XML SDK validator needs python-redlines-ooxmlpowertools and pythonnet"
    archive = Path(spec.origin).parent / "_binaries" / "linux-x64.tar.gz"
    if not archive.is_file():
        return None, f"no .NET build of the Open XML SDK for this platform ({archive.name} missing)"
    root = workdir / "ooxml-sdk"
    if not (root / "DocumentFormat.OpenXml.dll").is_file():
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(root, filter="data")
    try:
        from clr_loader import get_coreclr
        from pythonnet import set_runtime

        set_runtime(get_coreclr(entry_dll=str(root / "redlines.dll"), dotnet_root=str(root)))
        import clr  # noqa: F401  (pythonnet's module, after the runtime is chosen)

        clr.AddReference(str(root / "DocumentFormat.OpenXml.dll"))
        from DocumentFormat.OpenXml import FileFormatVersions
        from DocumentFormat.OpenXml.Packaging import WordprocessingDocument
        from DocumentFormat.OpenXml.Validation import OpenXmlValidator
    except Exception as e:  # the runtime cannot load here
        return None, f"the .NET runtime of the Open XML SDK cannot load here: {e}"

    sdk = OpenXmlValidator(FileFormatVersions.Office2013)

    def validate(path: Path) -> list[str]:
        document = WordprocessingDocument.Open(str(path), False)
        try:
            return [f"{e.Part.Uri if e.Part else '?'} {e.Path.XPath if e.Path else ''}: {e.Description}"
                    for e in sdk.Validate(document)]
        finally:
            document.Dispose()

    _loaded["validate"] = validate
    return validate, ""
