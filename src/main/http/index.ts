/** The embedded HTTP server. The module's only public door. */
export { createHttpApp, startServer, CONTENT_SECURITY_POLICY, type HttpOptions, type RunningServer } from './server';
export { buildOpenApi } from './openapi';
export { createRendererApp, startRendererServer } from './renderer-server';
