/** One `<tu>` read into its language variants (`<tuv>`), props and dates, inline codes resolved. */
import { tmxLangMatches } from './tmx-lang.js';
import { decodeTmxText, tmxAttribute, type TmxElement } from './tmx-tree.js';
import { findNonXmlChar } from './xml-text.js';
import { orderedNodeName, type OrderedXmlNode } from './xml-tree.js';

export interface TmxTuv {
  lang: string;
  text: string;
  /** The segment has a `<ph>`, whose removal would change the text. */
  placeholder: boolean;
  nonXml: ReturnType<typeof findNonXmlChar>;
  props: Map<string, string>;
  created: string | undefined;
  changed: string | undefined;
}

export interface TmxUnit {
  srclang: string | undefined;
  tuvs: TmxTuv[];
  props: Map<string, string>;
  created: string | undefined;
  changed: string | undefined;
}

/** Reads a `<tu>`; throws `Error` for an unsupported reference (see `decodeTmxText`). */
export function readTmxUnit(tu: TmxElement, byTilmash = false): TmxUnit {
  const tuvs: TmxTuv[] = [];
  for (const tuv of tu.children) {
    if (tuv.name !== 'tuv') continue;
    const lang = tmxAttribute(tuv, 'xml:lang') ?? tmxAttribute(tuv, 'lang');
    const seg = tuv.children.find((element) => element.name === 'seg');
    if (lang === undefined || seg === undefined) continue;
    const content = { text: '', placeholder: false };
    readSegment(seg.nodes, content, new Set(), byTilmash);
    tuvs.push({
      lang,
      text: content.text,
      placeholder: content.placeholder,
      nonXml: findNonXmlChar(content.text),
      props: readProps(tuv),
      created: tmxAttribute(tuv, 'creationdate'),
      changed: tmxAttribute(tuv, 'changedate'),
    });
  }
  return { srclang: tmxAttribute(tu, 'srclang'), tuvs, props: readProps(tu), created: tmxAttribute(tu, 'creationdate'), changed: tmxAttribute(tu, 'changedate') };
}

function readProps(element: TmxElement): Map<string, string> {
  const props = new Map<string, string>();
  for (const prop of element.children) {
    const type = prop.name === 'prop' ? tmxAttribute(prop, 'type') : undefined;
    if (type === undefined || props.has(type)) continue;
    const content = { text: '', placeholder: false };
    readSegment(prop.nodes, content);
    props.set(type, content.text.trim());
  }
  return props;
}

/** Formatting codes: removed with their content (the native code, and any `<sub>` inside). */
const FORMATTING_CODES = new Set(['bpt', 'ept', 'it', 'ut']);
/** `type` of the placeholder codes Tilmash writes (`x-<placeholder kind>`): their content is the text itself. */
const TILMASH_CODE_TYPES = new Set(['x-variable', 'x-nesting', 'x-tag', 'x-url', 'x-email', 'x-term', 'x-code']);
const INLINE_CODES = new Set([...FORMATTING_CODES, 'ph']);

function attribute(node: OrderedXmlNode, name: string): string | undefined {
  return (node[':@'] as Record<string, string> | undefined)?.[name];
}

/**
 * Whether an inline code is one Tilmash wrote (its content is the text): a `type="x-<kind>"`, or an
 * `<ept>` closing such a `<bpt>` (the DTD gives `<ept>` no type). `ours` holds the `i` of our open `<bpt>`s.
 */
function isOurCode(name: string, node: OrderedXmlNode, ours: Set<string>, byTilmash: boolean): boolean {
  if (name === 'ept') return byTilmash || ours.delete(attribute(node, 'i') ?? '');
  if (!INLINE_CODES.has(name)) return false;
  if (!byTilmash && !TILMASH_CODE_TYPES.has(attribute(node, 'type') ?? '')) return false;
  if (name === 'bpt') ours.add(attribute(node, 'i') ?? '');
  return true;
}

function readSegment(nodes: readonly OrderedXmlNode[], into: { text: string; placeholder: boolean }, ours = new Set<string>(), byTilmash = false): void {
  for (const node of nodes) {
    if ('#text' in node) into.text += decodeTmxText(String(node['#text']).replace(/\r\n?/g, '\n'));
    else if ('#cdata' in node) readCdata(node['#cdata'] as OrderedXmlNode[], into);
    else {
      const name = orderedNodeName(node) as string;
      if (isOurCode(name, node, ours, byTilmash)) readSegment(node[name] as OrderedXmlNode[], into); // our code: its raw text
      else if (name === 'ph') into.placeholder = true;
      else if (!FORMATTING_CODES.has(name)) readSegment(node[name] as OrderedXmlNode[], into, ours, byTilmash); // <hi> and unknown wrappers
    }
  }
}

function readCdata(nodes: readonly OrderedXmlNode[], into: { text: string }): void {
  for (const node of nodes) if ('#text' in node) into.text += String(node['#text']).replace(/\r\n?/g, '\n');
}

/** The first `<tuv>` in `locale`, preferring one whose tag is exactly the locale. */
export function pickTuv(tuvs: readonly TmxTuv[], locale: string): TmxTuv | undefined {
  return tuvs.find((tuv) => tuv.lang.toLowerCase() === locale.toLowerCase()) ?? tuvs.find((tuv) => tmxLangMatches(tuv.lang, locale));
}

/** Why the variant's text cannot be imported as plain text, if it cannot. */
export function segmentProblem(tuv: TmxTuv): string | undefined {
  if (tuv.placeholder) return 'contains a <ph> placeholder, which plain text cannot keep';
  if (tuv.nonXml !== undefined) return `contains ${tuv.nonXml.codePoint}, a control character`;
  return undefined;
}
