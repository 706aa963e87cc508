// "Waiting for input": the server tells (its event hindsight/waitingForInput) when the running
// program is blocked reading its terminal. The banner says so and the input line is lit and
// focused, so a learner sees why nothing happens and where to type.
export const WAITING_TEXT = 'Running — waiting for input: type a line below';

export class InputWaitView {
  /** @param banner the state banner; form/input the program's input line */
  constructor(banner, form, input) {
    Object.assign(this, { banner, form, input });
    this.waiting = false;
  }

  /** The server's word; `running` is the page's state (a late event after a stop is ignored). */
  set(waiting, running) {
    waiting = waiting && running;
    if (waiting === this.waiting) return;
    this.waiting = waiting;
    this.form.classList.toggle('waiting', waiting);
    if (waiting) {
      this.banner.setState(WAITING_TEXT);
      this.input.focus();
    } else if (running) {
      this.banner.setState('Running…');
    }
  }

  /** Any change of the page's state ends a wait (the server tells a new one). */
  reset() {
    this.waiting = false;
    this.form.classList.remove('waiting');
  }
}
