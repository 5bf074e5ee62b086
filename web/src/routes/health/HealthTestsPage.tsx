import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Me, useMe } from '../../api/auth';
import { ApiError, api } from '../../api/client';
import { type HealthTest, type HealthTestInput, listTests, recordTest } from '../../api/health';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InputField, TextareaField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { type Translate, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

/**
 * Health tests (sundhedstest): measurements a health organisation takes with the citizen, for
 * motivation. Only health professionals and the citizen see them; the API answers a job-center
 * role 404, and the health profile links here only when the server allows 'health.tests.read'.
 */

/** A health professional's view of a citizen's tests (/borgere/:id/sundhedstest). */
export function StaffHealthTestsPage() {
  const { id = '' } = useParams();
  const t = useT();
  useDocumentTitle(t('health.tests.title'));
  const citizen = useQuery({
    queryKey: ['citizen', id],
    queryFn: () => api<{ firstName: string; lastName: string }>(`/api/citizens/${id}`),
  });
  const name = citizen.data ? `${citizen.data.firstName} ${citizen.data.lastName}` : '';
  return (
    <>
      <PageHeading>{t('health.tests.title')}</PageHeading>
      {name && <p className="font-lead">{t('health.tests.with', { name })}</p>}
      <p>{t('health.tests.staffIntro')}</p>
      <p>
        <Link to={`/borgere/${id}/sundhedsprofil`}>{t('health.tests.back')}</Link>
      </p>
      <HealthTests citizenId={id} />
    </>
  );
}

/** The citizen's own tests, read only (/mit/sundhedstest). */
export function MyHealthTestsPage() {
  const t = useT();
  const me = useMe().data as Me & { citizenId?: string | null };
  useDocumentTitle(t('health.tests.mine.title'));
  return (
    <>
      <PageHeading>{t('health.tests.mine.title')}</PageHeading>
      <p className="font-lead">{t('health.tests.mine.intro')}</p>
      <p>
        <Link to="/mit/sundhedsprofil">{t('health.tests.back')}</Link>
      </p>
      {me.citizenId ? (
        <HealthTests citizenId={me.citizenId} />
      ) : (
        <p>{t('health.mine.notCitizen')}</p>
      )}
    </>
  );
}

/** The form to record a test shows when the server lists 'health.tests.write' with the tests. */
function HealthTests({ citizenId }: { citizenId: string }) {
  const key = ['health', 'tests', citizenId];
  const tests = useQuery({ queryKey: key, queryFn: () => listTests(citizenId) });
  if (!tests.data) return <PageState query={tests}>{() => null}</PageState>;
  return (
    <>
      <TestTable tests={tests.data.items} />
      {tests.data.allowedActions.includes('health.tests.write') && (
        <RecordTestForm citizenId={citizenId} queryKey={key} />
      )}
    </>
  );
}

const decimal = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });

