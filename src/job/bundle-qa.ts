import type { Finding } from '../qa/qa-types.js';
import type { SourceUnit } from './source-document.js';

/**
 * QA of the bundles: one segment pair, and (ICU) a whole rebuilt message. Its own module, so that
 * `localize-unit.ts` (one key) and `assemble-bundles.ts` (every key) both import it and not each other.
 */
export interface BundleQa {
  /** Changes whenever findings could change for the same pair (see job-qa.ts). */
  fingerprint: string;
  segment(input: { source: string; target: string; locale: string; syntax: SourceUnit['syntax'] }): Finding[];
  message(input: { source: string; target: string; locale: string }): Finding[];
}
