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
    from ..models.run_started_event_metadata_type_0 import RunStartedEventMetadataType0


T = TypeVar("T", bound="RunStartedEvent")


@_attrs_define
class RunStartedEvent:
    """A run begins.

    Attributes:
        type_ (Literal['RUN_STARTED']):
        thread_id (str):
        run_id (str):
        parent_run_id (Union[None, Unset, str]):
        protocol_version (Union[None, Unset, str]):
        input_ (Union[Unset, Any]):
        timestamp (Union[None, Unset, int]):
        raw_event (Union[Unset, Any]):
        metadata (Union['RunStartedEventMetadataType0', None, Unset]):
    """

    type_: Literal["RUN_STARTED"]
    thread_id: str
    run_id: str
    parent_run_id: Union[None, Unset, str] = UNSET
    protocol_version: Union[None, Unset, str] = UNSET
    input_: Union[Unset, Any] = UNSET
    timestamp: Union[None, Unset, int] = UNSET
    raw_event: Union[Unset, Any] = UNSET
    metadata: Union["RunStartedEventMetadataType0", None, Unset] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.run_started_event_metadata_type_0 import (
            RunStartedEventMetadataType0,
        )

        type_ = self.type_

        thread_id = self.thread_id

        run_id = self.run_id

        parent_run_id: Union[None, Unset, str]
        if isinstance(self.parent_run_id, Unset):
            parent_run_id = UNSET
        else:
            parent_run_id = self.parent_run_id

        protocol_version: Union[None, Unset, str]
        if isinstance(self.protocol_version, Unset):
            protocol_version = UNSET
        else:
            protocol_version = self.protocol_version

        input_ = self.input_

        timestamp: Union[None, Unset, int]
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = self.timestamp

        raw_event = self.raw_event

        metadata: Union[None, Unset, dict[str, Any]]
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, RunStartedEventMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "thread_id": thread_id,
                "run_id": run_id,
            }
        )
        if parent_run_id is not UNSET:
            field_dict["parent_run_id"] = parent_run_id
        if protocol_version is not UNSET:
            field_dict["protocol_version"] = protocol_version
        if input_ is not UNSET:
            field_dict["input"] = input_
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if raw_event is not UNSET:
            field_dict["raw_event"] = raw_event
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_started_event_metadata_type_0 import (
            RunStartedEventMetadataType0,
        )

        d = dict(src_dict)
        type_ = cast(Literal["RUN_STARTED"], d.pop("type"))
        if type_ != "RUN_STARTED":
            raise ValueError(f"type must match const 'RUN_STARTED', got '{type_}'")

        thread_id = d.pop("thread_id")

        run_id = d.pop("run_id")

        def _parse_parent_run_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        parent_run_id = _parse_parent_run_id(d.pop("parent_run_id", UNSET))

        def _parse_protocol_version(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        protocol_version = _parse_protocol_version(d.pop("protocol_version", UNSET))

        input_ = d.pop("input", UNSET)

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
        ) -> Union["RunStartedEventMetadataType0", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = RunStartedEventMetadataType0.from_dict(data)

                return metadata_type_0
            except:  # noqa: E722
                pass
            return cast(Union["RunStartedEventMetadataType0", None, Unset], data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        run_started_event = cls(
            type_=type_,
            thread_id=thread_id,
            run_id=run_id,
            parent_run_id=parent_run_id,
            protocol_version=protocol_version,
            input_=input_,
            timestamp=timestamp,
            raw_event=raw_event,
            metadata=metadata,
        )

        run_started_event.additional_properties = d
        return run_started_event

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
