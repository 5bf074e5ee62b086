/**
 * Organisations, users and roles within the administrator's municipality. Deactivating a user
 * ends every session at once: the session lookup checks the user is active on every request.
 */
import { isIP } from 'node:net';
import { audit, auditMany } from '../../platform/audit.js';
import { type AuthedContext, type Role, type Tx, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { builtInOrganisationTypes } from '../../platform/onboarding.js';
import { hashPassword } from '../../platform/passwords.js';
import { authorize } from '../../platform/policy.js';
import { forgetEgressAddresses } from '../../platform/rate-limit.js';
import { revokeAllSessions } from '../../platform/sessions.js';
import { exportableTables, exportTable } from '../../platform/tenant-data.js';
import * as repo from './admin.repo.js';

const presentOrg = (o: repo.OrganisationRow) => ({
  id: o.id,
  name: o.name,
  type: o.type,
  localType: o.local_type,
  localTypeName: o.local_type_name,
  address: o.address,
  active: o.active,
});

export async function listOrganisations(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    authorize(ctx.actor, 'admin.organisations.read', {
      municipalityCode: ctx.actor.municipalityCode,
    });
    return (await repo.listOrganisations(tx)).map(presentOrg);
  });
}

export async function createOrganisation(
  ctx: AuthedContext,
  input: { name: string; type: string; address?: string | null },
) {
  authorize(ctx.actor, 'admin.organisations.manage', {
    municipalityCode: ctx.actor.municipalityCode,
  });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    // A built-in type is its own profile; the municipality's own type lends its profile.
    let type = input.type;
    let localType: string | null = null;
    if (!(builtInOrganisationTypes as readonly string[]).includes(input.type)) {
      const own = await repo.findOrganisationType(tx, input.type);
      if (!own) {
        throw new AppError(
          'validation',
          { da: 'Ukendt organisationstype.', en: 'Unknown organisation type.' },
          { errors: [{ in: 'body', pointer: '/type', message: 'Vælg en type' }] },
        );
      }
      type = own.profile;
      localType = own.code;
    }
    const id = await repo.insertOrganisation(tx, ctx.actor.municipalityCode, {
      ...input,
      type,
      localType,
    });
    return presentOrg((await repo.findOrganisation(tx, id))!);
  });
}

// ---- organisation types as data (decision 1051) --------------------------------------------

export async function listOrganisationTypes(ctx: AuthedContext) {
  authorize(ctx.actor, 'admin.organisations.read', {
    municipalityCode: ctx.actor.municipalityCode,
  });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => ({
    builtIn: [...builtInOrganisationTypes],
    own: await repo.listOrganisationTypes(tx),
  }));
}

/** A code from the name: Danish letters spelled out, the rest to underscores. */
export function typeCode(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return /^[a-z]/.test(base) ? base : `t_${base}`.slice(0, 36);
}

export async function createOrganisationType(
  ctx: AuthedContext,
  input: { name: string; profile: string },
) {
  authorize(ctx.actor, 'admin.organisations.manage', {
    municipalityCode: ctx.actor.municipalityCode,
  });
  const name = input.name.trim();
  const code = typeCode(name);
  if (code.length < 2 || (builtInOrganisationTypes as readonly string[]).includes(code)) {
    throw new AppError(
      'validation',
      { da: 'Vælg et andet navn til typen.', en: 'Choose another name for the type.' },
      { errors: [{ in: 'body', pointer: '/name', message: 'Vælg et andet navn' }] },
    );
  }
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    if (await repo.findOrganisationType(tx, code)) {
      throw new AppError(
        'conflict',
        { da: 'Typen findes allerede.', en: 'The type already exists.' },
        { errors: [{ in: 'body', pointer: '/name', message: 'Typen findes allerede' }] },
      );
    }
    const row = { code, name, profile: input.profile };
    await repo.insertOrganisationType(tx, ctx.actor.municipalityCode, row);
    return row;
  });
}

/**
 * The municipality's own type, for a change: a built-in type is refused (409: it belongs to
 * every municipality and carries the permissions), an unknown code is 404.
 */
async function ownType(tx: Tx, code: string) {
  if ((builtInOrganisationTypes as readonly string[]).includes(code)) {
    throw new AppError(
      'conflict',
      {
        da: 'En indbygget organisationstype kan ikke omdøbes eller slettes.',
        en: 'A built-in organisation type cannot be renamed or deleted.',
      },
      { reason: 'organisation_type_built_in' },
    );
  }
  const row = await repo.findOrganisationType(tx, code);
  if (!row) {
    throw notFound({ da: 'Organisationstypen findes ikke.', en: 'Organisation type not found.' });
  }
  return row;
}

/**
 * PATCH /api/admin/organisation-types/:code: a new name for an own type (decision 1110). The code
 * stays, so the organisations of the type keep it; the profile (the permissions) is not changed
 * here, since that would change what the staff of those organisations may do.
 */
