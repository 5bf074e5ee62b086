/**
 * The citizen's information form (oplysningsskema, sygedagpengeloven § 11) on Min side: three
 * questions about how the illness affects the ability to work. Shown only when the job centre
 * has sent one; built for a phone first. The page also says which documents the job centre
 * holds by law (the GP certificate, the mulighedserklæring) rather than by consent.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { answerOwnInformationForm, getOwnInformationForm } from '../../api/followup';
import { danishDate } from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLanguage, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

export function InformationFormSection() {
  const t = useT();
  const { language } = useLanguage();
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['portal', 'information-form'],
    queryFn: getOwnInformationForm,
    retry: false,
  });
  const [workAbility, setWorkAbility] = useState('');
  const [expectedDuration, setExpectedDuration] = useState('');
  const [canStillDo, setCanStillDo] = useState('');
  const [missing, setMissing] = useState(false);
  const answer = useMutation({
    mutationFn: () => answerOwnInformationForm({ workAbility, expectedDuration, canStillDo }),
    onSuccess: (f) => client.setQueryData(['portal', 'information-form'], f),
  });
  // Nothing sent (404): no section.
  if (!q.data) return null;
  const f = q.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const incomplete = ![workAbility, expectedDuration, canStillDo].every((s) => s.trim());
    setMissing(incomplete);
    if (!incomplete) answer.mutate();
  };
  const fields = [
    ['workAbility', workAbility, setWorkAbility],
    ['expectedDuration', expectedDuration, setExpectedDuration],
    ['canStillDo', canStillDo, setCanStillDo],
  ] as const;
  return (
    <section aria-labelledby="portal-information-form" className="portal-section">
      <h2 id="portal-information-form">{t('followup.portal.title')}</h2>
      {f.answeredOn ? (
        <p role="status" className="alert alert-success">
          {t('followup.portal.thanks', { date: danishDate(f.answeredOn) })}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>
            {t('followup.portal.intro')}{' '}
            {f.dueDate && (
              <strong>{t('followup.portal.due', { date: danishDate(f.dueDate) })}</strong>
            )}
          </p>
          {missing && (
            <div className="alert alert-error" role="alert">
              <div className="alert-body">
                <p className="alert-text">{t('followup.portal.missing')}</p>
              </div>
            </div>
          )}
          {fields.map(([key, value, set]) => (
            <div className="form-group" key={key}>
              <label className="form-label" htmlFor={`if-${key}`}>
                {t(`followup.form.${key}` as MessageKey)}
              </label>
              <textarea
                id={`if-${key}`}
                className="form-input"
                rows={3}
                required
                value={value}
                onChange={(e) => set(e.target.value)}
              />
            </div>
          ))}
          <ErrorAlert error={answer.error} />
          <button type="submit" className="button button-primary" disabled={answer.isPending}>
            {t('followup.portal.submit')}
          </button>
        </form>
      )}
      <h3 className="h5">{t('followup.portal.basesTitle')}</h3>
      <ul>
        {f.legalBases.map((b) => (
          <li key={b.document}>
            {t(`followup.document.${b.document}` as MessageKey)}:{' '}
            {b.basis === 'law'
              ? t('followup.basis.law', {
                  reference: b.reference?.[language === 'en' ? 'en' : 'da'] ?? '',
                })
              : t('followup.basis.consent')}
          </li>
        ))}
      </ul>
    </section>
  );
}
