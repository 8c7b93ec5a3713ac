import type { BrandingOptions } from 'adminjs';

export const branding: BrandingOptions = {
  companyName: 'MessageHub',
  withMadeWithLove: false,
  logo: false,
};
