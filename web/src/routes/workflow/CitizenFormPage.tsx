import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import {
  type Citizen,
  type CitizenDetailsInput,
  createCitizen,
  getCitizen,
  overviewKey,
  updateCitizen,
} from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { InputField } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

/** The languages offered; a citizen registered with another code keeps it as its own option. */
const languages = ['da', 'en', 'de', 'pl', 'ro', 'uk', 'ar', 'so', 'tr', 'fa', 'ur', 'ti'];

/** ddmmyy-xxxx or ddmmyyxxxx; the server checks the date and answers in the user's language. */
const cprShape = /^\d{6}-?\d{4}$/;

type Fields = Record<Exclude<keyof CitizenDetailsInput, 'needsInterpreter'>, string> & {
  needsInterpreter: boolean;
};

function fromCitizen(c?: Citizen): Fields {
  return {
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    address: c?.address ?? '',
    postalCode: c?.postalCode ?? '',
    city: c?.city ?? '',
    phone: c?.phone ?? '',
    email: c?.email ?? '',
    preferredLanguage: c?.preferredLanguage ?? 'da',
    needsInterpreter: c?.needsInterpreter ?? false,
  };
}

function toInput(f: Fields): CitizenDetailsInput {
  const opt = (v: string) => v.trim() || null;
  return {
    firstName: f.firstName.trim(),
    lastName: f.lastName.trim(),
    address: opt(f.address),
    postalCode: opt(f.postalCode),
    city: opt(f.city),
    phone: opt(f.phone),
    email: opt(f.email),
    preferredLanguage: f.preferredLanguage,
    needsInterpreter: f.needsInterpreter,
  };
}

/** /borgere/ny: a citizen by hand (the import creates the others). */
export function NewCitizenPage() {
  const t = useT();
  useDocumentTitle(t('citizenForm.newTitle'));
  const navigate = useNavigate();
  const [cpr, setCpr] = useState('');
  const [cprError, setCprError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (f: Fields) => createCitizen({ cpr: cpr.trim(), ...toInput(f) }),
    onSuccess: (c) => navigate(`/borgere/${c.id}`),
  });
  function submit(f: Fields) {
    if (!cprShape.test(cpr.trim())) {
      setCprError(t('citizenForm.cprInvalid'));
      return;
    }
    setCprError(null);
    save.mutate(f);
  }
  const serverCprError =
    save.error instanceof ApiError && save.error.errors.some((e) => e.pointer === '/cpr');
  const cprMessage = cprError ?? (serverCprError ? t('citizenForm.cprInvalid') : null);
  const cprField = {
    id: 'citizen-form-cpr',
    label: t('citizen.cpr'),
    hint: t('citizenForm.cprHint'),
    error: cprMessage ?? undefined,
    required: true,
    inputClassName: 'input-width-s',
    inputMode: 'numeric' as const,
    autoComplete: 'off',
    value: cpr,
    onChange: setCpr,
  };
  return (
    <>
      <PageHeading>{t('citizenForm.newTitle')}</PageHeading>
      <p>
        <Link to="/borgere">{t('citizenForm.backToList')}</Link>
      </p>
      <CitizenForm
        initial={fromCitizen()}
        saving={save.isPending}
        error={save.error}
        submitLabel={t('citizenForm.create')}
        onSubmit={submit}
      >
        <InputField {...cprField} />
      </CitizenForm>
    </>
  );
}

