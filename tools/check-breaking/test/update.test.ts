// --update, at release time: the current bundle becomes the released baseline, byte for byte, and
// only once `changeset version` has consumed the pending changesets.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { changeset, fixtureArgs, removeTempDirs, runCheck, writeFixture } from "./support/cli.js";
import { baseSpec, schemas } from "./support/spec.js";

afterAll(removeTempDirs);

describe("--update", () => {
  test("writes the current bundle as the released baseline, byte for byte; the next check sees no change", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    const current = baseSpec();
    schemas(current).ThingKind.enum = ["box"];
    writeFileSync(f.current, JSON.stringify(current, null, 1)); // formatting is preserved, not rewritten
    const update = await runCheck([...fixtureArgs(f), "--update"]);
    expect(update.status).toBe(0);
    expect(update.stdout).toMatch(
      /released\.json updated from .*current\.json \(2 breaking, 0 non-breaking changes since the previous baseline\)/,
    );
    expect(readFileSync(f.released, "utf8")).toBe(readFileSync(f.current, "utf8"));
    const again = await runCheck([...fixtureArgs(f), "--json"]);
    expect(again.status).toBe(0);
    const result = JSON.parse(again.stdout);
    expect([...result.breaking, ...result.nonBreaking]).toEqual([]);
  });

  test("creates the baseline (and its folder) when there is none", async () => {
    const f = writeFixture(baseSpec(), baseSpec());
    const target = join(f.dir, "released", "openapi.json");
    const run = await runCheck(["--released", target, "--current", f.current, "--changesets", f.changesets, "--update"]);
    expect(run.status).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(readFileSync(f.current, "utf8"));
  });

  test("refuses while changesets are pending (they would be released against the wrong baseline); --force overrides", async () => {
    const f = writeFixture(baseSpec(), baseSpec(), { "x.md": changeset({ "@hostup/sdk": "major" }) });
    const before = readFileSync(f.released, "utf8");
    writeFileSync(f.current, "{}\n");
    const refused = await runCheck([...fixtureArgs(f), "--update"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("Run `changeset version` first, or pass --force");
    expect(readFileSync(f.released, "utf8")).toBe(before);
    const forced = await runCheck([...fixtureArgs(f), "--update", "--force"]);
    expect(forced.status).toBe(0);
    expect(readFileSync(f.released, "utf8")).toBe("{}\n");
  });
});
