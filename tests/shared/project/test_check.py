"""`finagents check`: each kind of bad configuration is one line naming the key, exit 2."""

from __future__ import annotations

import pytest

from shared.workflows import get_workflow
from tests.shared.project.conftest import cli, set_setting


@pytest.mark.parametrize("key, value, line", [
    ("screening_threshold", "120", "'kyc.screening_threshold': Input should be less than or equal to 100 (it is 120)"),
    ("proof_of_address_max_age_days", '"ninety"',
     "'kyc.proof_of_address_max_age_days': Input should be a valid integer, unable to parse string as an integer "
     "(it is 'ninety')"),
    ("budget_usd", "-1", "'engagement.budget_usd': Input should be greater than or equal to 0 (it is -1)"),
    ("adjudicate_hits", '"yes please"',
     "'kyc.adjudicate_hits': Input should be a valid boolean, unable to interpret input (it is 'yes please')"),
])
def test_a_bad_value_is_one_line_naming_the_key(new_project, capsys, key, value, line):
    project = new_project("kyc")
    set_setting(project, key, value)
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2
    assert err.splitlines() == [f"finagents: {project / 'engagement.toml'}: {line}"]


def test_an_unknown_key_in_a_workflow_table_and_at_the_top_are_named(new_project, capsys):
    project = new_project("kyc")
    toml = project / "engagement.toml"
    toml.write_text(toml.read_text().replace("adjudicate_hits = true", "adjudicate_hits = true\nadjudicate_hit = false")
                    + "\n[kyc_extra]\nx = 1\n")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2
    assert err.splitlines() == [
        f"finagents: {toml}: unknown key 'kyc_extra'",
        f"finagents: {toml}: unknown key 'kyc.adjudicate_hit' (did you mean 'adjudicate_hits'?)"]


def test_a_prompt_using_a_variable_it_is_not_given_names_template_and_variable(new_project, capsys):
    project = new_project("kyc")
    prompt = project / "prompts" / "kyc" / "adjudicate_hits.j2"
    prompt.write_text(prompt.read_text() + "\nThe relationship manager is {{ relationship_manager }}.\n")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2
    assert err.splitlines() == [f"finagents: {prompt}: adjudicate_hits.j2: template variable missing: "
                                "'relationship_manager' is undefined"]


def test_a_prompt_with_a_syntax_error_names_its_line(new_project, capsys):
    project = new_project("kyc")
    prompt = project / "prompts" / "kyc" / "system.j2"
    prompt.write_text("{% if %}\n")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2 and len(err.splitlines()) == 1
    assert f"{prompt}: system.j2: template syntax error on line 1" in err


@pytest.mark.parametrize(("expression", "problem"), [
    ("'a' * 300000000", "repetition of 300000000 x 1 is longer than a prompt may be (1,000,000)"),
    ("[0] * 10 ** 9", "repetition of 1000000000 x 1 is longer than a prompt may be"),
    ("2 ** 100000000", "exponent 100000000 is larger than a template may use (100)"),
])
def test_a_prompt_that_would_exhaust_memory_is_refused(new_project, capsys, expression, problem):
    project = new_project("kyc")
    prompt = project / "prompts" / "kyc" / "system.j2"
    prompt.write_text(f"{{{{ {expression} }}}}\n")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2 and len(err.splitlines()) == 1
    assert f"{prompt}: system.j2: template error: {problem}" in err


def test_a_stray_prompt_that_overrides_nothing_is_reported(new_project, capsys):
    project = new_project("kyc")
    (project / "prompts" / "kyc" / "adjudicate_hit.j2").write_text("typo in the name\n")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2 and "adjudicate_hit.j2: overrides no pack template, so nothing uses it" in err


def test_toml_that_does_not_parse_is_one_line(new_project, capsys):
    project = new_project("kyc")
    (project / "engagement.toml").write_text("[kyc\n")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2 and len(err.splitlines()) == 1 and "engagement.toml: is not valid TOML" in err


def test_several_problems_are_each_reported(new_project, capsys):
    project = new_project("month_end_close")
    set_setting(project, "window_days", "99")
    set_setting(project, "max_subset_size", "1")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2 and len(err.splitlines()) == 2
    assert "'month_end_close.window_days'" in err and "'month_end_close.max_subset_size'" in err


def test_a_good_project_passes_and_says_what_it_checked(new_project, capsys):
    project = new_project("kyc")
    status, out, err = cli(capsys, "check", str(project))
    assert status == 0 and err == ""
    # Every template the workflow ships: its own, its partials, and the shared ones.
    shipped = len(get_workflow("kyc").prompt_library(None).names())
    assert f"{project}: settings valid; {shipped} prompt(s) of kyc render with their example data." in out


def test_a_folder_without_engagement_toml_is_one_line(isolated_home, capsys):
    status, _, err = cli(capsys, "check", str(isolated_home))
    assert status == 2 and err.strip() == f"finagents: {isolated_home}: is not a client project (no engagement.toml)"


def test_a_project_graph_that_does_not_import_is_one_line(new_project, capsys):
    project = new_project("month_end_close", "--with-code", name="broken", client="Broken Graph")
    nodes = project / "broken_graph_month_end_close" / "nodes.py"
    nodes.write_text(nodes.read_text() + "\nfrom month_end_close.nowhere import nothing\n")
    status, _, err = cli(capsys, "check", str(project))
    assert status == 2 and len(err.splitlines()) == 1
    # The project's graph.py imports its nodes at the top: the failure is the graph module's own import.
    assert err.strip().endswith(f"engagement.toml: month_end_close.graph: cannot be imported from the client project "
                                f"{project.resolve()}: No module named 'month_end_close.nowhere'")
