import { NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type IPairedItemData } from 'n8n-workflow';

import { idFailureMessage } from '../../engine/bulk/output';
import { FAILED, type BulkContract, type BulkOutcomes, type IdOutcome } from '../../engine/bulk/types';
import { failureJson, sentences, type FailureShape } from '../../engine/failureShape';
import { tencentNodeApiError, type TencentCallError } from '../../transport';
import type { AccountSync, SyncInputProblem } from './syncInput';
import type { SyncPlan } from './syncPlan';

export const PLANNED = 'planned';

export type SyncAction = 'add' | 'remove';

/** An account whose sync may run, with its plan. */
export interface ReadyAccount {
	sync: AccountSync;
	plan: SyncPlan;
}

/** An account whose sync was refused before anything was changed on it. */
export interface RefusedAccount {
	sync: AccountSync;
	itemIndex: number;
	message: string;
	fix: string;
	callError?: TencentCallError;
	details?: IDataObject;
}

/** What the add and remove calls did, per account and ID; absent in a dry run. */
export interface SyncOutcomes {
	add: { contract: BulkContract; outcomes: BulkOutcomes };
	remove: { contract: BulkContract; outcomes: BulkOutcomes };
}

const PLANNED_OUTCOME: IdOutcome = Object.freeze({ status: PLANNED, ok: true, result: null });
const NO_OUTCOME: IdOutcome = Object.freeze({ status: FAILED, ok: false, result: null, reason: 'No call was made for this ID', code: 'NOT_SENT' });

function paired(items: number[]): IPairedItemData | IPairedItemData[] {
	return items.length === 1 ? { item: items[0] } : items.map((item) => ({ item }));
}

/** One planned change with its outcome and the items it pairs with. */
interface Change {
	action: SyncAction;
	id: string;
	items: number[];
	outcome: IdOutcome;
}

function changesOf(account: ReadyAccount, outcomes: SyncOutcomes | undefined): Change[] {
	const target = account.sync.officialAccount;
	const outcomeOf = (action: SyncAction, id: string) =>
		outcomes ? (outcomes[action].outcomes.get(target)?.get(id) ?? NO_OUTCOME) : PLANNED_OUTCOME;
	const firstItem = [account.sync.wanted.items[0]];
	return [
		...account.plan.toAdd.map((id) => ({ action: 'add' as const, id, items: account.sync.wanted.ids.get(id) ?? firstItem, outcome: outcomeOf('add', id) })),
		...account.plan.toRemove.map((id) => ({ action: 'remove' as const, id, items: firstItem, outcome: outcomeOf('remove', id) })),
	];
}

/** "Subscriber "u1" was not added to @TOA#_news: … [item 0]", worded by the Add or Delete contract. */
function changeFailureMessage(contract: BulkContract, target: string, change: Change): string {
	return idFailureMessage(contract, {
		itemIndex: change.items[0],
		target,
		id: change.id,
		reason: change.outcome.reason ?? 'unknown reason',
	});
}

/** One item per change: `{ officialAccount, subscriberId, action, status }`; a failure with its error. */
export function changeItems(account: ReadyAccount, outcomes: SyncOutcomes | undefined, shape: FailureShape, into: INodeExecutionData[]): void {
	const officialAccount = account.sync.officialAccount;
	for (const change of changesOf(account, outcomes)) {
		const fields: IDataObject = { officialAccount, subscriberId: change.id, action: change.action, status: change.outcome.status };
		if (change.outcome.ok) {
			into.push({ json: fields, pairedItem: paired(change.items) });
			continue;
		}
		const contract = (outcomes as SyncOutcomes)[change.action].contract;
		const json = failureJson(shape, changeFailureMessage(contract, officialAccount, change), {
			...fields,
			errorCode: change.outcome.code ?? null,
			reason: change.outcome.reason ?? null,
		});
		into.push({ json, pairedItem: paired(change.items) });
	}
}

