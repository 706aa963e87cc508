// A small stream language for GNU assembler (AT&T and Intel) syntax.
import { StreamLanguage } from '@codemirror/language';

export const gasLanguage = StreamLanguage.define({
  name: 'gas',
  startState: () => ({ lineStart: true }),
  token(stream, state) {
    if (stream.sol()) state.lineStart = true;
    if (stream.eatSpace()) return null;
    if (stream.match('/*')) {
      while (!stream.eol() && !stream.match('*/')) stream.next();
      return 'comment';
    }
    if (stream.match(/^(#|\/\/|;)/)) { stream.skipToEnd(); return 'comment'; }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^'(?:[^'\\]|\\.)'?/)) return 'string';
    if (stream.match(/^%[a-z0-9]+/i)) return 'variableName.special';
    if (stream.match(/^\$?-?(0x[0-9a-f]+|0b[01]+|\d+)/i)) return 'number';
    if (stream.match(/^\.[a-z_][\w.]*/i)) { state.lineStart = false; return 'keyword'; }
    if (stream.match(/^[a-z_.$][\w.$]*:/i)) { state.lineStart = true; return 'labelName'; }
    if (stream.match(/^[a-z_][\w.$]*/i)) {
      const first = state.lineStart;
      state.lineStart = false;
      return first ? 'keyword' : 'variableName';
    }
    stream.next();
    return 'punctuation';
  },
  languageData: { commentTokens: { line: '#' } },
});
