"""CreateThesaurus, DescribeThesaurus, ListThesauri, UpdateThesaurus and DeleteThesaurus
through boto3, with the thesaurus file in moto's S3; and the synonyms they give search."""

from __future__ import annotations

import uuid

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.thesauri import synonyms, synonyms_version
from moto_kendra.search import SearchIndex, excerpt
from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of

BUCKET = "thesauri"

#: The example of index-synonyms-creating-thesaurus-file.md: 6 rules and 18 terms.
GUIDE_EXAMPLE = b"""# Lines starting with pound are comments and blank lines are ignored.

# Unidirection relationships are represented by any term sequence
CodeStar => AWS CodeStar
# This will map CodeStar to AWS CodeStar, but not vice-versa

autoscaling group, ASG => Auto Scaling group, autoscaling

# Bi-directional synonyms are comma separated terms with no "=>"
DNS, Route53, Route 53

# Overlapping LHS terms will be merged
Beta => Alpha
Beta => Gamma
Beta, Delta
"""


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


def put_file(s3, body: bytes, key: str = "synonyms.txt") -> dict:
    s3.put_object(Bucket=BUCKET, Key=key, Body=body)
    return {"Bucket": BUCKET, "Key": key}


def create(kendra_client, index_id: str, path: dict, **extra) -> str:
    return kendra_client.create_thesaurus(
        IndexId=index_id, Name="synonyms", RoleArn=ROLE_ARN, SourceS3Path=path, **extra
    )["Id"]


def describe(kendra_client, index_id: str, thesaurus_id: str) -> dict:
    return kendra_client.describe_thesaurus(IndexId=index_id, Id=thesaurus_id)


def thesaurus_of(kendra_client, s3, index_id: str, body: bytes) -> dict:
    thesaurus_id = create(kendra_client, index_id, put_file(s3, body))
    return describe(kendra_client, index_id, thesaurus_id)


# -- CreateThesaurus / DescribeThesaurus ----------------------------------------------------


def test_the_guides_example_is_active_with_its_counts(kendra_client, s3, index_id):
    path = put_file(s3, GUIDE_EXAMPLE)
    thesaurus_id = create(kendra_client, index_id, path, Description="product names")

    assert str(uuid.UUID(thesaurus_id)) == thesaurus_id
    thesaurus = describe(kendra_client, index_id, thesaurus_id)
    assert thesaurus["Id"] == thesaurus_id
    assert thesaurus["IndexId"] == index_id
    assert thesaurus["Name"] == "synonyms"
    assert thesaurus["Description"] == "product names"
    assert thesaurus["RoleArn"] == ROLE_ARN
    assert thesaurus["SourceS3Path"] == path
    assert thesaurus["Status"] == "ACTIVE"
    assert thesaurus["FileSizeBytes"] == len(GUIDE_EXAMPLE)
    assert (thesaurus["SynonymRuleCount"], thesaurus["TermCount"]) == (6, 18)
    assert thesaurus["CreatedAt"] == thesaurus["UpdatedAt"]
    assert "ErrorMessage" not in thesaurus


def test_term_count_of_the_api_reference_example(kendra_client, s3, index_id):
    thesaurus = thesaurus_of(kendra_client, s3, index_id, b"x,y,z\nx=>w\n")
    assert (thesaurus["SynonymRuleCount"], thesaurus["TermCount"]) == (2, 4)


def test_rules_mapping_a_term_to_itself_are_ignored(kendra_client, s3, index_id):
    thesaurus = thesaurus_of(kendra_client, s3, index_id, b"x => x\nkendra, Kendra\nx => y\n")
    assert (thesaurus["SynonymRuleCount"], thesaurus["TermCount"]) == (1, 2)


def test_comments_blank_lines_crlf_bom_and_escapes(kendra_client, kendra_backend, s3, index_id):
    body = b"\xef\xbb\xbf# comment\r\n\r\n   \r\n  # indented comment\r\nr\\,d, rd\r\nx \\=> y\r\n"
    thesaurus = thesaurus_of(kendra_client, s3, index_id, body)

    assert thesaurus["Status"] == "ACTIVE"
    assert thesaurus["SynonymRuleCount"] == 1  # `x \=> y` is one term: no mapping
    assert synonyms(kendra_backend.indices[index_id]) == {"r d": ["rd"], "rd": ["r,d"]}


