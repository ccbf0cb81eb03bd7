import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** The repo's built dashboard (web/dist), from this file's place in services/gateway/src/adapters/http. */
export const DEFAULT_WEB_DIST_DIR = resolve(__dirname, '../../../../../web/dist');

// The app's own scripts, styles and API calls only; inline style attributes for chart geometry.
// No upgrade-insecure-requests: the dashboard is also opened over plain http on a LAN address.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the dashboard's static build at `/` with an SPA fallback (index.html for any other GET
 * outside `/api`). Nothing is registered when the directory has no index.html, so a gateway
 * without a built app answers 404 as before. Register after the API routes.
 */
export function webAppRoutes(dir: string = DEFAULT_WEB_DIST_DIR) {
  return (app: Express) => {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) return;
    const csp = (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('content-security-policy', CSP);
      next();
    };
    const isApp = (req: Request) =>
      (req.method === 'GET' || req.method === 'HEAD') && !/^\/api(\/|$)/.test(req.path);
    app.use((req: Request, res: Response, next: NextFunction) => (isApp(req) ? csp(req, res, next) : next()));
    // Hashed assets never change; index.html is always revalidated so a new build is picked up.
    app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(dir, { index: 'index.html', maxAge: 0 }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (!isApp(req) || /\.[a-z0-9]+$/i.test(req.path)) {
        next();
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    });
  };
}
