import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { BulkDispatcher } from '../../engine/bulk/dispatcher';
import { planBatches } from '../../engine/bulk/planner';
import type { BulkContract, BulkOutcomes } from '../../engine/bulk/types';
import { addExpressionHint } from '../../engine/expressionHint';
import { failureShapeOf } from '../../engine/failureShape';
import { ItemParameterReader } from '../../engine/itemParameters';
import { readBulkOptions } from '../../engine/options';
import { ADD_SUBSCRIBER_MAX_IDS_PER_CALL } from '../../tencent/contract';
import { createTencentClient, ExecutionCancelledError, type TencentClient } from '../../transport';
import { SUBSCRIBER_IDS } from '../shared/subscriberIds';
import { contract as addContract } from './add.operation';
import { contract as deleteContract } from './delete.operation';
import { isEmptyList, readSyncInput, type AccountSync, type CurrentRead, type SyncInput } from './syncInput';
import { badIdItems, changeItems, changesFailedError, refusedError, refusedItem, summaryItem, unreadableItem, type ReadyAccount, type RefusedAccount, type SyncOutcomes } from './syncOutput';
import { currentList, emptyListRefusal, planSync, refusePlan, SYNC_MODES, type SyncMode } from './syncPlan';

export const DEFAULT_MAX_REMOVALS = 1000;

interface SyncSettings {
	mode: SyncMode;
	maxRemovals: number;
	dryRun: boolean;
	startedAtMs: number;
}

type Verdict = { ready: ReadyAccount } | { refused: RefusedAccount };

/** Whether one account's sync may run: its input, its pages and the safety rules, before anything is changed. */
function judgeAccount(sync: AccountSync, read: CurrentRead, input: SyncInput, settings: SyncSettings): Verdict {
	const firstItem = sync.wanted.items[0];
	const problem = sync.problems[0];
	if (problem) {
		if (isEmptyList(problem)) return { refused: { sync, itemIndex: problem.itemIndex, ...emptyListRefusal(sync.officialAccount) } };
		return {
			refused: {
				sync,
				itemIndex: problem.itemIndex,
				message: `Nothing was changed on ${sync.officialAccount}: the subscriber IDs of an item could not be read (${problem.reason})`,
				fix: `${problem.fix} A sync runs only on a complete list.`,
			},
		};
	}
	const unknown = input.unknownAccount[0];
	if (unknown) {
		return {
			refused: {
				sync,
				itemIndex: firstItem,
				message: `Nothing was changed on ${sync.officialAccount}: the Official Account ID of item ${unknown.itemIndex} could not be read, so this account's list may lack that item's IDs`,
				fix: `${unknown.fix} A sync runs only on a complete list.`,
			},
		};
	}
	if ('thrown' in read) throw read.thrown;
	if ('failure' in read) {
		const failure = read.failure;
		return {
			refused: {
				sync,
				itemIndex: firstItem,
				message: `Nothing was changed on ${sync.officialAccount}: ${failure.message}`,
				fix: failure.fix,
				callError: failure.callError,
				details: failure.details,
			},
		};
	}
	const plan = planSync(sync.wanted, currentList(read.entries, settings.startedAtMs), settings.mode);
	const refusal = refusePlan(sync.officialAccount, sync.wanted, plan, settings.maxRemovals);
	if (refusal) return { refused: { sync, itemIndex: firstItem, ...refusal } };
	return { ready: { sync, plan } };
}

function readSettings(ctx: IExecuteFunctions, options: Record<string, unknown>, startedAtMs: number): SyncSettings {
	const rawMode = ctx.getNodeParameter('mode', 0, 'addAndRemove') as SyncMode;
	const mode = SYNC_MODES.includes(rawMode) ? rawMode : 'addAndRemove';
	const rawMax = Number(options.maxRemovals ?? DEFAULT_MAX_REMOVALS);
	const maxRemovals = Number.isFinite(rawMax) && rawMax >= 0 ? Math.floor(rawMax) : DEFAULT_MAX_REMOVALS;
	return { mode, maxRemovals, dryRun: options.dryRun === true, startedAtMs };
}

