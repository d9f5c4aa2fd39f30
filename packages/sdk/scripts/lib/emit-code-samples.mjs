// docs/generated/code-samples.json: each operation's samples for the API reference (Redoc's
// `x-codeSamples`): the SDK call with the operation's example inputs, and the `hostup` CLI command
// where the CLI has one. @hostup/openapi's docs task merges them into a docs-only copy of the
// bundle; tests/readme type-checks the TypeScript ones against the built SDK.
import { callArgs, callText, exampleInputs } from "./call.mjs";
import { cliCommand } from "./cli-commands.mjs";
import { NOTICE } from "./header.mjs";

/** The reference's sample panel shows about this many columns. */
const WIDTH = 60;

const CLIENT = [
  'import { createHostupClient } from "@hostup/sdk";',
  "",
  "const hostup = createHostupClient({",
  "  apiKey: process.env.HOSTUP_API_KEY!,",
  "});",
  "",
];

/** The TypeScript sample of `op`. */
export function sdkSample(op) {
  const args = callArgs(op, exampleInputs(op, "sample"));
  const call = op.success.json
    ? `${callText("const result = await ", `hostup.${op.id}`, args, WIDTH)};`
    : `// ${op.success.status}: no data to return\n${callText("await ", `hostup.${op.id}`, args, WIDTH)};`;
  return [...CLIENT, call].join("\n");
}

export function emitCodeSamples(model, commands) {
  const operations = {};
  for (const op of model.operations) {
    const samples = [{ lang: "TypeScript", label: "SDK", source: sdkSample(op) }];
    const template = commands[op.id];
    if (template) samples.push({ lang: "Shell", label: "CLI", source: cliCommand(op, template, exampleInputs(op, "sample"), WIDTH) });
    operations[op.id] = samples;
  }
  return `${JSON.stringify({ $comment: NOTICE, operations }, null, 2)}\n`;
}
