// Input errors exit 2 with one line on stderr: the arguments (node:util parseArgs, strict), the two
// specs (missing, not JSON, a broken $ref).
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseArguments, UsageError } from "../src/index.js";
import { fixtureArgs, removeTempDirs, repoRoot, runCheck, writeFixture } from "./support/cli.js";
import { baseSpec, ref, schemas } from "./support/spec.js";

afterAll(removeTempDirs);

describe.concurrent("input errors exit 2", () => {
  test("no current bundle: says how to build it", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    const run = await runCheck(["--released", f.released, "--current", join(f.dir, "missing.json"), "--changesets", f.changesets]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("current bundle not found");
    expect(run.stderr).toContain("turbo run bundle");
  });

  test("no released baseline", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    const run = await runCheck(["--released", join(f.dir, "missing.json"), "--current", f.current, "--changesets", f.changesets]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("released spec not found");
  });

  test("a spec that is not JSON", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    writeFileSync(f.current, "openapi: 3.1.0\n");
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is not valid JSON");
  });

  test("an unresolvable $ref", async () => {
    const current = baseSpec();
    schemas(current).Thing.properties.kind = ref("Nope");
    const f = writeFixture(baseSpec(), current);
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unresolvable $ref #/components/schemas/Nope");
  });

  test("an unknown argument", async () => {
    const run = await runCheck(["--frobnicate"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown argument --frobnicate");
  });

  test("--help prints the rules", async () => {
    const run = await runCheck(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("request-pattern-changed");
    expect(run.stdout).toContain("removing an accepted field is always breaking");
  });
});

describe("parseArguments", () => {
  test("the defaults are the repository's files; paths given are resolved against the working directory", () => {
    expect(parseArguments([])).toEqual({
      released: join(repoRoot, "openapi/released/openapi.json"),
      current: join(repoRoot, "openapi/dist/openapi.json"),
      changesets: join(repoRoot, ".changeset"),
      json: false,
      update: false,
      force: false,
      help: false,
    });
    const opts = parseArguments(["--released", "a.json", "--current=b.json", "--changesets", "cs", "--json", "--update", "--force", "-h"]);
    expect(opts).toEqual({
      released: resolve("a.json"),
      current: resolve("b.json"),
      changesets: resolve("cs"),
      json: true,
      update: true,
      force: true,
      help: true,
    });
  });

  test.each([
    [["--frobnicate"], "unknown argument --frobnicate"],
    [["-x"], "unknown argument -x"],
    [["--json", "extra"], "unknown argument extra"],
    [["--json=yes"], "unknown argument --json=yes"],
    [["--current"], "--current needs a value"],
    [["--released", "--json"], "--released needs a value, not the option --json"],
  ])("%j: a usage error, %s", (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(UsageError);
    expect(() => parseArguments(argv)).toThrow(message);
  });

  test("a file whose name starts with a dash, given inline", () => {
    expect(parseArguments(["--released=-odd.json"]).released).toBe(resolve("-odd.json"));
  });
});
