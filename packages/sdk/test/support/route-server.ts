// A routing HTTP server on 127.0.0.1 for the workflow tests: every answer comes from a handler
// function (so answers can depend on the path, the query or the body, and concurrent requests are
// answered independently), every request is recorded with its arrival time, and the server tracks
// how many requests were in flight at once.
//
//   const server = await startRouteServer(({ path, query }) => ({ json: { data: [], nextCursor: null } }));
//   … createHostupClient({ apiKey, baseUrl: server.url }) …
//   expect(server.requests).toHaveLength(1);
//   await server.close();
//
// A handler that throws is answered with `418` text/plain (a 4xx, so the SDK never retries it)
// and its error is kept in `handlerErrors`, so a test can assert that the handler never failed.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RouteRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters (the last value of a repeated one). */
  query: Record<string, string>;
  /** The body parsed as JSON, or `undefined` when there is none or it is not JSON. */
  body: unknown;
  /** The body as sent. */
  rawBody: string;
  headers: IncomingHttpHeaders;
  /** `Date.now()` when the request's headers arrived. */
  at: number;
  /** Requests in flight (this one included) when it arrived. */
  inFlight: number;
}

export interface RouteAnswer {
  /** HTTP status (default 200). */
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body (`application/json`). */
  json?: unknown;
  /** A Problem Details body (`application/problem+json`). */
  problem?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
}

export type RouteHandler = (request: RouteRequest) => RouteAnswer | Promise<RouteAnswer>;

export interface RouteServer {
  /** `http://127.0.0.1:<port>`, for `baseUrl`. */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: ReadonlyArray<RouteRequest>;
  /** The most requests that were in flight at the same time. */
  readonly maxInFlight: number;
  /** Requests in flight right now. */
  readonly inFlight: number;
  /** Errors thrown by the handler (each answered with a 418). */
  readonly handlerErrors: ReadonlyArray<unknown>;
  /** Replaces the handler. */
  handle(handler: RouteHandler): void;
  /** Stops listening, destroys open sockets and cancels pending delays. */
  close(): Promise<void>;
}

export async function startRouteServer(handler: RouteHandler = () => ({ status: 404 })): Promise<RouteServer> {
  const requests: RouteRequest[] = [];
  const handlerErrors: unknown[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let current = handler;
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    const at = Date.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const arrivedWith = inFlight;
    let settled = false;
    // In flight until the answer is written or the client hangs up, whichever comes first.
    const done = () => {
      if (settled) return;
      settled = true;
      inFlight--;
    };
    res.on("finish", done);
    res.on("close", done);
    res.on("error", () => {}); // the client may hang up first (aborts)

    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = rawBody === "" ? undefined : JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const request: RouteRequest = {
        method: req.method ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        rawBody,
        headers: req.headers,
        at,
        inFlight: arrivedWith,
      };
      requests.push(request);

      const write = (answer: RouteAnswer) => {
        if (req.socket.destroyed || res.writableEnded) return done();
        const headers: Record<string, string> = {};
        let text = "";
        if (answer.json !== undefined) {
          headers["content-type"] = "application/json";
          text = JSON.stringify(answer.json);
        } else if (answer.problem !== undefined) {
          headers["content-type"] = "application/problem+json";
          text = JSON.stringify(answer.problem);
        }
        for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
        const bytes = Buffer.from(text, "utf8");
        headers["content-length"] = String(bytes.length);
        res.writeHead(answer.status ?? 200, headers);
        res.end(bytes);
      };
      const fail = (error: unknown) => {
        handlerErrors.push(error);
        if (req.socket.destroyed || res.writableEnded) return done();
        res.writeHead(418, { "content-type": "text/plain" });
        res.end(`route-server: handler failed: ${error instanceof Error ? error.message : String(error)}`);
      };

      Promise.resolve()
        .then(() => current(request))
        .then((answer) => {
          if (!answer.delayMs) return write(answer);
          const timer = setTimeout(() => {
            timers.delete(timer);
            write(answer);
          }, answer.delayMs);
          timers.add(timer);
        })
        .catch(fail);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handlerErrors,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    handle(next) {
      current = next;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections(); // keep-alive ones too, or close() would wait for them
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
