// The parts of the ACME hooks that need no API, imported from the source: the hook input forms, the
// DNS-01 value, --nameserver, and the nameserver lookups against a local DNS server.
import { promises as dns } from "node:dns";
import { afterEach, describe, expect, test } from "vitest";
import { challengeFrom, dns01Value } from "../src/acme/hook-input.js";
import { authoritativeNameservers, NameserverLookupError, parseNameserver } from "../src/acme/nameservers.js";
import { PropagationTimeoutError, waitForTxt } from "../src/acme/propagation.js";
import { testClock } from "./support/clock.js";
import { dnsServer, type Responder, type TestDnsServer } from "./support/dns-server.js";

const VALUE = "dpLDrTVAu4A8Ags67mbNiIcSMjTqDG5xQ8Ct1z_0Me0";

describe("hook input", () => {
  test("the DNS-01 value of a key authorization is its unpadded base64url SHA-256 (as openssl computes it)", () => {
    const keyAuth = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";
    expect(dns01Value(keyAuth)).toBe("NGwKoXBgCT8JhEa0bK7AwfSqHyu_ZWeugV07fLGIVq0");
  });

  test.each([
    [["_acme-challenge.WWW.example.com.", VALUE], {}, "_acme-challenge.www.example.com", "arguments"],
    [["_acme-challenge.example.com", VALUE], { CERTBOT_DOMAIN: "other.example" }, "_acme-challenge.example.com", "arguments"],
    [[], { CERTBOT_DOMAIN: "example.com", CERTBOT_VALIDATION: VALUE }, "_acme-challenge.example.com", "certbot"],
    [[], { CERTBOT_DOMAIN: "*.shop.example.com", CERTBOT_VALIDATION: VALUE }, "_acme-challenge.shop.example.com", "certbot"],
    [["*.example.com.", "tok", "tok.thumb"], { EXEC_MODE: "RAW" }, "_acme-challenge.example.com", "lego RAW"],
  ])("%j with %j is %s (%s)", (args, env, name, source) => {
    expect(challengeFrom(args, env, "present")).toMatchObject({ name, source });
  });

  test("RAW's value is computed from the key authorization; the other forms' value is taken as it is", () => {
    expect(challengeFrom(["example.com", "tok", "tok.thumb"], {}, "present").value).toBe(dns01Value("tok.thumb"));
    expect(challengeFrom(["_acme-challenge.example.com", ` ${VALUE}\n`], {}, "present").value).toBe(VALUE);
  });

  test.each([
    [["a", "b", "c", "d"], {}, "got 4"],
    [["example.com", "tok", "tok."], {}, "EXEC_MODE=RAW form"],
    [["example", VALUE], {}, "not a full DNS record name"],
    [["_acme-challenge..example.com", VALUE], {}, "not a full DNS record name"],
    [["-x.example.com", VALUE], {}, 'unknown option "-x.example.com"'],
    [["_acme-challenge.example.com", `${VALUE}=`], {}, "not a DNS-01 value"],
    [[], { CERTBOT_DOMAIN: " ", CERTBOT_VALIDATION: VALUE }, "CERTBOT_DOMAIN is not set"],
    [[], { CERTBOT_DOMAIN: "example.com", CERTBOT_VALIDATION: "short" }, "not a DNS-01 value"],
  ])("%j with %j is refused (%s)", (args, env, message) => {
    expect(() => challengeFrom(args, env, "present")).toThrow(message);
  });
});