def test_a_thesaurus_is_tagged_under_the_index_arn(kendra_client, s3, index_id):
    tags = [{"Key": "team", "Value": "search"}]
    thesaurus_id = create(kendra_client, index_id, put_file(s3, b"x, y"), Tags=tags)
    region = kendra_client.meta.region_name
    arn = f"arn:aws:kendra:{region}:123456789012:index/{index_id}/thesaurus/{thesaurus_id}"

    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == tags


def test_a_repeated_client_token_returns_the_first_thesaurus(kendra_client, s3, index_id):
    path = put_file(s3, b"x, y")
    first = create(kendra_client, index_id, path, ClientToken="token-1")
    assert create(kendra_client, index_id, path, ClientToken="token-1") == first


def test_an_index_has_at_most_one_thesaurus(kendra_client, s3, index_id):
    path = put_file(s3, b"x, y")
    first = create(kendra_client, index_id, path)
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, path)
    code, status, message = error_of(caught)
    assert (code, status) == ("ServiceQuotaExceededException", 400)
    assert first in message and "at most 1 thesaurus" in message


def test_a_failed_thesaurus_still_counts_toward_the_quota(kendra_client, s3, index_id):
    create(kendra_client, index_id, {"Bucket": BUCKET, "Key": "missing.txt"})
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, put_file(s3, b"x, y"))
    assert error_of(caught)[0] == "ServiceQuotaExceededException"


def test_tags_kendra_refuses_are_a_validation_error(kendra_client, s3, index_id):
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, put_file(s3, b"x, y"), Tags=[{"Key": "a!", "Value": "b"}])
    assert error_of(caught)[0] == "ValidationException"
    assert kendra_client.list_thesauri(IndexId=index_id)["ThesaurusSummaryItems"] == []


def test_unknown_index_or_thesaurus_is_not_found(kendra_client, s3, index_id):
    path = put_file(s3, b"x, y")
    with pytest.raises(ClientError) as caught:
        create(kendra_client, UNKNOWN_ID, path)
    assert error_of(caught)[0] == "ResourceNotFoundException"
    for call in (
        lambda: describe(kendra_client, index_id, "no-such-thesaurus"),
        lambda: kendra_client.delete_thesaurus(IndexId=index_id, Id="no-such-thesaurus"),
        lambda: kendra_client.update_thesaurus(IndexId=index_id, Id="no-such-thesaurus"),
        lambda: kendra_client.list_thesauri(IndexId=UNKNOWN_ID),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        code, _, message = error_of(caught)
        assert code == "ResourceNotFoundException"


def test_a_thesaurus_of_another_index_is_not_found(kendra_client, s3, index_id):
    thesaurus_id = create(kendra_client, index_id, put_file(s3, b"x, y"))
    other = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    with pytest.raises(ClientError) as caught:
        describe(kendra_client, other, thesaurus_id)
    assert error_of(caught)[:2] == ("ResourceNotFoundException", 400)


# -- files Kendra can't ingest: FAILED with an ErrorMessage ---------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"x, y\nx => y => z\n", "line 2: more than one '=>'"),
        (b"x, y\n\n=> y\n", "line 3: no terms on the left of '=>'"),
        (b"x =>   \n", "line 1: no terms on the right of '=>'"),
        (b"x, , y\n", "line 1: an empty term"),
        (b"x, y,\n", "line 1: an empty term"),
        (b"# fine\nWHO => World Health Organization\n", "line 2: the term 'WHO' is a stop word"),
        (b"kendra, ?!\n", "line 1: the term '?!' has no letters or digits"),
        (b"x, y\\\n", "line 1: the line ends with a lone backslash"),
        (b"x, y\nz, \xff\n", "line 2: the file isn't UTF-8 (byte 0xff at offset 8)"),
        (
            b"term => " + b", ".join(b"s%d" % n for n in range(11)),
            "the term 'term' has 11 synonyms; a term can have at most 10",
        ),
        (
            b"".join(b"t%d, u%d\n" % (n, n) for n in range(10_001)),
            "the file has 10001 synonym rules; a thesaurus can have at most 10,000",
        ),
    ],
)
def test_a_malformed_file_fails_the_thesaurus(kendra_client, s3, index_id, body, expected):
    thesaurus = thesaurus_of(kendra_client, s3, index_id, body)

    assert thesaurus["Status"] == "FAILED"
    assert thesaurus["ErrorMessage"].startswith(
        f"The thesaurus file s3://{BUCKET}/synonyms.txt is invalid: {expected}"
    )
    assert (thesaurus["FileSizeBytes"], thesaurus["TermCount"], thesaurus["SynonymRuleCount"]) == (
        0,
        0,
        0,
    )


