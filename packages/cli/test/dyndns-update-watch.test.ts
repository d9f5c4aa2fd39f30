import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { HOSTNAME, startHostup, stopAll, type TextServer, TOKEN, textServer, tokenOnlyEnv, type Updater } from "./dyndns-update-servers.js";

// Short intervals keep the suite fast; everything is on 127.0.0.1, where no minimum applies.
const INTERVAL = 40;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

let dyndns: TextServer;
let echo: TextServer;

beforeEach(async () => {
  dyndns = await textServer("good 1.2.3.4");
  echo = await textServer("1.2.3.4");
});
afterEach(async () => {
  stopAll();
  await Promise.all([dyndns.close(), echo.close()]);
});

function watch(extra: string[] = [], baseUrl = dyndns.url): Updater {
  const args = ["dyndns", "update", "--hostname", HOSTNAME, "--watch", "--interval", `${INTERVAL}ms`, "--ip-from", echo.url, ...extra];
  return startHostup(args, tokenOnlyEnv({ HOSTUP_BASE_URL: baseUrl }));
}

const lines = (text: string) => text.split("\n").filter(Boolean);

const expectNoToken = (updater: Updater) => {
  expect(updater.stdout).not.toContain(TOKEN);
  expect(updater.stderr).not.toContain(TOKEN);
};

/** Sends SIGTERM and expects a prompt, clean exit (and, unless `asJson`, the human line saying so). */
async function stop(updater: Updater, asJson = false): Promise<number> {
  const sent = Date.now();
  updater.kill("SIGTERM");
  const { code, signal, at } = await updater.exited;
  expect({ code, signal }).toStrictEqual({ code: 0, signal: null });
  expect(at - sent).toBeLessThan(1_000);
  if (!asJson) expect(lines(updater.stderr).at(-1)).toMatch(new RegExp(`${ISO.source}${HOSTNAME}: stopped on SIGTERM$`));
  return at;
}

