// Reads an error answer, or a 2xx answer the SDK cannot use, into what its HostupApiError says: the
// Problem Details document, a message when there is none, the response headers and the documented
// next step, all with secrets scrubbed.
//
// invoke.ts imports this module on the first such answer, so an app whose calls succeed never loads
// it. Like validate.ts it imports nothing of the core at run time: it returns the error's
// `ApiErrorInit` and invoke.ts constructs the error, which keeps it out of an app's first bundle
// chunk when the app's bundler splits code.
import type { ApiErrorInit, Problem } from "../errors.js";
import type { OperationSpec } from "../eager/operation.js";
import { NEXT_STEPS } from "../generated/hints.js";
import { redactorFor, type Redactor, type Secrets } from "./redact.js";

const JSON_TYPE = /\bjson\b/i;

/** An HTTP error answer (4xx/5xx), whatever its body: Problem Details, an HTML error page or nothing. */
export function describeErrorAnswer(secrets: Secrets, op: OperationSpec, response: Response, text: string): ApiErrorInit {
  const redact = redactorFor(secrets);
  const type = response.headers.get("content-type") ?? "";
  const status = response.statusText || "error";
  let problem: Problem | undefined;
  let fallbackMessage: string;
  if (text === "") {
    fallbackMessage = `${status} (empty body)`;
  } else if (JSON_TYPE.test(type)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) problem = redact.value(parsed as Problem);
    } catch {
      /* described below */
    }
    fallbackMessage = problem ? "" : `${status} (the ${type} body is not valid Problem Details JSON)`;
  } else {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    const snippet = title || text.trim().split("\n", 1)[0]!.slice(0, 200);
    fallbackMessage = `${status} (a ${type || "non-JSON"} body, not Problem Details: ${redact.text(snippet)})`;
  }
  return {
    status: response.status,
    headers: safeHeaders(redact, response.headers),
    problem,
    fallbackMessage,
    operationId: op.id,
    endpoint: `${op.method} ${op.path}`,
    // The documented next step (the spec's `x-hostup-next-steps`), if there is one.
    hint: NEXT_STEPS[op.id]?.[response.status],
  };
}

/**
 * A 2xx answer whose body (`text`) is not the JSON the spec promises. Such bodies may hold
 * secrets (a DynDNS token): the message describes them and never quotes them.
 */
export function describeUnusableSuccess(
  secrets: Secrets,
  op: OperationSpec,
  response: Response,
  text: string,
  /** What is wrong with it, when the caller knows better than "not the JSON the spec promises" (the DynDNS2 update). */
  reason?: string,
): ApiErrorInit {
  const type = response.headers.get("content-type") ?? "";
  const what =
    reason ??
    (text === ""
      ? "has an empty body where JSON was expected"
      : !JSON_TYPE.test(type)
        ? `is ${type || "of no content type"}, not JSON`
        : notAnObject(op, text));
  return {
    status: response.status,
    headers: safeHeaders(redactorFor(secrets), response.headers),
    operationId: op.id,
    endpoint: `${op.method} ${op.path}`,
    fallbackMessage: `the ${response.status} response ${what}, so the SDK cannot return it.`,
  };
}

/** What is wrong with a JSON body the SDK cannot return: it is not JSON, or it is JSON but not an object. */
function notAnObject(op: OperationSpec, text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "body is not valid JSON (truncated?)";
  }
  // Its kind only: a string or an array may hold a secret.
  const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
  return `is JSON ${kind}, ${op.successBody ? "not the object the API documents" : "where the API documents no body"}`;
}

/** Response headers for an error: no cookies (a dashboard session), secrets scrubbed from values. */
function safeHeaders(redact: Redactor, headers: Headers): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    if (name !== "set-cookie") copy.append(name, redact.text(value));
  });
  return copy;
}
