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
    from ..models.tool_call_result_event_content_type_1_item import (
        ToolCallResultEventContentType1Item,
    )
    from ..models.tool_call_result_event_metadata_type_0 import (
        ToolCallResultEventMetadataType0,
    )


T = TypeVar("T", bound="ToolCallResultEvent")


@_attrs_define
class ToolCallResultEvent:
    """The result a tool call returned.

    Attributes:
        type_ (Literal['TOOL_CALL_RESULT']):
        tool_call_id (str):
        content (Union[list['ToolCallResultEventContentType1Item'], str]):
        message_id (Union[Unset, str]):
        role (Union[None, Unset, str]):
        timestamp (Union[None, Unset, int]):
        raw_event (Union[Unset, Any]):
        metadata (Union['ToolCallResultEventMetadataType0', None, Unset]):
        subagent_run_id (Union[None, Unset, str]):
    """

    type_: Literal["TOOL_CALL_RESULT"]
    tool_call_id: str
    content: Union[list["ToolCallResultEventContentType1Item"], str]
    message_id: Union[Unset, str] = UNSET
    role: Union[None, Unset, str] = UNSET
    timestamp: Union[None, Unset, int] = UNSET
    raw_event: Union[Unset, Any] = UNSET
    metadata: Union["ToolCallResultEventMetadataType0", None, Unset] = UNSET
    subagent_run_id: Union[None, Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tool_call_result_event_metadata_type_0 import (
            ToolCallResultEventMetadataType0,
        )

        type_ = self.type_

        tool_call_id = self.tool_call_id

        content: Union[list[dict[str, Any]], str]
        if isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item = content_type_1_item_data.to_dict()
                content.append(content_type_1_item)

        else:
            content = self.content

        message_id = self.message_id

        role: Union[None, Unset, str]
        if isinstance(self.role, Unset):
            role = UNSET
        else:
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
        elif isinstance(self.metadata, ToolCallResultEventMetadataType0):
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
                "tool_call_id": tool_call_id,
                "content": content,
            }
        )
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
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
        from ..models.tool_call_result_event_content_type_1_item import (
            ToolCallResultEventContentType1Item,
        )
        from ..models.tool_call_result_event_metadata_type_0 import (
            ToolCallResultEventMetadataType0,
        )

        d = dict(src_dict)
        type_ = cast(Literal["TOOL_CALL_RESULT"], d.pop("type"))
        if type_ != "TOOL_CALL_RESULT":
            raise ValueError(f"type must match const 'TOOL_CALL_RESULT', got '{type_}'")

        tool_call_id = d.pop("tool_call_id")

        def _parse_content(
            data: object,
        ) -> Union[list["ToolCallResultEventContentType1Item"], str]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                content_type_1 = []
                _content_type_1 = data
                for content_type_1_item_data in _content_type_1:
                    content_type_1_item = ToolCallResultEventContentType1Item.from_dict(
                        content_type_1_item_data
                    )

                    content_type_1.append(content_type_1_item)

                return content_type_1
            except:  # noqa: E722
                pass
            return cast(Union[list["ToolCallResultEventContentType1Item"], str], data)

        content = _parse_content(d.pop("content"))

        message_id = d.pop("message_id", UNSET)

        def _parse_role(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        role = _parse_role(d.pop("role", UNSET))

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
        ) -> Union["ToolCallResultEventMetadataType0", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ToolCallResultEventMetadataType0.from_dict(data)

                return metadata_type_0
            except:  # noqa: E722
                pass
            return cast(Union["ToolCallResultEventMetadataType0", None, Unset], data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_subagent_run_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        subagent_run_id = _parse_subagent_run_id(d.pop("subagent_run_id", UNSET))

        tool_call_result_event = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            content=content,
            message_id=message_id,
            role=role,
            timestamp=timestamp,
            raw_event=raw_event,
            metadata=metadata,
            subagent_run_id=subagent_run_id,
        )

        tool_call_result_event.additional_properties = d
        return tool_call_result_event

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
