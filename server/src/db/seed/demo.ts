/**
 * Demo data from the seed municipalities (../shared/DOMAIN.md): Rebild, Odense, Gladsaxe,
 * Hjørring and Rødovre, each with a job center, a health center and a private provider, one
 * demo user per role, and fictitious citizens. Every part runs once (recorded in demo_seed), so
 * seeding is idempotent. Modules contribute their own parts (<m>.seed.ts, typed by ./types.ts);
 * ./parts.ts is the one place that lists them, in the order they run.
 */
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Tx } from '../../platform/context.js';
import { encryptCpr, hashCpr, parseCpr } from '../../platform/cpr.js';
import { onboardTenant } from '../../platform/onboarding.js';
import { hashPassword } from '../../platform/passwords.js';
import type { Database } from '../database.js';
import { demoParts } from './parts.js';
import type { DemoContext, DemoMunicipality } from './types.js';

export const DEMO_PASSWORD = 'helhed-demo';

const MUNICIPALITIES = [
  {
    code: '840',
    name: 'Rebild',
    prefix: 'rebild',
    region: 'Nordjylland',
    population: 31_000,
    provider: 'Aktiv Rebild Træning ApS',
    postal: '9530',
    city: 'Støvring',
  },
  {
    code: '461',
    name: 'Odense',
    prefix: 'odense',
    region: 'Syddanmark',
    population: 210_000,
    provider: 'Fynsk Sundhed & Bevægelse ApS',
    postal: '5000',
    city: 'Odense C',
  },
  {
    code: '159',
    name: 'Gladsaxe',
    prefix: 'gladsaxe',
    region: 'Hovedstaden',
    population: 70_000,
    provider: 'Gladsaxe Trivselspartner ApS',
    postal: '2860',
    city: 'Søborg',
  },
  {
    code: '860',
    name: 'Hjørring',
    prefix: 'hjoerring',
    region: 'Nordjylland',
    population: 64_000,
    provider: 'Vendsyssel Motion ApS',
    postal: '9800',
    city: 'Hjørring',
  },
  {
    code: '175',
    name: 'Rødovre',
    prefix: 'roedovre',
    region: 'Hovedstaden',
    population: 41_000,
    provider: 'Vestegnens Sundhedshus ApS',
    postal: '2610',
    city: 'Rødovre',
  },
] as const;

/** Demo staff: login suffix, role, organisation, display name. */
const STAFF = [
  ['sagsbehandler', 'caseworker', 'jobcenter', 'Sara Sagsbehandler'],
  ['koordinator', 'coordinating_caseworker', 'jobcenter', 'Karin Koordinator'],
  ['sundhed', 'health_professional', 'sundhedscenter', 'Finn Fysioterapeut'],
  ['udbyder', 'provider_staff', 'provider', 'Ulla Udbyder'],
  ['team', 'team_member', 'sundhedscenter', 'Peter Psykolog'],
  ['leder', 'manager', 'jobcenter', 'Lene Leder'],
  ['admin', 'administrator', null, 'Adam Administrator'],
] as const;
const ADMIN_NAME = 'Adam Administrator';

/** The demo platform operator: outside every municipality (decision 1050). */
export const DEMO_OPERATOR = 'platform.operatoer';

const FIRST = [
  'Mette',
  'Lars',
  'Hanne',
  'Jens',
  'Susanne',
  'Søren',
  'Birgitte',
  'Ole',
  'Åse',
  'Jørgen',
  'Lærke',
  'Mads',
];
const LAST = [
  'Nielsen',
  'Jensen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Madsen',
  'Kristensen',
];
const STREETS = ['Skovvej', 'Bøgevej', 'Søndergade', 'Møllevej', 'Kærvej', 'Ågade'];

/**
 * A fictitious CPR number for demo citizen i of a municipality. The serial avoids the numbers
 * seen in examples; the date part is a plausible birth date for someone of working age.
 */
export function demoCpr(municipalityIndex: number, i: number): string {
  const year = 1965 + ((municipalityIndex * 7 + i * 3) % 38);
  const month = 1 + ((i * 5 + municipalityIndex) % 12);
  const day = 1 + ((i * 11 + municipalityIndex * 3) % 28);
  const seventh = year >= 2000 ? 4 : 2;
  const serial = `${seventh}${String(90 + municipalityIndex).slice(-2)}${i % 2 === 0 ? 2 * (i % 5) : 2 * (i % 5) + 1}`;
  return `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}${serial}`;
}

