export const HELP = `tilmash — translate Russian source documents into localized bundles

Usage:
  tilmash run [--locale kk,zh] [--dry-run] [--strict] [--force] [--json]
      Run the batch job of pipeline.config.ts: segment the sources, reuse the translation memory,
      translate what is missing (engine from the environment, e.g. DEEPL_AUTH_KEY), write bundles.
      --dry-run  plan only: what would be sent and its cost; writes nothing
      --strict   fail (exit 6) if any translation is missing
      --force    start even if the plan bills more than the engine's remaining quota
      --json     print one machine-readable report on stdout
  tilmash status [--locale kk,zh] [--json]
      Per locale: segments, TM hits, missing, characters that would be billed. Writes nothing.
  tilmash segment <file> [--json]
      Show the blocks of a source file with their keys and the segments of each.

Options:
  -c, --config <file>  config file (default: pipeline.config.ts)
  -h, --help           this help
  -v, --version        the version

Exit codes: 0 ok, 1 internal error, 2 usage, 3 config, 4 bad source, 5 bad TM,
6 strict failure, 7 engine failure, 8 engine quota or key, 130 interrupted.
`;
