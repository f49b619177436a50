import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeState } from './state';

export const SandboxMode = Object.freeze({ IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' });
export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

/** An HTML page the add-on built for a dialog or sidebar. */
export class HtmlOutput {
  title = '';
  width = 0;
  height = 0;
  constructor(private readonly state: RuntimeState, public content: string) {}

  face(): HtmlOutput {
    return this.state.expose('HtmlOutput', this);
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): HtmlOutput {
    this.content = content;
    return this.face();
  }
  append(content: string): HtmlOutput {
    this.content += content;
    return this.face();
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): HtmlOutput {
    this.title = title;
    return this.face();
  }
  setWidth(width: number): HtmlOutput {
    this.width = width;
    return this.face();
  }
  getWidth(): number {
    return this.width;
  }
  setHeight(height: number): HtmlOutput {
    this.height = height;
    return this.face();
  }
  getHeight(): number {
    return this.height;
  }
  setSandboxMode(): HtmlOutput {
    return this.face();
  }
  setXFrameOptionsMode(): HtmlOutput {
    return this.face();
  }
  addMetaTag(): HtmlOutput {
    return this.face();
  }
}

/** HtmlService: pages from strings or from the .html files pushed beside Code.js. */
export class HtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(private readonly state: RuntimeState, private readonly filesDir: string | null) {}

  createHtmlOutput(html = ''): HtmlOutput {
    return new HtmlOutput(this.state, String(html)).face();
  }
  /** Class HtmlService, createHtmlOutputFromFile(filename): a file pushed with the project (".html" may be left off); a missing one throws, with the message people report. */
  createHtmlOutputFromFile(name: string): HtmlOutput {
    if (!this.filesDir) throw new Error(`Exception: No HTML file named ${name} was found.`);
    const file = join(this.filesDir, name.endsWith('.html') ? name : `${name}.html`);
    let html: string;
    try {
      html = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`Exception: No HTML file named ${name} was found.`);
    }
    return new HtmlOutput(this.state, html).face();
  }
}

export const ButtonSet = Object.freeze({ OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' });
export const Button = Object.freeze({ OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' });

export interface MenuRecord {
  title: string;
  items: Array<{ caption: string; functionName: string } | 'separator'>;
}

export class Menu {
  readonly record: MenuRecord;
  constructor(private readonly ui: Ui, title: string) {
    this.record = { title, items: [] };
  }
  addItem(caption: string, functionName: string): Menu {
    this.record.items.push({ caption, functionName });
    return this.ui.state.expose('Menu', this);
  }
  addSeparator(): Menu {
    this.record.items.push('separator');
    return this.ui.state.expose('Menu', this);
  }
  addToUi(): void {
    const existing = this.ui.menus.findIndex((menu) => menu.title === this.record.title);
    if (existing >= 0) this.ui.menus.splice(existing, 1);
    this.ui.menus.push(this.record);
  }
}

/** The spreadsheet's UI: menus, alerts, dialogs and the sidebar, all recorded. */
export class Ui {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;
  readonly menus: MenuRecord[] = [];
  readonly alerts: Array<{ title: string; prompt: string }> = [];
  readonly dialogs: Array<{ title: string; html: string; width: number; height: number }> = [];
  sidebar: { title: string; html: string } | null = null;
  /** Answers the next alerts give, in order; OK when empty. */
  readonly answers: string[] = [];

  constructor(readonly state: RuntimeState, private readonly addonTitle: string) {}

  createAddonMenu(): Menu {
    return this.state.expose('Menu', new Menu(this, this.addonTitle));
  }
  createMenu(title: string): Menu {
    return this.state.expose('Menu', new Menu(this, title));
  }
  /** Class Ui, alert(title, prompt, buttons): the button pressed; the runtime answers from `answers`, OK when none is set. */
  alert(titleOrPrompt: string, prompt?: string): string {
    this.alerts.push(prompt === undefined ? { title: '', prompt: titleOrPrompt } : { title: titleOrPrompt, prompt });
    return this.answers.shift() ?? Button.OK;
  }
  showModalDialog(output: HtmlOutput, title: string): void {
    this.dialogs.push({ title, html: output.getContent(), width: output.getWidth(), height: output.getHeight() });
  }
  showModelessDialog(output: HtmlOutput, title: string): void {
    this.showModalDialog(output, title);
  }
  showSidebar(output: HtmlOutput): void {
    this.sidebar = { title: output.getTitle(), html: output.getContent() };
  }
}
