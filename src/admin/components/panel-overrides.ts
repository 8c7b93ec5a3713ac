// AdminJS components MessageHub replaces with its own, on the loader the panel bundles from.
// Paths are resolved next to this file, so they work from the TypeScript sources and from dist/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentLoader } from 'adminjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export function overridePanelComponents(loader: ComponentLoader): void {
  // Headings that name the record or resource; action buttons that wrap (ActionHeader.tsx).
  loader.override('ActionHeader', path.join(here, 'ActionHeader'));
  // Notices that stay on the page they were given on (PageNoticeBox.tsx).
  loader.override('NoticeBox', path.join(here, 'PageNoticeBox'));
}
