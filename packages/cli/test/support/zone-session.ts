// The set-up the `hostup dns plan|apply|export` tests share, so each file says only what is its own: for
// every test a fresh zone server (@hostup/mock's startZoneServer, seeded by the file) and a fresh
// temporary folder for its zone files, both gone after the test; `hostup` run against that server.
//
//   const session = zoneSession("hostup-dns-sync-", (api) => api.addZone("example.com", […]));
//   const { run, write, writes } = session;
//   let api: ZoneServer;
//   beforeEach(() => ({ api } = session));   // this test's server under a plain name, for the tests
//
//   const path = write("example.com.zone", "$ORIGIN example.com.\n…");
//   await run("dns", "apply", path, "--yes");
//   writes();   // ["POST createDnsRecord", …]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { hostup, type Run } from "../run.js";

export interface ZoneSession {
  /** The running test's zone server. */
  readonly api: ZoneServer;
  /** The running test's temporary folder. */
  readonly dir: string;
  /** `hostup …args` against the running test's zone server. */
  run(...args: string[]): Promise<Run>;
  /** Writes `text` to the file `name` in the temporary folder; returns its path. */
  write(name: string, text: string): string;
  /** The requests the zone server has received but the reads (GET), as `api.calls()` names them. */
  writes(): string[];
}

/**
 * Registers, for each test of the file, a `beforeEach` that starts a zone server, makes a temporary
 * folder named `dirPrefix` and a random tail and seeds the server with `seed`; and an `afterEach` that
 * closes the server and removes the folder. Call it at the top level of a test file.
 */
export function zoneSession(dirPrefix: string, seed: (api: ZoneServer) => void = () => {}): ZoneSession {
  let current: { api: ZoneServer; dir: string } | undefined;
  const running = () => {
    if (!current) throw new Error("zoneSession: no test is running (the zone server and the folder exist only during a test)");
    return current;
  };

  beforeEach(async () => {
    const api = await startZoneServer();
    current = { api, dir: mkdtempSync(join(tmpdir(), dirPrefix)) };
    seed(api);
  });
  afterEach(async () => {
    if (!current) return; // the beforeEach failed before there was anything to close
    const { api, dir } = current;
    current = undefined;
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    get api() {
      return running().api;
    },
    get dir() {
      return running().dir;
    },
    run: (...args) => hostup(args, { HOSTUP_BASE_URL: running().api.url }),
    write: (name, text) => {
      const path = join(running().dir, name);
      writeFileSync(path, text);
      return path;
    },
    writes: () => {
      const { api } = running();
      return api.calls().filter((call) => !call.startsWith("GET "));
    },
  };
}
