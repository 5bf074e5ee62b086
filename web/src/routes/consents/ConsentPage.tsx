import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type ConsentCategory,
  consentCategories,
  formatDate,
  referralsApi,
} from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChoiceGroup, DateField, InputField, SelectField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
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
  type Consent = NonNullable<typeof consents.data>[number];
  const statusCell = (c: Consent) => (
    <>
      {statusText(c)}
      {c.recordedByName && (
        <span className="d-block form-hint">
          {t('consents.recordedBy', { name: c.recordedByName })} ·{' '}
          {t(`consents.how.${c.givenHow}` as MessageKey)}
        </span>
      )}
    </>
  );
  const withdrawButton = (c: Consent) =>
    c.status === 'given' && (
      <button
        type="button"
        className="button button-secondary"
        aria-label={`${t('consents.withdraw')}: ${c.recipientOrganisationName}`}
        onClick={() => withdraw.mutate(c.id)}
      >
        {t('consents.withdraw')}
      </button>
    );
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
        <PageState query={consents} empty={t('consents.empty')}>
          {(data) => (
            <DataTable
              caption={t('consents.list')}
              className="table table--compact"
              rows={data}
              rowKey={(c) => c.id}
              columns={[
                {
                  key: 'recipient',
                  header: t('consents.recipient'),
                  cell: (c) => c.recipientOrganisationName,
                },
                {
                  key: 'categories',
                  header: t('consents.categories'),
                  cell: (c) =>
                    c.categories.map((x) => t(`referrals.category.${x}` as MessageKey)).join(', '),
                },
                { key: 'purpose', header: t('consents.purpose'), cell: (c) => c.purpose },
                {
                  key: 'valid',
                  header: t('consents.validFrom'),
                  cell: (c) =>
                    `${formatDate(c.validFrom)}${c.validTo ? ` – ${formatDate(c.validTo)}` : ''}`,
                },
                { key: 'status', header: t('courses.detail.status'), cell: statusCell },
                {
                  key: 'withdraw',
                  header: t('consents.withdraw'),
                  hideHeader: true,
                  cell: withdrawButton,
                },
              ]}
            />
          )}
        </PageState>
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
          <SelectField
            id="consent-recipient"
            label={t('consents.recipient')}
            required
            placeholder={t('consents.chooseRecipient')}
            options={(recipients.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
            value={recipient}
            onChange={setRecipient}
          />
          <ChoiceGroup
            type="checkbox"
            legend={t('consents.categories')}
            idPrefix="consent"
            options={consentCategories.map((c) => ({
              value: c,
              label: t(`referrals.category.${c}` as MessageKey),
            }))}
            value={categories}
            onChange={setCategories}
          />
          <InputField
            id="consent-purpose"
            label={t('consents.purpose')}
            required
            minLength={3}
            value={purpose}
            onChange={setPurpose}
          />
          <DateField
            id="consent-from"
            label={t('consents.validFrom')}
            value={validFrom}
            onChange={setValidFrom}
          />
          <DateField
            id="consent-to"
            label={t('consents.validTo')}
            value={validTo}
            onChange={setValidTo}
          />
          <ChoiceGroup
            type="radio"
            name="givenHow"
            legend={t('consents.givenHow')}
            idPrefix="how"
            options={(['verbal', 'signed_paper'] as const).map((h) => ({
              value: h,
              label: t(`consents.how.${h}`),
            }))}
            value={givenHow}
            onChange={setGivenHow}
          />
          <ChoiceGroup
            type="radio"
            name="decision"
            legend={t('consents.decision')}
            idPrefix="decision"
            options={(['given', 'refused'] as const).map((s) => ({
              value: s,
              label: t(`consents.${s}`),
            }))}
            value={status}
            onChange={setStatus}
          />
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
