import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import { da, type MessageKey, type Messages } from './da';
import { en } from './en';

export type Language = 'da' | 'en';

const messages: Record<Language, Messages> = { da, en };
const storageKey = 'helhed.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface LanguageContextValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'da';
  } catch {
    return 'da';
  }
}

/** Sets everything outside React that follows the language: `<html lang>` and the API header. */
function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  setApiLanguage(language);
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const initial = readStoredLanguage();
    applyLanguage(initial);
    return initial;
  });

  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private mode or blocked storage: the choice then lasts for this page only.
    }
    applyLanguage(next);
    setLanguageState(next);
  }, []);

  const value = useMemo<LanguageContextValue>(() => {
    const table = messages[language];
    const t: Translate = (key, params) => {
      const text = table[key];
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (match, name: string) =>
        name in params ? String(params[name]) : match,
      );
    };
    return { language, setLanguage, t };
  }, [language, setLanguage]);

  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

function useLanguageContext(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('LanguageProvider mangler');
  return value;
}

/** The translate function for the chosen language. */
export function useT(): Translate {
  return useLanguageContext().t;
}

export function useLanguage(): Pick<LanguageContextValue, 'language' | 'setLanguage'> {
  const { language, setLanguage } = useLanguageContext();
  return { language, setLanguage };
}
