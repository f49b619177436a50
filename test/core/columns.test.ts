import { describe, expect, it } from 'vitest';
import { detectColumns, findHeaderRow, normalizeHeader } from '../../src/core/columns';

describe('normalizeHeader', () => {
  it('ignores case, spaces and punctuation, and reads ё as е', () => {
    expect(normalizeHeader(' E-mail ')).toBe('email');
    expect(normalizeHeader('Invoice #')).toBe('invoice');
    expect(normalizeHeader('Дата счёта')).toBe('датасчета');
  });
});

describe('detectColumns', () => {
  it('recognises English headers and synonyms', () => {
    const columns = detectColumns(['Client', 'Invoice No.', 'Date', 'Due', 'Total', 'Amount paid', 'Date paid', 'CCY', 'E-mail', 'Status', 'Notes']);
    expect(columns.customer?.index).toBe(0);
    expect(columns.invoiceNumber?.index).toBe(1);
    expect(columns.invoiceDate?.index).toBe(2);
    expect(columns.dueDate?.index).toBe(3);
    expect(columns.amount?.index).toBe(4);
    expect(columns.paidAmount?.index).toBe(5);
    expect(columns.paidDate?.index).toBe(6);
    expect(columns.currency?.index).toBe(7);
    expect(columns.email?.index).toBe(8);
    expect(columns.status?.index).toBe(9);
  });

  it('recognises Russian headers', () => {
    const columns = detectColumns(['Контрагент', 'Номер счета', 'Дата счета', 'Оплатить до', 'Сумма', 'Оплачено', 'Остаток', 'Дата оплаты', 'Валюта', 'Почта', 'Статус']);
    expect(Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, column.index]))).toEqual({
      customer: 0,
      invoiceNumber: 1,
      invoiceDate: 2,
      dueDate: 3,
      amount: 4,
      paidAmount: 5,
      balance: 6,
      paidDate: 7,
      currency: 8,
      email: 9,
      status: 10,
    });
    expect(detectColumns(['Покупатель', 'Срок оплаты', 'Долг']).balance?.index).toBe(2);
    expect(detectColumns(['Клиент', 'Срок оплаты', 'Долг']).customer?.index).toBe(0);
  });

  it('recognises the IBM receivables export and never takes PaperlessDate for the invoice date', () => {
    const headers = ['countryCode', 'customerID', 'PaperlessDate', 'invoiceNumber', 'InvoiceDate', 'DueDate', 'InvoiceAmount', 'Disputed', 'SettledDate', 'PaperlessBill', 'DaysToSettle', 'DaysLate'];
    const columns = detectColumns(headers);
    expect(columns.customer?.header).toBe('customerID');
    expect(columns.invoiceDate?.header).toBe('InvoiceDate');
    expect(columns.dueDate?.header).toBe('DueDate');
    expect(columns.amount?.header).toBe('InvoiceAmount');
    expect(columns.paidDate?.header).toBe('SettledDate');
    expect(columns.disputed?.header).toBe('Disputed');
    expect(columns.channel?.header).toBe('PaperlessBill');
    const used = Object.values(columns).map((column) => column.header);
    expect(used).not.toContain('PaperlessDate');
    expect(used).not.toContain('DaysLate');
    expect(used).not.toContain('DaysToSettle');
  });

  it('prefers a specific header over a generic one whatever the order', () => {
    const columns = detectColumns(['Date', 'Customer', 'Invoice date', 'Amount']);
    expect(columns.invoiceDate?.header).toBe('Invoice date');
  });
});

describe('findHeaderRow', () => {
  it('finds a header below a title row', () => {
    expect(findHeaderRow([['Receivables 2026'], [], ['Customer', 'Due date', 'Amount']])).toBe(2);
    expect(findHeaderRow([['Name', 'Phone']])).toBe(-1);
  });
});

describe('detectColumns with corrections', () => {
  it("takes the user's header for a field, or none, and detects the rest", () => {
    const headers = ['Client', 'Date', 'Due', 'Total', 'Ref'];
    const columns = detectColumns(headers, { invoiceNumber: 'ref', invoiceDate: '' });
    expect(columns.invoiceNumber?.header).toBe('Ref');
    expect(columns.invoiceDate).toBeUndefined();
    expect(columns.dueDate?.header).toBe('Due');
  });
});
