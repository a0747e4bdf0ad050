from typing import Literal, cast

TextMessageStartEventRole = Literal["assistant", "developer", "system", "user"]

TEXT_MESSAGE_START_EVENT_ROLE_VALUES: set[TextMessageStartEventRole] = {
    "assistant",
    "developer",
    "system",
    "user",
}


def check_text_message_start_event_role(value: str) -> TextMessageStartEventRole:
    if value in TEXT_MESSAGE_START_EVENT_ROLE_VALUES:
        return cast(TextMessageStartEventRole, value)
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TEXT_MESSAGE_START_EVENT_ROLE_VALUES!r}"
    )
