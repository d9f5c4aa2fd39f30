import { describe, expect } from "vitest";
import { readFileSync } from "node:fs";
import { resolveDefaultSpec } from "@hostup/mock";
import {
  HostupApiError,
  HostupAuthenticationError,
  HostupBadRequestError,
  HostupConflictError,
  HostupConnectionError,
  HostupError,
  HostupNotFoundError,
  HostupPermissionDeniedError,
  HostupServerError,
  HostupTimeoutError,
  HostupUnexpectedResponseError,
  HostupResponseError,
  type HostupClient,
} from "../../src/index.js";
import {
  clientFor,
  DOMAIN_ID,
  DOMAIN_PATH,
  DYNDNS_BODY,
  DYNDNS_CONFIG,
  failOnUnhandledRejections,
  htmlPage,
  problem,
  rejectionOf,
  RULE_ID,
  SYNC_PATH,
  SYNC_RESULT,
  test,
} from "./helpers.js";

failOnUnhandledRejections();
const ok = { status: 200, json: SYNC_RESULT };

// The retries' backoffs run on a fake clock (../support/fake-clock.ts), whose timers are global: the
// blocks that use it are not concurrent.
describe("5xx with an HTML page (a proxy's error page)", () => {
  test.for([
    [500, "500 Internal Server Error"],
    [502, "502 Bad Gateway"],
    [503, "503 Service Temporarily Unavailable"],
  ] as const)(
    "%i persisting: maxRetries + 1 attempts, then HostupServerError naming the page title, not the page",
    async ([status, title], { api, clock }) => {
      const page = { status, headers: { "content-type": "text/html; charset=utf-8" }, text: htmlPage(title) };
      api.script([page, page, ok]);
      const error = await clock.settle(rejectionOf(clientFor(api, { maxRetries: 1 }).syncDomainStatus(DOMAIN_ID)));

      expect(error).toBeInstanceOf(HostupServerError);
      const serverError = error as HostupServerError;
      expect(serverError.status).toBe(status);
      expect(serverError.code).toBeUndefined();
      expect(serverError.problem).toBeUndefined();
      expect(serverError.operationId).toBe("syncDomainStatus");
      expect(serverError.message).toContain(`HTTP ${status}`);
      expect(serverError.message).toContain(title);
      expect(serverError.message).toContain("/api/v2/domains/{id}/actions/status-sync");
      expect(serverError.message).not.toMatch(/<html|<body|upstream server did not answer|nginx/i);
      expect(serverError.message.length).toBeLessThan(300);
      expect(api.requests).toHaveLength(2);
    },
  );
});

