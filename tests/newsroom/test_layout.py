"""The layout of the code: each app one room, and the doors between them opening one way.

Apps build on `articles` (ads, audience, search) and on photos and weather, never the other way, and no two apps
import each other. `newsroom` (settings, URLs, the shell of the public pages) is the project around them: every app
may use it, and it imports none of them; the apps put their parts into its pages through settings (PAGE_PARTS).
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["articles", "ads", "audience", "caching", "demo", "photos", "search", "weather", "newsroom"]
# Who may build on whom; everything not listed is forbidden.
# The page cache and the content version are the project's too: every app tells them of its changes.
PROJECT = {"newsroom", "caching"}
MAY_IMPORT = {
    "articles": {"photos"} | PROJECT,
    "ads": {"articles", "audience"} | PROJECT,
    "audience": {"articles"} | PROJECT,
    "search": {"articles"} | PROJECT,
    "photos": PROJECT,
    "weather": PROJECT,
    "demo": {"articles", "ads", "audience", "photos", "weather"} | PROJECT,
    "caching": {"newsroom"},
    "newsroom": set(),
}
LARGEST_SHARE = 0.35


def product_modules(package: str) -> list[Path]:
    """The Python files of a package, migrations left out."""
    return [path for path in sorted((ROOT / package).rglob("*.py")) if "migrations" not in path.parts]


def imports(path: Path, package: str) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import in `path`, relative ones made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_parts = list(path.relative_to(ROOT).with_suffix("").parts)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module_parts[: len(module_parts) - node.level]
                if path.name == "__init__.py":
                    base = module_parts[: len(module_parts) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((module, [alias.name for alias in node.names], node.lineno))
    return found


def cross_app_imports() -> list[tuple[str, str, list[str], str]]:
    """(importing app, imported app, names, where) for every import of one app by another."""
    found = []
    for app in APPS:
        for path in product_modules(app):
            for module, names, line in imports(path, app):
                target = module.split(".")[0]
                if target in APPS and target != app:
                    found.append((app, target, names, f"{path.relative_to(ROOT)}:{line}"))
    return found


def test_apps_import_only_the_apps_they_build_on():
    wrong = [
        f"{where}: {app} imports {target}"
        for app, target, _, where in cross_app_imports()
        if target not in MAY_IMPORT[app]
    ]
    assert wrong == []


def test_no_two_apps_import_each_other():
    edges = defaultdict(set)
    for app, target, _, _ in cross_app_imports():
        edges[app].add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})) for nxt in edges[start])

    assert [app for app in APPS if reaches(app, app, {app})] == []


def test_no_module_takes_a_private_name_of_another_app():
    private = [
        f"{where}: {name} from {target}"
        for _, target, names, where in cross_app_imports()
        for name in names
        if name.startswith("_")
    ]
    assert private == []


def test_articles_knows_nothing_of_the_apps_that_build_on_it():
    built_on_articles = {"ads", "audience", "search", "demo"}
    assert [
        where for app, target, _, where in cross_app_imports() if app == "articles" and target in built_on_articles
    ] == []


def lines_of(package: str) -> int:
    return sum(len(path.read_text(encoding="utf-8").splitlines()) for path in product_modules(package))


@pytest.mark.parametrize("app", APPS)
def test_no_app_holds_more_than_a_third_of_the_product(app):
    total = sum(lines_of(package) for package in APPS)

    assert lines_of(app) / total <= LARGEST_SHARE, f"{app}: {lines_of(app)} of {total} lines"


def test_every_app_says_in_a_line_what_it_holds():
    from django.apps import apps

    missing = [app for app in APPS if app != "newsroom" and not (type(apps.get_app_config(app)).__doc__ or "").strip()]
    assert missing == []
