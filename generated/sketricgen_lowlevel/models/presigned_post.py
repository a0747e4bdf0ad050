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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.presigned_post_fields import PresignedPostFields


T = TypeVar("T", bound="PresignedPost")


@_attrs_define
class PresignedPost:
    """Where and how to POST the file's bytes.

    Attributes:
        url (str):
        fields (PresignedPostFields): Form fields to send first, in this order, unchanged.
        expires_at (Union[None, Unset, str]):
        max_file_bytes (Union[None, Unset, int]):
    """

    url: str
    fields: "PresignedPostFields"
    expires_at: Union[None, Unset, str] = UNSET
    max_file_bytes: Union[None, Unset, int] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        fields = self.fields.to_dict()

        expires_at: Union[None, Unset, str]
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        max_file_bytes: Union[None, Unset, int]
        if isinstance(self.max_file_bytes, Unset):
            max_file_bytes = UNSET
        else:
            max_file_bytes = self.max_file_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "fields": fields,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if max_file_bytes is not UNSET:
            field_dict["max_file_bytes"] = max_file_bytes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.presigned_post_fields import PresignedPostFields

        d = dict(src_dict)
        url = d.pop("url")

        fields = PresignedPostFields.from_dict(d.pop("fields"))

        def _parse_expires_at(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_max_file_bytes(data: object) -> Union[None, Unset, int]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, int], data)

        max_file_bytes = _parse_max_file_bytes(d.pop("max_file_bytes", UNSET))

        presigned_post = cls(
            url=url,
            fields=fields,
            expires_at=expires_at,
            max_file_bytes=max_file_bytes,
        )

        presigned_post.additional_properties = d
        return presigned_post

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
