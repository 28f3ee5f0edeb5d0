import { memoryStore } from './memory-store.js';
import { storeSuite } from './testing/store-suite.js';

storeSuite('memoryStore', ({ now }) => memoryStore({ now }));
