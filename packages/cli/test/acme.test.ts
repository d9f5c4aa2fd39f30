// The ACME DNS-01 hooks, run as lego's exec provider and certbot's manual hooks run them, against a zone
// that keeps its state between commands (@hostup/mock's startZoneServer). --wait is in acme-wait.test.ts.
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { hostup } from "./run.js";
import { startZoneServer, type ZoneServer } from "@hostup/mock";

// DNS-01 values: 43 base64url characters (SHA-256 digests of "one", "two", "three").
const V1 = "dpLDrTVAu4A8Ags67mbNiIcSMjTqDG5xQ8Ct1z_0Me0";
const V2 = "P8TM_nRYcOLA2Z9x8w_wZWyN7dQcwdfT03aw2-aF4vM";
const V3 = "i1udsME9skJWyCmqNkqpDG0uujGLkjKkq5MTuVTTVV8";
// One that an option parser would take for `-h` (help): lego passes it without `--`.
const DASHED = `-h${V1.slice(2)}`;
// lego EXEC_MODE=RAW: the key authorization `<token>.<thumbprint>`, and its DNS-01 value computed by
// `printf %s "$KEY_AUTH" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d =`.
const TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
const KEY_AUTH = `${TOKEN}.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ`;
const KEY_AUTH_VALUE = "NGwKoXBgCT8JhEa0bK7AwfSqHyu_ZWeugV07fLGIVq0";

const BIN = fileURLToPath(new URL("../bin/hostup.js", import.meta.url));

let api: ZoneServer;
let env: Record<string, string>;
// What lego's exec provider leaves in the environment it passes on (its own settings).
let lego: (...args: string[]) => ReturnType<typeof hostup>;

beforeEach(async () => {
  api = await startZoneServer();
  api.addZone("example.com", [{ type: "TXT", name: "@", value: "v=spf1 -all" }]);
  env = { HOSTUP_BASE_URL: api.url };
  lego = (...args) => hostup(args, { ...env, EXEC_PATH: BIN, EXEC_PROPAGATION_TIMEOUT: "120", EXEC_POLLING_INTERVAL: "5" });
});
afterEach(() => api.close());

const challenges = (name = "_acme-challenge.www") => api.records("example.com", { type: "TXT", name }).map((r) => r.value);
const writes = () => api.calls().filter((call) => !call.startsWith("GET "));

describe("lego's exec provider: present|cleanup <fqdn> <value>", () => {
  test("present creates the TXT record once, with the default TTL; a second present creates nothing", async () => {
    const first = await lego("present", "_acme-challenge.www.example.com.", V1);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^created TXT _acme-challenge\.www\.example\.com in example\.com \(drr_\w+, ttl 60\)\n$/);
    expect(first.stderr).toBe("");
    expect(api.requests.find((r) => r.operation === "createDnsRecord")?.body).toEqual({
      type: "TXT",
      name: "_acme-challenge.www",
      value: V1,
      ttl: 60,
    });
    const again = await lego("present", "_acme-challenge.www.example.com.", V1);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^exists TXT _acme-challenge\.www\.example\.com in example\.com/);
    expect(writes()).toEqual(["POST createDnsRecord"]);
    expect(challenges()).toEqual([`"${V1}"`]);
  });

  test("a value starting with - (lego passes no --) is the value, not an option", async () => {
    const run = await lego("present", "_acme-challenge.www.example.com.", DASHED);
    expect(run.code).toBe(0);
    expect(challenges()).toEqual([`"${DASHED}"`]);
    expect((await lego("cleanup", "_acme-challenge.www.example.com.", DASHED)).code).toBe(0);
    expect(challenges()).toEqual([]);
  });

  test("cleanup deletes only the record with its value; with nothing left to delete it exits 0 and deletes nothing", async () => {
    api.seed("example.com", { type: "TXT", name: "_acme-challenge.www", value: V1 });
    api.seed("example.com", { type: "TXT", name: "_acme-challenge.www", value: V2 });
    const cleanup = await lego("cleanup", "_acme-challenge.www.example.com.", V1);
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout).toBe("deleted 1 TXT record _acme-challenge.www.example.com in example.com\n");
    expect(challenges()).toEqual([`"${V2}"`]);
    const before = api.requests.length;
    const again = await lego("cleanup", "_acme-challenge.www.example.com.", V1);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("nothing to delete: no TXT _acme-challenge.www.example.com with that value in example.com\n");
    // one listing of the account's zones (not a lookup per candidate suffix), one of the records, no delete
    expect(api.calls().slice(before)).toEqual(["GET listDnsZones", "GET listDnsZoneRecords"]);
    expect(challenges()).toEqual([`"${V2}"`]);
  });

  test("EXEC_MODE=RAW: present -- <domain> <token> <key_auth> writes base64url(SHA-256(key_auth)) at _acme-challenge.<domain>", async () => {
    const raw = (...args: string[]) => hostup(args, { ...env, EXEC_PATH: BIN, EXEC_MODE: "RAW" });
    const present = await raw("present", "--", "www.example.com.", TOKEN, KEY_AUTH);
    expect(present.code).toBe(0);
    expect(challenges()).toEqual([`"${KEY_AUTH_VALUE}"`]);
    // A token that starts with `-` is why lego passes `--`.
    const dashed = `-${TOKEN.slice(1)}`;
    expect((await raw("present", "--", "www.example.com.", dashed, `${dashed}.thumbprint`)).code).toBe(0);
    expect(challenges()).toHaveLength(2);
    expect((await raw("cleanup", "--", "www.example.com.", TOKEN, KEY_AUTH)).code).toBe(0);
    expect(challenges()).toHaveLength(1);
    expect(challenges()).not.toContain(`"${KEY_AUTH_VALUE}"`);
  });

  test("EXEC_MODE=RAW with two arguments, or three that are not a token and its key authorization, is a usage error (nothing sent)", async () => {
    const two = await hostup(["present", "_acme-challenge.www.example.com.", V1], { ...env, EXEC_MODE: "RAW" });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain("EXEC_MODE=RAW is set, so lego passes three arguments");
    const three = await lego("present", "--", "www.example.com", TOKEN, "another.thumbprint");
    expect(three.code).toBe(2);
    expect(three.stderr).toContain("<domain> <token> <key_auth>");
    expect(api.requests).toEqual([]);
  });
});

