/**
 * The one table of the CLI's commands and flags. Parsing (parse-args.ts), help (help.ts) and
 * "did you mean" (suggest.ts) all read it, so a flag cannot be parsed without being documented,
 * nor accepted by a command it does not apply to.
 */

export type FlagName = 'config' | 'locale' | 'base' | 'out' | 'serve' | 'port' | 'no-open' | 'wait' | 'state-default' | 'approved-as' | 'target-mode' | 'dry-run' | 'force' | 'strict' | 'json' | 'explain' | 'queue' | 'lease' | 'help' | 'version';

export interface FlagSpec {
  name: FlagName;
  short?: string;
  type: 'string' | 'boolean';
  /** The value's placeholder in help (`<list>`). */
  value?: string;
  help: string;
}

export const FLAGS: readonly FlagSpec[] = [
  { name: 'config', short: 'c', type: 'string', value: '<file>', help: 'config file (default: pipeline.config.ts)' },
  { name: 'locale', short: 'l', type: 'string', value: '<list>', help: 'only these target locales, e.g. kk,zh (KK, kk-KZ and zh-CN name the configured kk and zh)' },
  { name: 'base', type: 'string', value: '<ref>', help: 'the git commit to compare with (default: HEAD)' },
  { name: 'out', short: 'o', type: 'string', value: '<path>', help: 'where to write' },
  { name: 'serve', type: 'boolean', help: 'serve the review app on 127.0.0.1 instead of writing a static report' },
  { name: 'port', type: 'string', value: '<n>', help: 'the port of the review app (default: a free one)' },
  { name: 'no-open', type: 'boolean', help: 'do not open the review app in the browser' },
  { name: 'wait', type: 'string', value: '[=<s>]', help: 'wait (default 60 s) for another command that holds the project lock, instead of refusing (exit 10)' },
  { name: 'state-default', type: 'string', value: '<state>', help: 'xliff import: what a unit with a target and no state becomes (translated, reviewed, skip; default translated)' },
  { name: 'approved-as', type: 'string', value: '<status>', help: 'xliff import: what approved="yes" records (reviewed or translated; default translated unless the file has a review phase)' },
  { name: 'target-mode', type: 'string', value: '<mode>', help: 'xliff export: the target of an untranslated unit (empty, or source for OmegaT-like tools; default empty)' },
  { name: 'dry-run', type: 'boolean', help: 'plan only: what would be sent and its cost; writes nothing' },
  { name: 'force', type: 'boolean', help: "start even if the plan bills more than the engine's remaining quota" },
  { name: 'strict', type: 'boolean', help: 'fail (exit 6) if any translation is missing or QA found an error' },
  { name: 'json', type: 'boolean', help: 'one machine-readable report on stdout (errors too: {"error": {…}})' },
  { name: 'explain', type: 'boolean', help: 'list every line the reader dropped, cut or joined, with its rule id and reason' },
  { name: 'queue', type: 'string', value: '<redis-url>', help: 'scale out: batches go to a Redis queue (redis://host:6379[/db][?name=<queue>]) that `tilmash worker` processes take' },
  { name: 'lease', type: 'string', value: '<s>', help: 'worker: how long a silent worker keeps a batch before another worker takes it over (default 30 s)' },
  { name: 'help', short: 'h', type: 'boolean', help: 'this help' },
  { name: 'version', short: 'v', type: 'boolean', help: 'the version' },
];

/** Flags every command takes. */
export const GLOBAL_FLAGS: readonly FlagName[] = ['config', 'json', 'help', 'version'];

