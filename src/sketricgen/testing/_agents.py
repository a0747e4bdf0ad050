"""The agents every emulator knows before a test adds its own."""

from __future__ import annotations

from ._script import AgentScript, Turn

__all__ = [
    "DEMO_AGENT_ID",
    "ECHO_AGENT_ID",
    "ERROR_AGENT_ID",
    "HITL_AGENT_ID",
    "OUT_OF_CREDITS_AGENT_ID",
    "builtin_agents",
]

DEMO_AGENT_ID = "demo-agent"
ECHO_AGENT_ID = "agent-123"
HITL_AGENT_ID = "hitl-agent"
ERROR_AGENT_ID = "error-agent"
OUT_OF_CREDITS_AGENT_ID = "out-of-credits-agent"


def _echo(turn: Turn) -> str:
    said = f"Hello! You said: {turn.user_input}" if turn.user_input else "Hello!"
    if turn.assets:
        names = ", ".join(f"{a.file_name} ({a.content_type}, {a.size} bytes)" for a in turn.assets)
        said += f" I received {len(turn.assets)} file(s): {names}."
    if turn.index:
        said += f" This is message {turn.index + 1} of our conversation."
    return said


def _findings(turn: Turn) -> str:
    found = (
        f'Here is what I found about "{turn.user_input}": three sources agree, and the '
        "details are in the search results above."
    )
    if turn.assets:
        names = ", ".join(f"{a.file_name} ({a.size} bytes)" for a in turn.assets)
        found += f" I also read the file(s) you attached: {names}."
    return found


def _outcome(turn: Turn) -> str:
    if not turn.decisions:
        return "The email was sent."
    decision = turn.decisions[0]
    if decision.type == "approve":
        return "Approved: the email was sent."
    if decision.type == "reject":
        return "Rejected: the email was not sent."
    return f"Noted your answer: {decision.message or ''}".rstrip()


def builtin_agents() -> dict[str, AgentScript]:
    """`demo-agent` (a step with a tool call, then streamed text), `agent-123` (a friendly
    echo, as in the SDK docs' examples), `hitl-agent` (asks approval before sending an
    email when the turn enables HITL), `error-agent` (fails with RUN_ERROR) and
    `out-of-credits-agent` (says a few words, then halts with RUN_HALTED_OUT_OF_CREDITS).
    """
    research = AgentScript().tool_call(
        "web_search", lambda t: {"query": t.user_input}, result="3 results found"
    )
    return {
        DEMO_AGENT_ID: AgentScript()
        .text("Let me look that up.")
        .step("research", research)
        .text(_findings),
        ECHO_AGENT_ID: AgentScript().text(_echo),
        HITL_AGENT_ID: AgentScript()
        .text("I will send that email for you.")
        .hitl("send_email", lambda t: {"to": "user@example.com", "body": t.user_input})
        .text(_outcome),
        ERROR_AGENT_ID: AgentScript()
        .text("Working on it.")
        .error("The agent failed to complete the run.", code="AGENT_ERROR"),
        OUT_OF_CREDITS_AGENT_ID: AgentScript()
        .text("Let me think about that.")
        .out_of_credits("The account has run out of credits."),
    }
