import type { SentMail } from '../runtime/index';

/** A header value, encoded (RFC 2047) when it is not plain ASCII. */
function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function base64Lines(text: string): string {
  return (Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** An email as a .eml file (RFC 5322, MIME): plain text and HTML alternatives, openable in any mail client. */
export function toEml(mail: SentMail, boundary: string): string {
  const headers = [
    `From: ${mail.name ? `${headerText(mail.name)} ` : ''}<${mail.from}>`,
    `To: ${mail.to}`,
    ...(mail.cc ? [`Cc: ${mail.cc}`] : []),
    ...(mail.bcc ? [`Bcc: ${mail.bcc}`] : []),
    ...(mail.replyTo ? [`Reply-To: ${mail.replyTo}`] : []),
    `Subject: ${headerText(mail.subject)}`,
    `Date: ${mail.sentAt.toUTCString()}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join('\r\n');
  // A plain-text message (the owner's cash warning) has no HTML part: its lines would run together as HTML.
  const parts = mail.htmlBody ? [part('text/plain', mail.body), part('text/html', mail.htmlBody)] : [part('text/plain', mail.body)];
  return [...headers, '', ...parts, `--${boundary}--`, ''].join('\r\n');
}
