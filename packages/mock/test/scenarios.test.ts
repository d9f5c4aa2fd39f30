import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { scenarioFetch, startMockServer, type MockServer } from "../src/index.js";

const DOMAIN = "/api/v2/domains/dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const headers = { authorization: "Bearer test", accept: "application/json, application/problem+json" };
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ errors: true });
});
afterAll(async () => {
  await mock?.close();
});

describe("scenarioFetch forces documented answers of the bundled spec", () => {
  test("a status for one operation; other operations answer normally", async () => {
    const fetch = scenarioFetch({ deleteDomain: 409 });
    const blocked = await fetch(`${mock.url}${DOMAIN}`, { method: "DELETE", headers });
    expect(blocked.status).toBe(409);
    expect(await blocked.json()).toMatchObject({ extensions: { actions: { canDelete: { allowed: false } } } });
    const synced = await fetch(`${mock.url}${DOMAIN}/actions/status-sync`, { method: "POST", headers });
    expect(synced.status).toBe(200);
  });

  test('"*" forces a status on every operation that documents it', async () => {
    const fetch = scenarioFetch({ "*": 429 });
    const limited = await fetch(`${mock.url}${DOMAIN}`, { method: "DELETE", headers });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    const alsoLimited = await fetch(`${mock.url}/api/v2/domains?name=example.com`, { headers });
    expect(alsoLimited.status).toBe(429);
  });

  test("a named example", async () => {
    const fetch = scenarioFetch({ getJob: { example: "OperationJobCompleted" } });
    const job = await fetch(`${mock.url}/api/jobs/dbj_01hxa3b4c5d6e7f8g9h0j1k2m3`, { headers });
    expect(await job.json()).toMatchObject({ operation: { status: "completed" } });
  });

  test("keeps the request's method, body and headers", async () => {
    const fetch = scenarioFetch({ createDynDnsConfig: 201 });
    const created = await fetch(`${mock.url}${DOMAIN}/dyndns`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ hostname: "home.example.com", recordType: "A" }),
    });
    expect(created.status).toBe(201);
  });

  test("refuses what the spec does not document", () => {
    expect(() => scenarioFetch({ deleteDomian: 409 })).toThrow(/unknown operationId "deleteDomian"/);
    expect(() => scenarioFetch({ syncDomainStatus: 409 })).toThrow(/syncDomainStatus documents no 409 response/);
    expect(() => scenarioFetch({ getJob: { example: "Nope" } })).toThrow(/no example named "Nope"/);
  });
});
