'use strict';
// The shared fixture programs (tracer/src/test/resources/programs, as the Java tests use them),
// through the DAP suite's fixture helpers: compiled by the real clang with -g -O0 into a temporary
// directory removed when the test process exits, and `// BREAK: name` marker lines.
const path = require('path');

const ROOT = path.resolve(__dirname, '../../../../..');
const { forDirectories } = require(path.join(ROOT, 'dap-server/src/test/node/lib/fixtures'));

module.exports = { ROOT, ...forDirectories([path.join(ROOT, 'tracer', 'src', 'test', 'resources', 'programs')],
  'hindsight-mi-front-ends-') };
