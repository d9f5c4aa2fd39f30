// What the generated contract tests (generated/operations.test.ts) assert with: a client on the
// Prism mock, the spec's examples by JSON pointer, and checks that an answer is the documented one
// (its status, its body valid against the documented schema, or the documented Problem Details).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { refTarget } from "@hostup/openapi/walk";
import { expect } from "vitest";
import {
  HostupApiError,
  HostupAuthenticationError,
  HostupBadRequestError,
  HostupConflictError,
  HostupNotFoundError,
  HostupPermissionDeniedError,
  HostupRateLimitError,
  HostupServerError,
  type Problem,
} from "../../src/index.js";
import { mockClient } from "../support/mock.js";

export { prefer } from "../support/mock.js";

export const hostup = mockClient();

/** What the raw client's `data` is typed as: the response body, or nothing when the answer was an error. */
export type Maybe<T> = T | undefined;

const spec: unknown = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@hostup/openapi/openapi.json"), "utf8"));

/** The value of the Example Object at `pointer` (`#/components/examples/DomainDetails`). */
export function exampleValue(pointer: string): unknown {
  return refTarget(spec, pointer).value;
}

// The spec's schemas are JSON Schema 2020-12 (OpenAPI 3.1); its own keywords (`x-…`, `discriminator`) are not constraints.
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its plugin is the module's `default` export (also the module itself at run time).
formats.default(ajv);
ajv.addSchema(spec as object, "spec");

/** Asserts `data` is valid against the schema at `pointer` in the spec, listing every violation. */
export function expectValid(data: unknown, pointer: string): void {
  const validate = ajv.getSchema(`spec${pointer.replace(/[{}]/g, encodeURIComponent)}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  const valid = validate(data);
  expect(valid ? [] : validate.errors, `the answer does not match ${pointer}`).toEqual([]);
}

/** The documented success: its status, no request violation reported by Prism, and a body of the documented shape. */
/** A documented plain-text answer (the DynDNS2 update's `good 203.0.113.7`), returned as it came. */
export function expectDocumentedText(response: Response, data: unknown, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers.get("sl-violations"), "Prism reported the request as invalid").toBeNull();
  expect(response.headers.get("content-type")).toMatch(/^text\/plain\b/);
  expect(typeof data === "string" && data.length > 0, `a non-empty text answer, got ${JSON.stringify(data)}`).toBe(true);
}

export function expectDocumentedSuccess(response: Response, data: unknown, status: number, schemaPointer?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get("sl-violations"), "Prism reported the request as invalid").toBeNull();
  if (schemaPointer) expectValid(data, schemaPointer);
  else expect(data).toBeUndefined();
}

const ERROR_CLASSES: Record<number, typeof HostupApiError> = {
  400: HostupBadRequestError,
  401: HostupAuthenticationError,
  403: HostupPermissionDeniedError,
  404: HostupNotFoundError,
  409: HostupConflictError,
  429: HostupRateLimitError,
  500: HostupServerError,
};

interface DocumentedError {
  operationId: string;
  status: number;
  /** Pointer of the response example the mock serves (its Problem Details). */
  example?: string;
  /** The documented next step (`x-hostup-next-steps`), expected as the error's `hint`. */
  hint?: string;
}

/** The call rejects with the status's HostupApiError subclass, carrying the documented Problem Details and next step. */
export async function expectDocumentedError(call: Promise<unknown>, expected: DocumentedError): Promise<void> {
  const error = await call.then(
    () => expect.unreachable(`HTTP ${expected.status} must throw`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ERROR_CLASSES[expected.status] ?? HostupApiError);
  const apiError = error as HostupApiError;
  expect(apiError.status).toBe(expected.status);
  expect(apiError.operationId).toBe(expected.operationId);
  expect(apiError.message).toContain(`HTTP ${expected.status}`);
  expect(apiError.hint).toBe(expected.hint);
  if (expected.hint) expect(apiError.message).toContain(expected.hint);
  if (expected.example) {
    const problem = exampleValue(expected.example) as Problem;
    expect(apiError.problem).toStrictEqual(problem);
    expect(apiError.code).toBe(problem.code);
    expect(apiError.requestId).toBe(problem.requestId);
    expect(apiError.errors).toStrictEqual(problem.errors ?? []);
  }
}

/** The raw client's answer to a documented error: `{ error }` is the documented Problem Details. */
export function expectDocumentedProblem(
  result: { data?: unknown; error?: unknown; response: Response },
  status: number,
  example?: string,
): void {
  expect(result.data).toBeUndefined();
  expect(result.response.status).toBe(status);
  expect(result.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  if (example) expect(result.error).toStrictEqual(exampleValue(example));
  else expect(result.error).toMatchObject({ status });
}
