// Which `hostup` command calls each API operation. The API reference shows it next to the SDK
// sample: packages/sdk/scripts/generate.mjs prints each template with the operation's example
// inputs in place of `{name}` (a path parameter), `{query.name}` and `{body.field}` (an array
// becomes one argument per item). An operation without an entry has no command.
// Self-contained (no imports): the generator reads it without building the CLI.

export const OPERATION_COMMANDS: Readonly<Record<string, string>> = {
  listDomains: "domains list --name {query.name}",
  getDomain: "domains get {id}",
  syncDomainStatus: "domains sync {id}",
  deleteDomain: "domains delete {id} --yes",
  bulkSyncDomainStatus: "domains bulk-sync {body.domainIds}",
  getDomainNameservers: "domains nameservers {id}",
  listDomainRedirects: "redirects list {id}",
  createDomainRedirect:
    "redirects create {id} --source {body.sourceUrl} --target {body.targetUrl} --status {body.httpStatusCode} --scope {body.scope}",
  updateDomainRedirect: "redirects update {id} {ruleId} --target {body.targetUrl} --status {body.httpStatusCode}",
  deleteDomainRedirect: "redirects delete {id} {ruleId} --yes",
  listDynDnsConfigs: "dyndns list {id}",
  createDynDnsConfig: "dyndns create {id} --hostname {body.hostname} --type {body.recordType}",
  // The spec's first example disables; `dyndns enable` sends the other value of the same operation.
  updateDynDnsConfig: "dyndns disable {id} {configId}",
  deleteDynDnsConfig: "dyndns delete {id} {configId} --yes",
  listDynDnsLogs: "dyndns logs {id} {configId}",
};
