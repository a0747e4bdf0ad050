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
    from ..models.validation_error_item import ValidationErrorItem


T = TypeVar("T", bound="ErrorBody")


@_attrs_define
class ErrorBody:
    """An error answer; `message` or `detail` says what went wrong.

    Attributes:
        message (Union[Unset, str]):
        detail (Union[Unset, list['ValidationErrorItem'], str]):
        error (Union[None, Unset, bool, str]):
    """

    message: Union[Unset, str] = UNSET
    detail: Union[Unset, list["ValidationErrorItem"], str] = UNSET
    error: Union[None, Unset, bool, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        detail: Union[Unset, list[dict[str, Any]], str]
        if isinstance(self.detail, Unset):
            detail = UNSET
        elif isinstance(self.detail, list):
            detail = []
            for detail_type_1_item_data in self.detail:
                detail_type_1_item = detail_type_1_item_data.to_dict()
                detail.append(detail_type_1_item)

        else:
            detail = self.detail

        error: Union[None, Unset, bool, str]
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if detail is not UNSET:
            field_dict["detail"] = detail
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.validation_error_item import ValidationErrorItem

        d = dict(src_dict)
        message = d.pop("message", UNSET)

        def _parse_detail(
            data: object,
        ) -> Union[Unset, list["ValidationErrorItem"], str]:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                detail_type_1 = []
                _detail_type_1 = data
                for detail_type_1_item_data in _detail_type_1:
                    detail_type_1_item = ValidationErrorItem.from_dict(
                        detail_type_1_item_data
                    )

                    detail_type_1.append(detail_type_1_item)

                return detail_type_1
            except:  # noqa: E722
                pass
            return cast(Union[Unset, list["ValidationErrorItem"], str], data)

        detail = _parse_detail(d.pop("detail", UNSET))

        def _parse_error(data: object) -> Union[None, Unset, bool, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, bool, str], data)

        error = _parse_error(d.pop("error", UNSET))

        error_body = cls(
            message=message,
            detail=detail,
            error=error,
        )

        error_body.additional_properties = d
        return error_body

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
