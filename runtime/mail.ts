import type { RuntimeState } from './state';

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
}

/** Captured mail and the daily recipient quota, shared by MailApp and GmailApp. */
export class Outbox {
  readonly sent: SentMail[] = [];
  /** Recipients a day: 100 is a consumer account's quota, 1,500 a Workspace one. */
  dailyQuota = 100;
  private left = 100;
  private quotaDay = '';

  constructor(private readonly state: RuntimeState) {}

  /** Recipients left today; the quota starts afresh each (UTC) day. */
  get remainingQuota(): number {
    const today = new Date(this.state.now).toISOString().slice(0, 10);
    if (today !== this.quotaDay) {
      this.quotaDay = today;
      this.left = this.dailyQuota;
    }
    return this.left;
  }

  /** Test knob: what is left today. */
  set remainingQuota(left: number) {
    void this.remainingQuota;
    this.left = left;
  }

  send(via: SentMail['via'], options: MailOptions): void {
    const to = String(options.to ?? '').trim();
    const recipients = [to, options.cc ?? '', options.bcc ?? '']
      .join(',')
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean);
    if (!to) throw new Error('Exception: Failed to send email: no recipient');
    for (const address of recipients) {
      if (!/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(address)) throw new Error(`Exception: Invalid email: ${address}`);
    }
    for (const header of [options.subject, options.name, options.replyTo]) {
      if (header && /[\r\n]/.test(header)) throw new Error('Exception: Invalid argument: header contains a line break');
    }
    if (recipients.length > this.remainingQuota) {
      throw new Error('Exception: Service invoked too many times for one day: email.');
    }
    this.left -= recipients.length;
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
    });
  }
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
