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
    from ..models.tool_call_chunk_event_metadata_type_0 import (
        ToolCallChunkEventMetadataType0,
    )


T = TypeVar("T", bound="ToolCallChunkEvent")


@_attrs_define
class ToolCallChunkEvent:
    """A self-describing tool call chunk.

    Attributes:
        type_ (Literal['TOOL_CALL_CHUNK']):
        tool_call_id (Union[None, Unset, str]):
        tool_call_name (Union[None, Unset, str]):
        parent_message_id (Union[None, Unset, str]):
        delta (Union[None, Unset, str]):
        timestamp (Union[None, Unset, int]):
        raw_event (Union[Unset, Any]):
        metadata (Union['ToolCallChunkEventMetadataType0', None, Unset]):
        subagent_run_id (Union[None, Unset, str]):
    """

    type_: Literal["TOOL_CALL_CHUNK"]
    tool_call_id: Union[None, Unset, str] = UNSET
    tool_call_name: Union[None, Unset, str] = UNSET
    parent_message_id: Union[None, Unset, str] = UNSET
    delta: Union[None, Unset, str] = UNSET
    timestamp: Union[None, Unset, int] = UNSET
    raw_event: Union[Unset, Any] = UNSET
    metadata: Union["ToolCallChunkEventMetadataType0", None, Unset] = UNSET
    subagent_run_id: Union[None, Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tool_call_chunk_event_metadata_type_0 import (
            ToolCallChunkEventMetadataType0,
        )

        type_ = self.type_

        tool_call_id: Union[None, Unset, str]
        if isinstance(self.tool_call_id, Unset):
            tool_call_id = UNSET
        else:
            tool_call_id = self.tool_call_id

        tool_call_name: Union[None, Unset, str]
        if isinstance(self.tool_call_name, Unset):
            tool_call_name = UNSET
        else:
            tool_call_name = self.tool_call_name

        parent_message_id: Union[None, Unset, str]
        if isinstance(self.parent_message_id, Unset):
            parent_message_id = UNSET
        else:
            parent_message_id = self.parent_message_id

        delta: Union[None, Unset, str]
        if isinstance(self.delta, Unset):
            delta = UNSET
        else:
            delta = self.delta

        timestamp: Union[None, Unset, int]
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = self.timestamp

        raw_event = self.raw_event

        metadata: Union[None, Unset, dict[str, Any]]
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ToolCallChunkEventMetadataType0):
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
            }
        )
        if tool_call_id is not UNSET:
            field_dict["tool_call_id"] = tool_call_id
        if tool_call_name is not UNSET:
            field_dict["tool_call_name"] = tool_call_name
        if parent_message_id is not UNSET:
            field_dict["parent_message_id"] = parent_message_id
        if delta is not UNSET:
            field_dict["delta"] = delta
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
        from ..models.tool_call_chunk_event_metadata_type_0 import (
            ToolCallChunkEventMetadataType0,
        )

        d = dict(src_dict)
        type_ = cast(Literal["TOOL_CALL_CHUNK"], d.pop("type"))
        if type_ != "TOOL_CALL_CHUNK":
            raise ValueError(f"type must match const 'TOOL_CALL_CHUNK', got '{type_}'")

        def _parse_tool_call_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        tool_call_id = _parse_tool_call_id(d.pop("tool_call_id", UNSET))

        def _parse_tool_call_name(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        tool_call_name = _parse_tool_call_name(d.pop("tool_call_name", UNSET))

        def _parse_parent_message_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        parent_message_id = _parse_parent_message_id(d.pop("parent_message_id", UNSET))

        def _parse_delta(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        delta = _parse_delta(d.pop("delta", UNSET))

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
        ) -> Union["ToolCallChunkEventMetadataType0", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ToolCallChunkEventMetadataType0.from_dict(data)

                return metadata_type_0
            except:  # noqa: E722
                pass
            return cast(Union["ToolCallChunkEventMetadataType0", None, Unset], data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_subagent_run_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        subagent_run_id = _parse_subagent_run_id(d.pop("subagent_run_id", UNSET))

        tool_call_chunk_event = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            tool_call_name=tool_call_name,
            parent_message_id=parent_message_id,
            delta=delta,
            timestamp=timestamp,
            raw_event=raw_event,
            metadata=metadata,
            subagent_run_id=subagent_run_id,
        )

        tool_call_chunk_event.additional_properties = d
        return tool_call_chunk_event

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
