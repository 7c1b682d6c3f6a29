export type { BundleEntry, LocalizedMessagePlan, SourceMessage } from './message-types.js';
export { sourceEntries } from './source-entries.js';
export { planMessage } from './plan-message.js';
