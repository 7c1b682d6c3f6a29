export const HELP = `tilmash — translate Russian source documents into localized bundles

Usage:
  tilmash run [--locale kk,zh] [--dry-run] [--strict] [--force] [--json]
      Run the batch job of pipeline.config.ts: segment the sources, reuse the translation memory,
      translate what is missing (engine from the environment, e.g. DEEPL_AUTH_KEY), write bundles.
      --dry-run  plan only: what would be sent and its cost; writes nothing
      --strict   fail (exit 6) if any translation is missing or QA found an error
      --force    start even if the plan bills more than the engine's remaining quota
      --json     print one machine-readable report on stdout
  tilmash status [--locale kk,zh] [--json]
      Per locale: segments, TM hits, missing, characters that would be billed. Writes nothing.
  tilmash check [--json]
      CI gate: exit 6 if a key is untranslated or stale, QA finds an error, or the bundles are not
      what \`run\` would write. No network, no write.
  tilmash diff [--base <ref>] [--locale kk,zh] [--json]
      Bundle keys added, changed or removed since a git commit (default HEAD), per locale, with the
      source, old and new target, origin and status (from locales/provenance).
  tilmash review [--out review.html] [--json]
      A static HTML report: source and targets side by side, status, origin, QA findings, fuzzy
      suggestions, filters.
  tilmash xliff export [--locale kk,zh] [--out xliff] [--json]
      XLIFF 1.2 per locale of what needs a person (new, machine, needs-review), with fuzzy matches.
  tilmash xliff import <file.xlf> [--json]
      Record a translated XLIFF in the TM (translated, or reviewed when signed off) and write bundles.
  tilmash tm export [--locale kk,zh] [--out tilmash.tmx] [--json]  |  tilmash tm import <file.tmx> [--json]
      TMX 1.4 of the whole TM, or import a TMX from another tool (used by the next run).
  tilmash segment <file> [--json]
      Show the blocks of a source file with their keys and the segments of each.

Options:
  -c, --config <file>  config file (default: pipeline.config.ts)
  -l, --locale <list>  only these target locales, e.g. kk,zh
      --json           one machine-readable report on stdout
  -o, --out <path>     where review, xliff export and tm export write
      --wait[=seconds] run, xliff import, tm import: wait (default 60 s) for another command
                       holding the project lock (.tilmash.lock) instead of refusing (exit 10)
  -h, --help           this help
  -v, --version        the version

Exit codes: 0 ok, 1 internal error, 2 usage, 3 config, 4 bad source, 5 bad TM,
6 strict or check failure, 7 engine failure, 8 engine quota or key, 130 interrupted.
`;
