export { openStore } from './open-store.js';
export type { Store, OpenStoreOptions } from './open-store.js';
export { StoreOpenError } from './store-error.js';
export type { StoreRefusal } from './store-error.js';
export { shippedMigrations } from './migrations/index.js';
