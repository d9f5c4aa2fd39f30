// removeDnsRecords against a zone that keeps its records (./zone.ts): it deletes every record of
// the type and name, or with a value only those with that value, and nothing else.
import { describe, expect } from "vitest";
import { HostupPermissionDeniedError, HostupValidationError } from "../../../src/index.js";
import { failOnUnhandledRejections, rejectionOf, test } from "../../runtime/helpers.js";
import { clientAt } from "../support.js";
import { fakeZone, RECORDS_PATH, ZONE_ID } from "./zone.js";

failOnUnhandledRejections();

describe.concurrent("removeDnsRecords", () => {
  test("two challenges for one name: removing one value deletes that record only", async ({ api }) => {
    const zone = fakeZone(api);
    const keep = zone.seed("TXT", "_acme-challenge", '"token-one"');
    const drop = zone.seed("TXT", "_acme-challenge", '"token-two"');
    const other = zone.seed("TXT", "_acme-challenge.www", '"token-two"');
    const result = await clientAt(api).removeDnsRecords(ZONE_ID, { type: "TXT", name: "_acme-challenge", value: "token-two" });

    expect(result).toEqual({ deleted: 1 });
    expect(zone.records).toEqual([keep, other]);
    expect(zone.calls()).toEqual(["GET records", `DELETE ${drop.id}`]);
    expect(api.requests[0]).toMatchObject({ path: RECORDS_PATH, query: { type: "TXT", name: "_acme-challenge" } });
  });

  test("without a value: every record of the type and name, and no other type", async ({ api }) => {
    const zone = fakeZone(api);
    zone.seed("TXT", "_acme-challenge", '"token-one"');
    zone.seed("TXT", "_acme-challenge", '"token-two"');
    const cname = zone.seed("CNAME", "www", "example.com.");
    const result = await clientAt(api).removeDnsRecords(ZONE_ID, { type: "TXT", name: "_acme-challenge.example.com." });

    expect(result).toEqual({ deleted: 2 });
    expect(zone.records).toEqual([cname]);
  });

  test("a value split in quoted strings matches its unquoted text", async ({ api }) => {
    const zone = fakeZone(api);
    zone.seed("TXT", "@", '"v=spf1 include:_spf.example.net " "-all"');
    const result = await clientAt(api).removeDnsRecords(ZONE_ID, { type: "TXT", name: "@", value: "v=spf1 include:_spf.example.net -all" });

    expect(result).toEqual({ deleted: 1 });
    expect(zone.records).toEqual([]);
  });

  test("a record gone in between (404 on delete) is no error and not counted", async ({ api }) => {
    const zone = fakeZone(api);
    const gone = zone.seed("TXT", "_acme-challenge", '"token"');
    zone.seed("TXT", "_acme-challenge", '"token"');
    zone.beforeDelete((id) => {
      if (id === gone.id) zone.records.splice(zone.records.indexOf(gone), 1);
    });
    const result = await clientAt(api).removeDnsRecords(ZONE_ID, { type: "TXT", name: "_acme-challenge", value: "token" });

    expect(result).toEqual({ deleted: 1 });
    expect(zone.records).toEqual([]);
    expect(api.requests.filter((r) => r.method === "DELETE")).toHaveLength(2);
  });

  test("nothing matching: nothing deleted", async ({ api }) => {
    const zone = fakeZone(api);
    zone.seed("TXT", "_acme-challenge", '"token"');
    const result = await clientAt(api).removeDnsRecords(ZONE_ID, { type: "TXT", name: "_acme-challenge", value: "another" });

    expect(result).toEqual({ deleted: 0 });
    expect(zone.calls()).toEqual(["GET records"]);
    expect(zone.records).toHaveLength(1);
  });

  test("another error on a delete stops the call with it", async ({ api }) => {
    const zone = fakeZone(api);
    zone.seed("TXT", "_acme-challenge", '"token"');
    const handle = api.fetch;
    const problem = { type: "about:blank", title: "Forbidden", status: 403, detail: "Missing scope write:dns." };
    const denying = ((input, init) =>
      init?.method === "DELETE"
        ? Promise.resolve(new Response(JSON.stringify(problem), { status: 403, headers: { "content-type": "application/problem+json" } }))
        : handle(input, init)) as typeof fetch;
    const error = await rejectionOf(clientAt(api, { fetch: denying }).removeDnsRecords(ZONE_ID, { type: "TXT", name: "_acme-challenge" }));

    expect(error).toBeInstanceOf(HostupPermissionDeniedError);
    expect(zone.records).toHaveLength(1);
  });

  test("invalid input → HostupValidationError, nothing sent", async ({ api }) => {
    fakeZone(api);
    const hostup = clientAt(api);
    for (const match of [
      { type: "TXT", name: "" },
      { type: "BOGUS", name: "x" },
      { type: "TXT", name: "x", value: "" },
    ]) {
      expect(await rejectionOf(hostup.removeDnsRecords(ZONE_ID, match as never))).toBeInstanceOf(HostupValidationError);
    }
    expect(api.requests).toEqual([]);
  });
});