def test_phrases_with_stop_words_are_fine(kendra_client, s3, index_id):
    body = b"USA, United States of America\nW.H.O. => World Health Organization\n"
    assert thesaurus_of(kendra_client, s3, index_id, body)["Status"] == "ACTIVE"


def test_ten_synonyms_for_a_term_is_the_limit(kendra_client, s3, index_id):
    body = b"term => " + b", ".join(b"s%d" % n for n in range(10))
    assert thesaurus_of(kendra_client, s3, index_id, body)["Status"] == "ACTIVE"


def test_a_missing_bucket_or_object_fails_the_thesaurus(kendra_client, s3, index_id):
    thesaurus_id = create(kendra_client, index_id, {"Bucket": "no-such-bucket", "Key": "a.txt"})
    thesaurus = describe(kendra_client, index_id, thesaurus_id)
    assert thesaurus["Status"] == "FAILED"
    assert thesaurus["ErrorMessage"] == (
        "The thesaurus file s3://no-such-bucket/a.txt can't be read: the bucket "
        "no-such-bucket doesn't exist."
    )

    kendra_client.update_thesaurus(
        IndexId=index_id, Id=thesaurus_id, SourceS3Path={"Bucket": BUCKET, "Key": "a.txt"}
    )
    assert describe(kendra_client, index_id, thesaurus_id)["ErrorMessage"] == (
        f"The thesaurus file s3://{BUCKET}/a.txt can't be read: no object has that key."
    )


def test_a_file_over_5_mb_fails_the_thesaurus(kendra_client, s3, index_id):
    body = b"# padding\n" * (5 * 1024 * 1024 // 10) + b"a, b\n"
    thesaurus = thesaurus_of(kendra_client, s3, index_id, body)
    assert thesaurus["Status"] == "FAILED"
    assert thesaurus["ErrorMessage"] == (
        f"The thesaurus file s3://{BUCKET}/synonyms.txt is {len(body):,} bytes; a thesaurus "
        "file can be at most 5 MB (5,242,880 bytes)."
    )


def test_a_file_of_exactly_5_mb_is_read(kendra_client, s3, index_id):
    rule = b"cost, price\n"
    body = b"#" * (5 * 1024 * 1024 - len(rule) - 1) + b"\n" + rule
    thesaurus = thesaurus_of(kendra_client, s3, index_id, body)
    assert (thesaurus["Status"], thesaurus["FileSizeBytes"]) == ("ACTIVE", 5 * 1024 * 1024)


# -- statuses ----------------------------------------------------------------------------------


def test_a_thesaurus_is_creating_until_its_progression_moves(
    kendra_client, kendra_backend, s3, index_id
):
    state_manager.set_transition("kendra::thesaurus", {"progression": "manual", "times": 1})
    thesaurus_id = create(kendra_client, index_id, put_file(s3, b"cost, price"))
    index = kendra_backend.indices[index_id]

    # Reading the synonyms reads the status, but isn't a step of the progression.
    assert (synonyms_version(index), synonyms(index)) == (0, {})
    first = describe(kendra_client, index_id, thesaurus_id)
    assert (first["Status"], first["TermCount"], first["FileSizeBytes"]) == ("CREATING", 0, 0)
    listed = kendra_client.list_thesauri(IndexId=index_id)["ThesaurusSummaryItems"]
    assert [item["Status"] for item in listed] == ["ACTIVE"]
    assert describe(kendra_client, index_id, thesaurus_id)["TermCount"] == 2
    assert synonyms_version(index) == 1
    assert synonyms(index) == {"cost": ["price"], "price": ["cost"]}


def test_update_rereads_the_file_at_the_same_path(kendra_client, kendra_backend, s3, index_id):
    path = put_file(s3, b"cost, price")
    thesaurus_id = create(kendra_client, index_id, path)
    before = describe(kendra_client, index_id, thesaurus_id)
    index = kendra_backend.indices[index_id]
    version = synonyms_version(index)

    put_file(s3, b"cost, price, charge\nfee => charge\n")
    kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id, Description="v2")

    after = describe(kendra_client, index_id, thesaurus_id)
    assert after["Status"] == "ACTIVE"
    assert after["Description"] == "v2"
    assert (after["SynonymRuleCount"], after["TermCount"]) == (2, 4)
    assert after["UpdatedAt"] >= before["UpdatedAt"]
    assert after["CreatedAt"] == before["CreatedAt"]
    assert synonyms_version(index) > version
    assert synonyms(index)["fee"] == ["charge"]


