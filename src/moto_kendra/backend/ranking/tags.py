"""Tags of Kendra Intelligent Ranking resources: TagResource, UntagResource,
ListTagsForResource (``kendra-ranking``), with the rules of Kendra's tags.

A rescore execution plan is tracked by ARN when it is made (``track``) and forgotten
with its tags when it is gone (``forget``). Tags live in moto's ``TaggingService``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...exceptions import ResourceUnavailableException, ValidationException
from ...spec.service import KENDRA_RANKING
from ..operations import Params, Result, operation
from ..tags import MAX_TAGS

if TYPE_CHECKING:
    from .service import KendraRankingBackend


def track(
    backend: KendraRankingBackend, arn: str, resource: Any, tags: list[dict[str, str]]
) -> None:
    """Make ``resource`` taggable under ``arn``, with the tags it was created with."""
    backend.arns[arn] = resource
    if tags:
        backend.tagger.tag_resource(arn, tags)


def forget(backend: KendraRankingBackend, arn: str) -> None:
    """Forget ``arn`` and its tags."""
    backend.arns.pop(arn, None)
    backend.tagger.delete_all_tags_for_resource(arn)


def _resource_arn(backend: KendraRankingBackend, arn: str) -> str:
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != KENDRA_RANKING:
        raise ValidationException(
            f"1 validation error detected: Value '{arn}' at 'resourceARN' failed to "
            "satisfy constraint: Member must be a valid Amazon Kendra Intelligent Ranking ARN"
        )
    if arn not in backend.arns:
        # The tag operations' model lists no ResourceNotFoundException.
        raise ResourceUnavailableException(f"The resource {arn} doesn't exist or isn't available.")
    return arn


@operation("TagResource", service=KENDRA_RANKING)
def tag_resource(backend: KendraRankingBackend, params: Params) -> Result:
    arn = _resource_arn(backend, params["ResourceARN"])
    tags = {**backend.tagger.get_tag_dict_for_resource(arn)}
    tags.update({tag["Key"]: tag["Value"] for tag in params["Tags"]})
    if len(tags) > MAX_TAGS:
        raise ValidationException(
            f"A resource can have at most {MAX_TAGS} tags; {arn} would have {len(tags)}."
        )
    backend.tagger.tag_resource(arn, params["Tags"])
    return {}


@operation("UntagResource", service=KENDRA_RANKING)
def untag_resource(backend: KendraRankingBackend, params: Params) -> Result:
    arn = _resource_arn(backend, params["ResourceARN"])
    backend.tagger.untag_resource_using_names(arn, params["TagKeys"])
    return {}


@operation("ListTagsForResource", service=KENDRA_RANKING)
def list_tags_for_resource(backend: KendraRankingBackend, params: Params) -> Result:
    arn = _resource_arn(backend, params["ResourceARN"])
    return dict(backend.tagger.list_tags_for_resource(arn))
