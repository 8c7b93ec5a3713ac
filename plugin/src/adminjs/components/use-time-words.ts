// The translated words and Intl locale the viewer's times are written with.
import { useTranslation } from 'adminjs';
import type { RelativeWords } from './time-format.js';

export function useTimeWords(): RelativeWords {
  const { translateComponent } = useTranslation();
  return { locale: translateComponent('AuditLog.intlLocale'), justNow: translateComponent('AuditLog.justNow') };
}