def test_an_update_is_updating_while_the_old_file_stays_in_effect(
    kendra_client, kendra_backend, s3, index_id
):
    thesaurus_id = create(kendra_client, index_id, put_file(s3, b"cost, price"))
    index = kendra_backend.indices[index_id]
    assert describe(kendra_client, index_id, thesaurus_id)["Status"] == "ACTIVE"
    state_manager.set_transition("kendra::thesaurus", {"progression": "manual", "times": 1})

    new_path = put_file(s3, b"car, automobile", key="v2.txt")
    kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id, SourceS3Path=new_path)

    assert "cost" in synonyms(index)
    with pytest.raises(ClientError) as caught:
        kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id, Name="again")
    code, _, message = error_of(caught)
    assert code == "ConflictException" and "UPDATING" in message
    updating = describe(kendra_client, index_id, thesaurus_id)
    assert updating["Status"] == "UPDATING"
    assert updating["SourceS3Path"] == new_path
    assert updating["TermCount"] == 2

    assert describe(kendra_client, index_id, thesaurus_id)["Status"] == "ACTIVE"
    assert synonyms(index) == {"car": ["automobile"], "automobile": ["car"]}


def test_a_bad_update_keeps_the_previous_file(kendra_client, kendra_backend, s3, index_id):
    body = b"cost, price"
    thesaurus_id = create(kendra_client, index_id, put_file(s3, body))
    index = kendra_backend.indices[index_id]
    version = synonyms_version(index)

    broken = put_file(s3, b"x => y => z", key="broken.txt")
    kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id, SourceS3Path=broken)

    thesaurus = describe(kendra_client, index_id, thesaurus_id)
    assert thesaurus["Status"] == "ACTIVE_BUT_UPDATE_FAILED"
    assert thesaurus["ErrorMessage"].startswith(
        f"The thesaurus file s3://{BUCKET}/broken.txt is invalid: line 1: more than one '=>'"
    )
    assert (thesaurus["FileSizeBytes"], thesaurus["TermCount"]) == (len(body), 2)
    assert synonyms_version(index) == version
    assert synonyms(index) == {"cost": ["price"], "price": ["cost"]}

    fixed = put_file(s3, b"car, automobile", key="fixed.txt")
    kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id, SourceS3Path=fixed)
    thesaurus = describe(kendra_client, index_id, thesaurus_id)
    assert thesaurus["Status"] == "ACTIVE"
    assert "ErrorMessage" not in thesaurus
    assert "car" in synonyms(index)


def test_a_failed_thesaurus_is_fixed_by_an_update(kendra_client, s3, index_id):
    thesaurus_id = create(kendra_client, index_id, put_file(s3, b"x, , y"))
    assert describe(kendra_client, index_id, thesaurus_id)["Status"] == "FAILED"

    put_file(s3, b"x, y")
    kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id)
    thesaurus = describe(kendra_client, index_id, thesaurus_id)
    assert thesaurus["Status"] == "ACTIVE"
    assert "ErrorMessage" not in thesaurus

    put_file(s3, b"x, , y")
    kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id, Name="renamed")
    thesaurus = describe(kendra_client, index_id, thesaurus_id)
    assert (thesaurus["Status"], thesaurus["Name"]) == ("ACTIVE_BUT_UPDATE_FAILED", "renamed")


