// One record, many written forms: `hostup dns add` and `hostup dns apply` compare records by
// @hostup/dns's one equality, so a record added with one and given to the other in another form is
// the same record, and nothing is sent. TXT quoted, unquoted or split; AAAA long or compressed;
// targets with or without the trailing dot and in any case; MX and SRV with their numbers; CAA tag
// case; TLSA hex case and spacing; an IDN name in Unicode or punycode; labels made of digits.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import type { ZoneServer } from "@hostup/mock";
import { zoneSession } from "./support/zone-session.js";

const session = zoneSession("hostup-dns-same-record-", (api) => {
  api.addZone("example.com");
});
const { run, writes } = session;
let api: ZoneServer;
let dir: string;
beforeEach(() => ({ api, dir } = session));

/** The zone's records but SOA and the apex NS. */
const customerRecords = () =>
  api.records("example.com").filter((record) => record.name !== "example.com" || !["SOA", "NS"].includes(record.type));

/** Each file in a folder of its own, named after the zone, as `dns apply` finds the zone from the name. */
let files = 0;
function zoneFile(name: string, text: string): string {
  const folder = join(dir, String(files++));
  mkdirSync(folder);
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const SHA256 = "7b1a3f25cfbb8708604f7f7b1b02e281df9d53d048e2ba5a649b860e87f6bc81";
const DKIM =
  "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuEjqfL94yIYptVgX+Q9nqPfp6HbA9BK31lHFIYAQ/rOcktLcVfbGWkHsXgmP4BU0VvYb4wP46eUL35R0dSx3eDO0VgYzbOFvSaxHo2GBXeSdcvbFWuUtLeTkFWNlpbNetq6cbvG6nAcbi2TyqXREeXffv7/AJAHzU7RbF6l5vFpxCCgRpYNRoegYaM5TbKClKTp0+wxfOqldrkkgrPfF5HsWXAtiWBipJkgFOKRQiJfxmic03dsbTQq2QqpCPSYr79+JbZnnAJzGmAirXkTbCKrUL/vH75UKyu7v1kBYOx7+RrQytlv9X8uUi1UfUO3sci9BWocih76MceGKE/hKGQIDAQAB";

const bind = (...lines: string[]) => ["$ORIGIN example.com.", ...lines, ""].join("\n");
const yaml = (...lines: string[]) => ["---", ...lines, ""].join("\n");

interface SameRecord {
  /** `dns add example.com …` in each of its written forms: the first creates, the rest find it. */
  adds: string[][];
  /** Zone files holding the record, each in another written form. */
  files: Array<[name: string, text: string]>;
  /** `dns rm example.com …`: the record in yet another form, deleted by it. */
  rm: string[];
}

const CASES: Record<string, SameRecord> = {
  "TXT: unquoted, quoted, split in two strings, with octoDNS's \\;": {
    adds: [
      ["TXT", "_dmarc", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"],
      ["TXT", "_dmarc.example.com.", '"v=DMARC1; p=reject; rua=mailto:dmarc@example.com"'],
      ["txt", "_DMARC", '"v=DMARC1; p=reject; " "rua=mailto:dmarc@example.com"'],
    ],
    files: [
      ["example.com.yaml", yaml("_dmarc:", "  type: TXT", "  value: v=DMARC1\\; p=reject\\; rua=mailto:dmarc@example.com")],
      ["example.com.yaml", yaml("_dmarc:", "  type: TXT", "  values:", "    - 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com'")],
      ["example.com.yaml", yaml("_dmarc:", "  type: TXT", "  value: '\"v=DMARC1; p=reject; rua=mailto:dmarc@example.com\"'")],
      ["example.com.zone", bind('_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"')],
      ["example.com.zone", bind('_dmarc IN TXT "v=DMARC1; p=reject;" " rua=mailto:dmarc@example.com"')],
      ["example.com.zone", bind('_dmarc.example.com. IN TXT ( "v=DMARC1\\059 p=reject\\059 "', '   "rua=mailto:dmarc@example.com" )')],
    ],
    rm: ["TXT", "_dmarc", '"v=DMARC1; " "p=reject; rua=mailto:dmarc@example.com"'],
  },
  "TXT: a DKIM key over 255 characters, whole or split anywhere": {
    adds: [
      ["TXT", "s1._domainkey", DKIM],
      ["TXT", "s1._domainkey", `"${DKIM.slice(0, 255)}" "${DKIM.slice(255)}"`],
    ],
    files: [
      ["example.com.yaml", yaml("s1._domainkey:", "  type: TXT", `  value: ${DKIM.replace(/;/g, "\\;")}`)],
      ["example.com.zone", bind(`s1._domainkey IN TXT ( "${DKIM.slice(0, 17)}"`, `  "${DKIM.slice(17, 200)}"`, `  "${DKIM.slice(200)}" )`)],
      ["example.com.zone", bind(`s1._domainkey IN TXT "${DKIM.slice(0, 255)}" "${DKIM.slice(255)}"`)],
    ],
    rm: ["TXT", "s1._domainkey", `"${DKIM.slice(0, 100)}" "${DKIM.slice(100)}"`],
  },
  "AAAA: long, compressed, upper case, with leading zeros": {
    adds: [
      ["AAAA", "www", "2001:db8:0:0:0:0:0:1"],
      ["AAAA", "www", "2001:db8::1"],
      ["AAAA", "WWW.example.com", "2001:DB8:0000::0001"],
    ],
    files: [
      ["example.com.yaml", yaml("www:", "  type: AAAA", "  value: 2001:db8::1")],
      ["example.com.yaml", yaml("www:", "  type: AAAA", "  values: ['2001:0DB8:0:0::1']")],
      ["example.com.zone", bind("www IN AAAA 2001:DB8::0:1")],
      ["example.com.zone", bind("www.example.com. IN AAAA 2001:0db8:0000:0000:0000:0000:0000:0001")],
    ],
    rm: ["AAAA", "www", "2001:db8:0::0:1"],
  },
  "CNAME: the target with and without the trailing dot, in other case": {
    adds: [
      ["CNAME", "shop", "Shops.Example-Commerce.NET."],
      ["CNAME", "shop", "shops.example-commerce.net"],
    ],
    files: [
      ["example.com.yaml", yaml("shop:", "  type: CNAME", "  value: shops.example-commerce.net.")],
      ["example.com.yaml", yaml("shop:", "  type: CNAME", "  value: SHOPS.EXAMPLE-COMMERCE.NET")],
      ["example.com.zone", bind("shop IN CNAME shops.Example-Commerce.net.")],
      ["example.com.zone", bind("SHOP.EXAMPLE.COM. IN CNAME shops.example-commerce.net.")],
    ],
    rm: ["CNAME", "shop.example.com.", "SHOPS.example-commerce.net."],
  },
  "MX: preference and exchange, relative, absolute, in other case, octoDNS's older {priority, value}": {
    adds: [
      ["MX", "@", "mail.example.com", "--priority", "10"],
      ["MX", "example.com.", "MAIL.example.com.", "--priority", "10"],
      ["MX", "@", "mail.example.com."],
    ],
    files: [
      ["example.com.yaml", yaml("'':", "  type: MX", "  value:", "    exchange: MAIL.EXAMPLE.COM.", "    preference: 10")],
      ["example.com.yaml", yaml("'':", "  - type: MX", "    values:", "      - priority: 10", "        value: mail.example.com.")],
      ["example.com.zone", bind("@ IN MX 10 mail")],
      ["example.com.zone", bind("example.com. IN MX 10 Mail.Example.Com.")],
    ],
    rm: ["MX", "@", "mail.EXAMPLE.com."],
  },
  "MX: the null MX": {
    adds: [
      ["MX", "@", ".", "--priority", "0"],
      ["MX", "example.com", "."],
    ],
    files: [
      ["example.com.yaml", yaml("'':", "  type: MX", "  value: {exchange: ., preference: 0}")],
      ["example.com.zone", bind("@ IN MX 0 .")],
    ],
    rm: ["MX", "@", "."],
  },
  "SRV: priority, weight, port and target in every form": {
    adds: [
      ["SRV", "_sip._tcp", "sip.example.com", "--priority", "10", "--weight", "5", "--port", "5060"],
      ["srv", "_SIP._TCP.example.com.", "SIP.example.com.", "--priority", "10", "--weight", "5", "--port", "5060"],
    ],
    files: [
      ["example.com.yaml", yaml("_sip._tcp:", "  type: SRV", "  value: {port: 5060, priority: 10, target: SIP.example.com., weight: 5}")],
      ["example.com.zone", bind("_sip._tcp IN SRV 10 5 5060 sip")],
      ["example.com.zone", bind("_sip._tcp.example.com. IN SRV 10 5 5060 sip.EXAMPLE.com.")],
    ],
    rm: ["SRV", "_sip._tcp", "sip.example.com."],
  },
  "CAA: the tag in any case, the value quoted or not": {
    adds: [
      ["CAA", "@", '0 ISSUE "letsencrypt.org"'],
      ["CAA", "@", '0 issue "letsencrypt.org"'],
      ["CAA", "example.com.", "0 Issue letsencrypt.org"],
    ],
    files: [
      ["example.com.yaml", yaml("'':", "  type: CAA", "  value: {flags: 0, tag: issue, value: letsencrypt.org}")],
      ["example.com.yaml", yaml("'':", "  type: CAA", "  values:", "    - flags: '0'", "      tag: IssUE", "      value: letsencrypt.org")],
      ["example.com.zone", bind('@ IN CAA 0 issue "letsencrypt.org"')],
      ["example.com.zone", bind("@ IN CAA 0 ISSUE letsencrypt.org")],
    ],
    rm: ["CAA", "@", '0 iSsUe "letsencrypt.org"'],
  },
  "TLSA: the hex in any case, in one piece or several": {
    adds: [
      ["TLSA", "_443._tcp.www", `3 1 1 ${SHA256.toUpperCase()}`],
      ["TLSA", "_443._tcp.www", `3 1 1 ${SHA256}`],
      ["TLSA", "_443._TCP.WWW", `3 1 1 ${SHA256.slice(0, 32)} ${SHA256.slice(32).toUpperCase()}`],
    ],
    files: [
      [
        "example.com.yaml",
        yaml(
          "_443._tcp.www:",
          "  type: TLSA",
          "  value:",
          "    certificate_usage: 3",
          "    selector: 1",
          "    matching_type: 1",
          `    certificate_association_data: ${SHA256}`,
        ),
      ],
      ["example.com.zone", bind(`_443._tcp.www IN TLSA 3 1 1 ${SHA256.toUpperCase()}`)],
      [
        "example.com.zone",
        bind(`_443._tcp.www IN TLSA ( 3 1 1 ${SHA256.slice(0, 20)}`, `   ${SHA256.slice(20, 40)} ; more`, `   ${SHA256.slice(40)} )`),
      ],
    ],
    rm: ["TLSA", "_443._tcp.www", `3 1 1 ${SHA256.slice(0, 8).toUpperCase()}${SHA256.slice(8)}`],
  },
  "an IDN name: Unicode (any case) and punycode": {
    adds: [
      ["TXT", "räksmörgås", "hej från Göteborg"],
      ["TXT", "xn--rksmrgs-5wao1o", "hej från Göteborg"],
      ["TXT", "RÄKSMÖRGÅS.example.com.", '"hej från Göteborg"'],
    ],
    files: [
      ["example.com.yaml", yaml("xn--rksmrgs-5wao1o:", "  type: TXT", "  value: hej från Göteborg")],
      ["example.com.yaml", yaml("Räksmörgås:", "  type: TXT", "  value: hej från Göteborg")],
      ["example.com.zone", bind('xn--rksmrgs-5wao1o IN TXT "hej fr\\195\\165n G\\195\\182teborg"')],
      ["example.com.zone", bind('räksmörgås.example.com. IN TXT "hej från Göteborg"')],
    ],
    rm: ["TXT", "xn--rksmrgs-5wao1o.example.com", "hej från Göteborg"],
  },
  "labels of digits: 2 and 1.2 (names, not IPv4 addresses)": {
    adds: [
      ["A", "2", "192.0.2.2"],
      ["A", "2.example.com.", "192.0.2.2"],
    ],
    files: [
      ["example.com.yaml", yaml("'2':", "  type: A", "  value: 192.0.2.2")],
      ["example.com.yaml", yaml("2:", "  type: A", "  values: [192.0.2.2]")],
      ["example.com.zone", bind("2 IN A 192.0.2.2")],
      ["example.com.zone", bind("2.example.com. IN A 192.0.2.2")],
    ],
    rm: ["A", "2", "192.0.2.2"],
  },
  "a name of digits with a dot: 1.2, and a target made of digits": {
    adds: [
      ["CNAME", "1.2", "2.example.com"],
      ["CNAME", "1.2.example.com", "2.EXAMPLE.COM."],
    ],
    files: [
      ["example.com.yaml", yaml("'1.2':", "  type: CNAME", "  value: 2.example.com.")],
      ["example.com.yaml", yaml("1.2:", "  type: CNAME", "  value: 2.example.com")],
      ["example.com.zone", bind("1.2 IN CNAME 2")],
      ["example.com.zone", bind("1.2.example.com. IN CNAME 2.example.com.")],
    ],
    rm: ["CNAME", "1.2", "2.example.com."],
  },
  "ALIAS: the target with and without the trailing dot, in other case": {
    adds: [
      ["ALIAS", "@", "lb.example-cdn.net"],
      ["ALIAS", "example.com.", "LB.Example-CDN.net."],
    ],
    files: [
      ["example.com.yaml", yaml("'':", "  type: ALIAS", "  value: LB.example-cdn.NET.")],
      ["example.com.zone", bind("@ IN ALIAS lb.example-cdn.net.")],
    ],
    rm: ["ALIAS", "@", "lb.example-cdn.net."],
  },
  "NS: a delegation's targets in other case": {
    adds: [
      ["NS", "lab", "ns1.dns-host.example.net"],
      ["NS", "LAB.example.com.", "NS1.dns-host.example.net."],
    ],
    files: [
      ["example.com.yaml", yaml("lab:", "  type: NS", "  values: [NS1.DNS-HOST.EXAMPLE.NET.]")],
      ["example.com.zone", bind("lab IN NS ns1.dns-host.example.net.")],
    ],
    rm: ["NS", "lab", "ns1.DNS-host.example.net."],
  },
};

describe.each(Object.entries(CASES))("%s", (_, { adds, files: forms, rm }) => {
  test(`dns add, then dns apply --yes of ${forms.length} files holding it in other forms: no write`, async () => {
    const added = await run("dns", "add", "example.com", ...adds[0]!);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^created drr_/);
    expect(writes()).toEqual(["POST createDnsRecord"]);
    const records = customerRecords();
    expect(records).toHaveLength(1);
    for (const [name, text] of forms) {
      const path = zoneFile(name, text);
      const plan = await run("dns", "plan", path);
      expect(plan.stdout, text).toMatch(/^example\.com: in sync with the file \(0 to create, 0 to update, 0 to delete, 0 unmanaged sets/);
      expect(plan.code).toBe(0);
      const applied = await run("dns", "apply", path, "--yes");
      expect(applied.stderr, text).toBe("");
      expect(applied.code).toBe(0);
      expect(applied.stdout, text).toMatch(/^example\.com: in sync with the file/);
    }
    expect(writes()).toEqual(["POST createDnsRecord"]);
    expect(customerRecords()).toEqual(records);
  });

  test(`dns apply --yes of a file, then dns add in ${adds.length} forms: each says exists, no POST; dns rm in another form deletes it`, async () => {
    const [name, text] = forms[0]!;
    const path = zoneFile(name, text);
    const applied = await run("dns", "apply", path, "--yes");
    expect(applied.code).toBe(0);
    expect(writes()).toEqual(["POST createDnsRecord"]);
    const records = customerRecords();
    expect(records).toHaveLength(1);
    for (const add of adds) {
      const again = await run("dns", "add", "example.com", ...add);
      expect(again.stderr, add.join(" ")).toBe("");
      expect(again.code).toBe(0);
      expect(again.stdout, add.join(" ")).toMatch(/^exists drr_/);
    }
    expect(writes()).toEqual(["POST createDnsRecord"]);
    expect(customerRecords()).toEqual(records);
    // remove, in yet another form: the one record goes, and the file plans one create again
    const removed = await run("dns", "rm", "example.com", ...rm);
    expect(removed.stdout.trim()).toBe("deleted 1 record");
    expect(customerRecords()).toEqual([]);
    const plan = await run("--json", "dns", "plan", path);
    expect(plan.code).toBe(5);
    expect(JSON.parse(plan.stdout).summary).toEqual({ create: 1, update: 0, delete: 0, unmanaged: 0 });
  });
});

test("a second form of a record already in a file is a duplicate there too: refused before anything is sent", async () => {
  const path = zoneFile("example.com.zone", bind("www IN AAAA 2001:db8::1", "www IN AAAA 2001:DB8:0:0:0:0:0:1"));
  const applied = await run("dns", "apply", path, "--yes");
  expect(applied.code).toBe(2);
  expect(applied.stderr).toContain(":3: AAAA www 2001:DB8:0:0:0:0:0:1 is given twice (HostUp refuses duplicates).");
  expect(api.calls()).toEqual([]);
});

test("an MX or SRV with other numbers is another record: apply updates it in place", async () => {
  await run("dns", "add", "example.com", "MX", "@", "mail.example.com", "--priority", "10");
  const path = zoneFile("example.com.zone", bind("@ IN MX 20 mail"));
  const plan = await run("dns", "plan", path);
  expect(plan.code).toBe(5);
  expect(plan.stdout).toContain("~ update MX @ 10 mail.example.com (ttl 3600) → 20 mail.example.com (ttl 3600)");
  expect((await run("dns", "apply", path, "--yes")).code).toBe(0);
  expect(writes()).toEqual(["POST createDnsRecord", "PUT updateDnsRecord"]);
  expect(api.records("example.com", { type: "MX" })).toMatchObject([{ value: "mail.example.com", priority: 20 }]);
});

describe("a zone given by its Unicode name", () => {
  test("records, add and export find the zone the API names in punycode; dns zones --name lists it", async () => {
    api.addZone("xn--rksmrgs-5wao1o.se");
    expect((await run("dns", "add", "räksmörgås.se", "TXT", "_dmarc", "v=DMARC1; p=none")).stdout).toMatch(/^created /);
    const records = await run("dns", "records", "Räksmörgås.se.", "--type", "TXT");
    expect(records.code).toBe(0);
    expect(records.stdout).toContain("v=DMARC1; p=none");
    const exported = await run("dns", "export", "räksmörgås.se");
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain("_dmarc:");
    expect((await run("dns", "zones", "--name", "räksmörgås.se")).stdout).toContain("xn--rksmrgs-5wao1o.se");
  });
});
