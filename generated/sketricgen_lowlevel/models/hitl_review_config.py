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

T = TypeVar("T", bound="HitlReviewConfig")


@_attrs_define
class HitlReviewConfig:
    """
    Attributes:
        allowed_decisions (Union[Unset, list[str]]):
    """

    allowed_decisions: Union[Unset, list[str]] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed_decisions: Union[Unset, list[str]] = UNSET
        if not isinstance(self.allowed_decisions, Unset):
            allowed_decisions = self.allowed_decisions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allowed_decisions is not UNSET:
            field_dict["allowed_decisions"] = allowed_decisions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_decisions = cast(list[str], d.pop("allowed_decisions", UNSET))

        hitl_review_config = cls(
            allowed_decisions=allowed_decisions,
        )

        hitl_review_config.additional_properties = d
        return hitl_review_config

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