def test_a_thesaurus_still_failing_after_an_update_is_failed(kendra_client, s3, index_id):
    thesaurus_id = create(kendra_client, index_id, put_file(s3, b"x, , y"))
    kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id)
    assert describe(kendra_client, index_id, thesaurus_id)["Status"] == "FAILED"


# -- ListThesauri -------------------------------------------------------------------------------


def test_list_thesauri_summarizes(kendra_client, s3, index_id):
    assert kendra_client.list_thesauri(IndexId=index_id)["ThesaurusSummaryItems"] == []
    thesaurus_id = create(kendra_client, index_id, put_file(s3, b"x, y"))

    (summary,) = kendra_client.list_thesauri(IndexId=index_id, MaxResults=1)[
        "ThesaurusSummaryItems"
    ]
    described = describe(kendra_client, index_id, thesaurus_id)
    assert summary == {
        "Id": thesaurus_id,
        "Name": "synonyms",
        "Status": "ACTIVE",
        "CreatedAt": described["CreatedAt"],
        "UpdatedAt": described["UpdatedAt"],
    }


def test_list_thesauri_refuses_a_token_of_another_listing(kendra_client, index_id):
    for name in ("a", "b"):
        kendra_client.create_data_source(IndexId=index_id, Name=name, Type="CUSTOM")
    token = kendra_client.list_data_sources(IndexId=index_id, MaxResults=1)["NextToken"]
    with pytest.raises(ClientError) as caught:
        kendra_client.list_thesauri(IndexId=index_id, NextToken=token)
    assert error_of(caught)[0] == "ValidationException"


# -- DeleteThesaurus ------------------------------------------------------------------------------


def test_delete_removes_the_thesaurus_its_synonyms_and_tags(
    kendra_client, kendra_backend, s3, index_id
):
    thesaurus_id = create(
        kendra_client, index_id, put_file(s3, b"x, y"), Tags=[{"Key": "k", "Value": "v"}]
    )
    index = kendra_backend.indices[index_id]
    assert synonyms(index)
    version = synonyms_version(index)
    arn = describe(kendra_client, index_id, thesaurus_id) and (
        f"{index.arn}/thesaurus/{thesaurus_id}"
    )

    kendra_client.delete_thesaurus(IndexId=index_id, Id=thesaurus_id)

    with pytest.raises(ClientError) as caught:
        describe(kendra_client, index_id, thesaurus_id)
    assert error_of(caught)[0] == "ResourceNotFoundException"
    assert kendra_client.list_thesauri(IndexId=index_id)["ThesaurusSummaryItems"] == []
    assert synonyms(index) == {}
    assert synonyms_version(index) > version
    with pytest.raises(ClientError) as caught:
        kendra_client.list_tags_for_resource(ResourceARN=arn)
    assert error_of(caught)[0] == "ResourceUnavailableException"
    # The quota is free again.
    create(kendra_client, index_id, put_file(s3, b"w, z"))


def test_a_thesaurus_being_deleted(kendra_client, kendra_backend, s3, index_id):
    path = put_file(s3, b"x, y")
    thesaurus_id = create(kendra_client, index_id, path)
    index = kendra_backend.indices[index_id]
    assert describe(kendra_client, index_id, thesaurus_id)["Status"] == "ACTIVE"
    state_manager.set_transition("kendra::thesaurus", {"progression": "manual", "times": 1})

    kendra_client.delete_thesaurus(IndexId=index_id, Id=thesaurus_id)
    kendra_client.delete_thesaurus(IndexId=index_id, Id=thesaurus_id)  # again: no error

    assert synonyms(index) == {}
    arn = f"{index.arn}/thesaurus/{thesaurus_id}"
    for call, expected in (
        (lambda: create(kendra_client, index_id, path), "ConflictException"),
        (
            lambda: kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id),
            "ConflictException",
        ),
        (
            lambda: kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}]),
            "ResourceUnavailableException",
        ),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        code, _, message = error_of(caught)
        assert code == expected
        assert "being deleted" in message or "DELETING" in message
    listed = kendra_client.list_thesauri(IndexId=index_id)["ThesaurusSummaryItems"]
    assert [item["Status"] for item in listed] == ["DELETING"]
    with pytest.raises(ClientError) as caught:
        describe(kendra_client, index_id, thesaurus_id)
    assert error_of(caught)[0] == "ResourceNotFoundException"


