"""Every file type the incumbent SDK accepts is accepted, with the same content type.

The expected table is written out here from the service's facts (not read
from the module under test): 89 extensions, then Python's own `mimetypes`
table for other extensions, accepted only when its type is allowed.
"""

from __future__ import annotations

import mimetypes
import subprocess
import sys
from pathlib import Path

import pytest

from sketricgen import SketricGenContentTypeError
from sketricgen._uploads.filetypes import (
    ALLOWED_TYPES,
    TYPES_BY_EXTENSION,
    content_type_for,
    extension_for,
    guess_type,
)
from sketricgen.testing import Emulator
from tests.helpers.clients import ClientFactory
from tests.helpers.uploads import attached

AGENT = "agent-123"

EXPECTED = {
    "image/png": ".png",
    "image/jpeg": ".jpg .jpeg",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "application/pdf": ".pdf",
    "text/csv": ".csv",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/json": ".json",
    "text/html": ".html .htm",
    "text/markdown": ".md .markdown",
    "text/plain": ".txt .vue .svelte .kt .kts .fs .fsx .ps1 .bat .cmd .r .dart .ex .exs .erl "
    ".hrl .clj .cljs .lua .pl .pm .rkt .zig .nim .odin .toml .ini .cfg .conf .properties .env "
    ".gitignore .dockerignore .gradle .cmake .mk .makefile .vim",
    "text/yaml": ".yaml .yml",
    "application/xml": ".xml",
    "application/typescript": ".ts .tsx .mts .cts",
    "text/javascript": ".js .jsx .mjs .cjs",
    "text/css": ".css .scss .sass .less",
    "text/x-python": ".py .pyw .pyi",
    "application/x-ruby": ".rb",
    "application/x-httpd-php": ".php",
    "text/x-java-source": ".java",
    "text/x-go": ".go",
    "text/x-rust": ".rs",
    "text/x-swift": ".swift",
    "text/x-scala": ".scala .sc",
    "text/x-c": ".c .h",
    "text/x-c++": ".cc .cpp .cxx .hpp",
    "text/x-csharp": ".cs",
    "application/sql": ".sql",
    "application/x-sh": ".sh .bash .zsh",
}
TABLE = [(ext, kind) for kind, exts in EXPECTED.items() for ext in exts.split()]
ALLOWED = [
    "application/csv",
    "application/javascript",
    "application/json",
    "application/pdf",
    "application/sql",
    "application/typescript",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/x-csh",
    "application/x-httpd-php",
    "application/x-ruby",
    "application/x-sh",
    "application/x-sql",
    "application/x-yaml",
    "application/xml",
    "application/yaml",
    "image/gif",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/css",
    "text/csv",
    "text/html",
    "text/javascript",
    "text/markdown",
    "text/plain",
    "text/sql",
    "text/typescript",
    "text/x-c",
    "text/x-c++",
    "text/x-c++src",
    "text/x-csharp",
    "text/x-csrc",
    "text/x-go",
    "text/x-java",
    "text/x-java-source",
    "text/x-python",
    "text/x-ruby",
    "text/x-rust",
    "text/x-scala",
    "text/x-script.python",
    "text/x-shellscript",
    "text/x-sql",
    "text/x-swift",
    "text/x-yaml",
    "text/xml",
    "text/yaml",
]


def test_the_table_has_the_89_extensions_and_the_47_allowed_types() -> None:
    assert len(TABLE) == 89
    assert dict(TYPES_BY_EXTENSION) == {ext[1:]: kind for ext, kind in TABLE}
    assert tuple(sorted(ALLOWED)) == ALLOWED_TYPES


@pytest.mark.parametrize(("extension", "content_type"), TABLE)
def test_each_extension_of_the_table_gives_its_type(extension: str, content_type: str) -> None:
    assert content_type_for(f"notes{extension}") == content_type
    assert content_type_for(f"NOTES{extension.upper()}") == content_type


@pytest.mark.parametrize(
    ("file_name", "content_type"),
    [
        (".env", "text/plain"),
        ("config.env", "text/plain"),
        (".gitignore", "text/plain"),
        (".dockerignore", "text/plain"),
        ("build.makefile", "text/plain"),
        ("archive.2024.toml", "text/plain"),
        # Not in the table: Python's own mimetypes table, when its type is allowed.
        ("login.csh", "application/x-csh"),
        ("run.ksh", "text/plain"),
        ("style.xsl", "application/xml"),
        ("photo.jpe", "image/jpeg"),
        ("book.xlb", "application/vnd.ms-excel"),
    ],
)
def test_dotfiles_and_mimetypes_guesses(file_name: str, content_type: str) -> None:
    assert content_type_for(file_name) == content_type


@pytest.mark.parametrize(
    "file_name",
    [
        "setup.exe", "bundle.zip", "song.mp3", "clip.mp4", "image.svg", "doc.docx", "a.bin",
        "data.csv.gz", "backup.tgz", "Makefile", "README", "trailing.", ".", "",
    ],
)  # fmt: skip
def test_other_names_are_refused(file_name: str) -> None:
    assert content_type_for(file_name) is None


def test_the_guess_ignores_the_machines_mime_types(tmp_path: Path) -> None:
    # A machine whose mime.types calls `.exe` text/plain still refuses it.
    mime_types = tmp_path / "mime.types"
    mime_types.write_text("text/plain exe\napplication/zip toml\n")
    script = (
        "import mimetypes, sys\n"
        f"mimetypes.init([{str(mime_types)!r}])\n"
        "assert mimetypes.guess_type('x.exe')[0] == 'text/plain'\n"
        "from sketricgen._uploads.filetypes import content_type_for\n"
        "print(content_type_for('x.exe'), content_type_for('x.toml'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["None", "text/plain"]


@pytest.mark.parametrize(
    ("content_type", "extension"),
    [
        ("application/pdf", "pdf"), ("image/jpeg", "jpg"), ("text/plain", "txt"),
        ("text/yaml", "yaml"), ("Application/X-Ruby; charset=utf-8", "rb"),
        ("application/x-csh", "csh"), ("text/xml", None), ("application/zip", None),
    ],
)  # fmt: skip
def test_extension_for(content_type: str, extension: str) -> None:
    assert extension_for(content_type) == extension


# -- through the client, against the emulator -------------------------------------------


@pytest.mark.emulator
def test_newly_accepted_files_are_uploaded_with_their_type(
    make_client: ClientFactory, sketricgen_emulator: Emulator, tmp_path: Path
) -> None:
    names = ["pyproject.toml", "App.vue", "Main.kt", "theme.scss", ".env", "config.yaml", "a.rb"]
    for name in names:
        (tmp_path / name).write_text(f"contents of {name}\n")
    make_client().run_workflow_sync(AGENT, "Review", file_paths=[tmp_path / name for name in names])
    found = [
        (upload.file_name, upload.content_type, upload.part_content_type)
        for upload in attached(sketricgen_emulator)
    ]
    types = ["text/plain"] * 3 + ["text/css", "text/plain", "text/yaml", "application/x-ruby"]
    assert found == [(name, kind, kind) for name, kind in zip(names, types)]


@pytest.mark.emulator
def test_a_bare_name_with_a_type_no_extension_gives_is_refused(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    with pytest.raises(SketricGenContentTypeError, match="name the file with its extension"):
        make_client().upload_file_sync(AGENT, b"<a/>", file_name="feed", content_type="text/xml")
    assert sketricgen_emulator.requests == []


def test_only_pythons_strict_table_is_consulted() -> None:
    assert mimetypes.guess_type("a.pict", strict=False)[0] == "image/pict"
    assert guess_type("a.pict") is None