export async function renameOrganisationType(
  ctx: AuthedContext,
  code: string,
  input: { name: string },
) {
  authorize(ctx.actor, 'admin.organisations.manage', {
    municipalityCode: ctx.actor.municipalityCode,
  });
  const name = input.name.trim();
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await ownType(tx, code);
    const others = (await repo.listOrganisationTypes(tx)).filter((t) => t.code !== code);
    if (others.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
      throw new AppError(
        'conflict',
        { da: 'Der er allerede en type med det navn.', en: 'A type with that name exists.' },
        { errors: [{ in: 'body', pointer: '/name', message: 'Navnet er brugt' }] },
      );
    }
    await repo.renameOrganisationType(tx, code, name);
    return { ...row, name };
  });
}

/**
 * DELETE /api/admin/organisation-types/:code: an own type no organisation uses. In use, the
 * answer is 409 naming the organisations, so the administrator knows what to move first.
 */
export async function deleteOrganisationType(ctx: AuthedContext, code: string) {
  authorize(ctx.actor, 'admin.organisations.manage', {
    municipalityCode: ctx.actor.municipalityCode,
  });
  await tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await ownType(tx, code);
    const using = await repo.organisationsOfType(tx, code);
    if (using.length > 0) {
      throw new AppError(
        'conflict',
        {
          da: `Typen „${row.name}“ bruges af ${using.length === 1 ? 'organisationen' : `${using.length} organisationer`}: ${using.join(', ')}. Giv dem en anden type først.`,
          en: `The type "${row.name}" is used by ${using.length === 1 ? 'the organisation' : `${using.length} organisations`}: ${using.join(', ')}. Give them another type first.`,
        },
        { reason: 'organisation_type_in_use', organisations: using },
      );
    }
    await repo.deleteOrganisationType(tx, code);
  });
}

// ---- export of the municipality's data (decision 1053) --------------------------------------

export async function listExport(ctx: AuthedContext) {
  authorize(ctx.actor, 'admin.export', { municipalityCode: ctx.actor.municipalityCode });
  return tenantTx(ctx, ctx.actor.municipalityCode, (tx) => exportableTables(tx));
}

/**
 * One table as CSV. Every export is audited; the citizen table's export once per citizen, so
 * each citizen's access log shows it.
 */
export async function exportOneTable(ctx: AuthedContext, table: string) {
  const grant = authorize(ctx.actor, 'admin.export', {
    municipalityCode: ctx.actor.municipalityCode,
  });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const csv = await exportTable(tx, table, {
      encryptionKey: ctx.config.cprEncryptionKey,
      hashKey: ctx.config.cprHashKey,
    });
    if (csv === null) throw notFound();
    if (table === 'citizen') {
      await auditMany(
        tx,
        ctx,
        (await repo.citizenIds(tx)).map((citizenId) => ({
          action: 'export' as const,
          policyAction: 'admin.export',
          resourceType: 'citizen',
          resourceId: citizenId,
          citizenId,
          grant,
        })),
      );
    }
    await audit(tx, ctx, {
      action: 'export',
      policyAction: 'admin.export',
      resourceType: 'municipality_export',
      resourceId: table,
      grant,
    });
    return csv;
  });
}

export async function updateOrganisation(
  ctx: AuthedContext,
  id: string,
  input: { name?: string; address?: string | null; active?: boolean },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const org = await repo.findOrganisation(tx, id);
    if (!org) throw notFound();
    authorize(ctx.actor, 'admin.organisations.manage', { municipalityCode: org.municipality_code });
    await repo.updateOrganisation(tx, id, input);
    return presentOrg((await repo.findOrganisation(tx, id))!);
  });
}

export async function listUsers(
  ctx: AuthedContext,
  q: string | undefined,
  limit: number,
  offset: number,
) {
  authorize(ctx.actor, 'admin.users.read', { municipalityCode: ctx.actor.municipalityCode });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const rows = await repo.listUsers(tx, q, limit, offset);
    return {
      items: rows.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        email: u.email,
        active: u.active,
        roles: u.roles,
      })),
      total: Number(rows[0]?.total ?? 0),
      limit,
      offset,
    };
  });
}

export async function createUser(
  ctx: AuthedContext,
  input: {
    username: string;
    displayName: string;
    email?: string | null;
    password: string;
    roles: { role: Role; organisationId: string | null }[];
  },
) {
  authorize(ctx.actor, 'admin.users.manage', { municipalityCode: ctx.actor.municipalityCode });
  const passwordHash = await hashPassword(input.password);
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    if (await repo.usernameTaken(tx, input.username)) {
      throw new AppError(
        'conflict',
        { da: 'Brugernavnet er optaget.', en: 'The username is taken.' },
        { errors: [{ in: 'body', pointer: '/username', message: 'Brugernavnet er optaget' }] },
      );
    }
    const id = await repo.insertUser(tx, ctx.actor.municipalityCode, { ...input, passwordHash });
    for (const r of input.roles) await addRoleIn(tx, ctx, id, r.role, r.organisationId);
    return { id };
  });
}

