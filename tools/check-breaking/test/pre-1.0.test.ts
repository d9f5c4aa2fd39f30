// Below 1.0.0, a minor release may break (semver; npm's `^0.3.1` never installs 0.4.0): a minor
// changeset announces a breaking change of a package whose released version is 0.y.z, read from the
// package.json files of the repository the changesets belong to.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { breakingBump } from "../src/changesets.js";
import { changeset, fixtureArgs, removeTempDirs, runCheck, writeFixture } from "./support/cli.js";
import { baseSpec, schemas } from "./support/spec.js";

afterAll(removeTempDirs);

/** A fixture whose changesets folder sits in a repository with the given package versions. */
function repositoryWith(versions: { openapi?: string; sdk?: string }, bumps: Record<string, string>) {
  const current = baseSpec();
  schemas(current).ThingKind.enum = ["box"]; // an enum value removed from what clients send: breaking
  const f = writeFixture(baseSpec(), current, { "narrow-kinds.md": changeset(bumps) });
  const write = (dir: string, name: string, version: string) => {
    mkdirSync(join(f.dir, dir), { recursive: true });
    writeFileSync(join(f.dir, dir, "package.json"), JSON.stringify({ name, version }));
  };
  if (versions.openapi) write("openapi", "@hostup/openapi", versions.openapi);
  if (versions.sdk) write("packages/sdk", "@hostup/sdk", versions.sdk);
  return f;
}

describe.concurrent("pre-1.0 packages", () => {
  test("a minor changeset announces a breaking change of a 0.y.z package", async () => {
    const run = await runCheck(fixtureArgs(repositoryWith({ openapi: "0.3.1", sdk: "0.3.1" }, { "@hostup/openapi": "minor" })));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("announced by a breaking-bump changeset");
    expect(run.stdout).toContain("(@hostup/openapi: minor)");
  });

  test("from 1.0.0 on, minor is not enough", async () => {
    const run = await runCheck(
      fixtureArgs(repositoryWith({ openapi: "1.0.0", sdk: "1.2.0" }, { "@hostup/openapi": "minor", "@hostup/sdk": "minor" })),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("a breaking change needs major, or minor below 1.0.0");
  });

  test("a patch is never enough, and a package whose version is unknown needs major", async () => {
    expect((await runCheck(fixtureArgs(repositoryWith({ openapi: "0.3.1" }, { "@hostup/openapi": "patch" })))).status).toBe(1);
    expect((await runCheck(fixtureArgs(repositoryWith({}, { "@hostup/sdk": "minor" })))).status).toBe(1);
  });

  test.each([
    ["major", "1.4.0", true],
    ["major", undefined, true],
    ["minor", "0.0.0", true],
    ["minor", "0.9.12", true],
    ["minor", "1.0.0", false],
    ["minor", "10.0.0", false],
    ["minor", undefined, false],
    ["patch", "0.1.0", false],
    [undefined, "0.1.0", false],
  ])("bump %s of version %s breaks: %s", (bump, version, expected) => {
    expect(breakingBump(bump, version)).toBe(expected);
  });
});
