"""User tokens in Query and Retrieve through boto3: an index's UserContextPolicy and
UserTokenConfigurations, JSON tokens, JWTs whose keys are in Secrets Manager (HS256,
RS256) or at a URL (create-index-access-control*.md, API_UserContext.md)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError

from tests import fake_clock
from tests.conftest import ROLE_ARN
from tests.kendra_calls import error_of
from tests.search_calls import ids, index_now, text_doc
from tests.user_tokens import b64url, jwt, key_secret, rsa_jwk, rsa_private_key, shared_jwk

NOW = datetime(2024, 5, 8, 12, 0, tzinfo=timezone.utc)
EPOCH_NOW = int(NOW.timestamp())
SECRET = b"a shared secret of at least 32 bytes!!"
JSON_TOKENS = [
    {
        "JsonTokenTypeConfiguration": {
            "UserNameAttributeField": "username",
            "GroupAttributeField": "groups",
        }
    }
]


def allow(name: str, kind: str = "USER") -> dict:
    return {"Name": name, "Type": kind, "Access": "ALLOW"}


def token_index(client, tokens: list[dict], policy: str = "USER_TOKEN", **extra) -> str:
    """An index reading tokens as ``tokens`` say, holding a public document, alice's and
    the HR group's."""
    index_id = client.create_index(
        Name="tokens",
        RoleArn=ROLE_ARN,
        UserContextPolicy=policy,
        UserTokenConfigurations=tokens,
        **extra,
    )["Id"]
    documents = [
        text_doc("public", "The budget."),
        text_doc("alice", "The budget."),
        text_doc("hr", "The budget."),
    ]
    documents[1]["AccessControlList"] = [allow("alice")]
    documents[2]["AccessControlList"] = [allow("HR", "GROUP")]
    index_now(client, index_id, *documents)
    return index_id


def query(client, index_id: str, token: str | None = None, **context) -> list[str]:
    if token is not None:
        context["Token"] = token
    extra = {"UserContext": context} if context else {}
    return sorted(ids(client.query(IndexId=index_id, QueryText="budget", **extra)))


def refused(client, index_id: str, token: str, **context) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as err:
        client.query(IndexId=index_id, QueryText="budget", UserContext={"Token": token, **context})
    return error_of(err)


@pytest.fixture
def clock(monkeypatch):
    return fake_clock.install(monkeypatch, NOW)


# -- policies ------------------------------------------------------------------------------


def test_user_token_policy_without_a_user_shows_documents_without_an_acl(kendra_client):
    index_id = token_index(kendra_client, JSON_TOKENS)

    assert query(kendra_client, index_id) == ["public"]
    assert sorted(
        {
            r["DocumentId"]
            for r in kendra_client.retrieve(IndexId=index_id, QueryText="budget")["ResultItems"]
        }
    ) == ["public"]


def test_attribute_filter_policy_without_a_user_shows_every_document(kendra_client):
    index_id = token_index(kendra_client, JSON_TOKENS, policy="ATTRIBUTE_FILTER")

    assert query(kendra_client, index_id) == ["alice", "hr", "public"]
    # ... and a token still names a user where the index can read one.
    assert query(kendra_client, index_id, json.dumps({"username": "alice"})) == ["alice", "public"]


def test_a_user_token_policy_index_takes_a_user_id_too(kendra_client):
    index_id = token_index(kendra_client, JSON_TOKENS)

    assert query(kendra_client, index_id, UserId="alice") == ["alice", "public"]


def test_a_token_with_a_user_id_is_refused(kendra_client):
    index_id = token_index(kendra_client, JSON_TOKENS)

    code, status, message = refused(
        kendra_client, index_id, json.dumps({"username": "a"}), UserId="a"
    )

    assert (code, status) == ("ValidationException", 400)
    assert "not both" in message


def test_a_token_for_an_index_without_token_configurations_is_refused(kendra_client, index_id):
    code, _, message = refused(kendra_client, index_id, json.dumps({"user": "alice"}))

    assert code == "ValidationException"
    assert "no UserTokenConfigurations" in message


def test_a_gen_ai_enterprise_index_refuses_tokens(kendra_client):
    index_id = kendra_client.create_index(
        Name="gen-ai", RoleArn=ROLE_ARN, Edition="GEN_AI_ENTERPRISE_EDITION"
    )["Id"]

    code, _, message = refused(kendra_client, index_id, json.dumps({"user": "alice"}))

    assert code == "ValidationException"
    assert "GEN_AI_ENTERPRISE_EDITION" in message


