"""The files an S3 data source reads beside its documents, which are never documents.

- Metadata files (s3-metadata.md): ``<key>.metadata.json`` next to the document, or
  ``<S3Prefix>/<key>.metadata.json`` with ``DocumentsMetadataConfiguration.S3Prefix``.
  A UTF-8 JSON object (no BOM) with DocumentId, Title, ContentType, Attributes,
  AccessControlList and AccessControlConfigurationId, all optional.
- The access control list file (s3-acl.md), ``AccessControlListConfiguration.KeyPath``
  as ``s3://<bucket>/<key>`` or as a key of the data source's bucket: a JSON list of
  ``{"keyPrefix": ..., "aclEntries": [Principal, ...]}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..spec.checks import shape_violations
from ..spec.service import service_model

METADATA_SUFFIX = ".metadata.json"
_METADATA_MEMBERS = (
    "DocumentId",
    "Title",
    "ContentType",
    "Attributes",
    "AccessControlList",
    "AccessControlConfigurationId",
)


def _metadata_prefix(configuration: dict[str, Any]) -> str | None:
    prefix = (configuration.get("DocumentsMetadataConfiguration") or {}).get("S3Prefix")
    return str(prefix) if prefix else None


def metadata_key(configuration: dict[str, Any], key: str) -> str:
    """The key of the metadata file of the document ``key``."""
    prefix = _metadata_prefix(configuration)
    if prefix is None:
        return key + METADATA_SUFFIX
    return f"{prefix.rstrip('/')}/{key}{METADATA_SUFFIX}"


def is_metadata_file(configuration: dict[str, Any], key: str) -> bool:
    """Whether ``key`` is a metadata file (under S3Prefix, or named ``*.metadata.json``)."""
    prefix = _metadata_prefix(configuration)
    return key.endswith(METADATA_SUFFIX) or (prefix is not None and key.startswith(prefix))


def acl_file(configuration: dict[str, Any]) -> tuple[str, str] | None:
    """(bucket, key) of the access control list file, if the data source names one."""
    path = (configuration.get("AccessControlListConfiguration") or {}).get("KeyPath")
    if not path:
        return None
    if path.startswith("s3://"):
        bucket, _, key = path[len("s3://") :].partition("/")
        return bucket, key
    return str(configuration["BucketName"]), path.lstrip("/")


@dataclass(frozen=True)
class DocumentMetadata:
    """What a metadata file says about its document."""

    document_id: str | None = None
    title: str | None = None
    content_type: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    access_control_list: list[dict[str, Any]] = field(default_factory=list)
    access_control_configuration_id: str | None = None


def read_json_file(body: bytes) -> Any:
    """The JSON of a file read from S3 (UTF-8 without a byte order mark), or ValueError
    saying why it isn't JSON: metadata, ACL and group members files."""
    if body.startswith(b"\xef\xbb\xbf"):
        raise ValueError("The file starts with a byte order mark; it must be UTF-8 without one.")
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("The file is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"The file is not valid JSON: {error}.") from None
    except RecursionError:
        raise ValueError("The file is not valid JSON: it is nested too deeply.") from None


def _principal_problems(entries: Any, where: str) -> list[str]:
    if not isinstance(entries, list):
        return [f"{where} must be a list of principals."]
    shape = service_model().shape_for("Principal")
    problems = []
    for number, entry in enumerate(entries, 1):
        problems += [f"{where}[{number}]: {problem}" for problem in shape_violations(shape, entry)]
    return problems


def parse_metadata(body: bytes) -> DocumentMetadata:
    """A metadata file's content, or ValueError saying why the file is invalid."""
    data = read_json_file(body)
    if not isinstance(data, dict):
        raise ValueError("The file must hold a JSON object.")
    unknown = sorted(set(data) - set(_METADATA_MEMBERS))
    if unknown:
        raise ValueError(
            f"Unknown member {', '.join(unknown)}; a metadata file may hold "
            f"{', '.join(_METADATA_MEMBERS)}."
        )
    problems: list[str] = []
    for member in ("DocumentId", "Title"):
        value = data.get(member)
        if value is not None and (not isinstance(value, str) or not value):
            problems.append(f"{member} must be a non-empty string.")
    document_id = data.get("DocumentId")
    if isinstance(document_id, str) and len(document_id) > 2048:
        problems.append("DocumentId must be at most 2048 characters.")
    if data.get("ContentType") is not None:
        content_types = service_model().shape_for("ContentType").enum
        if data["ContentType"] not in content_types:
            problems.append(
                f"ContentType {data['ContentType']!r} is not one of {', '.join(content_types)}."
            )
    if not isinstance(data.get("Attributes", {}), dict):
        problems.append("Attributes must be a JSON object.")
    if "AccessControlList" in data:
        problems += _principal_problems(data["AccessControlList"], "AccessControlList")
    configuration_id = data.get("AccessControlConfigurationId")
    if configuration_id is not None:
        shape = service_model().shape_for("AccessControlConfigurationId")
        problems += [
            f"AccessControlConfigurationId: {problem}"
            for problem in shape_violations(shape, configuration_id)
        ]
    if problems:
        raise ValueError(" ".join(problems))
    return DocumentMetadata(
        document_id=document_id,
        title=data.get("Title"),
        content_type=data.get("ContentType"),
        attributes=dict(data.get("Attributes") or {}),
        access_control_list=list(data.get("AccessControlList") or []),
        access_control_configuration_id=configuration_id,
    )


@dataclass(frozen=True)
class AclRule:
    """One entry of an ACL file: the principals of the documents under ``key_prefix``
    (an ``s3://<bucket>/<prefix>`` URI)."""

    key_prefix: str
    principals: list[dict[str, Any]]


def parse_acl_file(body: bytes, bucket: str) -> list[AclRule]:
    """An ACL file's rules, or ValueError saying why the file is invalid. A keyPrefix
    without ``s3://`` is a key prefix in ``bucket`` (the data source's)."""
    data = read_json_file(body)
    if not isinstance(data, list):
        raise ValueError("The file must hold a JSON list of keyPrefix/aclEntries objects.")
    rules: list[AclRule] = []
    problems: list[str] = []
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or set(entry) != {"keyPrefix", "aclEntries"}:
            problems.append(f"Entry {number} must have exactly keyPrefix and aclEntries.")
            continue
        prefix = entry["keyPrefix"]
        if not isinstance(prefix, str) or not prefix:
            problems.append(f"Entry {number}: keyPrefix must be a non-empty string.")
            continue
        entry_problems = _principal_problems(entry["aclEntries"], f"Entry {number} aclEntries")
        if entry_problems:
            problems += entry_problems
            continue
        if not prefix.startswith("s3://"):
            prefix = f"s3://{bucket}/{prefix.lstrip('/')}"
        rules.append(AclRule(prefix, list(entry["aclEntries"])))
    if problems:
        raise ValueError(" ".join(problems))
    return rules


def acl_for(rules: list[AclRule], uri: str) -> list[dict[str, Any]]:
    """The principals for the object at ``uri``: the rule of the longest keyPrefix it
    starts with (the most specific), or none."""
    matching = [rule for rule in rules if uri.startswith(rule.key_prefix)]
    if not matching:
        return []
    return max(matching, key=lambda rule: len(rule.key_prefix)).principals
