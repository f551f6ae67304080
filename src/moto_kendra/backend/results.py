"""What Query and Retrieve share: the request's text and pages, the documents a query
matches (filtered, tuned), and how a result shows a document.

A search runs in this order (API_Query.md, filtering.md, tuning.md):

1. the query text is matched by the index's engine (``SearchStore``);
2. the request's AttributeFilter and the text's field searches keep the documents they
   accept, and only documents in the query's language (English, ``en``, unless the
   AttributeFilter names ``_language_code``: searching-example.md);
3. the user context keeps what the user may see (``filter_by_user_context``: the
   request's UserContext, or its AttributeFilter's ``_user_id``/``_group_ids``, judged
   against each document's access control lists as ``user_context`` and
   ``visibility`` say);
4. the index's relevance tuning, with the request's DocumentRelevanceOverrideConfigurations,
   re-orders what is left.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from moto.moto_api._internal import mock_random

from ..exceptions import ConflictException, ValidationException
from ..search import Hit, PreparedQuery, apply_relevance, compile_filter, effective_tunings
from .access_control import effective_acl
from .clock import utcnow
from .indices import Index, find_index
from .search_index import SearchStore, field_types, tuned_fields
from .user_context import principals_for, without_user_filters
from .visibility import allowed

if TYPE_CHECKING:
    from .operations import Params
    from .service import KendraBackend

_T = TypeVar("_T")

#: "Each query returns the 100 most relevant results" (API_Query.md).
MAX_RESULTS = 100
#: "The default page size is 10" (API_Query.md, Retrieve's reference).
DEFAULT_PAGE_SIZE = 10
#: QueryText: "Maximum length of 1000" (API_Query.md).
MAX_QUERY_CHARACTERS = 1000
LANGUAGE = "_language_code"

Attributes = Mapping[str, Mapping[str, Any]]
#: What decides who sees a result: its AccessControlList and
#: HierarchicalAccessControlList (Principal and HierarchicalPrincipal dicts), and the
#: data source it came from (None: put without one, or a FAQ's).
Access = tuple[Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]], "str | None"]


def searchable_index(backend: KendraBackend, index_id: str) -> Index:
    """The index to search (``API_Query.md``: "Searches an active index"): an index
    still CREATING can't be searched yet (ConflictException)."""
    index = find_index(backend, index_id)
    if index.status == "CREATING":
        raise ConflictException(
            f"Index {index.id} is still being created (status CREATING); it can be "
            "searched once it is ACTIVE."
        )
    return index


def query_text(params: Params) -> str | None:
    """The request's QueryText, checked: at most 1,000 characters."""
    text: str | None = params.get("QueryText")
    if text is not None and len(text) > MAX_QUERY_CHARACTERS:
        raise ValidationException(
            f"The QueryText is {len(text)} characters long; a query can be at most "
            f"{MAX_QUERY_CHARACTERS} characters."
        )
    return text


def page_window(params: Params) -> tuple[int, int]:
    """``[start, stop)`` of the results a request's PageNumber and PageSize ask for,
    within the 100 that can be reached (a PageSize over 100 gets 100)."""
    number = params.get("PageNumber")
    size = params.get("PageSize")
    if number is not None and number < 1:
        raise ValidationException(f"PageNumber must be 1 or more; it is {number}.")
    if size is not None and size < 1:
        raise ValidationException(f"PageSize must be 1 or more; it is {size}.")
    size = min(size or DEFAULT_PAGE_SIZE, MAX_RESULTS)
    start = min(((number or 1) - 1) * size, MAX_RESULTS)
    return start, min(start + size, MAX_RESULTS)


def new_query_id() -> str:
    return str(mock_random.uuid4())


def new_result_id(query_id: str) -> str:
    """A result's Id: the query's id and a result's (73 characters, the model's limit)."""
    return f"{query_id}-{mock_random.uuid4()}"


def feedback_token(index: Index, query_id: str, result_id: str) -> str:
    """An opaque token naming one result of one query (submitting-feedback.md), ending
    with the result's id as Kendra's do."""
    digest = hashlib.sha256(f"{index.id}.{query_id}.{result_id}".encode()).digest()
    return "AYAD" + base64.urlsafe_b64encode(digest).decode().rstrip("=") + "." + result_id


def names_language(attribute_filter: Mapping[str, Any] | None) -> bool:
    """Whether an AttributeFilter compares ``_language_code`` anywhere."""
    if not attribute_filter:
        return False
    for member, value in attribute_filter.items():
        if member in ("AndAllFilters", "OrAllFilters"):
            if any(names_language(inner) for inner in value):
                return True
        elif member == "NotFilter":
            if names_language(value):
                return True
        elif isinstance(value, Mapping) and value.get("Key") == LANGUAGE:
            return True
    return False


