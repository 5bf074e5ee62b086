/**
 * The municipality's follow-up rules (sickness benefit, decision 0900): the versions with their
 * valid-from dates, and a form that adds a version. A new version moves only deadlines not yet
 * met; each met deadline keeps the version that set it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { mayAttempt, useMe } from '../../api/auth';
import {
  addFollowUpRules,
  getFollowUpRules,
  type RuleParameters,
  type RuleSetVersion,
} from '../../api/followup';
import { danishDate } from '../../api/workflow';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  CheckboxField,
  DateField,
  fieldError,
  InputField,
  SelectField,
  TextareaField,
} from '../../components/FormField';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';

const dayKeys = [
  'informationFormDueDays',
  'gpCertificateDays',
  'gpCertificateMinDays',
  'firstConversationDays',
  'followUpIntervalDays',
  'reassessmentDays',
  'fastTrackDays',
] as const;
type DayKey = (typeof dayKeys)[number];

export function FollowUpRulesSection() {
  const t = useT();
  const { data: me } = useMe();
  const id = useId();
  const mayRead = mayAttempt(me, 'followup.rules.read');
  const rules = useQuery({
    queryKey: ['follow-up', 'rules'],
    queryFn: getFollowUpRules,
    enabled: mayRead,
  });
  if (!mayRead) return null;
  const mayChange = mayAttempt(me, 'followup.rules.change');
  const dayLabel: Record<DayKey, string> = {
    informationFormDueDays: t('admin.followUpRules.informationFormDueDays'),
    gpCertificateDays: t('admin.followUpRules.gpCertificateDays'),
    gpCertificateMinDays: t('admin.followUpRules.gpCertificateMinDays'),
    firstConversationDays: t('admin.followUpRules.firstConversationDays'),
    followUpIntervalDays: t('admin.followUpRules.followUpIntervalDays'),
    reassessmentDays: t('admin.followUpRules.reassessmentDays'),
    fastTrackDays: t('admin.followUpRules.fastTrackDays'),
  };
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <h2 id={`${id}-h`}>{t('admin.followUpRules.title')}</h2>
      <p>{t('admin.followUpRules.intro')}</p>
      <PageState query={rules} isEmpty={() => false}>
        {(data) => (
          <>
            <DataTable
              caption={t('admin.followUpRules.versions')}
              className="table table--compact"
              testId="follow-up-rules"
              rows={[...data.items].reverse()}
              rowKey={(r) => String(r.version)}
              columns={[
                {
                  key: 'version',
                  header: t('admin.followUpRules.version'),
                  rowHeader: true,
                  cell: (r) =>
                    r.version === data.inForce
                      ? `${r.version} (${t('admin.followUpRules.inForce')})`
                      : String(r.version),
                },
                {
                  key: 'validFrom',
                  header: t('admin.followUpRules.validFrom'),
                  cell: (r) => danishDate(r.validFrom),
                },
                {
                  key: 'days',
                  header: t('admin.followUpRules.deadlines'),
                  cell: (r) => summary(r.parameters, t),
                },
                { key: 'note', header: t('admin.followUpRules.note'), cell: (r) => r.note },
              ]}
            />
            {mayChange && (
              <AddVersion
                current={data.items.find((r) => r.version === data.inForce)}
                dayLabel={dayLabel}
              />
            )}
          </>
        )}
      </PageState>
    </section>
  );
}

function summary(p: RuleParameters, t: ReturnType<typeof useT>) {
  return t('admin.followUpRules.summary', {
    form: p.informationFormDueDays,
    gp: p.gpCertificateDays,
    gpMin: p.gpCertificateMinDays,
    first: p.firstConversationDays,
    every: p.followUpIntervalDays,
    reassessment: p.reassessmentDays,
    fast: p.fastTrackDays,
  });
}

function AddVersion({
  current,
  dayLabel,
}: {
  current: RuleSetVersion | undefined;
  dayLabel: Record<DayKey, string>;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const base = current?.parameters;
  const [days, setDays] = useState<Record<DayKey, string>>(
    () =>
      Object.fromEntries(dayKeys.map((k) => [k, base ? String(base[k]) : ''])) as Record<
        DayKey,
        string
      >,
  );
  const [validFrom, setValidFrom] = useState('');
  const [note, setNote] = useState('');
  const [standby, setStandby] = useState(base?.standbyHoldsConversations ?? false);
  const [shift, setShift] = useState<RuleParameters['nonWorkingDayShift']>(
    base?.nonWorkingDayShift ?? 'previous_working_day',
  );
  const [notice, setNotice] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      addFollowUpRules({
        validFrom,
        note: note.trim(),
        parameters: {
          ...(Object.fromEntries(dayKeys.map((k) => [k, Number(days[k])])) as Record<
            DayKey,
            number
          >),
          standbyHoldsConversations: standby,
          nonWorkingDayShift: shift,
        },
      }),
    onSuccess: (saved) => {
      setNotice(
        t('admin.followUpRules.saved', {
          version: saved.version,
          date: danishDate(saved.validFrom),
        }),
      );
      setNote('');
      setValidFrom('');
      queryClient.invalidateQueries({ queryKey: ['follow-up', 'rules'] });
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    add.mutate();
  }
  return (
    <>
      <h3 className="mt-6">{t('admin.followUpRules.add')}</h3>
      <div aria-live="polite">
        {notice && (
          <div className="alert alert-success">
            <div className="alert-body">
              <p className="alert-text">{notice}</p>
            </div>
          </div>
        )}
      </div>
      <ErrorAlert error={add.error} heading={t('admin.saveFailed')} />
      <form onSubmit={onSubmit} noValidate>
        <DateField
          id={`${id}-valid-from`}
          label={t('admin.followUpRules.validFrom')}
          hint={t('admin.followUpRules.validFromHint')}
          required
          value={validFrom}
          onChange={setValidFrom}
          error={fieldError(add.error, 'validFrom')}
        />
        {dayKeys.map((k) => (
          <InputField
            key={k}
            id={`${id}-${k}`}
            label={dayLabel[k]}
            type="number"
            inputMode="numeric"
            min={1}
            max={400}
            inputClassName="input-width-xs"
            required
            value={days[k]}
            onChange={(v) => setDays({ ...days, [k]: v })}
            error={fieldError(add.error, `parameters/${k}`)}
          />
        ))}
        <CheckboxField
          id={`${id}-standby`}
          label={t('admin.followUpRules.standbyHoldsConversations')}
          value={standby}
          onChange={setStandby}
        />
        <SelectField
          id={`${id}-shift`}
          label={t('admin.followUpRules.nonWorkingDayShift')}
          value={shift}
          onChange={setShift}
          options={[
            {
              value: 'previous_working_day',
              label: t('admin.followUpRules.shift.previous_working_day'),
            },
            { value: 'none', label: t('admin.followUpRules.shift.none') },
          ]}
        />
        <TextareaField
          id={`${id}-note`}
          label={t('admin.followUpRules.note')}
          hint={t('admin.followUpRules.noteHint')}
          required
          rows={2}
          value={note}
          onChange={setNote}
          error={fieldError(add.error, 'note')}
        />
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {t('admin.followUpRules.add')}
        </button>
      </form>
    </>
  );
}
