// `acme present --wait`: the record written in the zone server (@hostup/mock's startZoneServer), then asked
// of local DNS servers (test/support/dns-server.ts) that serve the zone server's TXT records. The pauses
// between rounds are on a test clock (test/support/clock.ts): asserted as asked for, and not sat through.
import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, expect, test } from "vitest";
import { hostup } from "./run.js";
import { type TestClock, testClock } from "./support/clock.js";
import { dnsServer, type TestDnsServer, zoneTxt } from "./support/dns-server.js";
import { startZoneServer, type ZoneServer } from "@hostup/mock";

const VALUE = "dpLDrTVAu4A8Ags67mbNiIcSMjTqDG5xQ8Ct1z_0Me0";
const NAME = "_acme-challenge.example.com";

let api: ZoneServer;
const servers: TestDnsServer[] = [];
let clock: TestClock;
let certbot: (...args: string[]) => ReturnType<typeof hostup>;

beforeEach(async () => {
  api = await startZoneServer();
  api.addZone("example.com");
  clock = testClock();
  certbot = (...args) =>
    hostup(
      ["acme", "present", "--wait", "--wait-interval", "100ms", ...args],
      {
        HOSTUP_BASE_URL: api.url,
        CERTBOT_DOMAIN: "example.com",
        CERTBOT_VALIDATION: VALUE,
        CERTBOT_REMAINING_CHALLENGES: "0",
        CERTBOT_ALL_DOMAINS: "example.com",
      },
      { clock },
    );
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await api.close();
});

async function serve(...args: Parameters<typeof dnsServer>): Promise<TestDnsServer> {
  const server = await dnsServer(...args);
  servers.push(server);
  return server;
}

const asked = (server: TestDnsServer) => server.questions.filter((q) => q.name === NAME && q.type === "TXT").length;

test("waits until every nameserver serves the value, one progress line per round on stderr", async () => {
  const fast = await serve(zoneTxt(api, "example.com"));
  const slow = await serve(zoneTxt(api, "example.com", { hiddenFor: 2 }));
  const run = await certbot("--nameserver", fast.server, "--nameserver", slow.server);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^created TXT _acme-challenge\.example\.com in example\.com \(drr_\w+, ttl 60\)\n$/);
  const lines = run.stderr.trim().split("\n");
  expect(lines[0]).toBe(`asking ${fast.server}, ${slow.server} for TXT ${NAME}`);
  expect(lines.slice(1, -1)).toHaveLength(2);
  for (const line of lines.slice(1, -1)) {
    expect(line).toMatch(
      new RegExp(`^waiting for TXT ${NAME}: 1/2 nameservers serve the value \\(\\d+ms of 5m; not yet: ${slow.server}: no TXT record\\)$`),
    );
  }
  expect(lines.at(-1)).toMatch(new RegExp(`^TXT ${NAME} is served by all 2 nameservers \\(\\d+m?s\\)$`));
  // the one that served it at once is not asked again
  expect([asked(fast), asked(slow)]).toEqual([1, 3]);
  expect(clock.sleeps).toEqual([100, 100]); // --wait-interval between the rounds
});

test("--quiet prints no progress; --json prints one document at the end, with the servers and the time it took", async () => {
  const server = await serve(zoneTxt(api, "example.com", { hiddenFor: 1 }));
  const run = await hostup(
    ["--json", "acme", "present", "--wait", "--wait-interval", "50ms", "--quiet", "--nameserver", server.server],
    { HOSTUP_BASE_URL: api.url, CERTBOT_DOMAIN: "example.com", CERTBOT_VALIDATION: VALUE },
    { clock },
  );
  expect(run.code).toBe(0);
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toMatchObject({
    created: true,
    name: NAME,
    record: { value: `"${VALUE}"` },
    propagation: { servers: [server.server], elapsedMs: expect.any(Number) },
  });
  expect(JSON.parse(run.stdout).propagation.elapsedMs).toBeGreaterThanOrEqual(50); // the pause counts
  expect(asked(server)).toBe(2);
  expect(clock.sleeps).toEqual([50]);
});

