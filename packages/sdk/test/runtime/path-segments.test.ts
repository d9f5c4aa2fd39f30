// A path parameter `..` or `.` is a dot segment: the URL resolves it away before the request is sent,
// so `DELETE …/domains/{id}/redirects/{ruleId}` with `ruleId: ".."` would go out as
// `DELETE …/domains/{id}/`, which a server ignoring the trailing slash routes to deleting the domain.
// An empty segment is as bad. The methods refuse them by the ID patterns, `hostup.raw` by a check of
// every path it sends; either way with HostupValidationError, and nothing is sent.
import { describe, expect } from "vitest";
import { HostupValidationError, type HostupClient } from "../../src/index.js";
import { OPERATIONS } from "../../src/generated/operations.js";
import { clientFor, DOMAIN_ID, failOnUnhandledRejections, rejectionOf, RULE_ID, test } from "./helpers.js";

failOnUnhandledRejections();

const BAD_SEGMENTS = ["..", ".", ""];

/** A value matching an ID pattern: its documented prefix (`dom_`), then `1x`. */
const sampleFor = (pattern: RegExp) => `${/^\^([a-z]+_)/.exec(pattern.source)?.[1] ?? ""}1x`;

type Call = (...args: unknown[]) => Promise<unknown>;
const withParams = Object.values(OPERATIONS).filter((op) => op.params.length > 0);

describe.concurrent("the methods refuse a dot or empty path segment", () => {
  test("deleteDomainRedirect with ruleId `..`", async ({ api }) => {
    api.handle(() => ({ status: 204 }));
    const error = await rejectionOf(clientFor(api).deleteDomainRedirect(DOMAIN_ID, ".."));

    expect(error).toBeInstanceOf(HostupValidationError);
    expect(error).toMatchObject({ operationId: "deleteDomainRedirect", field: "ruleId" });
    expect(api.requests).toHaveLength(0);
  });

  test.for(withParams.flatMap((op) => op.params.map((param) => [op.id, param.name] as const)))(
    "%s, `%s`: `..`, `.` and empty are refused",
    async ([operationId, name], { api }) => {
      api.handle(() => ({ status: 204 }));
      const hostup = clientFor(api) as unknown as Record<string, Call>;
      const op = OPERATIONS[operationId]!;
      for (const bad of BAD_SEGMENTS) {
        const args = op.params.map((param) => (param.name === name ? bad : sampleFor(param.pattern)));
        const error = await rejectionOf(hostup[operationId]!(...args));
        expect(error, JSON.stringify(bad)).toBeInstanceOf(HostupValidationError);
        expect(error).toMatchObject({ operationId, field: name });
      }
      expect(api.requests).toHaveLength(0);
    },
  );
});

describe.concurrent("hostup.raw refuses a dot or empty path segment", () => {
  const REDIRECT = "/api/v2/domains/{id}/redirects/{ruleId}";

  test.for([...BAD_SEGMENTS.map((bad) => [JSON.stringify(bad), bad] as const), ['[".."]', [".."]] as const])(
    "a path parameter %s: HostupValidationError naming it, nothing sent",
    async ([, ruleId], { api }) => {
      api.handle(() => ({ status: 204 }));
      const error = await rejectionOf(
        clientFor(api).raw.DELETE(REDIRECT, { params: { path: { id: DOMAIN_ID, ruleId: ruleId as string } } }),
      );

      expect(error).toBeInstanceOf(HostupValidationError);
      expect(error).toMatchObject({ operationId: "deleteDomainRedirect", field: "ruleId" });
      expect(error.message).toContain(REDIRECT);
      expect(api.requests).toHaveLength(0);
    },
  );

  test("the first parameter too, and by `raw.request`", async ({ api }) => {
    api.handle(() => ({ status: 204 }));
    const hostup = clientFor(api);
    const first = await rejectionOf(hostup.raw.GET("/api/v2/domains/{id}", { params: { path: { id: ".." } } }));
    const request = await rejectionOf(hostup.raw.request("delete", REDIRECT, { params: { path: { id: DOMAIN_ID, ruleId: "." } } }));

    expect(first).toMatchObject({ name: "HostupValidationError", operationId: "getDomain", field: "id" });
    expect(request).toMatchObject({ name: "HostupValidationError", operationId: "deleteDomainRedirect", field: "ruleId" });
    expect(api.requests).toHaveLength(0);
  });

  test.for([
    "/api/v2/domains/../jobs",
    "/api/v2/domains/dom_1/.",
    "/api/v2/domains/",
    "/api/v2//domains",
    "/api/v2/domains/%2e%2E/x",
    "/api/v2/domains/.%2e",
  ])("a path that has one itself (%s): HostupValidationError, nothing sent", async (path, { api }) => {
    api.handle(() => ({ status: 204 }));
    const error = await rejectionOf((clientFor(api).raw as unknown as Record<string, Call>).GET!(path));

    expect(error).toBeInstanceOf(HostupValidationError);
    expect(error).toMatchObject({ field: "path" });
    expect(api.requests).toHaveLength(0);
  });

  test("values with dots that are not dot segments are sent, encoded as before", async ({ api }) => {
    api.handle(() => ({ status: 204 }));
    const hostup: HostupClient = clientFor(api);
    for (const ruleId of [RULE_ID, "a..b", "...", "%2e%2e", ". ."]) {
      await hostup.raw.DELETE(REDIRECT, { params: { path: { id: DOMAIN_ID, ruleId } } });
    }

    expect(api.requests.map((r) => r.path.slice(`/api/v2/domains/${DOMAIN_ID}/redirects/`.length))).toEqual([
      RULE_ID,
      "a..b",
      "...",
      "%252e%252e",
      ".%20.",
    ]);
  });
});
