/**
 * Administration for the municipality's administrator: organisations, users and their roles,
 * deactivating and activating users (a deactivated user's sessions end at once).
 */

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import {
  type AdminUser,
  addRole,
  createOrganisation,
  createUser,
  listEgress,
  listOrganisations,
  listUsers,
  type Organisation,
  organisationTypes,
  removeRole,
  saveEgress,
  setUserActive,
} from '../../api/admin';
import type { Role } from '../../api/auth';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { useDebounced } from '../../components/useDebounced';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const PAGE = 25;
const staffRoles: Role[] = [
  'caseworker',
  'coordinating_caseworker',
  'health_professional',
  'provider_staff',
  'team_member',
  'manager',
  'administrator',
];
const key = (k: string) => k as MessageKey;

export function AdminPage() {
  const t = useT();
  useDocumentTitle(t('admin.title'));
  const organisations = useQuery({
    queryKey: ['admin', 'organisations'],
    queryFn: listOrganisations,
  });
  return (
    <>
      <PageHeading>{t('admin.title')}</PageHeading>
      <p className="font-lead">{t('admin.intro')}</p>
      <p>
        <Link to="/borgere">{t('citizenLog.adminLink')}</Link>
      </p>
      <OrganisationsSection organisations={organisations} />
      <UsersSection organisations={organisations.data ?? []} />
      <EgressSection />
    </>
  );
}

function Notice({ text }: { text: string | null }) {
  return (
    <div aria-live="polite">
      {text && (
        <div className="alert alert-success">
          <div className="alert-body">
            <p className="alert-text">{text}</p>
          </div>
        </div>
      )}
    </div>
  );
}

function FormError({ error }: { error: unknown }) {
  const t = useT();
  return <ErrorAlert error={error} heading={t('admin.saveFailed')} />;
}

