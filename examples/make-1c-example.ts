// Writes examples/1c-zadolzhennost-pokupatelej.xlsx: a 1C "Задолженность
// покупателей" report as 1C saves it to Excel. Title lines, a customer's
// line with its subtotal above its documents, documents named "Реализация
// (акт, накладная) 00000123 от 02.09.2026", amounts as text with no-break
// spaces, due dates as date cells, Итого lines. Run: npx tsx examples/make-1c-example.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeExcelFile from 'write-excel-file/node';

const NBSP = '\u00a0';
/** "1234567.89" → "1 234 567,89" as 1C writes amounts into a text cell. */
const amount = (value: string) => {
  const [whole, fraction] = value.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)},${fraction}`;
};
const date = (iso: string) => ({ value: new Date(`${iso}T00:00:00Z`), type: Date, format: 'dd.mm.yyyy' });
const bold = (value: string) => ({ value, fontWeight: 'bold' as const });

const rows = [
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
];

const file = join(dirname(fileURLToPath(import.meta.url)), '1c-zadolzhennost-pokupatelej.xlsx');
await writeExcelFile(rows as never, { sheet: 'TDSheet', columns: [{ width: 32 }, { width: 52 }, { width: 12 }, { width: 12 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 26 }] }).toFile(file);
console.log(`wrote ${file}`);