# -- JSON tokens ---------------------------------------------------------------------------


def test_a_json_token_names_the_user_and_groups_by_the_configured_fields(kendra_client):
    index_id = token_index(kendra_client, JSON_TOKENS)

    assert query(kendra_client, index_id, json.dumps({"username": "alice"})) == ["alice", "public"]
    assert query(kendra_client, index_id, json.dumps({"username": "bob", "groups": ["HR"]})) == [
        "hr",
        "public",
    ]
    # The fields are the configured ones: "user" means nothing to this index.
    code, _, message = refused(kendra_client, index_id, json.dumps({"user": "alice"}))
    assert code == "ValidationException"
    assert "names no user (username)" in message


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("not json", "not JSON"),
        ("[" * 50_000 + "]" * 50_000, "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (json.dumps({"username": 7}), "must be a string"),
        (json.dumps({"username": "a", "groups": "HR"}), "JSON string array"),
    ],
)
def test_a_json_token_that_cant_be_read_is_a_validation_error(kendra_client, token, message):
    index_id = token_index(kendra_client, JSON_TOKENS)

    code, status, text = refused(kendra_client, index_id, token)

    assert (code, status) == ("ValidationException", 400)
    assert message in text


# -- JWTs with a URL key location: read, not verified ----------------------------------------


URL_TOKENS = [
    {
        "JwtTokenTypeConfiguration": {
            "KeyLocation": "URL",
            "URL": "https://idp.example.com/.well-known/jwks.json",
        }
    }
]


def test_a_jwt_names_its_user_and_groups_by_the_default_claims(kendra_client, clock):
    index_id = token_index(kendra_client, URL_TOKENS)
    # The URL isn't fetched: the signature isn't checked, the claims are.
    token = jwt({"user": "bob", "groups": ["HR"], "exp": EPOCH_NOW + 60}, secret=b"anything")

    assert query(kendra_client, index_id, token) == ["hr", "public"]


def test_a_jwt_reads_the_configured_claims(kendra_client, clock):
    tokens = [
        {
            "JwtTokenTypeConfiguration": {
                "KeyLocation": "URL",
                "URL": "https://idp.example.com/jwks.json",
                "UserNameAttributeField": "email",
                "GroupAttributeField": "cognito:groups",
            }
        }
    ]
    index_id = token_index(kendra_client, tokens)
    token = jwt({"email": "alice", "cognito:groups": ["HR"]}, secret=b"x")

    assert query(kendra_client, index_id, token) == ["alice", "hr", "public"]


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"user": "alice", "exp": EPOCH_NOW}, "expired"),
        ({"user": "alice", "nbf": EPOCH_NOW + 60}, "not valid yet"),
        ({"user": "alice", "iss": "https://other.example.com"}, "issuer"),
        ({"user": "alice", "iss": "https://idp.example.com", "aud": "intruder"}, "audience"),
    ],
)
def test_a_jwt_whose_claims_are_refused_is_access_denied(kendra_client, clock, claims, message):
    tokens = [
        {
            "JwtTokenTypeConfiguration": {
                "KeyLocation": "URL",
                "URL": "https://idp.example.com/jwks.json",
                "Issuer": "https://idp.example.com",
                "ClaimRegex": "search-app-[0-9]+",
            }
        }
    ]
    index_id = token_index(kendra_client, tokens)
    accepted = {"user": "alice", "iss": "https://idp.example.com", "aud": ["x", "search-app-7"]}
    assert query(kendra_client, index_id, jwt(accepted, secret=b"x")) == ["alice", "public"]

    code, status, text = refused(kendra_client, index_id, jwt({**accepted, **claims}, secret=b"x"))

    assert (code, status) == ("AccessDeniedException", 400)
    assert message in text


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("a.b", "not a JWT"),
        ("e30.e30.!!!", "base64url"),
        ("bm90IGpzb24.e30.", "header is not JSON"),
    ],
)
def test_a_jwt_that_cant_be_read_is_a_validation_error(kendra_client, token, message):
    index_id = token_index(kendra_client, URL_TOKENS)

    code, _, text = refused(kendra_client, index_id, token)

    assert code == "ValidationException"
    assert message in text


# -- JWTs verified with keys in Secrets Manager --------------------------------------------


