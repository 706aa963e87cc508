// What a person does and sees in the VS Code workbench, through its page: files in the Explorer,
// the editor's gutter, the Variables and Disassembly views, the Debug Console and the Problems
// panel. Every wait is for something on the page, with a generous deadline (the machine is loaded).
const deadline = 120_000;

export class Workbench {
  constructor(page, serverLog) {
    this.page = page;
    this.serverLog = serverLog;
  }

  /** Waits for `condition` (a function of the page returning a truthy value) and returns it. */
  async until(what, condition, timeout = deadline) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        last = await condition();
        if (last) return last;
      } catch (e) {
        last = e;
      }
      await this.page.waitForTimeout(250); // polling the page, not waiting out a speed
    }
    const shot = `/tmp/hindsight-vscode-failure-${Date.now()}.png`;
    await this.page.screenshot({ path: shot }).catch(() => {});
    throw new Error(`timed out waiting for ${what} (last: ${last}); screenshot ${shot}\ncode-server log:\n${this.serverLog().slice(-3000)}`);
  }

  async ready() {
    await this.page.waitForSelector('.monaco-workbench', { timeout: deadline });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: deadline });
  }

  async press(keys) {
    await this.page.keyboard.press(keys);
  }

  /** Opens a file of the workspace with Go to File (Ctrl+P), and puts the cursor in its editor. */
  async openFile(name) {
    await this.press('Control+P');
    await this.typeInQuickInput(name);
    await this.until(`${name} in the editor`, async () =>
      (await this.page.locator('.tabs-container .tab.active').textContent()).includes(name));
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  }

  /** Types into the quick input (palette, Go to File, Go to Line) once it shows, and picks the first entry. */
  async typeInQuickInput(text, { expect = text } = {}) {
    const input = this.page.locator('.quick-input-widget input.input');
    await this.until('the quick input', () => input.isVisible());
    await this.page.keyboard.type(text);
    if (expect) {
      await this.until(`"${expect}" in the quick input's list`, async () =>
        (await this.page.locator('.quick-input-list .monaco-list-row.focused').textContent()).includes(expect));
    }
    await this.press('Enter');
  }

  /** The bounding box of the line number `line` in the editor (scrolled into view first). */
  async lineNumberBox(line) {
    await this.press('Control+G');
    const input = this.page.locator('.quick-input-widget input.input');
    await this.until('the Go to Line input', () => input.isVisible());
    await this.page.keyboard.type(String(line));
    await this.press('Enter');
    return this.until(`line ${line} in the gutter`, async () => {
      for (const n of await this.page.locator('.editor-instance .margin-view-overlays .line-numbers').all()) {
        if ((await n.textContent({ timeout: 2000 })).trim() === String(line)) return n.boundingBox({ timeout: 2000 });
      }
      return undefined;
    });
  }

  /** The editor line whose number is level with the element matching `selector`. */
  async lineLevelWith(selector) {
    const element = this.page.locator(selector).first();
    if (!(await element.count())) return undefined;
    const glyph = await element.boundingBox({ timeout: 2000 });
    if (!glyph) return undefined;
    const middle = glyph.y + glyph.height / 2;
    for (const n of await this.page.locator('.editor-instance .margin-view-overlays .line-numbers').all()) {
      const box = await n.boundingBox({ timeout: 2000 });
      if (box && middle >= box.y && middle < box.y + box.height) return Number((await n.textContent()).trim());
    }
    return undefined;
  }

  /** Clicks the glyph margin, left of the line number, as a person sets a breakpoint. */
  async toggleBreakpoint(line, { removing = false } = {}) {
    const number = await this.lineNumberBox(line);
    const margin = await this.page.locator('.editor-instance .glyph-margin').first().boundingBox();
    await this.page.mouse.click(margin.x + margin.width / 2, number.y + number.height / 2);
    await this.until(`the breakpoint at line ${line} ${removing ? 'gone' : 'shown'}`, async () => {
      const at = await this.lineLevelWith('.editor-instance .codicon-debug-breakpoint');
      return removing ? at !== line : at === line;
    });
  }

  /** The line where the editor shows the program stopped (other than `not`). */
  async stoppedLine({ not } = {}) {
    return this.until('the editor to show a stop', async () => {
      const line = await this.lineLevelWith('.editor-instance .codicon-debug-stackframe');
      return line && line !== not ? line : undefined;
    });
  }

  /** The value the Variables view shows for `name` among the Locals (other than `not`). */
  async variable(name, { not } = {}) {
    return this.until(`${name} in the Variables view`, async () => {
      const locals = this.page.locator('.debug-pane .monaco-list-row[aria-label="Scope Locals"]');
      if ((await locals.count()) && (await locals.getAttribute('aria-expanded')) === 'false') await locals.click();
      // Each row's accessible label: "NAME, value VALUE".
      for (const label of await this.page.locator('.debug-pane .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')))) {
        const m = /^(.+?), value (.*)$/.exec(label || '');
        if (m && m[1] === name && m[2] !== not) return m[2];
      }
      return undefined;
    });
  }

  /** Runs a command of the palette by its title. */
  async command(title) {
    await this.press('F1');
    await this.typeInQuickInput(title);
  }

  /** Opens the Disassembly view and returns the address of the instruction it marks as current. */
  async openDisassembly() {
    await this.command('Open Disassembly View');
    const pc = await this.disassemblyPc();
    // Focus the view (its instruction text: the left edge would set an instruction breakpoint).
    await this.currentInstruction().locator('.instruction').first().click().catch(() => this.currentInstruction().click());
    return pc;
  }

  currentInstruction() {
    return this.page.locator('.disassembly-view .monaco-list-row', { has: this.page.locator('.codicon-debug-stackframe') }).first();
  }

  /** The address of the current instruction in the Disassembly view (other than `not`), a BigInt. */
  async disassemblyPc({ not } = {}) {
    return this.until('the current instruction in the Disassembly view', async () => {
      // The row's accessible label: "Address: 0x…, Bytes: …, Instruction: …".
      const m = /Address: (0x[0-9a-f]+)/i.exec(await this.currentInstruction().getAttribute('aria-label', { timeout: 1000 }));
      const pc = m ? BigInt(m[1]) : undefined;
      return pc !== undefined && pc !== not ? pc : undefined;
    });
  }

  /** Waits until no debug session is running (the debug toolbar is gone). */
  async sessionEnded() {
    await this.until('the debug session to end', async () => (await this.page.locator('.debug-toolbar').count()) === 0
      || !(await this.page.locator('.debug-toolbar').first().isVisible()));
  }

  async debugConsoleShows(text) {
    await this.command('Debug Console: Focus on Debug Console View');
    await this.until(`"${text}" in the Debug Console`, async () =>
      (await this.page.locator('.repl .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.textContent).join('\n'))).includes(text));
  }

  /** The Problems panel's entry with `message`: {file, line, text}. */
  async problem(message) {
    // The panel's Problems tab, as a person would click it (the palette when the panel is closed);
    // again if the Debug Console comes to the front after (a launch that fails opens it too).
    const tab = this.page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' }).first();
    return this.until(`a problem "${message}"`, async () => {
      if (!(await this.page.locator('.markers-panel').first().isVisible())) {
        if (await tab.isVisible()) await tab.click();
        else await this.command('Problems: Focus on Problems View');
        return undefined;
      }
      let file;
      // Accessible labels: "N problems in file NAME of folder …", then "Error: MESSAGE at line L and character C. …".
      for (const label of await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') || ''))) {
        const header = /problems? in file (.+?) of folder/.exec(label);
        if (header) file = header[1];
        const m = /^(?:Error|Warning|Info): (.*) at line (\d+) and character (\d+)/.exec(label);
        if (m && m[1].includes(message)) return { file, line: Number(m[2]), text: label };
      }
      return undefined;
    });
  }

  /** Right-clicks `name` in the Variables view and picks `item` from its context menu. */
  async variableMenu(name, item) {
    const row = this.page.locator(`.debug-pane .monaco-list-row[aria-label^="${name}, value "]`).first();
    await row.click({ button: 'right' });
    const entry = this.page.locator('.monaco-menu .action-item', { hasText: item }).first();
    await this.until(`"${item}" in the context menu`, () => entry.isVisible());
    await entry.click();
  }

  /** The text of a notification matching `pattern`. */
  async notification(pattern) {
    return this.until(`a notification ${pattern}`, async () => {
      const texts = await this.page.locator('.notification-toast, .notification-list-item').evaluateAll((els) => els.map((e) => e.textContent));
      return texts.find((t) => pattern.test(t));
    });
  }
}
