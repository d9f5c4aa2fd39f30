// `hostup.raw` before its first request: openapi-fetch and lazy/raw.ts are imported then (an app
// that only calls methods never loads either). Until they are, this stand-in keeps the middleware
// registered with `use`/`eject` and hands it over in order, so the client behaves as if it had
// existed all along.
import type { Middleware } from "openapi-fetch";
import type { HostupRawClient } from "../client.js";
import { HostupValidationError } from "../errors.js";
import type { CallContext } from "./invoke.js";
import { loadOnce } from "./load-once.js";
import type { OperationSpec } from "./operation.js";
import { send } from "./transport.js";

/** `operations`: the client's table, handed to lazy/raw.ts (lazy code imports no eager module: src/README.md). */
export function rawStandIn(ctx: CallContext, operations: Readonly<Record<string, OperationSpec>>): HostupRawClient {
  const pending: Middleware[] = [];
  const load = loadOnce(() =>
    import("../lazy/raw.js").then(({ createRawClient }) => {
      const client = createRawClient(ctx, { send, operations, HostupValidationError });
      if (pending.length) client.use(...pending.splice(0));
      return client;
    }),
  );
  const standIn: Pick<HostupRawClient, "use" | "eject"> = {
    use(...middleware) {
      if (load.loaded) return load.loaded.use(...middleware);
      for (const m of middleware) {
        if (!m) continue;
        // The check openapi-fetch's `use` makes, at the same moment.
        if (typeof m !== "object" || !("onRequest" in m || "onResponse" in m || "onError" in m)) {
          throw new Error("Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`");
        }
        pending.push(m);
      }
    },
    eject(...middleware) {
      if (load.loaded) return load.loaded.eject(...middleware);
      for (const m of middleware) {
        const i = pending.indexOf(m);
        if (i !== -1) pending.splice(i, 1);
      }
    },
  };
  for (const name of ["request", "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const) {
    type Call = (...args: unknown[]) => unknown;
    (standIn as Record<string, Call>)[name] = (...args) =>
      load.loaded ? (load.loaded[name] as Call)(...args) : load().then((client) => (client[name] as Call)(...args));
  }
  return standIn as HostupRawClient;
}
