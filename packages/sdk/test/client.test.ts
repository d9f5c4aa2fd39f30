import { describe, expect, test } from "vitest";
import { inspect } from "node:util";
import type { Middleware } from "openapi-fetch";
import { createHostupClient, DEFAULT_BASE_URL, HostupConfigError, HostupError } from "../src/index.js";
import { createFetchHandler } from "./support/fetch-handler.js";

const KEY = "hk_live_secret_0123456789";

/** A fetch that records requests and answers 204, so no network is touched. */
function recordingFetch() {
  const api = createFetchHandler();
  api.handle(() => ({ status: 204 }));
  return api;
}

describe("createHostupClient", () => {
  test("sends the API key as a bearer token and asks for JSON and Problem Details", async () => {
    const { fetch, requests } = recordingFetch();
    const hostup = createHostupClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", fetch });
    await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id: "dom_1" } } });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe("DELETE");
    expect(request!.url).toBe("http://127.0.0.1:9/api/v2/domains/dom_1");
    expect(request!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(request!.headers.get("accept")).toBe("application/json, application/problem+json");
  });

  test("defaults baseUrl to https://cloud.hostup.se", async () => {
    const { fetch, requests } = recordingFetch();
    const hostup = createHostupClient({ apiKey: KEY, fetch });
    await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id: "dom_1" } } });
    expect(DEFAULT_BASE_URL).toBe("https://cloud.hostup.se");
    expect(requests[0]!.url).toBe("https://cloud.hostup.se/api/v2/domains/dom_1");
  });

  test("keeps a proxy prefix of baseUrl and drops trailing slashes", async () => {
    const { fetch, requests } = recordingFetch();
    const hostup = createHostupClient({ apiKey: KEY, baseUrl: "https://proxy.example/hostup///", fetch });
    await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id: "dom_1" } } });
    expect(requests[0]!.url).toBe("https://proxy.example/hostup/api/v2/domains/dom_1");
  });

  test.each([
    ["missing", undefined],
    ["empty", ""],
    ["blank", "   "],
    ["with a trailing newline", `${KEY}\n`],
  ])("rejects an apiKey that is %s, before any request", (_, apiKey) => {
    const { fetch, requests } = recordingFetch();
    expect(() => createHostupClient({ apiKey: apiKey as string, fetch })).toThrow(HostupConfigError);
    expect(requests).toHaveLength(0);
  });

  test.each([["not a url"], ["ftp://example.com"], ["https://user:pw@example.com"], ["https://example.com/?q=1"]])(
    "rejects baseUrl %s",
    (baseUrl) => {
      expect(() => createHostupClient({ apiKey: KEY, baseUrl })).toThrow(HostupConfigError);
    },
  );

  test("configuration errors are HostupErrors and never echo the key", () => {
    try {
      createHostupClient({ apiKey: `${KEY}\n` });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HostupError);
      expect(String(error)).not.toContain(KEY);
      expect(inspect(error)).not.toContain(KEY);
      expect(JSON.stringify(error)).not.toContain(KEY);
    }
  });

  test("the client object does not reveal the key", () => {
    const hostup = createHostupClient({ apiKey: KEY });
    expect(inspect(hostup, { depth: 5, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(hostup)).not.toContain(KEY);
  });
});

describe("hostup.raw before its first request", () => {
  // The raw client (and openapi-fetch) is loaded on the first request; until then `raw` stands in.
  test("middleware registered with use() runs in order once the client loads; eject() removes it", async () => {
    const { fetch, requests } = recordingFetch();
    const hostup = createHostupClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", fetch });
    const seen: string[] = [];
    const a: Middleware = {
      onRequest: ({ request }) => {
        seen.push("a");
        request.headers.set("x-middleware", "a");
        return request;
      },
    };
    const b: Middleware = { onRequest: () => void seen.push("b") };
    const c: Middleware = { onRequest: () => void seen.push("c") };
    hostup.raw.use(a, b, c);
    hostup.raw.eject(b);

    await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id: "dom_1" } } });
    expect(seen).toEqual(["a", "c"]);
    expect(requests[0]!.headers.get("x-middleware")).toBe("a");

    hostup.raw.eject(c);
    await hostup.raw.DELETE("/api/v2/domains/{id}", { params: { path: { id: "dom_1" } } });
    expect(seen).toEqual(["a", "c", "a"]);
  });

  test("use() refuses a middleware without hooks at once, as openapi-fetch does", () => {
    const hostup = createHostupClient({ apiKey: KEY });
    expect(() => hostup.raw.use({} as Middleware)).toThrow("Middleware must be an object");
  });

  test("`raw` is one object, and not enumerable", () => {
    const hostup = createHostupClient({ apiKey: KEY });
    expect(hostup.raw).toBe(hostup.raw);
    expect(Object.keys(hostup)).not.toContain("raw");
  });
});
