"""A failing test that used the fixtures gets a "Kendra state" report section."""

from __future__ import annotations


def test_a_failing_test_shows_the_kendra_state(pytester):
    pytester.makepyfile(
        """
        import pytest

        ROLE = "arn:aws:iam::123456789012:role/kendra-role"

        @pytest.mark.kendra_sync(status="FAILED", error_code="InvalidRequest",
                                 error_message="Scripted failure.", data_source_error_code="E42",
                                 metrics={"DocumentsScanned": 7})
        def test_sync_fails(kendra_client):
            index_id = kendra_client.create_index(Name="docs", RoleArn=ROLE)["Id"]
            source_id = kendra_client.create_data_source(
                IndexId=index_id, Name="web", Type="TEMPLATE", RoleArn=ROLE,
                Configuration={"TemplateConfiguration": {"Template": {}}},
            )["Id"]
            kendra_client.start_data_source_sync_job(Id=source_id, IndexId=index_id)
            for _ in range(3):
                job = kendra_client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"][0]
            assert job["Status"] == "SUCCEEDED"

        def test_passes(kendra_client):
            kendra_client.create_index(Name="quiet", RoleArn=ROLE)
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*- Kendra state (call) -*",
            "account 123456789012, region us-east-1:",
            "index * 'docs' ACTIVE (documents: 0, bytes: 0)",
            "  data source * 'web' TEMPLATE ACTIVE",
            "    ExecutionId * Status * StartTime * EndTime * ErrorCode * ErrorMessage * "
            "DataSourceErrorCode * Added * Modified * Deleted * Failed * Scanned",
            "    *-*-*-*-* * FAILED * ??:??:??.??? * ??:??:??.??? * InvalidRequest * Scripted failure. * "
            "E42 * 0 * 0 * 0 * 0 * 7",
            "scripted outcome waiting: {'status': 'FAILED', 'error_code': 'InvalidRequest', *}",
        ]
    )
    # Only the failing test gets the section.
    assert result.stdout.str().count("Kendra state") == 1
    assert "'quiet'" not in result.stdout.str()


def test_a_failing_test_without_the_fixtures_gets_no_section(pytester):
    pytester.makepyfile(
        """
        def test_plain():
            assert 1 == 2
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(failed=1)
    assert "Kendra state" not in result.stdout.str()


def test_scripted_outcomes_faults_and_transitions_are_undone_after_a_failing_test(pytester):
    pytester.makepyfile(
        """
        import pytest
        from moto.moto_api import state_manager
        from moto_kendra.backend import kendra_backends

        @pytest.mark.kendra_fault(operation="ListIndices", times=None)
        def test_1_fails(kendra_backend):
            state_manager.set_transition("kendra::sync_job", {"progression": "immediate"})
            kendra_backend.controls.script_sync_outcome(status="FAILED", error_code="InternalError")
            assert False

        def test_2_state_is_clean():
            backend = kendra_backends["123456789012"]["us-east-1"]
            assert backend.controls.list_sync_outcomes() == []
            assert backend.controls.list_faults() == []
            assert state_manager.get_transition("kendra::sync_job") == {"progression": "manual", "times": 1}

        def test_3_fixture_state_is_clean(kendra_client):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["fault waiting: {'operation': 'ListIndices', *}"])


def test_the_section_shows_rescore_execution_plans_and_their_faults(pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.kendra_fault(operation="Rescore", service="kendra-ranking", times=None)
        def test_ranking(kendra_ranking_client):
            kendra_ranking_client.create_rescore_execution_plan(Name="ranker")
            assert False
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*- Kendra state (call) -*",
            "account 123456789012, region us-east-1 (Kendra Intelligent Ranking):",
            "rescore execution plan * 'ranker' ACTIVE",
            "fault waiting: {'operation': 'Rescore', 'error_code': 'ThrottlingException', 'times': None}",
        ]
    )
