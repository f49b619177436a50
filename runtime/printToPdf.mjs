// Prints one HTML page (read from stdin) to PDF (written to stdout) with
// headless Chromium, as Apps Script's converter turns an HTML blob into a PDF.
// Run as a child process by runtime/blob.ts, so that Blob.getAs stays
// synchronous as Apps Script's call is.
//
// The page is a document, not a program: scripts are off, and it is served
// from an address of its own (https://document.invalid/, never a file://
// page), with every other request refused, so that nothing it names (an image
// at http://…, file:///etc/passwd, a frame, a stylesheet, a meta refresh) is
// fetched or read. What it prints is what its own HTML and inline styles say.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const PAGE_URL = 'https://document.invalid/document.html';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const html = readFileSync(0);
const browser = await chromium.launch({
  executablePath,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    // Below the request routing, no connection at all: Chromium opens sockets early (preconnect) for addresses a
    // page names, before any request is routed; every connection, loopback included, goes to a proxy that is not there.
    '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>', '--disable-features=NetworkPrediction,Prefetch',
  ],
});
try {
  const page = await browser.newPage({ javaScriptEnabled: false, acceptDownloads: false, serviceWorkers: 'block' });
  await page.route('**/*', (route) => {
    const request = route.request();
    if (request.url() === PAGE_URL && request.isNavigationRequest() && request.frame().parentFrame() === null) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.abort('blockedbyclient');
  });
  await page.goto(PAGE_URL, { waitUntil: 'load', timeout: 30_000 });
  // Chromium's own print defaults (Letter, 1 cm margins), as the command line printed before.
  const pdf = await page.pdf({ format: 'Letter', margin: { top: '1cm', right: '1cm', bottom: '1cm', left: '1cm' }, timeout: 30_000 });
  process.stdout.write(pdf);
} finally {
  await browser.close();
}
