import { type ReactNode, useEffect } from 'react';
import { useT } from '../i18n';

/** Sets the document title for a page: "<title> – Helhed". */
export function useDocumentTitle(title: string): void {
  const t = useT();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
}

/**
 * The page's one h1. It can take focus (tabIndex -1) so that the layout can move focus to it
 * after a client-side navigation, as a full page load would for a screen reader.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  return <h1 tabIndex={-1}>{children}</h1>;
}
