"""The dependency rule at the top of docs/development.md, read from the code.

Every .py file of every app (and of the site package around them) is parsed with
``ast``; every import is checked, at the top of a module and inside functions
alike, so an import moved into a function to dodge a cycle still counts. A
failure names the file, the line, the import and the rule it breaks.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each app's layer: an app may import its own layer and the layers below it, never
# one above. Keep in step with the map in docs/development.md.
LAYERS = {
    "core": 0,
    "accounts": 1,  # users and buyer organisations, and the access decorators every view uses
    "frameworks": 2,
    "suppliers": 3,
    "listings": 4,
    "search": 5,
    "feedback": 5,
    "direct_award": 5,
    "strategies": 5,
    "orders": 5,
    "questions": 5,
    "api": 6,
    "ocds": 6,
    "spend": 6,
    "demo": 6,
}
# The site package's own modules (settings, URLconf, the health check) wire every
# app together, so they may import any app except the demo.
SITE = "site"
# Apps that live inside the site package, importable as marketplace.<name>.
SITE_PACKAGE = "marketplace"

# Imports that break the rule today and are being mended on another branch; each
# entry must still exist, so the list cannot go stale. (file, imported name)
# Empty now: add an entry only with the branch that mends it.
PENDING: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    path: str  # relative to the repository root
    line: int
    target: str  # the dotted name imported, e.g. "listings.selectors.listings_public"
    private: bool  # the name, or a module on its way, starts with "_" (not a dunder)


def app_packages() -> dict[str, str]:
    """App name -> its folder, relative to the root: every folder with an apps.py."""
    apps = {path.parent.name: path.parent for path in ROOT.glob("*/apps.py")}
    apps |= {path.parent.name: path.parent for path in ROOT.glob(f"{SITE_PACKAGE}/*/apps.py")}
    return {name: folder.relative_to(ROOT).as_posix() for name, folder in apps.items()}


APPS = app_packages()


def app_of_module(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[0] == SITE_PACKAGE:
        if len(parts) > 1 and APPS.get(parts[1]) == f"{SITE_PACKAGE}/{parts[1]}":
            return parts[1]
        return SITE
    return parts[0] if APPS.get(parts[0]) == parts[0] else None


def app_of_path(path: str) -> str | None:
    return app_of_module(path.removesuffix(".py").replace("/", "."))


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def imports_in(source: str, path: str) -> list[Import]:
    """Every import in ``source`` (the file at ``path``), relative ones resolved,
    plus ``module._name`` reached through a module it imported."""
    module = path.removesuffix(".py").replace("/", ".")
    package = module.split(".")[:-1]
    found: list[Import] = []
    bound: dict[str, str] = {}  # local name -> the module or name it was bound to
    tree = ast.parse(source, filename=path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(path, node.lineno, alias.name, _private_path(alias.name)))
                bound[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                private = _private_path(base) or is_private(alias.name)
                found.append(Import(path, node.lineno, target, private))
                bound[alias.asname or alias.name] = target
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and is_private(node.attr)
        ):
            target = f"{bound[node.value.id]}.{node.attr}"
            found.append(Import(path, node.lineno, target, True))
    return found


def _private_path(dotted: str) -> bool:
    return any(is_private(part) for part in dotted.split("."))


def broken_rule(importer: str, imported: str) -> str | None:
    """Which rule an import from app ``importer`` of app ``imported`` breaks, if any."""
    if imported == importer or imported is None:
        return None
    if imported == "demo":
        return "nobody imports the demo app"
    if importer == SITE:
        return None
    if importer == "core":
        return "core imports no feature app"
    if LAYERS[imported] <= LAYERS[importer]:
        return None
    if importer == "frameworks":
        return "frameworks imports no other feature app (core and accounts only)"
    if importer in ("suppliers", "listings"):
        return (
            "suppliers and listings do not import search, feedback, direct_award, "
            "strategies or the newer apps"
        )
    return "a lower layer never imports a higher one"


def violations_in(source: str, path: str) -> list[str]:
    importer = app_of_path(path)
    found = []
    for item in imports_in(source, path):
        imported = app_of_module(item.target)
        rule = broken_rule(importer, imported)
        if rule is None and item.private and imported not in (None, importer):
            rule = "no app imports another app's private (_name) helpers"
        if rule is None or (item.path, item.target) in PENDING:
            continue
        layers = ""
        if importer in LAYERS and imported in LAYERS:
            layers = f" ({importer} is layer {LAYERS[importer]}, {imported} {LAYERS[imported]})"
        found.append(f"{item.path}:{item.line}: imports {item.target}: {rule}{layers}")
    return found


def project_files() -> list[Path]:
    folders = [ROOT / folder for name, folder in APPS.items()]
    site = [
        path
        for path in (ROOT / SITE_PACKAGE).rglob("*.py")
        if app_of_path(path.relative_to(ROOT).as_posix()) == SITE
    ]
    return sorted({*site, *(path for folder in folders for path in folder.rglob("*.py"))})


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_every_app_has_a_layer():
    assert sorted(set(APPS) - set(LAYERS)) == [], (
        "give each new app a layer here and a line in the map in docs/development.md"
    )


def test_every_import_follows_the_dependency_rule():
    found = [
        violation
        for path in project_files()
        for violation in violations_in(path.read_text(), relative(path))
    ]

    assert found == [], "\n".join(found)


def test_each_pending_exception_still_exists():
    # Once the import is mended, its entry must go, so the rule is whole again.
    imports = {
        (item.path, item.target)
        for path in project_files()
        for item in imports_in(path.read_text(), relative(path))
    }

    assert PENDING - imports == set()


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        (
            "marketplace/core/selectors.py",
            "def f():\n    from direct_award.selectors import projects_for\n",
            "marketplace/core/selectors.py:2: imports direct_award.selectors.projects_for: "
            "core imports no feature app (core is layer 0, direct_award 5)",
        ),
        (
            "frameworks/views.py",
            "from listings.selectors import listing_counts_by_lot\n",
            "frameworks/views.py:1: imports listings.selectors.listing_counts_by_lot: "
            "frameworks imports no other feature app (core and accounts only) "
            "(frameworks is layer 2, listings 4)",
        ),
        (
            "suppliers/views.py",
            "\n\nimport feedback.selectors\n",
            "suppliers/views.py:3: imports feedback.selectors: suppliers and listings do not "
            "import search, feedback, direct_award, strategies or the newer apps "
            "(suppliers is layer 3, feedback 5)",
        ),
        (
            "suppliers/selectors.py",
            "from listings.vocabulary import ListingStatus\n",
            "suppliers/selectors.py:1: imports listings.vocabulary.ListingStatus: suppliers and "
            "listings do not import search, feedback, direct_award, strategies or the newer "
            "apps (suppliers is layer 3, listings 4)",
        ),
        (
            "search/views.py",
            "from marketplace.demo import loaders\n",
            "search/views.py:1: imports marketplace.demo.loaders: nobody imports the demo app "
            "(search is layer 5, demo 6)",
        ),
        (
            "marketplace/urls.py",
            "from marketplace.demo import loaders\n",
            "marketplace/urls.py:1: imports marketplace.demo.loaders: nobody imports the demo app",
        ),
        (
            "search/views.py",
            "from listings.text import _words\n",
            "search/views.py:1: imports listings.text._words: no app imports another app's "
            "private (_name) helpers (search is layer 5, listings 4)",
        ),
        (
            "search/views.py",
            "from listings import text\n\nwords = text._words('a b')\n",
            "search/views.py:3: imports listings.text._words: no app imports another app's "
            "private (_name) helpers (search is layer 5, listings 4)",
        ),
        (
            "marketplace/accounts/views.py",
            "from ..core import services\n",
            None,
        ),
        (
            "marketplace/core/views.py",
            "from ..accounts.access import public\n",
            "marketplace/core/views.py:1: imports marketplace.accounts.access.public: "
            "core imports no feature app (core is layer 0, accounts 1)",
        ),
    ],
    ids=[
        "core, inside a function",
        "frameworks",
        "suppliers",
        "suppliers to listings",
        "demo",
        "demo from the site",
        "private name",
        "private attribute",
        "allowed",
        "relative",
    ],
)
def test_the_rule_names_the_file_line_and_rule_of_a_forbidden_import(path, source, expected):
    assert violations_in(source, path) == ([expected] if expected else [])
