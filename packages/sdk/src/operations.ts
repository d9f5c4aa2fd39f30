// `@hostup/sdk/operations`: every operation as a standalone function, for apps that count their bytes.
//
//   import { createHostupCore } from "@hostup/sdk";
//   import { syncDomainStatus } from "@hostup/sdk/operations";
//   const hostup = createHostupCore({ apiKey });
//   await syncDomainStatus(hostup, "dom_…");
//
// A bundler keeps the functions an app imports and drops the rest, so its first load stays the same
// however many operations the API has. Each takes a client first (createHostupCore's, or
// createHostupClient's), then the arguments of the method of the same name.
export * from "./generated/functions.js";
export type { HostupCore, OperationFunction } from "./eager/operation-function.js";
