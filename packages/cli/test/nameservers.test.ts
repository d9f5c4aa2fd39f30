// `hostup domains nameservers <domain>` against the Prism mock, and against a local server for the
// answers Prism does not give (a blocked change, an unlock step, an error).
import { expect, test } from "vitest";
import { answer, toMock, withLocalApi } from "./local-api.js";
import { hostup } from "./run.js";

const ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const PATH = `/api/v2/domains/${ID}/nameservers`;

test("domains help lists nameservers", async () => {
  const run = await hostup(["domains", "--help"]);
  expect(run.code).toBe(0);
  // commander wraps the help at 80 columns
  expect(run.stdout.replace(/\s+/g, " ")).toContain(" nameservers <domain> show a domain's nameservers and whether they may change ");
});

test("prints the nameservers and the change gate (by name), or the answer as JSON (by ID)", async () => {
  const run = await hostup(["domains", "nameservers", "example.com"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(
    [
      "nameservers:    primary.ns.hostup.se",
      "                secondary.ns.hostup.se",
      "changeable:     yes",
      "registrar lock: off",
      "",
    ].join("\n"),
  );
  const json = await hostup(["--json", "domains", "nameservers", ID]);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toStrictEqual({
    nameservers: ["primary.ns.hostup.se", "secondary.ns.hostup.se"],
    registrarLock: { enabled: false, requiresRegistryUnlockFlow: false, unlockAction: null },
    actions: { canChangeNameservers: { allowed: true, reason: null } },
  });
});

test("a blocked change shows why, and the unlock step to take first", async () => {
  const blocked = {
    nameservers: [],
    registrarLock: {
      enabled: true,
      requiresRegistryUnlockFlow: true,
      unlockAction: { href: `/api/v2/domains/${ID}/registry-lock/unlock` },
    },
    actions: { canChangeNameservers: { allowed: false, reason: "The registry lock must be removed first." } },
  };
  await withLocalApi(answer(200, blocked, "application/json"), async (api) => {
    const run = await hostup(["domains", "nameservers", ID], { HOSTUP_BASE_URL: api.url });
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      "nameservers:    (none on record)",
      "changeable:     no (The registry lock must be removed first.)",
      "registrar lock: on",
      `unlock first:   /api/v2/domains/${ID}/registry-lock/unlock`,
      "",
    ]);
    expect(api.requests).toEqual([{ method: "GET", path: PATH }]);
  });
});

test("a malformed domain ID, or no domain, is a usage error (exit 2, nothing sent)", async () => {
  await withLocalApi(toMock(), async (api) => {
    const env = { HOSTUP_BASE_URL: api.url };
    const bad = await hostup(["domains", "nameservers", "dom_bad/../x"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('`id` "dom_bad/../x" is not a valid DomainId');
    const missing = await hostup(["domains", "nameservers"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'domain'");
    expect(api.requests).toEqual([]);
  });
});

test("no nameservers on record is an API error with its Problem Details (exit 3)", async () => {
  const problem = {
    type: "https://developer.hostup.se/errors/not_found",
    title: "No nameservers found",
    status: 404,
    detail: "No nameservers found for domain example.com.",
    code: "not_found",
    requestId: "req_ns1",
  };
  await withLocalApi(answer(404, problem), async (api) => {
    const run = await hostup(["domains", "nameservers", ID], { HOSTUP_BASE_URL: api.url });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("Error: HTTP 404 not_found: No nameservers found for domain example.com.");
    expect(run.stderr).toContain("  request id: req_ns1");
    const json = await hostup(["--json", "domains", "nameservers", ID], { HOSTUP_BASE_URL: api.url });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stderr).error).toMatchObject({ status: 404, code: "not_found", requestId: "req_ns1" });
    expect(api.requests).toEqual(Array(2).fill({ method: "GET", path: PATH }));
  });
});