/** /borgere/:id/rediger: the citizen's details; the CPR number is not changed here. */
export function EditCitizenPage() {
  const t = useT();
  const { id = '' } = useParams();
  useDocumentTitle(t('citizenForm.editTitle'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const citizen = useQuery({ queryKey: ['citizen', id], queryFn: () => getCitizen(id) });
  const save = useMutation({
    mutationFn: (f: Fields) => updateCitizen(id, toInput(f)),
    onSuccess: (c) => {
      client.setQueryData(['citizen', id], c);
      // The citizen page shows the details from its overview: read it again.
      void client.invalidateQueries({ queryKey: overviewKey(id) });
      navigate(`/borgere/${id}`);
    },
  });
  if (citizen.isPending) return <Loading />;
  if (citizen.isError)
    return <ErrorState error={citizen.error} onRetry={() => citizen.refetch()} />;
  const c = citizen.data;
  const back = <Link to={`/borgere/${id}`}>{t('citizenForm.backToCitizen')}</Link>;
  if (!c.allowedActions.includes('citizen.update')) {
    return (
      <>
        <PageHeading>{t('citizenForm.editTitle')}</PageHeading>
        <p>{t('citizenForm.notAllowed')}</p>
        <p>{back}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t('citizenForm.editTitle')}</PageHeading>
      <p>{back}</p>
      <dl className="citizen-details">
        <dt>{t('citizen.cpr')}</dt>
        <dd>{c.cprMasked}</dd>
      </dl>
      <CitizenForm
        initial={fromCitizen(c)}
        saving={save.isPending}
        error={save.error}
        submitLabel={t('citizenForm.save')}
        onSubmit={(f) => save.mutate(f)}
      />
    </>
  );
}

function CitizenForm(props: {
  initial: Fields;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (f: Fields) => void;
  children?: React.ReactNode;
}) {
  const t = useT();
  const [f, setF] = useState<Fields>(props.initial);
  const set = (k: keyof Fields) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const langs = languages.includes(f.preferredLanguage)
    ? languages
    : [...languages, f.preferredLanguage];
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    props.onSubmit(f);
  }
  const text = (
    k: 'firstName' | 'lastName' | 'address' | 'city' | 'phone' | 'email' | 'postalCode',
    label: MessageKey,
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`citizen-form-${k}`}>
        {t(label)}
      </label>
      <input
        id={`citizen-form-${k}`}
        className="form-input"
        value={f[k]}
        onChange={set(k)}
        {...extra}
      />
    </div>
  );
  return (
    <form onSubmit={onSubmit}>
      <ErrorAlert error={props.error} heading={t('citizenForm.failed')} />
      {props.children}
      {text('firstName', 'citizenForm.firstName', {
        required: true,
        maxLength: 100,
        autoComplete: 'off',
      })}
      {text('lastName', 'citizenForm.lastName', {
        required: true,
        maxLength: 100,
        autoComplete: 'off',
      })}
      {text('address', 'citizen.address', { maxLength: 200, autoComplete: 'off' })}
      {text('postalCode', 'citizenForm.postalCode', {
        inputMode: 'numeric',
        pattern: '[0-9]{4}',
        className: 'form-input input-width-xs',
        autoComplete: 'off',
      })}
      {text('city', 'citizenForm.city', { maxLength: 100, autoComplete: 'off' })}
      {text('phone', 'citizen.phone', { type: 'tel', maxLength: 30, autoComplete: 'off' })}
      {text('email', 'citizen.email', { type: 'email', maxLength: 200, autoComplete: 'off' })}
      <div className="form-group">
        <label className="form-label" htmlFor="citizen-form-language">
          {t('citizenForm.language')}
        </label>
        <select
          id="citizen-form-language"
          className="form-select"
          value={f.preferredLanguage}
          onChange={set('preferredLanguage')}
        >
          {langs.map((l) => (
            <option key={l} value={l}>
              {new Intl.DisplayNames(['da'], { type: 'language' }).of(l) ?? l}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <div className="form-checkbox">
          <input
            id="citizen-form-interpreter"
            type="checkbox"
            className="form-checkbox"
            checked={f.needsInterpreter}
            onChange={(e) => setF({ ...f, needsInterpreter: e.target.checked })}
          />
          <label htmlFor="citizen-form-interpreter">{t('citizenForm.interpreter')}</label>
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={props.saving}>
        {props.submitLabel}
      </button>
    </form>
  );
}
