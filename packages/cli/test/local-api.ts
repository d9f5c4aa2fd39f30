import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inject } from "vitest";
import type {} from "@hostup/mock/vitest-global-setup";

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent (`/api/v2/domains?name=example.com`). */
  path: string;
}

export interface LocalApi {
  url: string;
  /** Every request that reached the server, in arrival order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Respond = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void | Promise<void>;

/** An HTTP server on 127.0.0.1 that records each request and lets `respond` answer it. */
export async function localApi(respond: Respond): Promise<LocalApi> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "" });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      Promise.resolve(respond(req, Buffer.concat(chunks), res)).catch((error: Error) => {
        res.writeHead(502, { "content-type": "text/plain" }).end(`local API: ${error.message}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open connections too (a held answer's, a client's kept-alive one), or close() would wait for them to end.
        server.closeAllConnections();
      }),
  };
}

/** Answers every request with this status and JSON body. */
export const answer =
  (status: number, body: unknown, contentType = "application/problem+json"): Respond =>
  (_req, _body, res) => {
    res.writeHead(status, { "content-type": contentType }).end(JSON.stringify(body));
  };

/** Relays every request to the test run's mock (or to `target`) and its answer back: a recording proxy. */
export const toMock =
  (target: string = inject("HOSTUP_MOCK_URL")): Respond =>
  async (req, body, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (name !== "host" && typeof value === "string") headers.set(name, value);
    }
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body.length ? body : undefined });
    const payload = Buffer.from(await upstream.arrayBuffer());
    const relayed: Record<string, string> = {};
    // fetch has already decoded the body: its encoding and length headers no longer apply
    upstream.headers.forEach((value, name) => {
      if (!["content-encoding", "content-length", "transfer-encoding", "connection"].includes(name)) relayed[name] = value;
    });
    res.writeHead(upstream.status, { ...relayed, "content-length": String(payload.length) }).end(payload);
  };

/** Runs `use` with a local API that is closed afterwards, whatever happens. */
export async function withLocalApi<T>(respond: Respond, use: (api: LocalApi) => Promise<T>): Promise<T> {
  const api = await localApi(respond);
  try {
    return await use(api);
  } finally {
    await api.close();
  }
}
