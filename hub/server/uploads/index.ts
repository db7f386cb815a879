export { registerUploads } from './routes.js';
export { payloadStatus, readPayload } from './payload-store.js';
export type { StoredPayload } from './payload-store.js';
export { MAX_UPLOAD_BYTES } from './creation-rules.js';
