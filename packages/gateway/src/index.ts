// @modelmux/gateway: an OpenAI-compatible HTTP gateway on modelmux.
export { createGateway, type Gateway, type GatewayOptions } from './server/create-gateway.js';
export { serveGateway, type ServedGateway } from './serve.js';
export { startGateway, type StartGatewayOptions, type StartedGateway } from './start-gateway.js';
export { loadGatewayConfig, parseGatewayConfig, type GatewayConfig } from './config/load-config.js';
export {
  GatewaySectionSchema,
  GatewayLimitsSchema,
  type GatewaySection,
  type GatewaySectionInput,
  type GatewayLimits,
} from './config/gateway-schema.js';
export {
  VirtualKeys,
  type VirtualKeySettings,
  type VirtualKeyRecord,
  type VirtualKeyView,
  type KeyRefusal,
} from './keys/virtual-keys.js';
export { CreateKeySchema } from './server/admin-routes.js';
export { masterKeyFrom } from './master-key.js';
export { LiveStats, type StatsSnapshot, type RecentRequest } from './dashboard/live-stats.js';
