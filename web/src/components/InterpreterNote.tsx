/**
 * The citizen's language and interpreter need (stored on the citizen), shown wherever a meeting
 * or a session is booked so the booker remembers the interpreter. Nothing for Danish without one.
 */
import { useLanguage, useT } from '../i18n';

export function InterpreterNote({
  language,
  needsInterpreter,
}: {
  language: string;
  needsInterpreter: boolean;
}) {
  const t = useT();
  const { language: ui } = useLanguage();
  if (language === 'da' && !needsInterpreter) return null;
  let name = language;
  try {
    name = new Intl.DisplayNames([ui], { type: 'language' }).of(language) ?? language;
  } catch {
    // An unknown code is shown as it is.
  }
  return (
    <span className="d-block form-hint" data-testid="interpreter-note">
      {t('practices.language', { language: name })}
      {needsInterpreter && (
        <>
          {' · '}
          <strong>{t('practices.interpreter')}</strong>
        </>
      )}
    </span>
  );
}
