// The READMEs are tested like code: every ```ts block compiles against the built packages, every
// relative link resolves, and the root README and the rendered API docs point at each other.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { anchors, codeBlocks, isExternal, links, type CodeBlock } from "./markdown.js";
import { formatProblems, PRELUDE, preludeFor, typecheckBlocks } from "./typecheck.js";

const repoRoot = resolve(import.meta.dirname, "../../..");
const READMES = [
  "README.md",
  "packages/sdk/README.md",
  "packages/dns/README.md",
  "packages/mcp/README.md",
  "packages/external-dns/README.md",
];
const DOCS = "openapi/dist/docs/index.html";

const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");
const tsBlocks: CodeBlock[] = READMES.flatMap((file) => codeBlocks(file, read(file))).filter((b) =>
  ["ts", "typescript", "mts"].includes(b.lang),
);

describe("TypeScript samples compile against the built SDK", () => {
  const checked = typecheckBlocks(tsBlocks);

  test("every README has TypeScript samples", () => {
    for (const file of READMES) expect(tsBlocks.filter((b) => b.file === file).length, file).toBeGreaterThan(0);
  });

  test.each(
    checked.map((c) => [`${c.block.file}:${c.block.line}${c.prelude.length ? ` (prelude: ${c.prelude.join(", ")})` : ""}`, c] as const),
  )("%s", (_name, c) => {
    expect(c.problems, `\n${formatProblems(c.problems)}\n`).toEqual([]);
  });

  test("the prelude is used: every name in it is needed by some fragment", () => {
    const used = new Set(checked.flatMap((c) => c.prelude));
    expect([...used].sort()).toEqual(Object.keys(PRELUDE).sort());
  });
});

describe("the type check itself", () => {
  const block = (code: string): CodeBlock => ({ file: "FIXTURE.md", line: 10, lang: "ts", code });

  test("a wrong call fails, located at the Markdown line and column", () => {
    const [c] = typecheckBlocks([block("const x = 1;\nawait hostup.syncDomainStatus(42);")]);
    expect(c!.prelude).toEqual(["hostup"]);
    expect(c!.problems).toHaveLength(1);
    expect(c!.problems[0]).toMatchObject({ where: "FIXTURE.md:11:31", code: 2345, source: "await hostup.syncDomainStatus(42);" });
  });

  test("a name outside the prelude is not declared for a fragment", () => {
    const [c] = typecheckBlocks([block("await client.getDomain('dom_1');")]);
    expect(c!.problems.map((p) => p.code)).toEqual([2304]);
    expect(c!.problems[0]!.message).toContain("Cannot find name 'client'");
  });

  test("a block that declares `hostup` itself gets no prelude; an unknown import fails", () => {
    const code =
      'import { createHostupClient, nope } from "@hostup/sdk";\nconst hostup = createHostupClient({ apiKey: "k" });\nawait hostup.getDomain("dom_1");';
    expect(preludeFor(code)).toEqual([]);
    const [c] = typecheckBlocks([block(code)]);
    expect(c!.problems.map((p) => [p.code, p.where])).toEqual([[2305, "FIXTURE.md:10:30"]]);
  });

  test("`@hostup/sdk` in a string or a comment does not pull in the prelude", () => {
    expect(preludeFor('import { startMockServer } from "@hostup/mock";\n// … hostup …')).toEqual([]);
  });

  test("strict: an implicit any fails", () => {
    const [c] = typecheckBlocks([block("export function f(x) { return x; }")]);
    expect(c!.problems.map((p) => p.code)).toEqual([7006]);
  });
});

describe("links", () => {
  const all = READMES.flatMap((file) => links(file, read(file)));

  test.each(READMES)("every relative link in %s points to an existing file (and heading)", (file) => {
    const broken: string[] = [];
    for (const link of all.filter((l) => l.file === file && !isExternal(l.target))) {
      const [pathPart, fragment] = link.target.split("#", 2) as [string, string | undefined];
      const target = pathPart ? resolve(repoRoot, dirname(file), decodeURIComponent(pathPart.split("?")[0]!)) : join(repoRoot, file);
      const rel = relative(repoRoot, target);
      if (!existsSync(target)) {
        const hint = rel.startsWith(`openapi${"/"}dist`) ? " (built output: `npm start` or `bash scripts/exec turbo run docs`)" : "";
        broken.push(`${file}:${link.line}: ${link.target} → ${rel} does not exist${hint}`);
      } else if (fragment && target.endsWith(".md") && statSync(target).isFile() && !anchors(readFileSync(target, "utf8")).has(fragment)) {
        broken.push(`${file}:${link.line}: ${link.target} → no heading #${fragment} in ${rel}`);
      }
    }
    expect(broken, broken.join("\n")).toEqual([]);
  });

  test("the root README links to the SDK guide, and the guide's relative links stay inside the repository", () => {
    expect(all.some((l) => l.file === "README.md" && l.target === "packages/sdk/README.md")).toBe(true);
    for (const l of all.filter((l) => !isExternal(l.target) && !l.target.startsWith("#"))) {
      expect(relative(repoRoot, resolve(repoRoot, dirname(l.file), l.target)).startsWith(".."), `${l.file}:${l.line} ${l.target}`).toBe(
        false,
      );
    }
  });
});

describe("README ↔ API docs", () => {
  test(`the root README links to the rendered API docs (${DOCS}), which exist`, () => {
    const link = links("README.md", read("README.md")).find((l) => resolve(repoRoot, l.target.split("#")[0]!) === join(repoRoot, DOCS));
    expect(link, `README.md has no link to ${DOCS}`).toBeDefined();
    expect(existsSync(join(repoRoot, DOCS)), `${DOCS} is built by \`turbo run docs\` (npm start)`).toBe(true);
  });

  // The docs are rendered from the bundle: they link back when the spec carries the link, in
  // `info.description` or `externalDocs` (Redoc shows both at the top of the page). A relative link
  // resolves from the rendered page, openapi/dist/docs/index.html.
  const bundle = JSON.parse(read("openapi/dist/openapi.json")) as {
    info?: { description?: string };
    externalDocs?: { url?: string };
  };
  const specLinks = [bundle.externalDocs?.url, ...[...(bundle.info?.description ?? "").matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1])].filter(
    (url): url is string => typeof url === "string",
  );
  const toReadme = specLinks.filter((url) =>
    isExternal(url) ? /readme/i.test(url) : resolve(repoRoot, dirname(DOCS), url.split("#")[0]!) === join(repoRoot, "README.md"),
  );

  test("the API docs link back to the root README (from the spec's info.description or externalDocs)", () => {
    expect(toReadme, `no link to README.md among the spec's links: ${specLinks.join(", ") || "none"}`).not.toEqual([]);
    const html = read(DOCS);
    for (const url of toReadme) expect(html, `${DOCS} does not contain ${url}`).toContain(`href="${url}"`);
  });

  test("every relative link in the spec's description resolves from the rendered docs page", () => {
    for (const url of specLinks.filter((u) => !isExternal(u) && !u.startsWith("#"))) {
      const target = resolve(repoRoot, dirname(DOCS), decodeURIComponent(url.split("#")[0]!));
      expect(existsSync(target), `${url} from ${DOCS} → ${relative(repoRoot, target)}`).toBe(true);
    }
  });
});
