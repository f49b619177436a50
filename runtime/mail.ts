import type { Blob } from './blob';
import type { RuntimeState } from './state';

/** A file attached to a message. */
export interface Attachment {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** A message the add-on sent, as the runtime captured it. */
export interface SentMail {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  name: string;
  subject: string;
  body: string;
  htmlBody: string;
  sentAt: Date;
  via: 'MailApp' | 'GmailApp';
  attachments: Attachment[];
  /** Images the HTML shows by cid:, by their key (name: the key). */
  inlineImages: Attachment[];
}

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  name?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  noReply?: boolean;
  attachments?: Blob[];
  inlineImages?: Record<string, Blob>;
}

// "Quotas for Google Services": recipients a day (100 consumer, 1,500 Workspace), counted with cc and bcc,
// resetting 24 hours after the first request; 50 recipients a message; a body of 200 KB (400 KB on Workspace).
const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
// The same page's limitations: 250 attachments a message, 25 MB of attachments in all.
export const MAX_ATTACHMENTS_PER_MESSAGE = 250;
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Captured mail and the daily recipient quota, shared by MailApp and GmailApp. */
export class Outbox {
  readonly sent: SentMail[] = [];
  /** Recipients a day: 100 is a consumer account's quota, 1,500 a Workspace one. */
  dailyQuota = 100;
  /** Body size a message: 200 KB for a consumer account, 400 KB for Workspace. */
  bodyLimitBytes = 200 * 1024;
  private used = 0;
  /** When the quota's current day began: the first send after the last reset. */
  private windowStart: number | null = null;

  constructor(private readonly state: RuntimeState) {}

  /** Recipients left; the quota resets 24 hours after the first send of its day. */
  get remainingQuota(): number {
    if (this.windowStart !== null && this.state.now - this.windowStart >= DAY_MS) {
      this.windowStart = null;
      this.used = 0;
    }
    return Math.max(0, this.dailyQuota - this.used);
  }

  /** Test knob: what is left now. */
  set remainingQuota(left: number) {
    void this.remainingQuota;
    this.used = this.dailyQuota - left;
    if (this.windowStart === null) this.windowStart = this.state.now;
  }

  send(via: SentMail['via'], options: MailOptions): void {
    // Class MailApp, sendEmail(message): "to" is required; addresses are comma-separated.
    const to = String(options.to ?? '').trim();
    const recipients = [to, options.cc ?? '', options.bcc ?? '']
      .join(',')
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean);
    if (!to) throw new Error('Exception: Failed to send email: no recipient');
    // The docs give no address grammar: a plain local@domain.tld is required (the stricter reading).
    for (const address of recipients) {
      if (!/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(address)) throw new Error(`Exception: Invalid email: ${address}`);
    }
    // The docs are silent on line breaks in headers: refused (the stricter reading), as they would split the header.
    for (const header of [options.subject, options.name, options.replyTo]) {
      if (header && /[\r\n]/.test(header)) throw new Error('Exception: Invalid argument: header contains a line break');
    }
    // The docs do not say what an empty name or reply-to does: refused here (the stricter reading), so the add-on leaves them out.
    if (options.name === '') throw new Error('Exception: Invalid argument: name');
    if (options.replyTo === '') throw new Error('Exception: Invalid argument: replyTo');
    // The error texts as people report them; the quota page names only the limits.
    if (recipients.length > MAX_RECIPIENTS_PER_MESSAGE) throw new Error('Exception: Limit Exceeded: Email Recipients Per Message.');
    if (Buffer.byteLength(options.body ?? '') + Buffer.byteLength(options.htmlBody ?? '') > this.bodyLimitBytes) throw new Error('Exception: Limit Exceeded: Email Body Size.');
    const attachments = options.attachments ?? [];
    if (attachments.length > MAX_ATTACHMENTS_PER_MESSAGE) throw new Error('Exception: Limit Exceeded: Email Attachments Per Message.');
    if (attachments.reduce((total, blob) => total + blob.raw().length, 0) > MAX_ATTACHMENT_BYTES) throw new Error('Exception: Limit Exceeded: Email Total Attachments Size.');
    const inline = inlineImagesOf(options);
    if (attachments.length + inline.length > MAX_ATTACHMENTS_PER_MESSAGE) throw new Error('Exception: Limit Exceeded: Email Attachments Per Message.');
    if ([...attachments, ...inline.map(([, blob]) => blob)].reduce((total, blob) => total + blob.raw().length, 0) > MAX_ATTACHMENT_BYTES) throw new Error('Exception: Limit Exceeded: Email Total Attachments Size.');
    if (recipients.length > this.remainingQuota) {
      throw new Error('Exception: Service invoked too many times for one day: email.');
    }
    if (this.windowStart === null) this.windowStart = this.state.now;
    this.used += recipients.length;
    this.sent.push({
      from: this.state.activeUser,
      to,
      cc: options.cc ?? '',
      bcc: options.bcc ?? '',
      replyTo: options.replyTo ?? '',
      name: options.name ?? '',
      subject: options.subject ?? '',
      body: options.body ?? '',
      htmlBody: options.htmlBody ?? '',
      sentAt: new Date(this.state.now),
      via,
      attachments: (options.attachments ?? []).map((blob) => ({ name: blob.getName() ?? 'attachment', contentType: blob.getContentType() ?? 'application/octet-stream', bytes: blob.raw() })),
      inlineImages: inline.map(([key, blob]) => ({ name: key, contentType: blob.getContentType() as string, bytes: blob.raw() })),
    });
  }
}

