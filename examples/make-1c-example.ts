// Writes the 1C examples as 1C saves its reports to Excel (Файл › Сохранить
// как › Лист Excel 2007): title lines above the header, customers' lines with
// their subtotals above their documents, documents named "Реализация (акт,
// накладная) 00000123 от 02.09.2026", Итого lines.
// - 1c-zadolzhennost-pokupatelej.xlsx, "Задолженность покупателей": a column
//   each for Контрагент and Документ, amounts as text with no-break spaces.
// - 1c-osv-62.xlsx, "Оборотно-сальдовая ведомость по счету 62": a header of
//   three rows (Счет over Контрагенты over Документы расчетов с
//   контрагентами in the first column; each balance and turnover split into
//   Дебет and Кредит), one column holding accounts (62, 62.01, 62.02),
//   counterparties and documents in turn, amounts as numbers.
// - 1c-analiz-debitorskoj-zadolzhennosti.xlsx, "Анализ дебиторской
//   задолженности": a header of two rows (Контрагент over Документ расчетов;
//   Задолженность split into Всего and в т.ч. просрочено), counterparties with
//   their email above their documents in one column, amounts as text.
// Run: npx tsx examples/make-1c-example.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeExcelFile from 'write-excel-file/node';

const NBSP = '\u00a0';
/** "1234567.89" → "1 234 567,89" as 1C writes amounts into a text cell. */
const amount = (value: string) => {
  const [whole, fraction] = value.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)},${fraction}`;
};
/** An amount as a number cell, formatted as 1C formats it. */
const money = (value: number) => ({ value, type: Number, format: '#,##0.00' });
const date = (iso: string) => ({ value: new Date(`${iso}T00:00:00Z`), type: Date, format: 'dd.mm.yyyy' });
const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
const blank = (count: number) => new Array<null>(count).fill(null);

const here = dirname(fileURLToPath(import.meta.url));
async function write(name: string, rows: unknown[][], widths: number[]) {
  const file = join(here, name);
  await writeExcelFile(rows as never, { sheet: 'TDSheet', columns: widths.map((width) => ({ width })) }).toFile(file);
  console.log(`wrote ${file}`);
}

await write(
  '1c-zadolzhennost-pokupatelej.xlsx',
  [
    [bold('ООО «Альфа»'), null, null, null, null, null, null, null],
    [bold('Задолженность покупателей на 25.11.2026'), null, null, null, null, null, null, null],
    ['Отбор: Организация Равно "ООО «Альфа»"', null, null, null, null, null, null, null],
    [null, null, null, null, null, null, null, null],
    ['Контрагент', 'Документ', 'Дата', 'Срок оплаты', 'Сумма', 'Оплачено', 'Долг', 'Эл. почта'].map(bold),
    [bold('ООО «Ромашка»'), null, null, null, amount('250000.00'), amount('50000.00'), amount('200000.00'), 'buh@romashka.example.ru'],
    [null, 'Реализация (акт, накладная) 00000123 от 02.09.2026', null, date('2026-10-02'), amount('150000.00'), amount('50000.00'), amount('100000.00'), null],
    [null, 'Счет на оплату № 145 от 15.10.2026', null, date('2026-11-14'), amount('100000.00'), null, amount('100000.00'), null],
    [bold('ИП Петров Андрей Викторович'), null, null, null, amount('45600.50'), null, amount('45600.50'), 'petrov@example.ru'],
    [null, 'Реализация (акт, накладная) 00000131 от 01.11.2026', '01.11.2026', date('2026-12-01'), amount('45600.50'), null, amount('45600.50'), null],
    [bold('АО «Вектор»'), null, null, null, amount('1234567.89'), amount('234567.89'), amount('990000.00'), 'fin@vektor.example.ru'],
    [null, 'Реализация (акт, накладная) 00000098 от 10.07.2026', null, date('2026-08-09'), amount('1234567.89'), amount('234567.89'), amount('1000000.00'), null],
    [null, 'Поступление на расчетный счет 00000045 от 20.11.2026', null, null, amount('10000.00'), null, amount('-10000.00'), null],
    [bold('Итого'), null, null, null, amount('1530168.39'), amount('284567.89'), amount('1235600.50'), null],
  ],
  [32, 52, 12, 12, 16, 16, 16, 26],
);

// Оборотно-сальдовая ведомость по счету 62: opening, turnover and closing, each as Дебет | Кредит.
const osvLine = (name: string, ...sides: Array<number | null>) => [name, ...sides.map((value) => (value === null ? null : money(value)))];
const osvTotal = (name: string, ...sides: Array<number | null>) => osvLine(name, ...sides).map((cell) => (cell && typeof cell === 'object' ? { ...cell, fontWeight: 'bold' } : typeof cell === 'string' ? bold(cell) : cell));
await write(
  '1c-osv-62.xlsx',
  [
    [bold('ООО «Альфа»'), ...blank(6)],
    [bold('Оборотно-сальдовая ведомость по счету 62 за 01.11.2026 - 25.11.2026'), ...blank(6)],
    ['Выводимые данные: БУ (данные бухгалтерского учета)', ...blank(6)],
    ['Отбор: Организация Равно "ООО «Альфа»"', ...blank(6)],
    blank(7),
    ['Счет', 'Сальдо на начало периода', null, 'Обороты за период', null, 'Сальдо на конец периода', null].map((cell) => cell && bold(cell)),
    ['Контрагенты', 'Дебет', 'Кредит', 'Дебет', 'Кредит', 'Дебет', 'Кредит'].map(bold),
    [bold('Документы расчетов с контрагентами'), ...blank(6)],
    osvTotal('62', 1_374_567.89, null, 105_600.5, 284_567.89, 1_205_600.5, 10_000),
    osvTotal('62.01', 1_374_567.89, null, 105_600.5, 274_567.89, 1_205_600.5, null),
    osvTotal('ООО «Ромашка»', 140_000, null, 60_000, 40_000, 160_000, null),
    osvLine('Реализация (акт, накладная) 00000123 от 02.09.2026 0:00:00', 100_000, null, null, null, 100_000, null),
    osvLine('Реализация (акт, накладная) 00000101 от 15.08.2026 0:00:00', 40_000, null, null, 40_000, null, null),
    osvLine('Реализация (акт, накладная) 00000140 от 05.11.2026 12:00:00', null, null, 60_000, null, 60_000, null),
    osvTotal('ИП Петров Андрей Викторович', null, null, 45_600.5, null, 45_600.5, null),
    osvLine('Реализация (акт, накладная) 00000131 от 01.11.2026 12:00:00', null, null, 45_600.5, null, 45_600.5, null),
    osvTotal('АО «Вектор»', 1_234_567.89, null, null, 234_567.89, 1_000_000, null),
    osvLine('Реализация (акт, накладная) 00000098 от 10.07.2026 0:00:00', 1_234_567.89, null, null, 234_567.89, 1_000_000, null),
    osvTotal('62.02', null, null, null, 10_000, null, 10_000),
    osvTotal('АО «Вектор»', null, null, null, 10_000, null, 10_000),
    osvLine('Поступление на расчетный счет 00000045 от 20.11.2026 0:00:00', null, null, null, 10_000, null, 10_000),
    osvTotal('Итого', 1_374_567.89, null, 105_600.5, 284_567.89, 1_205_600.5, 10_000),
  ],
  [56, 16, 16, 16, 16, 16, 16],
);

// Анализ дебиторской задолженности: Задолженность split into Всего and в т.ч. просрочено.
await write(
  '1c-analiz-debitorskoj-zadolzhennosti.xlsx',
  [
    [bold('ООО «Альфа»'), ...blank(7)],
    [bold('Анализ дебиторской задолженности на 25.11.2026'), ...blank(7)],
    ['Параметры: Дата: 25.11.2026; Валюта: руб.', ...blank(7)],
    ['Отбор: Тип расчетов Равно "С покупателями"', ...blank(7)],
    blank(8),
    [bold('Контрагент'), bold('Срок оплаты'), bold('Сумма документа'), bold('Оплачено'), bold('Задолженность'), null, bold('Дней просрочки'), bold('Эл. почта')],
    [bold('Документ расчетов'), null, null, null, bold('Всего'), bold('в т.ч. просрочено'), null, null],
    [bold('ООО «Ромашка»'), null, amount('250000.00'), amount('50000.00'), amount('200000.00'), amount('100000.00'), null, 'buh@romashka.example.ru'],
    ['Реализация товаров и услуг 00000123 от 02.09.2026 0:00:00', date('2026-10-02'), amount('150000.00'), amount('50000.00'), amount('100000.00'), amount('100000.00'), 54, null],
    ['Счет на оплату покупателю № 145 от 15.10.2026', date('2026-12-14'), amount('100000.00'), null, amount('100000.00'), null, null, null],
    [bold('ООО «Берёзка»'), null, amount('80500.00'), null, amount('80500.00'), amount('80500.00'), null, 'info@berezka.example.ru'],
    ['Реализация товаров и услуг 00000117 от 20.08.2026 0:00:00', date('2026-09-19'), amount('80500.00'), null, amount('80500.00'), amount('80500.00'), 67, null],
    [bold('ИП Сидорова Мария Ивановна'), null, amount('12345.67'), amount('2345.67'), amount('10000.00'), null, null, 'sidorova@example.ru'],
    ['Реализация (акт, накладная) 00000150 от 10.11.2026 12:00:00', date('2026-12-10'), amount('12345.67'), amount('2345.67'), amount('10000.00'), null, null, null],
    [bold('Итого'), null, amount('342845.67'), amount('52345.67'), amount('290500.00'), amount('180500.00'), null, null],
  ],
  [56, 12, 16, 16, 16, 16, 10, 26],
);
