// The AT&T/Intel switch over the disassembly. The server disassembles in the syntax a launch names
// (disassemblyFlavor), so a live program restarts in the other; the choice is kept for the next Compile.
import { $ } from './dom.js';
import * as store from './store.js';

export function installFlavorSwitch({ dbg, disasm, status }) {
  $('flavor').value = store.loadFlavor();
  dbg.flavor = $('flavor').value;
  $('flavor').addEventListener('change', async () => {
    const flavor = $('flavor').value;
    store.saveFlavor(flavor);
    const name = flavor === 'intel' ? 'Intel' : 'AT&T';
    disasm.clear(`${name} syntax from the next Compile.`);
    try {
      if (await dbg.setFlavor(flavor)) status(`Restarted to show ${name} syntax.`);
    } catch (e) {
      status(`Syntax: ${e.message}`, true);
    }
  });
}
