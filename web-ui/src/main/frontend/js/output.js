// The Output panel: the program's stdout/stderr and debugger messages, capped so a chatty program
// cannot exhaust the page; an input line sends text to the program's stdin.
//
// The program runs on a terminal of the server's (as in a shell): its lines arrive as they are
// printed, with the terminal's CR LF, and the terminal itself echoes what is typed, so the page
// does not echo it again. ^D in the input line or the EOF button ends input (a terminal's EOF:
// the program's read returns 0 and it may read again).
const MAX_CHARS = 200_000;

export class OutputPanel {
  constructor(pre) {
    this.pre = pre;
    this.chars = 0;
  }

  clear() {
    this.pre.textContent = '';
    this.chars = 0;
  }

  append(text, category = 'stdout') {
    text = text.replace(/\r\n/g, '\n');
    const span = document.createElement('span');
    span.className = category;
    span.textContent = text;
    const atBottom = this.pre.scrollTop + this.pre.clientHeight >= this.pre.scrollHeight - 4;
    this.pre.append(span);
    this.chars += text.length;
    while (this.chars > MAX_CHARS && this.pre.firstChild) {
      this.chars -= this.pre.firstChild.textContent.length;
      this.pre.firstChild.remove();
    }
    if (atBottom) this.pre.scrollTop = this.pre.scrollHeight;
  }
}

/** Wires the input line: Enter sends the line, ^D or `eofButton` sends end of input, through `writeStdin(args)`. */
export function bindProgramInput(form, input, eofButton, writeStdin) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = `${input.value}\n`;
    input.value = '';
    writeStdin({ text });
  });
  const eof = () => {
    // As at a terminal: ^D after a partly typed line sends that text (without a newline); on an
    // empty line it ends input.
    if (input.value) { writeStdin({ text: input.value }); input.value = ''; }
    writeStdin({ eof: true });
  };
  eofButton.addEventListener('click', eof);
  input.addEventListener('keydown', (e) => {
    if (e.key.toLowerCase() === 'd' && e.ctrlKey && !e.altKey && !e.metaKey) { e.preventDefault(); eof(); }
  });
}
