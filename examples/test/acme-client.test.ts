// acme-dns-01.ts as acme-client's `auto()` would drive it: the hooks called with acme-client's own
// challenge objects and DNS-01 values (computed by acme-client from a fresh account key), against a
// local zone server that answers like HostUp's record routes (full names, quoted TXT values). No CA
// is contacted: `auto()` itself needs one, so the test plays its part, challenge by challenge.
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { unquoteTxt } from "@hostup/dns";
import { createHostupClient } from "@hostup/sdk";
import acme, { type Authorization } from "acme-client";
import { afterEach, beforeEach, expect, test } from "vitest";
import { hostupDns01 } from "../acme-dns-01.js";

type Challenge = Authorization["challenges"][number];

let api: ZoneServer;
let acmeClient: acme.Client;
beforeEach(async () => {
  api = await startZoneServer();
  api.addZone("example.com", [{ type: "TXT", name: "@", value: "v=spf1 -all" }]);
  // Nothing listens at the directory URL: computing a challenge's value needs only the account key.
  acmeClient = new acme.Client({ directoryUrl: "http://127.0.0.1:9/directory", accountKey: await acme.crypto.createPrivateKey(2048) });
});
afterEach(() => api.close());

const hostup = (timeoutMs?: number) => createHostupClient({ apiKey: "hk_example_key", baseUrl: api.url, ...(timeoutMs && { timeoutMs }) });

/** An authorization as the CA sends it, with one pending dns-01 challenge. */
function authorization(domain: string, token: string, wildcard = false): { authz: Authorization; challenge: Challenge } {
  const challenge: Challenge = { type: "dns-01", url: `https://ca.test/chall/${token}`, status: "pending", token };
  return {
    authz: {
      url: `https://ca.test/authz/${token}`,
      identifier: { type: "dns", value: domain },
      status: "pending",
      challenges: [challenge],
      wildcard,
    },
    challenge,
  };
}

const challengeTxt = () =>
  api
    .records("example.com", { type: "TXT", name: "_acme-challenge" })
    .map((record) => unquoteTxt(record.value))
    .sort();

test("a wildcard and its apex: both values present at once, each cleanup removing only its own", async () => {
  const hooks = hostupDns01(hostup());
  const apex = authorization("example.com", "token-apex");
  const wildcard = authorization("example.com", "token-wildcard", true);
  const apexValue = await acmeClient.getChallengeKeyAuthorization(apex.challenge);
  const wildcardValue = await acmeClient.getChallengeKeyAuthorization(wildcard.challenge);
  expect(apexValue).toMatch(/^[A-Za-z0-9_-]{43}$/); // base64url SHA-256: what the CA looks up in DNS

  await Promise.all([
    hooks.challengeCreateFn(apex.authz, apex.challenge, apexValue),
    hooks.challengeCreateFn(wildcard.authz, wildcard.challenge, wildcardValue),
  ]);
  expect(challengeTxt()).toEqual([apexValue, wildcardValue].sort());
  // As the API returns them: full names, quoted values.
  expect(api.records("example.com", { type: "TXT", name: "_acme-challenge" })[0]).toMatchObject({
    name: "_acme-challenge.example.com",
    value: expect.stringMatching(/^".*"$/),
    ttl: 60,
  });

  await hooks.challengeRemoveFn(wildcard.authz, wildcard.challenge, wildcardValue);
  expect(challengeTxt()).toEqual([apexValue]);
  await hooks.challengeRemoveFn(apex.authz, apex.challenge, apexValue);
  expect(challengeTxt()).toEqual([]);
  // The zone's other TXT record was never touched.
  expect(api.records("example.com", { type: "TXT" }).map((record) => unquoteTxt(record.value))).toEqual(["v=spf1 -all"]);
});

test("a subdomain's challenge goes into the zone that holds it, relative to it", async () => {
  const { authz, challenge } = authorization("www.example.com", "token-www");
  const value = await acmeClient.getChallengeKeyAuthorization(challenge);
  await hostupDns01(hostup()).challengeCreateFn(authz, challenge, value);
  expect(api.records("example.com", { type: "TXT", name: "_acme-challenge.www" }).map((record) => unquoteTxt(record.value))).toEqual([
    value,
  ]);
  const create = api.requests.find((request) => request.operation === "createDnsRecord");
  expect(create?.body).toMatchObject({ type: "TXT", name: "_acme-challenge.www", value });
});

test("a retried create after a lost answer leaves one record, and a repeated one creates nothing", async () => {
  const { authz, challenge } = authorization("example.com", "token-late");
  const value = await acmeClient.getChallengeKeyAuthorization(challenge);
  api.inject("createDnsRecord", { apply: true, delayMs: 1_500 }); // applied, answered after the client gave up
  await hostupDns01(hostup(300)).challengeCreateFn(authz, challenge, value);
  await hostupDns01(hostup()).challengeCreateFn(authz, challenge, value);

  expect(challengeTxt()).toEqual([value]);
  expect(api.calls().filter((call) => call === "POST createDnsRecord")).toHaveLength(1);
});

test("cleanup with nothing left to remove succeeds; a name in no zone fails before anything is written", async () => {
  const hooks = hostupDns01(hostup());
  const gone = authorization("example.com", "token-gone");
  await hooks.challengeRemoveFn(gone.authz, gone.challenge, "never-created");

  const elsewhere = authorization("example.org", "token-org");
  await expect(hooks.challengeCreateFn(elsewhere.authz, elsewhere.challenge, "x")).rejects.toThrow(/"_acme-challenge\.example\.org"/);
  expect(api.calls().filter((call) => call.startsWith("POST") || call.startsWith("DELETE"))).toEqual([]);
});

test("an http-01 challenge is refused: these hooks answer DNS-01 only", async () => {
  const { authz } = authorization("example.com", "token-http");
  const http: Challenge = { type: "http-01", url: "https://ca.test/chall/http", status: "pending", token: "token-http" };
  await expect(hostupDns01(hostup()).challengeCreateFn(authz, http, "x")).rejects.toThrow(/dns-01 challenges only, not http-01/);
  expect(api.requests).toEqual([]);
});