function formatTestDate(iso: string): string {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('da-DK', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

function Value({ value, unit }: { value: number | null; unit?: string }) {
  const t = useT();
  if (value === null) {
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="sr-only">{t('health.tests.notMeasured')}</span>
      </>
    );
  }
  return <>{unit ? `${decimal.format(value)} ${unit}` : decimal.format(value)}</>;
}

function bloodPressure(test: HealthTest) {
  return test.systolic !== null && test.diastolic !== null ? (
    `${test.systolic}/${test.diastolic} mmHg`
  ) : (
    <Value value={test.systolic ?? test.diastolic} unit="mmHg" />
  );
}

function TestTable({ tests }: { tests: HealthTest[] }) {
  const t = useT();
  if (tests.length === 0) return <p>{t('health.tests.empty')}</p>;
  const newestFirst = [...tests].sort((a, b) => b.measuredOn.localeCompare(a.measuredOn));
  const value =
    (pick: (test: HealthTest) => number | null, unit?: string) => (test: HealthTest) => (
      <Value value={pick(test)} unit={unit} />
    );
  return (
    <DataTable
      caption={t('health.tests.caption')}
      hideCaption={false}
      className="table table--compact"
      testId="health-tests"
      rows={newestFirst}
      rowKey={(test) => test.id}
      columns={[
        {
          key: 'date',
          header: t('health.tests.col.date'),
          cell: (test) => formatTestDate(test.measuredOn),
          rowHeader: true,
        },
        {
          key: 'weight',
          header: t('health.tests.col.weight'),
          cell: value((x) => x.weightKg, 'kg'),
        },
        {
          key: 'height',
          header: t('health.tests.col.height'),
          cell: value((x) => x.heightCm, 'cm'),
        },
        { key: 'bmi', header: t('health.tests.col.bmi'), cell: value((x) => x.bmi) },
        { key: 'fat', header: t('health.tests.col.fat'), cell: value((x) => x.fatPercent, '%') },
        { key: 'co', header: t('health.tests.col.co'), cell: value((x) => x.coPpm, 'ppm') },
        { key: 'bp', header: t('health.tests.col.bloodPressure'), cell: bloodPressure },
        { key: 'note', header: t('health.tests.col.note'), cell: (test) => test.note ?? '' },
        { key: 'by', header: t('health.tests.col.recordedBy'), cell: (test) => test.recordedBy },
      ]}
    />
  );
}

type Field =
  | 'measuredOn'
  | 'weightKg'
  | 'heightCm'
  | 'fatPercent'
  | 'coPpm'
  | 'systolic'
  | 'diastolic';
type NumberField = Exclude<Field, 'measuredOn'>;

/** The API's limits (HealthTestInputSchema), checked here first so mistakes show at once. */
const limits: Record<NumberField, { min: number; max: number; integer: boolean }> = {
  weightKg: { min: 20, max: 400, integer: false },
  heightCm: { min: 100, max: 250, integer: false },
  fatPercent: { min: 1, max: 80, integer: false },
  coPpm: { min: 0, max: 200, integer: true },
  systolic: { min: 60, max: 260, integer: true },
  diastolic: { min: 30, max: 160, integer: true },
};
const numberFields = Object.keys(limits) as NumberField[];

const labels: Record<Field, MessageKey> = {
  measuredOn: 'health.tests.form.date',
  weightKg: 'health.tests.form.weight',
  heightCm: 'health.tests.form.height',
  fatPercent: 'health.tests.form.fat',
  coPpm: 'health.tests.form.co',
  systolic: 'health.tests.form.systolic',
  diastolic: 'health.tests.form.diastolic',
};

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

type Values = Record<Field, string> & { note: string };
const empty = (): Values => ({
  measuredOn: today(),
  weightKg: '',
  heightCm: '',
  fatPercent: '',
  coPpm: '',
  systolic: '',
  diastolic: '',
  note: '',
});

/** Reads the form in Danish notation (comma decimals); errors per field, or the API body. */
function validate(
  values: Values,
  t: Translate,
): { errors: Partial<Record<Field, string>>; body: HealthTestInput } {
  const errors: Partial<Record<Field, string>> = {};
  const body: HealthTestInput = { measuredOn: values.measuredOn };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.measuredOn))
    errors.measuredOn = t('health.tests.error.date');
  else if (values.measuredOn > today()) errors.measuredOn = t('health.tests.error.future');
  for (const field of numberFields) {
    const raw = values[field].trim().replace(/\s/g, '');
    if (!raw) continue;
    const { min, max, integer } = limits[field];
    if (integer ? !/^\d+$/.test(raw) : !/^\d+([.,]\d+)?$/.test(raw)) {
      errors[field] = t(integer ? 'health.tests.error.integer' : 'health.tests.error.number');
      continue;
    }
    const value = Number(raw.replace(',', '.'));
    if (value < min || value > max) {
      errors[field] = t('health.tests.error.range', {
        min: decimal.format(min),
        max: decimal.format(max),
      });
      continue;
    }
    body[field] = value;
  }
  if (
    !errors.systolic &&
    !errors.diastolic &&
    !values.systolic.trim() !== !values.diastolic.trim()
  ) {
    errors[values.systolic.trim() ? 'diastolic' : 'systolic'] = t(
      'health.tests.error.bothPressures',
    );
  }
  const anyMeasurement = numberFields.some((f) => values[f].trim());
  if (!anyMeasurement) errors.weightKg = t('health.tests.error.empty');
  if (values.note.trim()) body.note = values.note.trim();
  return { errors, body };
}

