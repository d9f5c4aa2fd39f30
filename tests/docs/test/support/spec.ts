// The built artifacts of @hostup/openapi (the bundled spec and the rendered docs), and the facts
// about each operation that the docs must show.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const OPENAPI_DIR = path.dirname(createRequire(import.meta.url).resolve("@hostup/openapi/package.json"));
export const SPEC_PATH = path.join(OPENAPI_DIR, "dist", "openapi.json");
export const DOCS_PATH = path.join(OPENAPI_DIR, "dist", "docs", "index.html");

export function requireBuilt(file: string, task: string): void {
  if (!existsSync(file)) {
    throw new Error(`${file} was not built: run \`bash scripts/exec turbo run ${task}\` (turbo runs it before this test).`);
  }
}

export interface NamedExample {
  name: string;
  summary: string | undefined;
  value: unknown;
}

export interface MediaExamples {
  mediaType: string;
  examples: NamedExample[];
}

export interface ResponseFacts {
  status: string;
  /** `#/components/responses/…` when the operation uses a shared response. */
  ref: string | undefined;
  /** One entry per media type; empty for a response without a body (204). */
  content: MediaExamples[];
}

export interface OperationFacts {
  operationId: string;
  summary: string;
  method: string;
  path: string;
  tag: string;
  /** One entry per alternative security requirement: scheme name and its scopes. */
  security: Array<{ scheme: string; scopes: string[] }>;
  requestBody: MediaExamples[];
  responses: ResponseFacts[];
}

export interface SpecFacts {
  title: string;
  version: string;
  tags: string[];
  operations: OperationFacts[];
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export function readSpec(): SpecFacts {
  const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as Json;
  const deref = (node: Json): Json => {
    let current = node;
    for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
      if (hops > 20 || !current.$ref.startsWith("#/")) throw new Error(`cannot follow $ref ${current.$ref}`);
      current = current.$ref
        .slice(2)
        .split("/")
        .map((part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((at: Json, key: string) => at?.[key], spec);
    }
    if (!current) throw new Error(`dangling $ref ${node.$ref}`);
    return current;
  };
  const mediaExamples = (content: Json | undefined): MediaExamples[] =>
    Object.entries(content ?? {}).map(([mediaType, media]) => {
      const m = media as Json;
      const examples: NamedExample[] = Object.entries((m.examples ?? {}) as Json).map(([name, ex]) => {
        const e = deref(ex as Json);
        return { name, summary: e.summary as string | undefined, value: e.value };
      });
      if (!examples.length && m.example !== undefined) examples.push({ name: "example", summary: undefined, value: m.example });
      return { mediaType, examples };
    });

  const operations: OperationFacts[] = [];
  for (const [p, item] of Object.entries(spec.paths as Json)) {
    for (const method of METHODS) {
      const op = (item as Json)[method] as Json | undefined;
      if (!op) continue;
      const security = ((op.security ?? spec.security ?? []) as Array<Record<string, string[]>>).flatMap((requirement) =>
        Object.entries(requirement).map(([scheme, scopes]) => ({ scheme, scopes })),
      );
      operations.push({
        operationId: op.operationId,
        summary: op.summary,
        method: method.toUpperCase(),
        path: p,
        tag: (op.tags as string[])[0]!,
        security,
        requestBody: op.requestBody ? mediaExamples(deref(op.requestBody).content) : [],
        responses: Object.entries(op.responses as Json).map(([status, response]) => ({
          status,
          ref: typeof (response as Json).$ref === "string" ? ((response as Json).$ref as string) : undefined,
          content: mediaExamples(deref(response as Json).content),
        })),
      });
    }
  }
  return {
    title: spec.info.title,
    version: spec.info.version,
    tags: ((spec.tags ?? []) as Json[]).map((t) => t.name as string),
    operations,
  };
}
