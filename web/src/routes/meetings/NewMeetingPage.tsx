/**
 * Plan a rehabilitation team or health-clarifying team meeting about one citizen: the citizen
 * (found by name or CPR, or given by `?borger=`), kind, date and time, agenda and the other
 * participants. The organiser and their organisation always take part (the server adds them).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { listOrganisations } from '../../api/admin';
import { mayAttempt, useMe } from '../../api/auth';
import {
  createMeeting,
  type MeetingKind,
  meetingKinds,
  type ParticipantRole,
  participantRoles,
} from '../../api/meetings';
import { getCitizen, searchCitizens } from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  bindFields,
  DateField,
  FormField,
  InputField,
  SelectField,
  TextareaField,
} from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useDebounced } from '../../components/useDebounced';
import { useT } from '../../i18n';

interface ParticipantRow {
  key: number;
  name: string;
  role: ParticipantRole;
  organisationId: string;
}

interface ChosenCitizen {
  id: string;
  name: string;
  cprMasked: string;
}

export function NewMeetingPage() {
  const t = useT();
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useDocumentTitle(t('meetings.new.title'));
  const me = useMe().data;
  const mayPlan = mayAttempt(me, 'meeting.create');
  const [params] = useSearchParams();
  const presetId = params.get('borger');

  const preset = useQuery({
    queryKey: ['citizen', presetId],
    enabled: mayPlan && !!presetId,
    queryFn: () => getCitizen(presetId!),
  });
  const organisations = useQuery({
    queryKey: ['organisations'],
    enabled: mayPlan,
    queryFn: listOrganisations,
  });

  const [citizen, setCitizen] = useState<ChosenCitizen | null>(null);
  const [kind, setKind] = useState<MeetingKind>('rehabilitation_team');
  const [scheduled, setScheduled] = useState({ date: '', time: '' });
  const { date, time } = scheduled;
  const when = bindFields(scheduled, setScheduled);
  const [agenda, setAgenda] = useState('');
  const [rows, setRows] = useState<ParticipantRow[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const nextKey = useRef(1);
  const focusRow = useRef<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (preset.data) {
      const c = preset.data;
      setCitizen({ id: c.id, name: `${c.firstName} ${c.lastName}`, cprMasked: c.cprMasked });
    }
  }, [preset.data]);

  useEffect(() => {
    if (focusRow.current === null) return;
    document.getElementById(`${id}-name-${focusRow.current}`)?.focus();
    focusRow.current = null;
  });

  const create = useMutation({
    mutationFn: () =>
      createMeeting({
        citizenId: citizen!.id,
        kind,
        // The date and time are read as the user's local (Danish) time.
        scheduledAt: new Date(`${date}T${time}`).toISOString(),
        agenda: agenda.trim(),
        participants: rows.map((r) => ({
          name: r.name.trim(),
          role: r.role,
          organisationId: r.role === 'citizen' ? null : r.organisationId || null,
        })),
      }),
    onSuccess: (meeting) => {
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      navigate(`/moeder/${meeting.id}`);
    },
  });

  if (!mayPlan) {
    return (
      <>
        <PageHeading>{t('meetings.new.title')}</PageHeading>
        <p>{t('meetings.new.notAllowed')}</p>
      </>
    );
  }
  if (presetId && !preset.data) return <PageState query={preset}>{() => null}</PageState>;
  if (!organisations.data) return <PageState query={organisations}>{() => null}</PageState>;
  const activeOrganisations = organisations.data.filter((o) => o.active);
  const roleOptions = participantRoles.map((r) => ({ value: r, label: t(`meetings.role.${r}`) }));

  const setRow = (key: number, change: Partial<ParticipantRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const addRow = () => {
    const key = nextKey.current++;
    focusRow.current = key;
    setRows((all) => [...all, { key, name: '', role: 'health_professional', organisationId: '' }]);
  };
  const removeRow = (key: number) => {
    setRows((all) => all.filter((r) => r.key !== key));
    addButton.current?.focus();
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found: string[] = [];
    if (!citizen) found.push(t('meetings.new.missingCitizen'));
    if (!date || !time || Number.isNaN(new Date(`${date}T${time}`).getTime()))
      found.push(t('meetings.new.missingWhen'));
    rows.forEach((r, i) => {
      if (!r.name.trim()) found.push(t('meetings.new.missingName', { n: i + 1 }));
    });
    setProblems(found);
    if (found.length === 0) create.mutate();
  }

  return (
    <>
      <PageHeading>{t('meetings.new.title')}</PageHeading>
      <form onSubmit={onSubmit} noValidate>
        {problems.length > 0 && (
          <div className="alert alert-error" role="alert">
            <div className="alert-body">
              <p className="alert-heading">{t('meetings.new.notPlanned')}</p>
              <ul className="alert-text">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          </div>
        )}
        <ErrorAlert
          error={create.isError ? create.error : null}
          heading={t('meetings.new.notPlanned')}
        />
        <CitizenChooser citizen={citizen} onChoose={setCitizen} />
        <SelectField
          id={`${id}-kind`}
          label={t('meetings.new.kind')}
          options={meetingKinds.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
          value={kind}
          onChange={setKind}
        />
        <div className="d-flex flex-wrap" style={{ gap: '1rem' }}>
          <DateField id={`${id}-date`} label={t('meetings.new.date')} required {...when('date')} />
          <InputField
            id={`${id}-time`}
            label={t('meetings.new.time')}
            type="time"
            inputClassName="input-width-xs"
            required
            {...when('time')}
          />
        </div>
        <TextareaField
          id={`${id}-agenda`}
          label={t('meetings.agenda')}
          rows={5}
          maxLength={5000}
          value={agenda}
          onChange={setAgenda}
        />
        <fieldset className="mt-5" aria-describedby={`${id}-participants-hint`}>
          <legend className="form-label">{t('meetings.new.participants')}</legend>
          <p className="form-hint" id={`${id}-participants-hint`}>
            {t('meetings.new.participantsHint')}
          </p>
          {rows.length === 0 && <p>{t('meetings.new.participantsEmpty')}</p>}
          {rows.map((row, i) => (
            <div key={row.key} className="d-flex flex-wrap" style={{ gap: '1rem' }}>
              <InputField
                id={`${id}-name-${row.key}`}
                label={t('meetings.new.name', { n: i + 1 })}
                maxLength={200}
                autoComplete="off"
                value={row.name}
                onChange={(name) => setRow(row.key, { name })}
              />
              <SelectField
                id={`${id}-role-${row.key}`}
                label={t('meetings.new.role', { n: i + 1 })}
                options={roleOptions}
                value={row.role}
                onChange={(role) => setRow(row.key, { role })}
              />
              {row.role !== 'citizen' && (
                <SelectField
                  id={`${id}-org-${row.key}`}
                  label={t('meetings.new.organisation', { n: i + 1 })}
                  placeholder={t('meetings.new.noOrganisation')}
                  options={activeOrganisations.map((o) => ({ value: o.id, label: o.name }))}
                  value={row.organisationId}
                  onChange={(organisationId) => setRow(row.key, { organisationId })}
                />
              )}
              <button
                type="button"
                className="button button-tertiary mt-7"
                onClick={() => removeRow(row.key)}
              >
                {t('meetings.new.removeParticipant', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button
            ref={addButton}
            type="button"
            className="button button-secondary"
            onClick={addRow}
            disabled={rows.length >= 30}
          >
            {t('meetings.new.addParticipant')}
          </button>
        </fieldset>
        <button type="submit" className="button button-primary mt-6" disabled={create.isPending}>
          {t('meetings.new.submit')}
        </button>
      </form>
    </>
  );
}

/** A full CPR number (with or without the dash) is searched as CPR, anything else as a name. */
const cprPattern = /^\d{6}-?\d{4}$/;