function RecordTestForm({ citizenId, queryKey }: { citizenId: string; queryKey: unknown[] }) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const save = useMutation({
    mutationFn: (body: HealthTestInput) => recordTest(citizenId, body),
    onSuccess: (tests, body) => {
      queryClient.setQueryData(queryKey, tests);
      setSaved(t('health.tests.form.saved', { date: formatTestDate(body.measuredOn ?? today()) }));
      setValues(empty());
    },
  });
  // The API's own field messages, the first for each field (a nullable field reports several).
  const serverError = (field: Field) =>
    save.error instanceof ApiError
      ? save.error.errors.find((e) => e.pointer === `/${field}`)?.message
      : undefined;
  const errorOf = (field: Field) => errors[field] ?? serverError(field);
  const hasErrors = Object.keys(errors).length > 0;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    save.reset();
    const result = validate(values, t);
    setErrors(result.errors);
    if (Object.keys(result.errors).length > 0) {
      // The summary is announced (role="alert"); focus follows so a keyboard user lands on it.
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    save.mutate(result.body);
  }

  const input = (field: Field, extra: Record<string, string> = {}) => (
    <InputField
      key={field}
      id={`${id}-${field}`}
      label={t(labels[field])}
      error={errorOf(field)}
      inputClassName="input-width-s"
      value={values[field]}
      onChange={(value) => setValues({ ...values, [field]: value })}
      {...extra}
    />
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="mt-8">
      <h2 id={`${id}-heading`}>{t('health.tests.form.title')}</h2>
      <p>{t('health.tests.form.intro')}</p>
      {hasErrors && (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={summaryRef}>
          <div className="alert-body">
            <p className="alert-heading">{t('health.tests.form.fix')}</p>
            <ul className="alert-text nobullet-list">
              {(Object.keys(errors) as Field[]).map((field) => (
                <li key={field}>
                  <a href={`#${id}-${field}`}>
                    {t(labels[field])}: {errors[field]}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <ErrorAlert error={save.error} heading={t('health.tests.form.failed')} className="mb-6" />
      <form onSubmit={onSubmit} noValidate>
        {input('measuredOn', { type: 'date', max: today() })}
        {input('weightKg', { inputMode: 'decimal', autoComplete: 'off' })}
        {input('heightCm', { inputMode: 'decimal', autoComplete: 'off' })}
        {input('fatPercent', { inputMode: 'decimal', autoComplete: 'off' })}
        {input('coPpm', { inputMode: 'numeric', autoComplete: 'off' })}
        <fieldset>
          <legend className="form-label">{t('health.tests.form.bloodPressure')}</legend>
          {input('systolic', { inputMode: 'numeric', autoComplete: 'off' })}
          {input('diastolic', { inputMode: 'numeric', autoComplete: 'off' })}
        </fieldset>
        <TextareaField
          id={`${id}-note`}
          label={t('health.tests.form.note')}
          maxLength={1000}
          value={values.note}
          onChange={(note) => setValues({ ...values, note })}
        />
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('health.tests.form.saving') : t('health.tests.form.submit')}
        </button>
      </form>
      <div role="status" className="mt-4">
        {saved && <p className="alert alert-success">{saved}</p>}
      </div>
    </section>
  );
}
