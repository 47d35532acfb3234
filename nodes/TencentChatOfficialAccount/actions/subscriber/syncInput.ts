import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { readIdList } from '../../engine/idListSource';
import type { ItemParameterReader } from '../../engine/itemParameters';
import { collectPages } from '../../engine/pages';
import type { ItemFailure } from '../../engine/perItem';
import type { TencentClient } from '../../transport';
import { readOfficialAccount } from '../shared/readOfficialAccount';
import { SUBSCRIBER_IDS } from '../shared/subscriberIds';
import { subscriberPages } from './getMany.operation';
import { WantedList } from './syncPlan';

/** An input the sync cannot use: the item (or one of its IDs) and why. */
export interface SyncInputProblem {
	itemIndex: number;
	field: string;
	reason: string;
	fix: string;
}

/** The pages as read: the entries, the page that failed, or what was thrown (cancellation, a stop). */
export type CurrentRead = { entries: IDataObject[] } | { failure: ItemFailure } | { thrown: unknown };

/** One account of the run: what the items ask for, and its current subscribers being read meanwhile. */
export interface AccountSync {
	officialAccount: string;
	wanted: WantedList;
	/** Never rejects, so a run that stops early leaves nothing unhandled. */
	current: Promise<CurrentRead>;
	/** Items of this account whose IDs could not be read: its list may be incomplete, so it is not synced. */
	problems: SyncInputProblem[];
	/** Single entries that are no valid ID: reported, left out of the list, and never removed. */
	badIds: Array<SyncInputProblem & { raw: string }>;
}

export interface SyncInput {
	/** In first-seen order. */
	accounts: Map<string, AccountSync>;
	/** Items whose Official Account ID could not be read: any account's list may lack their IDs. */
	unknownAccount: SyncInputProblem[];
	/** Without "continue", the first problem, after which nothing more was read. */
	stoppedAt?: SyncInputProblem;
}

/** Reading items is synchronous; yield after this long so the page reads already started make progress. */
const READ_SLICE_MS = 5;

/** Whether a list read failed only because it was empty (the safety rule has its own words for that). */
export function isEmptyList(problem: SyncInputProblem): boolean {
	return problem.reason.endsWith(' is empty');
}

function startReading(client: () => Promise<TencentClient>, officialAccount: string): Promise<CurrentRead> {
	return client()
		.then(async (connected) => await collectPages(connected, subscriberPages(officialAccount), 'all'))
		.then(
			(read): CurrentRead => (Array.isArray(read) ? { entries: read } : { failure: read }),
			(thrown: unknown): CurrentRead => ({ thrown }),
		);
}

/**
 * Reads every item's account and IDs. An account's current subscribers are read from its first item on, while
 * later items are still read, so reading the input and the pages overlap.
 */
export async function readSyncInput(
	ctx: IExecuteFunctions,
	reader: ItemParameterReader,
	client: () => Promise<TencentClient>,
	continueOnFail: boolean,
): Promise<SyncInput> {
	const input: SyncInput = { accounts: new Map(), unknownAccount: [] };
	const cancelSignal = ctx.getExecutionCancelSignal();
	const stop = (problem: SyncInputProblem): boolean => {
		if (continueOnFail) return false;
		input.stoppedAt = problem;
		return true;
	};
	let sliceStart = Date.now();
	for (let itemIndex = 0; itemIndex < reader.itemCount && !cancelSignal?.aborted; itemIndex++) {
		const account = readOfficialAccount(reader, itemIndex);
		if (!account.ok) {
			const problem = { itemIndex, field: account.field, reason: account.reason, fix: account.fix };
			input.unknownAccount.push(problem);
			if (stop(problem)) break;
			continue;
		}
		let sync = input.accounts.get(account.value);
		if (!sync) {
			sync = { officialAccount: account.value, wanted: new WantedList(), current: startReading(client, account.value), problems: [], badIds: [] };
			input.accounts.set(account.value, sync);
		}
		sync.wanted.noteItem(itemIndex);
		const ids = readIdList(reader, SUBSCRIBER_IDS, itemIndex);
		if (!ids.ok) {
			const problem = { itemIndex, field: ids.field, reason: ids.reason, fix: ids.fix };
			sync.problems.push(problem);
			if (stop(problem)) break;
			continue;
		}
		let stopped = false;
		for (const entry of ids.entries) {
			if (entry.ok) {
				sync.wanted.add(itemIndex, entry.id);
				continue;
			}
			sync.wanted.unreadable.add(entry.raw.trim());
			const problem = { itemIndex, field: SUBSCRIBER_IDS.label, reason: `${SUBSCRIBER_IDS.label}: ${entry.reason}`, fix: SUBSCRIBER_IDS.fix, raw: entry.raw };
			sync.badIds.push(problem);
			if (stop(problem)) {
				stopped = true;
				break;
			}
		}
		if (stopped) break;
		if (Date.now() - sliceStart >= READ_SLICE_MS) {
			await sleep(0);
			sliceStart = Date.now();
		}
	}
	return input;
}
