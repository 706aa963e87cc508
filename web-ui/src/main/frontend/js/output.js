// The Output panel: the program's stdout/stderr and debugger messages, capped so a chatty program
// cannot exhaust the page; an input line sends text to the program's stdin.
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
