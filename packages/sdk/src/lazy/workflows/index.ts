// The workflows, as one module the client imports on first use (`import("./workflows/index.js")`):
// an app that never calls a workflow never loads them, and bundlers that split dynamic imports
// (Vite, Rollup, webpack, esbuild --splitting) keep them out of its first bundle.
export { bulkSyncDomainStatusAndWait, bulkSyncDomainStatusInBatches } from "./bulk.js";
export { bulkDnsRecordsInBatches, bulkDomainRedirectsInBatches } from "./bulk-by-name.js";
export { ensureDnsRecord, removeDnsRecords } from "./dns.js";
export { findDnsZoneByName, findDnsZoneFor, iterateDnsZones } from "./dns-zones.js";
export { findDomainByName, iterateDomains } from "./domains.js";
export { waitForJob } from "./jobs.js";
