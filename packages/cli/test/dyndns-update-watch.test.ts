import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { HOSTNAME, startHostup, stopAll, type TextServer, TOKEN, textServer, tokenOnlyEnv, type Updater } from "./dyndns-update-servers.js";
import { hostup } from "./run.js";
import { testClock } from "./support/clock.js";

// Short intervals keep the runs of the binary fast; everything is on 127.0.0.1, where no minimum applies.
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

/**
 * Runs `hostup dyndns update --watch` in this process on a test clock (./support/clock.ts), which records
 * each wait instead of sitting through it; at its `stopAt`-th wait the run gets a SIGTERM. `onWait` is
 * called at each wait first (with how many there have been), for a test to change what the servers answer.
 */
async function watchOnClock(options: { stopAt: number; extra?: string[]; baseUrl?: string; onWait?: (count: number) => void }) {
  const clock = testClock();
  let interrupt: ((signal: string) => void) | undefined;
  clock.onSleep = (count) => {
    options.onWait?.(count);
    if (count === options.stopAt) interrupt?.("SIGTERM");
  };
  const args = ["dyndns", "update", "--hostname", HOSTNAME, "--watch", "--interval", `${INTERVAL}ms`, "--ip-from", echo.url];
  const run = await hostup([...args, ...(options.extra ?? [])], tokenOnlyEnv({ HOSTUP_BASE_URL: options.baseUrl ?? dyndns.url }), {
    clock,
    onInterrupt: (handler) => {
      interrupt = handler;
      return () => {
        interrupt = undefined;
      };
    },
  });
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
  return { ...run, waits: clock.sleeps };
}

// The loop's timing (the interval, the backoff) on a test clock, in this process: the waits are asserted
// as asked for and take no time. The process itself (signals, exit codes) is tested on the built binary below.
describe("hostup dyndns update --watch: checks and backoff", () => {
  test("updates once at start, then not again while the address stays the same; one ISO-stamped line on stdout", async () => {
    const run = await watchOnClock({ stopAt: 6 });
    expect(run.code).toBe(0);
    expect(run.waits).toEqual(Array(6).fill(INTERVAL)); // the interval between checks
    expect(echo.hits).toHaveLength(6);
    expect(dyndns.hits).toHaveLength(1);
    expect(dyndns.hits[0]!.query.get("ip")).toBe("1.2.3.4");
    expect(lines(run.stdout)).toHaveLength(1);
    expect(run.stdout).toMatch(new RegExp(`${ISO.source}${HOSTNAME}: good 1.2.3.4\n$`));
    expect(lines(run.stderr).at(-1)).toMatch(new RegExp(`${ISO.source}${HOSTNAME}: stopped on SIGTERM$`));
  });

  test("a changed address is sent exactly once, and its line says what it was", async () => {
    const run = await watchOnClock({
      stopAt: 6,
      onWait: (count) => {
        if (count !== 1) return;
        echo.answer("1.2.3.5");
        dyndns.answer("good 1.2.3.5");
      },
    });
    expect(run.code).toBe(0);
    expect(echo.hits).toHaveLength(6); // four checks after the change sent nothing more
    expect(dyndns.hits.map((hit) => hit.query.get("ip"))).toEqual(["1.2.3.4", "1.2.3.5"]);
    expect(lines(run.stdout).map((line) => line.replace(ISO, ""))).toEqual([
      `${HOSTNAME}: good 1.2.3.4`,
      `${HOSTNAME}: good 1.2.3.5 (was 1.2.3.4)`,
    ]);
  });

  test("--verbose logs unchanged checks; --json prints JSON lines with ISO times", async () => {
    const run = await watchOnClock({ stopAt: 3, extra: ["--verbose", "--json"] });
    expect(run.code).toBe(0);
    const events = lines(run.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toHaveLength(3);
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
    expect(JSON.parse(lines(run.stderr).at(-1)!)).toMatchObject({ hostname: HOSTNAME, event: "stopped", signal: "SIGTERM" });
    expect(dyndns.hits).toHaveLength(1);
  });

  test("911 backs off (the interval doubled), then the same address is sent again and recovers", async () => {
    dyndns.answerInTurn("911", "911", "good 1.2.3.4");
    const run = await watchOnClock({ stopAt: 6 });
    expect(run.code).toBe(0);
    // 2 × and 4 × the interval after the two 911s; the interval again once the update went through.
    expect(run.waits).toEqual([2 * INTERVAL, 4 * INTERVAL, INTERVAL, INTERVAL, INTERVAL, INTERVAL]);
    const problems = lines(run.stderr).map((line) => line.replace(ISO, ""));
    expect(problems[0]).toMatch(new RegExp(`^${HOSTNAME}: updateDynDns: the update was refused with "911": .*; retrying in 80ms$`));
    expect(problems[1]).toMatch(/refused with "911".*; retrying in 160ms$/);
    expect(run.stdout).toMatch(/: good 1\.2\.3\.4\n$/);
    expect(lines(run.stdout)).toHaveLength(1);
    expect(dyndns.hits).toHaveLength(3); // recovered: three checks since, and back to updating only on change
    expect(echo.hits).toHaveLength(6);
  });

  test("a failed address lookup and an unreachable update API back off too, doubling each time", async () => {
    echo.answer("upstream down", 502);
    const closed = await textServer("good 1.2.3.4");
    await closed.close();
    const run = await watchOnClock({
      stopAt: 4,
      baseUrl: closed.url,
      onWait: (count) => count === 2 && echo.answer("1.2.3.4"), // two failed lookups, then failed updates
    });
    expect(run.code).toBe(0);
    expect(run.waits).toEqual([2, 4, 8, 16].map((n) => n * INTERVAL));
    const problems = lines(run.stderr).map((line) => line.replace(ISO, "").replace(`${HOSTNAME}: `, ""));
    expect(problems[0]).toBe(`${echo.url} answered HTTP 502, not an address; retrying in 80ms`);
    expect(problems.slice(0, 4).map((line) => line.match(/retrying in (\d+ms)$/)?.[1])).toEqual(["80ms", "160ms", "320ms", "640ms"]);
    expect(problems.slice(2, 4).every((line) => line.startsWith("Could not reach the HostUp API"))).toBe(true);
  });
});

describe("hostup dyndns update --watch (the built binary)", () => {
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
