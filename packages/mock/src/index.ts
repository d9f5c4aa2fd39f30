export {
  startMockServer,
  getFreePort,
  resolveDefaultSpec,
  resolvePrismBin,
  type MockServer,
  type MockServerOptions,
} from "./server.js";
export { scenarioFetch, type Scenario, type Scenarios } from "./scenarios.js";
