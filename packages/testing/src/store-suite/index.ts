// @modelmux/testing/store-suite: the Store conformance suite (needs vitest 3 or 4).
export { storeSuite, type StoreFactory, type StoreFactoryContext } from './store-suite.js';