function OrganisationsSection({
  organisations,
}: {
  organisations: ReturnType<typeof useQuery<Organisation[]>>;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<string>('sundhedscenter');
  const [address, setAddress] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      createOrganisation({ name: name.trim(), type, address: address.trim() || null }),
    onSuccess: (org) => {
      setNotice(t('admin.organisations.created', { name: org.name }));
      setName('');
      setAddress('');
      queryClient.invalidateQueries({ queryKey: ['admin', 'organisations'] });
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    create.mutate();
  }
  return (
    <section aria-labelledby={`${id}-h`} className="mt-7">
      <h2 id={`${id}-h`}>{t('admin.organisations.title')}</h2>
      {organisations.isPending ? (
        <Loading />
      ) : organisations.isError ? (
        <ErrorState error={organisations.error} onRetry={() => organisations.refetch()} />
      ) : organisations.data.length === 0 ? (
        <p>{t('admin.organisations.empty')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra">
            <caption className="sr-only">{t('admin.organisations.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('admin.organisations.type')}</th>
                <th scope="col">{t('admin.organisations.address')}</th>
                <th scope="col">{t('admin.status')}</th>
              </tr>
            </thead>
            <tbody>
              {organisations.data.map((o) => (
                <tr key={o.id}>
                  <td>{o.name}</td>
                  <td>{t(key(`admin.orgType.${o.type}`))}</td>
                  <td>{o.address ?? '–'}</td>
                  <td>{o.active ? t('admin.active') : t('admin.inactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="mt-6">{t('admin.organisations.create')}</h3>
      <Notice text={notice} />
      <FormError error={create.error} />
      <form onSubmit={onSubmit} noValidate>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-name`}>
            {t('admin.name')}
          </label>
          <input
            className="form-input"
            id={`${id}-name`}
            required
            minLength={2}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-type`}>
            {t('admin.organisations.type')}
          </label>
          <select
            className="form-select"
            id={`${id}-type`}
            value={type}
            onChange={(e) => setType(e.target.value)}
          >
            {organisationTypes.map((ot) => (
              <option key={ot} value={ot}>
                {t(key(`admin.orgType.${ot}`))}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-address`}>
            {t('admin.organisations.address')}
          </label>
          <input
            className="form-input"
            id={`${id}-address`}
            autoComplete="street-address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('admin.organisations.create')}
        </button>
      </form>
    </section>
  );
}

function UsersSection({ organisations }: { organisations: Organisation[] }) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [notice, setNotice] = useState<string | null>(null);
  // Searching finds any user of the municipality, not just the page shown; the role form below
  // offers the users found.
  const users = useQuery({
    queryKey: ['admin', 'users', q, offset],
    queryFn: () => listUsers(q, PAGE, offset),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (u: AdminUser) => setUserActive(u.id, !u.active),
    onSuccess: (_v, u) => {
      setNotice(
        u.active
          ? t('admin.users.deactivated', { name: u.displayName })
          : t('admin.users.activated', { name: u.displayName }),
      );
      queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const unassign = useMutation({
    mutationFn: (v: { user: AdminUser; roleId: string; label: string }) =>
      removeRole(v.user.id, v.roleId),
    onSuccess: (_r, v) => {
      setNotice(t('admin.roles.removed', { role: v.label, name: v.user.displayName }));
      queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <h2 id={`${id}-h`}>{t('admin.users.title')}</h2>
      <Notice text={notice} />
      <div className="form-group">
        <label className="form-label" htmlFor={`${id}-q`}>
          {t('admin.users.search')}
        </label>
        <input
          id={`${id}-q`}
          className="form-input"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setOffset(0);
          }}
          autoComplete="off"
        />
      </div>
      <FormError error={toggle.error ?? unassign.error} />
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <p>{q ? t('admin.users.noMatch', { q }) : t('admin.users.empty')}</p>
      ) : (
        <>
          <div className="table--responsive-scroll">
            <table className="table table--zebra">
              <caption className="sr-only">{t('admin.users.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.users.username')}</th>
                  <th scope="col">{t('admin.name')}</th>
                  <th scope="col">{t('admin.users.roles')}</th>
                  <th scope="col">{t('admin.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('admin.users.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>{u.username ?? '–'}</td>
                    <td>{u.displayName}</td>
                    <td>
                      {u.roles.length === 0 ? (
                        '–'
                      ) : (
                        <ul className="nobullet-list">
                          {u.roles.map((r) => {
                            const label = `${t(key(`role.${r.role}`))}${r.organisationName ? ` (${r.organisationName})` : ''}`;
                            return (
                              <li key={r.id}>
                                {label}{' '}
                                <button
                                  type="button"
                                  className="button button-unstyled"
                                  disabled={unassign.isPending}
                                  onClick={() => {
                                    setNotice(null);
                                    unassign.mutate({ user: u, roleId: r.id, label });
                                  }}
                                >
                                  {t('admin.roles.remove')}
                                  <span className="sr-only">
                                    {' '}
                                    {label}, {u.displayName}
                                  </span>
                                </button>
                              </li>
                            );
                          })}
                        </ul>
                      )}
                    </td>
                    <td>{u.active ? t('admin.active') : t('admin.inactive')}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={toggle.isPending}
                        onClick={() => {
                          setNotice(null);
                          toggle.mutate(u);
                        }}
                      >
                        {u.active ? t('admin.users.deactivate') : t('admin.users.activate')}
                        <span className="sr-only"> {u.displayName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            total={users.data.total}
            limit={PAGE}
            offset={offset}
            onChange={setOffset}
            label={t('admin.users.paging')}
          />
        </>
      )}
      {users.data && users.data.items.length > 0 && (
        <AddRoleForm users={users.data.items} organisations={organisations} onDone={setNotice} />
      )}
      <CreateUserForm organisations={organisations} onCreated={setNotice} />
    </section>
  );
}

function CreateUserForm({
  organisations,
  onCreated,
}: {
  organisations: Organisation[];
  onCreated: (text: string) => void;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('caseworker');
  const [organisationId, setOrganisationId] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createUser({
        username: username.trim().toLowerCase(),
        displayName: displayName.trim(),
        email: email.trim() || null,
        password,
        roles: [{ role, organisationId: organisationId || null }],
      }),
    onSuccess: () => {
      onCreated(t('admin.users.created', { name: displayName.trim() }));
      setUsername('');
      setDisplayName('');
      setEmail('');
      setPassword('');
      queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const fieldError = (pointer: string) =>
    create.error instanceof ApiError
      ? create.error.errors.find((e) => e.pointer === pointer)?.message
      : undefined;
  const field = (
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: Record<string, string> = {},
  ) => {
    const error = fieldError(`/${name}`);
    return (
      <div className={`form-group${error ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor={`${id}-${name}`}>
          {label}
        </label>
        {error && (
          <span className="form-error-message" id={`${id}-${name}-error`}>
            {error}
          </span>
        )}
        <input
          className="form-input"
          id={`${id}-${name}`}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${name}-error` : undefined}
          onChange={(e) => set(e.target.value)}
          {...extra}
        />
      </div>
    );
  };
  return (
    <>
      <h3 className="mt-6">{t('admin.users.create')}</h3>
      <FormError error={create.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
        noValidate
      >
        {field('username', t('admin.users.username'), username, setUsername, {
          autoComplete: 'off',
          autoCapitalize: 'none',
        })}
        {field('displayName', t('admin.name'), displayName, setDisplayName)}
        {field('email', t('admin.users.email'), email, setEmail, { type: 'email' })}
        {field('password', t('admin.users.password'), password, setPassword, {
          type: 'password',
          autoComplete: 'new-password',
        })}
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-role`}>
            {t('admin.users.role')}
          </label>
          <select
            className="form-select"
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {staffRoles.map((r) => (
              <option key={r} value={r}>
                {t(key(`role.${r}`))}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-org`}>
            {t('admin.users.organisation')}
          </label>
          <select
            className="form-select"
            id={`${id}-org`}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            <option value="">{t('admin.users.noOrganisation')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('admin.users.create')}
        </button>
      </form>
    </>
  );
}

function AddRoleForm({
  users,
  organisations,
  onDone,
}: {
  users: AdminUser[];
  organisations: Organisation[];
  onDone: (text: string) => void;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [chosen, setUserId] = useState(users[0]?.id ?? '');
  // The list follows the search above: a choice no longer listed falls back to the first user.
  const userId = users.some((u) => u.id === chosen) ? chosen : (users[0]?.id ?? '');
  const [role, setRole] = useState<Role>('caseworker');
  const [organisationId, setOrganisationId] = useState('');
  const assign = useMutation({
    mutationFn: () => addRole(userId, role, organisationId || null),
    onSuccess: () => {
      const name = users.find((u) => u.id === userId)?.displayName ?? '';
      onDone(t('admin.roles.added', { role: t(key(`role.${role}`)), name }));
      queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  return (
    <>
      <h3 className="mt-6">{t('admin.roles.add')}</h3>
      <FormError error={assign.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          assign.mutate();
        }}
        noValidate
      >
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-user`}>
            {t('admin.roles.user')}
          </label>
          <select
            className="form-select"
            id={`${id}-user`}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
          >
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.username})
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-role`}>
            {t('admin.users.role')}
          </label>
          <select
            className="form-select"
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {staffRoles.map((r) => (
              <option key={r} value={r}>
                {t(key(`role.${r}`))}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-org`}>
            {t('admin.users.organisation')}
          </label>
          <select
            className="form-select"
            id={`${id}-org`}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            <option value="">{t('admin.users.noOrganisation')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={assign.isPending}>
          {t('admin.roles.add')}
        </button>
      </form>
    </>
  );
}

/**
 * The addresses the municipality's staff reach Helhed from (its NAT or proxy). Logins and
 * requests without a session from these get raised limits, so an office is not one person.
 */
function EgressSection() {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const egress = useQuery({ queryKey: ['admin', 'egress'], queryFn: listEgress });
  const [text, setText] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const shown =
    text ??
    (egress.data?.addresses ?? [])
      .map((a) => [a.cidr, a.note].filter(Boolean).join(' '))
      .join('\n');
  const save = useMutation({
    mutationFn: () =>
      saveEgress(
        shown
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const [cidr = '', ...note] = line.split(/\s+/);
            return { cidr, note: note.join(' ') || null };
          }),
      ),
    onSuccess: (saved) => {
      setNotice(t('admin.egress.saved', { count: saved.addresses.length }));
      setText(null);
      queryClient.setQueryData(['admin', 'egress'], saved);
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    save.mutate();
  }
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <h2 id={`${id}-h`}>{t('admin.egress.title')}</h2>
      <p>{t('admin.egress.intro')}</p>
      {egress.isPending ? (
        <Loading />
      ) : egress.isError ? (
        <ErrorState error={egress.error} onRetry={() => egress.refetch()} />
      ) : (
        <>
          <Notice text={notice} />
          <FormError error={save.error} />
          <form onSubmit={onSubmit} noValidate>
            <div className="form-group">
              <label className="form-label" htmlFor={`${id}-list`}>
                {t('admin.egress.label')}
              </label>
              <span className="form-hint" id={`${id}-hint`}>
                {t('admin.egress.hint')}
              </span>
              <textarea
                className="form-input"
                id={`${id}-list`}
                aria-describedby={`${id}-hint`}
                rows={4}
                value={shown}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('admin.egress.save')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
