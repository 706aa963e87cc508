'use strict';
// The shared fixture programs (tracer/src/test/resources/programs, as the Java tests use them),
// through the DAP suite's fixture helpers: compiled by the real clang with -g -O0 into a temporary
// directory removed when the test process exits, and `// BREAK: name` marker lines.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../../../../..');
const { forDirectories } = require(path.join(ROOT, 'dap-server/src/test/node/lib/fixtures'));

const shared = forDirectories([path.join(ROOT, 'tracer', 'src', 'test', 'resources', 'programs')], 'hindsight-mi-front-ends-');

/** The 1-based line of the first statement containing `text`, for fixtures with few markers. */
function lineOf(name, text) {
  const i = fs.readFileSync(shared.source(name), 'utf8').split('\n').findIndex(l => l.includes(text));
  if (i < 0) throw new Error(`no '${text}' in ${name}`);
  return i + 1;
}

module.exports = { ROOT, ...shared, lineOf };