/**
 * Class MailApp, sendEmail(message) and sendEmail(recipient, subject, body, options): inlineImages is "a JavaScript
 * object containing a mapping from image key (String) to image data (BlobSource); this assumes that the htmlBody
 * parameter is used and contains references to these images in the format <img src="cid:imageKey" />". The docs say
 * no more; the stricter reading here: an htmlBody is required, every key must be shown by the HTML and every cid: the
 * HTML shows must have its image (else a stray attachment or a broken picture), a key is letters, digits, '-' and '_',
 * an image is a Blob with an image/* content type, and the images count with the attachments against their limits.
 */
function inlineImagesOf(options: MailOptions): Array<[string, Blob]> {
  if (options.inlineImages === undefined) {
    if (/\bsrc\s*=\s*["']?cid:/i.test(options.htmlBody ?? '')) throw new Error('Exception: Invalid argument: htmlBody refers to a cid: image but no inlineImages are given');
    return [];
  }
  const images = options.inlineImages;
  if (typeof images !== 'object' || images === null || Array.isArray(images)) throw new Error('Exception: Invalid argument: inlineImages');
  if (!options.htmlBody) throw new Error('Exception: Invalid argument: inlineImages needs an htmlBody that shows them');
  const shown = new Set([...options.htmlBody.matchAll(/\bsrc\s*=\s*["']?cid:([^"'\s>]+)/gi)].map((match) => match[1]));
  const entries = Object.entries(images);
  for (const [key, blob] of entries) {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error(`Exception: Invalid argument: inlineImages key "${key}"`);
    if (!(blob instanceof Object) || typeof (blob as Blob).raw !== 'function') throw new Error(`Exception: Invalid argument: inlineImages["${key}"] is not a Blob`);
    if (!/^image\/(png|gif|jpeg)$/.test(blob.getContentType() ?? '')) throw new Error(`Exception: Invalid argument: inlineImages["${key}"] is ${blob.getContentType() ?? 'of no content type'}, not an image`);
    if (!shown.has(key)) throw new Error(`Exception: Invalid argument: inlineImages["${key}"] is not shown by the htmlBody (<img src="cid:${key}">)`);
  }
  for (const key of shown) if (!Object.prototype.hasOwnProperty.call(images, key)) throw new Error(`Exception: Invalid argument: htmlBody shows cid:${key}, which inlineImages lacks`);
  return entries;
}

/** MailApp: sendEmail in both of its forms, and the remaining quota. */
export class MailApp {
  constructor(private readonly outbox: Outbox) {}

  sendEmail(toOrMessage: string | MailOptions, subject?: string, body?: string, options: MailOptions = {}): void {
    if (typeof toOrMessage === 'object') this.outbox.send('MailApp', toOrMessage);
    else this.outbox.send('MailApp', { ...options, to: toOrMessage, subject, body });
  }
  getRemainingDailyQuota(): number {
    return this.outbox.remainingQuota;
  }
}

/** GmailApp: only sendEmail. */
export class GmailApp {
  constructor(private readonly outbox: Outbox) {}

  sendEmail(to: string, subject: string, body: string, options: MailOptions = {}): void {
    this.outbox.send('GmailApp', { ...options, to, subject, body });
  }
}
