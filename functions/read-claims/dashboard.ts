/**
 * GET /dashboard?month=YYYY-MM (bureau and finance): the city at a glance for one month.
 * - Claims by status, payable by kind and by institution: the claims submitted in the month (GSI1,
 *   one listing per registered institution), with the status a user sees and the payable after
 *   review and adjustments. Its cost grows with the month's claims, like the listing a clerk pages.
 * - Payable per accounting month for the twelve months up to `month`: the ledger's running totals,
 *   so that part grows with institutions, not claims.
 * - The review backlog (GSI2) and the construction budget of the month's year: the policy's annual
 *   budget (the version in force on 1 January) less what the engine funded from it.
 */
import { z } from 'zod';
import { compareInstants, daysFromCivil, formatDay, parseInstant, shanghaiDay } from '../../domain/dates.ts';
import { nextMonth } from '../../domain/ledger.ts';
import { type Dec, fmt, money, ZERO } from '../../domain/money.ts';
import { MonthString } from '../../domain/validation.ts';
import type { ClaimIndex, Page } from '../adapters/claim-index.ts';
import type { Member, PartitionStore } from '../adapters/partition-store.ts';
import type { ReferenceStore } from '../adapters/reference-store.ts';
import type { RegistryReader } from '../adapters/registry-reads.ts';
import type { StatementStore } from '../adapters/statement-store.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { effectiveStatus } from '../http/claim-view.ts';
import { json, parseInput, type Route } from '../http/http.ts';

export const DashboardQuerySchema = z.object({
  month: MonthString.optional().describe('默认为本月（Asia/Shanghai）/ the current month by default'),
});

export interface DashboardDeps {
  readonly index: Pick<ClaimIndex, 'byInstitutionMonth' | 'reviewQueue'>;
  readonly partitions: Pick<PartitionStore, 'load'>;
  readonly reference: Pick<ReferenceStore, 'policyBook'>;
  readonly registry: Pick<RegistryReader, 'institutions'>;
  readonly statements: Pick<StatementStore, 'figures'>;
  readonly now: () => Date;
}

/** Listings read at once: enough to overlap round trips without a burst on the table. */
const PARALLEL = 8;
const TREND_MONTHS = 12;

/**
 * @example const route = dashboardRoute(deps); await route(event) // 200 { month, claimsByStatus, … }
 */
export function dashboardRoute(deps: DashboardDeps): Route {
  return async (event) => {
    requireRole(principalOf(event), 'bureau', 'finance');
    const now = parseInstant(deps.now().toISOString()) as NonNullable<ReturnType<typeof parseInstant>>;
    const today = formatDay(shanghaiDay(now));
    const month = parseInput(DashboardQuerySchema, event.queryStringParameters ?? {}).month ?? today.slice(0, 7);
    const institutions = await drain((startKey) => deps.registry.institutions({ limit: 100, ...(startKey ? { startKey } : {}) }));

    const byInstitution = await inBatches(institutions, PARALLEL, async (inst) => {
      const members = await allMembers((startKey) =>
        deps.index.byInstitutionMonth(inst.institutionId, month, { limit: 100, ...(startKey ? { startKey } : {}) }),
      );
      return { inst, members };
    });
    const claimsByStatus: Record<string, number> = {};
    const fundByKind = new Map<string, Dec>();
    const fundByInstitution = byInstitution.map(({ inst, members }) => {
      let payable: Dec = ZERO;
      for (const m of members) {
        const status = effectiveStatus(m.outcome, m.review);
        claimsByStatus[status] = (claimsByStatus[status] ?? 0) + 1;
        fundByKind.set(m.kind, (fundByKind.get(m.kind) ?? ZERO).plus(money(m.payable)));
        payable = payable.plus(money(m.payable));
      }
      return {
        institutionId: inst.institutionId,
        ...(inst.name !== undefined ? { name: inst.name } : {}),
        claims: members.length,
        payable: fmt(payable),
      };
    });

    const months = trendMonths(month);
    const fundByMonth = await inBatches(months, 4, async (m) => {
      const figures = await deps.statements.figures(m);
      return {
        month: m,
        payable: fmt(figures.reduce((t, f) => t.plus(money(f.payable)), ZERO)),
        entries: figures.reduce((n, f) => n + f.entries, 0),
      };
    });

    const queue = await allMembers((startKey) => deps.index.reviewQueue({ limit: 100, ...(startKey ? { startKey } : {}) }));
    const oldest = queue
      .map((m) => ({ at: m.submittedAt, instant: parseInstant(m.submittedAt) }))
      .filter((x): x is { at: string; instant: NonNullable<typeof x.instant> } => x.instant !== undefined)
      .sort((a, b) => compareInstants(a.instant, b.instant))[0];

    return json(200, {
      month,
      today,
      institutions: institutions.length,
      claimsByStatus,
      fundByKind: Object.fromEntries([...fundByKind.entries()].map(([k, v]) => [k, fmt(v)])),
      fundByInstitution: fundByInstitution.sort((a, b) => (a.institutionId < b.institutionId ? -1 : 1)),
      fundByMonth,
      reviewBacklog: {
        claims: queue.length,
        fundAmount: fmt(queue.reduce((t, m) => t.plus(money(m.outcome.fundAmount)), ZERO)),
        oldestSubmittedAt: oldest?.at ?? null,
      },
      constructionBudget: await constructionBudget(deps, Number(month.slice(0, 4))),
    });
  };
}

/** The budget year is the year of submission (DOMAIN.md §5); its budget comes from the policy on 1 January. */
async function constructionBudget(deps: DashboardDeps, year: number) {
  const [book, state] = await Promise.all([deps.reference.policyBook(), deps.partitions.load('construction')]);
  const budget = money(book.at(daysFromCivil(year, 1, 1)).document.subsidy.annualBudget);
  let funded: Dec = ZERO;
  let deferred: Dec = ZERO;
  for (const m of state.members) {
    const at = parseInstant(m.submittedAt);
    if (!at || formatDay(shanghaiDay(at)).slice(0, 4) !== String(year)) continue;
    funded = funded.plus(money(m.outcome.fundAmount));
    deferred = deferred.plus(money(m.outcome.deferredAmount ?? '0'));
  }
  return { year, budget: fmt(budget), funded: fmt(funded), remaining: fmt(budget.minus(funded)), deferred: fmt(deferred) };
}

/** The twelve months ending with `month`, oldest first. */
function trendMonths(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  let start = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, '0')}`;
  const out: string[] = [];
  for (let i = 0; i < TREND_MONTHS; i++) {
    out.push(start);
    start = nextMonth(start);
  }
  return out;
}

/** Every item of a paged read, page after page. */
async function drain<T>(
  page: (startKey?: Record<string, unknown>) => Promise<{ items: readonly T[]; nextKey?: Record<string, unknown> }>,
): Promise<T[]> {
  const out: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const p = await page(startKey);
    out.push(...p.items);
    startKey = p.nextKey;
  } while (startKey);
  return out;
}

const allMembers = (page: (startKey?: Record<string, unknown>) => Promise<Page>): Promise<Member[]> =>
  drain(async (startKey) => {
    const p = await page(startKey);
    return { items: p.members, ...(p.nextKey ? { nextKey: p.nextKey } : {}) };
  });

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}