async function partDone(tx: Tx, name: string): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from demo_seed where part = ${name}`.execute(tx);
  return Number(rows[0]?.n) > 0;
}

async function core(tx: Tx, config: Config): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const keys = { encryptionKey: config.cprEncryptionKey, hashKey: config.cprHashKey };
  for (const [mi, m] of MUNICIPALITIES.entries()) {
    await sql`insert into municipality (code, name, region, population)
      values (${m.code}, ${m.name}, ${m.region}, ${m.population}) on conflict (code) do nothing`.execute(
      tx,
    );
    // Through the onboarding path a real municipality takes (decision 1050): its organisations
    // and its first administrator, who here gets the demo password instead of an invitation.
    const onboarded = await onboardTenant(tx, {
      code: m.code,
      name: m.name,
      organisations: [
        {
          name: `Jobcenter ${m.name}`,
          type: 'jobcenter',
          address: `Rådhuspladsen 1, ${m.postal} ${m.city}`,
        },
        {
          name: `Sundhedscenter ${m.name}`,
          type: 'sundhedscenter',
          address: `Sundhedsvej 2, ${m.postal} ${m.city}`,
        },
        { name: m.provider, type: 'provider', address: `Erhvervsvej 10, ${m.postal} ${m.city}` },
      ],
      administrator: { username: `${m.prefix}.admin`, displayName: ADMIN_NAME },
      onboardedBy: null,
    });
    await sql`update app_user set password_hash = ${passwordHash}
      where id = ${onboarded.administratorId}`.execute(tx);
    const [jobcenter, sundhedscenter, provider] = onboarded.organisations.map((o) => o.id);
    const orgs = { jobcenter: jobcenter!, sundhedscenter: sundhedscenter!, provider: provider! };
    const caseworkers: string[] = [];
    for (const [suffix, role, orgKey, displayName] of STAFF) {
      if (role === 'administrator') continue; // made by the onboarding above
      const { rows } = await sql<{
        id: string;
      }>`insert into app_user (municipality_code, kind, username, password_hash, display_name)
        values (${m.code}, 'staff', ${`${m.prefix}.${suffix}`}, ${passwordHash}, ${displayName}) returning id`.execute(
        tx,
      );
      const userId = rows[0]!.id;
      await sql`insert into user_role (municipality_code, user_id, role, organisation_id)
        values (${m.code}, ${userId}, ${role}, ${orgKey ? orgs[orgKey] : null})`.execute(tx);
      if (role === 'caseworker') caseworkers.push(userId);
      if (role === 'manager') {
        await sql`insert into user_role (municipality_code, user_id, role, organisation_id)
          values (${m.code}, ${userId}, 'manager', ${orgs.sundhedscenter})`.execute(tx);
      }
    }
    for (let i = 0; i < FIRST.length; i++) {
      const cpr = parseCpr(demoCpr(mi, i));
      if (!cpr) throw new Error(`demo CPR ${i} invalid`);
      const first = FIRST[(i + mi) % FIRST.length]!;
      const last = LAST[(i * 5 + mi) % LAST.length]!;
      const { rows } = await sql<{
        id: string;
      }>`insert into citizen (municipality_code, cpr_hash, cpr_encrypted,
          birth_date, gender, first_name, last_name, address, postal_code, city, phone, email,
          responsible_caseworker_id, organisation_id)
        values (${m.code}, ${hashCpr(keys, cpr.cpr)}, ${encryptCpr(keys, cpr.cpr)}, ${cpr.birthDate},
          ${cpr.gender}, ${first}, ${last}, ${`${STREETS[i % STREETS.length]} ${i + 3}`}, ${m.postal}, ${m.city},
          ${`+45 20 ${String(10 + mi).padStart(2, '0')} ${String(10 + i).padStart(2, '0')} 00`},
          ${`${first.toLowerCase().replace(/[æøå]/g, 'a')}.${i}@example.dk`}, ${caseworkers[0] ?? null}, ${orgs.jobcenter})
        returning id`.execute(tx);
      const citizenId = rows[0]!.id;
      if (i === 0) {
        const { rows: u } = await sql<{
          id: string;
        }>`insert into app_user (municipality_code, kind, username, password_hash, display_name, citizen_id)
          values (${m.code}, 'citizen', ${`${m.prefix}.borger`}, ${passwordHash}, ${`${first} ${last}`}, ${citizenId}) returning id`.execute(
          tx,
        );
        await sql`insert into user_role (municipality_code, user_id, role) values (${m.code}, ${u[0]!.id}, 'citizen')`.execute(
          tx,
        );
      }
    }
  }
}

async function operator(tx: Tx, passwordHash: string): Promise<void> {
  await sql`insert into app_user (municipality_code, kind, username, password_hash, display_name)
    values (null, 'operator', ${DEMO_OPERATOR}, ${passwordHash}, 'Ole Operatør')
    on conflict (username) do nothing`.execute(tx);
}

async function loadContext(tx: Tx, config: Config): Promise<DemoContext> {
  const municipalities: DemoMunicipality[] = [];
  for (const m of MUNICIPALITIES) {
    const { rows: orgs } = await sql<{ id: string; type: string }>`
      select id, type from organisation where municipality_code = ${m.code} order by created_at, name`.execute(
      tx,
    );
    const { rows: users } = await sql<{ id: string; username: string }>`
      select id, username from app_user where municipality_code = ${m.code} and username like ${`${m.prefix}.%`}`.execute(
      tx,
    );
    const { rows: citizens } = await sql<{ id: string }>`
      select c.id from citizen c where c.municipality_code = ${m.code}
      -- All demo citizens are inserted in one transaction (same created_at), so order by what
      -- the core seed made deterministic: the demo citizen login first, then birth date and name.
      order by exists (select 1 from app_user u where u.citizen_id = c.id and u.username = ${`${m.prefix}.borger`}) desc,
        c.birth_date, c.last_name, c.first_name, c.id`.execute(tx);
    const byType = (t: string) => orgs.find((o) => o.type === t)?.id ?? '';
    municipalities.push({
      code: m.code,
      name: m.name,
      prefix: m.prefix,
      providerName: m.provider,
      orgs: {
        jobcenter: byType('jobcenter'),
        sundhedscenter: byType('sundhedscenter'),
        provider: byType('provider'),
      },
      users: Object.fromEntries(users.map((u) => [u.username.slice(m.prefix.length + 1), u.id])),
      citizens: citizens.map((c) => c.id),
    });
  }
  return { config, municipalities };
}

/** Seeds what is missing. Returns the names of the parts that ran. */
export async function seedDemo(database: Database, config: Config): Promise<string[]> {
  return database.db.transaction().execute(async (tx) => {
    await sql`create table if not exists demo_seed (part text primary key, seeded_at timestamptz not null default now())`.execute(
      tx,
    );
    const ran: string[] = [];
    if (!(await partDone(tx, 'core'))) {
      await core(tx, config);
      await sql`insert into demo_seed (part) values ('core')`.execute(tx);
      ran.push('core');
    }
    if (!(await partDone(tx, 'operator'))) {
      await operator(tx, await hashPassword(DEMO_PASSWORD));
      await sql`insert into demo_seed (part) values ('operator')`.execute(tx);
      ran.push('operator');
    }
    const demo = await loadContext(tx, config);
    for (const part of demoParts) {
      if (await partDone(tx, part.name)) continue;
      await part.run(tx, demo);
      await sql`insert into demo_seed (part) values (${part.name})`.execute(tx);
      ran.push(part.name);
    }
    return ran;
  });
}

export function demoLogins(): { username: string; role: string; municipality: string }[] {
  const municipal: { username: string; role: string; municipality: string }[] =
    MUNICIPALITIES.flatMap((m) => [
      ...STAFF.map(([suffix, role]) => ({
        username: `${m.prefix}.${suffix}`,
        role,
        municipality: m.name,
      })),
      { username: `${m.prefix}.borger`, role: 'citizen', municipality: m.name },
    ]);
  return [
    ...municipal,
    { username: DEMO_OPERATOR, role: 'operator', municipality: 'Drift (ingen kommune)' },
  ];
}
