"""Check sandbox exchanges against Atlassian's own OpenAPI documents (`tests/contracts/`).

    contracts.check(response)            # the fixture `contracts` in tests/conftest.py

`Contracts.check(response)` takes an `httpx.Response` (its `.request` is the request) and
validates the response against the document for its path, with openapi-core:

- `/rest/api/3/...` -> `jira-platform-v3.subset.json` (Cloud), servers replaced by `/`;
- `/rest/api/2/...`, `/rest/api/latest/...` (checked as `2`) and `/rest/auth/1/...` ->
  `jira-dc-10.3-v2.subset.json` (Data Center 10.3), servers replaced by `/rest`;
- `/rest/devinfo/0.10/...` -> `jira-software-devinfo.subset.json` (Jira Software), servers `/`.

`check(response, request=True)` validates the request too (parameters, body; security is not
checked, since the sandbox also takes Bearer tokens and cookies the documents do not list).
A status the document does not list, or a path it lacks, fails the check: pick exchanges the
contract covers. Each document is parsed once per process (about a second for the Cloud one).
`validate_value(spec, schema_name, value)` checks one value against a named component schema.
Nothing here knows the sandbox; it works for any httpx exchange with a Jira-like path.
"""

from __future__ import annotations

import json
import warnings
from functools import cache
from pathlib import Path
from typing import Any, Literal

import httpx
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_schema_validator import OAS30Validator

CONTRACTS = Path(__file__).parent / "contracts"
Spec = Literal["cloud", "dc", "devinfo"]
_FILES: dict[Spec, tuple[str, str]] = {
    "cloud": ("jira-platform-v3.subset.json", "/"),
    "dc": ("jira-dc-10.3-v2.subset.json", "/rest"),
    "devinfo": ("jira-software-devinfo.subset.json", "/"),
}


class ContractError(AssertionError):
    """An exchange the contract does not allow; the message names the path and the problem."""


@cache
def spec_dict(spec: Spec) -> dict[str, Any]:
    name, server = _FILES[spec]
    document: dict[str, Any] = json.loads((CONTRACTS / name).read_text(encoding="utf-8"))
    document["servers"] = [{"url": server}]
    return document


@cache
def openapi(spec: Spec) -> OpenAPI:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Unsupported scheme type" for OAuth2
        return OpenAPI.from_dict(spec_dict(spec))


def spec_for_path(path: str) -> tuple[Spec, str] | None:
    """(which document, the path as that document spells it), or None if neither covers it."""
    if path.startswith("/rest/api/3/"):
        return "cloud", path
    if path.startswith("/rest/api/latest/"):
        return "dc", "/rest/api/2/" + path.removeprefix("/rest/api/latest/")
    if path.startswith(("/rest/api/2/", "/rest/auth/1/")):
        return "dc", path
    if path.startswith("/rest/devinfo/0.10/"):
        return "devinfo", path
    return None


def _content_type(headers: httpx.Headers) -> str:
    return headers.get("content-type", "application/json").split(";")[0].strip()


class Contracts:
    def check(self, response: httpx.Response, *, request: bool = False) -> None:
        sent = response.request
        found = spec_for_path(sent.url.path)
        if found is None:
            raise ContractError(f"no contract covers {sent.url.path}")
        spec, path = found
        mock_request = MockRequest(
            host_url=f"{sent.url.scheme}://{sent.url.netloc.decode()}",
            method=sent.method,
            path=path,
            args=list(sent.url.params.multi_items()),  # type: ignore[arg-type]
            headers=dict(sent.headers),
            data=sent.content or None,
            content_type=_content_type(sent.headers),
        )
        api = openapi(spec)
        try:
            if request:
                result = api.unmarshal_request(mock_request)
                errors = [e for e in result.errors if "security" not in type(e).__name__.lower()]
                if errors:
                    raise errors[0]
            mock_response = MockResponse(
                data=response.content,
                status_code=response.status_code,
                headers=dict(response.headers),
                content_type=_content_type(response.headers),
            )
            api.validate_response(mock_request, mock_response)
        except ContractError:
            raise
        except Exception as exc:
            detail = "; ".join(str(e) for e in getattr(exc, "schema_errors", []) or []) or str(exc)
            raise ContractError(
                f"{sent.method} {sent.url.path} -> {response.status_code} breaks the {spec} contract: "
                f"{type(exc).__name__}: {detail}"
            ) from exc


def validate_value(spec: Spec, schema_name: str, value: Any) -> None:
    """Check `value` against `#/components/schemas/<schema_name>` of a document."""
    document = spec_dict(spec)
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    OAS30Validator(schema).validate(value)
