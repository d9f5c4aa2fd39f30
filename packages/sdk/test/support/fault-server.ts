// A scripted HTTP server on 127.0.0.1, for what only a real connection shows: a reset after the
// headers and part of the body, a connection closed before any answer, a body that stalls midway.
// Everything else is tested without a port, with a fetch handler (./fetch-handler.ts).
//
//   const server = await startFaultServer();
//   server.script([{ status: 200, json: { ok: true }, resetMidBody: true }, { status: 200, json: { ok: true } }]);
//   … createHostupClient({ apiKey, baseUrl: server.url }) …
//   expect(server.requests).toHaveLength(2);
//   await server.close();
//
// Requests are answered strictly in the scripted order. When the script is exhausted the server
// fails loudly: it answers `418` with a text/plain body "fault-server: no scripted answer for
// request #N" (a 4xx, so the SDK never retries it) and counts it in `unscripted`.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer. With none of the fault options set, a normal response is written. */
export interface FaultAnswer {
  /** HTTP status (default 200). */
  status?: number;
  /** Response headers. */
  headers?: Record<string, string>;
  /** A JSON body (`application/json` unless `headers` sets a content type). */
  json?: unknown;
  /** A raw body, sent as is (content type from `headers`). */
  body?: string;
  /** Send the headers and the first half of the body, wait this long, then send the rest. */
  stallMs?: number;
  /** Send the headers and the first half of the body (Content-Length announces all of it), then destroy the socket. */
  resetMidBody?: boolean;
  /** Destroy the socket after reading the request, before any byte of a response. */
  destroy?: boolean;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>`, for `baseUrl`. */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: ReadonlyArray<ReceivedRequest>;
  /** Requests that arrived after the script ran out (each got a 418). */
  readonly unscripted: number;
  /** Replaces the script; the next request gets `answers[0]`. */
  script(answers: ReadonlyArray<FaultAnswer>): void;
  /** Stops listening, destroys open sockets and cancels pending stalls. */
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let answers: ReadonlyArray<FaultAnswer> = [];
  let next = 0;
  let unscripted = 0;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    // Taken at arrival, so answers follow arrival order even if bodies finish out of order.
    const answer = answers[next++];
    res.on("error", () => {}); // the client may hang up first; that is the point of some tests
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (!answer) {
        unscripted++;
        res.writeHead(418, { "content-type": "text/plain" });
        res.end(`fault-server: no scripted answer for request #${requests.length}`);
        return;
      }
      const headers: Record<string, string> = {};
      let body = "";
      if (answer.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(answer.json);
      } else if (answer.body !== undefined) {
        body = answer.body;
      }
      for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
      const bytes = Buffer.from(body, "utf8");
      headers["content-length"] = String(bytes.length);
      const half = Math.max(1, Math.floor(bytes.length / 2));

      if (answer.destroy) return void req.socket.destroy();
      res.writeHead(answer.status ?? 200, headers);
      if (answer.resetMidBody) {
        res.write(bytes.subarray(0, half));
        // Give the client time to see the headers and the first bytes, then cut the connection.
        return later(30, () => req.socket.destroy());
      }
      if (answer.stallMs !== undefined) {
        res.write(bytes.subarray(0, half));
        return later(answer.stallMs, () => {
          if (!req.socket.destroyed) res.end(bytes.subarray(half));
        });
      }
      res.end(bytes);
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
    get unscripted() {
      return unscripted;
    },
    script(list) {
      answers = list;
      next = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections(); // keep-alive ones too, or close() would wait for them
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
