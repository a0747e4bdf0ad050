from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hitl_decision_type import HitlDecisionType, check_hitl_decision_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="HitlDecision")


@_attrs_define
class HitlDecision:
    """One decision on a paused tool call.

    Attributes:
        type_ (HitlDecisionType):
        message (Union[Unset, str]):
    """

    type_: HitlDecisionType
    message: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = check_hitl_decision_type(d.pop("type"))

        message = d.pop("message", UNSET)

        hitl_decision = cls(
            type_=type_,
            message=message,
        )

        hitl_decision.additional_properties = d
        return hitl_decision

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
