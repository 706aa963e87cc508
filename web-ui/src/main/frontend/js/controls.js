// The control buttons, their keyboard shortcuts (aria-keyshortcuts in the HTML) and Auto-step.
import { $ } from './dom.js';

const STEPS = { stepInstruction: 'instruction', stepLine: 'line', stepOver: 'over', stepOut: 'out', continue: 'continue' };
// Shown only when the session announces reverse execution (a built recording).
const REVERSE = { backInstruction: 'backInstruction', backLine: 'backLine', backOver: 'backOver', backOut: 'backOut', reverseContinue: 'reverseContinue' };
const SHIFTED_KEYS = { i: 'backInstruction', s: 'backLine', n: 'backOver', o: 'backOut', c: 'reverseContinue' };
const KEYS = { i: 'stepInstruction', s: 'stepLine', n: 'stepOver', o: 'stepOut', c: 'continue', p: 'pause', x: 'stop', r: 'restart', a: 'autoStep' };

export function installControls(dbg, { compile, status, autoStepSpeed }) {
  let auto = false;
  const fail = (e) => status(e.message, true);
  // "Step out failed: cannot read the return address at 0x9", after the stop it leaves standing.
  const failed = (id) => (e) => { if (!e.closed) status(`${$(id).textContent} failed: ${e.message}`, true); };

  for (const [id, kind] of Object.entries({ ...STEPS, ...REVERSE })) {
    $(id).addEventListener('click', () => dbg.step(kind).catch(failed(id)));
  }
  $('compile').addEventListener('click', () => compile());
  $('pause').addEventListener('click', () => Promise.resolve(dbg.pause()).catch(fail));
  $('stop').addEventListener('click', () => { stopAuto(); Promise.resolve(dbg.terminate()).catch(fail); });
  $('restart').addEventListener('click', () => { stopAuto(); dbg.restart().catch(fail); });
  $('autoStep').addEventListener('click', () => (auto ? stopAuto() : runAuto()));

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented) return; // the editor handled it (its own Ctrl+Enter compiles)
    if (e.ctrlKey && e.key === 'Enter') { e.preventDefault(); compile(); return; }
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const id = (e.shiftKey ? SHIFTED_KEYS : KEYS)[e.key.toLowerCase()];
    if (!id) return;
    e.preventDefault();
    if (!$(id).disabled) $(id).click();
  });

  async function runAuto() {
    auto = true;
    $('autoStep').setAttribute('aria-pressed', 'true');
    update(dbg.state);
    while (auto && dbg.state === 'stopped') {
      const started = performance.now();
      try {
        await dbg.step('auto');
      } catch (e) {
        fail(e);
        break;
      }
      const speed = autoStepSpeed();
      const wait = speed > 0 ? 1000 / speed - (performance.now() - started) : 0;
      await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    }
    stopAuto();
  }

  function stopAuto() {
    auto = false;
    $('autoStep').setAttribute('aria-pressed', 'false');
    update(dbg.state);
  }

  function update(state) {
    const stopped = state === 'stopped';
    const live = stopped || state === 'running';
    for (const id of Object.keys(STEPS)) $(id).disabled = !stopped || auto;
    const reverse = Boolean(dbg.capabilities?.supportsStepBack);
    $('reverseControls').hidden = !reverse;
    for (const id of Object.keys(REVERSE)) $(id).disabled = !stopped || auto || !reverse;
    $('pause').disabled = state !== 'running' || auto;
    $('stop').disabled = !live;
    $('restart').disabled = !(live || state === 'ended') || !dbg.client;
    $('autoStep').disabled = !(stopped || auto);
    $('compile').disabled = state === 'launching';
  }

  return { update, stopAuto };
}
