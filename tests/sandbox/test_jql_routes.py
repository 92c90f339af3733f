"""`jql/autocompletedata`, its `suggestions` and `jql/parse` over the in-process sandbox, each
answer checked against the Cloud v3 OpenAPI subset."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest
from contract_helpers import Contracts, validate_value

from tui.sandbox.app import Sandbox


def check_clause(clause: dict[str, Any]) -> None:
    if "clauses" in clause:
        validate_value("cloud", "CompoundClause", {**clause, "clauses": []})
        for inner in clause["clauses"]:
            check_clause(inner)
    else:
        validate_value("cloud", "FieldValueClause", clause)


def check_parsed(response: httpx.Response) -> None:
    """Validate a `jql/parse` answer. The subset's `JqlQueryClause` puts `additionalProperties:
    false` beside its `anyOf`, which in OpenAPI 3.0 forbids every property, so no clause Jira
    sends could pass; the envelope is checked without `where`, and each clause against the
    concrete schema it is (`CompoundClause`, `FieldValueClause`)."""
    body = copy.deepcopy(response.json())
    clauses = [
        q["structure"].pop("where") for q in body["queries"] if "where" in q.get("structure", {})
    ]
    validate_value("cloud", "ParsedJqlQueries", body)
    for clause in clauses:
        check_clause(clause)


async def test_reference_data_lists_fields_functions_and_reserved_words(
    alice_client: httpx.AsyncClient, contracts: Contracts
) -> None:
    response = await alice_client.get("/rest/api/3/jql/autocompletedata")
    assert response.status_code == 200
    contracts.check(response, request=True)
    body = response.json()
    fields = {f["value"]: f for f in body["visibleFieldNames"]}
    assert {"project", "status", "assignee", "created", "text", "due", "type"} <= set(fields)
    assert fields["summary"]["operators"] == ["~", "!~", "is", "is not"]
    assert fields["text"]["orderable"] == "false"
    assert fields["priority"]["types"] == ["com.atlassian.jira.issue.priority.Priority"]
    functions = {f["value"]: f for f in body["visibleFunctionNames"]}
    assert {"currentUser()", "now()", "startOfDay()", "endOfMonth()", "membersOf()"} <= set(
        functions
    )
    assert functions["membersOf()"]["isList"] == "true"
    assert {"and", "or", "empty", "order"} <= set(body["jqlReservedWords"])


async def test_reference_data_by_post_and_on_v2(
    alice_client: httpx.AsyncClient, contracts: Contracts
) -> None:
    response = await alice_client.post(
        "/rest/api/3/jql/autocompletedata",
        json={"projectIds": [10000], "includeCollapsedFields": True},
    )
    assert response.status_code == 200
    contracts.check(response, request=True)
    v2 = await alice_client.get("/rest/api/2/jql/autocompletedata")
    assert v2.status_code == 200 and v2.json() == response.json()
    bad = await alice_client.post("/rest/api/3/jql/autocompletedata", json={"projectIds": "x"})
    assert bad.status_code == 400 and bad.json()["errorMessages"]
    legacy = await alice_client.get("/rest/api/2.0.alpha1/jql/autocompletedata")
    assert legacy.status_code == 404


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("status", "", {"To Do", "In Progress", "In Review", "Done"}),
        ("status", "prog", {"In Progress"}),
        ("priority", "HIGH", {"Highest", "High"}),
        ("statusCategory", "", {"No Category", "To Do", "In Progress", "Done"}),
        ("type", "task", {"Task", "Sub-task"}),
        ("nonsense", "", set()),
        ("summary", "", set()),
    ],
)
async def test_suggestions_from_the_world(
    alice_client: httpx.AsyncClient,
    contracts: Contracts,
    field: str,
    typed: str,
    expected: set[str],
) -> None:
    params = {"fieldName": field, **({"fieldValue": typed} if typed else {})}
    response = await alice_client.get("/rest/api/3/jql/autocompletedata/suggestions", params=params)
    assert response.status_code == 200
    contracts.check(response, request=True)
    assert {r["value"] for r in response.json()["results"]} == expected


async def test_project_user_label_component_and_version_suggestions(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    world = sandbox.world
    project = next(iter(world.projects.values()))
    response = await alice_client.get(
        "/rest/api/3/jql/autocompletedata/suggestions",
        params={"fieldName": "project", "fieldValue": f"({project.key}"},
    )
    contracts.check(response)
    assert response.json()["results"] == [
        {"value": project.name, "displayName": f"{project.name} <b>({project.key}</b>)"}
    ]
    alice = next(u for u in world.users.values() if u.name == "alice")
    users = await alice_client.get(
        "/rest/api/3/jql/autocompletedata/suggestions",
        params={"fieldName": "assignee", "fieldValue": "alice"},
    )
    contracts.check(users)
    assert alice.account_id in {r["value"] for r in users.json()["results"]}
    v2_users = await alice_client.get(
        "/rest/api/2/jql/autocompletedata/suggestions",
        params={"fieldName": "reporter", "fieldValue": "alice"},
    )
    assert "alice" in {r["value"] for r in v2_users.json()["results"]}
    label = next(label for issue in world.issues.values() for label in issue.labels)
    labels = await alice_client.get(
        "/rest/api/3/jql/autocompletedata/suggestions",
        params={"fieldName": "labels", "fieldValue": label},
    )
    assert label in {r["value"] for r in labels.json()["results"]}
    component = project.components[0].name
    components = await alice_client.get(
        "/rest/api/3/jql/autocompletedata/suggestions", params={"fieldName": "component"}
    )
    assert component in {r["value"] for r in components.json()["results"]}
    assert len(components.json()["results"]) <= 15
    versions = await alice_client.get(
        "/rest/api/3/jql/autocompletedata/suggestions", params={"fieldName": "fixVersion"}
    )
    assert versions.json()["results"]
    by = await alice_client.get(
        "/rest/api/3/jql/autocompletedata/suggestions",
        params={"fieldName": "status", "predicateName": "by", "predicateValue": "bob"},
    )
    assert by.status_code == 200 and by.json()["results"]


async def test_suggestions_escape_html_in_names(
    alice_client: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    issue = next(iter(sandbox.world.issues.values()))
    issue.labels.append("<script>")
    sandbox.world.version += 1
    response = await alice_client.get(
        "/rest/api/3/jql/autocompletedata/suggestions",
        params={"fieldName": "labels", "fieldValue": "scr"},
    )
    assert {"value": "<script>", "displayName": "&lt;<b>scr</b>ipt&gt;"} in response.json()[
        "results"
    ]


async def test_parse_reports_structure_errors_and_warnings(
    alice_client: httpx.AsyncClient, contracts: Contracts
) -> None:
    queries = [
        "summary ~ test AND (labels in (urgent, blocker) OR assignee = currentUser()) ORDER BY updated DESC",
        "invalid query",
        "summary = test",
        "summary in test",
        "project = INVALID",
        "universe = 42",
        "NOT status = Done",
        "duedate IS EMPTY",
        'created > startOfDay("-1d")',
    ]
    response = await alice_client.post("/rest/api/3/jql/parse", json={"queries": queries})
    assert response.status_code == 200
    check_parsed(response)
    parsed = response.json()["queries"]
    assert [p["query"] for p in parsed] == queries
    first = parsed[0]["structure"]
    assert first["orderBy"] == {
        "fields": [{"field": {"name": "updated", "encodedName": "updated"}, "direction": "desc"}]
    }
    assert first["where"]["operator"] == "and"
    summary, nested = first["where"]["clauses"]
    assert summary == {
        "field": {"name": "summary", "encodedName": "summary"},
        "operator": "~",
        "operand": {"value": "test", "encodedValue": "test"},
    }
    labels, assignee = nested["clauses"]
    assert nested["operator"] == "or"
    assert labels["operand"] == {
        "values": [
            {"value": "urgent", "encodedValue": "urgent"},
            {"value": "blocker", "encodedValue": "blocker"},
        ],
        "encodedOperand": "(urgent, blocker)",
    }
    assert assignee["operand"] == {
        "function": "currentUser",
        "arguments": [],
        "encodedOperand": "currentUser()",
    }
    assert parsed[1] == {
        "query": "invalid query",
        "errors": [
            "Error in the JQL Query: Expecting operator but got 'query'. The valid operators are '=', '!=', "
            "'<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)"
        ],
    }
    assert parsed[2] == {
        "query": "summary = test",
        "errors": ["The operator '=' is not supported by the 'summary' field."],
    }
    assert parsed[3]["errors"] == [
        "Operator 'in' does not support the non-list value '\"test\"' for field 'summary'."
    ]
    assert parsed[4] == {
        "query": "project = INVALID",
        "structure": {
            "where": {
                "field": {"name": "project", "encodedName": "project"},
                "operator": "=",
                "operand": {"value": "INVALID", "encodedValue": "INVALID"},
            }
        },
        "warnings": ["The value 'INVALID' does not exist for the field 'project'."],
    }
    assert parsed[5]["errors"] == [
        "Field 'universe' does not exist or you do not have permission to view it."
    ]
    assert parsed[6]["structure"]["where"]["operator"] == "not"
    assert parsed[7]["structure"]["where"]["operand"] == {"keyword": "empty"}
    assert parsed[8]["structure"]["where"]["operand"]["arguments"] == ["-1d"]


async def test_parse_validation_modes(
    alice_client: httpx.AsyncClient, contracts: Contracts
) -> None:
    queries = ["summary = test", "project = INVALID"]
    warn = await alice_client.post(
        "/rest/api/3/jql/parse", params={"validation": "warn"}, json={"queries": queries}
    )
    check_parsed(warn)
    first, second = warn.json()["queries"]
    assert first["errors"] and "structure" in first
    assert second["warnings"] and "structure" in second
    none = await alice_client.post(
        "/rest/api/3/jql/parse", params={"validation": "none"}, json={"queries": queries}
    )
    check_parsed(none)
    assert all(set(q) == {"query", "structure"} for q in none.json()["queries"])


@pytest.mark.parametrize(
    "body",
    [{}, {"queries": []}, {"queries": "project = A"}, {"queries": [""]}, {"queries": [1]}, ["x"]],
)
async def test_parse_refuses_bad_bodies(
    alice_client: httpx.AsyncClient, contracts: Contracts, body: object
) -> None:
    response = await alice_client.post("/rest/api/3/jql/parse", json=body)
    assert response.status_code == 400
    contracts.check(response)
    assert response.json()["errorMessages"]


async def test_parse_refuses_an_unknown_validation(alice_client: httpx.AsyncClient) -> None:
    response = await alice_client.post(
        "/rest/api/3/jql/parse", params={"validation": "loose"}, json={"queries": ["a = b"]}
    )
    assert response.status_code == 400
