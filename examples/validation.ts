// Validation: input the API documents as invalid fails before anything is sent, with a
// HostupValidationError naming the operation and the field.
import { createHostupClient, HostupValidationError } from "@hostup/sdk";

const hostup = createHostupClient({ apiKey: process.env.HOSTUP_API_KEY ?? "test-key", baseUrl: process.env.HOSTUP_BASE_URL });

for (const attempt of [
  () => hostup.deleteDomain("example.com"), // a name where the dom_ id belongs
  () => hostup.updateDomainRedirect("dom_01hxa3b4c5d6e7f8g9h0j1k2m3", "redir_01hxa3b4c5d6e7f8g9h0j1k2m3", {}), // nothing to change
  () =>
    hostup.createDynDnsConfig(
      "dom_01hxa3b4c5d6e7f8g9h0j1k2m3",
      { hostname: "home.example.org", recordType: "A" },
      { domainName: "example.com" }, // the hostname must be the domain or a subdomain of it
    ),
]) {
  try {
    await attempt();
  } catch (error) {
    if (!(error instanceof HostupValidationError)) throw error;
    console.log(`${error.field}: ${error.message}`);
  }
}
