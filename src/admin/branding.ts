import type { Assets, BrandingOptions } from 'adminjs';

/** Where the app serves its own icon and fonts (src/http/static-assets.ts): nothing comes from another site. */
export const FAVICON_PATH = '/favicon.ico';
export const STATIC_ROOT = '/static';
/** Roboto, the panel's font, in the weights AdminJS's pages use. */
export const ROBOTO_WEIGHTS = [300, 400, 500, 700] as const;
export const robotoStylesheet = (weight: number) => `${STATIC_ROOT}/fonts/roboto/${weight}.css`;

export const branding: BrandingOptions = {
  companyName: 'MessageHub',
  withMadeWithLove: false,
  logo: false,
  favicon: FAVICON_PATH,
};

/** Stylesheets every panel page (and the sign-in page) loads: the self-hosted Roboto. */
export const panelAssets: Assets = {
  styles: ROBOTO_WEIGHTS.map(robotoStylesheet),
};
