// Runs scripts/check-breaking.mjs as a child process on fixture specs written to temporary files.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const checkScript = join(repoRoot, "scripts/check-breaking.mjs");

// Fixture specs are free-form JSON documents, mutated freely by the cases.
export type Spec = Record<string, any>;

export interface Change {
  id: string;
  breaking: boolean;
  operation: string;
  operationId: string | null;
  location: string;
  message: string;
  document: "released" | "current";
  file: string;
  pointer: string;
}

export interface JsonResult {
  ok: boolean;
  breaking: Change[];
  nonBreaking: Change[];
  changesets: { file: string; releases: Record<string, string> }[];
  majorChangesets: string[];
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const tempDirs: string[] = [];

export function tempDir(prefix = "check-breaking-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs the check as a child process (asynchronously, so that cases can run concurrently). */
export function runCheck(args: string[], cwd = repoRoot): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [checkScript, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** A changeset file's text: front matter with the given releases, then a summary. */
export function changeset(releases: Record<string, string>, summary = "A change."): string {
  const lines = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  return `---\n${lines.join("\n")}\n---\n\n${summary}\n`;
}

export interface Fixture {
  dir: string;
  released: string;
  current: string;
  changesets: string;
}

/** Writes the two specs and the changesets (file name → text) to a fresh directory. */
export function writeFixture(released: Spec, current: Spec, changesets: Record<string, string> = {}): Fixture {
  const dir = tempDir();
  const fixture = {
    dir,
    released: join(dir, "released.json"),
    current: join(dir, "current.json"),
    changesets: join(dir, "changesets"),
  };
  writeFileSync(fixture.released, `${JSON.stringify(released, null, 2)}\n`);
  writeFileSync(fixture.current, `${JSON.stringify(current, null, 2)}\n`);
  mkdirSync(fixture.changesets);
  for (const [name, text] of Object.entries(changesets)) writeFileSync(join(fixture.changesets, name), text);
  return fixture;
}

export function fixtureArgs(f: Fixture): string[] {
  return ["--released", f.released, "--current", f.current, "--changesets", f.changesets];
}

/** Compares `released` with `current` (JSON report) and returns the exit status with the parsed result. */
export async function compare(released: Spec, current: Spec, changesets: Record<string, string> = {}): Promise<{ status: number | null; result: JsonResult; run: Run }> {
  const f = writeFixture(released, current, changesets);
  const run = await runCheck([...fixtureArgs(f), "--json"]);
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`check-breaking exited with ${run.status}:\n${run.stderr}${run.stdout}`);
  }
  return { status: run.status, result: JSON.parse(run.stdout) as JsonResult, run };
}

export const clone = <T>(value: T): T => structuredClone(value);

interface CheckModule {
  makeSide(name: "released" | "current", file: string, doc: Spec): unknown;
  compareSpecs(released: unknown, current: unknown): Change[];
}
let checkModule: Promise<CheckModule> | undefined;

/** The rules in-process (the script's exported comparison): the changes between two specs. */
export async function diff(released: Spec, current: Spec): Promise<{ breaking: Change[]; nonBreaking: Change[] }> {
  const m = await (checkModule ??= import(pathToFileURL(checkScript).href) as Promise<CheckModule>);
  const changes = m.compareSpecs(m.makeSide("released", "released.json", clone(released)), m.makeSide("current", "current.json", clone(current)));
  return { breaking: changes.filter((c) => c.breaking), nonBreaking: changes.filter((c) => !c.breaking) };
}

/**
 * A small API in the shape of HostUp's: a list and a create on a collection, get/patch/delete on an
 * item with a path-item level parameter, shared components referenced by $ref (an ID with a pattern,
 * an enum used in requests and responses, a recursive schema, an allOf, a oneOf, a nullable field,
 * response headers, operation-level security with scopes).
 */
export function baseSpec(): Spec {
  const json = (schema: Spec) => ({ "application/json": { schema } });
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  return {
    openapi: "3.1.0",
    info: { title: "Fixture API", version: "1.0.0", description: "For the breaking-change tests." },
    security: [{ apiKey: ["read:things"] }],
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          summary: "List things",
          parameters: [
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "kind", in: "query", schema: ref("ThingKind") },
          ],
          responses: {
            "200": {
              description: "A page of things.",
              headers: { "X-Total-Count": { required: true, schema: { type: "integer" } } },
              content: json(ref("ThingList")),
            },
            "400": { $ref: "#/components/responses/Problem" },
          },
        },
        post: {
          operationId: "createThing",
          security: [{ apiKey: ["write:things"] }],
          requestBody: { required: true, content: json(ref("ThingCreate")) },
          responses: {
            "201": { description: "Created.", content: json(ref("Thing")) },
            "400": { $ref: "#/components/responses/Problem" },
          },
        },
      },
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: ref("ThingId") }],
        get: {
          operationId: "getThing",
          responses: {
            "200": { description: "The thing.", content: json(ref("Thing")) },
            "404": { $ref: "#/components/responses/Problem" },
          },
        },
        patch: {
          operationId: "updateThing",
          requestBody: { required: false, content: json(ref("ThingUpdate")) },
          responses: { "200": { description: "Updated.", content: json(ref("Thing")) } },
        },
        delete: {
          operationId: "deleteThing",
          responses: { "204": { description: "Deleted." }, "404": { $ref: "#/components/responses/Problem" } },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer" } },
      responses: {
        Problem: {
          description: "Problem Details.",
          content: { "application/problem+json": { schema: { type: "object", properties: { code: { type: "string" } } } } },
        },
      },
      schemas: {
        ThingId: { type: "string", pattern: "^thg_[a-z0-9]+$", examples: ["thg_01abc"] },
        ThingKind: { type: "string", enum: ["box", "bag"] },
        Thing: {
          type: "object",
          required: ["id", "name", "kind", "status"],
          properties: {
            id: ref("ThingId"),
            name: { type: "string", maxLength: 100 },
            kind: ref("ThingKind"),
            status: { type: "string", enum: ["active", "archived"] },
            note: { type: "string" },
            tags: { type: "array", items: { type: "string" } },
            secret: { type: "string", writeOnly: true },
            parent: ref("Thing"),
            lifecycle: { allOf: [ref("Lifecycle"), { required: ["state"] }] },
            job: { oneOf: [ref("LegacyJob"), ref("OperationJob")] },
          },
        },
        Lifecycle: {
          type: "object",
          properties: { state: { type: "string" }, since: { type: "string", format: "date-time" } },
        },
        LegacyJob: { type: "object", required: ["isCompleted"], properties: { isCompleted: { type: "boolean" } } },
        OperationJob: { type: "object", required: ["status"], properties: { status: { type: "string" } } },
        ThingList: {
          type: "object",
          required: ["data"],
          properties: { data: { type: "array", items: ref("Thing") }, nextCursor: { type: ["string", "null"] } },
        },
        ThingCreate: {
          type: "object",
          additionalProperties: false,
          required: ["name", "kind"],
          properties: {
            name: { type: "string", minLength: 1, maxLength: 100 },
            kind: ref("ThingKind"),
            priority: { type: "string", enum: ["low", "high"], default: "low" },
            note: { type: ["string", "null"] },
            tags: { type: "array", items: { type: "string" }, maxItems: 10 },
            count: { type: "integer" },
            target: { oneOf: [{ type: "string", format: "uri" }, ref("TargetRef")] },
          },
        },
        TargetRef: { type: "object", required: ["thingId"], properties: { thingId: ref("ThingId") } },
        ThingUpdate: {
          type: "object",
          minProperties: 1,
          additionalProperties: false,
          properties: { name: { type: "string" }, note: { type: "string" } },
        },
      },
    },
  };
}
