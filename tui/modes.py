"""The five screens as Textual modes: key, name and title (shared by the app and the palette).

Screens for modes 2–4 register with one line in `MODE_SCREENS` ("module:ScreenClass") as each
lands; a mode's key is live only when its screen is registered and importable.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

__all__ = [
    "ISSUE_SCREEN",
    "MODE_KEYS",
    "MODE_SCREENS",
    "MODE_TITLES",
    "load_class",
    "module_exists",
]

MODE_SCREENS: dict[str, str] = {
    "search": "tui.screens.search:SearchScreen",
    "projects": "tui.screens.projects:ProjectsScreen",
    "skills": "tui.screens.skills:SkillsScreen",
    "devinfo": "tui.screens.devinfo:DevinfoScreen",
}
ISSUE_SCREEN = "tui.screens.issue:IssueScreen"

MODE_KEYS: dict[str, str] = {
    "1": "search",
    "2": "projects",
    "3": "skills",
    "4": "devinfo",
    "5": "issue",
}
MODE_TITLES: dict[str, str] = {
    "search": "Search",
    "projects": "Projects",
    "skills": "Skills",
    "devinfo": "Repositories",
    "issue": "Last issue",
}


def module_exists(path: str) -> bool:
    """Whether `module:Class`'s module is there, without importing it (keys are checked at
    every repaint of the footer; importing a screen is left to when it is first shown)."""
    module_name = path.partition(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


def load_class(path: str) -> type[Any] | None:
    """Import `module:Class`; None while that module has not been written yet."""
    module_name, _, class_name = path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name is not None and module_name.startswith(error.name):
            return None
        raise
    found = getattr(module, class_name, None)
    return found if isinstance(found, type) else None
