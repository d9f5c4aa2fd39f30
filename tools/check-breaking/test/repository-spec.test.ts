// The repository's own bundle: it passes against openapi/released/openapi.json (through
// scripts/check-breaking.mjs, what `npm test` runs), every construct it uses is understood, and a
// real change to it is caught.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { expectChanges } from "./support/cases.js";
import { checkShim, compare, removeTempDirs, repoRoot, runCheck, tempDir } from "./support/cli.js";
import { clone, type Spec } from "./support/spec.js";

afterAll(removeTempDirs);

describe("the repository's spec", () => {
  const bundle = createRequire(import.meta.url).resolve("@hostup/openapi/openapi.json");
  const released = join(repoRoot, "openapi/released/openapi.json");

  test("the current bundle against openapi/released/openapi.json passes (with the pending changesets)", async () => {
    expect(existsSync(bundle), `${bundle} is built by \`turbo run bundle\``).toBe(true);
    expect(existsSync(released)).toBe(true);
    const run = await runCheck([], { script: checkShim });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("OK:");
    expect(run.stdout).toMatch(
      /^check-breaking: openapi\/released\/openapi\.json \(released\) → openapi\/dist\/openapi\.json \(current\)\n/,
    );
  });

  test("the real bundle compared with itself reports nothing (every construct it uses is understood)", async () => {
    const dir = tempDir();
    const changesets = join(dir, "changesets");
    mkdirSync(changesets);
    const copy = join(dir, "copy.json");
    copyFileSync(bundle, copy);
    const run = await runCheck(["--released", bundle, "--current", copy, "--changesets", changesets, "--json"]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([...result.breaking, ...result.nonBreaking]).toEqual([]);
  });

  test("a DynDNS record type dropped from the real bundle is caught in the request and in both responses", async () => {
    const spec = JSON.parse(readFileSync(bundle, "utf8")) as Spec;
    const recordType = spec.components.schemas.DynDnsRecordType;
    expect(recordType.enum).toContain("AAAA");
    const mutated = clone(spec);
    mutated.components.schemas.DynDnsRecordType.enum = recordType.enum.filter((v: string) => v !== "AAAA");
    const { status, result } = await compare(spec, mutated);
    expect(status).toBe(1);
    expectChanges(result.breaking, [
      { id: "request-enum-value-removed", at: "createDynDnsConfig request body application/json › recordType" },
      { id: "response-enum-value-removed", at: "createDynDnsConfig response 201 application/json › recordType" },
      { id: "response-enum-value-removed", at: "listDynDnsConfigs response 200" },
    ]);
  });
});
