// Forcing documented scenarios: a `fetch` that asks the mock (Prism) for a given documented
// response of an operation (`Prefer: code=409`, `Prefer: example=…`), so a test can exercise its
// own handling of a blocked delete or a rate limit. Only statuses and examples the spec documents
// for that operation are accepted: a test cannot force an answer the real API never gives.
import { readFileSync } from "node:fs";
import { deref, listOperations, type SpecNode } from "@hostup/openapi/walk";
import { resolveDefaultSpec } from "./locate.js";

/** A documented answer: a status (`409`) or `{ code, example }` (an example's name). */
export type Scenario = number | { code?: number; example?: string };

/** Scenarios by operationId (`deleteDomain`), or `"*"` for every request. */
export type Scenarios = Record<string, Scenario>;

interface Operation {
  id: string;
  method: string;
  path: RegExp;
  statuses: Set<string>;
  examples: Set<string>;
}

/** `/domains/{id}` matches `/domains/dom_1` (one path segment per template variable). */
function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\{[^}]+\}/g, "[^/]+")}$`);
}

function operationsOf(spec: unknown): Operation[] {
  const out: Operation[] = [];
  for (const { path, method, operationId, operation } of listOperations(spec)) {
    if (!operationId) continue;
    const responses: Record<string, SpecNode> = operation.responses ?? {};
    const examples = new Set<string>();
    for (const response of Object.values(responses)) collectExampleNames(deref(spec, response), examples);
    out.push({ id: operationId, method: method.toUpperCase(), path: pathPattern(path), statuses: new Set(Object.keys(responses)), examples });
  }
  return out;
}

function collectExampleNames(response: SpecNode, into: Set<string>): void {
  for (const media of Object.values<SpecNode>(response.content ?? {})) {
    for (const name of Object.keys(media.examples ?? {})) into.add(name);
  }
}

/**
 * A `fetch` that adds the `Prefer` header Prism understands to the requests of the listed
 * operations. Give it to the SDK: `createHostupClient({ …, baseUrl: mock.url, fetch: scenarioFetch({ deleteDomain: 409 }) })`.
 * Throws at once for an unknown operationId or a status/example the spec does not document for it.
 */
export function scenarioFetch(
  scenarios: Scenarios,
  options: { spec?: string; fetch?: typeof globalThis.fetch } = {},
): typeof globalThis.fetch {
  const spec: unknown = JSON.parse(readFileSync(options.spec ?? resolveDefaultSpec(), "utf8"));
  const operations = operationsOf(spec);
  const prefer = new Map<string, string>();
  for (const [id, scenario] of Object.entries(scenarios)) {
    const targets = id === "*" ? operations : operations.filter((op) => op.id === id);
    if (targets.length === 0) {
      throw new Error(`scenarioFetch: unknown operationId "${id}" (known: ${operations.map((op) => op.id).join(", ")}).`);
    }
    const { code, example } = typeof scenario === "number" ? { code: scenario, example: undefined } : scenario;
    for (const op of targets) {
      if (code !== undefined && !op.statuses.has(String(code))) {
        if (id === "*") continue; // "*" applies where the status is documented
        throw new Error(`scenarioFetch: ${op.id} documents no ${code} response (it documents ${[...op.statuses].join(", ")}).`);
      }
      if (example !== undefined && !op.examples.has(example)) {
        throw new Error(`scenarioFetch: ${op.id} has no example named "${example}" (it has ${[...op.examples].join(", ")}).`);
      }
      prefer.set(op.id, [code !== undefined ? `code=${code}` : "", example ? `example=${example}` : ""].filter(Boolean).join(", "));
    }
  }
  const base = options.fetch ?? ((...args: Parameters<typeof globalThis.fetch>) => globalThis.fetch(...args));
  return async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const op = operations.find((candidate) => candidate.method === request.method && candidate.path.test(path));
    const value = op && prefer.get(op.id);
    if (!value) return base(request);
    const headers = new Headers(request.headers);
    headers.set("prefer", value);
    return base(new Request(request, { headers }));
  };
}
