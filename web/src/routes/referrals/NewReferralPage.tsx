import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type ConsentCategory, consentCategories, referralsApi } from '../../api/referrals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

/**
 * Referral from the citizen's page: consent first. Only the categories the citizen has validly
 * consented to share with the chosen offer's provider can be ticked.
 */
export function NewReferralPage() {
  const t = useT();
  useDocumentTitle(t('referrals.new.title'));
  const { id: citizenId = '' } = useParams();
  const navigate = useNavigate();
  const offers = useQuery({ queryKey: ['referrals', 'offers'], queryFn: referralsApi.offers });
  const consents = useQuery({
    queryKey: ['consents', citizenId],
    queryFn: () => referralsApi.consents(citizenId),
  });
  const [offerId, setOfferId] = useState('');
  const [reason, setReason] = useState('');
  const [participation, setParticipation] = useState<'voluntary' | 'mandatory' | ''>('');
  const [shared, setShared] = useState<ConsentCategory[]>([]);
  const create = useMutation({
    mutationFn: (send: boolean) =>
      referralsApi.create({
        citizenId,
        offerId,
        reason,
        participation,
        sharedCategories: shared,
        send,
      }),
    onSuccess: (r) => navigate(`/henvisninger/${r.id}`),
  });
  if (offers.isPending || consents.isPending) return <Loading />;
  if (offers.isError) return <ErrorState error={offers.error} onRetry={() => offers.refetch()} />;
  if (consents.isError)
    return <ErrorState error={consents.error} onRetry={() => consents.refetch()} />;
  const offer = offers.data.find((o) => o.id === offerId);
  const consented = new Set(
    consents.data
      .filter((c) => c.active && c.recipientOrganisationId === offer?.providerOrganisationId)
      .flatMap((c) => c.categories),
  );
  const valid = offerId && reason.trim().length >= 3 && participation;
  return (
    <>
      <PageHeading>{t('referrals.new.title')}</PageHeading>
      <div className="alert alert-info">
        <div className="alert-body">
          <p className="alert-text">{t('referrals.new.consentFirst')}</p>
          <Link to={`/borgere/${citizenId}/samtykke`}>{t('referrals.new.consentLink')}</Link>
        </div>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(true);
        }}
      >
        <div className="form-group">
          <label className="form-label" htmlFor="referral-offer">
            {t('referrals.new.offer')}
          </label>
          <select
            id="referral-offer"
            className="form-select"
            value={offerId}
            required
            onChange={(e) => {
              setOfferId(e.target.value);
              setShared([]);
            }}
          >
            <option value="">{t('referrals.new.chooseOffer')}</option>
            {offers.data.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title} – {o.providerName}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="referral-reason">
            {t('referrals.new.reason')}
          </label>
          <textarea
            id="referral-reason"
            className="form-input"
            rows={4}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <fieldset className="form-group">
          <legend className="form-label">{t('referrals.new.participation')}</legend>
          {(['voluntary', 'mandatory'] as const).map((p) => (
            <div className="form-group-radio" key={p}>
              <input
                type="radio"
                className="form-radio"
                id={`participation-${p}`}
                name="participation"
                value={p}
                checked={participation === p}
                onChange={() => setParticipation(p)}
              />
              <label htmlFor={`participation-${p}`}>
                {t(`referrals.participation.${p}` as MessageKey)}
              </label>
            </div>
          ))}
        </fieldset>
        {offer && (
          <fieldset className="form-group">
            <legend className="form-label">{t('referrals.new.shared')}</legend>
            {consented.size === 0 && (
              <p className="form-hint">
                {t('referrals.new.noConsent', { org: offer.providerName })}
              </p>
            )}
            {consentCategories
              .filter((c) => consented.has(c))
              .map((c) => (
                <div className="form-group-checkbox" key={c}>
                  <input
                    type="checkbox"
                    className="form-checkbox"
                    id={`shared-${c}`}
                    checked={shared.includes(c)}
                    onChange={(e) =>
                      setShared(e.target.checked ? [...shared, c] : shared.filter((x) => x !== c))
                    }
                  />
                  <label htmlFor={`shared-${c}`}>
                    {t(`referrals.category.${c}` as MessageKey)}
                  </label>
                </div>
              ))}
          </fieldset>
        )}
        <ErrorAlert error={create.error} />
        <button
          type="submit"
          className="button button-primary"
          disabled={!valid || create.isPending}
        >
          {t('referrals.new.submit')}
        </button>{' '}
        <button
          type="button"
          className="button button-secondary"
          disabled={!valid || create.isPending}
          onClick={() => create.mutate(false)}
        >
          {t('referrals.new.saveDraft')}
        </button>
      </form>
    </>
  );
}
