/**
 * Just enough XML for bank statements (camt.053): elements with their local
 * names (namespace prefixes dropped, since banks use any prefix or none),
 * attributes, text with entities and CDATA. No DTDs, no external entities.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

/** The document's root element. */
export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(source); match; match = tag.exec(source)) {
    const top = stack[stack.length - 1];
    top.text += decodeEntities(source.slice(last, match.index));
    last = tag.lastIndex;
    if (match[1] !== undefined) top.text += match[1];
    else if (match[2] !== undefined) {
      if (stack.length === 1 || top.name !== localName(match[2])) throw new XmlError(`unexpected </${match[2]}> at character ${match.index}`);
      stack.pop();
    } else if (match[3] !== undefined) {
      const element: XmlElement = { name: localName(match[3]), attributes: {}, children: [], text: '' };
      for (const attribute of (match[4] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) element.attributes[localName(attribute[1])] = decodeEntities(attribute[2] ?? attribute[3] ?? '');
      top.children.push(element);
      if (!match[5]) stack.push(element);
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
