// Every statement of HostUp's documentation pages (the seed pages, our source of truth) must be in the
// bundled spec `dist/openapi.json`: operation, scope, security schemes, path parameters, request and
// response fields (type, nullability, required, enum, example), Problem Details fields, status codes and
// their descriptions, and the JSON examples of the code panel.
//
// The statements come from test/seed-facts.json, which the page parser (support/seed-pages.ts) extracted
// from the pages, so this runs without them; seed-facts.test.ts checks that the file still matches the
// pages where they are present. Run `redocly bundle` first (the `bundle` script of this package) so that
// `dist/openapi.json` exists.

import { deref, type SpecNode } from "@hostup/openapi/walk";
import { describe, expect, test } from "vitest";
import { checkField, describeField, operationOf, responseOf, specOperationOf, successStatus } from "./support/seed-checks.js";
import { readSeedFacts } from "./support/seed-facts.js";
import { norm, PROBLEM_STATUSES, parseType } from "./support/seed-pages.js";
import { schemaView, spec } from "./support/spec-views.js";

const RATE_LIMIT_HEADERS = ["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

// ---------------------------------------------------------------------------------------------------
// Minimum facts per operation, so a broken parser (or a truncated facts file) cannot pass vacuously.

interface MinCounts {
  pathParams: number;
  body: number;
  response: number;
  problemBlocks: number;
  json: number;
}
const MIN_COUNTS: Record<string, MinCounts> = {
  "POST /api/v2/domains/{id}/actions/status-sync": { pathParams: 1, body: 0, response: 15, problemBlocks: 6, json: 1 },
  "POST /api/v2/domains/bulk/status-sync": { pathParams: 0, body: 1, response: 6, problemBlocks: 6, json: 3 },
  "DELETE /api/v2/domains/{id}": { pathParams: 1, body: 0, response: 0, problemBlocks: 6, json: 1 },
  "PATCH /api/v2/domains/{id}/redirects/{ruleId}": { pathParams: 2, body: 9, response: 16, problemBlocks: 6, json: 3 },
  "POST /api/v2/domains/{id}/dyndns": { pathParams: 1, body: 2, response: 10, problemBlocks: 6, json: 3 },
};
/** type, title, status, detail, code, instance, requestId, timestamp, errors (+3 item fields), extensions */
const MIN_PROBLEM_FIELDS = 13;

const deep = (node: unknown): SpecNode => deref(spec(), node) as SpecNode;

// ---------------------------------------------------------------------------------------------------
// Tests

const { pages } = readSeedFacts();

test("bundled spec dist/openapi.json exists", () => {
  expect(() => spec()).not.toThrow();
});

test("security schemes: bearerApiKey is http bearer, dashboardSession is the hostup_session cookie", () => {
  const schemes = spec().components.securitySchemes;
  expect(schemes.bearerApiKey).toMatchObject({ type: "http", scheme: "bearer" });
  expect(schemes.dashboardSession).toMatchObject({ type: "apiKey", in: "cookie", name: "hostup_session" });
});

for (const page of pages) {
  const opName = `${page.method} ${page.path}`;

  describe(`${page.file} — ${page.title ?? "(untitled page)"} — ${opName}`, () => {
    test("facts hold the page's statements (minimum counts)", () => {
      const min = MIN_COUNTS[opName];
      expect(min, `${opName} is one of the known seed operations`).toBeDefined();
      if (!min) return;
      expect(page.pathParams.length, "path parameters").toBeGreaterThanOrEqual(min.pathParams);
      expect(page.bodyFields.length, "request body fields").toBeGreaterThanOrEqual(min.body);
      expect(page.success.flatMap((s) => s.fields).length, "success response fields").toBeGreaterThanOrEqual(min.response);
      expect(page.problems.length, "Problem Details blocks").toBeGreaterThanOrEqual(min.problemBlocks);
      for (const p of page.problems) {
        expect(p.fields.length, `fields of the ${p.status} Problem block`).toBeGreaterThanOrEqual(MIN_PROBLEM_FIELDS);
      }
      expect(page.json.length, "JSON examples").toBeGreaterThanOrEqual(min.json);
    });

    test(`operation ${opName} exists`, () => {
      operationOf(page);
    });

    const { title, breadcrumb, curl } = page;
    if (title !== undefined) {
      test(`summary is the page title "${title}"`, () => {
        expect(operationOf(page).summary).toBe(title);
      });
    }

    if (breadcrumb !== undefined) {
      test(`tag from the breadcrumb "${breadcrumb}"`, () => {
        const groups: SpecNode[] = spec()["x-tagGroups"] ?? [];
        const group = groups.find((g) => breadcrumb.startsWith(`${g.name} `));
        expect(group, `a tag group that prefixes "${breadcrumb}"`).toBeDefined();
        const tag = breadcrumb.slice((group?.name.length ?? 0) + 1);
        expect(group?.tags).toContain(tag);
        expect(operationOf(page).tags).toEqual([tag]);
        expect((spec().tags ?? []).map((t: SpecNode) => t.name)).toContain(tag);
      });
    }

    if (curl) {
      test(`cURL is ${curl.method} ${curl.path}`, () => {
        expect(curl.method).toBe(page.method);
        const examples = Object.fromEntries(page.pathParams.map((p) => [p.name, p.example]));
        const expected = page.path.replace(/\{(\w+)\}/g, (_, name: string) => examples[name] ?? `{${name}}`);
        expect(curl.path).toBe(expected);
      });
    }

    test(`security: every requirement has exactly scope ${page.scope}; bearerApiKey and dashboardSession offered`, () => {
      const requirements: Record<string, string[]>[] = operationOf(page).security ?? spec().security;
      expect(requirements?.length, "security requirements").toBeGreaterThan(0);
      for (const requirement of requirements) {
        const entries = Object.entries(requirement);
        expect(entries.length, "an anonymous (empty) requirement would make the scope optional").toBeGreaterThan(0);
        for (const [scheme, scopes] of entries) expect(scopes, `scopes of ${scheme}`).toEqual([page.scope]);
      }
      const offered = requirements.flatMap((r) => Object.keys(r));
      expect(page.mentionsBearer, "page mentions Authorization: Bearer").toBe(true);
      expect(page.mentionsSessionCookie, "page mentions hostup_session").toBe(true);
      expect(offered).toContain("bearerApiKey");
      expect(offered).toContain("dashboardSession");
    });

    for (const p of page.pathParams) {
      test(`path parameter ${p.name}: ${p.type}${p.required ? ", required" : ""}, example ${p.example} matches the pattern`, () => {
        const param = specOperationOf(page).parameters.find((x) => x.name === p.name && x.in === "path");
        expect(param, `path parameter ${p.name}`).toBeDefined();
        expect(page.path).toContain(`{${p.name}}`);
        expect(p.required, "the page marks it required").toBe(true);
        expect(param?.required).toBe(true);
        const view = schemaView(param?.schema);
        expect(view.types).toEqual([parseType(p.type).base]);
        expect(view.pattern, "schema pattern").toBeDefined();
        expect(p.example).toMatch(new RegExp(view.pattern ?? ""));
        const examples = [param?.example, ...Object.values(param?.examples ?? {}).map((e) => deep(e).value), ...view.examples];
        expect(examples).toContain(p.example);
      });
    }

    if (page.bodyRequired || page.bodyMediaType) {
      test(`request body${page.bodyRequired ? " required" : ""}${page.bodyMediaType ? `, ${page.bodyMediaType}` : ""}`, () => {
        const body = deep(operationOf(page).requestBody);
        expect(body, "requestBody").toBeDefined();
        if (page.bodyRequired) expect(body.required).toBe(true);
        if (page.bodyMediaType) expect(Object.keys(body.content ?? {})).toContain(page.bodyMediaType);
      });
    }

    if (page.bodyFields.length > 0) {
      describe("request body fields", () => {
        for (const f of page.bodyFields) {
          test(`field ${describeField(f)}`, () => {
            const body = deep(operationOf(page).requestBody);
            expect(body, "requestBody").toBeDefined();
            const schema = body.content?.["application/json"]?.schema;
            expect(schema, "application/json request schema").toBeDefined();
            checkField(schema, f);
          });
        }
      });
    }

    if (!page.hasStatusLines) {
      // Page 001 shows no status lines. HostUp's API reference documents 202 Accepted for this queued
      // job, and the page repeats the same six Problem Details blocks as every other page.
      test("status 202 (from HostUp's reference; the page shows no status lines) and statuses 400/401/403/404/429/500", () => {
        const statuses = Object.keys(operationOf(page).responses ?? {});
        for (const s of ["202", ...PROBLEM_STATUSES]) expect(statuses, `status ${s}`).toContain(s);
        expect(page.problems.map((p) => p.status)).toEqual(PROBLEM_STATUSES);
      });
    }

    for (const section of page.success) {
      const { description } = section;
      if (description !== undefined) {
        test(`status ${section.status} "${description}"${section.noBody ? " (no response body)" : ""}`, () => {
          const response = responseOf(page, section.status);
          expect(norm(response.description ?? "")).toContain(description);
          if (section.noBody) expect(response.content, `${section.status} has no content`).toBeUndefined();
        });
      }
      if (section.fields.length > 0) {
        describe(`${page.hasStatusLines ? section.status : "success"} response fields`, () => {
          for (const f of section.fields) {
            test(`field ${describeField(f)}`, () => {
              const status = page.hasStatusLines ? section.status : successStatus(page);
              const schema = responseOf(page, status).content?.["application/json"]?.schema;
              expect(schema, `application/json schema of ${status}`).toBeDefined();
              checkField(schema, f);
            });
          }
        });
      }
    }

    for (const problem of page.problems) {
      const { description } = problem;
      describe(`${problem.status} Problem Details${description ? ` "${description}"` : ""}`, () => {
        test(`status ${problem.status} exists${description ? " with the page's description" : ""}, application/problem+json Problem`, () => {
          const response = responseOf(page, problem.status);
          if (description !== undefined) expect(norm(response.description ?? "")).toContain(description);
          expect(Object.keys(response.content ?? {})).toEqual(["application/problem+json"]);
          expect(response.content["application/problem+json"].schema?.$ref).toBe("#/components/schemas/Problem");
        });
        for (const f of problem.fields) {
          test(`field ${describeField(f)}`, () => {
            const schema = responseOf(page, problem.status).content?.["application/problem+json"]?.schema;
            expect(schema, `application/problem+json schema of ${problem.status}`).toBeDefined();
            checkField(schema, f);
          });
        }
      });
    }

    test("every error status is application/problem+json only; 429 declares the rate-limit headers", () => {
      const responses: SpecNode = operationOf(page).responses ?? {};
      const errors = Object.keys(responses).filter((s) => /^[45]/.test(s));
      expect(errors.length).toBeGreaterThan(0);
      for (const status of errors) {
        expect(Object.keys(deep(responses[status]).content ?? {}), `media types of ${status}`).toEqual(["application/problem+json"]);
      }
      const headers = deep(responses["429"])?.headers ?? {};
      for (const h of RATE_LIMIT_HEADERS) expect(Object.keys(headers), `429 header ${h}`).toContain(h);
    });

    page.json.forEach((block, index) => {
      const label =
        block.kind === "curl-request"
          ? "cURL -d request body"
          : block.kind === "request"
            ? `Request Body${block.name ? ` "${block.name}"` : ""}`
            : "Response";
      test(`JSON example #${index + 1} (${label}) equals a named example of the operation`, () => {
        const { value } = block;
        if (block.kind === "response") {
          const status = successStatus(page);
          const response = responseOf(page, status);
          if (page.success[0]?.noBody) {
            // Page 002 shows `{}` in its response panel, but the status is 204 No Content.
            expect(value).toEqual({});
            expect(response.content, `${status} has no content`).toBeUndefined();
            return;
          }
          const examples = Object.values(response.content?.["application/json"]?.examples ?? {}).map(deep);
          expect(examples.map((e) => e.value)).toContainEqual(value);
        } else {
          const body = deep(operationOf(page).requestBody);
          const examples = Object.values(body?.content?.["application/json"]?.examples ?? {}).map(deep);
          if (block.name !== undefined) {
            const named = examples.find((e) => e.summary === block.name);
            expect(named, `request example with summary "${block.name}"`).toBeDefined();
            expect(named?.value).toEqual(value);
          } else {
            expect(examples.map((e) => e.value)).toContainEqual(value);
          }
        }
      });
    });
  });
}

test("every known seed operation was found among the pages", () => {
  const found = pages.map((p) => `${p.method} ${p.path}`);
  for (const op of Object.keys(MIN_COUNTS)) expect(found).toContain(op);
});
