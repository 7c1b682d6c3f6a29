// The public API of Tilmash for programs and for pipeline.config.ts.
export { defineConfig } from './config/config-types.js';
export type { TilmashConfig, TargetLocaleConfig, EngineConfig } from './config/config-types.js';
export type { ResolvedConfig } from './config/resolved-config.js';
export { loadConfig } from './config/load-config.js';
export { resolveConfig } from './config/resolve-config.js';
export { runJob, type RunJobOptions } from './job/run-job.js';
export type { JobReport, LocaleReport } from './job/job-report.js';
export { planJob, type JobPlan, type LocalePlan } from './job/plan-job.js';
export { EngineError, type TranslationEngine, type TranslationRequest, type TranslatedSegment } from './engine/translation-engine.js';
export { TilmashError, ExitCode } from './errors.js';
export { defaultBoilerplateRules, defaultCaptionPatterns } from './read/default-reader-rules.js';
export { readDocument, readDocumentExplained } from './read/read-document.js';
export type { BoilerplateRule, ReaderDecision, ReaderOptions, ReadResult, SourceFormat } from './read/read-document.js';
