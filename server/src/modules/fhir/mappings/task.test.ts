import { describe, expect, it } from 'vitest';
import { exampleReferral as referral, validationErrors } from '../fhir.fixtures.js';
import { toTask } from './task.js';

describe('Task', () => {
  it('every state of the referral machine is a valid Task, Helhed’s state kept as businessStatus', () => {
    const states = {
      draft: 'draft',
      sent: 'requested',
      received: 'received',
      accepted: 'accepted',
      waitlisted: 'on-hold',
      rejected: 'rejected',
      enrolled: 'ready',
      started: 'in-progress',
      completed: 'completed',
      dropped_out: 'failed',
      cancelled: 'cancelled',
    };
    for (const [state, status] of Object.entries(states)) {
      const t = toTask({
        ...referral,
        state,
        stateReason: state === 'rejected' ? 'Fuldt hold' : null,
      });
      expect(validationErrors(t)).toEqual([]);
      expect(t.status).toBe(status);
      expect(t.businessStatus?.coding?.[0]?.code).toBe(state);
      expect(t.focus?.reference).toBe(`ServiceRequest/${referral.id}`);
    }
    expect(
      toTask({ ...referral, state: 'rejected', stateReason: 'Fuldt hold' }).statusReason?.text,
    ).toBe('Fuldt hold');
  });
});
