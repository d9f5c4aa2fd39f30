// Logging: one line per attempt (operation, method, path, status, timing, retries), never headers
// or bodies, so neither the API key nor a DynDNS token can reach a log. `debug: true` or
// HOSTUP_DEBUG=1 logs with console.warn (stderr); `logger` receives structured records instead.
import { createHostupClient, formatLogRecord, type LogRecord } from "@hostup/sdk";

const records: LogRecord[] = [];
const hostup = createHostupClient({
  apiKey: process.env.HOSTUP_API_KEY ?? "test-key",
  baseUrl: process.env.HOSTUP_BASE_URL,
  logger: (record) => records.push(record),
});

const config = await hostup.createDynDnsConfig("dom_01hxa3b4c5d6e7f8g9h0j1k2m3", { hostname: "home.example.com", recordType: "A" });
console.log(`created ${config.id}; token kept out of logs (${config.token?.length} chars)`);
for (const record of records) console.log(formatLogRecord(record));
