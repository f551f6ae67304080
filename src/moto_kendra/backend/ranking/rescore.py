"""Rescore: the request's documents scored against its SearchQuery, best first.

The limits are the documented ones (quotas.md, API_Ranking_Document.md): at most 25
documents, at most 3 per GroupId, at most 100 tokens in a title and 200 in a body (a
Title or Body counts its whitespace-separated words; a TokenizedTitle or TokenizedBody
its items), a body as Body or TokenizedBody but not both, a title as Title or
TokenizedTitle but not both. Documents of one GroupId are "processed as one document":
they are scored as one text and each of them reports the group's score.

Scores come from ``scoring.score`` (lexical BM25 over the request's documents).
ResultItems are in descending order of Score; ties keep the search service's order:
higher OriginalScore first, then the order of the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.moto_api._internal import mock_random

from ...exceptions import ConflictException, ValidationException
from ...spec.service import KENDRA_RANKING
from ..operations import Params, Result, operation
from .plans import find_plan
from .scoring import score

if TYPE_CHECKING:
    from .service import KendraRankingBackend

#: Documents in one Rescore request (quotas.md).
MAX_DOCUMENTS = 25
#: Documents sharing one GroupId in a request (quotas.md).
MAX_GROUP_DOCUMENTS = 3
#: Tokens in a document's title and body (quotas.md).
MAX_TITLE_TOKENS = 100
MAX_BODY_TOKENS = 200
#: The statuses a plan serves Rescore in: it is provisioned, or being re-provisioned.
SERVING = frozenset({"ACTIVE", "UPDATING"})


def _text(document: dict[str, Any], plain: str, tokenized: str, limit: int, where: str) -> str:
    """The document's title or body as text, checking the documented rules."""
    if plain in document and tokenized in document:
        raise ValidationException(
            f"Document {document['Id']!r} has both {plain} and {tokenized}: provide one of them."
        )
    if tokenized in document:
        tokens: list[str] = document[tokenized]
    else:
        tokens = str(document.get(plain, "")).split()
    if len(tokens) > limit:
        raise ValidationException(
            f"The {where} of document {document['Id']!r} has {len(tokens)} tokens; a "
            f"document's {where} can have at most {limit}."
        )
    return " ".join(tokens)


def _check_documents(documents: list[dict[str, Any]]) -> None:
    if len(documents) > MAX_DOCUMENTS:
        raise ValidationException(
            f"A Rescore request can have at most {MAX_DOCUMENTS} documents, not {len(documents)}."
        )
    seen: set[str] = set()
    groups: dict[str, int] = {}
    for document in documents:
        if document["Id"] in seen:
            raise ValidationException(
                f"Document Id {document['Id']!r} appears more than once in the request."
            )
        seen.add(document["Id"])
        if "Body" not in document and "TokenizedBody" not in document:
            raise ValidationException(
                f"Document {document['Id']!r} has no Body or TokenizedBody: provide one of them."
            )
        group = document.get("GroupId")
        if group is not None:
            groups[group] = groups.get(group, 0) + 1
            if groups[group] > MAX_GROUP_DOCUMENTS:
                raise ValidationException(
                    f"GroupId {group!r} has more than {MAX_GROUP_DOCUMENTS} documents in "
                    "the request."
                )


@operation("Rescore", service=KENDRA_RANKING)
def rescore(backend: KendraRankingBackend, params: Params) -> Result:
    plan = find_plan(backend, params["RescoreExecutionPlanId"])
    status = plan.status
    if status not in SERVING:
        raise ConflictException(
            f"Rescore execution plan {plan.id} is {status}: it serves Rescore when ACTIVE."
        )
    documents: list[dict[str, Any]] = params["Documents"]
    _check_documents(documents)
    # One scored unit per GroupId (its documents' texts together), one per other document.
    units: dict[Any, list[str]] = {}
    unit_of: list[Any] = []
    for position, document in enumerate(documents):
        title = _text(document, "Title", "TokenizedTitle", MAX_TITLE_TOKENS, "title")
        body = _text(document, "Body", "TokenizedBody", MAX_BODY_TOKENS, "body")
        key = ("group", document["GroupId"]) if "GroupId" in document else ("doc", position)
        units.setdefault(key, []).append(f"{title}\n{body}")
        unit_of.append(key)
    keys = list(units)
    scores = dict(zip(keys, score(params["SearchQuery"], ["\n".join(units[k]) for k in keys])))
    order = sorted(
        range(len(documents)),
        key=lambda i: (-scores[unit_of[i]], -documents[i]["OriginalScore"], i),
    )
    return {
        "RescoreId": str(mock_random.uuid4()),
        "ResultItems": [
            {"DocumentId": documents[i]["Id"], "Score": scores[unit_of[i]]} for i in order
        ],
    }
