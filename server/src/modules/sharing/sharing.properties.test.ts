/**
 * Generated tests of the cross-organisation view builder (issue 15, decision 0801): random
 * consent subsets (valid, withdrawn, expired, refused) × the three recipients of Rebild's path ×
 * data held by several organisations (the provider's own course, the health centre's course,
 * the job centre's screening notes, a health profile with WHO-5, a health test, absence flags).
 * The expected answer is worked out here from the consents alone (an oracle written apart from
 * sharing.rules.ts), and every request goes through the API. The data is built once per file;
 * each case only replaces the citizen's consents (and, from the job centre's side, who recorded
 * the profile and whether the offers are mandatory). fast-check prints the seed of a failure.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import {
  type Category,
  type ConsentSpec,
  categories,
  type Organisations,
  organisations,
  rebildScene,
  type Scene,
  screeningFindings,
  setConsents,
  setParticipation,
  setProfileOrigin,
  validCategories,
} from './sharing.fixtures.js';

const numRuns = 200;
const courseCategories: Category[] = ['screening_notes', 'attendance', 'outcome'];

let t: TestApp;
let o: Organisations;
let caseworker: Session;
let provider: Session;
let health: Session;
let scene: Scene;

beforeAll(async () => {
  t = await buildTestApp();
  o = await organisations(t);
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  provider = await login(t.app, 'rebild.udbyder');
  health = await login(t.app, 'rebild.sundhed');
  scene = await rebildScene(t, o);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const orgOf = (s: Session) => s.user.roles.find((r) => r.organisationId)?.organisationId;

const consentSpec = fc.record<ConsentSpec>({
  recipient: fc.constantFrom('jobcenter', 'sundhedscenter', 'provider'),
  categories: fc.subarray([...categories], { minLength: 1 }),
  state: fc.constantFrom('valid', 'valid', 'withdrawn', 'expired', 'refused'),
});
const consentSpecs = fc.array(consentSpec, { maxLength: 5 });

const get = (s: Session, url: string) => s.inject({ method: 'GET', url });

/** What a provider or the health centre must see of its own referral's shared view. */
async function checkRecipientView(
  s: Session,
  own: Scene['stage1'],
  other: Scene['stage1'],
  held: Set<Category>,
  validConsentIds: Set<string>,
) {
  const res = await get(s, `/api/referrals/${own.referral}/shared`);
  const named = courseCategories.filter((c) => held.has(c));
  if (named.length === 0) {
    // No valid consent covers anything the referral names: the view does not exist for it.
    expect(res.statusCode, res.body).toBe(404);
    return;
  }
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  // Every consented category is there, and only those.
  expect(body.delivered.map((d: { category: string }) => d.category).sort()).toEqual(
    [...named].sort(),
  );
  expect(body.screeningNotes !== undefined).toBe(held.has('screening_notes'));
  expect(body.attendance !== undefined).toBe(held.has('attendance'));
  expect(body.outcomes !== undefined).toBe(held.has('outcome'));
  if (body.screeningNotes) {
    expect(
      body.screeningNotes.findings.map((f: { findings: string }) => f.findings).sort(),
    ).toEqual(Object.values(screeningFindings).sort());
  }
  // Course data only from the recipient's own course: never the other organisation's.
  for (const row of [...(body.attendance ?? []), ...(body.outcomes ?? [])]) {
    expect(row.courseTitle).toBe(own.title);
  }
  expect(res.body).not.toContain(other.title);
  // Every field rests on a valid consent of the recipient's.
  for (const d of [...body.delivered, ...(body.attendance ?? []), ...(body.outcomes ?? [])]) {
    expect(d.basis.kind).toBe('consent');
    expect(validConsentIds.has(d.basis.consentId)).toBe(true);
  }
  // Health data is never part of a referral's shared view.
  expect(res.body).not.toMatch(/who5/i);
}

