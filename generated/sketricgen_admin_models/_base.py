"""Base class of every generated wire model (copied here by `make generate`).

Wire keys are snake_case as SketricGen documents them; AG-UI's own encoders
write camelCase. Each field therefore accepts both spellings on input, while
`model_dump()` keeps the snake_case field names. Unknown keys are kept.
"""

from typing import Union

from pydantic import AliasChoices, AliasGenerator, BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


def _snake_or_camel(field_name: str) -> Union[str, AliasChoices]:
    camel = to_camel(field_name)
    # A one-word name has one spelling; a plain alias keeps `type` usable as a
    # discriminator, which pydantic refuses on AliasChoices.
    return field_name if camel == field_name else AliasChoices(field_name, camel)


class WireModel(BaseModel):
    """A wire shape: reads snake_case and camelCase keys, keeps unknown ones."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        alias_generator=AliasGenerator(validation_alias=_snake_or_camel),
    )
