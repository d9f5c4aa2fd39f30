// What plan and apply need of a HostUp client: the four record routes. `createHostupClient()` from
// @hostup/sdk is one (test/types checks it); so is anything else with these methods, such as a fake in a test.
import type { ApiDnsRecord, ApiDnsRecordBody } from "../records/api.js";

export interface DnsRecordsApi {
  listDnsZoneRecords(zoneId: string): Promise<{ zone: { id?: string; name?: string }; records?: ApiDnsRecord[] }>;
  createDnsRecord(zoneId: string, body: ApiDnsRecordBody): Promise<unknown>;
  updateDnsRecord(zoneId: string, recordId: string, body: ApiDnsRecordBody): Promise<unknown>;
  deleteDnsRecord(zoneId: string, recordId: string): Promise<unknown>;
}
