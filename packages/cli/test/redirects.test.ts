// `hostup redirects …` against the Prism mock, and against a recording local server where the test
// must see what was sent (or that nothing was) or needs an answer Prism does not give.
import { describe, expect, test } from "vitest";
import { answer, toMock, withLocalApi } from "./local-api.js";
import { hostup } from "./run.js";

const ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const RULE = "redir_01hxa3b4c5d6e7f8g9h0j1k2m3";
const CREATE = ["redirects", "create", "example.com", "--source", "https://www.example.com", "--target", "https://example.com"];

test("the group's help names every command; create's help names its options", async () => {
  const group = await hostup(["redirects", "--help"]);
  expect(group.code).toBe(0);
  for (const command of ["list", "create", "update", "delete"]) expect(group.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  const create = await hostup(["redirects", "create", "--help"]);
  for (const option of ["--source <url>", "--target <url>", "--status <code>", "--scope <scope>", "--disabled", "--description <text>"]) {
    expect(create.stdout).toContain(option);
  }
  const remove = await hostup(["redirects", "delete", "--help"]);
  expect(remove.stdout).toContain("--yes");
  expect(remove.stdout).toContain("--orphan");
});

describe("redirects list / update", () => {
  test("list prints a table; update changes a rule", async () => {
    const list = await hostup(["redirects", "list", "example.com"]);
    expect(list.stdout).toMatch(/redir_01hxa3b4c5d6e7f8g9h0j1k2m3\s+https:\/\/www\.example\.com\s+https:\/\/example\.com\s+301\s+active/);
    const update = await hostup([
      "redirects",
      "update",
      "example.com",
      RULE,
      "--target",
      "https://example.com/new-home",
      "--status",
      "302",
      "--disable",
    ]);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain(`${RULE}: https://www.example.com -> https://example.com/new-home (302`);
  });

  test("update without a change, or with a bad --status, is a usage error (nothing sent)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const nothing = await hostup(["redirects", "update", ID, "redir_1"], env);
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toContain("Nothing to change");
      const bad = await hostup(["redirects", "update", ID, "redir_1", "--status", "303"], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("Allowed choices are 301, 302, 307, 308");
      const both = await hostup(["redirects", "update", ID, "redir_1", "--enable", "--disable"], env);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain("Pass --enable or --disable, not both.");
      expect(api.requests).toEqual([]);
    });
  });
});

describe("redirects create", () => {
  test("prints the created rule (the mock's answer waits for DNS), or the rule as JSON", async () => {
    const run = await hostup([...CREATE, "--scope", "root_www"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`created ${RULE}: https://www.example.com -> https://example.com (301, pending_dns)`);
    const json = await hostup(["--json", ...CREATE.slice(0, 2), ID, ...CREATE.slice(3), "--status", "308"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: RULE, domainId: ID, status: "pending_dns", sourceUrl: "https://www.example.com" });
  });

  test("sends only the options given, by the spec's field names; --disabled pauses the rule the documented way too", async () => {
    const bodies: unknown[] = [];
    const relay = toMock();
    await withLocalApi(
      (req, body, res) => {
        if (body.length) bodies.push(JSON.parse(body.toString()));
        return relay(req, body, res);
      },
      async (api) => {
        const env = { HOSTUP_BASE_URL: api.url };
        const plain = await hostup(
          ["redirects", "create", ID, "--source", "https://www.example.com", "--target", "https://example.com"],
          env,
        );
        expect(plain.code).toBe(0);
        const full = await hostup(
          [
            ...["redirects", "create", ID, "--source", "https://shop.example.com", "--target", "https://example.com/shop"],
            ...["--status", "302", "--scope", "exact", "--preserve-path", "--preserve-query", "--include-subdomains"],
            ...["--disabled", "--description", "shop moved"],
          ],
          env,
        );
        expect(full.code).toBe(0);
        expect(api.requests).toEqual([
          { method: "POST", path: `/api/v2/domains/${ID}/redirects` },
          { method: "POST", path: `/api/v2/domains/${ID}/redirects` },
          // the mock's created rule is `pending_dns`, not `disabled`: so the rule is paused with a PATCH
          { method: "PATCH", path: `/api/v2/domains/${ID}/redirects/${RULE}` },
        ]);
        expect(bodies).toEqual([
          { sourceUrl: "https://www.example.com", targetUrl: "https://example.com" },
          {
            sourceUrl: "https://shop.example.com",
            targetUrl: "https://example.com/shop",
            httpStatusCode: 302,
            scope: "exact",
            preservePath: true,
            preserveQuery: true,
            includeSubdomains: true,
            enabled: false,
            description: "shop moved",
          },
          { enabled: false },
        ]);
      },
    );
  });

  test("a created rule that already shows `disabled` is not patched again", async () => {
    const rule = {
      id: RULE,
      sourceUrl: "https://www.example.com",
      targetUrl: "https://example.com",
      httpStatusCode: 301,
      status: "disabled",
    };
    await withLocalApi(answer(201, rule, "application/json"), async (api) => {
      const run = await hostup([...CREATE.slice(0, 2), ID, ...CREATE.slice(3), "--disabled"], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(`created ${RULE}: https://www.example.com -> https://example.com (301, disabled)`);
      expect(api.requests).toEqual([{ method: "POST", path: `/api/v2/domains/${ID}/redirects` }]);
    });
  });

  test.each([
    [["--source", "https://www.example.com"], "required option '--target <url>' not specified"],
    [
      ["--source", "www.example.com", "--target", "https://example.com"],
      '--source must be an absolute http(s) URL such as https://www.example.com (got "www.example.com")',
    ],
    [["--source", "https://www.example.com", "--target", "ftp://example.com"], "--target must be an absolute http(s) URL"],
    [
      ["--source", "https://www.other.org", "--target", "https://example.com"],
      '--source host "www.other.org" is not example.com or a subdomain of it.',
    ],
    [["--source", "https://notexample.com", "--target", "https://example.com"], '--source host "notexample.com" is not example.com'],
    [
      ["--source", "https://www.example.com", "--target", "https://example.com", "--status", "303"],
      "Allowed choices are 301, 302, 307, 308",
    ],
    [
      ["--source", "https://www.example.com", "--target", "https://example.com", "--scope", "www"],
      "Allowed choices are exact, root_www, subdomains, all",
    ],
  ])("bad arguments %j are a usage error (exit 2, nothing sent, not even the name lookup)", async (options, message) => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["redirects", "create", "example.com", ...options], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(api.requests).toEqual([]);
    });
  });

  test("a Unicode domain name and its punycode source host are the same domain", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(
        ["redirects", "create", "bücher.example", "--source", "https://www.xn--bcher-kva.example", "--target", "https://example.com"],
        {
          HOSTUP_BASE_URL: api.url,
        },
      );
      // past the host check: the name lookup is sent (the mock has no such domain)
      expect(run.stderr).not.toContain("--source host");
      expect(api.requests[0]?.path).toMatch(/^\/api\/v2\/domains\?name=/);
    });
  });
});

