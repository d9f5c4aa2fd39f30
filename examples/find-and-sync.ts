// Find a domain by name (the documented way to get its dom_ ID), then sync its status.
import { createHostupClient, HostupDomainNotFoundError } from "@hostup/sdk";

const hostup = createHostupClient({ apiKey: process.env.HOSTUP_API_KEY ?? "test-key", baseUrl: process.env.HOSTUP_BASE_URL });

try {
  const domain = await hostup.findDomainByName(process.argv[2] ?? "example.com");
  const result = await hostup.syncDomainStatus(domain.id);
  console.log(`${domain.name} (${domain.id}): ${result.previousStatus} -> ${result.newStatus}`);
} catch (error) {
  if (!(error instanceof HostupDomainNotFoundError)) throw error;
  console.log(error.message);
}

// Every domain on the account, fetched page by page as the loop asks for more.
let count = 0;
for await (const domain of hostup.iterateDomains({}, { maxItems: 1000 })) {
  count++;
  if (domain.serviceStatus !== "active") console.log(`${domain.name} is ${domain.serviceStatus}`);
}
console.log(`${count} domain(s) listed`);
