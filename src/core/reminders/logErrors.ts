import type { Language } from './templates';

/**
 * The Reminder log's Error cell in the spreadsheet's language: the add-on's
 * own reasons are translated; what Google's services said (an exception's
 * message) is kept as it came, since it is the text to search for.
 */
const RU: Array<[RegExp, (...parts: string[]) => string]> = [
  [/^no email address for this customer$/, () => 'у клиента нет адреса почты'],
  [/^"(.*)" is not a valid email address$/, (value) => `«${value}» — не адрес почты`],
  [/^the daily mail quota is used up \((\d+) left\)$/, (left) => `дневная квота писем исчерпана (осталось ${left})`],
  [/^the daily mail quota is used up$/, () => 'дневная квота писем исчерпана'],
  [/^the run ran out of time; the next run sends it$/, () => 'у запуска кончилось время; письмо отправит следующий запуск'],
  [/^the run that sent it stopped before confirming: check Sent mail$/, () => 'запуск, отправивший письмо, остановился до подтверждения: проверьте «Отправленные»'],
  [/^the run stopped while sending it: check Sent mail$/, () => 'запуск остановился во время отправки: проверьте «Отправленные»'],
  [/^the run stopped before sending it$/, () => 'запуск остановился до отправки'],
  [/^the (\S+) template uses (.+), which no column fills: correct the template$/, (kind, names) => `шаблон ${kind} использует ${names}, но ни один столбец их не заполняет: исправьте шаблон`],
  [/^this reminder would go to (\d+) recipients \(to, CC and copies\); an email can have at most (\d+): shorten the CC list or the customer's addresses$/, (count, most) => `письмо ушло бы ${count} получателям (кому, копия и копии себе); в одном письме их может быть не больше ${most}: сократите копию или адреса клиента`],
  [/^this reminder would be (\d+) KB; an email body can be at most (\d+) KB: shorten its template$/, (size, most) => `письмо заняло бы ${size} КБ; текст письма может быть не больше ${most} КБ: сократите шаблон`],
];

export function logErrorText(error: string, language: Language): string {
  if (language === 'en' || !error) return error;
  for (const [pattern, russian] of RU) {
    const match = pattern.exec(error);
    if (match) return russian(...match.slice(1));
  }
  return error;
}

/** Whether a message is written in Russian already (not counting «quoted» values): the Russian sidebar shows it as it is. */
export function readsRussian(message: string): boolean {
  return /^[—\s]*[А-Яа-яЁё]/.test(message.replace(/«[^»]*»/g, ''));
}
