"""The pytest plugin, exercised the way a user's suite uses it (pytester, in a subprocess)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

ROLE = "arn:aws:iam::123456789012:role/kendra"


def test_every_test_gets_fresh_state_of_every_service(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import boto3

        def test_first_leaves_things_behind(kendra_client):
            kendra_client.create_index(Name="left", RoleArn="{ROLE}")
            boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="left-behind")

        def test_second_sees_none_of_it(kendra_client, kendra_backend):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
            assert kendra_backend.indices == {{}}
            assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []

        def test_third_leaves_things_again(kendra_client):
            kendra_client.create_index(Name="again", RoleArn="{ROLE}")
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=3)


def test_the_region_comes_from_the_ini_option(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nkendra_region = eu-west-1\n")
    pytester.makepyfile(
        f"""
        def test_region(kendra_client, kendra_backend):
            assert kendra_client.meta.region_name == "eu-west-1"
            index_id = kendra_client.create_index(Name="eu", RoleArn="{ROLE}")["Id"]
            assert kendra_backend.region_name == "eu-west-1"
            assert list(kendra_backend.indices) == [index_id]
        """
    )
    pytester.runpytest_subprocess().assert_outcomes(passed=1)


def test_the_fixtures_work_beside_a_users_own_mock_aws(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import boto3
        from moto import mock_aws

        def test_context_manager_inside(kendra_client):
            index_id = kendra_client.create_index(Name="outer", RoleArn="{ROLE}")["Id"]
            with mock_aws():
                own = boto3.client("kendra", region_name="us-east-1")
                assert own.describe_index(Id=index_id)["Name"] == "outer"
            # The fixture's mock is still active after the user's ends.
            assert kendra_client.describe_index(Id=index_id)["Name"] == "outer"

        @mock_aws
        def test_decorated(kendra_client):
            kendra_client.create_index(Name="decorated", RoleArn="{ROLE}")
            own = boto3.client("kendra", region_name="us-east-1")
            assert len(own.list_indices()["IndexConfigurationSummaryItems"]) == 1

        @mock_aws
        def test_own_mock_without_the_fixture():
            own = boto3.client("kendra", region_name="us-east-1")
            assert own.list_indices()["IndexConfigurationSummaryItems"] == []
        """
    )
    pytester.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=3)


def test_the_mock_is_off_in_tests_that_do_not_use_the_fixtures(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import os

        def test_uses_it(kendra_client):
            assert os.environ["AWS_ACCESS_KEY_ID"] == "FOOBARKEY"

        def test_does_not(monkeypatch):
            assert os.environ.get("AWS_ACCESS_KEY_ID") != "FOOBARKEY"

        def test_uses_it_again(kendra_client):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
        """
    )
    pytester.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=3)


def test_transitions_a_test_sets_are_undone_even_when_it_fails(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        from moto.moto_api import state_manager

        def test_sets_a_transition_and_fails(kendra_client):
            state_manager.set_transition("kendra::sync_job", {"progression": "immediate"})
            state_manager.set_transition("kendra::index", {"progression": "manual", "times": 3})
            assert False, "deliberate"

        def test_sees_the_defaults(kendra_client):
            assert state_manager.get_transition("kendra::sync_job") == {
                "progression": "manual", "times": 1
            }
            assert state_manager.get_transition("kendra::index") == {"progression": "immediate"}
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)


def test_the_plugin_loads_through_pytest_plugins_without_autoload(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeconftest('pytest_plugins = ["moto_kendra.pytest_plugin"]\n')
    pytester.makepyfile(
        """
        def test_fixture_is_there(kendra_client):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
        """
    )
    pytester.runpytest_subprocess().assert_outcomes(passed=1)


def test_without_the_plugin_the_fixture_is_unknown(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control for the test above: autoload off and no pytest_plugins line.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(
        """
        def test_fixture_is_there(kendra_client):
            pass
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'kendra_client' not found*"])


def test_a_users_fixture_state_survives_whatever_the_order(pytester: pytest.Pytester) -> None:
    # A user fixture that starts its own mock and makes state before kendra_client: the
    # state is there in every test, the first and the later ones alike.
    pytester.makepyfile(
        """
        import boto3, pytest
        from moto import mock_aws

        @pytest.fixture
        def bucket():
            with mock_aws():
                s3 = boto3.client("s3", region_name="us-east-1")
                s3.create_bucket(Bucket="bucket-one")
                yield "bucket-one"
                s3.delete_bucket(Bucket="bucket-one")  # teardown still sees it

        def names():
            s3 = boto3.client("s3", region_name="us-east-1")
            return [b["Name"] for b in s3.list_buckets()["Buckets"]]

        def test_first(bucket, kendra_client):
            assert names() == ["bucket-one"]

        def test_second(bucket, kendra_client):
            assert names() == ["bucket-one"]

        def test_third_without_it(kendra_client):
            assert names() == []
        """
    )
    pytester.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=3)


def test_a_nested_mock_config_does_not_outlive_its_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from moto import mock_aws

        def test_whitelists_only_s3_inside(kendra_client):
            with mock_aws(config={"core": {"service_whitelist": ["s3"]}}):
                pass

        def test_kendra_is_served_again(kendra_client):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
        """
    )
    pytester.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=2)


def test_changed_credentials_do_not_reach_the_next_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_changes_them(kendra_client):
            kendra_client._request_signer._credentials.access_key = "AKIALEAKED"

        def test_has_its_own(kendra_client):
            assert kendra_client._request_signer._credentials.access_key == "FOOBARKEY"
        """
    )
    pytester.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=2)
