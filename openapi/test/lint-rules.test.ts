// The strict lint configuration (redocly.yaml + plugins/hostup-rules.js) catches what it should.
//
// Each case copies the spec sources to a fresh temporary directory, applies one mutation to the YAML
// text, runs `redocly lint openapi.yaml --config redocly.yaml` there and expects a failing exit code
// with a problem reported by the named rule. The unmutated copy must lint clean.

import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const openapiDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** What a lint run needs. `package.json` keeps the plugin an ES module, as in the real folder. */
const SOURCES = ["openapi.yaml", "redocly.yaml", "paths", "components", "plugins", "package.json"];
const LINT_TIMEOUT_MS = 60_000;
/** Lint runs at once: each is a Node process, and the machines have 2 cores. */
const PARALLEL_RUNS = 3;

// ---------------------------------------------------------------------------------------------------
// Redocly CLI

interface Command {
  file: string;
  args: string[];
}

/** `@redocly/cli` from this package's dependencies, else the executable named by `REDOCLY_BIN`. */
function redoclyCommand(): Command {
  try {
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve("@redocly/cli/package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.redocly;
    if (typeof bin !== "string") throw new Error("@redocly/cli declares no `redocly` bin");
    return { file: process.execPath, args: [join(dirname(manifestPath), bin)] };
  } catch (error) {
    const fallback = process.env.REDOCLY_BIN;
    if (fallback && existsSync(fallback)) {
      return fallback.endsWith(".js") ? { file: process.execPath, args: [fallback] } : { file: fallback, args: [] };
    }
    throw new Error(
      `Redocly CLI not found: @redocly/cli is not resolvable from ${openapiDir} (${(error as Error).message}) ` +
        "and REDOCLY_BIN does not name an existing file.",
    );
  }
}

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { source?: { ref?: string }; pointer?: string }[];
}

interface LintResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  totals: { errors: number; warnings: number; ignored: number } | undefined;
  problems: LintProblem[];
}

let slotsFree = PARALLEL_RUNS;
const waiting: (() => void)[] = [];
async function withSlot<T>(run: () => Promise<T>): Promise<T> {
  if (slotsFree > 0) slotsFree--;
  else await new Promise<void>((wake) => waiting.push(wake));
  try {
    return await run();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else slotsFree++;
  }
}

