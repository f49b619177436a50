import { MAX_QR_VERSION, utf8Bytes } from '../../core/paying/paymentCode';

/** Pixels a module: a phone's camera reads it on a screen at its natural size, and it prints at about 1 mm. */
export const MODULE_PIXELS = 4;
/** The quiet zone the QR standard asks around a code: 4 modules. */
export const QUIET_MODULES = 4;
/** The largest code drawn (version 14: a phone's mail app shows it whole); each format's own bound is paymentCode's. */
const MAX_VERSION = Math.max(MAX_QR_VERSION.RUB, MAX_QR_VERSION.EUR);

type QrFactory = typeof import('qrcode-generator');
let factory: QrFactory | null = null;

/** The encoder, loaded on first use: qrcode-generator is bundled, but none of it runs when a custom function loads Code.js. */
function encoder(): QrFactory {
  // A require esbuild bundles as a lazily run module (nothing is fetched at run time).
  if (!factory) factory = require('qrcode-generator') as QrFactory;
  return factory;
}

/** A QR code as a black-and-white GIF, and its size in pixels. */
export interface QrPicture {
  gifBase64: string;
  pixels: number;
}

/**
 * Draws a payload as a QR code (error correction M, byte mode, its UTF-8
 * bytes as they are): a GIF with 4-pixel modules and a quiet zone of 4
 * modules, as qrcode-generator writes it.
 */
export function qrPicture(payload: string): QrPicture {
  return drawQr(encoder(), payload);
}

/** The drawing itself, with the encoder given: the bench draws with the same code from an ordinary import. */
export function drawQr(qrcode: QrFactory, payload: string): QrPicture {
  const qr = qrcode(0, 'M');
  // The library takes one byte a character: the UTF-8 bytes, as characters, give it exactly those bytes.
  qr.addData(String.fromCharCode(...utf8Bytes(payload)), 'Byte');
  qr.make();
  const modules = qr.getModuleCount();
  if ((modules - 17) / 4 > MAX_VERSION) throw new Error(`the payment code would need QR version ${(modules - 17) / 4}, over ${MAX_VERSION}`);
  const url = qr.createDataURL(MODULE_PIXELS, QUIET_MODULES * MODULE_PIXELS);
  return { gifBase64: url.slice(url.indexOf(',') + 1), pixels: (modules + 2 * QUIET_MODULES) * MODULE_PIXELS };
}
