// Serves the built sidebar page on localhost with google.script.run bridged
// to the in-memory Apps Script: the page runs as in Sheets, its server calls
// run on the sandbox workbook. Used by `npm start` and the browser tests.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppsScriptRuntime } from '../runtime/index';
import { CLIENT_CARRIED } from '../runtime/scriptRun';

/**
 * google.script.run in the page: each call becomes one POST to /rpc,
 * answered by the handler it was given. Its arguments are checked in the
 * page as Apps Script's client checks them (a Date, a function or a DOM
 * element fails the call), before JSON could quietly turn a Date into text.
 */
const BRIDGE = `<script>
(function () {
  ${CLIENT_CARRIED}
  function runner(success, failure) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === 'withSuccessHandler') return function (handler) { return runner(handler, failure); };
        if (name === 'withFailureHandler') return function (handler) { return runner(success, handler); };
        // A private function (its name ends in "_") is not on google.script.run at all.
        if (typeof name !== 'string' || /_$/.test(name)) return undefined;
        return function () {
          var args;
          try {
            args = Array.prototype.slice.call(arguments).map(function (arg, i) { return carried(arg, String(i), []); });
          } catch (error) {
            setTimeout(function () { if (failure) failure(error); else console.error(error); });
            return;
          }
          fetch('/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name, args: args }) })
            .then(function (response) { return response.json(); })
            .then(function (answer) {
              // A dialog the call opened (Import bank statement) opens here as a window of its own.
              if (answer.dialog) window.open(answer.dialog.url, '_blank', 'width=' + answer.dialog.width + ',height=' + answer.dialog.height);
              if (answer.ok) { if (success) success(answer.value); }
              else if (failure) failure(new Error(answer.error));
            });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () { window.close(); } } } };
})();
</script>`;


async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `afterCall` runs after each server function the page called successfully (the sandbox keeps the sidebar's edits with it). */
export async function serveSidebar(runtime: AppsScriptRuntime, distDir: string, port = 0, afterCall?: (name: string) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method === 'GET' && (request.url === '/' || request.url?.startsWith('/?'))) {
        // The page as Sheets serves it (its stylesheet is inline, so it looks the same), plus the bridge.
        const page = (await readFile(join(distDir, 'Sidebar.html'), 'utf8')).replace('<script>', `${BRIDGE}\n<script>`);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        return;
      }
      const dialog = /^\/dialog\/(\d+)$/.exec(request.url ?? '');
      if (request.method === 'GET' && dialog && runtime.ui.dialogs[Number(dialog[1])]) {
        // A modal dialog the add-on showed (Import bank statement), with the same bridge as the sidebar.
        const html = runtime.ui.dialogs[Number(dialog[1])].html;
        const page = html.includes('<script>') ? html.replace('<script>', `${BRIDGE}\n<script>`) : `${BRIDGE}\n${html}`;
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        return;
      }
      if (request.method === 'POST' && request.url === '/rpc') {
        const { name, args } = JSON.parse(await body(request)) as { name: string; args: unknown[] };
        let answer: { ok: boolean; value?: unknown; error?: string; dialog?: { url: string; width: number; height: number } };
        const dialogsBefore = runtime.ui.dialogs.length;
        try {
          // As Apps Script runs it: a top-level function not ending in "_", the result carried by the same rules.
          answer = { ok: true, value: runtime.scriptRun(name, args) };
          afterCall?.(name);
        } catch (error) {
          answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
        if (runtime.ui.dialogs.length > dialogsBefore) {
          const index = runtime.ui.dialogs.length - 1;
          const { width, height } = runtime.ui.dialogs[index];
          answer.dialog = { url: `/dialog/${index}`, width, height };
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        return;
      }
      response.writeHead(404).end();
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  // A port in use (another sandbox) rejects, so the caller can take another; unhandled, it would end the process.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    // close() alone waits for every keep-alive connection a browser holds open; end them so closing never hangs.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