describe("hostup dyndns update --watch", () => {
  test("updates once at start, then not again while the address stays the same; one ISO-stamped line on stdout", async () => {
    const updater = watch();
    await updater.waitFor(() => echo.hits.length >= 6);
    expect(dyndns.hits).toHaveLength(1);
    expect(dyndns.hits[0]!.query.get("ip")).toBe("1.2.3.4");
    await stop(updater);
    expect(lines(updater.stdout)).toHaveLength(1);
    expect(updater.stdout).toMatch(new RegExp(`${ISO.source}${HOSTNAME}: good 1.2.3.4\n$`));
    expectNoToken(updater);
  });

  test("a changed address is sent exactly once, and its line says what it was", async () => {
    const updater = watch();
    await updater.waitFor(() => dyndns.hits.length === 1);
    echo.answer("1.2.3.5");
    dyndns.answer("good 1.2.3.5");
    await updater.waitFor(() => dyndns.hits.length === 2);
    const checks = echo.hits.length;
    await updater.waitFor(() => echo.hits.length >= checks + 4);
    expect(dyndns.hits.map((hit) => hit.query.get("ip"))).toEqual(["1.2.3.4", "1.2.3.5"]);
    await stop(updater);
    expect(lines(updater.stdout).map((line) => line.replace(ISO, ""))).toEqual([
      `${HOSTNAME}: good 1.2.3.4`,
      `${HOSTNAME}: good 1.2.3.5 (was 1.2.3.4)`,
    ]);
  });

  test("--verbose logs unchanged checks; --json prints JSON lines with ISO times", async () => {
    const updater = watch(["--verbose", "--json"]);
    await updater.waitFor(() => lines(updater.stdout).length >= 3);
    await stop(updater, true);
    const events = lines(updater.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events[0]).toStrictEqual({
      time: expect.any(String),
      hostname: HOSTNAME,
      event: "updated",
      status: "good",
      ip: "1.2.3.4",
      previousIp: null,
    });
    expect(events[1]).toStrictEqual({ time: expect.any(String), hostname: HOSTNAME, event: "unchanged", ip: "1.2.3.4" });
    expect(new Date(events[0]!.time as string).toISOString()).toBe(events[0]!.time);
    expect(JSON.parse(lines(updater.stderr).at(-1)!)).toMatchObject({ hostname: HOSTNAME, event: "stopped", signal: "SIGTERM" });
    expect(dyndns.hits).toHaveLength(1);
    expectNoToken(updater);
  });

  test("911 backs off (the interval doubled), then the same address is sent again and recovers", async () => {
    dyndns.answerInTurn("911", "911", "good 1.2.3.4");
    const updater = watch();
    await updater.waitFor(() => dyndns.hits.length === 3);
    const [first, second, third] = dyndns.hits.map((hit) => hit.at);
    expect(second! - first!).toBeGreaterThanOrEqual(2 * INTERVAL - 5);
    expect(third! - second!).toBeGreaterThanOrEqual(4 * INTERVAL - 5);
    await updater.waitFor(() => updater.stdout !== "");
    const problems = lines(updater.stderr).map((line) => line.replace(ISO, ""));
    expect(problems[0]).toMatch(new RegExp(`^${HOSTNAME}: updateDynDns: the update was refused with "911": .*; retrying in 80ms$`));
    expect(problems[1]).toMatch(/refused with "911".*; retrying in 160ms$/);
    expect(updater.stdout).toMatch(/: good 1\.2\.3\.4\n$/);
    const checks = echo.hits.length;
    await updater.waitFor(() => echo.hits.length >= checks + 3);
    expect(dyndns.hits).toHaveLength(3); // recovered: back to updating only on change
    await stop(updater);
    expectNoToken(updater);
  });

  test("a failed address lookup and an unreachable update API back off too, doubling each time", async () => {
    echo.answer("upstream down", 502);
    const closed = await textServer("good 1.2.3.4");
    await closed.close();
    const updater = watch([], closed.url);
    await updater.waitFor(() => echo.hits.length >= 2);
    echo.answer("1.2.3.4");
    await updater.waitFor(() => lines(updater.stderr).length >= 4);
    await stop(updater);
    const problems = lines(updater.stderr).map((line) => line.replace(ISO, "").replace(`${HOSTNAME}: `, ""));
    expect(problems[0]).toBe(`${echo.url} answered HTTP 502, not an address; retrying in 80ms`);
    expect(problems.slice(0, 4).map((line) => line.match(/retrying in (\d+ms)$/)?.[1])).toEqual(["80ms", "160ms", "320ms", "640ms"]);
    expect(problems.slice(0, 4).some((line) => line.startsWith("Could not reach the HostUp API"))).toBe(true);
    expectNoToken(updater);
  });

  test.each(["badauth", "nohost", "abuse", "notfqdn", "badagent"])(
    "%s stops for good with exit 3, naming it, after one request",
    async (code) => {
      dyndns.answer(code);
      const updater = watch();
      const { code: exitCode } = await updater.exited;
      expect(exitCode).toBe(3);
      expect(dyndns.hits).toHaveLength(1);
      expect(updater.stdout).toBe("");
      const [stopped, error] = lines(updater.stderr);
      expect(stopped).toMatch(new RegExp(`${ISO.source}${HOSTNAME}: stopped: retrying after "${code}" would not help$`));
      expect(error).toContain(`Error: updateDynDns: the update was refused with "${code}"`);
      expectNoToken(updater);
    },
  );

  test("SIGTERM while waiting exits 0 at once, and nothing is sent after it", async () => {
    const updater = watch();
    await updater.waitFor(() => dyndns.hits.length === 1 && echo.hits.length >= 2);
    const exitedAt = await stop(updater);
    await new Promise((resolve) => setTimeout(resolve, 4 * INTERVAL));
    expect([...echo.hits, ...dyndns.hits].every((hit) => hit.at <= exitedAt)).toBe(true);
    expect(dyndns.hits).toHaveLength(1);
  });

  test("SIGTERM (and SIGINT) during an update abort the request in flight and exit 0", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      dyndns.answer("hold");
      const before = dyndns.hits.length;
      const updater = watch();
      await updater.waitFor(() => dyndns.hits.length === before + 1);
      updater.kill(signal);
      const { code } = await updater.exited;
      expect(code).toBe(0);
      await updater.waitFor(() => dyndns.abandoned === before + 1, 1_000); // the server saw the request go
      expect(updater.stderr).toContain(`stopped on ${signal}`);
    }
  });
});
