from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="S3PostResponse")


@_attrs_define
class S3PostResponse:
    """
    Attributes:
        location (Union[Unset, str]):
        bucket (Union[Unset, str]):
        key (Union[Unset, str]):
        e_tag (Union[Unset, str]):
    """

    location: Union[Unset, str] = UNSET
    bucket: Union[Unset, str] = UNSET
    key: Union[Unset, str] = UNSET
    e_tag: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        location = self.location

        bucket = self.bucket

        key = self.key

        e_tag = self.e_tag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if location is not UNSET:
            field_dict["Location"] = location
        if bucket is not UNSET:
            field_dict["Bucket"] = bucket
        if key is not UNSET:
            field_dict["Key"] = key
        if e_tag is not UNSET:
            field_dict["ETag"] = e_tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        location = d.pop("Location", UNSET)

        bucket = d.pop("Bucket", UNSET)

        key = d.pop("Key", UNSET)

        e_tag = d.pop("ETag", UNSET)

        s3_post_response = cls(
            location=location,
            bucket=bucket,
            key=key,
            e_tag=e_tag,
        )

        s3_post_response.additional_properties = d
        return s3_post_response

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
