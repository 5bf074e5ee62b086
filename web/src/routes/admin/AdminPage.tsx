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
  createOrganisationType,
  createUser,
  deleteOrganisationType,
  exportTableUrl,
  listEgress,
  listExportTables,
  listOrganisations,
  listOrganisationTypes,
  listUsers,
  type Organisation,
  removeRole,
  renameOrganisationType,
  saveEgress,
  setUserActive,
  updateOrganisation,
} from '../../api/admin';
import { mayAttempt, type Role, useMe } from '../../api/auth';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  bindFields,
  CheckboxField,
  fieldError,
  InputField,
  SelectField,
  TextareaField,
} from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { PageState } from '../../components/PageState';
import { useDebounced } from '../../components/useDebounced';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { FollowUpRulesSection } from './FollowUpRulesSection';

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
  const me = useMe();
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
      <OrganisationTypesSection />
      <UsersSection organisations={organisations.data ?? []} />
      <EgressSection />
      <FollowUpRulesSection />
      {mayAttempt(me.data, 'admin.export') && <ExportSection />}
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
  const [form, setForm] = useState({ name: '', type: 'sundhedscenter', address: '' });
  const field = bindFields(form, setForm);
  const orgType = (type: string) => t(key(`admin.orgType.${type}`));
  const types = useQuery({
    queryKey: ['admin', 'organisation-types'],
    queryFn: listOrganisationTypes,
  });
  const typeOptions = [
    ...(types.data?.builtIn ?? []).map((ot) => ({ value: ot, label: orgType(ot) })),
    ...(types.data?.own ?? []).map((ot) => ({
      value: ot.code,
      label: t('admin.orgTypes.ownOption', { name: ot.name, profile: orgType(ot.profile) }),
    })),
  ];
  const typeText = (o: Organisation) =>
    o.localTypeName
      ? t('admin.orgTypes.ownOption', { name: o.localTypeName, profile: orgType(o.type) })
      : orgType(o.type);
  const activeText = (active: boolean) => (active ? t('admin.active') : t('admin.inactive'));
  const [notice, setNotice] = useState<string | null>(null);
  const mayManage = mayAttempt(useMe().data, 'admin.organisations.manage');
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [edited, setEdited] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      createOrganisation({
        name: form.name.trim(),
        type: form.type,
        address: form.address.trim() || null,
      }),
    onSuccess: (org) => {
      setNotice(t('admin.organisations.created', { name: org.name }));
      setForm({ ...form, name: '', address: '' });
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
      <PageState query={organisations} empty={t('admin.organisations.empty')}>
        {(rows) => (
          <DataTable
            caption={t('admin.organisations.title')}
            rows={rows}
            rowKey={(o) => o.id}
            columns={[
              {
                key: 'name',
                header: t('admin.name'),
                cell: (o) => o.name,
                sortValue: (o) => o.name,
              },
              { key: 'type', header: t('admin.organisations.type'), cell: typeText },
              {
                key: 'address',
                header: t('admin.organisations.address'),
                cell: (o) => o.address ?? '–',
              },
              { key: 'status', header: t('admin.status'), cell: (o) => activeText(o.active) },
              mayManage && {
                key: 'actions',
                header: t('admin.organisations.actions'),
                hideHeader: true,
                cell: (o) => (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-expanded={editing?.id === o.id}
                    onClick={() => {
                      setEdited(null);
                      setEditing(o);
                    }}
                  >
                    {t('admin.organisations.edit')}
                    <span className="sr-only"> {o.name}</span>
                  </button>
                ),
              },
            ]}
          />
        )}
      </PageState>
      {editing && (
        <EditOrganisation
          key={editing.id}
          organisation={editing}
          typeName={orgType(editing.type)}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setEdited(t('admin.organisations.saved', { name: saved.name }));
          }}
        />
      )}
      <Notice text={edited} />
      <h3 className="mt-6">{t('admin.organisations.create')}</h3>
      <Notice text={notice} />
      <FormError error={create.error} />
      <form onSubmit={onSubmit} noValidate>
        <InputField id={`${id}-name`} label={t('admin.name')} minLength={2} {...field('name')} />
        <SelectField
          id={`${id}-type`}
          label={t('admin.organisations.type')}
          options={typeOptions}
          {...field('type')}
        />
        <InputField
          id={`${id}-address`}
          label={t('admin.organisations.address')}
          autoComplete="street-address"
          {...field('address')}
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('admin.organisations.create')}
        </button>
      </form>
    </section>
  );
}

