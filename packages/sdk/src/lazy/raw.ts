// `hostup.raw`: openapi-fetch on top of the SDK's transport (auth, timeouts, retries, pacing). The
// client imports this module, and with it openapi-fetch, on the first raw call (client.ts), so an app
// that only calls methods never loads either. It gets `send` and the operation table from the client
// rather than importing them, so that it shares no code with the eager chunk or the table's (src/README.md).
import createClient from "openapi-fetch";
import type { paths } from "@hostup/types";
import type { HostupRawClient } from "../client.js";
import type { CallContext } from "../eager/invoke.js";
import type { OperationSpec } from "../eager/operation.js";
import type { send } from "../eager/transport.js";

export interface RawClientParts {
  send: typeof send;
  /** The operation table (generated/operations.ts), handed over by the client that loaded it. */
  operations: Readonly<Record<string, OperationSpec>>;
}

/** HTTP methods that are safe to repeat, for paths that are not in the spec. */
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const NO_BODY = new Set([101, 204, 205, 304]);

export function createRawClient(ctx: CallContext, { send, operations }: RawClientParts): HostupRawClient {
  // Operations by HTTP method, each with a matcher for its path template.
  const matchers = new Map<string, Array<{ op: OperationSpec; test: RegExp }>>();
  for (const op of Object.values(operations)) {
    const list = matchers.get(op.method) ?? [];
    list.push({ op, test: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`) });
    matchers.set(op.method, list);
  }
  // The base URL's own path (a proxy prefix), cut from request paths before matching.
  const prefixLength = new URL(ctx.baseUrl).pathname.replace(/\/$/, "").length;
  return createClient<paths>({
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
}
