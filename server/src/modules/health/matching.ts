/**
 * Matching a completed health profile with the published offers, with the reasons in Danish.
 * Transparent points, so a caseworker can see why one offer comes before another:
 * - each theme the citizen wants help with that the offer covers: 10 points (offers covering
 *   none are not suggested);
 * - readiness: "ready"/"acting" on a matched theme and a start within 4 weeks: 2; "not ready"/
 *   "thinking" and an intro meeting: 2, or an open offer one can try without a referral: 1;
 * - the offer targets the citizen's current benefit type: 3; it targets other types only: -5;
 * - next start within 2 weeks: 2, within 6 weeks: 1;
 * - free places: 1; full: -3;
 * - distance by postal code (no geocoding): the same postal code 2, the same first two digits
 *   (Danish postal codes are numbered by area) 1.
 */
import { daysBetween } from '../../platform/dates.js';
import { themeLabel } from './profile-definition.js';

export interface MatchOffer {
  id: string;
  title: string;
  providerName: string;
  themes: string[];
  benefitTypes: string[];
  referralType: 'referred' | 'open';
  introMeeting: string | null;
  nextStart: string | null;
  freePlaces: number | null;
  postalCode: string | null;
}

export interface MatchProfile {
  wantedThemes: string[];
  readiness: Record<string, string | undefined>;
}

export interface MatchCitizen {
  postalCode: string | null;
  benefitType: string | null;
  benefitTypeName: string | null;
}

export interface Suggestion {
  offerId: string;
  title: string;
  providerName: string;
  score: number;
  matchedThemes: string[];
  reasons: string[];
  reasonText: string;
}

export function danishDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('da-DK', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
}

export function matchOffers(
  profile: MatchProfile,
  citizen: MatchCitizen,
  offers: MatchOffer[],
  today: string,
): Suggestion[] {
  const out: Suggestion[] = [];
  for (const o of offers) {
    const matched = profile.wantedThemes.filter((t) => o.themes.includes(t));
    if (matched.length === 0) continue;
    let score = 10 * matched.length;
    const reasons = [`matcher tema: ${matched.map(themeLabel).join(', ')}`];

    const days = o.nextStart ? daysBetween(today, o.nextStart) : null;
    const readiness = matched.map((t) => profile.readiness[t]);
    if (readiness.some((r) => r === 'ready' || r === 'acting')) {
      if (days !== null && days >= 0 && days <= 28) {
        score += 2;
        reasons.push('du er klar, og det starter snart');
      }
    } else if (o.introMeeting) {
      score += 2;
      reasons.push('uforpligtende informationsmøde først');
    } else if (o.referralType === 'open') {
      score += 1;
      reasons.push('kan prøves uden visitation');
    }

    if (o.benefitTypes.length > 0 && citizen.benefitType) {
      if (o.benefitTypes.includes(citizen.benefitType)) {
        score += 3;
        reasons.push(`målrettet ${citizen.benefitTypeName ?? citizen.benefitType}`.toLowerCase());
      } else {
        score -= 5;
      }
    }

    if (o.nextStart && days !== null && days >= 0) {
      if (days <= 14) score += 2;
      else if (days <= 42) score += 1;
      reasons.push(`starter ${danishDate(o.nextStart)}`);
    } else {
      reasons.push('løbende optag');
    }

    if (o.freePlaces === null) {
      score += 1;
      reasons.push('ledige pladser');
    } else if (o.freePlaces > 0) {
      score += 1;
      reasons.push(`${o.freePlaces} ${o.freePlaces === 1 ? 'ledig plads' : 'ledige pladser'}`);
    } else {
      score -= 3;
      reasons.push('fuldt booket (venteliste)');
    }

    if (citizen.postalCode && o.postalCode) {
      if (citizen.postalCode === o.postalCode) {
        score += 2;
        reasons.push('tæt på (samme postnummer)');
      } else if (citizen.postalCode.slice(0, 2) === o.postalCode.slice(0, 2)) {
        score += 1;
        reasons.push(`i nærheden (postnr. ${o.postalCode})`);
      }
    }
    out.push({
      offerId: o.id,
      title: o.title,
      providerName: o.providerName,
      score,
      matchedThemes: matched,
      reasons,
      reasonText: reasons.join('; '),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'da'));
}

/** Themes the citizen wants help with that no published offer covers. */
export function catalogueGaps(wantedThemes: string[], offers: { themes: string[] }[]): string[] {
  return wantedThemes.filter((t) => !offers.some((o) => o.themes.includes(t)));
}