function lint(cwd: string): Promise<LintResult> {
  const command = redoclyCommand();
  return withSlot(
    () =>
      new Promise<LintResult>((resolveRun, reject) => {
        // `--format=json` prints the problems (with their rule IDs) and totals on stdout; the usual
        // human summary ("… is valid" / "Validation failed …") still goes to stderr.
        const child = spawn(command.file, [...command.args, "lint", "openapi.yaml", "--config", "redocly.yaml", "--format=json"], {
          cwd,
          env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (exitCode) => {
          let report: { totals?: LintResult["totals"]; problems?: LintProblem[] } = {};
          const start = stdout.indexOf("{");
          try {
            if (start >= 0) report = JSON.parse(stdout.slice(start));
          } catch {
            // leave the report empty; the assertions show stdout
          }
          resolveRun({ exitCode, stdout, stderr, totals: report.totals, problems: report.problems ?? [] });
        });
      }),
  );
}

const summary = (r: LintResult): string =>
  [
    `exit code ${r.exitCode}`,
    ...r.problems.map(
      (p) => `  ${p.severity} ${p.ruleId}: ${p.message} (${p.location?.[0]?.source?.ref ?? "?"}${p.location?.[0]?.pointer ?? ""})`,
    ),
    r.problems.length === 0 ? `stdout: ${r.stdout.trim().slice(0, 2000)}` : "",
    `stderr: ${r.stderr
      .replace(/^.*[║╔╚].*$/gm, "")
      .trim()
      .slice(0, 2000)}`,
  ].join("\n");

// ---------------------------------------------------------------------------------------------------
// Temporary copies and mutations

function copySpec(): string {
  const dir = mkdtempSync(join(tmpdir(), "hostup-lint-"));
  for (const entry of SOURCES) {
    const from = join(openapiDir, entry);
    if (entry === "package.json" && !existsSync(from)) continue;
    cpSync(from, join(dir, entry), { recursive: true });
  }
  return dir;
}

interface Edit {
  file: string;
  from: string;
  to: string;
}

/** Replaces `from` (which must occur exactly once, so the mutation cannot silently no-op). */
function applyEdit(dir: string, edit: Edit): void {
  const path = join(dir, edit.file);
  const before = readFileSync(path, "utf8");
  const occurrences = before.split(edit.from).length - 1;
  expect(occurrences, `mutation target in ${edit.file}: ${JSON.stringify(edit.from)}`).toBe(1);
  const after = before.replace(edit.from, () => edit.to);
  expect(after, `mutation changed ${edit.file}`).not.toBe(before);
  writeFileSync(path, after);
}

async function lintMutated(edits: Edit[]): Promise<LintResult> {
  const dir = copySpec();
  try {
    for (const edit of edits) applyEdit(dir, edit);
    return await lint(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Mutation {
  name: string;
  edits: Edit[];
  /** The run must report a problem of one of these rules. */
  rules: string[];
}

const DELETE_OP = "paths/api_v2_domains_{id}.yaml";
const DYNDNS_OP = "paths/api_v2_domains_{id}_dyndns.yaml";
const BULK_OP = "paths/api_v2_domains_bulk_status-sync.yaml";
const REDIRECT_OP = "paths/api_v2_domains_{id}_redirects_{ruleId}.yaml";

const MUTATIONS: Mutation[] = [
  {
    name: "an operation without its 429 response",
    edits: [{ file: BULK_OP, from: "    '429':\n      $ref: ../components/responses/TooManyRequests.yaml\n", to: "" }],
    rules: ["rule/operation-documents-problem-responses"],
  },
  {
    name: "an error response served as application/json",
    edits: [{ file: "components/responses/NotFound.yaml", from: "  application/problem+json:\n", to: "  application/json:\n" }],
    rules: ["rule/error-responses-are-problem-json"],
  },
  {
    name: "an error response inlined instead of $ref to components/responses",
    edits: [
      {
        file: REDIRECT_OP,
        from: "    '404':\n      $ref: ../components/responses/NotFound.yaml\n",
        to: [
          "    '404':",
          "      description: Not found. The resource does not exist or is not owned by the caller.",
          "      content:",
          "        application/problem+json:",
          "          schema:",
          "            $ref: ../components/schemas/Problem.yaml",
          "",
        ].join("\n"),
      },
    ],
    rules: ["rule/error-responses-are-shared"],
  },
  {
    name: "an operation without security",
    edits: [
      {
        file: DELETE_OP,
        from: "  security:\n    - bearerApiKey:\n        - delete:domains\n    - dashboardSession:\n        - delete:domains\n",
        to: "",
      },
    ],
    rules: ["hostup/operation-required-scope"],
  },
  {
    name: "two security requirements of one operation with different scopes",
    edits: [
      {
        file: DYNDNS_OP,
        from: "    - dashboardSession:\n        - write:domains\n",
        to: "    - dashboardSession:\n        - read:domains\n",
      },
    ],
    rules: ["hostup/operation-required-scope"],
  },
  {
    name: "a security requirement with an empty scope list",
    edits: [{ file: BULK_OP, from: "    - dashboardSession:\n        - write:domains\n", to: "    - dashboardSession: []\n" }],
    rules: ["hostup/operation-required-scope"],
  },
  {
    name: "a request example that breaks its schema (recordType CNAME in the IPv4 DynDNS example)",
    edits: [{ file: "components/examples/DynDnsCreateIpv4.yaml", from: "  recordType: A\n", to: "  recordType: CNAME\n" }],
    rules: ["no-invalid-media-type-examples"],
  },
  {
    name: "a schema property example that breaks its schema (updateCount: twelve)",
    edits: [
      {
        file: "components/schemas/DynDnsConfig.yaml",
        from: "    examples:\n      - 12\n",
        to: "    examples:\n      - twelve\n",
      },
    ],
    rules: ["no-invalid-schema-examples"],
  },
  {
    name: "an ID schema without its pattern (JobId)",
    edits: [{ file: "components/schemas/JobId.yaml", from: "pattern: ^(job|dbj)_[0-9A-Za-z]+$\n", to: "" }],
    rules: ["hostup/id-schema-pattern"],
  },
  {
    name: "an operation without tags",
    edits: [{ file: REDIRECT_OP, from: "  tags:\n    - Redirects\n", to: "" }],
    rules: ["operation-tag-defined", "rule/operation-has-tag"],
  },
  {
    name: "an operation without operationId",
    edits: [{ file: REDIRECT_OP, from: "  operationId: updateDomainRedirect\n", to: "" }],
    rules: ["operation-operationId"],
  },
  {
    name: "an operation listing no scope without saying its scopes are undocumented",
    edits: [{ file: "paths/api_jobs_{jobId}.yaml", from: "  x-hostup-scopes-undocumented: true\n", to: "" }],
    rules: ["hostup/operation-required-scope"],
  },
  {
    name: "an allOf member that requires a field without declaring it",
    edits: [
      {
        file: "components/schemas/RequiredActionGate.yaml",
        from: "    properties:\n      reason:\n        type:\n          - string\n          - 'null'\n",
        to: "",
      },
    ],
    rules: ["hostup/allof-required-declared"],
  },
  {
    name: "a conditional scope that is not { scope, when: { field } }",
    edits: [
      {
        file: DYNDNS_OP,
        from: "  x-hostup-retry-safe: false\n",
        to: "  x-hostup-retry-safe: false\n  x-hostup-conditional-scopes:\n    - scope: write:cdn\n      when: proxied\n",
      },
    ],
    rules: ["hostup/operation-required-scope"],
  },
  {
    name: "a conditional scope the requirements already name",
    edits: [
      {
        file: DYNDNS_OP,
        from: "  x-hostup-retry-safe: false\n",
        to: "  x-hostup-retry-safe: false\n  x-hostup-conditional-scopes:\n    - scope: write:domains\n      when:\n        field: hostname\n",
      },
    ],
    rules: ["hostup/operation-required-scope"],
  },
  {
    name: "an operation that does not say whether it is retry-safe",
    edits: [{ file: REDIRECT_OP, from: "  x-hostup-retry-safe: true\n", to: "" }],
    rules: ["hostup/operation-retry-safety"],
  },
];

// ---------------------------------------------------------------------------------------------------
// Tests

describe.concurrent("redocly lint (strict configuration)", () => {
  test(
    "the unmutated spec lints clean: exit 0, valid, zero problems",
    async () => {
      const dir = copySpec();
      let result: LintResult;
      try {
        result = await lint(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(result.exitCode, summary(result)).toBe(0);
      expect(result.stderr, summary(result)).toMatch(/Your API description is valid/);
      expect(result.totals, summary(result)).toEqual({ errors: 0, warnings: 0, ignored: 0 });
      expect(result.problems, summary(result)).toEqual([]);
    },
    LINT_TIMEOUT_MS,
  );

  for (const mutation of MUTATIONS) {
    test(
      `${mutation.name} → ${mutation.rules.join(" or ")}`,
      async () => {
        const result = await lintMutated(mutation.edits);
        expect(result.exitCode, summary(result)).not.toBe(0);
        const ruleIds = result.problems.map((p) => p.ruleId);
        expect(
          mutation.rules.some((rule) => ruleIds.includes(rule)),
          `expected a problem from ${mutation.rules.join(" or ")}\n${summary(result)}`,
        ).toBe(true);
      },
      LINT_TIMEOUT_MS,
    );
  }
});
