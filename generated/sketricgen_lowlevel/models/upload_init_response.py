from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.presigned_post import PresignedPost


T = TypeVar("T", bound="UploadInitResponse")


@_attrs_define
class UploadInitResponse:
    """
    Attributes:
        file_id (str):
        upload (PresignedPost): Where and how to POST the file's bytes.
        success (Union[Unset, bool]):  Default: True.
        content_type (Union[Unset, str]):
    """

    file_id: str
    upload: "PresignedPost"
    success: Union[Unset, bool] = True
    content_type: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = self.file_id

        upload = self.upload.to_dict()

        success = self.success

        content_type = self.content_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "upload": upload,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success
        if content_type is not UNSET:
            field_dict["content_type"] = content_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.presigned_post import PresignedPost

        d = dict(src_dict)
        file_id = d.pop("file_id")

        upload = PresignedPost.from_dict(d.pop("upload"))

        success = d.pop("success", UNSET)

        content_type = d.pop("content_type", UNSET)

        upload_init_response = cls(
            file_id=file_id,
            upload=upload,
            success=success,
            content_type=content_type,
        )

        upload_init_response.additional_properties = d
        return upload_init_response

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
