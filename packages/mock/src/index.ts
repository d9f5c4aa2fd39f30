export {
  startMockServer,
  getFreePort,
  resolveDefaultSpec,
  resolvePrismBin,
  type MockServer,
  type MockServerOptions,
} from "./server.js";