def test_an_index_being_deleted_refuses_thesaurus_changes(kendra_client, s3, index_id):
    path = put_file(s3, b"x, y")
    thesaurus_id = create(kendra_client, index_id, path)
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 1})
    kendra_client.delete_index(Id=index_id)

    for call in (
        lambda: create(kendra_client, index_id, path),
        lambda: kendra_client.update_thesaurus(IndexId=index_id, Id=thesaurus_id),
        lambda: kendra_client.delete_thesaurus(IndexId=index_id, Id=thesaurus_id),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        code, _, message = error_of(caught)
        assert code == "ConflictException" and "being deleted" in message
    arn = f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}/thesaurus/{thesaurus_id}"
    with pytest.raises(ClientError) as caught:
        kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert error_of(caught)[0] == "ResourceUnavailableException"
    assert describe(kendra_client, index_id, thesaurus_id)["Status"] == "ACTIVE"


# -- the contract with search: synonyms(index) in the engine ---------------------------------------


def engine_with(mapping: dict[str, list[str]]) -> SearchIndex:
    engine = SearchIndex(synonyms=mapping)
    engine.put("pricing", title="Pricing", body="The price of an index depends on its edition.")
    engine.put("route", title="Route53", body="Route53 answers DNS queries.")
    engine.put("codestar", title="AWS CodeStar", body="Release software with AWS CodeStar.")
    engine.put("scaling", title="Scaling", body="An autoscaling group adds instances.")
    return engine


def found(engine: SearchIndex, query: str) -> list[str]:
    return sorted(hit.document_id for hit in engine.search(query))


def test_the_engine_finds_a_document_holding_only_a_synonym(
    kendra_client, kendra_backend, s3, index_id
):
    thesaurus_of(kendra_client, s3, index_id, b"cost, price\n" + GUIDE_EXAMPLE)
    engine = engine_with(synonyms(kendra_backend.indices[index_id]))

    cost = engine.prepare("cost")
    assert found(engine, "cost") == ["pricing"]
    document = engine.document("pricing")
    assert document is not None
    body = excerpt(document.body, cost.matcher)
    assert body is not None
    assert [h["Type"] for h in body["Highlights"]] == ["THESAURUS_SYNONYM"]
    # An equivalence works both ways; a phrase term matches as a phrase.
    assert found(engine, "dns") == ["route"]
    assert found(engine, '"route 53"') == ["route"]
    assert found(engine, "route-53") == ["route"]
    # An explicit mapping goes from left to right only.
    assert found(engine, "asg") == ["scaling"]
    assert found(engine, "codestar") == ["codestar"]
    assert found(engine, "aws") == ["codestar"]
    assert found(engine, "beta") == []


def test_explicit_mappings_are_one_way_in_the_engine(kendra_client, kendra_backend, s3, index_id):
    thesaurus_of(kendra_client, s3, index_id, b"kendra => search service\n")
    engine = SearchIndex(synonyms=synonyms(kendra_backend.indices[index_id]))
    engine.put("a", body="A managed search service.")
    engine.put("b", body="Kendra indexes documents.")

    assert found(engine, "kendra") == ["a", "b"]
    assert found(engine, '"search service"') == ["a"]


def test_set_synonyms_follows_the_version(kendra_client, kendra_backend, s3, index_id):
    index = kendra_backend.indices[index_id]
    engine = engine_with({})
    applied = synonyms_version(index)
    assert found(engine, "cost") == []

    thesaurus_id = create(kendra_client, index_id, put_file(s3, b"cost, price"))
    if synonyms_version(index) != applied:
        applied = synonyms_version(index)
        engine.set_synonyms(synonyms(index))
    assert found(engine, "cost") == ["pricing"]

    kendra_client.delete_thesaurus(IndexId=index_id, Id=thesaurus_id)
    assert synonyms_version(index) != applied
    engine.set_synonyms(synonyms(index))
    assert found(engine, "cost") == []