function CitizenChooser({
  citizen,
  onChoose,
}: {
  citizen: ChosenCitizen | null;
  onChoose: (c: ChosenCitizen | null) => void;
}) {
  const t = useT();
  const id = useId();
  const [term, setTerm] = useState('');
  const search = useDebounced(term.trim());
  const chosenRef = useRef<HTMLParagraphElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const moveFocus = useRef<'chosen' | 'search' | null>(null);
  const results = useQuery({
    queryKey: ['meetings', 'new', 'citizens', search],
    enabled: !citizen && search.length >= 2,
    queryFn: () =>
      searchCitizens({
        ...(cprPattern.test(search) ? { cpr: search } : { name: search }),
        sort: 'name',
        limit: 10,
      }),
  });
  useEffect(() => {
    if (moveFocus.current === 'chosen') chosenRef.current?.focus();
    if (moveFocus.current === 'search') searchRef.current?.focus();
    moveFocus.current = null;
  });

  return (
    <fieldset className="mb-5">
      <legend className="form-label">{t('meetings.new.citizen')}</legend>
      {citizen ? (
        <>
          <p ref={chosenRef} tabIndex={-1} data-testid="meeting-citizen">
            <strong>{citizen.name}</strong> ({citizen.cprMasked})
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              moveFocus.current = 'search';
              onChoose(null);
            }}
          >
            {t('meetings.new.citizenChange')}
          </button>
        </>
      ) : (
        <>
          <FormField
            id={`${id}-search`}
            label={t('meetings.new.citizenSearch')}
            hint={t('meetings.new.citizenSearchHint')}
            className="mt-0"
          >
            {(control) => (
              <input
                ref={searchRef}
                className="form-input"
                type="search"
                autoComplete="off"
                value={term}
                aria-controls={`${id}-results`}
                onChange={(e) => setTerm(e.target.value)}
                {...control}
              />
            )}
          </FormField>
          <div id={`${id}-results`} aria-live="polite">
            {search.length >= 2 && (
              <PageState query={results} empty={t('meetings.new.citizenNone')}>
                {(data) => (
                  <ul className="nobullet-list">
                    {data.items.map((c) => (
                      <li key={c.id} className="mb-2">
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => {
                            moveFocus.current = 'chosen';
                            onChoose({
                              id: c.id,
                              name: `${c.firstName} ${c.lastName}`,
                              cprMasked: c.cprMasked,
                            });
                          }}
                        >
                          {t('meetings.new.citizenPick', {
                            name: `${c.firstName} ${c.lastName}`,
                            cpr: c.cprMasked,
                          })}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </PageState>
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}
