import type { PaymentCode } from '../../core/paying/paymentCode';
import type { CodePicture } from '../../core/paying/documentCodes';
import { qrPicture } from './qrImage';

/** The key of the payment code among an email's inline images: the HTML shows it as <img src="cid:payment-code">. */
export const PAYMENT_CODE_CID = 'payment-code';

/** A payment code drawn, or why a document has none. */
export type CodeImage = { ok: true; code: Extract<PaymentCode, { ok: true }>; picture: CodePicture; gifBase64: string } | { ok: false; reason: string };

/**
 * Draws a code: shown by a cid: reference in an email (Gmail strips data:
 * URLs from a message), by a data: URL in a page printed to PDF (the page
 * may fetch nothing).
 */
export function pictureOf(code: PaymentCode, cid?: string): CodeImage {
  if (!code.ok) return code;
  let drawn: ReturnType<typeof qrPicture>;
  try {
    drawn = qrPicture(code.payload);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, code, gifBase64: drawn.gifBase64, picture: { src: cid ? `cid:${cid}` : `data:image/gif;base64,${drawn.gifBase64}`, pixels: drawn.pixels } };
}

/** MailApp.sendEmail's inlineImages for an email that shows its code by cid: (none for one without a code). */
export function inlineCodeImages(image: CodeImage): { inlineImages?: Record<string, GoogleAppsScript.Base.Blob> } {
  if (!image.ok || !image.picture.src.startsWith('cid:')) return {};
  return { inlineImages: { [image.picture.src.slice(4)]: Utilities.newBlob(Utilities.base64Decode(image.gifBase64), 'image/gif', 'payment-code.gif') } };
}
