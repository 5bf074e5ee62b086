/**
 * Citizens: the person the job center and the health center work with. Every read, search and
 * change writes an audit row in the same transaction.
 */
import type { CitizenInput, CitizenSearch } from '@helhed/shared/citizens';
import { audit, auditMany } from '../../platform/audit.js';
import { type AuthedContext, type Tx, tenantTx } from '../../platform/context.js';
import {
  decryptCpr,
  encryptCpr,
  formatCpr,
  hashCpr,
  maskCpr,
  parseCpr,
} from '../../platform/cpr.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, type RowScope } from '../../platform/policy.js';
import * as repo from './citizens.repo.js';

export type { CitizenRow } from './citizens.repo.js';

const keysOf = (ctx: AuthedContext) => ({
  encryptionKey: ctx.config.cprEncryptionKey,
  hashKey: ctx.config.cprHashKey,
});

export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const month = today.getUTCMonth() + 1;
  if (month < m || (month === m && today.getUTCDate() < d)) age--;
  return age;
}

export function citizenScope(row: repo.CitizenRow): RowScope {
  return {
    municipalityCode: row.municipality_code,
    citizenId: row.id,
    organisationIds: row.linked_organisation_ids ?? [],
  };
}

const invalidCpr = () =>
  new AppError(
    'validation',
    { da: 'CPR-nummeret er ikke gyldigt.', en: 'The CPR number is not valid.' },
    {
      errors: [
        {
          in: 'body',
          pointer: '/cpr',
          message: 'CPR-nummeret skal have 10 cifre og en gyldig dato',
        },
      ],
    },
  );

function present(ctx: AuthedContext, row: repo.CitizenRow) {
  const cpr = decryptCpr(keysOf(ctx), row.cpr_encrypted);
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    cprMasked: maskCpr(cpr),
    birthDate: row.birth_date,
    age: ageOn(row.birth_date),
    gender: row.gender,
    firstName: row.first_name,
    lastName: row.last_name,
    address: row.address,
    postalCode: row.postal_code,
    city: row.city,
    phone: row.phone,
    email: row.email,
    preferredLanguage: row.preferred_language,
    needsInterpreter: row.needs_interpreter,
    responsibleCaseworkerId: row.responsible_caseworker_id,
    responsibleCaseworkerName: row.responsible_caseworker_name,
    organisationId: row.organisation_id,
    allowedActions: allowedActions(
      ctx.actor,
      // What the citizen page offers: the web shows a button only for an action allowed here.
      [
        'citizen.update',
        'citizen.reveal_cpr',
        'benefit.create',
        'benefit.end',
        'meeting.create',
        'audit.read_citizen',
        'continuation.bridge',
      ],
      citizenScope(row),
    ),
  };
}

/**
 * The citizen's row, or not_found, with no access decision: for a module that decides access by
 * its own actions over a wider scope than citizenScope (health data adds consents). The caller
 * authorizes before anything of the row leaves; prefer loadCitizenFor when citizenScope is enough.
 */
export async function citizenRowForScope(tx: Tx, id: string): Promise<repo.CitizenRow> {
  const row = await repo.findCitizen(tx, id);
  if (!row) throw notFound({ da: 'Borgeren findes ikke.', en: 'Citizen not found.' });
  return row;
}

/**
 * Loads a citizen the actor may act on, or throws not_found. For other modules: call this
 * inside your transaction to check access to the citizen before touching their data.
 */
export async function loadCitizenFor(
  tx: Tx,
  ctx: AuthedContext,
  id: string,
  action = 'citizen.read',
) {
  const row = await citizenRowForScope(tx, id);
  const grant = authorize(ctx.actor, action, citizenScope(row));
  return { row, grant };
}

export async function getCitizen(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCitizenFor(tx, ctx, id);
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'citizen.read',
      resourceType: 'citizen',
      resourceId: id,
      citizenId: id,
      grant,
    });
    return present(ctx, row);
  });
}

export async function revealCpr(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCitizenFor(tx, ctx, id, 'citizen.reveal_cpr');
    await audit(tx, ctx, {
      action: 'reveal_cpr',
      policyAction: 'citizen.reveal_cpr',
      resourceType: 'citizen',
      resourceId: id,
      citizenId: id,
      grant,
    });
    return { cpr: formatCpr(decryptCpr(keysOf(ctx), row.cpr_encrypted)) };
  });
}

export async function createCitizen(ctx: AuthedContext, input: CitizenInput) {
  const grant = authorize(ctx.actor, 'citizen.create');
  const parsed = parseCpr(input.cpr);
  if (!parsed) throw invalidCpr();
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const hash = hashCpr(keysOf(ctx), parsed.cpr);
    if (await repo.findCitizenIdByCprHash(tx, hash)) {
      throw new AppError('conflict', {
        da: 'Der findes allerede en borger med dette CPR-nummer i kommunen.',
        en: 'A citizen with this CPR number already exists in the municipality.',
      });
    }
    const id = await repo.insertCitizen(tx, {
      ...input,
      municipalityCode: ctx.actor.municipalityCode,
      cprHash: hash,
      cprEncrypted: encryptCpr(keysOf(ctx), parsed.cpr),
      birthDate: parsed.birthDate,
      gender: parsed.gender,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'citizen.create',
      resourceType: 'citizen',
      resourceId: id,
      citizenId: id,
      grant,
    });
    const row = await repo.findCitizen(tx, id);
    return present(ctx, row!);
  });
}

export async function updateCitizen(ctx: AuthedContext, id: string, patch: Partial<CitizenInput>) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, id, 'citizen.update');
    await repo.updateCitizen(tx, id, patch);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'citizen.update',
      resourceType: 'citizen',
      resourceId: id,
      citizenId: id,
      grant,
      details: { fields: Object.keys(patch) },
    });
    return present(ctx, (await repo.findCitizen(tx, id))!);
  });
}

/** Search by exact CPR, partial name or caseworker. Each citizen in the result is audited. */
export async function searchCitizens(ctx: AuthedContext, q: CitizenSearch) {
  const grant = authorize(ctx.actor, 'citizen.search');
  let cprHash: Buffer | undefined;
  if (q.cpr) {
    const parsed = parseCpr(q.cpr);
    if (!parsed) throw invalidCpr();
    cprHash = hashCpr(keysOf(ctx), parsed.cpr);
  }
  const limit = q.limit ?? 25;
  const offset = q.offset ?? 0;
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const rows = await repo.searchCitizens(tx, {
      cprHash,
      name: q.name?.trim() || undefined,
      caseworkerId: q.caseworkerId,
      sort: q.sort ?? 'name',
      direction: q.direction ?? 'asc',
      limit,
      offset,
    });
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'search' as const,
        policyAction: 'citizen.search',
        resourceType: 'citizen',
        resourceId: r.id,
        citizenId: r.id,
        grant,
      })),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        cprMasked: maskCpr(decryptCpr(keysOf(ctx), r.cpr_encrypted)),
        firstName: r.first_name,
        lastName: r.last_name,
        age: ageOn(r.birth_date),
        responsibleCaseworkerName: r.responsible_caseworker_name,
      })),
      total: rows[0]?.total ?? 0,
      limit,
      offset,
      allowedActions: [
        ...allowedActions(ctx.actor, ['citizen.create']),
        // Every listed citizen is of the caller's municipality (RLS), so a municipality-scoped
        // action holds for each row alike: the list offers the access log once, for all rows.
        ...allowedActions(ctx.actor, ['audit.read_citizen'], {
          municipalityCode: ctx.actor.municipalityCode,
        }),
      ],
    };
  });
}