describe("redirects delete", () => {
  test("deletes with --yes (by name or ID; text or JSON)", async () => {
    const byName = await hostup(["redirects", "delete", "example.com", RULE, "--yes"]);
    expect(byName.code).toBe(0);
    expect(byName.stdout.trim()).toBe(`deleted redirect ${RULE} of example.com`);
    const json = await hostup(["--json", "redirects", "delete", ID, RULE, "--yes"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toStrictEqual({ domainId: ID, ruleId: RULE, deleted: true });
  });

  test("refuses without --yes, and a rule ID that is not redir_… unless --orphan (exit 2, nothing sent)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const unconfirmed = await hostup(["redirects", "delete", "example.com", RULE], env);
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toContain(`Refusing to delete redirect ${RULE} of example.com without --yes.`);
      const notARule = await hostup(["redirects", "delete", "example.com", "ddns_1", "--yes"], env);
      expect(notARule.code).toBe(2);
      expect(notARule.stderr).toContain(
        "<ruleId> is not a redirect rule ID: pass the redir_… ID from `hostup redirects list example.com`.",
      );
      expect(api.requests).toEqual([]);
      // the same server sees a confirmed delete: its empty log above is not a blind spot
      const orphan = await hostup(["redirects", "delete", ID, "prx_7", "--orphan", "--yes"], env);
      expect(orphan.code).toBe(0);
      expect(api.requests).toEqual([{ method: "DELETE", path: `/api/v2/domains/${ID}/redirects/prx_7?type=orphan` }]);
    });
  });
});

test.each([
  ["create", [...CREATE.slice(0, 2), ID, ...CREATE.slice(3)], "POST", `/api/v2/domains/${ID}/redirects`],
  ["delete", ["redirects", "delete", ID, RULE, "--yes"], "DELETE", `/api/v2/domains/${ID}/redirects/${RULE}`],
])("redirects %s: an API error prints its Problem Details (exit 3)", async (_name, args, method, path) => {
  const problem = {
    title: "Conflict",
    status: 409,
    detail: "An A record already serves www.example.com.",
    code: "dns_conflict",
    requestId: "req_redir1",
    errors: [{ pointer: "/sourceUrl", detail: "Conflicts with an existing record.", code: "dns_conflict" }],
  };
  await withLocalApi(answer(409, problem), async (api) => {
    const run = await hostup(args, { HOSTUP_BASE_URL: api.url });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("Error: HTTP 409 dns_conflict: An A record already serves www.example.com.");
    expect(run.stderr).toContain("  /sourceUrl: Conflicts with an existing record. (dns_conflict)");
    expect(run.stderr).toContain("  request id: req_redir1");
    expect(api.requests).toEqual([{ method, path }]);
  });
});
