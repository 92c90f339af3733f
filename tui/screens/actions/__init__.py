"""The action modals: transition, assign, comment, log work, link, edit, create, add labels.

Every one takes one issue key or several and dismisses with the list of mutations to run (one
per issue) or None when cancelled; the caller dispatches them (see `base.ActionModal`). The
search screen loads them by name from this package for its bulk actions and `n`.
"""

from __future__ import annotations

from tui.screens.actions.assign import AssignModal
from tui.screens.actions.comment import CommentModal
from tui.screens.actions.confirm import ConfirmModal
from tui.screens.actions.create import CreateIssueModal
from tui.screens.actions.edit import EditModal
from tui.screens.actions.labels import LabelModal
from tui.screens.actions.link import LinkModal
from tui.screens.actions.picker import PickerScreen
from tui.screens.actions.transition import TransitionModal
from tui.screens.actions.worklog import WorklogModal

__all__ = [
    "AssignModal",
    "CommentModal",
    "ConfirmModal",
    "CreateIssueModal",
    "EditModal",
    "LabelModal",
    "LinkModal",
    "PickerScreen",
    "TransitionModal",
    "WorklogModal",
]