describe("certbot's manual hooks: acme present|cleanup with CERTBOT_DOMAIN and CERTBOT_VALIDATION", () => {
  const certbot = (validation: string, remaining: number, extra: Record<string, string> = {}, command = "present") =>
    hostup(["acme", command], {
      ...env,
      CERTBOT_DOMAIN: "example.com",
      CERTBOT_VALIDATION: validation,
      CERTBOT_TOKEN: "",
      CERTBOT_REMAINING_CHALLENGES: String(remaining),
      CERTBOT_ALL_DOMAINS: "example.com,*.example.com",
      ...extra,
    });

  test("a wildcard and its apex: two values for one name, presented at once, each cleaned up alone", async () => {
    const [apex, wildcard] = await Promise.all([certbot(V1, 1), certbot(V2, 0)]);
    expect([apex.code, wildcard.code]).toEqual([0, 0]);
    expect(apex.stdout).toMatch(/^created TXT _acme-challenge\.example\.com in example\.com \(drr_\w+, ttl 60\)$/m);
    expect(challenges("_acme-challenge").sort()).toEqual([`"${V1}"`, `"${V2}"`].sort());
    expect(writes()).toEqual(["POST createDnsRecord", "POST createDnsRecord"]);

    // certbot hands the auth hook's stdout to the cleanup hook; removal goes by value all the same.
    const first = await certbot(V1, 1, { CERTBOT_AUTH_OUTPUT: apex.stdout.trim() }, "cleanup");
    expect(first.code).toBe(0);
    expect(challenges("_acme-challenge")).toEqual([`"${V2}"`]);
    const second = await certbot(V2, 0, { CERTBOT_AUTH_OUTPUT: wildcard.stdout.trim() }, "cleanup");
    expect(second.code).toBe(0);
    expect(challenges("_acme-challenge")).toEqual([]);
    // the apex's SPF record, a TXT record of another name, is untouched
    expect(challenges("@")).toEqual(['"v=spf1 -all"']);
  });

  test("cleanups at once delete each its own value and nothing else", async () => {
    for (const value of [V1, V2, V3]) api.seed("example.com", { type: "TXT", name: "_acme-challenge", value });
    const runs = await Promise.all([certbot(V1, 1, {}, "cleanup"), certbot(V2, 0, {}, "cleanup")]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expect(challenges("_acme-challenge")).toEqual([`"${V3}"`]);
  });

  test("a CERTBOT_DOMAIN given with its wildcard is the base name's challenge; arguments win over the variables", async () => {
    expect((await certbot(V1, 0, { CERTBOT_DOMAIN: "*.example.com" })).code).toBe(0);
    expect(challenges("_acme-challenge")).toEqual([`"${V1}"`]);
    const run = await hostup(["acme", "present", "_acme-challenge.www.example.com", V2], { ...env, CERTBOT_DOMAIN: "example.com" });
    expect(run.code).toBe(0);
    expect(challenges()).toEqual([`"${V2}"`]);
  });

  test("--json: { created, zone, name, record } and { deleted, zone, name }", async () => {
    const present = await hostup(["--json", "acme", "present", "--ttl", "120", "_acme-challenge.example.com.", V1], env);
    expect(JSON.parse(present.stdout)).toMatchObject({
      created: true,
      zone: { name: "example.com" },
      name: "_acme-challenge.example.com",
      record: { type: "TXT", name: "_acme-challenge.example.com", value: `"${V1}"`, ttl: 120 },
    });
    const cleanup = await hostup(["acme", "cleanup", "_acme-challenge.example.com", V1, "--json"], env);
    expect(JSON.parse(cleanup.stdout)).toMatchObject({ deleted: 1, zone: { name: "example.com" }, name: "_acme-challenge.example.com" });
  });
});

describe("the zone: the account's zone with the longest suffix of the name", () => {
  test("a name under www goes into the zone www.example.com when the account has it", async () => {
    api.addZone("www.example.com");
    const run = await lego("present", "_acme-challenge.www.example.com.", V1);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/in www\.example\.com /);
    expect(api.records("www.example.com", { type: "TXT", name: "_acme-challenge" }).map((r) => r.value)).toEqual([`"${V1}"`]);
    expect(challenges()).toEqual([]);
    expect(api.requests.filter((r) => r.operation === "listDnsZones").map((r) => r.path)).toEqual(["/api/v2/dns-zones?limit=1000"]);
  });

  test("a name in no zone of the account: exit 2 naming it, no write sent (present and cleanup)", async () => {
    for (const command of ["present", "cleanup"]) {
      const run = await lego(command, "_acme-challenge.shop.example.net.", V1);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('No DNS zone on this account holds "_acme-challenge.shop.example.net"');
      expect(run.stdout).toBe("");
    }
    expect(new Set(api.calls())).toEqual(new Set(["GET listDnsZones"]));
  });

  test("a name that does not start with _acme-challenge. is written as given, with a note on stderr", async () => {
    const run = await lego("present", "www.example.com.", V1);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("note: www.example.com does not start with _acme-challenge.");
    expect(challenges("www")).toEqual([`"${V1}"`]);
  });
});

