/**
 * {@code hindsight serve}: a Jetty server for the browser page and its {@code /dap} WebSocket, one
 * DAP message per text frame (or, {@link dev.hindsight.web.DapBatch}, a JSON array of them), to
 * the same session engine as the DAP server.
 * {@link dev.hindsight.web.Gate} (security headers, token, Host) guards every request,
 * {@link dev.hindsight.web.DapEndpoint} checks the Origin of upgrades, and
 * {@link dev.hindsight.web.SessionRegistry} admits sessions (capacity, each client address's share,
 * a secret that only the creator has) and keeps them by unguessable id until their page is gone
 * past the grace period or silent past the idle timeout. Besides the page's static files the server
 * answers only {@code /mode.json} (whether every page shares one session) and
 * {@link dev.hindsight.web.Health /healthz} (sessions in use, for load balancers). The page itself
 * lives in {@code src/main/frontend} and is bundled into {@code static/} by esbuild during the
 * build; its browser tests are in {@code src/test/browser}.
 */
package dev.hindsight.web;
