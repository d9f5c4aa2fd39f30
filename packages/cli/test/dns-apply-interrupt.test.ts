// `hostup dns apply` and the terminal: an interrupt (SIGINT, SIGTERM through `io.onInterrupt`)
// lets the write in flight finish, reports it as applied and lists the rest as not applied (exit
// 130), and sends nothing more; the next plan shows exactly the rest. Without --yes it asks
// (`io.ask`): anything but yes sends nothing (exit 5), yes applies.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import type { ZoneServer } from "@hostup/mock";
import { hostup, type TestIo } from "./run.js";
import { zoneSession } from "./support/zone-session.js";

const session = zoneSession("hostup-dns-apply-interrupt-", (api) => {
  api.addZone("example.com", [{ type: "A", name: "www", value: "192.0.2.80", ttl: 300 }]);
});
const { write, writes } = session;
let api: ZoneServer;
let dir: string;
let path: string;
const env = () => ({ HOSTUP_BASE_URL: api.url });

beforeEach(() => {
  ({ api, dir } = session);
  // four records to create, in this order
  path = write(
    "example.com.zone",
    [
      "$ORIGIN example.com.",
      "$TTL 300",
      "www   IN A 192.0.2.80",
      "app1  IN A 192.0.2.1",
      "app2  IN A 192.0.2.2",
      "app3  IN A 192.0.2.3",
      "app4  IN A 192.0.2.4",
      "",
    ].join("\n"),
  );
});

const creates = () => api.requests.filter((request) => request.operation === "createDnsRecord");

/** An `io.onInterrupt` that a test fires by hand, as SIGINT would; it records whether the command unsubscribed. */
function interrupts() {
  let handler: ((signal: string) => void) | undefined;
  let subscribed = 0;
  let unsubscribed = 0;
  const onInterrupt: NonNullable<TestIo["onInterrupt"]> = (h) => {
    handler = h;
    subscribed++;
    return () => {
      unsubscribed++;
      handler = undefined;
    };
  };
  return {
    onInterrupt,
    fire: (signal = "SIGINT") => {
      if (!handler) throw new Error("not subscribed: the apply is not running");
      handler(signal);
    },
    counts: () => ({ subscribed, unsubscribed }),
  };
}