describe.concurrent("4xx Problem Details map to their subclasses", () => {
  const fieldErrors = [{ pointer: "/domainIds/1", detail: "Domain dom_x is not yours.", code: "forbidden_item" }];
  const call: Record<string, (hostup: HostupClient) => Promise<unknown>> = {
    bulkSyncDomainStatus: (h) => h.bulkSyncDomainStatus({ domainIds: [DOMAIN_ID, "dom_x"] }),
    syncDomainStatus: (h) => h.syncDomainStatus(DOMAIN_ID),
    updateDomainRedirect: (h) => h.updateDomainRedirect(DOMAIN_ID, RULE_ID, { enabled: false }),
    deleteDomain: (h) => h.deleteDomain(DOMAIN_ID),
    createDynDnsConfig: (h) => h.createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY),
  };

  test.for([
    { status: 400, ErrorClass: HostupBadRequestError, code: "invalid_request", operation: "bulkSyncDomainStatus" },
    { status: 401, ErrorClass: HostupAuthenticationError, code: "unauthorized", operation: "syncDomainStatus" },
    { status: 403, ErrorClass: HostupPermissionDeniedError, code: "forbidden", operation: "updateDomainRedirect" },
    { status: 404, ErrorClass: HostupNotFoundError, code: "not_found", operation: "deleteDomain" },
    { status: 409, ErrorClass: HostupConflictError, code: "dyndns_hostname_taken", operation: "createDynDnsConfig" },
  ])(
    "$status on $operation → $ErrorClass.name with code, requestId and errors[], one attempt",
    async ({ status, ErrorClass, code, operation }, { api }) => {
      const body = problem(status, code, { errors: fieldErrors });
      api.script([{ status, headers: { "x-request-id": `req_header_${status}` }, problem: body }, ok]);
      const error = await rejectionOf(call[operation]!(clientFor(api)));

      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(HostupApiError);
      expect(error).toBeInstanceOf(HostupError);
      const apiError = error as HostupApiError;
      expect(apiError.name).toBe(ErrorClass.name);
      expect(apiError.status).toBe(status);
      expect(apiError.code).toBe(code);
      expect(apiError.title).toBe(`Title of ${code}`);
      expect(apiError.detail).toBe(`Detail of ${code}.`);
      expect(apiError.requestId).toBe(`req_${code}_${status}`);
      expect(apiError.errors).toEqual(fieldErrors);
      expect(apiError.errors[0]).toMatchObject({ pointer: "/domainIds/1", detail: "Domain dom_x is not yours.", code: "forbidden_item" });
      expect(apiError.problem).toEqual(body);
      expect(apiError.operationId).toBe(operation);
      expect(apiError.headers.get("x-request-id")).toBe(`req_header_${status}`);
      expect(apiError.message).toContain(`HTTP ${status} [${code}]: Detail of ${code}.`);
      expect(apiError.toJSON()).toMatchObject({
        name: ErrorClass.name,
        status,
        code,
        requestId: `req_${code}_${status}`,
        errors: fieldErrors,
      });
      expect(api.requests).toHaveLength(1);
    },
  );

  test("deleteDomain's 409 exposes canDelete from extensions.actions", async ({ api }) => {
    const canDelete = { allowed: false, reason: "The domain has a pending renewal order.", code: "pending_order" };
    api.script([{ status: 409, problem: problem(409, "domain_delete_blocked", { extensions: { actions: { canDelete } } }) }]);
    const error = await rejectionOf(clientFor(api).deleteDomain(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupConflictError);
    expect((error as HostupConflictError).canDelete).toEqual(canDelete);
    expect((error as HostupConflictError).code).toBe("domain_delete_blocked");
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE ${DOMAIN_PATH}`]);
  });

  test("a Problem's own `__proto__` key (at any depth) becomes no prototype: it is dropped, and nothing is inherited from it", async ({
    api,
  }) => {
    const canDelete = { allowed: true, reason: "forged", code: "forged" };
    api.script([
      {
        status: 409,
        headers: { "content-type": "application/problem+json" },
        // As a server would send it: JSON.parse makes `__proto__` an own key, unlike an object literal.
        text: `{"title":"Conflict","status":409,"__proto__":{"code":"forged","detail":"forged","polluted":true},"extensions":{"__proto__":{"actions":{"canDelete":${JSON.stringify(canDelete)}}}}}`,
      },
    ]);
    const error = await rejectionOf(clientFor(api).deleteDomain(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupConflictError);
    const conflict = error as HostupConflictError;
    expect(Object.getPrototypeOf(conflict.problem)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(conflict.problem?.extensions)).toBe(Object.prototype);
    expect((conflict.problem as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(conflict.problem!, "__proto__")).toBe(false);
    expect(conflict.code).toBeUndefined();
    expect(conflict.detail).toBeUndefined();
    expect(conflict.canDelete).toBeUndefined();
    expect(conflict.message).toMatch(/^HTTP 409: Conflict \(DELETE \/api\/v2\/domains\/\{id\}\)/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a 409 without extensions.actions.canDelete has canDelete undefined", async ({ api }) => {
    api.script([{ status: 409, problem: problem(409, "conflict") }]);
    const error = await rejectionOf(clientFor(api).deleteDomain(DOMAIN_ID));
    expect(error).toBeInstanceOf(HostupConflictError);
    expect((error as HostupConflictError).canDelete).toBeUndefined();
  });
});

describe("connection errors (fetch failed)", () => {
  // Only the error fetch rejects with matters here; resets and closes on a real socket are in connection-faults.test.ts.
  test("refused on every attempt of a retry-safe operation: maxRetries + 1 attempts, then HostupConnectionError naming the cause's code", async ({
    api,
    clock,
  }) => {
    api.script([{ fail: "ECONNREFUSED" }, { fail: "ECONNREFUSED" }, { fail: "ECONNREFUSED" }, ok]);
    const error = await clock.settle(rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID)));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect(error).not.toBeInstanceOf(HostupTimeoutError);
    expect((error as HostupConnectionError).attempts).toBe(3);
    expect(error.message).toBe("Could not reach the HostUp API: fetch failed (ECONNREFUSED) (attempt 3).");
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as TypeError).cause).toMatchObject({ code: "ECONNREFUSED", syscall: "connect" });
    expect(api.requests).toHaveLength(3);
    expect(api.unscripted).toBe(0);
  });

  test("a reset (ECONNRESET) followed by a success resolves with the data", async ({ api, clock }) => {
    api.script([{ fail: "ECONNRESET" }, ok]);
    await expect(clock.settle(clientFor(api).syncDomainStatus(DOMAIN_ID))).resolves.toEqual(SYNC_RESULT);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${SYNC_PATH}`, `POST ${SYNC_PATH}`]);
  });

  test("createDynDnsConfig is not retried after a reset (ECONNRESET): it might have been applied", async ({ api }) => {
    api.script([{ fail: "ECONNRESET" }, { status: 201, json: DYNDNS_CONFIG }]);
    const error = await rejectionOf(clientFor(api).createDynDnsConfig(DOMAIN_ID, DYNDNS_BODY));

    expect(error).toBeInstanceOf(HostupConnectionError);
    expect((error as HostupConnectionError).attempts).toBe(1);
    expect(error.message).toContain("fetch failed (ECONNRESET)");
    expect(api.requests).toHaveLength(1);
  });
});

