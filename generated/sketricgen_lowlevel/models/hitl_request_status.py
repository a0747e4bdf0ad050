from typing import Literal, cast

HitlRequestStatus = Literal["pending", "resolved", "resuming", "superseded"]

HITL_REQUEST_STATUS_VALUES: set[HitlRequestStatus] = {
    "pending",
    "resolved",
    "resuming",
    "superseded",
}


def check_hitl_request_status(value: str) -> HitlRequestStatus:
    if value in HITL_REQUEST_STATUS_VALUES:
        return cast(HitlRequestStatus, value)
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HITL_REQUEST_STATUS_VALUES!r}"
    )
