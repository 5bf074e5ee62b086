import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type ConsentCategory,
  consentCategories,
  formatDate,
  referralsApi,
} from '../../api/referrals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

/** Staff record a consent given verbally or on paper (or a refusal), and withdraw one. */
export function ConsentPage() {
  const t = useT();
  useDocumentTitle(t('consents.title'));
  const { id: citizenId = '' } = useParams();
  const queryClient = useQueryClient();
  const consents = useQuery({
    queryKey: ['consents', citizenId],
    queryFn: () => referralsApi.consents(citizenId),
  });
  const recipients = useQuery({
    queryKey: ['consents', 'recipients'],
    queryFn: referralsApi.recipients,
  });
  const today = new Date().toISOString().slice(0, 10);
  const [recipient, setRecipient] = useState('');
  const [categories, setCategories] = useState<ConsentCategory[]>([]);
  const [purpose, setPurpose] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState('');
  const [givenHow, setGivenHow] = useState<'verbal' | 'signed_paper'>('verbal');
  const [status, setStatus] = useState<'given' | 'refused'>('given');
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['consents', citizenId] });
  const record = useMutation({
    mutationFn: () =>
      referralsApi.recordConsent({
        citizenId,
        recipientOrganisationId: recipient,
        categories,
        purpose,
        validFrom,
        validTo: validTo || null,
        givenHow,
        status,
      }),
    onSuccess: () => {
      setNotice(t('consents.saved'));
      setCategories([]);
      setPurpose('');
      refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => referralsApi.withdrawConsent(id),
    onSuccess: () => {
      setNotice(t('consents.withdrawn'));
      refresh();
    },
  });
  const statusText = (c: { status: string; active: boolean }) =>
    c.status === 'given' && !c.active
      ? t('consents.status.expired')
      : t(`consents.status.${c.status}` as MessageKey);
  return (
    <>
      <PageHeading>{t('consents.title')}</PageHeading>
      <p className="font-lead">{t('consents.intro')}</p>
      {notice && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{notice}</p>
          </div>
        </div>
      )}
      <section aria-labelledby="consent-list">
        <h2 id="consent-list">{t('consents.list')}</h2>
        {consents.isPending ? (
          <Loading />
        ) : consents.isError ? (
          <ErrorState error={consents.error} onRetry={() => consents.refetch()} />
        ) : consents.data.length === 0 ? (
          <p>{t('consents.empty')}</p>
        ) : (
          <div className="table--responsive-scroll">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('consents.recipient')}</th>
                  <th scope="col">{t('consents.categories')}</th>
                  <th scope="col">{t('consents.purpose')}</th>
                  <th scope="col">{t('consents.validFrom')}</th>
                  <th scope="col">{t('courses.detail.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('consents.withdraw')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {consents.data.map((c) => (
                  <tr key={c.id}>
                    <td>{c.recipientOrganisationName}</td>
                    <td>
                      {c.categories
                        .map((x) => t(`referrals.category.${x}` as MessageKey))
                        .join(', ')}
                    </td>
                    <td>{c.purpose}</td>
                    <td>
                      {formatDate(c.validFrom)}
                      {c.validTo ? ` – ${formatDate(c.validTo)}` : ''}
                    </td>
                    <td>
                      {statusText(c)}
                      {c.recordedByName && (
                        <span className="d-block form-hint">
                          {t('consents.recordedBy', { name: c.recordedByName })} ·{' '}
                          {t(`consents.how.${c.givenHow}` as MessageKey)}
                        </span>
                      )}
                    </td>
                    <td>
                      {c.status === 'given' && (
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={`${t('consents.withdraw')}: ${c.recipientOrganisationName}`}
                          onClick={() => withdraw.mutate(c.id)}
                        >
                          {t('consents.withdraw')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="consent-form">
        <h2 id="consent-form">{t('consents.submit')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setNotice(null);
            record.mutate();
          }}
        >
          <div className="form-group">
            <label className="form-label" htmlFor="consent-recipient">
              {t('consents.recipient')}
            </label>
            <select
              id="consent-recipient"
              className="form-select"
              required
              value={recipient}
              onChange={(e) => setRecipient(e.target.value)}
            >
              <option value="">{t('consents.chooseRecipient')}</option>
              {recipients.data?.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="form-group">
            <legend className="form-label">{t('consents.categories')}</legend>
            {consentCategories.map((c) => (
              <div className="form-group-checkbox" key={c}>
                <input
                  type="checkbox"
                  className="form-checkbox"
                  id={`consent-${c}`}
                  checked={categories.includes(c)}
                  onChange={(e) =>
                    setCategories(
                      e.target.checked ? [...categories, c] : categories.filter((x) => x !== c),
                    )
                  }
                />
                <label htmlFor={`consent-${c}`}>{t(`referrals.category.${c}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          <div className="form-group">
            <label className="form-label" htmlFor="consent-purpose">
              {t('consents.purpose')}
            </label>
            <input
              id="consent-purpose"
              className="form-input"
              required
              minLength={3}
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="consent-from">
              {t('consents.validFrom')}
            </label>
            <input
              id="consent-from"
              type="date"
              className="form-input input-width-s"
              value={validFrom}
              onChange={(e) => setValidFrom(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="consent-to">
              {t('consents.validTo')}
            </label>
            <input
              id="consent-to"
              type="date"
              className="form-input input-width-s"
              value={validTo}
              onChange={(e) => setValidTo(e.target.value)}
            />
          </div>
          <fieldset className="form-group">
            <legend className="form-label">{t('consents.givenHow')}</legend>
            {(['verbal', 'signed_paper'] as const).map((h) => (
              <div className="form-group-radio" key={h}>
                <input
                  type="radio"
                  className="form-radio"
                  name="givenHow"
                  id={`how-${h}`}
                  checked={givenHow === h}
                  onChange={() => setGivenHow(h)}
                />
                <label htmlFor={`how-${h}`}>{t(`consents.how.${h}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          <fieldset className="form-group">
            <legend className="form-label">{t('consents.decision')}</legend>
            {(['given', 'refused'] as const).map((s) => (
              <div className="form-group-radio" key={s}>
                <input
                  type="radio"
                  className="form-radio"
                  name="decision"
                  id={`decision-${s}`}
                  checked={status === s}
                  onChange={() => setStatus(s)}
                />
                <label htmlFor={`decision-${s}`}>{t(`consents.${s}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          <ErrorAlert error={record.error} />
          <button
            type="submit"
            className="button button-primary"
            disabled={!recipient || categories.length === 0 || record.isPending}
          >
            {t('consents.submit')}
          </button>
        </form>
      </section>
      <p className="mt-6">
        <Link to={`/borgere/${citizenId}/henvisning`}>{t('consents.toReferral')}</Link>
      </p>
    </>
  );
}
