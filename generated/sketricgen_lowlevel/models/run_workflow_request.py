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
    from ..models.hitl_resume import HitlResume


T = TypeVar("T", bound="RunWorkflowRequest")


@_attrs_define
class RunWorkflowRequest:
    """One user turn sent to an agent.

    Attributes:
        agent_id (str): The agent (workflow) to run.
        user_input (str): The user's message; may be empty only with `assets` or `hitl_resume`.
        conversation_id (Union[Unset, str]): Continue this conversation; omit to start a new one.
        contact_id (Union[Unset, str]): Your identifier of the end user; groups their conversations.
        stream (Union[Unset, bool]): Answer as a Server-Sent Events stream of AG-UI events. Default: False.
        assets (Union[Unset, list[str]]): File ids of completed uploads of this agent, in order.
        enable_hitl (Union[Unset, bool]): Allow human-in-the-loop tools for this turn.
        hitl_resume (Union[Unset, HitlResume]): Answers to a paused human-in-the-loop request; needs `conversation_id`
            and `enable_hitl`.
    """

    agent_id: str
    user_input: str
    conversation_id: Union[Unset, str] = UNSET
    contact_id: Union[Unset, str] = UNSET
    stream: Union[Unset, bool] = False
    assets: Union[Unset, list[str]] = UNSET
    enable_hitl: Union[Unset, bool] = UNSET
    hitl_resume: Union[Unset, "HitlResume"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        user_input = self.user_input

        conversation_id = self.conversation_id

        contact_id = self.contact_id

        stream = self.stream

        assets: Union[Unset, list[str]] = UNSET
        if not isinstance(self.assets, Unset):
            assets = self.assets

        enable_hitl = self.enable_hitl

        hitl_resume: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.hitl_resume, Unset):
            hitl_resume = self.hitl_resume.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "user_input": user_input,
            }
        )
        if conversation_id is not UNSET:
            field_dict["conversation_id"] = conversation_id
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if stream is not UNSET:
            field_dict["stream"] = stream
        if assets is not UNSET:
            field_dict["assets"] = assets
        if enable_hitl is not UNSET:
            field_dict["enable_hitl"] = enable_hitl
        if hitl_resume is not UNSET:
            field_dict["hitl_resume"] = hitl_resume

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hitl_resume import HitlResume

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        user_input = d.pop("user_input")

        conversation_id = d.pop("conversation_id", UNSET)

        contact_id = d.pop("contact_id", UNSET)

        stream = d.pop("stream", UNSET)

        assets = cast(list[str], d.pop("assets", UNSET))

        enable_hitl = d.pop("enable_hitl", UNSET)

        _hitl_resume = d.pop("hitl_resume", UNSET)
        hitl_resume: Union[Unset, HitlResume]
        if isinstance(_hitl_resume, Unset):
            hitl_resume = UNSET
        else:
            hitl_resume = HitlResume.from_dict(_hitl_resume)

        run_workflow_request = cls(
            agent_id=agent_id,
            user_input=user_input,
            conversation_id=conversation_id,
            contact_id=contact_id,
            stream=stream,
            assets=assets,
            enable_hitl=enable_hitl,
            hitl_resume=hitl_resume,
        )

        run_workflow_request.additional_properties = d
        return run_workflow_request

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
