// The pure parts of the DynDNS updater, imported from the source: durations, the interval minimum,
// the backoff and the choice of an interface's address.
import type { NetworkInterfaceInfo } from "node:os";
import { HostupConnectionError, HostupDynDnsError, HostupResponseTooLargeError, HostupValidationError } from "@hostup/sdk";
import { describe, expect, test } from "vitest";
import { AddressLookupError, pickInterfaceAddress } from "../src/dyndns-updater/address.js";
import { backoffDelay, checkInterval, formatDuration, parseDuration } from "../src/dyndns-updater/interval.js";
import { isPassing } from "../src/dyndns-updater/watch.js";

describe("--interval", () => {
  test.each([
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1500", 1_500],
    ["250ms", 250],
    ["24h", 86_400_000],
  ])("%s is %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(["", "0", "5 m", "1.5m", "-1s", "1d", "25h", "m"])("%j is refused", (text) => {
    expect(() => parseDuration(text)).toThrow(/--interval must be a duration such as 30s, 5m or 1h/);
  });

  test("under 30s is refused when the update API or the --ip-from service is remote, allowed when all is on loopback", () => {
    const local = ["http://127.0.0.1:4010", "http://localhost:8080/ip"];
    expect(checkInterval(50, "50ms", local)).toBe(50);
    expect(checkInterval(50, "50ms", ["http://[::1]:4010", undefined])).toBe(50);
    expect(() => checkInterval(29_999, "29999", ["https://cloud.hostup.se", undefined])).toThrow(/too short: at least 30s/);
    expect(() => checkInterval(50, "50ms", ["http://127.0.0.1:4010", "https://ifconfig.co"])).toThrow(/too short/);
    expect(checkInterval(30_000, "30s", ["https://cloud.hostup.se", "https://ifconfig.co"])).toBe(30_000);
  });
});

describe("backoff", () => {
  test("doubles the interval per failure in a row, capped at an hour (or the interval, when longer)", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(30_000, n))).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
    expect(backoffDelay(300_000, 1)).toBe(600_000);
    expect(backoffDelay(300_000, 1_000)).toBe(3_600_000); // no overflow to Infinity or NaN
    expect(backoffDelay(2 * 3_600_000, 3)).toBe(2 * 3_600_000);
    expect([80, 1_500, 120_000, 7_200_000].map(formatDuration)).toEqual(["80ms", "2s", "2m", "2h"]);
  });

  test("retries what may pass, stops on what retrying cannot fix", () => {
    expect(isPassing(new HostupDynDnsError("911", 200, undefined))).toBe(true);
    expect(isPassing(new HostupDynDnsError("dnserr", 200, undefined))).toBe(true);
    expect(isPassing(new HostupConnectionError("reset", 1))).toBe(true);
    expect(isPassing(new AddressLookupError("down"))).toBe(true);
    // A portal's or proxy's page, most likely, as a 2xx that is no DynDNS2 answer would be.
    expect(isPassing(new HostupResponseTooLargeError(200, 65_536, "updateDynDns", "GET", "/api/dyndns/update"))).toBe(true);
    for (const code of ["badauth", "nohost", "abuse", "notfqdn", "badagent"] as const) {
      expect(isPassing(new HostupDynDnsError(code, 200, undefined))).toBe(false);
    }
    expect(isPassing(new HostupValidationError("bad hostname", "updateDynDns", "hostname"))).toBe(false);
    expect(isPassing(new Error("a bug"))).toBe(false);
  });
});

describe("--ip-from-interface", () => {
  const entry = (address: string, family: "IPv4" | "IPv6", internal = false) =>
    ({ address, family, internal, netmask: "", mac: "00:00:00:00:00:00", cidr: null, scopeid: 0 }) as NetworkInterfaceInfo;
  const interfaces = {
    lo: [entry("127.0.0.1", "IPv4", true), entry("::1", "IPv6", true)],
    eth0: [
      entry("169.254.3.4", "IPv4"),
      entry("fe80::1", "IPv6"),
      entry("fd00::5", "IPv6"),
      entry("192.168.1.20", "IPv4"),
      entry("2001:db8::20", "IPv6"),
    ],
    ppp0: [entry("fe80::2", "IPv6"), entry("2001:db8::30", "IPv6")],
  };

  test("takes the first reachable address of the family: IPv4 unless --type AAAA, skipping link-local and unique-local", () => {
    expect(pickInterfaceAddress(interfaces, "eth0", undefined)).toBe("192.168.1.20");
    expect(pickInterfaceAddress(interfaces, "eth0", "A")).toBe("192.168.1.20");
    expect(pickInterfaceAddress(interfaces, "eth0", "AAAA")).toBe("2001:db8::20");
  });

  test("says what is missing: the interface (listing those there are), or an address of the family", () => {
    expect(() => pickInterfaceAddress(interfaces, "wlan0", undefined)).toThrow(
      "There is no network interface named wlan0 (there are: lo, eth0, ppp0).",
    );
    expect(() => pickInterfaceAddress(interfaces, "ppp0", undefined)).toThrow(
      "The network interface ppp0 has no usable IPv4 address (it has an IPv6 address: pass --type AAAA for that).",
    );
    expect(() => pickInterfaceAddress(interfaces, "lo", "AAAA")).toThrow("The network interface lo has no usable IPv6 address.");
  });
});
