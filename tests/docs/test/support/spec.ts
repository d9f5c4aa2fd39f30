// The built artifacts of @hostup/openapi (the bundled spec and the rendered docs), and the facts
// about each operation that the docs must show.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { deref, listOperations, type SpecNode } from "@hostup/openapi/walk";

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

export function readSpec(): SpecFacts {
  const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as SpecNode;
  const mediaExamples = (content: SpecNode | undefined): MediaExamples[] =>
    Object.entries(content ?? {}).map(([mediaType, m]) => {
      const examples: NamedExample[] = Object.entries((m.examples ?? {}) as SpecNode).map(([name, ex]) => {
        const e = deref(spec, ex as SpecNode);
        return { name, summary: e.summary as string | undefined, value: e.value };
      });
      if (!examples.length && m.example !== undefined) examples.push({ name: "example", summary: undefined, value: m.example });
      return { mediaType, examples };
    });

  // Redoc lists a path's operations in the order its path item has them (the walker: in OpenAPI's method order).
  const inDocumentOrder = listOperations(spec)
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) =>
      a.entry.path === b.entry.path
        ? Object.keys(a.entry.pathItem).indexOf(a.entry.method) - Object.keys(b.entry.pathItem).indexOf(b.entry.method)
        : a.index - b.index,
    )
    .map(({ entry }) => entry);
  const operations: OperationFacts[] = inDocumentOrder.map(({ path: p, method, operation: op }) => ({
    operationId: op.operationId,
    summary: op.summary,
    method: method.toUpperCase(),
    path: p,
    tag: (op.tags as string[])[0]!,
    security: ((op.security ?? spec.security ?? []) as Array<Record<string, string[]>>).flatMap((requirement) =>
      Object.entries(requirement).map(([scheme, scopes]) => ({ scheme, scopes })),
    ),
    requestBody: op.requestBody ? mediaExamples(deref(spec, op.requestBody).content) : [],
    responses: Object.entries(op.responses as SpecNode).map(([status, response]) => ({
      status,
      ref: typeof response.$ref === "string" ? (response.$ref as string) : undefined,
      content: mediaExamples(deref(spec, response).content),
    })),
  }));
  return {
    title: spec.info.title,
    version: spec.info.version,
    tags: ((spec.tags ?? []) as SpecNode[]).map((t) => t.name as string),
    operations,
  };
}
