from typing import Literal, cast

ReasoningEncryptedValueEventSubtype = Literal["message", "tool-call"]

REASONING_ENCRYPTED_VALUE_EVENT_SUBTYPE_VALUES: set[
    ReasoningEncryptedValueEventSubtype
] = {
    "message",
    "tool-call",
}


def check_reasoning_encrypted_value_event_subtype(
    value: str,
) -> ReasoningEncryptedValueEventSubtype:
    if value in REASONING_ENCRYPTED_VALUE_EVENT_SUBTYPE_VALUES:
        return cast(ReasoningEncryptedValueEventSubtype, value)
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REASONING_ENCRYPTED_VALUE_EVENT_SUBTYPE_VALUES!r}"
    )