/** Sends every account's adds and removals in batches on the bulk engine's dispatcher, under one client. */
async function applyChanges(
	ready: ReadyAccount[],
	batchSize: number,
	connect: () => Promise<TencentClient>,
	stopOnFailure: boolean,
	stopController: AbortController,
): Promise<SyncOutcomes> {
	const send = (contract: BulkContract, ids: (account: ReadyAccount) => string[]): Promise<BulkOutcomes> => {
		const dispatcher = new BulkDispatcher(contract, connect, { stopOnFailure, stopController });
		const batches = planBatches(
			ready.map((account) => ({ target: account.sync.officialAccount, ids: ids(account) })),
			batchSize,
		);
		for (const batch of batches) dispatcher.dispatch(batch);
		return dispatcher.finished();
	};
	// Adds and removals go out together: the transport's limiter and concurrency bound pace them both.
	const [added, removed] = await Promise.all([
		send(addContract, (account) => account.plan.toAdd),
		send(deleteContract, (account) => account.plan.toRemove),
	]);
	return { add: { contract: addContract, outcomes: added }, remove: { contract: deleteContract, outcomes: removed } };
}

/**
 * Subscriber → Sync: reads the items (each account's current subscribers are read meanwhile), checks every
 * account against the safety rules, then makes the missing adds and removals on the bulk engine.
 */
export async function runSync(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const startedAtMs = Date.now();
	const continueOnFail = ctx.continueOnFail();
	const options = readBulkOptions(ctx, ADD_SUBSCRIBER_MAX_IDS_PER_CALL);
	const settings = readSettings(ctx, options.all, startedAtMs);
	const reader = new ItemParameterReader(ctx);
	const stopController = new AbortController();
	let client: Promise<TencentClient> | undefined;
	const connect = async () => await (client ??= createTencentClient(ctx, options.transport, stopController.signal));

	const input = await readSyncInput(ctx, reader, connect, continueOnFail);
	if (input.stoppedAt) stopController.abort();
	const reads = await Promise.all([...input.accounts.values()].map(async (sync) => ({ sync, read: await sync.current })));
	addExpressionHint(ctx, reader, startedAtMs, { label: SUBSCRIBER_IDS.label, fromLabel: SUBSCRIBER_IDS.fromLabel });
	if (ctx.getExecutionCancelSignal()?.aborted) throw new ExecutionCancelledError();
	if (input.stoppedAt) {
		const stopped = input.stoppedAt;
		const sync = [...input.accounts.values()].find((account) => account.problems.includes(stopped));
		if (sync && isEmptyList(stopped)) throw refusedError(ctx.getNode(), { sync, itemIndex: stopped.itemIndex, ...emptyListRefusal(sync.officialAccount) });
		throw new NodeOperationError(ctx.getNode(), `${stopped.reason} [item ${stopped.itemIndex}]`, {
			itemIndex: stopped.itemIndex,
			description: `${stopped.fix} Nothing was changed on any official account.`,
		});
	}

	const verdicts = reads.map(({ sync, read }) => judgeAccount(sync, read, input, settings));
	const ready = verdicts.flatMap((verdict) => ('ready' in verdict ? [verdict.ready] : []));
	const refused = verdicts.flatMap((verdict) => ('refused' in verdict ? [verdict.refused] : []));
	if (!continueOnFail && refused.length > 0) {
		const first = refused.reduce((a, b) => (b.itemIndex < a.itemIndex ? b : a));
		throw refusedError(ctx.getNode(), first);
	}

	const outcomes = settings.dryRun ? undefined : await applyChanges(ready, options.batchSize, connect, !continueOnFail, stopController);
	if (outcomes && !continueOnFail) {
		const error = changesFailedError(ctx.getNode(), ready, outcomes);
		if (error) throw error;
	}

	const shape = failureShapeOf(ctx);
	const output: INodeExecutionData[] = input.unknownAccount.map((problem) => unreadableItem(problem, shape));
	for (const verdict of verdicts) {
		if ('refused' in verdict) {
			output.push(refusedItem(verdict.refused, shape));
			continue;
		}
		if (options.output === 'summary') {
			output.push(summaryItem(verdict.ready, outcomes));
			continue;
		}
		badIdItems(verdict.ready.sync, shape, output);
		changeItems(verdict.ready, outcomes, shape, output);
	}
	return [output];
}