/** `{ officialAccount, before, wanted, toAdd, toRemove, added, removed, failed, dryRun, failures }`, paired with the account's items. */
export function summaryItem(account: ReadyAccount, outcomes: SyncOutcomes | undefined): INodeExecutionData {
	const changes = changesOf(account, outcomes);
	const done = (action: SyncAction) => changes.filter((change) => change.action === action && change.outcome.ok && change.outcome.status !== PLANNED).length;
	const failures: IDataObject[] = [
		...account.sync.badIds.map((bad) => ({ subscriberId: bad.raw, action: 'add', reason: bad.reason, errorCode: 'INVALID_ID' })),
		...changes
			.filter((change) => !change.outcome.ok)
			.map((change) => ({ subscriberId: change.id, action: change.action, reason: change.outcome.reason ?? null, errorCode: change.outcome.code ?? null })),
	];
	return {
		json: {
			officialAccount: account.sync.officialAccount,
			before: account.plan.before,
			wanted: account.plan.wanted,
			toAdd: account.plan.toAdd.length,
			toRemove: account.plan.toRemove.length,
			added: done('add'),
			removed: done('remove'),
			failed: failures.length,
			dryRun: outcomes === undefined,
			failures,
		},
		pairedItem: paired(account.sync.wanted.items),
	};
}

/** IDs that were not valid, reported as failed adds of their item (they are neither added nor removed). */
export function badIdItems(sync: AccountSync, shape: FailureShape, into: INodeExecutionData[]): void {
	for (const bad of sync.badIds) {
		const fields: IDataObject = { officialAccount: sync.officialAccount, subscriberId: bad.raw, action: 'add', status: FAILED };
		into.push({
			json: failureJson(shape, `${bad.reason} [item ${bad.itemIndex}]`, { ...fields, errorCode: 'INVALID_ID', reason: bad.reason }),
			pairedItem: { item: bad.itemIndex },
		});
	}
}

/** An item whose Official Account ID could not be read (with "continue"). */
export function unreadableItem(problem: SyncInputProblem, shape: FailureShape): INodeExecutionData {
	const json = failureJson(shape, `${problem.reason} [item ${problem.itemIndex}]`, { field: problem.field, reason: problem.reason });
	return { json, pairedItem: { item: problem.itemIndex } };
}

/** The one item of an account whose sync was refused (with "continue"). */
export function refusedItem(refused: RefusedAccount, shape: FailureShape): INodeExecutionData {
	const json = failureJson(shape, `${refused.message} [item ${refused.itemIndex}]`, {
		officialAccount: refused.sync.officialAccount,
		status: 'refused',
		errorCode: refused.callError?.code ?? null,
		reason: refused.message,
		...refused.details,
	});
	return { json, pairedItem: { item: refused.itemIndex } };
}

/** The error the node throws for a refused account without "continue". */
export function refusedError(node: INode, refused: RefusedAccount): Error {
	const message = `${refused.message} [item ${refused.itemIndex}]`;
	const description = sentences(refused.fix, 'Nothing was changed on any official account.');
	if (refused.callError) return tencentNodeApiError(node, refused.callError, { message, description, itemIndex: refused.itemIndex });
	return new NodeOperationError(node, message, { itemIndex: refused.itemIndex, description });
}

const NAMED_FAILURES = 5;

/** The error the node throws when changes failed without "continue": which ones, and what did happen. */
export function changesFailedError(node: INode, accounts: ReadyAccount[], outcomes: SyncOutcomes): Error | undefined {
	const failed: Array<{ target: string; change: Change }> = [];
	let added = 0;
	let removed = 0;
	for (const account of accounts) {
		for (const change of changesOf(account, outcomes)) {
			if (!change.outcome.ok) failed.push({ target: account.sync.officialAccount, change });
			else if (change.action === 'add') added++;
			else removed++;
		}
	}
	if (failed.length === 0) return undefined;
	const attempted = failed.filter(({ change }) => change.outcome.code !== 'NOT_SENT');
	const named = (attempted.length ? attempted : failed).slice(0, NAMED_FAILURES);
	const first = named[0];
	const list = named.map(({ change }) => `"${change.id}" (${change.action})`).join(', ');
	const more = attempted.length > named.length ? ` and ${attempted.length - named.length} more` : '';
	const itemIndex = first.change.items[0];
	const count = attempted.length || failed.length;
	const message = `${count} subscriber change${count === 1 ? '' : 's'} failed on ${first.target}: ${list}${more} [item ${itemIndex}]`;
	const notSent = failed.length - attempted.length;
	const progress =
		`${added} added and ${removed} removed before the node stopped` +
		(notSent ? `; ${notSent} changes were not sent` : '') +
		'. Run the sync again: it makes only the changes still missing. To process the rest anyway, set the node setting On Error to "Continue".';
	const callError = first.change.outcome.callError;
	const reason = first.change.outcome.reason ?? 'unknown reason';
	if (callError) return tencentNodeApiError(node, callError, { message, description: sentences(callError.reason, callError.advice, progress), itemIndex });
	return new NodeOperationError(node, message, { itemIndex, description: sentences(reason, progress) });
}