/** The administrator edits an organisation's name, address and whether it is active. */
function EditOrganisation({
  organisation,
  typeName,
  onDone,
}: {
  organisation: Organisation;
  typeName: string;
  onDone: (saved: Organisation | null) => void;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: organisation.name,
    address: organisation.address ?? '',
    active: organisation.active,
  });
  const field = bindFields(form, setForm);
  const save = useMutation({
    mutationFn: () =>
      updateOrganisation(organisation.id, {
        name: form.name.trim(),
        address: form.address.trim() || null,
        active: form.active,
      }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'organisations'] });
      onDone(saved);
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-h`} className="mt-6">
      <h3 id={`${id}-h`}>{t('admin.organisations.editTitle', { name: organisation.name })}</h3>
      <p className="form-hint">{t('admin.organisations.typeFixed', { type: typeName })}</p>
      <FormError error={save.error} />
      <InputField
        id={`${id}-name`}
        label={t('admin.name')}
        minLength={2}
        error={fieldError(save.error, 'name')}
        {...field('name')}
      />
      <InputField
        id={`${id}-address`}
        label={t('admin.organisations.address')}
        autoComplete="street-address"
        error={fieldError(save.error, 'address')}
        {...field('address')}
      />
      <CheckboxField
        id={`${id}-active`}
        label={t('admin.organisations.activeLabel')}
        {...field('active')}
      />
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('admin.organisations.save')}
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
        {t('admin.organisations.cancel')}
      </button>
    </form>
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
  const roleList = (u: AdminUser) =>
    u.roles.length === 0 ? (
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
    );
  const toggleButton = (u: AdminUser) => (
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
  );
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <h2 id={`${id}-h`}>{t('admin.users.title')}</h2>
      <Notice text={notice} />
      <InputField
        id={`${id}-q`}
        label={t('admin.users.search')}
        type="search"
        autoComplete="off"
        value={search}
        onChange={(value) => {
          setSearch(value);
          setOffset(0);
        }}
      />
      <FormError error={toggle.error ?? unassign.error} />
      <PageState query={users} empty={q ? t('admin.users.noMatch', { q }) : t('admin.users.empty')}>
        {(data) => (
          <>
            <DataTable
              caption={t('admin.users.title')}
              rows={data.items}
              rowKey={(u) => u.id}
              columns={[
                {
                  key: 'username',
                  header: t('admin.users.username'),
                  cell: (u) => u.username ?? '–',
                },
                { key: 'name', header: t('admin.name'), cell: (u) => u.displayName },
                { key: 'roles', header: t('admin.users.roles'), cell: (u) => roleList(u) },
                {
                  key: 'status',
                  header: t('admin.status'),
                  cell: (u) => (u.active ? t('admin.active') : t('admin.inactive')),
                },
                {
                  key: 'actions',
                  header: t('admin.users.actions'),
                  hideHeader: true,
                  cell: (u) => toggleButton(u),
                },
              ]}
            />
            <Pager
              total={data.total}
              limit={PAGE}
              offset={offset}
              onChange={setOffset}
              label={t('admin.users.paging')}
            />
          </>
        )}
      </PageState>
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
  const empty = { username: '', displayName: '', email: '', password: '' };
  const [form, setForm] = useState(empty);
  const [roles, setRoles] = useState<RoleChoice>({ role: 'caseworker', organisationId: '' });
  const create = useMutation({
    mutationFn: () =>
      createUser({
        username: form.username.trim().toLowerCase(),
        displayName: form.displayName.trim(),
        email: form.email.trim() || null,
        password: form.password,
        roles: [{ role: roles.role, organisationId: roles.organisationId || null }],
      }),
    onSuccess: () => {
      onCreated(t('admin.users.created', { name: form.displayName.trim() }));
      setForm(empty);
      queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const bound = bindFields(form, setForm);
  // The server's message for a field shows at that field (problem+json `errors`).
  const field = (name: keyof typeof empty) => ({
    id: `${id}-${name}`,
    error: fieldError(create.error, name),
    ...bound(name),
  });
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
        <InputField
          label={t('admin.users.username')}
          autoComplete="off"
          autoCapitalize="none"
          {...field('username')}
        />
        <InputField label={t('admin.name')} {...field('displayName')} />
        <InputField label={t('admin.users.email')} type="email" {...field('email')} />
        <InputField
          label={t('admin.users.password')}
          type="password"
          autoComplete="new-password"
          {...field('password')}
        />
        <RoleFields id={id} organisations={organisations} value={roles} onChange={setRoles} />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('admin.users.create')}
        </button>
      </form>
    </>
  );
}

interface RoleChoice {
  role: Role;
  organisationId: string;
}

/** The role to give and, for most roles, the organisation it is given in. */
function RoleFields({
  id,
  organisations,
  value,
  onChange,
}: {
  id: string;
  organisations: Organisation[];
  value: RoleChoice;
  onChange: (value: RoleChoice) => void;
}) {
  const t = useT();
  const field = bindFields(value, onChange);
  return (
    <>
      <SelectField
        id={`${id}-role`}
        label={t('admin.users.role')}
        options={staffRoles.map((r) => ({ value: r, label: t(key(`role.${r}`)) }))}
        {...field('role')}
      />
      <SelectField
        id={`${id}-org`}
        label={t('admin.users.organisation')}
        placeholder={t('admin.users.noOrganisation')}
        options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        {...field('organisationId')}
      />
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
  const [roles, setRoles] = useState<RoleChoice>({ role: 'caseworker', organisationId: '' });
  const assign = useMutation({
    mutationFn: () => addRole(userId, roles.role, roles.organisationId || null),
    onSuccess: () => {
      const name = users.find((u) => u.id === userId)?.displayName ?? '';
      onDone(t('admin.roles.added', { role: t(key(`role.${roles.role}`)), name }));
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
        <SelectField
          id={`${id}-user`}
          label={t('admin.roles.user')}
          options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          value={userId}
          onChange={setUserId}
        />
        <RoleFields id={id} organisations={organisations} value={roles} onChange={setRoles} />
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
      <PageState query={egress} isEmpty={() => false}>
        {() => (
          <>
            <Notice text={notice} />
            <FormError error={save.error} />
            <form onSubmit={onSubmit} noValidate>
              <TextareaField
                id={`${id}-list`}
                label={t('admin.egress.label')}
                hint={t('admin.egress.hint')}
                rows={4}
                value={shown}
                onChange={setText}
              />
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {t('admin.egress.save')}
              </button>
            </form>
          </>
        )}
      </PageState>
    </section>
  );
}

/**
 * The municipality's own organisation types (decision 1051): each lends the permissions of the
 * built-in type it is mapped onto, its profile.
 */
function OrganisationTypesSection() {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const types = useQuery({
    queryKey: ['admin', 'organisation-types'],
    queryFn: listOrganisationTypes,
  });
  const [form, setForm] = useState({ name: '', profile: 'sundhedscenter' });
  const field = bindFields(form, setForm);
  const [notice, setNotice] = useState<string | null>(null);
  const orgType = (type: string) => t(key(`admin.orgType.${type}`));
  const create = useMutation({
    mutationFn: () => createOrganisationType({ name: form.name.trim(), profile: form.profile }),
    onSuccess: (type) => {
      setNotice(t('admin.orgTypes.created', { name: type.name }));
      setForm({ ...form, name: '' });
      queryClient.invalidateQueries({ queryKey: ['admin', 'organisation-types'] });
    },
  });
  // Renaming one type at a time, in its row; deleting one no organisation uses (decision 1110).
  const [renaming, setRenaming] = useState<{ code: string; name: string } | null>(null);
  const rename = useMutation({
    mutationFn: (r: { code: string; name: string }) =>
      renameOrganisationType(r.code, r.name.trim()),
    onSuccess: (type) => {
      setRenaming(null);
      setNotice(t('admin.orgTypes.renamed', { name: type.name }));
      queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  const remove = useMutation({
    mutationFn: (o: { code: string; name: string }) => deleteOrganisationType(o.code),
    onSuccess: (_, o) => {
      setNotice(t('admin.orgTypes.deleted', { name: o.name }));
      queryClient.invalidateQueries({ queryKey: ['admin', 'organisation-types'] });
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    create.mutate();
  }
  type Own = { code: string; name: string; profile: string };
  const actions = (o: Own) =>
    renaming?.code === o.code ? (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate(renaming);
        }}
        noValidate
      >
        <InputField
          id={`${id}-rename-${o.code}`}
          label={t('admin.orgTypes.newName', { name: o.name })}
          minLength={2}
          error={fieldError(rename.error, 'name')}
          value={renaming.name}
          onChange={(name) => setRenaming({ code: o.code, name })}
        />
        <button type="submit" className="button button-primary" disabled={rename.isPending}>
          {t('admin.orgTypes.saveName')}
        </button>{' '}
        <button type="button" className="button button-tertiary" onClick={() => setRenaming(null)}>
          {t('admin.orgTypes.cancel')}
        </button>
      </form>
    ) : (
      <>
        <button
          type="button"
          className="button button-tertiary"
          onClick={() => {
            setNotice(null);
            rename.reset();
            remove.reset();
            setRenaming({ code: o.code, name: o.name });
          }}
        >
          {t('admin.orgTypes.rename', { name: o.name })}
        </button>{' '}
        <button
          type="button"
          className="button button-tertiary"
          disabled={remove.isPending}
          onClick={() => {
            setNotice(null);
            rename.reset();
            remove.mutate(o);
          }}
        >
          {t('admin.orgTypes.delete', { name: o.name })}
        </button>
      </>
    );
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <h2 id={`${id}-h`}>{t('admin.orgTypes.title')}</h2>
      <p>{t('admin.orgTypes.intro')}</p>
      <PageState
        query={types}
        isEmpty={(d) => d.own.length === 0}
        empty={t('admin.orgTypes.empty')}
      >
        {(data) => (
          <DataTable
            caption={t('admin.orgTypes.title')}
            rows={data.own}
            rowKey={(o) => o.code}
            columns={[
              { key: 'name', header: t('admin.name'), cell: (o) => o.name },
              {
                key: 'profile',
                header: t('admin.orgTypes.profile'),
                cell: (o) => orgType(o.profile),
              },
              { key: 'actions', header: t('admin.orgTypes.actions'), cell: actions },
            ]}
          />
        )}
      </PageState>
      <Notice text={notice} />
      <FormError error={remove.error ?? rename.error} />
      <h3 className="mt-6">{t('admin.orgTypes.create')}</h3>
      <FormError error={create.error} />
      <form onSubmit={onSubmit} noValidate>
        <InputField
          id={`${id}-name`}
          label={t('admin.name')}
          hint={t('admin.orgTypes.nameHint')}
          minLength={2}
          error={fieldError(create.error, 'name')}
          {...field('name')}
        />
        <SelectField
          id={`${id}-profile`}
          label={t('admin.orgTypes.profile')}
          hint={t('admin.orgTypes.profileHint')}
          options={(types.data?.builtIn ?? []).map((ot) => ({ value: ot, label: orgType(ot) }))}
          {...field('profile')}
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('admin.orgTypes.create')}
        </button>
      </form>
    </section>
  );
}

/** The municipality's data as CSV, one file per table (decision 1053). */
function ExportSection() {
  const t = useT();
  const id = useId();
  const tables = useQuery({ queryKey: ['admin', 'export'], queryFn: listExportTables });
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <h2 id={`${id}-h`}>{t('admin.export.title')}</h2>
      <p>{t('admin.export.intro')}</p>
      <PageState query={tables} empty={t('admin.export.empty')}>
        {(rows) => (
          <DataTable
            caption={t('admin.export.title')}
            rows={rows}
            rowKey={(r) => r.table}
            columns={[
              { key: 'table', header: t('admin.export.table'), cell: (r) => r.table },
              { key: 'rows', header: t('admin.export.rows'), cell: (r) => String(r.rows) },
              {
                key: 'download',
                header: t('admin.export.download'),
                hideHeader: true,
                cell: (r) => (
                  <a href={exportTableUrl(r.table)} download={`${r.table}.csv`}>
                    {t('admin.export.download')}
                    <span className="sr-only"> {r.table}</span>
                  </a>
                ),
              },
            ]}
          />
        )}
      </PageState>
    </section>
  );
}
