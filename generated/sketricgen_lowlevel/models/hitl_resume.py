from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hitl_decision import HitlDecision


T = TypeVar("T", bound="HitlResume")


@_attrs_define
class HitlResume:
    """Answers to a paused human-in-the-loop request; needs `conversation_id` and `enable_hitl`.

    Attributes:
        request_id (str):
        decisions (list['HitlDecision']):
    """

    request_id: str
    decisions: list["HitlDecision"]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        decisions = []
        for decisions_item_data in self.decisions:
            decisions_item = decisions_item_data.to_dict()
            decisions.append(decisions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "decisions": decisions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hitl_decision import HitlDecision

        d = dict(src_dict)
        request_id = d.pop("request_id")

        decisions = []
        _decisions = d.pop("decisions")
        for decisions_item_data in _decisions:
            decisions_item = HitlDecision.from_dict(decisions_item_data)

            decisions.append(decisions_item)

        hitl_resume = cls(
            request_id=request_id,
            decisions=decisions,
        )

        hitl_resume.additional_properties = d
        return hitl_resume

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