test("a value that is already there is not written again, and is waited for all the same", async () => {
  api.seed("example.com", { type: "TXT", name: "_acme-challenge", value: VALUE });
  const server = await serve(zoneTxt(api, "example.com"));
  const run = await certbot("--nameserver", server.server);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^exists TXT/);
  expect(api.calls()).not.toContain("POST createDnsRecord");
  expect(asked(server)).toBe(1);
  expect(clock.sleeps).toEqual([]);
});

test("the deadline: exit 4 naming the servers that did not serve the value and what they answered; the record stays", async () => {
  const good = await serve(zoneTxt(api, "example.com"));
  const empty = await serve(() => "nxdomain");
  const silent = await serve(() => "ignore");
  const other = await serve((q) => [{ type: "TXT", name: q.name, ttl: 60, class: "IN", data: ["an-older-challenge"] }]);
  const started = Date.now();
  // The silent server's query times out on real time (the resolver's own timer): at least 500 ms, however
  // close the deadline. That one round outlasts a deadline of 300 ms, and is the last.
  const run = await certbot("--wait-timeout", "300ms", ...[good, empty, silent, other].flatMap((s) => ["--nameserver", s.server]));
  expect(run.code).toBe(4);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(clock.sleeps).toEqual([]); // no pause after a round that ended past the deadline
  const error = run.stderr.trim().split("\n").at(-1)!;
  expect(error).toMatch(new RegExp(`^Error: TXT ${NAME} with the value "${VALUE}" was not served by 3 of 4 nameservers after \\d`));
  expect(error).toContain(`${empty.server}: no TXT record`);
  expect(error).toContain(`${silent.server}: no answer`);
  expect(error).toContain(`${other.server}: 1 other TXT value`);
  expect(error).not.toContain(good.server);
  expect(error).toContain("Raise --wait-timeout");
  expect(api.records("example.com", { type: "TXT", name: "_acme-challenge" }).map((r) => r.value)).toEqual([`"${VALUE}"`]);
});

test("the deadline with --json: the error names each pending server", async () => {
  const empty = await serve(() => []);
  const run = await hostup(
    ["acme", "present", "--json", "--wait", "--wait-timeout", "250ms", "--wait-interval", "100ms", "--quiet", "--nameserver", empty.server],
    {
      HOSTUP_BASE_URL: api.url,
      CERTBOT_DOMAIN: "example.com",
      CERTBOT_VALIDATION: VALUE,
    },
    { clock },
  );
  expect(run.code).toBe(4);
  expect(run.stdout).toBe("");
  const { error } = JSON.parse(run.stderr);
  expect(error).toMatchObject({ name: "PropagationTimeoutError", pending: [{ server: empty.server, answer: "no TXT record" }] });
  // Rounds every 100 ms; the last pause is cut to end at the deadline, 250 ms after the start (the queries
  // took some real time too), where the last round asks.
  expect(clock.sleeps.slice(0, 2)).toEqual([100, 100]);
  expect(clock.sleeps.length).toBeLessThanOrEqual(3);
  for (const ms of clock.sleeps.slice(2)) expect(ms).toBeLessThanOrEqual(50);
  expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(250);
});

test("the README's certbot example: its auth hook says nothing on stderr when it succeeds (certbot mails any as error output)", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const hook = /--manual-auth-hook "\$\(command -v hostup\) ([^"]+)"/.exec(readme)?.[1];
  expect(hook).toMatch(/^acme present --wait\b/);
  const server = await serve(zoneTxt(api, "example.com", { hiddenFor: 1 }));
  const run = await hostup(
    [...hook!.split(" "), "--wait-interval", "50ms", "--nameserver", server.server],
    { HOSTUP_BASE_URL: api.url, CERTBOT_DOMAIN: "example.com", CERTBOT_VALIDATION: VALUE },
    { clock },
  );
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^created TXT /);
  expect(run.stderr).toBe("");
  expect(asked(server)).toBe(2);
  expect(clock.sleeps).toEqual([50]);
});
