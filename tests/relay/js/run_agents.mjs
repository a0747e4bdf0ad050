// Drives the sketricgen AG-UI relay with the real `HttpAgent` of @ag-ui/client.
//
// Usage: node run_agents.mjs RELAY_URL AGENT_ID...
// Every run is POSTed to RELAY_URL and names its agent in `forwardedProps.agentId` (the
// relay checks it against its allowlist). HttpAgent's
// own pipeline checks every event (its verifyEvents stage is always on in runAgent), so
// an event out of order fails the run with the client's own error. Prints one JSON
// summary on stdout, which the pytest wrapper (tests/relay/test_node_client.py) checks.

import { HttpAgent } from "@ag-ui/client";
import { randomUUID } from "node:crypto";

const [url, ...agentIds] = process.argv.slice(2);
if (!url || agentIds.length === 0) {
  console.error("usage: node run_agents.mjs RELAY_URL AGENT_ID...");
  process.exit(2);
}

// One runAgent call: the events the client handed its subscriber, in order.
async function runOnce(agent, params) {
  const events = [];
  const runId = randomUUID();
  const record = {
    input: { threadId: agent.threadId, runId },
    events,
    outcome: null,
    interrupts: [],
    error: null,
  };
  try {
    await agent.runAgent(
      { runId, forwardedProps: { agentId: agent.agentId }, ...params },
      {
        onEvent: ({ event }) => {
          events.push(event);
        },
        onRunFinishedEvent: ({ outcome, interrupts }) => {
          record.outcome = outcome;
          record.interrupts = interrupts || [];
        },
      },
    );
  } catch (error) {
    record.error = { name: error?.name ?? "Error", message: String(error?.message ?? error) };
  }
  record.pendingInterrupts = agent.pendingInterrupts.map((i) => i.id);
  record.messages = agent.messages.map((m) => ({ role: m.role, content: m.content }));
  return record;
}

function userMessage(text) {
  return { id: randomUUID(), role: "user", content: text };
}

function newAgent(agentId) {
  return new HttpAgent({ url, agentId, threadId: randomUUID() });
}

// Every scenario: a list of runs on one thread.
async function scenario(agentId) {
  const runs = [];
  if (agentId === "hitl-agent") {
    for (const decision of ["approve", "reject"]) {
      const agent = newAgent(agentId);
      agent.addMessage(userMessage(`Email the team: ${decision} test`));
      const paused = await runOnce(agent, {});
      const resume = paused.pendingInterrupts.map((id) => ({
        interruptId: id,
        status: "resolved",
        payload: { type: decision },
      }));
      const resumed = await runOnce(agent, { resume });
      runs.push({ decision, ...paused }, { decision, ...resumed });
    }
    return runs;
  }
  const agent = newAgent(agentId);
  agent.addMessage(userMessage("What is AG-UI?"));
  runs.push(await runOnce(agent, {}));
  if (agentId === "agent-123") {
    // A second turn on the same thread continues the SketricGen conversation.
    agent.addMessage(userMessage("And again"));
    runs.push(await runOnce(agent, {}));
  }
  return runs;
}

const summary = { client: "@ag-ui/client HttpAgent", agents: {} };
for (const agentId of agentIds) {
  summary.agents[agentId] = await scenario(agentId);
}
process.stdout.write(JSON.stringify(summary) + "\n");
