// The verdicts of AG-UI's reference verifier (@ag-ui/client's transformChunks + verifyEvents)
// on event sequences: reads a JSON list of sequences on stdin, prints one JSON list of
// {index, message}: the index of the event the reference refused (null: it passed them all).
// argv[2]: a package.json of a folder whose node_modules holds @ag-ui/client.
"use strict";
const { createRequire } = require("module");
const fs = require("fs");

const load = createRequire(process.argv[2]);
const { transformChunks, verifyEvents } = load("@ag-ui/client");
const { from } = load("rxjs");
const { map } = load("rxjs/operators");

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "1";

function verdict(events) {
  let last = -1;
  let refused = null;
  // The pipeline is synchronous: when it errors, `last` is the event being handled.
  from(events)
    .pipe(
      map((event, i) => ((last = i), event)),
      transformChunks(false),
      verifyEvents(false),
    )
    .subscribe({ error: (e) => (refused = { index: last, message: String(e.message) }) });
  return refused ?? { index: null, message: null };
}

const sequences = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(sequences.map(verdict)) + "\n");
