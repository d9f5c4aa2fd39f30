export { createHostupClient, DEFAULT_BASE_URL } from "./client.js";
export type { HostupClient, HostupClientOptions, HostupRawClient } from "./client.js";
export { HostupError, HostupConfigError } from "./errors.js";
export type { paths, components, operations } from "@hostup/types";
