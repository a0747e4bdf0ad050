"""run-workflow arguments checked before any request (sans-IO): what each refusal says."""

from __future__ import annotations

from typing import Any

import pytest
from sketricgen_models import RunWorkflowRequest

from sketricgen import SketricGenValidationError
from sketricgen._workflow.validation import _max_length, validate_run_workflow

OK: dict[str, Any] = {"agent_id": "agent-123", "user_input": "Hello!"}


def _refusal(**kwargs: Any) -> SketricGenValidationError:
    with pytest.raises(SketricGenValidationError) as caught:
        validate_run_workflow(**{**OK, **kwargs})
    return caught.value


def test_a_field_the_spec_gives_no_max_length_is_an_error_not_unlimited() -> None:
    with pytest.raises(LookupError, match=r"RunWorkflowRequest\.agent_id no maxLength"):
        _max_length(RunWorkflowRequest, "agent_id")


def test_a_blank_conversation_id_is_refused() -> None:
    error = _refusal(conversation_id="  ")
    assert error.field == "conversation_id"
    assert "conversation_id is empty: pass an id from an earlier ChatResponse" in str(error)


def test_a_too_long_contact_id_says_its_length_and_the_limit() -> None:
    error = _refusal(contact_id="c" * 256)
    assert error.field == "contact_id"
    assert "contact_id is 256 characters; the service accepts at most 255" in str(error)


def test_a_resume_of_the_wrong_type_says_what_it_got() -> None:
    error = _refusal(conversation_id="conv-1", hitl_resume=42)
    assert error.field == "hitl_resume"
    assert "hitl_resume must be a HitlResume (or a dict of one), got int" in str(error)


def test_an_invalid_resume_dict_is_refused_as_a_resume() -> None:
    error = _refusal(conversation_id="conv-1", hitl_resume={"request_id": "req-1"})
    assert error.field == "hitl_resume"
    assert str(error).startswith("hitl_resume is not a valid HitlResume: decisions")
