from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.reasoning_message_start_event_metadata_type_0 import (
        ReasoningMessageStartEventMetadataType0,
    )


T = TypeVar("T", bound="ReasoningMessageStartEvent")


@_attrs_define
class ReasoningMessageStartEvent:
    """A reasoning message begins.

    Attributes:
        type_ (Literal['REASONING_MESSAGE_START']):
        message_id (str):
        role (Union[Unset, str]):  Default: 'reasoning'.
        timestamp (Union[None, Unset, int]):
        raw_event (Union[Unset, Any]):
        metadata (Union['ReasoningMessageStartEventMetadataType0', None, Unset]):
        subagent_run_id (Union[None, Unset, str]):
    """

    type_: Literal["REASONING_MESSAGE_START"]
    message_id: str
    role: Union[Unset, str] = "reasoning"
    timestamp: Union[None, Unset, int] = UNSET
    raw_event: Union[Unset, Any] = UNSET
    metadata: Union["ReasoningMessageStartEventMetadataType0", None, Unset] = UNSET
    subagent_run_id: Union[None, Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.reasoning_message_start_event_metadata_type_0 import (
            ReasoningMessageStartEventMetadataType0,
        )

        type_ = self.type_

        message_id = self.message_id

        role = self.role

        timestamp: Union[None, Unset, int]
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = self.timestamp

        raw_event = self.raw_event

        metadata: Union[None, Unset, dict[str, Any]]
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ReasoningMessageStartEventMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        subagent_run_id: Union[None, Unset, str]
        if isinstance(self.subagent_run_id, Unset):
            subagent_run_id = UNSET
        else:
            subagent_run_id = self.subagent_run_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message_id": message_id,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if raw_event is not UNSET:
            field_dict["raw_event"] = raw_event
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if subagent_run_id is not UNSET:
            field_dict["subagent_run_id"] = subagent_run_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reasoning_message_start_event_metadata_type_0 import (
            ReasoningMessageStartEventMetadataType0,
        )

        d = dict(src_dict)
        type_ = cast(Literal["REASONING_MESSAGE_START"], d.pop("type"))
        if type_ != "REASONING_MESSAGE_START":
            raise ValueError(
                f"type must match const 'REASONING_MESSAGE_START', got '{type_}'"
            )

        message_id = d.pop("message_id")

        role = d.pop("role", UNSET)

        def _parse_timestamp(data: object) -> Union[None, Unset, int]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, int], data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        raw_event = d.pop("raw_event", UNSET)

        def _parse_metadata(
            data: object,
        ) -> Union["ReasoningMessageStartEventMetadataType0", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ReasoningMessageStartEventMetadataType0.from_dict(
                    data
                )

                return metadata_type_0
            except:  # noqa: E722
                pass
            return cast(
                Union["ReasoningMessageStartEventMetadataType0", None, Unset], data
            )

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_subagent_run_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        subagent_run_id = _parse_subagent_run_id(d.pop("subagent_run_id", UNSET))

        reasoning_message_start_event = cls(
            type_=type_,
            message_id=message_id,
            role=role,
            timestamp=timestamp,
            raw_event=raw_event,
            metadata=metadata,
            subagent_run_id=subagent_run_id,
        )

        reasoning_message_start_event.additional_properties = d
        return reasoning_message_start_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
