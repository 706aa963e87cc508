// Copies dap-server's launch-attributes.json into package.json's configurationAttributes.
import { syncAttributes } from './attributes.mjs';
syncAttributes();
