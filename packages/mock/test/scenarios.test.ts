import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { scenarioFetch, startMockServer, type MockServer, type Scenarios } from "../src/index.js";

const DOMAIN = "/api/v2/domains/dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const JOB = "/api/jobs/dbj_01hxa3b4c5d6e7f8g9h0j1k2m3";
const headers = { authorization: "Bearer test", accept: "application/json, application/problem+json" };
let mock: MockServer;

/** The `Prefer` header a scenario fetch sends for `method path` (null: none), read off a fetch that answers nothing. */
async function preferSent(scenarios: Scenarios, method: string, path: string, spec?: string): Promise<string | null> {
  const sent: Request[] = [];
  const recording = async (input: string | URL | Request) => {
    sent.push(input as Request);
    return new Response(null, { status: 204 });
  };
  await scenarioFetch(scenarios, { spec, fetch: recording })(`http://127.0.0.1:9${path}`, { method });
  expect(sent).toHaveLength(1);
  return sent[0]!.headers.get("prefer");
}

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
    expect(() => scenarioFetch({ getJob: {} })).toThrow(/the scenario for "getJob" names neither a code nor an example/);
  });

  test("an example name documented under two statuses needs its code", async () => {
    const spec = fileURLToPath(new URL("fixtures/shared-example.openapi.json", import.meta.url));
    expect(() => scenarioFetch({ createThing: { example: "Thing" } }, { spec })).toThrow(
      /"Thing" in its 200 and 201 responses: give its code too/,
    );
    // the 201 response is a $ref: its examples are found through it
    expect(await preferSent({ createThing: { code: 201, example: "Thing" } }, "POST", "/things", spec)).toBe("code=201, example=Thing");
  });
});

describe('an operation\'s own scenario and "*"', () => {
  test.each<[string, Scenarios]>([
    ["own key first", { deleteDomain: 409, "*": 429 }],
    ['"*" first', { "*": 429, deleteDomain: 409 }],
  ])('the operation\'s own scenario wins over "*" (%s)', async (_order, scenarios) => {
    expect(await preferSent(scenarios, "DELETE", DOMAIN)).toBe("code=409");
    expect(await preferSent(scenarios, "GET", "/api/v2/domains")).toBe("code=429");
  });

  test("…also through the mock", async () => {
    const fetch = scenarioFetch({ deleteDomain: 409, "*": 429 });
    expect((await fetch(`${mock.url}${DOMAIN}`, { method: "DELETE", headers })).status).toBe(409);
    expect((await fetch(`${mock.url}/api/v2/domains`, { headers })).status).toBe(429);
  });

  test('"*" skips operations without the named example, as it skips those without the status', async () => {
    const scenarios = { "*": { example: "DomainDeleteBlockedProblem" } };
    expect(await preferSent(scenarios, "DELETE", DOMAIN)).toBe("code=409, example=DomainDeleteBlockedProblem");
    expect(await preferSent(scenarios, "GET", JOB)).toBeNull();
    expect(await preferSent({ "*": 409 }, "GET", JOB)).toBeNull();
    const fetch = scenarioFetch(scenarios);
    expect((await fetch(`${mock.url}${DOMAIN}`, { method: "DELETE", headers })).status).toBe(409);
    expect((await fetch(`${mock.url}${JOB}`, { headers })).status).toBe(200);
  });

  test("an example is looked up in the response of its status", async () => {
    expect(await preferSent({ getJob: { code: 200, example: "OperationJobCompleted" } }, "GET", JOB)).toBe(
      "code=200, example=OperationJobCompleted",
    );
    // Prism would answer 200 with that example, not the 429 asked for
    expect(() => scenarioFetch({ getJob: { code: 429, example: "OperationJobCompleted" } })).toThrow(
      /getJob has no example named "OperationJobCompleted" in its 429 response/,
    );
    expect(await preferSent({ "*": { code: 429, example: "RateLimitedProblem" } }, "GET", JOB)).toBe(
      "code=429, example=RateLimitedProblem",
    );
  });

  test('"*" that no operation documents is refused', () => {
    expect(() => scenarioFetch({ "*": 418 })).toThrow(/no operation documents a 418 response/);
    expect(() => scenarioFetch({ "*": { example: "Nope" } })).toThrow(/no operation has an example named "Nope"/);
  });
});