def attribute_predicate(
    params: Params, prepared: PreparedQuery, types: Mapping[str, str]
) -> tuple[Callable[[Attributes, str], bool] | None, bool]:
    """A predicate over (attributes, language) for the request's AttributeFilter and
    the text's field searches (None: keep all), and whether it names the language.
    Its ``_user_id``/``_group_ids`` comparisons name the user (``user_context``), they
    filter nothing here."""
    requested, _ = without_user_filters(params.get("AttributeFilter"))
    parts = []
    if requested:
        parts.append(compile_filter(requested, types))
    if prepared.parsed.attribute_filter:
        parts.append(compile_filter(prepared.parsed.attribute_filter, types, limits=False))
    language = names_language(requested) or names_language(prepared.parsed.attribute_filter)
    if not parts:
        return None, language

    def accepts(attributes: Attributes, code: str) -> bool:
        if language and LANGUAGE not in attributes:
            attributes = {**attributes, LANGUAGE: {"StringValue": code}}
        return all(part(attributes) for part in parts)

    return accepts, language


def filter_by_user_context(
    index: Index,
    params: Params,
    items: list[_T],
    access_of: Callable[[_T], Access],
) -> list[_T]:
    """The results the request's user may see: where access control filters a search.

    Keeps, of ``items`` (documents' hits or FAQ answers, best first), those whose access
    control lists (``access_of(item)``) let the user of the request see them: the user
    of ``params["UserContext"]`` (UserId, Groups, DataSourceGroups, or a Token read as
    the index's UserTokenConfigurations say) or of ``params["AttributeFilter"]``'s
    ``_user_id``/``_group_ids``, under the index's
    UserContextPolicy (``user_context.principals_for``), by the rule of
    ``visibility.allowed``. A request naming no user under ATTRIBUTE_FILTER keeps all.
    """
    principals = principals_for(index, params.get("UserContext"), params.get("AttributeFilter"))
    if principals is None:
        return items
    kept = []
    for item in items:
        acl, hierarchical_acl, data_source_id = access_of(item)
        if allowed(acl, hierarchical_acl, principals, data_source_id):
            kept.append(item)
    return kept


def document_access(index: Index, store: SearchStore, document_id: str) -> Access:
    """A searchable document's access control lists now (its access control
    configuration's when it names one) and its data source."""
    version = store.versions[document_id]
    acl, hierarchical_acl = effective_acl(index, version.content)
    return acl, hierarchical_acl, version.data_source_id


def tunings_for(index: Index, params: Params, types: Mapping[str, str]) -> list[Any]:
    """The relevance tuning a search runs with (the index's, with the request's
    DocumentRelevanceOverrideConfigurations applied)."""
    overrides = params.get("DocumentRelevanceOverrideConfigurations") or []
    for override in overrides:
        if override["Name"] not in types:
            raise ValidationException(
                f"DocumentRelevanceOverrideConfigurations names the field "
                f"{override['Name']}, which is not a field of index {index.id}."
            )
    return effective_tunings(tuned_fields(index), overrides)


def match_documents(
    index: Index, store: SearchStore, params: Params, text: str | None
) -> tuple[PreparedQuery, list[Hit]]:
    """The query made concrete for the index, and the documents it matches (see the
    module doc), best first."""
    types = field_types(index)
    prepared = store.engine.prepare(text, types)
    accepts, language = attribute_predicate(params, prepared, types)
    tunings = tunings_for(index, params, types)
    hits = store.engine.search(prepared)
    languages = store.languages
    if accepts is not None:
        hits = [
            hit
            for hit in hits
            if (language or hit.document_id not in languages)
            and accepts(store.attributes(hit.document_id), store.language(hit.document_id))
        ]
    elif languages:
        hits = [hit for hit in hits if hit.document_id not in languages]
    hits = filter_by_user_context(
        index, params, hits, lambda hit: document_access(index, store, hit.document_id)
    )
    if tunings:
        hits = apply_relevance(
            hits, store.attributes, tunings, matcher=prepared.matcher, now=utcnow()
        )
    return prepared, hits


def shown_attributes(
    attributes: Attributes, displayable: frozenset[str], params: Params
) -> list[dict[str, Any]]:
    """A result's DocumentAttributes: the displayable ones (API_Search.md), of those
    RequestedDocumentAttributes names when it is given."""
    requested = params.get("RequestedDocumentAttributes")
    wanted = displayable if requested is None else displayable.intersection(requested)
    return [
        {"Key": name, "Value": dict(value)}
        for name, value in attributes.items()
        if name in wanted and value
    ]
