export {
  startMockServer,
  getFreePort,
  resolveDefaultSpec,
  resolvePrismBin,
  type MockServer,
  type MockServerOptions,
} from "./server.js";
export { scenarioFetch, type Scenario, type Scenarios } from "./scenarios.js";
export {
  startZoneServer,
  type ZoneFault,
  type ZoneOperation,
  type ZoneRecord,
  type ZoneRecordSeed,
  type ZoneRequest,
  type ZoneServer,
} from "./zone/server.js";
