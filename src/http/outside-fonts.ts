// AdminJS 7 writes a Google Fonts stylesheet link into every page it renders (frontend/layout-
// template.js and login-template.js, with no option to leave it out), so each page asked
// fonts.googleapis.com for Roboto: a request to another site, failing offline. The panel loads the
// same font from the app (branding.ts `panelAssets`, served by static-assets.ts); this layer takes
// the link out of the HTML AdminJS sends. If AdminJS stops writing it, this changes nothing.
import type { RequestHandler } from 'express';

const GOOGLE_FONTS_LINK = /<link\b[^>]*\bhref="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>/g;
/** AdminJS's pages, not its API's JSON (which can quote any text a user typed). */
const HTML_PAGE = /^\s*<!DOCTYPE html>/i;

export const withoutOutsideFonts: RequestHandler = (_req, res, next) => {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => send(typeof body === 'string' && HTML_PAGE.test(body) ? body.replace(GOOGLE_FONTS_LINK, '') : body);
  next();
};
