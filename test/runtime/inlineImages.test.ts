// MailApp's inlineImages as its reference describes them ("a mapping from
// image key (String) to image data (BlobSource); this assumes that the
// htmlBody parameter is used and contains references to these images in the
// format <img src="cid:imageKey" />"), read strictly by the runtime.
import { describe, expect, it } from 'vitest';
import { AppsScriptRuntime } from '../../runtime/index';

function scripted(code: string) {
  const runtime = new AppsScriptRuntime().load({ code });
  runtime.createSpreadsheet({ id: 'doc-1' });
  return runtime;
}

const SEND = `
  function send(html, keys, type) {
    const images = {};
    for (const key of keys) images[key] = Utilities.newBlob([71, 73, 70, 56, 55, 97], type || 'image/gif', key + '.gif');
    const message = { to: 'a@example.com', subject: 'Pay', body: 'text', inlineImages: images };
    if (html !== null) message.htmlBody = html;
    MailApp.sendEmail(message);
  }
  function sendWithout(html) { MailApp.sendEmail({ to: 'a@example.com', subject: 'Pay', body: 'text', htmlBody: html }); }`;

describe('MailApp inlineImages', () => {
  it('keeps each image the HTML shows by cid:, with its key and content type', () => {
    const runtime = scripted(SEND);
    runtime.run('send', ['<p><img src="cid:code-1" width="10"></p>', ['code-1']]);
    expect(runtime.outbox.sent[0].inlineImages.map((image) => [image.name, image.contentType, image.bytes.toString('latin1')])).toEqual([['code-1', 'image/gif', 'GIF87a']]);
    expect(runtime.outbox.sent[0].attachments).toEqual([]);
  });

  it('refuses images without an htmlBody, an image the HTML does not show, a cid: without its image, a key of odd characters, and what is not an image', () => {
    const runtime = scripted(SEND);
    expect(() => runtime.run('send', [null, ['a']])).toThrow('needs an htmlBody');
    expect(() => runtime.run('send', ['<img src="cid:a">', ['a', 'b']])).toThrow('inlineImages["b"] is not shown');
    expect(() => runtime.run('send', ['<img src="cid:a"><img src="cid:c">', ['a']])).toThrow('htmlBody shows cid:c');
    expect(() => runtime.run('sendWithout', ['<img src="cid:a">'])).toThrow('no inlineImages are given');
    expect(() => runtime.run('send', ['<img src="cid:a b">', ['a b']])).toThrow('inlineImages key');
    expect(() => runtime.run('send', ['<img src="cid:a">', ['a'], 'text/html'])).toThrow('not an image');
    expect(runtime.outbox.sent).toHaveLength(0);
  });
});
