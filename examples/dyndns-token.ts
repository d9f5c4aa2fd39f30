// Create a DynDNS configuration and store its token safely: written to a file only its owner can
// read, never printed. The token authorizes public DNS updates for the hostname.
import { mkdtemp, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHostupClient } from "@hostup/sdk";

const hostup = createHostupClient({ apiKey: process.env.HOSTUP_API_KEY ?? "test-key", baseUrl: process.env.HOSTUP_BASE_URL });

const domain = await hostup.findDomainByName("example.com"); // also lets the SDK check the hostname belongs to it
const config = await hostup.createDynDnsConfig(domain.id, { hostname: `home.${domain.name}`, recordType: "A" });
if (!config.token) throw new Error("No token returned: the API key needs write:domains.");

const file = join(process.env.DYNDNS_TOKEN_DIR ?? (await mkdtemp(join(tmpdir(), "dyndns-"))), `${config.id}.token`);
await writeFile(file, config.token, { mode: 0o600, flag: "wx" }); // owner-only; never overwrite
const mode = ((await stat(file)).mode & 0o777).toString(8);
console.log(`created ${config.id} for ${config.hostname} (${config.recordType}); token stored in ${file} (mode ${mode})`);