test("a present whose create is answered after --timeout leaves exactly one record", async () => {
  api.inject("createDnsRecord", { apply: true, delayMs: 3000 });
  const run = await hostup(["--timeout", "500", "present", "_acme-challenge.www.example.com.", V1], env);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^created TXT/);
  expect(writes()).toEqual(["POST createDnsRecord"]);
  expect(challenges()).toEqual([`"${V1}"`]);
});

describe("usage errors: exit 2, nothing sent", () => {
  test.each([
    [[], {}, "CERTBOT_DOMAIN and CERTBOT_VALIDATION are not set"],
    [[], { CERTBOT_DOMAIN: "example.com" }, "CERTBOT_VALIDATION is not set"],
    [[], { CERTBOT_VALIDATION: V1 }, "CERTBOT_DOMAIN is not set"],
    [["_acme-challenge.example.com"], {}, "takes the record name and the value"],
    [["_acme-challenge.example.com", "not-a-dns01-value"], {}, "is not a DNS-01 value"],
    [["_acme-challenge.example.com", V1, "--wiat"], {}, "three arguments takes lego's EXEC_MODE=RAW form"],
    [[V1, "_acme-challenge.example.com"], {}, "is not a full DNS record name"],
    [["--wiat"], { CERTBOT_DOMAIN: "example.com", CERTBOT_VALIDATION: V1 }, 'unknown option "--wiat"'],
    [["--wiat", "_acme-challenge.example.com", V1], {}, 'unknown option "--wiat"'],
    [["*.example.com", V1], {}, "a wildcard's challenge is at _acme-challenge.<base name>"],
    [["--wait-timeout", "1m", "_acme-challenge.example.com", V1], {}, "--wait-timeout only applies with --wait"],
    [["--wait", "--wait-timeout", "soon", "_acme-challenge.example.com", V1], {}, "--wait-timeout must be a duration"],
    [["--wait", "--nameserver", "127.0.0.1:99999", "_acme-challenge.example.com", V1], {}, "--nameserver"],
  ])("acme present %j %j", async (args, extra, message) => {
    const run = await hostup(["acme", "present", ...args], { ...env, ...extra });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
    expect(api.requests).toEqual([]);
  });

  test("cleanup without its arguments or variables, and without an API key", async () => {
    const run = await hostup(["acme", "cleanup"], { ...env, CERTBOT_DOMAIN: "example.com" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("CERTBOT_VALIDATION is not set");
    const noKey = await hostup(["cleanup", "_acme-challenge.example.com.", V1], { ...env, HOSTUP_API_KEY: "" });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("No API key");
    expect(api.requests).toEqual([]);
  });
});
