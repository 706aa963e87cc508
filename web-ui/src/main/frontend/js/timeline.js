// The recording's timeline (hindsight serve TRACE_DIR): the whole run as a bar, its markers (output,
// system calls, signals, breakpoint hits) and the current moment; a click, a drag or a marker goes there.
import { el } from './dom.js';

const number = (n) => Number(n).toLocaleString('en');

export class Timeline {
  /** @param track the bar element; @param label where the time is written; @param goTo(time) moves there */
  constructor(track, label, goTo) {
    this.track = track;
    this.label = label;
    this.goTo = goTo;
    this.length = 0;
    this.now = 0;
    track.addEventListener('pointerdown', (e) => this.#drag(e));
    track.addEventListener('keydown', (e) => {
      const to = { Home: 0, End: this.length - 1 }[e.key];
      if (to == null || !this.length) return;
      e.preventDefault();
      this.goTo(to);
    });
  }

  /** Draws `t` = hindsight/timeline's answer: {length, now, ending, markers, truncated}. */
  render(t) {
    this.length = Number(t.length ?? 0);
    this.now = Number(t.now ?? 0);
    const markers = (t.markers ?? []).map((m) => {
      const mark = el('span', {
        class: `marker ${m.kind}`, title: `${m.label ?? m.kind} (time ${number(m.time)})`,
        'data-time': String(m.time), 'data-kind': m.kind,
      });
      mark.style.left = this.#percent(m.time);
      return mark;
    });
    const now = el('span', { class: 'now' });
    now.style.left = this.#percent(this.now);
    this.track.replaceChildren(...markers, now);
    this.track.setAttribute('aria-valuemax', String(Math.max(0, this.length - 1)));
    this.track.setAttribute('aria-valuenow', String(this.now));
    this.track.setAttribute('aria-valuetext', `time ${number(this.now)} of ${number(this.length)}`);
    this.label.textContent = `time ${number(this.now)} / ${number(this.length)}${t.truncated ? ' (some markers left out)' : ''}`;
  }

  #percent(time) {
    return `${this.length > 1 ? (100 * Number(time)) / (this.length - 1) : 0}%`;
  }

  /** The time under a pointer at `clientX`; a marker within a few pixels wins (they are thin). */
  #timeAt(clientX) {
    const box = this.track.getBoundingClientRect();
    let best = null;
    for (const m of this.track.querySelectorAll('.marker')) {
      const d = Math.abs(m.getBoundingClientRect().left + 1 - clientX);
      if (d <= 3 && (!best || d < best.d)) best = { d, time: Number(m.dataset.time) };
    }
    if (best) return best.time;
    const f = Math.min(1, Math.max(0, (clientX - box.left) / Math.max(1, box.width)));
    return Math.round(f * Math.max(0, this.length - 1));
  }

  /** Click or drag: a dashed line follows the pointer; the moment it is released at is the one gone to. */
  #drag(e) {
    if (!this.length || e.button !== 0) return;
    e.preventDefault();
    this.track.setPointerCapture?.(e.pointerId);
    const preview = el('span', { class: 'preview' });
    this.track.append(preview);
    const show = (x) => {
      const time = this.#timeAt(x);
      preview.style.left = this.#percent(time);
      this.label.textContent = `go to time ${number(time)} / ${number(this.length)}`;
      return time;
    };
    let time = show(e.clientX);
    const move = (ev) => { time = show(ev.clientX); };
    const up = (ev) => {
      this.track.removeEventListener('pointermove', move);
      this.track.removeEventListener('pointerup', up);
      this.track.removeEventListener('pointercancel', up);
      preview.remove();
      if (ev.type === 'pointerup') this.goTo(time);
    };
    this.track.addEventListener('pointermove', move);
    this.track.addEventListener('pointerup', up);
    this.track.addEventListener('pointercancel', up);
  }
}
