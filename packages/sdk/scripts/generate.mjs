#!/usr/bin/env node
// Generates the SDK's sources from the bundled spec (@hostup/openapi's dist/openapi.json), through
// one operation model (lib/model.mjs) that every output is printed from:
// - src/generated/methods.ts: one typed method per operationId (types only), with its docs.
// - src/generated/operations.ts: what every call is sent with, one constant per operation, and the
//   table of them the client's methods are made from.
// - src/generated/functions.ts: one standalone function per operation (`@hostup/sdk/operations`), so
//   an app that imports one loads one operation, however many the API has (src/README.md).
// - src/generated/schemas.ts: the input checks' rules (loaded with src/lazy/validate.ts);
//   src/generated/secrets.ts: the secret response fields (with src/lazy/redact.ts);
//   src/generated/hints.ts: documented next steps and how to find IDs (with lazy/failure.ts and
//   lazy/validate.ts).
// - test/contract/generated/operations.test.ts: each operation against the Prism mock.
// - docs/generated/code-samples.json: the API reference's SDK and CLI samples (`x-codeSamples`,
//   merged into a docs-only copy of the bundle by @hostup/openapi's docs task).
// - README.md: the methods table (with scopes) between its `<!-- scopes:start -->` and `<!-- scopes:end -->` markers.
// All are committed and drift-checked (scripts/test fails when regenerating changes them).
//
// `--spec <file>` reads another bundle, `--out <dir>` writes the src/generated files elsewhere (the
// bundle-size benchmark builds the SDK from a synthetic spec with many more operations that way);
// with `--out` the package's tests, samples and README are left alone unless `--tests <dir>`,
// `--samples <file>` or `--readme <file>` name where to write them. `--check` writes nothing and
// fails, listing them, when files differ from what would be written.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readOperationCommands } from "./lib/cli-commands.mjs";
import { emitCodeSamples } from "./lib/emit-code-samples.mjs";
import { emitContractTests } from "./lib/emit-contract-tests.mjs";
import { emitFunctions } from "./lib/emit-functions.mjs";
import { emitHints } from "./lib/emit-hints.mjs";
import { emitMethods } from "./lib/emit-methods.mjs";
import { emitOperations } from "./lib/emit-operations.mjs";
import { spliceReadme } from "./lib/emit-readme.mjs";
import { emitSchemas } from "./lib/emit-schemas.mjs";
import { emitSecrets } from "./lib/emit-secrets.mjs";
import { buildModel } from "./lib/model.mjs";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const options = {
  spec: { type: "string" },
  out: { type: "string" },
  tests: { type: "string" },
  samples: { type: "string" },
  readme: { type: "string" },
  commands: { type: "string" },
  check: { type: "boolean" },
};
const { values: args } = parseArgs({ options, strict: true });
const ownPackage = args.out === undefined;
const place = (flag, fallback) => args[flag] ?? (ownPackage ? join(packageDir, fallback) : undefined);

/** Every file this run writes, with its text. */
async function outputs() {
  const spec = JSON.parse(readFileSync(args.spec ?? createRequire(import.meta.url).resolve("@hostup/openapi/openapi.json"), "utf8"));
  const model = buildModel(spec);
  const outDir = args.out ?? join(packageDir, "src/generated");
  const files = new Map([
    [join(outDir, "methods.ts"), emitMethods(model)],
    [join(outDir, "operations.ts"), emitOperations(model)],
    [join(outDir, "functions.ts"), emitFunctions(model)],
    [join(outDir, "secrets.ts"), emitSecrets(model)],
    [join(outDir, "schemas.ts"), emitSchemas(model)],
    [join(outDir, "hints.ts"), emitHints(model)],
  ]);
  const tests = place("tests", "test/contract/generated");
  if (tests) files.set(join(tests, "operations.test.ts"), emitContractTests(model));
  const samples = place("samples", "docs/generated/code-samples.json");
  if (samples) {
    const commands = await readOperationCommands(args.commands ?? join(packageDir, "../cli/src/operation-commands.ts"), model);
    files.set(samples, emitCodeSamples(model, commands));
  }
  const readme = place("readme", "README.md");
  if (readme) files.set(readme, spliceReadme(readFileSync(readme, "utf8"), model));
  return { model, files };
}

let model;
let files;
try {
  ({ model, files } = await outputs());
} catch (error) {
  // The spec or a table is wrong: say what and where (the message names the operation and pointer).
  console.error(`generate.mjs: ${error.message}`);
  process.exit(1);
}

const shown = (file) => relative(process.cwd(), file) || file;
if (args.check) {
  const stale = [...files].filter(([file, text]) => !existsSync(file) || readFileSync(file, "utf8") !== text).map(([file]) => file);
  if (stale.length) {
    console.error(`generate.mjs --check: out of date with the spec:\n${stale.map((f) => `  ${shown(f)}`).join("\n")}`);
    process.exit(1);
  }
  console.log(`generate.mjs --check: ${files.size} files up to date (${model.operations.length} operations)`);
} else {
  for (const [file, text] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  console.log(`generated ${[...files.keys()].map(shown).join(", ")} (${model.operations.length} operations)`);
}
