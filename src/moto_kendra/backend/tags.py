"""Tags of Kendra resources: TagResource, UntagResource, ListTagsForResource.

Every taggable resource is tracked by ARN when it is made (``track``) and forgotten
with its tags when it is gone (``forget``, which also forgets the resources under it:
an index's data sources, FAQs, ...). Tags live in moto's ``TaggingService``.

API_Tag.md: keys and values hold Unicode letters, digits, white space and
``_ . : / = + - @``; keys are not case sensitive (``Team`` and ``team`` are one key:
tagging ``Team`` replaces ``team``, untagging either removes it). A resource being
deleted can't be tagged or untagged (ResourceUnavailableException).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..exceptions import ResourceUnavailableException, ValidationException
from .operations import Params, Result, operation

if TYPE_CHECKING:
    from .service import KendraBackend

#: A resource can have at most this many tags (API_TagResource.md).
MAX_TAGS = 200
#: The symbols a tag key or value may hold besides letters, digits and white space.
TAG_SYMBOLS = frozenset("_.:/=+-@")


def _allowed(text: str) -> bool:
    return all(char.isalnum() or char.isspace() or char in TAG_SYMBOLS for char in text)


def check_tags(tags: list[dict[str, str]]) -> None:
    """ValidationException for tags Kendra refuses: characters outside those
    API_Tag.md allows, or two keys that differ only in case."""
    seen: dict[str, str] = {}
    for tag in tags:
        for member in ("Key", "Value"):
            if not _allowed(tag[member]):
                raise ValidationException(
                    f"The tag {member.lower()} {tag[member]!r} holds a character Amazon Kendra "
                    "doesn't allow: tag keys and values hold Unicode letters, digits, white "
                    "space and _ . : / = + - @ only."
                )
        folded = tag["Key"].casefold()
        if folded in seen:
            raise ValidationException(
                f"The tag keys {seen[folded]!r} and {tag['Key']!r} are the same key: tag "
                "keys are not case sensitive and must be unique."
            )
        seen[folded] = tag["Key"]


def track(backend: KendraBackend, arn: str, resource: Any, tags: list[dict[str, str]]) -> None:
    """Make ``resource`` taggable under ``arn``, with the tags it was created with."""
    backend.arns[arn] = resource
    if tags:
        backend.tagger.tag_resource(arn, tags)


def forget(backend: KendraBackend, arn: str) -> None:
    """Forget ``arn`` and every resource ARN under it, with their tags."""
    under = f"{arn}/"
    for known in [key for key in backend.arns if key == arn or key.startswith(under)]:
        del backend.arns[known]
        backend.tagger.delete_all_tags_for_resource(known)


def _resource_arn(backend: KendraBackend, arn: str) -> str:
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "kendra":
        raise ValidationException(
            f"1 validation error detected: Value '{arn}' at 'resourceARN' failed "
            "to satisfy constraint: Member must be a valid Amazon Kendra ARN"
        )
    if arn not in backend.arns:
        # The tag operations' model lists no ResourceNotFoundException.
        raise ResourceUnavailableException(f"The resource {arn} doesn't exist or isn't available.")
    return arn


def _changeable_arn(backend: KendraBackend, arn: str) -> str:
    arn = _resource_arn(backend, arn)
    resource = backend.arns[arn]
    if getattr(resource, "deleting", False) or getattr(
        getattr(resource, "index", None), "deleting", False
    ):
        raise ResourceUnavailableException(
            f"The resource {arn} is being deleted; its tags can't change."
        )
    return arn


def _same_keys(backend: KendraBackend, arn: str, keys: list[str]) -> list[str]:
    """The keys the resource has that are ``keys`` regardless of case."""
    folded = {key.casefold() for key in keys}
    return [
        key for key in backend.tagger.get_tag_dict_for_resource(arn) if key.casefold() in folded
    ]


@operation("TagResource")
def tag_resource(backend: KendraBackend, params: Params) -> Result:
    arn = _changeable_arn(backend, params["ResourceARN"])
    check_tags(params["Tags"])
    replaced = _same_keys(backend, arn, [tag["Key"] for tag in params["Tags"]])
    count = len(backend.tagger.get_tag_dict_for_resource(arn)) - len(replaced) + len(params["Tags"])
    if count > MAX_TAGS:
        raise ValidationException(
            f"A resource can have at most {MAX_TAGS} tags; {arn} would have {count}."
        )
    backend.tagger.untag_resource_using_names(arn, replaced)
    backend.tagger.tag_resource(arn, params["Tags"])
    return {}


@operation("UntagResource")
def untag_resource(backend: KendraBackend, params: Params) -> Result:
    arn = _changeable_arn(backend, params["ResourceARN"])
    backend.tagger.untag_resource_using_names(arn, _same_keys(backend, arn, params["TagKeys"]))
    return {}


@operation("ListTagsForResource")
def list_tags_for_resource(backend: KendraBackend, params: Params) -> Result:
    arn = _resource_arn(backend, params["ResourceARN"])
    return dict(backend.tagger.list_tags_for_resource(arn))
