// A domain given by name that no domain can have (beyond RFC 1035's limits: a label over 63 octets,
// a name over 255, characters a DNS name cannot hold) is refused before anything is sent: exit 2 and
// a short message, not a 100 KB request the server resets (exit 4). Counted at the socket: a local
// server on 127.0.0.1 that sees every connection the CLI opens, and closes it at once.
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { hostup } from "./run.js";

let server: Server;
let connections: number;
let baseUrl: string;

beforeEach(async () => {
  connections = 0;
  server = createServer((socket: Socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("a domain name beyond RFC 1035's limits", () => {
  test.for([
    ["a name of 100 KB", `${"a".repeat(100_000)}.com`, /a label of 100000 octets; RFC 1035 allows 63/],
    ["a name of 100 KB in short labels", `${"a.".repeat(50_000)}com`, /100005 octets long; RFC 1035 allows 255/],
    ["a label of 64 octets", `${"b".repeat(64)}.example.com`, /a label of 64 octets; RFC 1035 allows 63/],
  ] as const)("hostup domains get <%s>: exit 2, a short message, nothing sent", async ([, name, reason]) => {
    const run = await hostup(["domains", "get", name], { HOSTUP_BASE_URL: baseUrl, HOSTUP_TIMEOUT: "5000" });

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toMatch(/is not a domain name/);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr.length).toBeLessThan(500); // the name is quoted cut short, never whole
    expect(run.stdout).toBe("");
    expect(connections).toBe(0);
  });

  test("the commands that take a domain by name refuse it the same way (sync, nameservers, redirects)", async () => {
    const name = `${"c".repeat(70)}.example.com`;
    for (const args of [
      ["domains", "sync", name],
      ["domains", "nameservers", name],
      ["redirects", "list", name],
    ]) {
      const run = await hostup(args, { HOSTUP_BASE_URL: baseUrl, HOSTUP_TIMEOUT: "5000" });
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(EXIT.usage);
      expect(run.stderr).toMatch(/a label of 70 octets; RFC 1035 allows 63/);
    }
    expect(connections).toBe(0);
  });
});
