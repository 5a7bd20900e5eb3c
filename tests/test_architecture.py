"""The layers of ARCHITECTURE.md hold: lint-imports keeps its contract, and no module
imports another app inside a function unless ARCHITECTURE.md names it with a reason."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _function_level_imports(root=ROOT):
    apps = {p.parent.name for p in root.glob("*/apps.py")}
    found = set()
    for path in sorted(root.glob("*/**/*.py")):
        rel = path.relative_to(root)
        app = rel.parts[0]
        if app not in apps or "migrations" in rel.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.ImportFrom) and sub.level == 0 and sub.module:
                    other = sub.module.split(".")[0]
                    if other in apps and other != app:
                        found.add(f"{rel.as_posix()}: {sub.module}")
    return found


def _allowed():
    text = (ROOT / "ARCHITECTURE.md").read_text()
    block = re.search(r"<!-- function-level-imports -->(.*?)<!-- end -->", text, re.S).group(1)
    return {m.group(1).strip() for m in re.finditer(r"^- `([^`]+)`", block, re.M)}


def test_the_check_finds_a_function_level_import(tmp_path):
    for app in ("laag", "hoog"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("")
    (tmp_path / "laag" / "views.py").write_text(
        "from laag import models\n\ndef view():\n    from hoog.services import x\n"
    )
    assert _function_level_imports(tmp_path) == {"laag/views.py: hoog.services"}


def test_no_function_level_import_of_another_app_but_those_named():
    assert _function_level_imports() <= _allowed()


def test_apps_import_downward_only():
    result = subprocess.run(
        [Path(sys.executable).parent / "lint-imports"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