describe.concurrent("response bodies", () => {
  test("200 with malformed JSON → HostupUnexpectedResponseError, not retried", async ({ api }) => {
    api.script([{ status: 200, headers: { "content-type": "application/json" }, text: '{"id": "dom_01", "name": ' }, ok]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    // The API did not refuse the call (it may have applied it): not an HostupApiError, but an answer all the same.
    expect(error).not.toBeInstanceOf(HostupApiError);
    expect(error).toBeInstanceOf(HostupResponseError);
    expect((error as HostupUnexpectedResponseError).status).toBe(200);
    expect(error.message).toMatch(/not valid JSON/);
    expect(api.requests).toHaveLength(1);
  });

  test("a truncated problem+json error body → HostupApiError with the status, saying it is not valid Problem Details", async ({ api }) => {
    api.script([
      { status: 400, headers: { "content-type": "application/problem+json" }, text: '{"type":"https://developer.hostup.se/errors/inv' },
    ]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupBadRequestError);
    const apiError = error as HostupBadRequestError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBeUndefined();
    expect(apiError.problem).toBeUndefined();
    expect(apiError.errors).toEqual([]);
    expect(apiError.message).toMatch(/^HTTP 400: /);
    expect(apiError.message).toMatch(/not valid Problem Details/);
    expect(apiError.message).not.toContain("developer.hostup.se/errors/inv");
  });

  test("a truncated problem+json 500 (retries off) → HostupServerError saying it is not valid Problem Details", async ({ api }) => {
    api.script([{ status: 500, headers: { "content-type": "application/problem+json" }, text: '{"status":500,"code":"internal_' }]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupServerError);
    expect((error as HostupServerError).status).toBe(500);
    expect(error.message).toMatch(/not valid Problem Details/);
  });

  test("an empty 500 body → HostupServerError saying the body was empty", async ({ api }) => {
    api.script([{ status: 500 }]);
    const error = await rejectionOf(clientFor(api, { maxRetries: 0 }).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupServerError);
    expect((error as HostupServerError).status).toBe(500);
    expect(error.message).toMatch(/^HTTP 500: Internal Server Error \(empty body\)/);
  });

  test.for([
    ["text/html", htmlPage("Welcome")],
    ["text/plain", JSON.stringify(SYNC_RESULT)],
  ] as const)("200 with content type %s → HostupUnexpectedResponseError naming the type", async ([type, body], { api }) => {
    api.script([{ status: 200, headers: { "content-type": type }, text: body }, ok]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect((error as HostupUnexpectedResponseError).status).toBe(200);
    expect(error.message).toContain(`is ${type}, not JSON`);
    expect(error.message).not.toContain("Welcome");
    expect(api.requests).toHaveLength(1);
  });

  test.for([
    ["null", null],
    ["a string", "dom_01hxa3b4c5d6e7f8g9h0j1k2m3"],
    ["a number", 0],
    ["a boolean", true],
    ["an array", [SYNC_RESULT]],
  ] as const)("200 whose JSON is %s → HostupUnexpectedResponseError saying so, not quoting it", async ([kind, json], { api }) => {
    api.script([{ status: 200, json }, ok]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect((error as HostupUnexpectedResponseError).operationId).toBe("syncDomainStatus");
    expect(error.message).toBe(
      `HTTP 200: the 200 response is JSON ${kind}, not the object the API documents, so the SDK cannot return it. (POST /api/v2/domains/{id}/actions/status-sync)`,
    );
    expect(error.message).not.toContain(DOMAIN_ID);
    expect(api.requests).toHaveLength(1);
  });

  test("a 200 with a JSON array where the API documents no body (204) → HostupUnexpectedResponseError saying so", async ({ api }) => {
    api.script([{ status: 200, json: [] }]);
    const error = await rejectionOf(clientFor(api).deleteDomain(DOMAIN_ID));

    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect(error.message).toContain("is JSON an array, where the API documents no body");
  });

  // The methods refuse any other JSON answer (eager/invoke.ts): this keeps that right as the spec grows.
  test("every JSON success answer the spec documents is an object", () => {
    const spec = JSON.parse(readFileSync(resolveDefaultSpec(), "utf8"));
    const resolve = (node: { $ref?: string }): Record<string, unknown> =>
      node.$ref
        ? resolve(
            node.$ref
              .slice(2)
              .split("/")
              .reduce((at, key) => at[key], spec),
          )
        : node;
    const isObject = (schema: Record<string, unknown>): boolean =>
      schema.type === "object" ||
      (["anyOf", "oneOf", "allOf"] as const).some(
        (key) => Array.isArray(schema[key]) && (schema[key] as []).every((s) => isObject(resolve(s))),
      );
    const answers: string[] = [];
    for (const item of Object.values(spec.paths) as Array<Record<string, { operationId?: string; responses?: Record<string, object> }>>) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const schema = (resolve(response).content as Record<string, { schema: object }> | undefined)?.["application/json"]?.schema;
          if (!status.startsWith("2") || !schema) continue;
          answers.push(`${operation.operationId} ${status}`);
          expect(isObject(resolve(schema)), `${operation.operationId} ${status}`).toBe(true);
        }
      }
    }
    expect(answers).toContain("getJob 200");
    expect(answers.length).toBeGreaterThan(20);
  });

  test("200 with an empty body where JSON is promised → HostupUnexpectedResponseError", async ({ api }) => {
    api.script([{ status: 200, headers: { "content-type": "application/json" } }]);
    const error = await rejectionOf(clientFor(api).syncDomainStatus(DOMAIN_ID));
    expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
    expect(error.message).toMatch(/empty body/);
  });

  test("204 → deleteDomain resolves undefined; withResponse shows the 204", async ({ api }) => {
    api.script([{ status: 204 }, { status: 204 }]);
    const hostup = clientFor(api);

    await expect(hostup.deleteDomain(DOMAIN_ID)).resolves.toBeUndefined();
    const result = await hostup.deleteDomain.withResponse(DOMAIN_ID);
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(204);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE ${DOMAIN_PATH}`, `DELETE ${DOMAIN_PATH}`]);
  });
});

describe.concurrent("withResponse()", () => {
  test("exposes the response status, X-Request-Id and X-RateLimit-* headers", async ({ api }) => {
    const reset = "2026-04-27T12:01:00.000Z";
    api.script([
      {
        status: 200,
        json: SYNC_RESULT,
        headers: {
          "x-request-id": "req_01hxa3b4c5",
          "x-ratelimit-limit": "120",
          "x-ratelimit-remaining": "117",
          "x-ratelimit-reset": reset,
        },
      },
    ]);
    const { data, response, requestId, rateLimit } = await clientFor(api).syncDomainStatus.withResponse(DOMAIN_ID);

    expect(data).toEqual(SYNC_RESULT);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(requestId).toBe("req_01hxa3b4c5");
    expect(rateLimit).toEqual({ limit: 120, remaining: 117, reset: new Date(reset) });
  });

  test("without those headers, requestId and every rateLimit field are undefined", async ({ api }) => {
    api.script([{ status: 201, json: DYNDNS_CONFIG }]);
    const result = await clientFor(api).createDynDnsConfig.withResponse(DOMAIN_ID, DYNDNS_BODY);

    expect(result.response.status).toBe(201);
    expect(result.data).toEqual(DYNDNS_CONFIG);
    expect(result.requestId).toBeUndefined();
    expect(result.rateLimit).toEqual({ limit: undefined, remaining: undefined, reset: undefined });
  });
});
