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
    from ..models.hitl_action_request_args import HitlActionRequestArgs


T = TypeVar("T", bound="HitlActionRequest")


@_attrs_define
class HitlActionRequest:
    """
    Attributes:
        name (str):
        args (Union[Unset, HitlActionRequestArgs]):
    """

    name: str
    args: Union[Unset, "HitlActionRequestArgs"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        args: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.args, Unset):
            args = self.args.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if args is not UNSET:
            field_dict["args"] = args

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hitl_action_request_args import HitlActionRequestArgs

        d = dict(src_dict)
        name = d.pop("name")

        _args = d.pop("args", UNSET)
        args: Union[Unset, HitlActionRequestArgs]
        if isinstance(_args, Unset):
            args = UNSET
        else:
            args = HitlActionRequestArgs.from_dict(_args)

        hitl_action_request = cls(
            name=name,
            args=args,
        )

        hitl_action_request.additional_properties = d
        return hitl_action_request

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
