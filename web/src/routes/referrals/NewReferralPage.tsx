import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type ConsentCategory, consentCategories, referralsApi } from '../../api/referrals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChoiceGroup, SelectField, TextareaField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
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
  if (!offers.data) return <PageState query={offers}>{() => null}</PageState>;
  if (!consents.data) return <PageState query={consents}>{() => null}</PageState>;
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
        <SelectField
          id="referral-offer"
          label={t('referrals.new.offer')}
          required
          placeholder={t('referrals.new.chooseOffer')}
          options={offers.data.map((o) => ({
            value: o.id,
            label: `${o.title} – ${o.providerName}`,
          }))}
          value={offerId}
          onChange={(value) => {
            setOfferId(value);
            setShared([]);
          }}
        />
        <TextareaField
          id="referral-reason"
          label={t('referrals.new.reason')}
          rows={4}
          required
          value={reason}
          onChange={setReason}
        />
        <ChoiceGroup
          type="radio"
          name="participation"
          legend={t('referrals.new.participation')}
          idPrefix="participation"
          options={(['voluntary', 'mandatory'] as const).map((p) => ({
            value: p,
            label: t(`referrals.participation.${p}` as MessageKey),
          }))}
          value={participation}
          onChange={setParticipation}
        />
        {offer && (
          <ChoiceGroup
            type="checkbox"
            legend={t('referrals.new.shared')}
            idPrefix="shared"
            hint={
              consented.size === 0
                ? t('referrals.new.noConsent', { org: offer.providerName })
                : undefined
            }
            options={consentCategories
              .filter((c) => consented.has(c))
              .map((c) => ({ value: c, label: t(`referrals.category.${c}` as MessageKey) }))}
            value={shared}
            onChange={setShared}
          />
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
