// Forcing documented scenarios: a `fetch` that asks the mock (Prism) for a given documented
// response of an operation (`Prefer: code=409`, `Prefer: example=…`), so a test can exercise its
// own handling of a blocked delete or a rate limit. Only statuses and examples the spec documents
// for that operation are accepted: a test cannot force an answer the real API never gives.
import { readFileSync } from "node:fs";
import { deref, listOperations, type SpecNode } from "@hostup/openapi/walk";
import { resolveDefaultSpec } from "./locate.js";

/** A documented answer: a status (`409`) or `{ code, example }` (an example's name). */
export type Scenario = number | { code?: number; example?: string };

/**
 * Scenarios by operationId (`deleteDomain`), or `"*"` for every operation that documents the answer.
 * An operation's own entry wins over `"*"`, whatever the key order.
 */
export type Scenarios = Record<string, Scenario>;

interface Operation {
  id: string;
  method: string;
  path: RegExp;
  /** The names of the examples of each documented status (`"409" → {"DomainDeleteBlockedProblem"}`). */
  examples: Map<string, Set<string>>;
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
    const examples = new Map<string, Set<string>>();
    for (const [status, response] of Object.entries<SpecNode>(operation.responses ?? {})) {
      const names = new Set<string>();
      for (const media of Object.values<SpecNode>(deref(spec, response).content ?? {})) {
        for (const name of Object.keys(media.examples ?? {})) names.add(name);
      }
      examples.set(status, names);
    }
    out.push({ id: operationId, method: method.toUpperCase(), path: pathPattern(path), examples });
  }
  return out;
}

const list = (items: Iterable<string>) => [...items].join(", ") || "none";

/**
 * The `Prefer` value that makes Prism give `op` this answer, or why the spec does not document it
 * for `op`. An example is looked up in the response of its status: Prism only searches that one (the
 * lowest 2xx without a code), so a named example always goes out with its code.
 */
function preferFor(op: Operation, code: number | undefined, example: string | undefined): { prefer: string } | { missing: string } {
  if (code !== undefined) {
    const names = op.examples.get(String(code));
    if (!names) return { missing: `${op.id} documents no ${code} response (it documents ${list(op.examples.keys())}).` };
    if (example === undefined) return { prefer: `code=${code}` };
    if (!names.has(example))
      return { missing: `${op.id} has no example named "${example}" in its ${code} response (it has ${list(names)}).` };
    return { prefer: `code=${code}, example=${example}` };
  }
  const statuses = [...op.examples].filter(([, names]) => names.has(example!)).map(([status]) => status);
  if (statuses.length === 0) {
    return {
      missing: `${op.id} has no example named "${example}" (it has ${list([...op.examples.values()].flatMap((names) => [...names]))}).`,
    };
  }
  if (statuses.length > 1) {
    throw new Error(
      `scenarioFetch: ${op.id} has an example named "${example}" in its ${statuses.join(" and ")} responses: give its code too.`,
    );
  }
  return { prefer: `code=${statuses[0]}, example=${example}` };
}

/**
 * A `fetch` that adds the `Prefer` header Prism understands to the requests of the listed
 * operations. Give it to the SDK: `createHostupClient({ …, baseUrl: mock.url, fetch: scenarioFetch({ deleteDomain: 409 }) })`.
 *
 * - `{ deleteDomain: 409 }`: that status; `{ getJob: { example: "OperationJobCompleted" } }`: that example, from the
 *   response that documents it; `{ code, example }`: that example, which must be in that status's response.
 * - `"*"` applies to every operation that documents the answer (the status, and the example if one is named); the
 *   others answer normally. An operation's own entry wins over `"*"`, whatever the key order.
 *
 * Throws at once for an unknown operationId, an answer the spec does not document for a named operation, or a `"*"`
 * answer that no operation documents.
 */
export function scenarioFetch(
  scenarios: Scenarios,
  options: { spec?: string; fetch?: typeof globalThis.fetch } = {},
): typeof globalThis.fetch {
  const spec: unknown = JSON.parse(readFileSync(options.spec ?? resolveDefaultSpec(), "utf8"));
  const operations = operationsOf(spec);
  const prefer = new Map<string, string>();
  // "*" first, so that the operations' own entries overwrite it
  const entries = Object.entries(scenarios).sort(([a], [b]) => Number(b === "*") - Number(a === "*"));
  for (const [id, scenario] of entries) {
    const { code, example } = typeof scenario === "number" ? { code: scenario, example: undefined } : scenario;
    if (code === undefined && example === undefined)
      throw new Error(`scenarioFetch: the scenario for "${id}" names neither a code nor an example.`);
    if (id === "*") {
      let applied = 0;
      for (const op of operations) {
        const answer = preferFor(op, code, example);
        if ("missing" in answer) continue; // that operation answers normally
        prefer.set(op.id, answer.prefer);
        applied++;
      }
      if (applied === 0) {
        const what =
          example === undefined
            ? `documents a ${code} response`
            : `has an example named "${example}"${code === undefined ? "" : ` in its ${code} response`}`;
        throw new Error(`scenarioFetch: "*": no operation ${what}.`);
      }
      continue;
    }
    const op = operations.find((candidate) => candidate.id === id);
    if (!op) throw new Error(`scenarioFetch: unknown operationId "${id}" (known: ${list(operations.map((known) => known.id))}).`);
    const answer = preferFor(op, code, example);
    if ("missing" in answer) throw new Error(`scenarioFetch: ${answer.missing}`);
    prefer.set(op.id, answer.prefer);
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