async function addRoleIn(
  tx: Parameters<Parameters<typeof tenantTx>[2]>[0],
  ctx: AuthedContext,
  userId: string,
  role: Role,
  organisationId: string | null,
) {
  if (role === 'citizen') {
    throw new AppError('validation', {
      da: 'Borgerrollen gives ved borgerens eget login.',
      en: 'The citizen role comes from the citizen’s own login.',
    });
  }
  if (role === 'operator') {
    throw new AppError('validation', {
      da: 'Driftsrollen hører ikke til en kommune.',
      en: 'The operator role belongs to no municipality.',
    });
  }
  if (organisationId && !(await repo.findOrganisation(tx, organisationId))) {
    throw notFound({ da: 'Organisationen findes ikke.', en: 'Organisation not found.' });
  }
  if (!organisationId && role !== 'administrator' && role !== 'manager') {
    throw new AppError(
      'validation',
      {
        da: 'Rollen skal høre til en organisation.',
        en: 'The role must belong to an organisation.',
      },
      { errors: [{ in: 'body', pointer: '/organisationId', message: 'Vælg en organisation' }] },
    );
  }
  await repo.addRole(tx, ctx.actor.municipalityCode, userId, role, organisationId);
}

export async function addRole(
  ctx: AuthedContext,
  userId: string,
  role: Role,
  organisationId: string | null,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (user?.kind !== 'staff') throw notFound();
    authorize(ctx.actor, 'admin.users.manage', { municipalityCode: user.municipality_code });
    await addRoleIn(tx, ctx, userId, role, organisationId);
  });
}

export async function removeRole(ctx: AuthedContext, userId: string, roleId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) throw notFound();
    authorize(ctx.actor, 'admin.users.manage', { municipalityCode: user.municipality_code });
    if ((await repo.removeRole(tx, userId, roleId)) === 0) throw notFound();
  });
}

export async function setUserActive(ctx: AuthedContext, userId: string, active: boolean) {
  await tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) throw notFound();
    authorize(ctx.actor, 'admin.users.manage', { municipalityCode: user.municipality_code });
    if (userId === ctx.actor.userId && !active) {
      throw new AppError('conflict', {
        da: 'Du kan ikke deaktivere dig selv.',
        en: 'You cannot deactivate yourself.',
      });
    }
    await repo.setActive(tx, userId, active);
  });
  if (!active) await revokeAllSessions(ctx.database, userId);
}

// ---- egress addresses (decision 0830) ------------------------------------------------------

/**
 * The narrowest ranges an administrator may name: a /16 is a large municipality's whole network;
 * anything wider would raise the limits for much of the internet.
 */
const WIDEST = { 4: 16, 6: 32 } as const;

function parseCidr(value: string): { cidr: string } | { error: { da: string; en: string } } {
  const [address = '', bits, ...rest] = value.trim().split('/');
  const family = isIP(address) as 0 | 4 | 6;
  if (!family || rest.length > 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
    return {
      error: {
        da: 'Skriv en IP-adresse eller et netværk, fx 192.0.2.10 eller 192.0.2.0/24.',
        en: 'Enter an IP address or a network, e.g. 192.0.2.10 or 192.0.2.0/24.',
      },
    };
  }
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max || prefix < WIDEST[family]) {
    return {
      error: {
        da: `Netværket må højst være /${WIDEST[family]} (og mindst /${max}).`,
        en: `The network may be at most /${WIDEST[family]} wide (and at least /${max}).`,
      },
    };
  }
  return { cidr: `${address}/${prefix}` };
}

export async function listEgress(ctx: AuthedContext) {
  authorize(ctx.actor, 'admin.egress.read', { municipalityCode: ctx.actor.municipalityCode });
  return tenantTx(ctx, ctx.actor.municipalityCode, (tx) => repo.listEgress(tx));
}

export async function replaceEgress(
  ctx: AuthedContext,
  addresses: { cidr: string; note?: string | null }[],
) {
  authorize(ctx.actor, 'admin.egress.manage', { municipalityCode: ctx.actor.municipalityCode });
  const errors: { in: 'body'; pointer: string; message: string }[] = [];
  const entries: repo.EgressRow[] = [];
  let first: { value: string; da: string; en: string } | null = null;
  addresses.forEach((a, i) => {
    const parsed = parseCidr(a.cidr);
    if ('error' in parsed) {
      first ??= { value: a.cidr, ...parsed.error };
      errors.push({ in: 'body', pointer: `/addresses/${i}/cidr`, message: parsed.error.da });
    } else entries.push({ cidr: parsed.cidr, note: a.note?.trim() || null });
  });
  if (first) {
    const { value, da, en } = first as { value: string; da: string; en: string };
    // The page shows the detail: it names the first address that is wrong and why.
    throw new AppError(
      'validation',
      { da: `»${value}« er ikke gyldig. ${da}`, en: `"${value}" is not valid. ${en}` },
      { errors },
    );
  }
  const list = await tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    await repo.replaceEgress(tx, ctx.actor.municipalityCode, entries);
    return repo.listEgress(tx);
  });
  // This process counts with the new list at once; other instances within a minute.
  forgetEgressAddresses(ctx.database);
  return list;
}
