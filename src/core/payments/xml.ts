/**
 * Just enough XML for bank statements (camt.053): elements with their local
 * names (namespace prefixes dropped, since banks use any prefix or none),
 * attributes, text with entities and CDATA. No DTDs, no external entities.
 *
 * One pass from left to right: every scan for the end of a comment, CDATA
 * section, instruction or tag starts where the last one ended, and a
 * construct that never ends stops the reading there, so the time is linear
 * in the file's size whatever it holds (a file of unclosed "<!--" included).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** The line its start tag is on (1-based). */
  line: number;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The 1-based line of a position: counted once, when a problem is reported. */
export function lineOf(source: string, index: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < index; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** Lines of positions asked in increasing order, counted as the reading goes: linear however many are asked. */
export class LineCounter {
  private position = 0;
  private line = 1;
  constructor(private readonly source: string) {}

  lineAt(index: number): number {
    if (index < this.position) return lineOf(this.source, index);
    for (let i = this.source.indexOf('\n', this.position); i >= 0 && i < index; i = this.source.indexOf('\n', i + 1)) this.line++;
    this.position = index;
    return this.line;
  }
}

/** XML 1.0's Char production: what a character reference may name. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

const REFERENCE = /&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z][A-Za-z0-9]{0,15}));/y;

/** Text with its references replaced; `at` is where the text starts in `source`, for the line of a bad reference. */
function decodeEntities(text: string, source: string, at: number): string {
  if (!text.includes('&')) return text;
  let out = '';
  let from = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
    out += text.slice(from, amp);
    REFERENCE.lastIndex = amp;
    const match = REFERENCE.exec(text);
    const shown = () => JSON.stringify(text.slice(amp, amp + 12).split(/[\s<]/)[0]);
    if (!match) throw new XmlError(`line ${lineOf(source, at + amp)}: ${shown()} is not a character reference (a lone "&" must be written &amp;)`);
    if (match[3] !== undefined) {
      const named = ENTITIES[match[3]];
      if (named === undefined) throw new XmlError(`line ${lineOf(source, at + amp)}: &${match[3]}; is not an entity XML knows`);
      out += named;
    } else {
      const code = match[1] !== undefined ? parseInt(match[1], 16) : Number(match[2]);
      if (!isXmlChar(code)) throw new XmlError(`line ${lineOf(source, at + amp)}: ${match[0]} is not a character`);
      out += String.fromCodePoint(code);
    }
    from = REFERENCE.lastIndex;
  }
  return out + text.slice(from);
}

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

const START_TAG = /<([^\s/>!?<]+)((?:\s+[^\s=/><]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const END_TAG = /<\/\s*([^\s><]+)\s*>/y;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The document's root element. */
export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '', line: 1 };
  const lines = new LineCounter(source);
  const stack: XmlElement[] = [root];
  const fail = (at: number, what: string): never => {
    throw new XmlError(`line ${lineOf(source, at)}: ${what}`);
  };
  /** The end of a construct that opened at `at`, past its terminator; a construct that never ends is refused. */
  const endOf = (at: number, terminator: string, what: string): number => {
    const end = source.indexOf(terminator, at);
    return end < 0 ? fail(at, `${what} that never ends`) : end + terminator.length;
  };
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('<', at);
    const textEnd = open < 0 ? source.length : open;
    const top = stack[stack.length - 1];
    if (textEnd > at) top.text += decodeEntities(source.slice(at, textEnd), source, at);
    if (open < 0) break;
    if (source.startsWith('<!--', open)) at = endOf(open + 4, '-->', 'a comment');
    else if (source.startsWith('<![CDATA[', open)) {
      at = endOf(open + 9, ']]>', 'a CDATA section');
      top.text += source.slice(open + 9, at - 3);
    } else if (source.startsWith('<?', open)) at = endOf(open + 2, '?>', 'a processing instruction');
    else if (source.startsWith('<!DOCTYPE', open)) {
      at = endOf(open, '>', 'a DOCTYPE');
      // An internal subset may define entities: not read, and refused rather than half read.
      if (source.slice(open, at).includes('[')) fail(open, 'a DOCTYPE with its own definitions, which statements never have');
    } else if (source.startsWith('</', open)) {
      END_TAG.lastIndex = open;
      const match = END_TAG.exec(source) ?? fail(open, 'an unreadable closing tag');
      if (stack.length === 1 || top.name !== localName(match[1])) fail(open, `unexpected </${match[1]}>`);
      stack.pop();
      at = END_TAG.lastIndex;
    } else {
      START_TAG.lastIndex = open;
      const match = START_TAG.exec(source) ?? fail(open, `an unreadable tag ${JSON.stringify(source.slice(open, open + 20))}`);
      const element: XmlElement = { name: localName(match[1]), attributes: {}, children: [], text: '', line: lines.lineAt(open) };
      for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) element.attributes[localName(attribute[1])] = decodeEntities(attribute[2] ?? attribute[3] ?? '', source, open);
      top.children.push(element);
      if (!match[3]) stack.push(element);
      at = START_TAG.lastIndex;
    }
  }
  if (stack.length > 1) throw new XmlError(`<${stack[stack.length - 1].name}> is never closed`);
  const element = root.children[0];
  if (!element) throw new XmlError('no root element');
  return element;
}

/** The first descendant along a path of local names: `child(entry, 'Amt')`, `child(entry, 'BookgDt', 'Dt')`. */
export function child(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) current = current?.children.find((candidate) => candidate.name === name);
  return current;
}

/** Every child of that name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((candidate) => candidate.name === name) : [];
}

/** Trimmed text at a path, "" when absent. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string {
  return child(element, ...path)?.text.trim() ?? '';
}
