/**
 * Randers and Rebild: a private provider buys places on the health department's courses (the
 * department becomes its subcontractor, decision 1100). The buyer orders, places the citizens
 * referred to it and may record the outcome; the health department accepts or declines and sees
 * the citizens on the bought places as participants on its course.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { formatDate } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InputField, SelectField, TextareaField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

interface Summary {
  id: string;
  side: 'buyer' | 'seller';
  buyerOrganisationName: string;
  sellerOrganisationName: string;
  courseTitle: string;
  courseStart: string;
  offerTitle: string;
  places: number;
  used: number;
  note: string;
  status: string;
  decisionReason: string | null;
}
interface Detail extends Summary {
  placements: {
    enrolmentId: string;
    citizenName: string;
    referralId: string | null;
    status: string;
    outcome: {
      declaredFit: boolean;
      nextStep: string | null;
      recordedByOrganisationName: string | null;
    } | null;
  }[];
  placeable: { referralId: string; citizenName: string; offerTitle: string }[];
  allowedActions: string[];
}
interface ForSale {
  courseId: string;
  courseTitle: string;
  courseStart: string;
  offerTitle: string;
  sellerOrganisationName: string;
}

const purchaseApi = {
  list: () => api<{ items: Summary[]; allowedActions: string[] }>('/api/place-purchases'),
  courses: () => api<{ items: ForSale[] }>('/api/place-purchases/courses'),
  create: (body: unknown) => api<Detail>('/api/place-purchases', { method: 'POST', body }),
  get: (id: string) => api<Detail>(`/api/place-purchases/${id}`),
  decide: (id: string, body: unknown) =>
    api<Detail>(`/api/place-purchases/${id}/decision`, { method: 'POST', body }),
  place: (id: string, referralId: string) =>
    api<Detail>(`/api/place-purchases/${id}/placements`, {
      method: 'POST',
      body: { referralId },
    }),
  outcome: (id: string, enrolmentId: string, body: unknown) =>
    api<Detail>(`/api/place-purchases/${id}/placements/${enrolmentId}/outcome`, {
      method: 'POST',
      body,
    }),
};

const statusKey = (s: string) => `purchases.status.${s}` as MessageKey;
const steps = ['resource_clarification', 'job_ready', 'treatment'] as const;

export function PurchasesPage() {
  const t = useT();
  useDocumentTitle(t('purchases.title'));
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['purchases'], queryFn: purchaseApi.list });
  const mayBuy = list.data?.allowedActions.includes('purchase.create') ?? false;
  const forSale = useQuery({
    queryKey: ['purchases', 'courses'],
    queryFn: purchaseApi.courses,
    enabled: mayBuy,
  });
  const [form, setForm] = useState({ courseId: '', places: '1', note: '' });
  const create = useMutation({
    mutationFn: () =>
      purchaseApi.create({
        courseId: form.courseId,
        places: Number(form.places),
        note: form.note,
      }),
    onSuccess: () => {
      setForm({ courseId: '', places: '1', note: '' });
      return queryClient.invalidateQueries({ queryKey: ['purchases'] });
    },
  });
  return (
    <>
      <PageHeading>{t('purchases.title')}</PageHeading>
      <p className="font-lead">{t('purchases.intro')}</p>
      <PageState query={list}>
        {(l) => (
          <>
            <DataTable
              caption={t('purchases.title')}
              className="table table--compact"
              empty={t('purchases.none')}
              rows={l.items}
              rowKey={(p) => p.id}
              columns={[
                {
                  key: 'course',
                  header: t('purchases.course'),
                  rowHeader: true,
                  cell: (p) => (
                    <Link to={`/koebte-pladser/${p.id}`}>
                      {p.courseTitle} ({formatDate(p.courseStart)})
                    </Link>
                  ),
                },
                {
                  key: 'buyer',
                  header: t('purchases.buyer'),
                  cell: (p) => p.buyerOrganisationName,
                },
                {
                  key: 'seller',
                  header: t('purchases.seller'),
                  cell: (p) => p.sellerOrganisationName,
                },
                {
                  key: 'places',
                  header: t('purchases.places'),
                  cell: (p) => `${p.used}/${p.places}`,
                },
                {
                  key: 'status',
                  header: t('purchases.status'),
                  cell: (p) => t(statusKey(p.status)),
                },
              ]}
            />
            {mayBuy && (
              <form
                className="mt-6"
                onSubmit={(e) => {
                  e.preventDefault();
                  create.mutate();
                }}
              >
                <h2>{t('purchases.new')}</h2>
                <ErrorAlert error={create.error} />
                <SelectField
                  id="purchase-course"
                  label={t('purchases.course')}
                  required
                  placeholder={t('purchases.chooseCourse')}
                  value={form.courseId}
                  onChange={(courseId) => setForm({ ...form, courseId })}
                  options={(forSale.data?.items ?? []).map((c) => ({
                    value: c.courseId,
                    label: `${c.courseTitle} (${formatDate(c.courseStart)}) – ${c.sellerOrganisationName}`,
                  }))}
                />
                <InputField
                  id="purchase-places"
                  label={t('purchases.placesCount')}
                  type="number"
                  min={1}
                  max={200}
                  required
                  value={form.places}
                  onChange={(places) => setForm({ ...form, places })}
                />
                <TextareaField
                  id="purchase-note"
                  label={t('purchases.note')}
                  value={form.note}
                  onChange={(note) => setForm({ ...form, note })}
                />
                <button type="submit" className="button button-primary" disabled={create.isPending}>
                  {t('purchases.buy')}
                </button>
              </form>
            )}
          </>
        )}
      </PageState>
    </>
  );
}

export function PurchasePage() {
  const t = useT();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const purchase = useQuery({ queryKey: ['purchases', id], queryFn: () => purchaseApi.get(id) });
  useDocumentTitle(t('purchases.title'));
  const set = (d: Detail) => queryClient.setQueryData(['purchases', id], d);
  const [reason, setReason] = useState('');
  const [referralId, setReferralId] = useState('');
  const [outcomeFor, setOutcomeFor] = useState<string | null>(null);
  const [fit, setFit] = useState<'yes' | 'no'>('yes');
  const [nextStep, setNextStep] = useState<string>('job_ready');
  const decide = useMutation({
    mutationFn: (decision: 'accepted' | 'declined') =>
      purchaseApi.decide(id, { decision, ...(reason ? { reason } : {}) }),
    onSuccess: set,
  });
  const place = useMutation({
    mutationFn: () => purchaseApi.place(id, referralId),
    onSuccess: (d) => {
      setReferralId('');
      set(d);
    },
  });
  const outcome = useMutation({
    mutationFn: (enrolmentId: string) =>
      purchaseApi.outcome(
        id,
        enrolmentId,
        fit === 'yes' ? { declaredFit: true } : { declaredFit: false, nextStep },
      ),
    onSuccess: (d) => {
      setOutcomeFor(null);
      set(d);
    },
  });
  return (
    <PageState query={purchase}>
      {(p) => {
        const may = (a: string) => p.allowedActions.includes(a);
        const editing = p.placements.find((x) => x.enrolmentId === outcomeFor);
        return (
          <>
            <p>
              <Link to="/koebte-pladser">{t('purchases.back')}</Link>
            </p>
            <PageHeading>
              {p.courseTitle} ({formatDate(p.courseStart)})
            </PageHeading>
            <p className="font-lead">
              {t('purchases.buyer')}: {p.buyerOrganisationName} · {t('purchases.seller')}:{' '}
              {p.sellerOrganisationName}
            </p>
            <p>
              <strong>{t('purchases.status')}:</strong> {t(statusKey(p.status))} ·{' '}
              {t('purchases.places')}: {p.used}/{p.places}
            </p>
            {p.note && <p>{p.note}</p>}
            {p.decisionReason && <p>{p.decisionReason}</p>}
            {may('purchase.decide') && (
              <form onSubmit={(e) => e.preventDefault()}>
                <ErrorAlert error={decide.error} />
                <TextareaField
                  id="purchase-reason"
                  label={t('purchases.declineReason')}
                  value={reason}
                  onChange={setReason}
                />
                <button
                  type="button"
                  className="button button-primary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate('accepted')}
                >
                  {t('purchases.accept')}
                </button>{' '}
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate('declined')}
                >
                  {t('purchases.decline')}
                </button>
              </form>
            )}
            <h2>{t('purchases.placements')}</h2>
            <ErrorAlert error={outcome.error} />
            <DataTable
              caption={t('purchases.placements')}
              className="table table--compact"
              empty={t('purchases.noPlacements')}
              rows={p.placements}
              rowKey={(x) => x.enrolmentId}
              columns={[
                {
                  key: 'citizen',
                  header: t('purchases.citizen'),
                  rowHeader: true,
                  cell: (x) =>
                    x.referralId ? (
                      <Link to={`/henvisninger/${x.referralId}`}>{x.citizenName}</Link>
                    ) : (
                      x.citizenName
                    ),
                },
                { key: 'status', header: t('purchases.enrolment'), cell: (x) => x.status },
                {
                  key: 'outcome',
                  header: t('purchases.outcome'),
                  cell: (x) =>
                    x.outcome ? (
                      `${
                        x.outcome.declaredFit
                          ? t('purchases.fit')
                          : t('purchases.notFit', {
                              step: t(`purchases.step.${x.outcome.nextStep}` as MessageKey),
                            })
                      } (${t('purchases.recordedBy', { org: x.outcome.recordedByOrganisationName ?? '' })})`
                    ) : may('purchase.outcome') && x.status === 'enrolled' ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => setOutcomeFor(x.enrolmentId)}
                      >
                        {t('purchases.recordOutcome', { name: x.citizenName })}
                      </button>
                    ) : (
                      '–'
                    ),
                },
              ]}
            />
            {editing && (
              <form
                className="mt-6"
                onSubmit={(e) => {
                  e.preventDefault();
                  outcome.mutate(editing.enrolmentId);
                }}
              >
                <h3>{t('purchases.recordOutcome', { name: editing.citizenName })}</h3>
                <SelectField
                  id="purchase-fit"
                  label={t('purchases.outcome')}
                  value={fit}
                  onChange={setFit}
                  options={[
                    { value: 'yes', label: t('purchases.declaredFit') },
                    { value: 'no', label: t('purchases.nextStep') },
                  ]}
                />
                {fit === 'no' && (
                  <SelectField
                    id="purchase-next-step"
                    label={t('purchases.nextStep')}
                    value={nextStep}
                    onChange={setNextStep}
                    options={steps.map((s) => ({
                      value: s,
                      label: t(`purchases.step.${s}` as MessageKey),
                    }))}
                  />
                )}
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={outcome.isPending}
                >
                  {t('purchases.saveOutcome')}
                </button>
              </form>
            )}
            {may('purchase.place') && p.placeable.length > 0 && (
              <form
                className="mt-6"
                onSubmit={(e) => {
                  e.preventDefault();
                  place.mutate();
                }}
              >
                <h2>{t('purchases.place')}</h2>
                <ErrorAlert error={place.error} />
                <SelectField
                  id="purchase-referral"
                  label={t('purchases.chooseReferral')}
                  required
                  placeholder={t('purchases.chooseReferral')}
                  value={referralId}
                  onChange={setReferralId}
                  options={p.placeable.map((r) => ({
                    value: r.referralId,
                    label: `${r.citizenName} – ${r.offerTitle}`,
                  }))}
                />
                <button type="submit" className="button button-primary" disabled={place.isPending}>
                  {t('purchases.placeButton')}
                </button>
              </form>
            )}
          </>
        );
      }}
    </PageState>
  );
}
