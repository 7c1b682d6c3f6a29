// The public API of Tilmash for programs and for pipeline.config.ts.
export { defineConfig } from './config/config-types.js';
export type { TilmashConfig, TargetLocaleConfig, EngineConfig } from './config/config-types.js';
export type { ResolvedConfig } from './config/resolved-config.js';
export { loadConfig } from './config/load-config.js';
export { resolveConfig } from './config/resolve-config.js';
export { runJob, type RunJobOptions } from './workflows/run/run-job.js';
export type { JobReport, LocaleReport } from './job/job-report.js';
export { planJob, type JobPlan, type LocalePlan } from './job/plan-job.js';
export { EngineError, type TranslationEngine, type TranslationRequest, type TranslatedSegment } from './engine/translation-engine.js';
export { TilmashError, ExitCode } from './errors.js';
// The default reader rules (boilerplate lines and caption patterns), to extend in a config:
// `boilerplate: { extend: [{ id: 'my-footer', pattern: /^…$/u }], disable: ['dateline'] }`.
export * from './read/default-reader-rules.js';
// The QA checks registry: every built-in check (its id is a key of `qa.checks`) and the runner.
export { BUILT_IN_CHECKS, runChecks, type QaCheck, type CheckInput, type Finding, type Severity, type SeveritySetting } from './qa/index.js';
export { readDocument, readDocumentExplained } from './read/read-document.js';
export type { BoilerplateRule, ReaderDecision, ReaderOptions, ReadResult, SourceFormat } from './read/read-document.js';
