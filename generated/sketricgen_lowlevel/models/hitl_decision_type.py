from typing import Literal, cast

HitlDecisionType = Literal["approve", "reject", "respond"]

HITL_DECISION_TYPE_VALUES: set[HitlDecisionType] = {
    "approve",
    "reject",
    "respond",
}


def check_hitl_decision_type(value: str) -> HitlDecisionType:
    if value in HITL_DECISION_TYPE_VALUES:
        return cast(HitlDecisionType, value)
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HITL_DECISION_TYPE_VALUES!r}"
    )