/** Resolves once the zone server has received `count` creates. */
async function createsArrived(count: number): Promise<void> {
  for (let waited = 0; creates().length < count; waited += 2) {
    if (waited > 10_000) throw new Error(`the ${count}. create did not arrive`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("dns apply --yes, interrupted", () => {
  test.each([
    [1, "SIGINT"],
    [3, "SIGTERM"],
  ] as const)(
    "while create %i of 4 is in flight (%s): exit 130, that write finished and reported as applied, the rest listed as not applied and never sent; the next plan shows exactly the rest",
    async (during, signal) => {
      const terminal = interrupts();
      // creates before the one interrupted are answered at once; that one is applied and answered 300 ms late
      for (let i = 1; i < during; i++) api.inject("createDnsRecord", { apply: true, delayMs: 0 });
      api.inject("createDnsRecord", { apply: true, delayMs: 300 });
      const running = hostup(["dns", "apply", path, "--yes"], env(), { onInterrupt: terminal.onInterrupt });
      await createsArrived(during);
      // the write is in flight: the zone server has made it, its answer is 300 ms away
      expect(api.records("example.com", { name: `app${during}` })).toHaveLength(1);
      terminal.fire(signal);
      const applied = await running;

      expect(applied.code).toBe(130);
      const names = [1, 2, 3, 4].map((i) => `app${i}`);
      const done = names.slice(0, during);
      const rest = names.slice(during);
      expect(applied.stdout).toContain(
        [
          ...done.map((name, i) => `applied + create A ${name} 192.0.2.${i + 1} (ttl 300)`),
          `example.com: interrupted after ${during} of 4 changes (the write in flight was finished).`,
          ...rest.map((name) => `not applied: + create A ${name} 192.0.2.${name.slice(-1)} (ttl 300)`),
          "",
        ].join("\n"),
      );
      expect(applied.stderr).toBe(
        `Interrupted (${signal}): ${rest.length} change${rest.length === 1 ? "" : "s"} not applied; run hostup dns plan to see what is left.\n`,
      );
      // no write after the one in flight
      expect(writes()).toEqual(Array(during).fill("POST createDnsRecord"));
      expect(creates().map((request) => (request.body as { name: string }).name)).toEqual(done);
      expect(terminal.counts()).toEqual({ subscribed: 1, unsubscribed: 1 });

      // what is left is what the next plan shows
      const plan = await hostup(["--json", "dns", "plan", path], env());
      expect(plan.code).toBe(5);
      expect(JSON.parse(plan.stdout).changes).toEqual(
        rest.map((name) => ({
          action: "create",
          type: "A",
          name,
          after: { value: `192.0.2.${name.slice(-1)}`, ttl: 300 },
          reason: "file",
        })),
      );
      // and applying again finishes the job
      const finished = await hostup(["dns", "apply", path, "--yes"], env());
      expect(finished.code).toBe(0);
      expect(finished.stdout).toContain(`example.com: ${rest.length} change${rest.length === 1 ? "" : "s"} applied.`);
      expect((await hostup(["dns", "plan", path], env())).code).toBe(0);
    },
  );

  test("an interrupt that comes before the first write: nothing is sent, all four listed as not applied (exit 130)", async () => {
    const onInterrupt: TestIo["onInterrupt"] = (handler) => {
      handler("SIGINT"); // Ctrl-C already pressed when the apply starts
      return () => {};
    };
    const applied = await hostup(["dns", "apply", path, "--yes"], env(), { onInterrupt });
    expect(applied.code).toBe(130);
    expect(applied.stdout).toContain("example.com: interrupted after 0 of 4 changes");
    expect(applied.stdout.match(/^not applied: /gm)).toHaveLength(4);
    expect(applied.stdout).not.toMatch(/^applied /m);
    expect(writes()).toEqual([]);
  });

  test("--json: the interrupted apply as data", async () => {
    const terminal = interrupts();
    api.inject("createDnsRecord", { apply: true, delayMs: 300 });
    const running = hostup(["--json", "dns", "apply", path, "--yes"], env(), { onInterrupt: terminal.onInterrupt });
    await createsArrived(1);
    terminal.fire();
    const applied = await running;
    expect(applied.code).toBe(130);
    const json = JSON.parse(applied.stdout);
    expect(json.interrupted).toBe(true);
    expect(json.applied).toEqual([{ action: "create", type: "A", name: "app1", after: { value: "192.0.2.1", ttl: 300 }, reason: "file" }]);
    expect(json.notApplied.map((change: { name: string }) => change.name)).toEqual(["app2", "app3", "app4"]);
    expect(json.failed).toBeUndefined();
  });

  test("an apply that ends without an interrupt unsubscribes too (exit 0), and an interrupt after it changes nothing", async () => {
    const terminal = interrupts();
    const applied = await hostup(["dns", "apply", path, "--yes"], env(), { onInterrupt: terminal.onInterrupt });
    expect(applied.code).toBe(0);
    expect(terminal.counts()).toEqual({ subscribed: 1, unsubscribed: 1 });
    expect(() => terminal.fire()).toThrow(/not subscribed/);
    expect(writes()).toHaveLength(4);
  });
});

describe("dns apply without --yes asks on the terminal (io.ask)", () => {
  /** An `io.ask` that answers `answer` and records the questions. */
  function terminal(answer: string) {
    const questions: string[] = [];
    return {
      questions,
      ask: async (question: string) => {
        questions.push(question);
        return answer;
      },
    };
  }

  test.each(["n", "", "no", "yess", " N "])("answered %j: nothing is sent (exit 5)", async (answer) => {
    const tty = terminal(answer);
    const declined = await hostup(["dns", "apply", path], env(), { ask: tty.ask });
    expect(tty.questions).toEqual(["Apply 4 changes to example.com? [y/N] "]);
    expect(declined.code).toBe(5);
    // the plan was shown before the question
    expect(declined.stdout).toMatch(/^example\.com: 4 to create, 0 to update, 0 to delete/);
    expect(declined.stdout).toContain("+ create A app4 192.0.2.4 (ttl 300)");
    expect(declined.stderr).toBe("Not applied: nothing was sent.\n");
    expect(writes()).toEqual([]);
    expect(api.calls()).toEqual(["GET listDnsZones", "GET listDnsZoneRecords"]);
  });

  test.each(["y", "Y", "yes", " YES "])("answered %j: applied (exit 0)", async (answer) => {
    const tty = terminal(answer);
    const agreed = await hostup(["dns", "apply", path], env(), { ask: tty.ask });
    expect(tty.questions).toHaveLength(1);
    expect(agreed.stderr).toBe("");
    expect(agreed.code).toBe(0);
    expect(agreed.stdout).toContain("example.com: 4 changes applied.");
    expect(writes()).toEqual(Array(4).fill("POST createDnsRecord"));
    expect((await hostup(["dns", "plan", path], env())).code).toBe(0);
  });

  test("nothing to do, or a plan refused (the 30 % rule): no question is asked", async () => {
    const tty = terminal("y");
    const inSync = join(dir, "sync", "example.com.zone");
    mkdirSync(join(dir, "sync"));
    writeFileSync(inSync, "$ORIGIN example.com.\nwww 300 IN A 192.0.2.80\n");
    const nothing = await hostup(["dns", "apply", inSync], env(), { ask: tty.ask });
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toMatch(/^example\.com: in sync with the file/);

    for (let i = 0; i < 11; i++) api.seed("example.com", { type: "A", name: `old${i}`, value: "192.0.2.99", ttl: 300 });
    const pruning = await hostup(["dns", "apply", inSync, "--prune"], env(), { ask: tty.ask });
    expect(pruning.code).toBe(2);
    expect(pruning.stderr).toContain("the plan updates or deletes 11 of example.com's 12 records (92 %)");
    expect(tty.questions).toEqual([]);
    expect(writes()).toEqual([]);
  });
});
