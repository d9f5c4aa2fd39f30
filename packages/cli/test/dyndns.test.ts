// `hostup dyndns …` against the Prism mock, and against a recording local server where the test must
// see what was sent (or that nothing was) or needs an answer Prism does not give. The mock's examples
// carry the token below: no command prints it unless asked.
import { describe, expect, test } from "vitest";
import type { ServerResponse } from "node:http";
import { answer, toMock, withLocalApi } from "./local-api.js";
import { hostup } from "./run.js";

const ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const CONFIG = "ddns_01hxa3b4c5d6e7f8g9h0j1k2m3";
const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const CONFIG_PATH = `/api/v2/domains/${ID}/dyndns/${CONFIG}`;

test("the group's help names every command", async () => {
  const group = await hostup(["dyndns", "--help"]);
  expect(group.code).toBe(0);
  for (const command of ["list", "create", "enable", "disable", "delete", "logs"]) {
    expect(group.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  }
  const logs = await hostup(["dyndns", "logs", "--help"]);
  // commander wraps the help at 80 columns
  expect(logs.stdout.replace(/\s+/g, " ")).toContain(
    '--status <status> only attempts with this outcome (filtered here: the API has no filter) (choices: "success", "no_change", "failed", "unknown")',
  );
});

describe("dyndns list / create", () => {
  test("create hides the token unless asked", async () => {
    const hidden = await hostup(["dyndns", "create", "example.com", "--hostname", "home.example.com", "--type", "A"]);
    expect(hidden.code).toBe(0);
    expect(hidden.stdout).toContain(`created ${CONFIG}: home.example.com (A)`);
    expect(hidden.stdout).toContain("token: (hidden)");
    expect(hidden.stdout).not.toContain(TOKEN);
    const shown = await hostup(["dyndns", "create", ID, "--hostname", "home.example.com", "--type", "A", "--show-token", "--json"]);
    expect(JSON.parse(shown.stdout).token).toBe(TOKEN);
    const listed = await hostup(["dyndns", "list", "example.com"]);
    expect(listed.stdout).toContain("(hidden)");
    expect(listed.stdout).not.toContain(TOKEN);
  });

  test("a hostname outside the domain is refused before sending (exit 2)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["dyndns", "create", "example.com", "--hostname", "home.other.org", "--type", "AAAA"], {
        HOSTUP_BASE_URL: api.url,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('"home.other.org" is not "example.com" or a subdomain of it');
      // only the lookup of the name: the create itself never left
      expect(api.requests).toEqual([{ method: "GET", path: "/api/v2/domains?name=example.com" }]);
    });
  });
});

describe("dyndns enable / disable", () => {
  test("print the configuration, its token hidden (the mock's answer carries it)", async () => {
    const enabled = await hostup(["dyndns", "enable", "example.com", CONFIG]);
    expect(enabled.code).toBe(0);
    expect(enabled.stdout.trim()).toBe(`enabled ${CONFIG} (home.example.com)`);
    const disabled = await hostup(["--json", "dyndns", "disable", ID, CONFIG]);
    expect(disabled.code).toBe(0);
    expect(JSON.parse(disabled.stdout)).toMatchObject({ id: CONFIG, hostname: "home.example.com", enabled: false, token: "(hidden)" });
    expect(enabled.stdout + enabled.stderr + disabled.stdout + disabled.stderr).not.toContain(TOKEN);
  });

  test("send `enabled` and nothing else", async () => {
    const bodies: unknown[] = [];
    const relay = toMock();
    await withLocalApi(
      (req, body, res) => {
        bodies.push(JSON.parse(body.toString()));
        return relay(req, body, res);
      },
      async (api) => {
        for (const command of ["enable", "disable"]) {
          expect((await hostup(["dyndns", command, ID, CONFIG], { HOSTUP_BASE_URL: api.url })).code).toBe(0);
        }
        expect(api.requests).toEqual(Array(2).fill({ method: "PATCH", path: CONFIG_PATH }));
        expect(bodies).toEqual([{ enabled: true }, { enabled: false }]);
      },
    );
  });

  test("an answer without a token keeps none; a null token stays null", async () => {
    await withLocalApi(answer(200, { id: CONFIG, enabled: true }, "application/json"), async (api) => {
      const run = await hostup(["--json", "dyndns", "enable", ID, CONFIG], { HOSTUP_BASE_URL: api.url });
      expect(JSON.parse(run.stdout)).toStrictEqual({ id: CONFIG, enabled: true });
    });
    await withLocalApi(answer(200, { id: CONFIG, token: null }, "application/json"), async (api) => {
      const run = await hostup(["--json", "dyndns", "disable", ID, CONFIG], { HOSTUP_BASE_URL: api.url });
      expect(JSON.parse(run.stdout)).toStrictEqual({ id: CONFIG, token: null });
    });
  });
});

