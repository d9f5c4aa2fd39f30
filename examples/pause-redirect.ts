// Pause a redirect without deleting it (`enabled: false`), then show the domain's rules.
import { createHostupClient } from "@hostup/sdk";

const hostup = createHostupClient({ apiKey: process.env.HOSTUP_API_KEY ?? "test-key", baseUrl: process.env.HOSTUP_BASE_URL });

const domain = await hostup.findDomainByName("example.com");
const { rules = [] } = await hostup.listDomainRedirects(domain.id);
const rule = rules.find((r) => r.sourceHost === "www.example.com") ?? rules[0];
if (!rule) throw new Error(`${domain.name} has no redirect rules`);

const paused = await hostup.updateDomainRedirect(domain.id, rule.id, { enabled: false });
console.log(`paused ${paused.id}: ${paused.sourceUrl} -> ${paused.targetUrl} (status ${paused.status})`);
