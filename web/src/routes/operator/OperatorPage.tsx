/**
 * The platform operator's page (issue 18, decision 1050): every municipality of the reference
 * table and whether it is in Helhed; onboarding one with its organisations and first
 * administrator (the page shows the one-time link to hand over); a new link while the
 * administrator has not chosen a password; offboarding after the municipality's name is typed.
 * The operator sees no citizen and no municipality's data here or anywhere.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import {
  type Invitation,
  listMunicipalities,
  type OperatorMunicipality,
  offboardMunicipality,
  onboardMunicipality,
  reinvite,
} from '../../api/operator';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError, InputField, SelectField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const builtInTypes = [
  'jobcenter',
  'sundhedscenter',
  'traeningscenter',
  'forebyggelsescenter',
  'rusmiddelcenter',
  'provider',
  'association',
  'region',
] as const;

const queryKey = ['operator', 'municipalities'];

export function OperatorPage() {
  const t = useT();
  useDocumentTitle(t('operator.title'));
  const municipalities = useQuery({ queryKey, queryFn: listMunicipalities });
  const [invitation, setInvitation] = useState<{ name: string; link: Invitation } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeading>{t('operator.title')}</PageHeading>
      <p className="font-lead">{t('operator.intro')}</p>
      <div aria-live="polite">
        {invitation && <InvitationNotice name={invitation.name} link={invitation.link} />}
        {notice && (
          <div className="alert alert-success">
            <div className="alert-body">
              <p className="alert-text">{notice}</p>
            </div>
          </div>
        )}
      </div>
      <PageState query={municipalities} empty={t('operator.empty')}>
        {(rows) => (
          <>
            <OnboardForm
              municipalities={rows}
              onDone={(name, link) => {
                setNotice(null);
                setInvitation({ name, link });
              }}
            />
            <MunicipalityTable
              rows={rows}
              onInvitation={(name, link) => {
                setNotice(null);
                setInvitation({ name, link });
              }}
              onOffboarded={(text) => {
                setInvitation(null);
                setNotice(text);
              }}
            />
          </>
        )}
      </PageState>
    </>
  );
}

function InvitationNotice({ name, link }: { name: string; link: Invitation }) {
  const t = useT();
  return (
    <div className="alert alert-success" data-testid="invitation">
      <div className="alert-body">
        <p className="alert-heading">{t('operator.invitation.heading', { name })}</p>
        {link.emailedTo ? (
          <p className="alert-text">
            {t('operator.invitation.emailed', { email: link.emailedTo })}
          </p>
        ) : (
          <>
            {link.emailFailed && (
              <p className="alert-text">{t('operator.invitation.emailFailed')}</p>
            )}
            <p className="alert-text">{t('operator.invitation.text')}</p>
            <p className="alert-text">
              <code style={{ overflowWrap: 'anywhere' }}>{link.url}</code>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

interface OrgRow {
  key: number;
  name: string;
  type: string;
}

let nextKey = 0;
const orgRow = (type: string): OrgRow => ({ key: nextKey++, name: '', type });

function OnboardForm({
  municipalities,
  onDone,
}: {
  municipalities: OperatorMunicipality[];
  onDone: (name: string, link: Invitation) => void;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const free = municipalities.filter((m) => m.status !== 'onboarded');
  const [code, setCode] = useState('');
  const chosen = municipalities.find((m) => m.code === code);
  const [orgs, setOrgs] = useState<OrgRow[]>(() => [orgRow('jobcenter'), orgRow('sundhedscenter')]);
  const [admin, setAdmin] = useState({ username: '', displayName: '', email: '' });
  const orgName = (row: OrgRow) =>
    row.name.trim() ||
    (chosen ? `${t(`admin.orgType.${row.type}` as MessageKey)} ${chosen.name}` : '');
  const onboard = useMutation({
    mutationFn: () =>
      onboardMunicipality({
        code,
        name: chosen?.name ?? '',
        organisations: orgs.map((o) => ({ name: orgName(o), type: o.type, address: null })),
        administrator: {
          username: admin.username.trim(),
          displayName: admin.displayName.trim(),
          email: admin.email.trim() || null,
        },
      }),
    onSuccess: (result) => {
      onDone(result.name, result.invitation);
      setCode('');
      setAdmin({ username: '', displayName: '', email: '' });
      queryClient.invalidateQueries({ queryKey });
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onboard.mutate();
  }
  const setOrg = (i: number, patch: Partial<OrgRow>) =>
    setOrgs(orgs.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <section aria-labelledby={`${id}-h`} className="mt-7">
      <h2 id={`${id}-h`}>{t('operator.onboard.title')}</h2>
      <ErrorAlert error={onboard.error} heading={t('operator.onboard.failed')} />
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          id={`${id}-code`}
          label={t('operator.onboard.municipality')}
          hint={t('operator.onboard.municipalityHint')}
          placeholder={t('operator.onboard.choose')}
          options={free.map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }))}
          error={fieldError(onboard.error, 'code')}
          value={code}
          onChange={setCode}
        />
        <fieldset className="mt-6">
          <legend className="h4">{t('operator.onboard.organisations')}</legend>
          {orgs.map((o, i) => (
            <div key={o.key} className="mb-5">
              <InputField
                id={`${id}-org-${i}`}
                label={t('operator.onboard.orgName', { n: i + 1 })}
                hint={chosen ? t('operator.onboard.orgNameHint', { name: orgName(o) }) : undefined}
                value={o.name}
                onChange={(name) => setOrg(i, { name })}
              />
              <SelectField
                id={`${id}-orgtype-${i}`}
                label={t('operator.onboard.orgType', { n: i + 1 })}
                options={builtInTypes.map((ty) => ({
                  value: ty,
                  label: t(`admin.orgType.${ty}` as MessageKey),
                }))}
                value={o.type}
                onChange={(type) => setOrg(i, { type })}
              />
              {orgs.length > 1 && (
                <button
                  type="button"
                  className="button button-unstyled"
                  onClick={() => setOrgs(orgs.filter((_, j) => j !== i))}
                >
                  {t('operator.onboard.removeOrg', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setOrgs([...orgs, orgRow('provider')])}
          >
            {t('operator.onboard.addOrg')}
          </button>
        </fieldset>
        <fieldset className="mt-6">
          <legend className="h4">{t('operator.onboard.administrator')}</legend>
          <InputField
            id={`${id}-username`}
            label={t('admin.users.username')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            error={fieldError(onboard.error, 'administrator/username')}
            value={admin.username}
            onChange={(username) => setAdmin({ ...admin, username })}
          />
          <InputField
            id={`${id}-display`}
            label={t('admin.name')}
            autoComplete="off"
            value={admin.displayName}
            onChange={(displayName) => setAdmin({ ...admin, displayName })}
          />
          <InputField
            id={`${id}-email`}
            label={t('admin.users.email')}
            type="email"
            autoComplete="off"
            value={admin.email}
            onChange={(email) => setAdmin({ ...admin, email })}
          />
        </fieldset>
        <button
          type="submit"
          className="button button-primary mt-6"
          disabled={onboard.isPending || !code}
        >
          {t('operator.onboard.submit')}
        </button>
      </form>
    </section>
  );
}

function MunicipalityTable({
  rows,
  onInvitation,
  onOffboarded,
}: {
  rows: OperatorMunicipality[];
  onInvitation: (name: string, link: Invitation) => void;
  onOffboarded: (text: string) => void;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<OperatorMunicipality | null>(null);
  const [typed, setTyped] = useState('');
  const newLink = useMutation({
    mutationFn: (m: OperatorMunicipality) => reinvite(m.code),
    onSuccess: (link, m) => onInvitation(m.name, link),
  });
  const offboard = useMutation({
    mutationFn: (m: OperatorMunicipality) => offboardMunicipality(m.code, typed),
    onSuccess: (result) => {
      setConfirming(null);
      setTyped('');
      onOffboarded(t('operator.offboard.done', { name: result.name, rows: result.deletedRows }));
      queryClient.invalidateQueries({ queryKey });
    },
  });
  const onboarded = rows.filter((m) => m.status === 'onboarded');
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <h2 id={`${id}-h`}>{t('operator.list.title')}</h2>
      <ErrorAlert error={newLink.error ?? offboard.error} heading={t('operator.list.failed')} />
      {confirming && (
        <ConfirmDialog
          testId="offboard-confirm"
          confirmLabel={t('operator.offboard.yes', { name: confirming.name })}
          cancelLabel={t('operator.offboard.back')}
          pending={offboard.isPending}
          onConfirm={() => offboard.mutate(confirming)}
          onCancel={() => {
            setConfirming(null);
            setTyped('');
          }}
        >
          <p>{t('operator.offboard.confirm', { name: confirming.name })}</p>
          <InputField
            id={`${id}-typed`}
            label={t('operator.offboard.typeName', { name: confirming.name })}
            autoComplete="off"
            error={fieldError(offboard.error, 'confirmName')}
            value={typed}
            onChange={setTyped}
          />
        </ConfirmDialog>
      )}
      <DataTable
        caption={t('operator.list.title')}
        rows={onboarded}
        rowKey={(m) => m.code}
        empty={t('operator.list.empty')}
        columns={[
          { key: 'code', header: t('operator.list.code'), cell: (m) => m.code },
          { key: 'name', header: t('admin.name'), cell: (m) => m.name, sortValue: (m) => m.name },
          { key: 'region', header: t('operator.list.region'), cell: (m) => m.region ?? '–' },
          {
            key: 'actions',
            header: t('admin.users.actions'),
            hideHeader: true,
            cell: (m) => (
              <>
                <button
                  type="button"
                  className="button button-secondary mr-4"
                  disabled={newLink.isPending}
                  onClick={() => newLink.mutate(m)}
                >
                  {t('operator.list.newLink')}
                  <span className="sr-only"> {m.name}</span>
                </button>
                <button
                  type="button"
                  className="button button-tertiary"
                  onClick={() => {
                    offboard.reset();
                    setTyped('');
                    setConfirming(m);
                  }}
                >
                  {t('operator.list.offboard')}
                  <span className="sr-only"> {m.name}</span>
                </button>
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
