/**
 * Shared by the reliability suite: a project of `count` distinct Russian sentences over 4 documents,
 * the fake DeepL server with a known key, and the CLI environment that points at it.
 */
import { startFakeDeepl, type FakeDeepl, type FakeDeeplOptions, type RecordedRequest } from '../helpers/fake-deepl-server.js';
import { makeProject } from '../helpers/project.js';

export const KEY = 'sk-reliability-secret-0123456789abcdef:fx';
const WORDS = ['развитие', 'торговля', 'энергетика', 'транспорт', 'образование', 'наука', 'культура', 'туризм', 'логистика', 'медицина'];
const CITIES = ['Астана', 'Алматы', 'Сиань', 'Пекин', 'Шымкент', 'Караганда', 'Актобе', 'Павлодар'];

export function sentences(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const word = WORDS[i % WORDS.length] as string;
    const city = CITIES[Math.floor(i / WORDS.length) % CITIES.length] as string;
    return `В городе ${city} обсуждали тему «${word}» на заседании номер ${i + 1}.`;
  });
}

/** Source files: `count` sentences, 4 per paragraph, spread over `docs` documents. */
export function documents(count: number, docs = 4): Record<string, string> {
  const all = sentences(count);
  const per = Math.ceil(count / docs);
  const files: Record<string, string> = {};
  for (let d = 0; d < docs; d++) {
    const mine = all.slice(d * per, d * per + per);
    const paragraphs: string[] = [];
    for (let p = 0; p < mine.length; p += 4) paragraphs.push(mine.slice(p, p + 4).join(' '));
    files[`source/doc${d + 1}.ru.txt`] = `${paragraphs.join('\n\n')}\n`;
  }
  return files;
}

export const QA_OFF = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };

export function configText(engine: Record<string, unknown>, extra = ''): string {
  return `export default {
  targets: { en: {}, kk: {}, zh: {} },
  qa: ${JSON.stringify(QA_OFF)},
  engine: ${JSON.stringify({ timeoutMs: 5000, maxRetries: 2, ...engine })},${extra}
};
`;
}

export function reliabilityProject(count: number, engine: Record<string, unknown> = {}, files: Record<string, string> = {}): string {
  return makeProject({ 'pipeline.config.ts': configText({ batchSize: 10, concurrency: 2, requestsPerInterval: 50, intervalMs: 100, ...engine }), ...documents(count), ...files }, { link: false });
}

const servers: FakeDeepl[] = [];

export async function fakeDeepl(options: FakeDeeplOptions = {}): Promise<FakeDeepl> {
  const s = await startFakeDeepl({ authKey: KEY, translate: (text, target) => `[${target}] ${text}`, ...options });
  servers.push(s);
  return s;
}

export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.close()));
}

export const deeplEnv = (fake: FakeDeepl) => ({ DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
export const translateRequests = (fake: FakeDeepl): RecordedRequest[] => fake.requests.filter((r) => r.path === '/v2/translate');
export const textsSent = (fake: FakeDeepl): string[] => translateRequests(fake).flatMap((r) => r.form.text as string[]);
