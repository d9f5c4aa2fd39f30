// @hostup/dns: the one model of HostUp DNS records. records/: names, values, equality and HostUp's
// rejections; zonefile/: octoDNS YAML and BIND read and written; sync/: plan and apply on a client.
export * from "./records/index.js";
export * from "./sync/index.js";
export * from "./zonefile/index.js";
