// @hostup/external-dns: an ExternalDNS webhook provider for HostUp DNS (serveExternalDns), on @hostup/dns's
// record model and the SDK. `hostup external-dns` is the CLI's shell around it.
export { adjustEndpoint, type Changes, type Endpoint, readChanges, targetOf, recordValueOf } from "./endpoint.js";
export {
  ChangeRefusedError,
  createExternalDnsProvider,
  type DomainFilter,
  type Log,
  planChanges,
  type ProviderOptions,
} from "./provider.js";
export { type ExternalDnsOptions, type ExternalDnsServer, serveExternalDns, WEBHOOK_MEDIA_TYPE } from "./server.js";