describe("--nameserver", () => {
  test.each([
    ["192.0.2.53", { host: "192.0.2.53", port: 53 }],
    ["127.0.0.1:5353", { host: "127.0.0.1", port: 5353 }],
    ["2001:db8::53", { host: "2001:db8::53", port: 53 }],
    ["[2001:db8::53]:5353", { host: "2001:db8::53", port: 5353 }],
    ["ns1.hostup.se", { host: "ns1.hostup.se", port: 53 }],
    ["ns1.hostup.se:53", { host: "ns1.hostup.se", port: 53 }],
  ])("%s", (text, expected) => {
    expect(parseNameserver(text)).toEqual(expected);
  });

  test.each(["", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x", "[ns1.hostup.se]:53", "ns1 hostup.se", "-ns1.hostup.se"])(
    "%j is refused",
    (text) => {
      expect(() => parseNameserver(text)).toThrow(/--nameserver .* is not <address\|host>\[:port\]/);
    },
  );
});

describe("against a local DNS server", () => {
  let server: TestDnsServer | undefined;
  afterEach(() => server?.close());

  const resolverFor = async (respond: Responder) => {
    server = await dnsServer(respond);
    const resolver = new dns.Resolver({ timeout: 1_000, tries: 1 });
    resolver.setServers([server.server]);
    return resolver;
  };

  test("the zone's nameservers are its NS names, each at its first IPv4 address, IPv6 when it has none", async () => {
    const resolver = await resolverFor((q) => {
      if (q.name === "example.com" && q.type === "NS") {
        return ["ns2.example.net", "NS1.example.com."].map((data) => ({ type: "NS" as const, name: q.name, ttl: 300, data }));
      }
      if (q.name === "ns1.example.com" && q.type === "A") {
        return ["192.0.2.1", "192.0.2.11"].map((data) => ({ type: "A" as const, name: q.name, ttl: 300, data }));
      }
      if (q.name === "ns2.example.net" && q.type === "AAAA") return [{ type: "AAAA", name: q.name, ttl: 300, data: "2001:db8::2" }];
      return [];
    });
    expect(await authoritativeNameservers("example.com", resolver)).toEqual([
      { label: "ns1.example.com (192.0.2.1)", server: "192.0.2.1:53" },
      { label: "ns2.example.net (2001:db8::2)", server: "[2001:db8::2]:53" },
    ]);
  });

  test("no NS records, or a nameserver without an address, is a NameserverLookupError that says to pass --nameserver", async () => {
    const none = await resolverFor((q) =>
      q.type === "NS" && q.name === "lame.example" ? [{ type: "NS", name: q.name, ttl: 60, data: "ns.lame.example" }] : "nxdomain",
    );
    await expect(authoritativeNameservers("example.com", none)).rejects.toThrow(
      /Could not look up the nameservers of example\.com \(ENOTFOUND\): pass/,
    );
    await expect(authoritativeNameservers("lame.example", none)).rejects.toThrow(NameserverLookupError);
    await expect(authoritativeNameservers("lame.example", none)).rejects.toThrow(
      "The nameserver ns.lame.example of lame.example has no address",
    );
  });

  test("a value split in several strings of one TXT record is joined before it is compared", async () => {
    await resolverFor((q) => [{ type: "TXT", name: q.name, ttl: 60, class: "IN", data: [VALUE.slice(0, 20), VALUE.slice(20)] }]);
    const progress: string[] = [];
    const servers = [{ label: "local", server: server!.server }];
    const result = await waitForTxt({
      name: "_acme-challenge.example.com",
      value: VALUE,
      servers,
      timeoutMs: 2_000,
      intervalMs: 50,
      progress: (line) => progress.push(line),
    });
    expect(result.rounds).toBe(1);
    expect(progress).toEqual([]);
    const clock = testClock(); // the pauses between rounds are recorded, not sat through
    const other = waitForTxt({
      name: "_acme-challenge.example.com",
      value: VALUE.slice(20),
      servers,
      timeoutMs: 200,
      intervalMs: 50,
      progress: (line) => progress.push(line),
      clock,
    });
    await expect(other).rejects.toThrow(PropagationTimeoutError);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(clock.sleeps.slice(0, 2)).toEqual([50, 50]);
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(200); // the last one cut to end at the deadline
    expect(progress[0]).toMatch(
      /^waiting for TXT _acme-challenge\.example\.com: 0\/1 nameservers serve the value \(\d+ms of 200ms; not yet: local: 1 other TXT value\)$/,
    );
  });
});
