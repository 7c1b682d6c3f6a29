import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.js';
import { resolveConfig } from '../../config/resolve-config.js';
import { ExitCode, TilmashError } from '../../errors.js';
import { loadArticle } from '../../job/load-article.js';
import { decodeText, type ReaderDecision } from '../../read/index.js';
import { describeSourceFile } from '../../read/find-sources.js';
import type { CliIo } from '../cli-io.js';
import type { ParsedArgs } from '../parse-args.js';

/** One line per decision, like a linter: `file:line  dropped  rule-id  reason — text`. */
function formatDecisions(file: string, decisions: readonly ReaderDecision[]): string {
  if (decisions.length === 0) return `${file}: nothing dropped, cut or joined\n`;
  const width = decisions.reduce((max, d) => Math.max(max, d.rule.length), 0); // no spread: a huge input has 10^5+ decisions
  const lines = decisions.map((d) => {
    const text = d.text.length > 70 ? `${d.text.slice(0, 69)}…` : d.text;
    return `${file}:${d.line}\t${d.action.padEnd(8)} ${d.rule.padEnd(width)}  ${d.reason}\n\t${text}`;
  });
  const counts = ['dropped', 'stripped', 'merged'].map((a) => `${decisions.filter((d) => d.action === a).length} ${a}`).join(', ');
  return `${lines.join('\n')}\n${counts}; disable a rule with \`boilerplate: { disable: ['rule-id'] }\` in pipeline.config.ts\n`;
}

/**
 * `tilmash segment <file>`: the blocks of any text with their keys and segments, exactly as `run`
 * makes them (loadArticle), so a linguist can check the rules. Uses the config's reader rules when
 * there is a config, and the key map beside the file when there is one; writes nothing.
 * `--explain` lists instead every line the reader dropped, cut or joined, with the rule id and why.
 */
export async function segmentCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const [file] = args.positionals;
  if (!file) throw new TilmashError('usage', 'tilmash segment needs a file: tilmash segment source/article.ru.txt');
  const configPath = path.resolve(io.cwd, args.flags.config);
  const config = existsSync(configPath) || args.flags.config !== DEFAULT_CONFIG_FILE ? await loadConfig(configPath, path.relative(io.cwd, configPath) || args.flags.config) : resolveConfig({}, configPath);

  const full = path.resolve(io.cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(full);
  } catch (error) {
    throw new TilmashError('badSource', `${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check the path.`, { file, cause: error });
  }
  const described = describeSourceFile(path.basename(full), config.sourceLocale)?.format ?? (full.endsWith('.md') ? 'md' : 'txt');
  if (described === 'i18next' || described === 'icu') {
    throw new TilmashError('usage', `${file}: app strings are not split into sentences (each message is one unit); tilmash segment reads articles (.txt, .md).`);
  }
  const { units, decisions } = loadArticle(io.cwd, file, decodeText(bytes, file), described, config);
  const result = units.map(({ key, kind, text, segments }) => ({ key, kind, text, segments }));
  if (args.flags.explain) {
    if (args.flags.json) io.stdout(`${JSON.stringify({ blocks: result, decisions }, null, 2)}\n`);
    else io.stdout(formatDecisions(file, decisions));
    return ExitCode.ok;
  }
  if (args.flags.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const block of result) {
      io.stdout(`${block.key} (${block.kind})\n${block.segments.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}\n`);
    }
  }
  return ExitCode.ok;
}
