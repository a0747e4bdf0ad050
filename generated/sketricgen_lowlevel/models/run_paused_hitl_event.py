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
    from ..models.hitl_request import HitlRequest
    from ..models.run_paused_hitl_event_metadata_type_0 import (
        RunPausedHitlEventMetadataType0,
    )


T = TypeVar("T", bound="RunPausedHitlEvent")


@_attrs_define
class RunPausedHitlEvent:
    """SketricGen: a run paused for human decisions (terminal).

    Attributes:
        type_ (Literal['RUN_PAUSED_HITL']):
        request_id (str):
        interrupt_ids (Union[Unset, list[str]]):
        thread_id (Union[None, Unset, str]):
        run_id (Union[None, Unset, str]):
        hitl_request (Union['HitlRequest', None, Unset]):
        timestamp (Union[None, Unset, int]):
        raw_event (Union[Unset, Any]):
        metadata (Union['RunPausedHitlEventMetadataType0', None, Unset]):
    """

    type_: Literal["RUN_PAUSED_HITL"]
    request_id: str
    interrupt_ids: Union[Unset, list[str]] = UNSET
    thread_id: Union[None, Unset, str] = UNSET
    run_id: Union[None, Unset, str] = UNSET
    hitl_request: Union["HitlRequest", None, Unset] = UNSET
    timestamp: Union[None, Unset, int] = UNSET
    raw_event: Union[Unset, Any] = UNSET
    metadata: Union["RunPausedHitlEventMetadataType0", None, Unset] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.hitl_request import HitlRequest
        from ..models.run_paused_hitl_event_metadata_type_0 import (
            RunPausedHitlEventMetadataType0,
        )

        type_ = self.type_

        request_id = self.request_id

        interrupt_ids: Union[Unset, list[str]] = UNSET
        if not isinstance(self.interrupt_ids, Unset):
            interrupt_ids = self.interrupt_ids

        thread_id: Union[None, Unset, str]
        if isinstance(self.thread_id, Unset):
            thread_id = UNSET
        else:
            thread_id = self.thread_id

        run_id: Union[None, Unset, str]
        if isinstance(self.run_id, Unset):
            run_id = UNSET
        else:
            run_id = self.run_id

        hitl_request: Union[None, Unset, dict[str, Any]]
        if isinstance(self.hitl_request, Unset):
            hitl_request = UNSET
        elif isinstance(self.hitl_request, HitlRequest):
            hitl_request = self.hitl_request.to_dict()
        else:
            hitl_request = self.hitl_request

        timestamp: Union[None, Unset, int]
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = self.timestamp

        raw_event = self.raw_event

        metadata: Union[None, Unset, dict[str, Any]]
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, RunPausedHitlEventMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "request_id": request_id,
            }
        )
        if interrupt_ids is not UNSET:
            field_dict["interrupt_ids"] = interrupt_ids
        if thread_id is not UNSET:
            field_dict["thread_id"] = thread_id
        if run_id is not UNSET:
            field_dict["run_id"] = run_id
        if hitl_request is not UNSET:
            field_dict["hitl_request"] = hitl_request
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if raw_event is not UNSET:
            field_dict["raw_event"] = raw_event
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hitl_request import HitlRequest
        from ..models.run_paused_hitl_event_metadata_type_0 import (
            RunPausedHitlEventMetadataType0,
        )

        d = dict(src_dict)
        type_ = cast(Literal["RUN_PAUSED_HITL"], d.pop("type"))
        if type_ != "RUN_PAUSED_HITL":
            raise ValueError(f"type must match const 'RUN_PAUSED_HITL', got '{type_}'")

        request_id = d.pop("request_id")

        interrupt_ids = cast(list[str], d.pop("interrupt_ids", UNSET))

        def _parse_thread_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        thread_id = _parse_thread_id(d.pop("thread_id", UNSET))

        def _parse_run_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        run_id = _parse_run_id(d.pop("run_id", UNSET))

        def _parse_hitl_request(data: object) -> Union["HitlRequest", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hitl_request_type_0 = HitlRequest.from_dict(data)

                return hitl_request_type_0
            except:  # noqa: E722
                pass
            return cast(Union["HitlRequest", None, Unset], data)

        hitl_request = _parse_hitl_request(d.pop("hitl_request", UNSET))

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
        ) -> Union["RunPausedHitlEventMetadataType0", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = RunPausedHitlEventMetadataType0.from_dict(data)

                return metadata_type_0
            except:  # noqa: E722
                pass
            return cast(Union["RunPausedHitlEventMetadataType0", None, Unset], data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        run_paused_hitl_event = cls(
            type_=type_,
            request_id=request_id,
            interrupt_ids=interrupt_ids,
            thread_id=thread_id,
            run_id=run_id,
            hitl_request=hitl_request,
            timestamp=timestamp,
            raw_event=raw_event,
            metadata=metadata,
        )

        run_paused_hitl_event.additional_properties = d
        return run_paused_hitl_event

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
