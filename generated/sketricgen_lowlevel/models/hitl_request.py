from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hitl_request_status import HitlRequestStatus, check_hitl_request_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hitl_action_request import HitlActionRequest
    from ..models.hitl_review_config import HitlReviewConfig


T = TypeVar("T", bound="HitlRequest")


@_attrs_define
class HitlRequest:
    """A paused human-in-the-loop request awaiting decisions.

    Attributes:
        request_id (str):
        schema_version (Union[None, Unset, int, str]):
        thread_id (Union[None, Unset, str]):
        run_id (Union[None, Unset, str]):
        interrupt_ids (Union[Unset, list[str]]):
        original_run_id (Union[None, Unset, str]):
        action_requests (Union[Unset, list['HitlActionRequest']]):
        review_configs (Union[Unset, list['HitlReviewConfig']]):
        paused_at (Union[None, Unset, str]):
        status (Union[Unset, HitlRequestStatus]):
    """

    request_id: str
    schema_version: Union[None, Unset, int, str] = UNSET
    thread_id: Union[None, Unset, str] = UNSET
    run_id: Union[None, Unset, str] = UNSET
    interrupt_ids: Union[Unset, list[str]] = UNSET
    original_run_id: Union[None, Unset, str] = UNSET
    action_requests: Union[Unset, list["HitlActionRequest"]] = UNSET
    review_configs: Union[Unset, list["HitlReviewConfig"]] = UNSET
    paused_at: Union[None, Unset, str] = UNSET
    status: Union[Unset, HitlRequestStatus] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        schema_version: Union[None, Unset, int, str]
        if isinstance(self.schema_version, Unset):
            schema_version = UNSET
        else:
            schema_version = self.schema_version

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

        interrupt_ids: Union[Unset, list[str]] = UNSET
        if not isinstance(self.interrupt_ids, Unset):
            interrupt_ids = self.interrupt_ids

        original_run_id: Union[None, Unset, str]
        if isinstance(self.original_run_id, Unset):
            original_run_id = UNSET
        else:
            original_run_id = self.original_run_id

        action_requests: Union[Unset, list[dict[str, Any]]] = UNSET
        if not isinstance(self.action_requests, Unset):
            action_requests = []
            for action_requests_item_data in self.action_requests:
                action_requests_item = action_requests_item_data.to_dict()
                action_requests.append(action_requests_item)

        review_configs: Union[Unset, list[dict[str, Any]]] = UNSET
        if not isinstance(self.review_configs, Unset):
            review_configs = []
            for review_configs_item_data in self.review_configs:
                review_configs_item = review_configs_item_data.to_dict()
                review_configs.append(review_configs_item)

        paused_at: Union[None, Unset, str]
        if isinstance(self.paused_at, Unset):
            paused_at = UNSET
        else:
            paused_at = self.paused_at

        status: Union[Unset, str] = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
            }
        )
        if schema_version is not UNSET:
            field_dict["schema_version"] = schema_version
        if thread_id is not UNSET:
            field_dict["thread_id"] = thread_id
        if run_id is not UNSET:
            field_dict["run_id"] = run_id
        if interrupt_ids is not UNSET:
            field_dict["interrupt_ids"] = interrupt_ids
        if original_run_id is not UNSET:
            field_dict["original_run_id"] = original_run_id
        if action_requests is not UNSET:
            field_dict["action_requests"] = action_requests
        if review_configs is not UNSET:
            field_dict["review_configs"] = review_configs
        if paused_at is not UNSET:
            field_dict["paused_at"] = paused_at
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hitl_action_request import HitlActionRequest
        from ..models.hitl_review_config import HitlReviewConfig

        d = dict(src_dict)
        request_id = d.pop("request_id")

        def _parse_schema_version(data: object) -> Union[None, Unset, int, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, int, str], data)

        schema_version = _parse_schema_version(d.pop("schema_version", UNSET))

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

        interrupt_ids = cast(list[str], d.pop("interrupt_ids", UNSET))

        def _parse_original_run_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        original_run_id = _parse_original_run_id(d.pop("original_run_id", UNSET))

        action_requests = []
        _action_requests = d.pop("action_requests", UNSET)
        for action_requests_item_data in _action_requests or []:
            action_requests_item = HitlActionRequest.from_dict(
                action_requests_item_data
            )

            action_requests.append(action_requests_item)

        review_configs = []
        _review_configs = d.pop("review_configs", UNSET)
        for review_configs_item_data in _review_configs or []:
            review_configs_item = HitlReviewConfig.from_dict(review_configs_item_data)

            review_configs.append(review_configs_item)

        def _parse_paused_at(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        paused_at = _parse_paused_at(d.pop("paused_at", UNSET))

        _status = d.pop("status", UNSET)
        status: Union[Unset, HitlRequestStatus]
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_hitl_request_status(_status)

        hitl_request = cls(
            request_id=request_id,
            schema_version=schema_version,
            thread_id=thread_id,
            run_id=run_id,
            interrupt_ids=interrupt_ids,
            original_run_id=original_run_id,
            action_requests=action_requests,
            review_configs=review_configs,
            paused_at=paused_at,
            status=status,
        )

        hitl_request.additional_properties = d
        return hitl_request

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
