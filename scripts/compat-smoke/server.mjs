// The local API the smoke checks call (smoke.mjs), on 127.0.0.1: a success, a Problem Details 404, a
// request it never answers, and the DynDNS update. It records each request's method, path and
// User-Agent for drive.mjs, and sends the User-Agent back in `X-Seen-User-Agent`.
import { createServer } from "node:http";
import { APP_TOKEN, DOMAIN_ID, MISSING_ID, STALLED_ID } from "./smoke.mjs";

/** Starts the server on a free port; resolves to `{ url, requests, close() }`. */
export async function startServer() {
  const requests = [];
  const stalled = new Set();
  const server = createServer((req, res) => {
    const userAgent = req.headers["user-agent"] ?? null;
    const path = (req.url ?? "/").split("?")[0];
    requests.push({ method: req.method, path, userAgent });
    req.resume();
    const seen = { "x-seen-user-agent": userAgent ?? "(none)" };
    if (req.method === "POST" && path === `/api/v2/domains/${DOMAIN_ID}/actions/status-sync`) {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_smoke_200", ...seen });
      res.end(
        JSON.stringify({
          id: DOMAIN_ID,
          name: "example.com",
          previousStatus: "pending",
          newStatus: "active",
          syncedAt: "2026-12-07T12:00:00.000Z",
        }),
      );
    } else if (req.method === "GET" && path === `/api/v2/domains/${MISSING_ID}`) {
      res.writeHead(404, { "content-type": "application/problem+json", ...seen });
      res.end(
        JSON.stringify({
          type: "https://developer.hostup.se/errors/domain_not_found",
          title: "Domain not found",
          status: 404,
          detail: "No domain with this ID in your account.",
          code: "domain_not_found",
          requestId: "req_smoke_404",
        }),
      );
    } else if (req.method === "GET" && path === `/api/v2/domains/${STALLED_ID}`) {
      stalled.add(res); // answered never; closed with the server
    } else if (req.method === "GET" && path === "/api/dyndns/update") {
      const ours = userAgent?.startsWith("hostup-sdk-typescript/") && userAgent.endsWith(` ${APP_TOKEN}`);
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", ...seen });
      res.end(ours ? "good 203.0.113.7" : "badagent");
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("no such route in the smoke server");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
