import type { IDataObject } from 'n8n-workflow';

import { SUBSCRIBER_FIELD } from '../../tencent/contract';

export type SyncMode = 'addAndRemove' | 'addOnly' | 'removeOnly';

export const SYNC_MODES: readonly SyncMode[] = ['addAndRemove', 'addOnly', 'removeOnly'];

/**
 * UNCERTAIN: Tencent's clock and n8n's may differ (and SubscribeTime is whole seconds). A subscriber whose
 * SubscribeTime is at most this long before the sync started counts as joined during the sync, so it is kept
 * (never removed). Keeping one too many is harmless: the next sync removes it.
 */
export const JOINED_DURING_SYNC_MARGIN_SECONDS = 2;

/** What the input items ask for one account: the wanted IDs, each with the items that named it. */
export class WantedList {
	/** ID → indexes of the items that named it, in first-seen order. */
	readonly ids = new Map<string, number[]>();

	/** Entries the node could not read as IDs: a current subscriber with that exact text is never removed. */
	readonly unreadable = new Set<string>();

	/** Items that named the account, in input order (the first one pairs with removals). */
	readonly items: number[] = [];

	add(itemIndex: number, id: string): void {
		const named = this.ids.get(id);
		if (!named) this.ids.set(id, [itemIndex]);
		else if (named[named.length - 1] !== itemIndex) named.push(itemIndex);
	}

	noteItem(itemIndex: number): void {
		if (this.items[this.items.length - 1] !== itemIndex) this.items.push(itemIndex);
	}
}

/** One account's current subscribers as read, and who of them joined while the sync ran. */
export interface CurrentList {
	ids: string[];
	/** Joined during the sync (by SubscribeTime): kept whatever the list says. */
	joinedDuringSync: Set<string>;
}

/** Reads the pages' entries; `startedAtMs` is when the sync started reading. */
export function currentList(entries: IDataObject[], startedAtMs: number): CurrentList {
	const joinedAfter = Math.floor(startedAtMs / 1000) - JOINED_DURING_SYNC_MARGIN_SECONDS;
	const ids: string[] = [];
	const joinedDuringSync = new Set<string>();
	const seen = new Set<string>();
	for (const entry of entries) {
		const id = entry[SUBSCRIBER_FIELD.account];
		if (typeof id !== 'string' || seen.has(id)) continue;
		seen.add(id);
		ids.push(id);
		const subscribedAt = Number(entry[SUBSCRIBER_FIELD.subscribeTime]);
		if (Number.isFinite(subscribedAt) && subscribedAt >= joinedAfter) joinedDuringSync.add(id);
	}
	return { ids, joinedDuringSync };
}

export interface SyncPlan {
	before: number;
	wanted: number;
	toAdd: string[];
	toRemove: string[];
}

/** The difference: wanted but not subscribed are added, subscribed but not wanted are removed (as the mode allows). */
export function planSync(wanted: WantedList, current: CurrentList, mode: SyncMode): SyncPlan {
	const currentIds = new Set(current.ids);
	const toAdd = mode === 'removeOnly' ? [] : [...wanted.ids.keys()].filter((id) => !currentIds.has(id));
	const toRemove =
		mode === 'addOnly'
			? []
			: current.ids.filter((id) => !wanted.ids.has(id) && !wanted.unreadable.has(id) && !current.joinedDuringSync.has(id));
	return { before: current.ids.length, wanted: wanted.ids.size, toAdd, toRemove };
}

/** The refusal of an account whose wanted list is empty, whatever the options say. */
export function emptyListRefusal(officialAccount: string): { message: string; fix: string } {
	return {
		message: `Nothing was changed on ${officialAccount}: its list of wanted subscribers is empty`,
		fix: 'Sync never empties an account: an empty list usually means an upstream node returned nothing. To remove every subscriber, use Subscriber > Delete.',
	};
}

/** Why an account's plan may not run; checked for every account before anything is changed. */
export function refusePlan(
	officialAccount: string,
	wanted: WantedList,
	plan: SyncPlan,
	maxRemovals: number,
): { message: string; fix: string } | undefined {
	if (wanted.ids.size === 0) return emptyListRefusal(officialAccount);
	if (plan.toRemove.length > maxRemovals) {
		return {
			message: `Nothing was changed on ${officialAccount}: the sync would remove ${plan.toRemove.length} subscribers, more than Max Removals (${maxRemovals})`,
			fix: `Check that the list of wanted subscribers is complete (${plan.wanted} IDs for ${plan.before} current subscribers). If ${plan.toRemove.length} removals are intended, set Options > Max Removals to ${plan.toRemove.length} or more. Dry Run shows the plan without changing anything.`,
		};
	}
	return undefined;
}
