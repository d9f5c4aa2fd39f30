// A small spec to run the generator on (one domain-scoped operation per call of `operation`), and
// a runner that generates from it into a temporary directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const GENERATOR = fileURLToPath(new URL("../../scripts/generate.mjs", import.meta.url));

type Node = Record<string, unknown>;

const ID_SCHEMA = { type: "string", title: "DomainId", pattern: "^dom_[0-9A-Za-z]+$", examples: ["dom_1"] };

/** An operation on `/domains/{id}/<name>` with a JSON body `body` (none: no body) and a 200 answer. */
export function operation(operationId: string, body?: Node, extra: Node = {}): [string, Node] {
  return [
    `/domains/{id}/${operationId}`,
    {
      post: {
        operationId,
        summary: `Fixture ${operationId}`,
        "x-hostup-retry-safe": true,
        security: [{ bearer: ["write:domains"] }],
        parameters: [{ name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/DomainId" } }],
        ...(body ? { requestBody: { required: true, content: { "application/json": { schema: body } } } } : {}),
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { type: "object" }, examples: { Ok: { value: {} } } } } },
          "409": { description: "conflict", content: { "application/problem+json": { schema: { type: "object" } } } },
        },
        ...extra,
      },
    },
  ];
}

export function fixtureSpec(paths: Array<[string, Node]>): Node {
  return {
    openapi: "3.1.0",
    info: { title: "fixture", version: "1" },
    paths: Object.fromEntries(paths),
    components: { schemas: { DomainId: structuredClone(ID_SCHEMA) }, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}

export interface Generated {
  status: number | null;
  stderr: string;
  dir: string;
  read(file: string): string;
}

/** Runs the generator on `spec`, writing the SDK sources into a fresh directory (plus `args`). */
export function generate(spec: Node, args: (dir: string) => string[] = () => []): Generated {
  const dir = mkdtempSync(join(tmpdir(), "hostup-generator-"));
  writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
  const run = spawnSync(process.execPath, [GENERATOR, "--spec", join(dir, "spec.json"), "--out", join(dir, "out"), ...args(dir)], {
    encoding: "utf8",
  });
  return { status: run.status, stderr: run.stderr, dir, read: (file) => readFileSync(join(dir, file), "utf8") };
}
