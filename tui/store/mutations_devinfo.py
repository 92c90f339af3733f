"""Devinfo mutations: store development information, and the three deletes.

Each names the cache keys it invalidates: `devinfo:REPO` for every repository it touches, or
`devinfo` (every repository) for a delete by properties, which may reach any of them. All four
are idempotent — a repeated store carries the same `updateSequenceId`s and changes nothing, and
deleting twice deletes once — so the store may retry them. Every write is asynchronous on the
server (202): the data changes when Jira gets to it, which a later read may not show yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

from msgspec import field

from tui.models.devinfo import (
    ENTITY_TYPES,
    MAX_PROPERTIES,
    MAX_PROPERTY_LENGTH,
    DevInformation,
    EntityType,
    ProviderMetadata,
    Repository,
)
from tui.store.mutations import Mutation

PRODUCT = "jiradash"


def check_properties(properties: Mapping[str, str]) -> None:
    """The API's rules for store properties; raises ValueError naming the first one broken."""
    if len(properties) > MAX_PROPERTIES:
        raise ValueError(f"at most {MAX_PROPERTIES} properties may be given (got {len(properties)})")
    for key, value in properties.items():
        if not key or key.startswith("_") or ":" in key:
            raise ValueError(f"property key {key!r} must be non-empty, not start with '_' and hold no ':'")
        if len(key) > MAX_PROPERTY_LENGTH or len(value) > MAX_PROPERTY_LENGTH:
            raise ValueError(f"property {key[:40]!r}: keys and values are at most {MAX_PROPERTY_LENGTH} characters")


class DevinfoMutation(Mutation, frozen=True, kw_only=True):
    idempotent: ClassVar[bool] = True


class StoreDevinfo(DevinfoMutation, frozen=True, kw_only=True):
    """One store request: the caller keeps it within the API's limits (`devinfo_push` splits)."""

    repositories: tuple[Repository, ...]
    properties: Mapping[str, str] = field(default_factory=dict)
    prevent_transitions: bool = False
    operation_type: Literal["NORMAL", "BACKFILL"] | None = None

    def __post_init__(self) -> None:
        check_properties(self.properties)

    def body(self) -> DevInformation:
        return DevInformation(
            repositories=self.repositories,
            prevent_transitions=self.prevent_transitions or None,
            operation_type=self.operation_type,
            properties=dict(self.properties) or None,
            provider_metadata=ProviderMetadata(product=PRODUCT),
        )

    def invalidates(self) -> frozenset[str]:
        return frozenset(f"devinfo:{r.id}" for r in self.repositories)

    def describe(self) -> str:
        n = sum(r.entity_count for r in self.repositories)
        names = ", ".join(r.name for r in self.repositories[:3])
        return f"development information sent: {n} entit{'y' if n == 1 else 'ies'} ({names})"


class DeleteRepository(DevinfoMutation, frozen=True, kw_only=True):
    repository_id: str
    update_sequence_id: int | None = None  # only data with an id at most this goes

    def invalidates(self) -> frozenset[str]:
        return frozenset({f"devinfo:{self.repository_id}"})

    def describe(self) -> str:
        bound = f" (up to sequence {self.update_sequence_id})" if self.update_sequence_id is not None else ""
        return f"repository {self.repository_id} and all its development information deleted{bound}"


class DeleteEntity(DevinfoMutation, frozen=True, kw_only=True):
    repository_id: str
    entity_type: EntityType
    entity_id: str
    update_sequence_id: int | None = None

    def __post_init__(self) -> None:
        if self.entity_type not in ENTITY_TYPES:
            raise ValueError(f"entity type must be one of {', '.join(ENTITY_TYPES)}")

    def invalidates(self) -> frozenset[str]:
        return frozenset({f"devinfo:{self.repository_id}"})

    def describe(self) -> str:
        return f"{self.entity_type.replace('_', ' ')} {self.entity_id} deleted from {self.repository_id}"


class DeleteByProperties(DevinfoMutation, frozen=True, kw_only=True):
    properties: Mapping[str, str]
    update_sequence_id: int | None = None

    def __post_init__(self) -> None:
        if not self.properties:
            raise ValueError("deleting by properties needs at least one property")

    def invalidates(self) -> frozenset[str]:
        return frozenset({"devinfo"})

    def describe(self) -> str:
        props = ", ".join(f"{k}={v}" for k, v in self.properties.items())
        return f"development information with {props} deleted"
