// Changesets: which pending changesets let a breaking change pass (a `major` for @hostup/openapi or
// @hostup/sdk in the front matter, read with @changesets/parse), through the CLI and in-process.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readChangesets, UsageError } from "../src/index.js";
import { changeset, compare, fixtureArgs, removeTempDirs, runCheck, tempDir, writeFixture } from "./support/cli.js";
import { baseSpec, type Spec, schemas } from "./support/spec.js";

afterAll(removeTempDirs);

describe.concurrent("changesets", () => {
  const breaking = (): [Spec, Spec] => {
    const current = baseSpec();
    schemas(current).ThingKind.enum = ["box"];
    return [baseSpec(), current];
  };
  const nonBreaking = (): [Spec, Spec] => {
    const current = baseSpec();
    schemas(current).Thing.properties.colour = { type: "string" };
    return [baseSpec(), current];
  };

  test("a major changeset for @hostup/sdk lets a breaking change pass", async () => {
    const { status, result, run } = await compare(...breaking(), {
      "narrow-kinds.md": changeset({ "@hostup/sdk": "major", "@hostup/types": "major" }),
    });
    expect(status).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.breaking.length).toBeGreaterThan(0);
    expect(result.majorChangesets.map((f) => f.split("/").pop())).toEqual(["narrow-kinds.md"]);
    expect(run.stderr).toBe("");
  });

  test("a major changeset for @hostup/openapi (single-quoted, among other changesets) lets it pass", async () => {
    const text = "---\n'@hostup/openapi': major\n---\n\nKinds narrowed.\n";
    const { status } = await compare(...breaking(), { "a.md": changeset({ "@hostup/mock": "patch" }), "b.md": text });
    expect(status).toBe(0);
  });

  test("the text report names the changeset that announces the breaking change", async () => {
    const f = writeFixture(...breaking(), { "narrow-kinds.md": changeset({ "@hostup/openapi": "major" }) });
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /OK: 2 breaking change\(s\) .*announced by a breaking-bump changeset: .*narrow-kinds\.md \(@hostup\/openapi: major\)/,
    );
  });

  test("minor changesets only: a breaking change fails, and the report says minor is not enough", async () => {
    const f = writeFixture(...breaking(), { "kinds.md": changeset({ "@hostup/openapi": "minor", "@hostup/sdk": "minor" }) });
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("found only:");
    expect(run.stderr).toContain("kinds.md (@hostup/openapi: minor, @hostup/sdk: minor)");
    expect(run.stderr).toContain("a breaking change needs major");
  });

  test("a major changeset for another package (@hostup/types) does not count", async () => {
    expect((await compare(...breaking(), { "types.md": changeset({ "@hostup/types": "major" }) })).status).toBe(1);
  });

  test("only the front matter counts: 'major' in the summary or in the folder's README.md does not", async () => {
    const summaryOnly = changeset({ "@hostup/sdk": "minor" }, '"@hostup/sdk": major — not really');
    const readme = changeset({ "@hostup/sdk": "major" }, "The folder's README.");
    expect((await compare(...breaking(), { "x.md": summaryOnly, "README.md": readme })).status).toBe(1);
  });

  test("no changeset: a breaking change fails", async () => {
    const { status, result } = await compare(...breaking());
    expect(status).toBe(1);
    expect(result.changesets).toEqual([]);
  });

  test("no changeset: a non-breaking change passes", async () => {
    const { status, result } = await compare(...nonBreaking());
    expect(status).toBe(0);
    expect(result.nonBreaking.map((c) => c.id)).toContain("response-property-added");
  });

  test("a missing changeset folder counts as no changesets", async () => {
    const f = writeFixture(...breaking());
    const run = await runCheck(["--released", f.released, "--current", f.current, "--changesets", join(f.dir, "absent"), "--json"]);
    expect(run.status).toBe(1);
  });
});

describe("readChangesets", () => {
  const folder = (files: Record<string, string>): string => {
    const dir = join(tempDir(), ".changeset");
    mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  test("each changeset's bumps by package, in file-name order; README.md, dotfiles and other files are not changesets", () => {
    const dir = folder({
      "b.md": changeset({ "@hostup/sdk": "major", "@hostup/types": "major" }),
      "a.md": "---\n'@hostup/openapi': minor\n---\n\nSingle quotes, as `changeset add` writes them.\n",
      "README.md": changeset({ "@hostup/sdk": "major" }),
      ".draft.md": changeset({ "@hostup/sdk": "major" }),
      "config.json": "{}",
    });
    expect(readChangesets(dir)).toEqual([
      { file: join(dir, "a.md"), releases: { "@hostup/openapi": "minor" } },
      { file: join(dir, "b.md"), releases: { "@hostup/sdk": "major", "@hostup/types": "major" } },
    ]);
  });

  test("an empty front matter is a changeset that releases nothing (it still counts as pending)", () => {
    const dir = folder({ "empty.md": "---\n---\n\nNothing to release.\n" });
    expect(readChangesets(dir)).toEqual([{ file: join(dir, "empty.md"), releases: {} }]);
  });

  test("a changeset changesets cannot parse is an input error naming the file", () => {
    const dir = folder({ "broken.md": '---\n"@hostup/sdk": huge\n---\n\nNot a bump.\n' });
    expect(() => readChangesets(dir)).toThrow(UsageError);
    expect(() => readChangesets(dir)).toThrow(/broken\.md: could not parse changeset - invalid version type "huge"/);
  });

  test("through the CLI, an unparsable changeset exits 2", async () => {
    const f = writeFixture(baseSpec(), baseSpec(), { "x.md": "no front matter\n" });
    const run = await runCheck(fixtureArgs(f));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^check-breaking: .*x\.md: could not parse changeset - missing or invalid frontmatter/);
  });
});
