/**
 * The rules of decision 0820 without a server to kill (the restart itself is
 * test/process/database-restart.test.ts): which errors mean "the database is away", and that a
 * transaction is run once more only for a read that failed before COMMIT.
 */
import { describe, expect, it } from 'vitest';
import { type Database, isDatabaseUnavailable } from '../db/database.js';
import { retriedRead, systemTx, type Tx } from './context.js';
import { toAppError } from './http.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const shutdown = pgError('57P01', 'terminating connection due to administrator command');

describe('what counts as the database being away', () => {
  it('connection, shutdown and start-up errors do', () => {
    for (const error of [
      shutdown,
      pgError('57P02'),
      pgError('57P03', 'the database system is starting up'),
      pgError('53300', 'sorry, too many clients already'),
      pgError('08006'),
      pgError('08001'),
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      pgError('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')], 'connect failed'),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
  });

  it('a wrong query or wrong data does not', () => {
    for (const error of [
      pgError('23505', 'duplicate key value violates unique constraint'),
      pgError('22P02', 'invalid input syntax for type uuid'),
      pgError('42P01', 'relation does not exist'),
      new Error('boom'),
      null,
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });

  it('answers 503 unavailable with Retry-After', () => {
    const appError = toAppError(shutdown as never, 'da');
    expect(appError.status).toBe(503);
    expect(appError.code).toBe('unavailable');
    expect(appError.extra.headers?.['retry-after']).toBe('5');
  });
});

/** A database whose transactions run the callback and may then fail at COMMIT. */
function fakeDatabase(failAtCommit: boolean[] = []) {
  let transactions = 0;
  const database = {
    kind: 'postgres',
    db: {
      transaction: () => ({
        execute: async (fn: (tx: Tx) => Promise<unknown>) => {
          const i = transactions++;
          const result = await fn({} as Tx);
          if (failAtCommit[i]) throw shutdown;
          return result;
        },
      }),
    },
  } as unknown as Database;
  return { database, transactions: () => transactions };
}

describe('a transaction that lost the database', () => {
  it('a read that failed before COMMIT runs once more and answers', async () => {
    const { database, transactions } = fakeDatabase();
    let runs = 0;
    const result = await systemTx({ database, readOnly: true }, async () => {
      runs++;
      if (runs === 1) throw shutdown;
      return 'rows';
    });
    expect(result).toBe('rows');
    expect(transactions()).toBe(2);
  });

  it('a read is retried once, not again and again', async () => {
    const { database, transactions } = fakeDatabase();
    await expect(
      systemTx({ database, readOnly: true }, async () => {
        throw shutdown;
      }),
    ).rejects.toBe(shutdown);
    expect(transactions()).toBe(2);
  });

  it('a write is never re-run', async () => {
    const { database, transactions } = fakeDatabase();
    await expect(
      systemTx({ database, readOnly: false }, async () => {
        throw shutdown;
      }),
    ).rejects.toBe(shutdown);
    expect(transactions()).toBe(1);
  });

  it('a read that failed at COMMIT is not re-run (its audit row may be committed)', async () => {
    const { database, transactions } = fakeDatabase([true]);
    await expect(systemTx({ database, readOnly: true }, async () => 'rows')).rejects.toBe(shutdown);
    expect(transactions()).toBe(1);
  });

  it('a read that failed for another reason is not re-run', async () => {
    const { database, transactions } = fakeDatabase();
    const duplicate = pgError('23505');
    await expect(
      systemTx({ database, readOnly: true }, async () => {
        throw duplicate;
      }),
    ).rejects.toBe(duplicate);
    expect(transactions()).toBe(1);
  });

  it('the session lookup statement is read once more too', async () => {
    let runs = 0;
    const rows = await retriedRead(async () => {
      runs++;
      if (runs === 1) throw new Error('Connection terminated unexpectedly');
      return ['session'];
    });
    expect(rows).toEqual(['session']);
    expect(runs).toBe(2);
  });
});