describe('cross-organisation views (generated)', () => {
  it('the demo recipients stand where the cases assume', () => {
    expect(orgOf(provider)).toBe(o.provider);
    expect(orgOf(health)).toBe(o.sundhedscenter);
    expect(orgOf(caseworker)).toBe(o.jobcenter);
  });

  it('a provider and the health centre see every consented category, only their own course, nothing else', async () => {
    await setProfileOrigin(t, o, scene.citizen, 'jobcenter');
    await fc.assert(
      fc.asyncProperty(consentSpecs, async (specs) => {
        const ids = await setConsents(t, o, scene.citizen, specs);
        const validIds = new Set(ids.filter((_, i) => specs[i]!.state === 'valid'));
        const heldByProvider = validCategories(specs, 'provider');
        const heldByHealth = validCategories(specs, 'sundhedscenter');
        await checkRecipientView(provider, scene.stage1, scene.stage2, heldByProvider, validIds);
        await checkRecipientView(health, scene.stage2, scene.stage1, heldByHealth, validIds);

        // The health centre holds the citizen (stage 2); a profile the job centre recorded
        // reaches it only under a consent to 'health_profile'.
        const profile = await get(health, `/api/health/citizens/${scene.citizen}/profile`);
        expect(profile.statusCode, profile.body).toBe(200);
        expect(profile.json().response !== null).toBe(heldByHealth.has('health_profile'));
        if (!heldByHealth.has('health_profile')) expect(profile.body).not.toContain('"answers"');

        // Health tests never reach a private provider, whatever it was given.
        const tests = await get(provider, `/api/health/citizens/${scene.citizen}/tests`);
        expect([403, 404]).toContain(tests.statusCode);
      }),
      { numRuns },
    );
  }, 900_000);

  it('health data recorded by a health organisation or by the citizen reaches a job-centre role only under a consent or legal basis that covers it', async () => {
    const jc = await rebildScene(t, o);
    await fc.assert(
      fc.asyncProperty(
        consentSpecs,
        fc.constantFrom('sundhedscenter', 'jobcenter', 'citizen') as fc.Arbitrary<
          'sundhedscenter' | 'jobcenter' | 'citizen'
        >,
        fc.constantFrom('voluntary', 'mandatory') as fc.Arbitrary<'voluntary' | 'mandatory'>,
        async (specs, recordedBy, participation) => {
          await setConsents(t, o, jc.citizen, specs);
          await setProfileOrigin(t, o, jc.citizen, recordedBy);
          await setParticipation(t, jc, participation);
          const held = validCategories(specs, 'jobcenter');
          const profileVisible = recordedBy === 'jobcenter' || held.has('health_profile');
          const attendanceVisible = participation === 'mandatory' || held.has('attendance');
          const outcomeVisible = participation === 'mandatory' || held.has('outcome');

          const profile = await get(caseworker, `/api/health/citizens/${jc.citizen}/profile`);
          expect(profile.statusCode, profile.body).toBe(200);
          const p = profile.json();
          expect(p.response !== null).toBe(profileVisible);
          expect(p.withheld !== null).toBe(!profileVisible);
          if (!profileVisible) expect(profile.body).not.toContain('"answers"');

          // The risk view shows WHO-5 and self-rated health only where the profile shows.
          const risk = await get(caseworker, `/api/risk/citizens/${jc.citizen}`);
          expect(risk.statusCode, risk.body).toBe(200);
          const facts = Object.fromEntries(
            risk
              .json()
              .suggestion.facts.map((f: { fact: string; value: number | null }) => [
                f.fact,
                f.value,
              ]),
          );
          expect(facts.who5).toBe(profileVisible ? 20 : null);
          expect(facts.self_rated_health).toBe(profileVisible ? 4 : null);

          // Absence: by law at a mandatory activation offer, else only under consent.
          const flags = await get(caseworker, '/api/referrals/flags');
          expect(flags.statusCode).toBe(200);
          const flagIds = new Set(flags.json().map((f: { id: string }) => f.id));
          expect(flagIds.has(jc.stage1.flag)).toBe(attendanceVisible);
          expect(flagIds.has(jc.stage2.flag)).toBe(attendanceVisible);

          // The job centre's own screening notes; attendance and outcome as above.
          const shared = await get(caseworker, `/api/referrals/${jc.stage1.referral}/shared`);
          expect(shared.statusCode, shared.body).toBe(200);
          const v = shared.json();
          expect(v.screeningNotes).toBeDefined();
          expect((v.attendance ?? []).length).toBe(attendanceVisible ? 2 : 0);
          expect((v.outcomes ?? []).length).toBe(outcomeVisible ? 2 : 0);
          for (const row of [...(v.attendance ?? []), ...(v.outcomes ?? [])]) {
            expect(row.basis.kind).toBe(participation === 'mandatory' ? 'legal' : 'consent');
          }

          // Health tests never reach the job centre.
          const tests = await get(caseworker, `/api/health/citizens/${jc.citizen}/tests`);
          expect(tests.statusCode).toBe(404);
        },
      ),
      { numRuns },
    );
  }, 900_000);

  it('withdrawing or letting a consent expire removes its categories from the very next request', async () => {
    await setProfileOrigin(t, o, scene.citizen, 'jobcenter');
    const recipients = [
      { who: 'provider' as const, session: () => provider, stage: () => scene.stage1 },
      { who: 'sundhedscenter' as const, session: () => health, stage: () => scene.stage2 },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...recipients),
        fc.array(fc.subarray(courseCategories, { minLength: 1 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.nat(),
        fc.constantFrom('withdraw', 'expire'),
        async (r, consentSets, pick, how) => {
          const specs: ConsentSpec[] = consentSets.map((c) => ({
            recipient: r.who,
            categories: c,
            state: 'valid',
          }));
          const ids = await setConsents(t, o, scene.citizen, specs);
          const url = `/api/referrals/${r.stage().referral}/shared`;
          const before = await get(r.session(), url);
          expect(before.statusCode).toBe(200);

          const ended = pick % ids.length;
          if (how === 'withdraw') {
            const w = await caseworker.inject({
              method: 'POST',
              url: `/api/consents/${ids[ended]}/withdraw`,
            });
            expect(w.statusCode, w.body).toBe(200);
          } else {
            await setConsents(
              t,
              o,
              scene.citizen,
              specs.map((s, i) => (i === ended ? { ...s, state: 'expired' } : s)),
            );
          }
          const still = new Set(consentSets.filter((_, i) => i !== ended).flat());
          const after = await get(r.session(), url);
          if (still.size === 0) {
            expect(after.statusCode).toBe(404);
            return;
          }
          expect(after.statusCode).toBe(200);
          const delivered = new Set(
            after.json().delivered.map((d: { category: string }) => d.category),
          );
          expect(delivered).toEqual(still);
        },
      ),
      { numRuns },
    );
  }, 900_000);
});
