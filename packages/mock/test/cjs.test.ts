import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const CJS = fileURLToPath(new URL("../dist/index.cjs", import.meta.url));

// Node 20.19+ can require() ES modules, which would hide an ESM-only dependency left external in
// the CJS build (the spec walker); turning that off is how Node ≥ 20 before 20.19 loads the package.
const noRequireEsm = process.allowedNodeEnvironmentFlags.has("--experimental-require-module") ? ["--no-experimental-require-module"] : [];

test("the CJS build loads and builds a scenario fetch without require(esm)", () => {
  const script = `const m = require(${JSON.stringify(CJS)}); console.log(typeof m.scenarioFetch({ deleteDomain: 409 }), typeof m.startMockServer);`;
  const out = execFileSync(process.execPath, [...noRequireEsm, "-e", script], { encoding: "utf8" });
  expect(out.trim()).toBe("function function");
});