describe("dyndns delete", () => {
  test("deletes with --yes (by name or ID; text or JSON)", async () => {
    const byName = await hostup(["dyndns", "delete", "example.com", CONFIG, "--yes"]);
    expect(byName.code).toBe(0);
    expect(byName.stdout.trim()).toBe(`deleted DynDNS configuration ${CONFIG} of example.com`);
    const json = await hostup(["--json", "dyndns", "delete", ID, CONFIG, "--yes"]);
    expect(JSON.parse(json.stdout)).toStrictEqual({ domainId: ID, configId: CONFIG, deleted: true });
  });

  test("refuses without --yes (exit 2, nothing sent, not even the name lookup)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const byName = await hostup(["dyndns", "delete", "example.com", CONFIG], env);
      expect(byName.code).toBe(2);
      expect(byName.stderr).toContain(`Refusing to delete DynDNS configuration ${CONFIG} of example.com without --yes.`);
      const json = await hostup(["--json", "dyndns", "delete", ID, CONFIG], env);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stderr).error.message).toContain("without --yes");
      expect(api.requests).toEqual([]);
      // the same server sees a confirmed delete: its empty log above is not a blind spot
      expect((await hostup(["dyndns", "delete", ID, CONFIG, "--yes"], env)).code).toBe(0);
      expect(api.requests).toEqual([{ method: "DELETE", path: CONFIG_PATH }]);
    });
  });
});

describe("dyndns logs", () => {
  test("prints the attempts as a table, or as JSON", async () => {
    const run = await hostup(["dyndns", "logs", "example.com", CONFIG]);
    expect(run.code).toBe(0);
    const [head, ...rows] = run.stdout.trimEnd().split("\n");
    expect(head).toMatch(/^TIME\s+STATUS\s+OLD IP\s+NEW IP\s+FROM\s+USER AGENT\s+ERROR$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^2026-04-27T12:00:00\.000Z\s+success\s+203\.0\.113\.40\s+203\.0\.113\.45\s+198\.51\.100\.22\s+ddclient\/3\.11\.2\s+-$/,
    );
    const json = await hostup(["--json", "dyndns", "logs", ID, CONFIG]);
    expect(JSON.parse(json.stdout).logs.map((log: { status: string }) => log.status)).toEqual(["success", "no_change"]);
  });

  test("--status keeps the attempts with that outcome (an empty result is a table of none)", async () => {
    const json = await hostup(["--json", "dyndns", "logs", ID, CONFIG, "--status", "no_change"]);
    expect(JSON.parse(json.stdout).logs).toEqual([expect.objectContaining({ status: "no_change", createdAt: "2026-04-27T12:05:00.000Z" })]);
    const none = await hostup(["dyndns", "logs", ID, CONFIG, "--status", "failed"]);
    expect(none.code).toBe(0);
    expect(none.stdout.trim()).toBe("(none)");
  });
});

test.each([
  [["dyndns", "enable", ID, "cfg_1"], "<configId> is not a DynDNS configuration ID: pass the ddns_… ID from `hostup dyndns list"],
  [["dyndns", "disable", "example.com", "ddns_bad/../x"], "<configId> is not a DynDNS configuration ID"],
  [["dyndns", "delete", "example.com", "home.example.com", "--yes"], "<configId> is not a DynDNS configuration ID"],
  [["dyndns", "logs", "example.com", "redir_1"], "<configId> is not a DynDNS configuration ID"],
  [["dyndns", "delete", ID, TOKEN, "--yes"], "<configId> is not a DynDNS configuration ID"],
  [["dyndns", "logs", ID, CONFIG, "--status", "ok"], "Allowed choices are success, no_change, failed, unknown"],
  [["dyndns", "enable", ID], "missing required argument 'configId'"],
])("%j is a usage error (exit 2, nothing sent)", async (args, message) => {
  await withLocalApi(toMock(), async (api) => {
    const run = await hostup(args, { HOSTUP_BASE_URL: api.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain(TOKEN);
    expect(api.requests).toEqual([]);
  });
});

test.each([
  ["enable", ["dyndns", "enable", ID, CONFIG], "PATCH", CONFIG_PATH],
  ["disable", ["dyndns", "disable", ID, CONFIG], "PATCH", CONFIG_PATH],
  ["delete", ["dyndns", "delete", ID, CONFIG, "--yes"], "DELETE", CONFIG_PATH],
  ["logs", ["dyndns", "logs", ID, CONFIG], "GET", `${CONFIG_PATH}/logs`],
])("dyndns %s: an API error prints its Problem Details (exit 3)", async (_name, args, method, path) => {
  const problem = {
    title: "Not found",
    status: 404,
    detail: "No DynDNS configuration with this ID on the domain.",
    code: "not_found",
    requestId: "req_ddns1",
  };
  await withLocalApi(answer(404, problem), async (api) => {
    const run = await hostup(args, { HOSTUP_BASE_URL: api.url });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("Error: HTTP 404 not_found: No DynDNS configuration with this ID on the domain.");
    expect(run.stderr).toContain("  request id: req_ddns1");
    const json = await hostup(["--json", ...args], { HOSTUP_BASE_URL: api.url });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stderr).error).toMatchObject({ status: 404, code: "not_found", requestId: "req_ddns1" });
    expect(api.requests).toEqual(Array(2).fill({ method, path }));
  });
});

test("an answer that cannot be read does not show the token it carries (exit 3)", async () => {
  const cutOff = `{"id":"${CONFIG}","token":"${TOKEN}","enabled":tr`;
  const truncated = answerText(200, cutOff);
  await withLocalApi(truncated, async (api) => {
    const run = await hostup(["dyndns", "enable", ID, CONFIG], { HOSTUP_BASE_URL: api.url });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("response body is not valid JSON");
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });
});

/** Answers with this text as it is (`answer` would send it JSON-encoded). */
const answerText = (status: number, text: string) => (_req: unknown, _body: Buffer, res: ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json" }).end(text);
};
