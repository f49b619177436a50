// Bank statements as banks give them, for the payment tests.

/** Windows-1251 bytes of a text (Cyrillic, ASCII and the few signs 1C files use). */
export function windows1251(text: string): Uint8Array {
  const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb };
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (special[char] !== undefined) return special[char];
    throw new Error(`no windows-1251 byte for ${char}`);
  });
}

/** Code page 866 ("DOS") bytes of a text: Cyrillic and ASCII. */
export function dos866(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x43f) return code - 0x410 + 0x80;
    if (code >= 0x440 && code <= 0x44f) return code - 0x440 + 0xe0;
    if (char === '№') return 0xfc;
    throw new Error(`no 866 byte for ${char}`);
  });
}

export const OUR_ACCOUNT = '40702810900000000001';

/** A 1C client-bank exchange file: two incoming payments and one outgoing. */
export function oneCStatement(): string {
  return [
    '1CClientBankExchange',
    'ВерсияФормата=1.03',
    'Кодировка=Windows',
    'Отправитель=Бухгалтерия предприятия',
    'ДатаНачала=01.10.2026',
    'ДатаКонца=31.10.2026',
    `РасчСчет=${OUR_ACCOUNT}`,
    'СекцияРасчСчет',
    `РасчСчет=${OUR_ACCOUNT}`,
    'КонецРасчСчет',
    'СекцияДокумент=Платежное поручение',
    'Номер=512',
    'Дата=05.10.2026',
    'Сумма=1000.00',
    'ПлательщикСчет=40702810100000000777',
    'Плательщик=ИНН 7701234567 ООО "ВЕКТОР"',
    'ПлательщикИНН=7701234567',
    'Плательщик1=ООО "ВЕКТОР"',
    `ПолучательСчет=${OUR_ACCOUNT}`,
    'ПолучательИНН=7700000000',
    'Получатель1=ООО "Наша фирма"',
    'ДатаПоступило=06.10.2026',
    'НазначениеПлатежа=Оплата по счету № 145 от 02.09.2026, НДС не облагается',
    'КонецДокумента',
    'СекцияДокумент=Платежное поручение',
    'Номер=77',
    'Дата=07.10.2026',
    'Сумма=600.00',
    `ПлательщикСчет=${OUR_ACCOUNT}`,
    'Плательщик1=ООО "Наша фирма"',
    'ПолучательСчет=40702810100000000999',
    'Получатель1=ООО "Поставщик"',
    'ДатаСписано=07.10.2026',
    'НазначениеПлатежа=Оплата аренды',
    'КонецДокумента',
    'СекцияДокумент=Платежное поручение',
    'Номер=9',
    'Дата=08.10.2026',
    'Сумма=2000.00',
    'ПлательщикСчет=40802810100000000555',
    'Плательщик=ИП Смирнова Анна Петровна',
    'ПлательщикИНН=500100732259',
    `ПолучательСчет=${OUR_ACCOUNT}`,
    'ДатаПоступило=08.10.2026',
    'НазначениеПлатежа=оплата по сч. 150',
    'КонецДокумента',
    'КонецФайла',
    '',
  ].join('\r\n');
}

/** camt.053.001.08: one credit with remittance info, one debit, one batch credit of two transactions. */
export function camtStatement(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2026-10-10T08:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S1</Id>
      <Acct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id><Ccy>USD</Ccy></Acct>
      <Ntry>
        <NtryRef>E1</NtryRef>
        <Amt Ccy="USD">500.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-10-05</Dt></BookgDt>
        <ValDt><Dt>2026-10-05</Dt></ValDt>
        <AcctSvcrRef>BANKREF-1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RltdPties><Dbtr><Pty><Nm>ACME CORP.</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>INV-0412 thank you &amp; regards</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="USD">75.00</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-10-06</Dt></BookgDt>
        <AcctSvcrRef>BANKREF-2</AcctSvcrRef>
      </Ntry>
      <Ntry>
        <Amt Ccy="USD">500.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-10-07</Dt></BookgDt>
        <AcctSvcrRef>BANKREF-3</AcctSvcrRef>
        <NtryDtls>
          <TxDtls>
            <AmtDtls><TxAmt><Amt Ccy="USD">300.00</Amt></TxAmt></AmtDtls>
            <RltdPties><Dbtr><Pty><Nm>Initech</Nm></Pty></Dbtr></RltdPties>
            <RmtInf><Strd><CdtrRefInf><Ref>Inv 1071</Ref></CdtrRefInf></Strd></RmtInf>
          </TxDtls>
          <TxDtls>
            <AmtDtls><TxAmt><Amt Ccy="USD">200.00</Amt></TxAmt></AmtDtls>
            <RltdPties><Dbtr><Pty><Nm>Initech</Nm></Pty></Dbtr></RltdPties>
            <RmtInf><Ustrd>second invoice</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

/** OFX 1 (SGML, unclosed value tags): a deposit and a withdrawal. */
export function ofxStatement(): string {
  return `OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20261010120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>121000248<ACCTID>123456789<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261001<DTEND>20261010
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261005120000.000[-5:EST]<TRNAMT>700.00<FITID>2026100501<NAME>Acme Ltd<MEMO>payment INV-2026-0413</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261006<TRNAMT>-45.10<FITID>2026100601<NAME>Office supplies</STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>1000.00<DTASOF>20261010</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
`;
}