export interface CommandSpec {
  /** `run`, or `xliff export` for an action of a command with actions. */
  name: string;
  /** Positional arguments after the command (and action), e.g. `<file>`. */
  args: readonly string[];
  /** Flags beyond GLOBAL_FLAGS. */
  flags: readonly FlagName[];
  summary: string;
  /** Per-command help text for a flag, when it differs from FLAGS' (e.g. `--out`'s default). */
  flagHelp?: Partial<Record<FlagName, string>>;
  examples: readonly string[];
  /** Exit codes this command can end with, beyond 0, 1, 2 and 3 (every command can). */
  exitCodes: readonly number[];
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    args: [],
    flags: ['locale', 'dry-run', 'strict', 'force', 'wait', 'queue'],
    flagHelp: { queue: 'translate through workers: the misses go in batches to this Redis queue, `tilmash worker` processes translate them, this run records and writes (README, Scaling out)' },
    summary:
      'Run the batch job of pipeline.config.ts: segment the sources, reuse the translation memory,\ntranslate what is missing (engine from the environment, e.g. DEEPL_AUTH_KEY), write bundles.',
    examples: ['tilmash run', 'tilmash run --locale kk --dry-run', 'DEEPL_AUTH_KEY=… tilmash run --strict --json > report.json', 'tilmash run --queue redis://127.0.0.1:6379'],
    exitCodes: [4, 5, 6, 7, 8, 9, 10, 11, 12, 130],
  },
  {
    name: 'status',
    args: [],
    flags: ['locale'],
    summary: 'Per locale: segments, TM hits, missing, characters that would be billed. Writes nothing.',
    examples: ['tilmash status', 'tilmash status --locale zh --json'],
    exitCodes: [4, 5, 8],
  },
  {
    name: 'check',
    args: [],
    flags: [],
    summary: 'CI gate: exit 6 if a key is untranslated or stale, QA finds an error, or the bundles are not\nwhat `run` would write. No network, no write.',
    examples: ['tilmash check', 'tilmash check --json'],
    exitCodes: [4, 5, 6],
  },
  {
    name: 'diff',
    args: [],
    flags: ['base', 'locale'],
    summary: 'Bundle keys added, changed or removed since a git commit (default HEAD), per locale, with the\nsource, old and new target, origin and status (from locales/provenance).',
    examples: ['tilmash diff', 'tilmash diff --base origin/main --locale kk', 'tilmash diff > changes.txt   (no colour codes in a file)'],
    exitCodes: [4],
  },
  {
    name: 'review',
    args: [],
    flags: ['out', 'base', 'serve', 'port', 'no-open'],
    flagHelp: { out: 'the HTML file to write (default: review.html in the project)', base: 'what "changed" is measured against: the ledgers committed at this git ref (default: HEAD)' },
    summary:
      'A static HTML report: source and targets side by side, status, origin, QA findings, held-back MT,\nfuzzy suggestions, filters. With --serve, a local review app on 127.0.0.1 (token in the URL): edit with\nlive QA, approve, reject, comment; saves write the TM, ledgers and bundles as `run` does.',
    examples: ['tilmash review', 'tilmash review --out build/review.html', 'tilmash review --serve --base origin/main'],
    exitCodes: [4, 5, 9],
  },
  {
    name: 'xliff export',
    args: [],
    flags: ['locale', 'out', 'target-mode'],
    flagHelp: { out: 'the folder of the .xlf files (default: xliff)' },
    summary: 'XLIFF 1.2 per locale of what needs a person (new, machine, needs-review), with fuzzy matches.',
    examples: ['tilmash xliff export', 'tilmash xliff export --locale kk --out handoff'],
    exitCodes: [4, 5, 9],
  },
  {
    name: 'xliff import',
    args: ['<file.xlf>'],
    flags: ['locale', 'state-default', 'approved-as', 'strict', 'wait'],
    flagHelp: { locale: 'the target locale, for a file that names none (po2xliff output)', strict: 'fail (exit 6) if any unit was skipped' },
    summary: 'Record a translated XLIFF in the TM (translated, or reviewed when signed off) and write bundles.',
    examples: ['tilmash xliff import xliff/kk.xlf'],
    exitCodes: [4, 5, 9],
  },
  {
    name: 'tm export',
    args: [],
    flags: ['locale', 'out'],
    flagHelp: { out: 'the TMX file to write (default: tilmash.tmx)' },
    summary: 'TMX 1.4 of the whole TM.',
    examples: ['tilmash tm export', 'tilmash tm export --locale zh --out zh.tmx'],
    exitCodes: [5, 9, 12],
  },
  {
    name: 'tm import',
    args: ['<file.tmx>'],
    flags: ['wait'],
    summary: 'Import a TMX from another tool into the TM (used by the next run; a person\'s translation is never replaced).',
    examples: ['tilmash tm import vendor.tmx'],
    exitCodes: [4, 5, 9, 12],
  },
  {
    name: 'tm push',
    args: [],
    flags: [],
    summary: 'Copy the file TM (tm.dir) into the shared TM in PostgreSQL (tm.store or TILMASH_TM_URL).',
    examples: ['TILMASH_TM_URL=postgres://tilmash@db/tilmash tilmash tm push'],
    exitCodes: [5, 12],
  },
  {
    name: 'tm pull',
    args: [],
    flags: ['wait'],
    summary: 'Write the shared TM back into tm.dir as .jsonl files (byte-identical to the files pushed).',
    examples: ['TILMASH_TM_URL=postgres://tilmash@db/tilmash tilmash tm pull'],
    exitCodes: [9, 10, 12],
  },
  {
    name: 'segment',
    args: ['<file>'],
    flags: ['explain'],
    summary: 'Show the blocks of a source file with their keys and the segments of each; --explain lists what the reader dropped, cut or joined, and why.',
    examples: ['tilmash segment source/article.ru.txt', 'tilmash segment source/article.ru.txt --explain', 'tilmash segment big.txt | head'],
    exitCodes: [4],
  },
  {
    name: 'worker',
    args: [],
    flags: ['queue', 'lease'],
    flagHelp: { queue: 'the Redis queue to take batches from (required), e.g. redis://127.0.0.1:6379' },
    summary:
      'Take batches from the Redis queue a `run --queue` fills and translate them (engine key from this\nprocess\'s environment; any number of workers, on any machines). One global rate limit for all of\nthem; a quota refusal pauses the queue for everyone. Runs until SIGINT/SIGTERM.',
    examples: ['DEEPL_AUTH_KEY=… tilmash worker --queue redis://127.0.0.1:6379', 'tilmash worker --queue redis://redis:6379/0?name=newsroom --lease 60'],
    exitCodes: [11, 130],
  },
  {
    name: 'help',
    args: ['[command]'],
    flags: [],
    summary: 'This help, or the help of one command.',
    examples: ['tilmash help', 'tilmash help run'],
    exitCodes: [],
  },
];

/** Top-level command names (`xliff`, not `xliff export`), in help order. */
export const COMMAND_NAMES: readonly string[] = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0] as string))];

/** The specs of a top-level command: one, or one per action (`xliff export`, `xliff import`). */
export function specsOf(command: string): CommandSpec[] {
  return COMMANDS.filter((c) => c.name === command || c.name.startsWith(`${command} `));
}

export function flagSpec(name: string): FlagSpec | undefined {
  return FLAGS.find((f) => f.name === name);
}

/** Exit codes with their meaning, in the words of help and README. */
export const EXIT_CODES: ReadonlyArray<readonly [number, string]> = [
  [0, 'ok'],
  [1, 'internal error'],
  [2, 'usage'],
  [3, 'config'],
  [4, 'bad source'],
  [5, 'bad TM'],
  [6, 'strict or check failure'],
  [7, 'engine failure'],
  [8, 'engine quota or key'],
  [9, 'file-system error (io)'],
  [10, 'project locked'],
  [11, 'queue (Redis) unreachable'],
  [12, 'shared TM (PostgreSQL) unreachable'],
  [130, 'interrupted'],
];
