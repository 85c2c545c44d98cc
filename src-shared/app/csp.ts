/**
 * The production Content-Security-Policy of the renderer. Scripts only from our own origin;
 * styles may be inline because Mantine injects its CSS variables in <style> tags.
 * `connect-src 'self'` also covers same-origin WebSockets, which the end-to-end bridge uses.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')
