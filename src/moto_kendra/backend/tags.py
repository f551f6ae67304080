"""Tags of Kendra resources: TagResource, UntagResource, ListTagsForResource.

Every taggable resource is tracked by ARN when it is made (``track``) and forgotten
with its tags when it is deleted (``forget``, which also forgets the resources under
it: an index's data sources, FAQs, ...). Tags live in moto's ``TaggingService``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..exceptions import ResourceUnavailableException, ValidationException
from .operations import Params, Result, operation

if TYPE_CHECKING:
    from .service import KendraBackend

#: A resource can have at most this many tags (API_TagResource.md).
MAX_TAGS = 200


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


@operation("TagResource")
def tag_resource(backend: KendraBackend, params: Params) -> Result:
    arn = _resource_arn(backend, params["ResourceARN"])
    tags = {**backend.tagger.get_tag_dict_for_resource(arn)}
    tags.update({tag["Key"]: tag["Value"] for tag in params["Tags"]})
    if len(tags) > MAX_TAGS:
        raise ValidationException(
            f"A resource can have at most {MAX_TAGS} tags; {arn} would have {len(tags)}."
        )
    backend.tagger.tag_resource(arn, params["Tags"])
    return {}


@operation("UntagResource")
def untag_resource(backend: KendraBackend, params: Params) -> Result:
    arn = _resource_arn(backend, params["ResourceARN"])
    backend.tagger.untag_resource_using_names(arn, params["TagKeys"])
    return {}


@operation("ListTagsForResource")
def list_tags_for_resource(backend: KendraBackend, params: Params) -> Result:
    arn = _resource_arn(backend, params["ResourceARN"])
    return dict(backend.tagger.list_tags_for_resource(arn))
