"""The services a Store carries beside Jira's: Skills for Jira and development information.

Each is attached on first use: whoever builds the Store (`build.py` from a profile, `tui.demo`)
gives a setup function, and the first read of `store.skills` or `store.devinfo` runs it. A
command or screen that never asks for them never imports them (the devinfo service's OAuth and
JWT pull in PyJWT and `cryptography`), and the demo builds its sandbox only when one is needed.
Assigning a service directly (tests, the demo with a built sandbox) drops its pending setup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from tui.store.devinfo import DevinfoService
    from tui.store.skills import SkillsService
    from tui.store.store import Store

Setup = Callable[["Store"], None]


class AttachedServices:
    """Mixed into `Store`: the attached services, their setups, and closing what was made."""

    # Set `skills_setup` / `devinfo_setup` to a function that assigns `store.skills` /
    # `store.devinfo` and `store.devinfo_repositories` (the repository ids the profile knows:
    # the API cannot list them); it runs once, on the first read.
    skills_setup: Setup | None
    devinfo_setup: Setup | None
    _skills: SkillsService | None
    _devinfo: DevinfoService | None
    _devinfo_repositories: list[str]

    def _init_attached(self) -> None:
        self.skills_setup = None
        self.devinfo_setup = None
        self._skills = None
        self._devinfo = None
        self._devinfo_repositories = []

    @property
    def skills(self) -> SkillsService | None:
        """Skills for Jira, when configured; None otherwise (the Skills screen says so)."""
        setup, self.skills_setup = self.skills_setup, None
        if setup is not None:
            setup(cast("Store", self))
        return self._skills

    @skills.setter
    def skills(self, service: SkillsService | None) -> None:
        self.skills_setup = None
        self._skills = service

    @property
    def devinfo(self) -> DevinfoService | None:
        self._set_up_devinfo()
        return self._devinfo

    @devinfo.setter
    def devinfo(self, service: DevinfoService | None) -> None:
        self.devinfo_setup = None
        self._devinfo = service

    @property
    def devinfo_repositories(self) -> list[str]:
        self._set_up_devinfo()
        return self._devinfo_repositories

    @devinfo_repositories.setter
    def devinfo_repositories(self, ids: list[str]) -> None:
        self._devinfo_repositories = ids

    def _set_up_devinfo(self) -> None:
        setup, self.devinfo_setup = self.devinfo_setup, None
        if setup is not None:
            setup(cast("Store", self))

    async def _close_attached(self) -> None:
        """Close the services that were made; never makes one just to close it."""
        if self._skills is not None:
            await self._skills.aclose()
        if self._devinfo is not None:
            await self._devinfo.aclose()