def secret_tokens(arn: str, **extra: str) -> list[dict]:
    return [
        {
            "JwtTokenTypeConfiguration": {
                "KeyLocation": "SECRET_MANAGER",
                "SecretManagerArn": arn,
                **extra,
            }
        }
    ]


def test_an_hs256_jwt_is_verified_with_the_shared_secret(kendra_client):
    arn = key_secret("kendra-shared", shared_jwk(SECRET, kid="k1"))
    index_id = token_index(kendra_client, secret_tokens(arn))

    good = jwt({"user": "alice"}, secret=SECRET, kid="k1")
    assert query(kendra_client, index_id, good) == ["alice", "public"]

    forged = jwt({"user": "alice"}, secret=b"guessed", kid="k1")
    code, status, message = refused(kendra_client, index_id, forged)
    assert (code, status) == ("AccessDeniedException", 400)
    assert "signature doesn't verify" in message
    # A token signed with another key id isn't checked against this one.
    other_kid = jwt({"user": "alice"}, secret=SECRET, kid="k2")
    assert refused(kendra_client, index_id, other_kid)[0] == "AccessDeniedException"


def test_an_unsigned_jwt_is_refused_where_keys_verify_it(kendra_client):
    arn = key_secret("kendra-none", shared_jwk(SECRET))
    index_id = token_index(kendra_client, secret_tokens(arn))

    code, _, message = refused(kendra_client, index_id, jwt({"user": "alice"}, alg="none"))

    assert code == "AccessDeniedException"
    assert "'none'" in message


@pytest.mark.parametrize("alg", [["HS256"], {"name": "HS256"}, 256, None])
def test_a_jwt_whose_alg_is_not_a_name_is_refused(kendra_client, alg):
    arn = key_secret("kendra-alg", shared_jwk(SECRET))
    index_id = token_index(kendra_client, secret_tokens(arn))
    header = b64url(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    token = f"{header}.{b64url(json.dumps({'user': 'alice'}).encode())}.{b64url(b'sig')}"

    code, status, message = refused(kendra_client, index_id, token)

    assert (code, status) == ("AccessDeniedException", 400)
    assert "Amazon Kendra verifies HS256" in message


def test_a_shared_secret_is_used_within_its_dates(kendra_client, clock):
    arn = key_secret(
        "kendra-dated", shared_jwk(SECRET, nbf="2024-01-01T00:00:00Z", exp="2024-06-01T00:00:00Z")
    )
    index_id = token_index(kendra_client, secret_tokens(arn))
    token = jwt({"user": "alice"}, secret=SECRET)

    assert query(kendra_client, index_id, token) == ["alice", "public"]
    clock.set(datetime(2024, 7, 1, tzinfo=timezone.utc))
    assert refused(kendra_client, index_id, token)[0] == "AccessDeniedException"


def test_an_rs256_jwt_is_verified_with_the_public_key(kendra_client):
    private_key = rsa_private_key()
    arn = key_secret("kendra-rsa", rsa_jwk(private_key, kid="rsa-1"))
    index_id = token_index(kendra_client, secret_tokens(arn))

    good = jwt({"user": "bob", "groups": ["HR"]}, alg="RS256", rsa_key=private_key, kid="rsa-1")
    assert query(kendra_client, index_id, good) == ["hr", "public"]

    impostor = jwt({"user": "bob", "groups": ["HR"]}, alg="RS256", rsa_key=rsa_private_key())
    assert refused(kendra_client, index_id, impostor)[0] == "AccessDeniedException"


def test_a_secret_that_isnt_there_is_not_found(kendra_client):
    arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-AbCdEf"
    index_id = token_index(kendra_client, secret_tokens(arn))

    code, _, message = refused(kendra_client, index_id, jwt({"user": "a"}, secret=SECRET))

    assert code == "ResourceNotFoundException"
    assert arn in message


@pytest.mark.parametrize("secret", ["just a password", "[" * 100_000 + "]" * 100_000])
def test_a_secret_not_in_the_documented_form_is_a_validation_error(kendra_client, secret):
    import boto3

    arn = boto3.client("secretsmanager", region_name="us-east-1").create_secret(
        Name="plain", SecretString=secret
    )["ARN"]
    index_id = token_index(kendra_client, secret_tokens(arn))

    code, _, message = refused(kendra_client, index_id, jwt({"user": "a"}, secret=SECRET))

    assert code == "ValidationException"
    assert "doesn't hold keys" in message
