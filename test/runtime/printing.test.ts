// The in-memory Apps Script prints documents to PDF as documents: scripts
// off, nothing fetched, no file read outside the page (issue 21, item 8).
import { existsSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AppsScriptRuntime } from '../../runtime/index';
import { pdfText } from '../support/pdf';

describe('Blob.getAs("application/pdf")', () => {
  it('prints a document with a script, a local file and network addresses in it, running and loading none of them', async () => {
    expect(existsSync('/etc/passwd')).toBe(true);
    const connections: Socket[] = [];
    const server = createServer((socket) => {
      connections.push(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="http://127.0.0.1:${port}/style.css"></head><body>
<p>Statement of account</p>
<script>document.body.insertAdjacentHTML('beforeend', '<p>SCRIPT RAN</p>');</script>
<noscript><p>Scripts are off</p></noscript>
<img src="file:///etc/passwd" alt="">
<img src="http://127.0.0.1:${port}/pixel.png" alt="">
<iframe src="file:///etc/passwd" width="600" height="300"></iframe>
<object data="file:///etc/passwd" type="text/plain" width="600" height="300"></object>
<iframe src="http://127.0.0.1:${port}/frame.html" width="600" height="100"></iframe>
</body></html>`;
    const runtime = new AppsScriptRuntime().load({
      code: `function print(html) { return Utilities.newBlob(html, 'text/html', 'statement.html').getAs('application/pdf').getBytes(); }`,
    });
    try {
      const bytes = runtime.run('print', [html]) as number[];
      const pdf = Buffer.from(Uint8Array.from(bytes, (byte) => byte & 0xff));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain('Statement of account');
      expect(text).toContain('Scripts are off');
      expect(text).not.toContain('SCRIPT RAN');
      // Nothing of /etc/passwd is printed, through a frame, an object or an image.
      expect(text).not.toMatch(/root:|nologin/);
      // Connections wait in the listening socket's queue while the print runs; let them arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(connections).toHaveLength(0);
    } finally {
      server.close();
    }
  }, 120_000);
});
