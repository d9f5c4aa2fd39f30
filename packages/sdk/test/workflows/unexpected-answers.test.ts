// Every workflow that reads fields of an answer, given a 2xx whose JSON is not the object the API
// documents (null, a string, a number, an array): HostupUnexpectedResponseError naming the operation
// that answered so, never a TypeError from reading a field of it. The bulk workflows that work in
// batches report it as the batch's error, as they do any other answer that fails a batch.
import { describe, expect } from "vitest";
import { HostupError, HostupUnexpectedResponseError, type BulkBatch, type HostupClient } from "../../src/index.js";
import { DOMAIN_ID, failOnUnhandledRejections, rejectionOf, test } from "../runtime/helpers.js";
import type { Answer } from "../support/fetch-handler.js";
import { ZONE_ID } from "./dns/zone.js";
import { accepted, clientAt } from "./support.js";

failOnUnhandledRejections();

const NOT_OBJECTS: ReadonlyArray<[string, unknown]> = [
  ["null", null],
  ["a string", "ok"],
  ["a number", 42],
  ["an array", [{ id: DOMAIN_ID }]],
];

const JOB = "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3";
const queued: Answer = { status: 202, json: accepted(JOB, 1) };
const drain = async (items: AsyncIterable<unknown>) => {
  for await (const _ of items);
};

/** [workflow, the call, the operation whose answer is not an object, the answers that come before it] */
const THROWING: ReadonlyArray<[string, (hostup: HostupClient) => Promise<unknown>, string, Answer[]?]> = [
  ["iterateDomains", (h) => drain(h.iterateDomains()), "listDomains"],
  ["findDomainByName", (h) => h.findDomainByName("example.com"), "listDomains"],
  ["iterateDnsZones", (h) => drain(h.iterateDnsZones()), "listDnsZones"],
  ["findDnsZoneByName", (h) => h.findDnsZoneByName("example.com"), "listDnsZones"],
  ["findDnsZoneFor", (h) => h.findDnsZoneFor("_acme-challenge.example.com"), "listDnsZones"],
  ["ensureDnsRecord", (h) => h.ensureDnsRecord(ZONE_ID, { type: "TXT", name: "_acme-challenge", value: "v" }), "listDnsZoneRecords"],
  ["removeDnsRecords", (h) => h.removeDnsRecords(ZONE_ID, { type: "TXT", name: "_acme-challenge" }), "listDnsZoneRecords"],
  ["waitForJob", (h) => h.waitForJob(JOB), "getJob"],
  ["bulkSyncDomainStatusAndWait", (h) => h.bulkSyncDomainStatusAndWait([DOMAIN_ID]), "bulkSyncDomainStatus"],
  ["bulkSyncDomainStatusAndWait (its job)", (h) => h.bulkSyncDomainStatusAndWait([DOMAIN_ID]), "getJob", [queued]],
];

const wait = { wait: { intervalMs: 1 } };
/** [workflow, the call, the operation whose answer is not an object, the answers that come before it] */
const IN_BATCHES: ReadonlyArray<
  [string, (hostup: HostupClient) => Promise<{ batches: BulkBatch[]; failed: string[] }>, string, Answer[]?]
> = [
  ["bulkSyncDomainStatusInBatches", (h) => h.bulkSyncDomainStatusInBatches([DOMAIN_ID]), "bulkSyncDomainStatus"],
  ["bulkSyncDomainStatusInBatches (its job)", (h) => h.bulkSyncDomainStatusInBatches([DOMAIN_ID], wait), "getJob", [queued]],
  [
    "bulkDnsRecordsInBatches",
    (h) => h.bulkDnsRecordsInBatches({ action: "delete", deleteType: "by_type", recordType: "TXT", domainNames: ["example.com"] }),
    "bulkDnsRecords",
  ],
  [
    "bulkDomainRedirectsInBatches",
    (h) => h.bulkDomainRedirectsInBatches({ action: "delete", ruleIds: ["redir_1"], domainNames: ["example.com"] }),
    "bulkDomainRedirects",
  ],
];

function expectUnexpected(error: unknown, operationId: string): void {
  expect(error).toBeInstanceOf(HostupUnexpectedResponseError);
  expect(error).toBeInstanceOf(HostupError);
  const unexpected = error as HostupUnexpectedResponseError;
  expect(unexpected.operationId).toBe(operationId);
  expect(unexpected.status).toBe(200);
  expect(unexpected.message).toMatch(
    /^HTTP 200: the 200 response is JSON (null|a string|a number|an array), not the object the API documents/,
  );
}

describe.concurrent("a workflow given a 200 whose JSON is not an object", () => {
  for (const [kind, json] of NOT_OBJECTS) {
    test.for(THROWING)(
      `%s, ${kind}: HostupUnexpectedResponseError naming the operation`,
      async ([, call, operationId, before = []], { api }) => {
        api.script([...before, { status: 200, json }]);
        const error = await rejectionOf(call(clientAt(api)));

        expectUnexpected(error, operationId);
        expect(api.requests).toHaveLength(before.length + 1);
      },
    );

    test.for(IN_BATCHES)(
      `%s, ${kind}: the batch fails with HostupUnexpectedResponseError naming the operation`,
      async ([, call, operationId, before = []], { api }) => {
        api.script([...before, { status: 200, json }]);
        const report = await call(clientAt(api));

        expect(report.batches).toHaveLength(1);
        expectUnexpected(report.batches[0]!.error, operationId);
        expect(report.failed).toHaveLength(1);
        expect(api.requests).toHaveLength(before.length + 1);
      },
    );
  }
});
