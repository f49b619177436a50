import { escapeHtml } from '../reminders/templates';
import type { PaymentCode } from './paymentCode';

/** The picture of a code, where a document shows it: a cid: reference in an email, a data: URL in a PDF. */
export interface CodePicture {
  src: string;
  pixels: number;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#202124';

/**
 * The code and its details in words, as HTML: the picture at its own size
 * (never scaled, so each module stays whole pixels), the details in a table
 * under it, every value escaped.
 */
export function paymentCodeHtml(code: Extract<PaymentCode, { ok: true }>, picture: CodePicture): string {
  const rows = code.lines.map(([label, value]) => `<tr><td style="padding:2px 10px 2px 0;vertical-align:top;color:#5f6368">${escapeHtml(label)}</td><td style="padding:2px 0;vertical-align:top;word-break:break-word">${escapeHtml(value)}</td></tr>`).join('');
  return (
    `<table role="presentation" class="payment-code" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 18px 0;${FONT}">` +
    `<tr><td style="padding:0 0 6px 0;font-weight:bold">${escapeHtml(code.heading)}</td></tr>` +
    `<tr><td style="padding:0 0 6px 0"><img src="${escapeHtml(picture.src)}" width="${picture.pixels}" height="${picture.pixels}" alt="${escapeHtml(code.format === 'EPC' ? 'EPC QR code' : 'QR code ST00012')}" style="display:block;width:${picture.pixels}px;height:${picture.pixels}px;image-rendering:pixelated;border:0"></td></tr>` +
    `<tr><td><table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;${FONT}">${rows}</table></td></tr></table>`
  );
}
