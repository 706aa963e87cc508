/**
 * {@code hindsight serve}: a Jetty server for the browser page and its {@code /dap} WebSocket, one
 * DAP message per text frame, to the same session engine as the DAP server.
 * {@link dev.hindsight.web.Gate} (security headers, token, Host) guards every request,
 * {@link dev.hindsight.web.DapEndpoint} checks the Origin of upgrades, and
 * {@link dev.hindsight.web.SessionRegistry} keeps sessions by unguessable id until they go idle.
 * Besides the page's static files the server answers only {@code /mode.json} (whether every page
 * shares one session). The page itself lives in {@code src/main/frontend} and is bundled into
 * {@code static/} by esbuild during the build; its browser tests are in {@code src/test/browser}.
 */
package dev.hindsight.web;
