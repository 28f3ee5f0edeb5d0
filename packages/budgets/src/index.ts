// @modelmux/budgets: budgets with reservations, client-side rate limits, and the shared state store.
export { createBudgets } from './create-budgets.js';
export {
  type Budgets,
  type Reservation,
  type ReserveInput,
  type BudgetUsage,
  type UsageFilter,
  type ScopeUsage,
} from './budgets-types.js';
export { type BudgetsOptions, type OnStoreError } from './budget-options.js';
export { memoryStore, type MemoryStoreOptions } from './memory-store.js';
export { PeriodClock, type Period, type PeriodWindow } from './periods.js';
export { slidingWindowTake, type SlidingWindowState } from './sliding-window.js';
export {
  sharedProviderState,
  type SharedProviderState,
  type SharedProviderStateOptions,
} from './shared-provider-state.js';
