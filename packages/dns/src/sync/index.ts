export { type ApplyEvent, type ApplyOptions, type ApplyResult, applyPlan, outcomeOf, type WriteOutcome } from "./apply.js";
export type { DnsRecordsApi } from "./client.js";
export { customerRecords, type LiveRecord, type LiveSet, type LiveZone, liveSets, readLiveZone, zoneFileOf } from "./live.js";
export { type Change, type Plan, planZone, type RecordState, type UnmanagedSet } from "./plan.js";
export { applyJson, applyText, describeChange, describeState, planJson, planMarkdown, planSummary, planText } from "./render.js";
export { changeShare, checkPlan, PlanRefusedError, type SafetyOptions } from "./safety.js";
