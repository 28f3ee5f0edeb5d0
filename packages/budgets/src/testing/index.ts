// @modelmux/budgets/testing: the Store conformance suite (needs vitest).
export { storeSuite, type StoreFactory, type StoreFactoryContext } from './store-suite.js';
