/**
 * Payer names as banks print them against customer names as bookkeepers
 * type them: legal forms (ООО, ИП, LLC, Ltd …), quotes, case, punctuation
 * and spacing do not count.
 */
const LEGAL_PHRASES = [
  'общество с ограниченной ответственностью',
  'закрытое акционерное общество',
  'открытое акционерное общество',
  'публичное акционерное общество',
  'непубличное акционерное общество',
  'акционерное общество',
  'индивидуальный предприниматель',
  'limited liability company',
  'public limited company',
];
const LEGAL_WORDS = new Set(
  'ооо оао зао пао ао нао ип чп тоо ано нко пк llc l l c ltd limited inc incorporated corp corporation co company gmbh ag plc llp lp sa sarl bv oy ab kg ug'.split(' '),
);

/** The words of a name that tell it apart: "ООО «Вектор-Плюс»" → "вектор плюс". */
export function nameWords(name: string): string[] {
  let text = ` ${name.toLowerCase().replace(/ё/g, 'е')} `;
  text = text.replace(/инн\s*\d+|кпп\s*\d+/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ');
  for (const phrase of LEGAL_PHRASES) text = text.split(` ${phrase} `).join(' ');
  return text.split(' ').filter((word) => word !== '' && !LEGAL_WORDS.has(word));
}

/** A name reduced to what compares: "Acme Corp." and "ACME  corporation" → "acme". */
export function nameKey(name: string): string {
  return nameWords(name).join('');
}

/** Edit distance with adjacent transpositions, stopping early above `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0][j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
      rows[i][j] = value;
      best = Math.min(best, value);
    }
    if (i > 0 && best > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

/** Finds customers by a payer's name: the same key; else the one whose key is contained in the payer's (or the other way round); else one within a typo or two. */
export class CustomerNames {
  private readonly byKey = new Map<string, string[]>();
  private readonly words = new Map<string, string[]>();

  constructor(customers: readonly string[]) {
    for (const customer of customers) {
      this.words.set(customer, nameWords(customer));
      const key = nameKey(customer);
      if (!key) continue;
      const list = this.byKey.get(key);
      if (list) list.push(customer);
      else this.byKey.set(key, [customer]);
    }
  }

  /** The customer a payer name means, and how it was found; null when none or more than one fit. */
  find(payer: string): { customer: string; how: 'same' | 'contained' | 'similar' } | null {
    const key = nameKey(payer);
    if (key.length < 2) return null;
    const same = this.byKey.get(key);
    if (same) return same.length === 1 ? { customer: same[0], how: 'same' } : null;
    const contained: string[] = [];
    const similar: string[] = [];
    for (const [candidate, customers] of this.byKey) {
      if (customers.length > 1) continue;
      const shorter = candidate.length < key.length ? candidate : key;
      if (shorter.length >= 4 && (key.includes(candidate) || candidate.includes(key))) contained.push(customers[0]);
      else if (Math.min(candidate.length, key.length) >= 5 && editDistance(candidate, key, 2) <= (key.length >= 10 ? 2 : 1)) similar.push(customers[0]);
    }
    if (contained.length === 1) return { customer: contained[0], how: 'contained' };
    if (contained.length === 0 && similar.length === 1) return { customer: similar[0], how: 'similar' };
    if (contained.length === 0 && similar.length === 0) {
      // "ИП Смирнова Анна Петровна" pays for "ИП Смирнова А. П.": the surname, and initials that fit.
      const payerWords = nameWords(payer);
      const initials = [...this.words].filter(([, words]) => sameWithInitials(words, payerWords)).map(([customer]) => customer);
      if (initials.length === 1) return { customer: initials[0], how: 'similar' };
    }
    return null;
  }
}

/** One name written with initials where the other has the whole words: [смирнова, а, п] and [смирнова, анна, петровна]. */
function sameWithInitials(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length < 2 || a[0] !== b[0] || a[0].length < 3) return false;
  let initials = 0;
  for (let k = 1; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    const [short, long] = a[k].length < b[k].length ? [a[k], b[k]] : [b[k], a[k]];
    if (short.length !== 1 || !long.startsWith(short)) return false;
    initials++;
  }
  return initials > 0;
}

/**
 * Where banks name the payer in a description when no column holds it: a
 * US bank's "Zelle payment from FERNWOOD YOGA LLC Conf# x1y2", an ACH
 * credit's "ORIG CO NAME:ACME CORP ORIG ID:…", a Russian bank's "Оплата от
 * ООО «Ромашка» по счету № 145", SEPA remittance lines ("SEPA CREDIT
 * TRANSFER FROM Müller GmbH", "Auftraggeber: …", "Debtor: …"), a UK bank's
 * "FASTER PAYMENT RECEIVED FROM …", "BANK GIRO CREDIT REF …, NAME". The name
 * is then matched as a payer column's would be. "" when none is named.
 */
const DESCRIBED_PAYER: readonly RegExp[] = [
  /\bORIG CO NAME\s*:\s*(.+?)(?=\s+(?:ORIG ID|CO ENTRY DESCR|DESC DATE|SEC|TRACE|EED|IND ID|IND NAME|CO ID)\b|$)/i,
  /\b(?:zelle|venmo|paypal)\s+(?:payment|transfer|credit)?\s*from\s+(.+?)(?=\s+(?:conf(?:irmation)?\s*#|ref(?:erence)?\b|on\s+\d|id\s*:|memo\b|for\b)|\s+\d{6,}|$)/i,
  /\b(?:faster payment|fps|bacs|chaps|bank giro credit|bgc|transfer|credit transfer|sepa credit transfer|sepa-gutschrift|payment|remittance|deposit|wire)\s+(?:received\s+|incoming\s+)?from\s*:?\s+(.+?)(?=\s+(?:ref(?:erence)?|inv(?:oice)?|remi|rem|for|on|memo|id|end-?to-?end)\b|\s*[,;/]|$)/i,
  /\b(?:auftraggeber|debtor|ordering party|remitter|originator|payer|from)\s*:\s*(.+?)(?=\s+(?:ref(?:erence)?|inv(?:oice)?|remi|rem|iban|bic|end-?to-?end|verwendungszweck)\b|\s*[,;/]|$)/i,
  /(?:^|\s)(?:оплата|платеж|платёж|поступление|перевод)\s+от\s+(.+?)(?=\s+(?:по|за|согласно|в счет|в т\.?\s?ч|инн)(?=\s|$)|\s*[,;(]|$)/i,
];

export function payerInDescription(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  for (const pattern of DESCRIBED_PAYER) {
    const match = pattern.exec(text);
    const name = match?.[1].trim().replace(/[.,;:]+$/, '');
    // "TRANSFER FROM CHK ...1234 TRANSACTION#: 1" is one's own account, no payer.
    if (name && nameKey(name).length >= 2 && !/\.\.\.|#/.test(name)) return name;
  }
  return '';
}
