// `hostup.raw`: openapi-fetch on top of the SDK's transport (auth, timeouts, retries, pacing). The
// client's stand-in imports this module, and with it openapi-fetch, on the first raw call (eager/raw-stand-in.ts), so an app
// that only calls methods never loads either. It gets `send` and the operation table from the client
// rather than importing them, so that it shares no code with the eager chunk or the table's (src/README.md).
import createClient, { type MiddlewareCallbackParams } from "openapi-fetch";
import type { paths } from "@hostup/types";
import type { HostupRawClient } from "../client.js";
import type { CallContext } from "../eager/invoke.js";
import type { OperationSpec } from "../eager/operation.js";
import type { send } from "../eager/transport.js";
import type { HostupValidationError } from "../errors.js";

export interface RawClientParts {
  send: typeof send;
  /** The operation table (generated/operations.ts), handed over by the client that loaded it. */
  operations: Readonly<Record<string, OperationSpec>>;
  HostupValidationError: typeof HostupValidationError;
}

/** HTTP methods that are safe to repeat, for paths that are not in the spec. */
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const NO_BODY = new Set([101, 204, 205, 304]);

export function createRawClient(ctx: CallContext, { send, operations, HostupValidationError }: RawClientParts): HostupRawClient {
  // Operations by HTTP method, each with a matcher for its path template.
  const matchers = new Map<string, Array<{ op: OperationSpec; test: RegExp }>>();
  for (const op of Object.values(operations)) {
    const list = matchers.get(op.method) ?? [];
    list.push({ op, test: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`) });
    matchers.set(op.method, list);
  }
  // The base URL's own path (a proxy prefix), cut from request paths before matching.
  const prefixLength = new URL(ctx.baseUrl).pathname.replace(/\/$/, "").length;
  const client = createClient<paths>({
    baseUrl: ctx.baseUrl,
    fetch: async (request: Request) => {
      const path = new URL(request.url).pathname.slice(prefixLength);
      const op = matchers.get(request.method)?.find((m) => m.test.test(path))?.op;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key] = value;
      });
      const { response, body } = await send(
        ctx.transport,
        { method: request.method, url: request.url, headers, body: request.body ? await request.text() : undefined },
        {
          operationId: op?.id,
          apiKey: op?.apiKey !== false,
          accept: op?.successText && "text/plain, application/problem+json",
          // Unknown routes get the HTTP method's own semantics.
          retrySafe: op ? op.retrySafe : IDEMPOTENT.has(request.method),
          signal: request.signal,
          timeoutMs: ctx.transport.timeoutMs,
          maxRetries: ctx.transport.maxRetries,
        },
      );
      return new Response(NO_BODY.has(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
  });
  // First, so that it sees every request before the caller's middleware (registered after it) does.
  client.use({
    onRequest(call) {
      const refusal = dotSegment(call);
      if (!refusal) return;
      const { method } = call.request;
      const op = Object.values(operations).find((o) => o.method === method && o.path === call.schemaPath);
      const where = refusal.param ? `\`${refusal.param}\` is sent as the path segment` : "the path has the segment";
      throw new HostupValidationError(
        `hostup.raw ${method} ${call.schemaPath}: ${where} ${JSON.stringify(refusal.segment)}, which the URL would turn into a ` +
          "request for another resource. IDs are never empty, `.` or `..`.",
        op?.id ?? "raw",
        refusal.param ?? "path",
      );
    },
  });
  return client;
}

/** `.`, `..` (also percent-encoded, as URLs resolve them) or nothing. */
const DOT_OR_EMPTY = /^(?:\.|%2e){0,2}$/i;

/**
 * The first dot or empty segment of the path as it will be sent (each segment of the template with
 * its parameters serialized), and the parameter that made it, if one did. A dot segment is resolved
 * before the request leaves: `{ ruleId: ".." }` would turn `DELETE …/domains/{id}/redirects/{ruleId}`
 * into `DELETE …/domains/{id}/`, which a server that ignores the trailing slash routes to deleting
 * the domain. The methods never send one: no ID pattern allows it.
 */
function dotSegment({ schemaPath, params, options }: MiddlewareCallbackParams): { segment: string; param?: string } | undefined {
  for (const template of schemaPath.split(/[?#]/, 1)[0]!.split("/").slice(1)) {
    const sent = params.path ? options.pathSerializer(template, params.path) : template;
    const segment = sent.split("/").find((part) => DOT_OR_EMPTY.test(part));
    if (segment !== undefined) return { segment, param: /^\{([^}]+)\}$/.exec(template)?.[1] };
  }
  return undefined;
}
