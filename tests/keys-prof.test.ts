import { test } from 'vitest';
import { assignKeys } from '../src/keys/index.js';
import { fingerprint, charDice, wordDice } from '../src/keys/similarity.js';
test('p', () => {
  const many = Array.from({ length: 2000 }, (_, i) => ({ kind: 'paragraph' as const, line: 1, text: `Абзац номер ${i} о сотрудничестве стран региона.` }));
  const fa = many.map((x) => fingerprint(x.text)); const fb = many.map((x) => fingerprint(x.text + ' Дополнение.'));
  let t = performance.now(); let s = 0;
  for (const a of fa) for (const b of fb) s += charDice(a, b);
  console.log('char', performance.now() - t); t = performance.now();
  for (const a of fa) for (const b of fb) s += wordDice(a, b);
  console.log('word', performance.now() - t); t = performance.now();
  const one = assignKeys(many, undefined);
  assignKeys(many.map((x) => ({ ...x, text: x.text + ' Дополнение.' })), one.map);
  console.log('all', performance.now() - t);
});
