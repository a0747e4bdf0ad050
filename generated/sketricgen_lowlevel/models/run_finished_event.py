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
    from ..models.run_finished_event_metadata_type_0 import (
        RunFinishedEventMetadataType0,
    )
    from ..models.run_finished_event_usage_type_0_item import (
        RunFinishedEventUsageType0Item,
    )


T = TypeVar("T", bound="RunFinishedEvent")


@_attrs_define
class RunFinishedEvent:
    """A run ended successfully (terminal).

    Attributes:
        type_ (Literal['RUN_FINISHED']):
        thread_id (str):
        run_id (str):
        result (Union[Unset, Any]):
        outcome (Union[Unset, Any]):
        usage (Union[None, Unset, list['RunFinishedEventUsageType0Item']]):
        timestamp (Union[None, Unset, int]):
        raw_event (Union[Unset, Any]):
        metadata (Union['RunFinishedEventMetadataType0', None, Unset]):
    """

    type_: Literal["RUN_FINISHED"]
    thread_id: str
    run_id: str
    result: Union[Unset, Any] = UNSET
    outcome: Union[Unset, Any] = UNSET
    usage: Union[None, Unset, list["RunFinishedEventUsageType0Item"]] = UNSET
    timestamp: Union[None, Unset, int] = UNSET
    raw_event: Union[Unset, Any] = UNSET
    metadata: Union["RunFinishedEventMetadataType0", None, Unset] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.run_finished_event_metadata_type_0 import (
            RunFinishedEventMetadataType0,
        )

        type_ = self.type_

        thread_id = self.thread_id

        run_id = self.run_id

        result = self.result

        outcome = self.outcome

        usage: Union[None, Unset, list[dict[str, Any]]]
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, list):
            usage = []
            for usage_type_0_item_data in self.usage:
                usage_type_0_item = usage_type_0_item_data.to_dict()
                usage.append(usage_type_0_item)

        else:
            usage = self.usage

        timestamp: Union[None, Unset, int]
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = self.timestamp

        raw_event = self.raw_event

        metadata: Union[None, Unset, dict[str, Any]]
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, RunFinishedEventMetadataType0):
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
        if result is not UNSET:
            field_dict["result"] = result
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if usage is not UNSET:
            field_dict["usage"] = usage
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if raw_event is not UNSET:
            field_dict["raw_event"] = raw_event
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_finished_event_metadata_type_0 import (
            RunFinishedEventMetadataType0,
        )
        from ..models.run_finished_event_usage_type_0_item import (
            RunFinishedEventUsageType0Item,
        )

        d = dict(src_dict)
        type_ = cast(Literal["RUN_FINISHED"], d.pop("type"))
        if type_ != "RUN_FINISHED":
            raise ValueError(f"type must match const 'RUN_FINISHED', got '{type_}'")

        thread_id = d.pop("thread_id")

        run_id = d.pop("run_id")

        result = d.pop("result", UNSET)

        outcome = d.pop("outcome", UNSET)

        def _parse_usage(
            data: object,
        ) -> Union[None, Unset, list["RunFinishedEventUsageType0Item"]]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                usage_type_0 = []
                _usage_type_0 = data
                for usage_type_0_item_data in _usage_type_0:
                    usage_type_0_item = RunFinishedEventUsageType0Item.from_dict(
                        usage_type_0_item_data
                    )

                    usage_type_0.append(usage_type_0_item)

                return usage_type_0
            except:  # noqa: E722
                pass
            return cast(
                Union[None, Unset, list["RunFinishedEventUsageType0Item"]], data
            )

        usage = _parse_usage(d.pop("usage", UNSET))

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
        ) -> Union["RunFinishedEventMetadataType0", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = RunFinishedEventMetadataType0.from_dict(data)

                return metadata_type_0
            except:  # noqa: E722
                pass
            return cast(Union["RunFinishedEventMetadataType0", None, Unset], data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        run_finished_event = cls(
            type_=type_,
            thread_id=thread_id,
            run_id=run_id,
            result=result,
            outcome=outcome,
            usage=usage,
            timestamp=timestamp,
            raw_event=raw_event,
            metadata=metadata,
        )

        run_finished_event.additional_properties = d
        return run_finished_event

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
