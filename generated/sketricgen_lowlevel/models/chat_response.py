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
    from ..models.chat_response_hitl_interrupts_type_0_item import (
        ChatResponseHitlInterruptsType0Item,
    )
    from ..models.chat_response_web_search_citations_type_0_item import (
        ChatResponseWebSearchCitationsType0Item,
    )
    from ..models.generated_asset import GeneratedAsset
    from ..models.hitl_request import HitlRequest


T = TypeVar("T", bound="ChatResponse")


@_attrs_define
class ChatResponse:
    """The answer of a finished, non-streamed run.

    Attributes:
        agent_id (str):
        user_id (str):
        conversation_id (str): Pass it back to continue the conversation.
        response (str): The assistant's text.
        owner (str):
        contact_id (Union[None, Unset, str]): Present when one was sent.
        error (Union[Unset, bool]):  Default: False.
        assets (Union[Unset, list['GeneratedAsset']]): Files the run produced.
        run_paused_hitl (Union[Unset, bool]):  Default: False.
        hitl_interrupts (Union[None, Unset, list['ChatResponseHitlInterruptsType0Item']]):
        hitl_request (Union['HitlRequest', None, Unset]):
        run_halted_out_of_credits (Union[Unset, bool]): The run stopped because the account ran out of credits (a
            stream ends with `RUN_HALTED_OUT_OF_CREDITS` instead);
            `response` holds what the agent said before it stopped.
             Default: False.
        web_search_citations (Union[None, Unset, list['ChatResponseWebSearchCitationsType0Item']]):
    """

    agent_id: str
    user_id: str
    conversation_id: str
    response: str
    owner: str
    contact_id: Union[None, Unset, str] = UNSET
    error: Union[Unset, bool] = False
    assets: Union[Unset, list["GeneratedAsset"]] = UNSET
    run_paused_hitl: Union[Unset, bool] = False
    hitl_interrupts: Union[None, Unset, list["ChatResponseHitlInterruptsType0Item"]] = (
        UNSET
    )
    hitl_request: Union["HitlRequest", None, Unset] = UNSET
    run_halted_out_of_credits: Union[Unset, bool] = False
    web_search_citations: Union[
        None, Unset, list["ChatResponseWebSearchCitationsType0Item"]
    ] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.hitl_request import HitlRequest

        agent_id = self.agent_id

        user_id = self.user_id

        conversation_id = self.conversation_id

        response = self.response

        owner = self.owner

        contact_id: Union[None, Unset, str]
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        error = self.error

        assets: Union[Unset, list[dict[str, Any]]] = UNSET
        if not isinstance(self.assets, Unset):
            assets = []
            for assets_item_data in self.assets:
                assets_item = assets_item_data.to_dict()
                assets.append(assets_item)

        run_paused_hitl = self.run_paused_hitl

        hitl_interrupts: Union[None, Unset, list[dict[str, Any]]]
        if isinstance(self.hitl_interrupts, Unset):
            hitl_interrupts = UNSET
        elif isinstance(self.hitl_interrupts, list):
            hitl_interrupts = []
            for hitl_interrupts_type_0_item_data in self.hitl_interrupts:
                hitl_interrupts_type_0_item = hitl_interrupts_type_0_item_data.to_dict()
                hitl_interrupts.append(hitl_interrupts_type_0_item)

        else:
            hitl_interrupts = self.hitl_interrupts

        hitl_request: Union[None, Unset, dict[str, Any]]
        if isinstance(self.hitl_request, Unset):
            hitl_request = UNSET
        elif isinstance(self.hitl_request, HitlRequest):
            hitl_request = self.hitl_request.to_dict()
        else:
            hitl_request = self.hitl_request

        run_halted_out_of_credits = self.run_halted_out_of_credits

        web_search_citations: Union[None, Unset, list[dict[str, Any]]]
        if isinstance(self.web_search_citations, Unset):
            web_search_citations = UNSET
        elif isinstance(self.web_search_citations, list):
            web_search_citations = []
            for web_search_citations_type_0_item_data in self.web_search_citations:
                web_search_citations_type_0_item = (
                    web_search_citations_type_0_item_data.to_dict()
                )
                web_search_citations.append(web_search_citations_type_0_item)

        else:
            web_search_citations = self.web_search_citations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "user_id": user_id,
                "conversation_id": conversation_id,
                "response": response,
                "owner": owner,
            }
        )
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if error is not UNSET:
            field_dict["error"] = error
        if assets is not UNSET:
            field_dict["assets"] = assets
        if run_paused_hitl is not UNSET:
            field_dict["run_paused_hitl"] = run_paused_hitl
        if hitl_interrupts is not UNSET:
            field_dict["hitl_interrupts"] = hitl_interrupts
        if hitl_request is not UNSET:
            field_dict["hitl_request"] = hitl_request
        if run_halted_out_of_credits is not UNSET:
            field_dict["run_halted_out_of_credits"] = run_halted_out_of_credits
        if web_search_citations is not UNSET:
            field_dict["web_search_citations"] = web_search_citations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_response_hitl_interrupts_type_0_item import (
            ChatResponseHitlInterruptsType0Item,
        )
        from ..models.chat_response_web_search_citations_type_0_item import (
            ChatResponseWebSearchCitationsType0Item,
        )
        from ..models.generated_asset import GeneratedAsset
        from ..models.hitl_request import HitlRequest

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        user_id = d.pop("user_id")

        conversation_id = d.pop("conversation_id")

        response = d.pop("response")

        owner = d.pop("owner")

        def _parse_contact_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        error = d.pop("error", UNSET)

        assets = []
        _assets = d.pop("assets", UNSET)
        for assets_item_data in _assets or []:
            assets_item = GeneratedAsset.from_dict(assets_item_data)

            assets.append(assets_item)

        run_paused_hitl = d.pop("run_paused_hitl", UNSET)

        def _parse_hitl_interrupts(
            data: object,
        ) -> Union[None, Unset, list["ChatResponseHitlInterruptsType0Item"]]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                hitl_interrupts_type_0 = []
                _hitl_interrupts_type_0 = data
                for hitl_interrupts_type_0_item_data in _hitl_interrupts_type_0:
                    hitl_interrupts_type_0_item = (
                        ChatResponseHitlInterruptsType0Item.from_dict(
                            hitl_interrupts_type_0_item_data
                        )
                    )

                    hitl_interrupts_type_0.append(hitl_interrupts_type_0_item)

                return hitl_interrupts_type_0
            except:  # noqa: E722
                pass
            return cast(
                Union[None, Unset, list["ChatResponseHitlInterruptsType0Item"]], data
            )

        hitl_interrupts = _parse_hitl_interrupts(d.pop("hitl_interrupts", UNSET))

        def _parse_hitl_request(data: object) -> Union["HitlRequest", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hitl_request_type_0 = HitlRequest.from_dict(data)

                return hitl_request_type_0
            except:  # noqa: E722
                pass
            return cast(Union["HitlRequest", None, Unset], data)

        hitl_request = _parse_hitl_request(d.pop("hitl_request", UNSET))

        run_halted_out_of_credits = d.pop("run_halted_out_of_credits", UNSET)

        def _parse_web_search_citations(
            data: object,
        ) -> Union[None, Unset, list["ChatResponseWebSearchCitationsType0Item"]]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                web_search_citations_type_0 = []
                _web_search_citations_type_0 = data
                for (
                    web_search_citations_type_0_item_data
                ) in _web_search_citations_type_0:
                    web_search_citations_type_0_item = (
                        ChatResponseWebSearchCitationsType0Item.from_dict(
                            web_search_citations_type_0_item_data
                        )
                    )

                    web_search_citations_type_0.append(web_search_citations_type_0_item)

                return web_search_citations_type_0
            except:  # noqa: E722
                pass
            return cast(
                Union[None, Unset, list["ChatResponseWebSearchCitationsType0Item"]],
                data,
            )

        web_search_citations = _parse_web_search_citations(
            d.pop("web_search_citations", UNSET)
        )

        chat_response = cls(
            agent_id=agent_id,
            user_id=user_id,
            conversation_id=conversation_id,
            response=response,
            owner=owner,
            contact_id=contact_id,
            error=error,
            assets=assets,
            run_paused_hitl=run_paused_hitl,
            hitl_interrupts=hitl_interrupts,
            hitl_request=hitl_request,
            run_halted_out_of_credits=run_halted_out_of_credits,
            web_search_citations=web_search_citations,
        )

        chat_response.additional_properties = d
        return chat_response

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
