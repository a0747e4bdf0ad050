from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadFailureBody")


@_attrs_define
class UploadFailureBody:
    """
    Attributes:
        success (Union[Unset, bool]):  Default: False.
        message (Union[Unset, str]):
        allowed_types (Union[Unset, list[str]]):
    """

    success: Union[Unset, bool] = False
    message: Union[Unset, str] = UNSET
    allowed_types: Union[Unset, list[str]] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        message = self.message

        allowed_types: Union[Unset, list[str]] = UNSET
        if not isinstance(self.allowed_types, Unset):
            allowed_types = self.allowed_types

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if success is not UNSET:
            field_dict["success"] = success
        if message is not UNSET:
            field_dict["message"] = message
        if allowed_types is not UNSET:
            field_dict["allowed_types"] = allowed_types

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        success = d.pop("success", UNSET)

        message = d.pop("message", UNSET)

        allowed_types = cast(list[str], d.pop("allowed_types", UNSET))

        upload_failure_body = cls(
            success=success,
            message=message,
            allowed_types=allowed_types,
        )

        upload_failure_body.additional_properties = d
        return upload_failure_body

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
