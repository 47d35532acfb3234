// Summaries of the emulator's call log, computed where the log lives (the child process) so that only
// a few numbers cross IPC, however many calls a benchmark made.
import { maxArrivalsInWindow } from '../callLog';
import type { CallRecord } from '../types';

const DELETE_COMMAND = 'official_account_open_http_svc/delete_subscriber';
const ADD_COMMAND = 'official_account_open_http_svc/add_subscriber';
const PAGE_COMMAND = 'official_account_open_http_svc/get_subscriber_info';

export interface CallStats {
	calls: number;
	deleteCalls: number;
	/** Subscriber IDs in all delete_subscriber bodies. */
	idsSent: number;
	/** Distinct subscriber IDs in those bodies (idsSent minus this = IDs sent more than once). */
	distinctIdsSent: number;
	/** Entries with Result 1 (removed) in the replies: each subscriber removed once means this = their number. */
	idsRemoved: number;
	/** Replies with ErrorCode 60007 (the emulator's rate limit). */
	rejected60007: number;
	outcomes: Record<string, number>;
	/** Max arrivals (admitted or not) in any [t, t + 1 s). */
	maxArrivalsIn1s: number;
	/** Same, admitted calls only. */
	maxAdmittedIn1s: number;
	arrivalSpanMs: number;
	firstArrivalMs: number | null;
	lastArrivalMs: number | null;
	/** Clock: performance.timeOrigin + performance.now(), comparable across processes on one machine. */
	lastReplyMs: number | null;
	/** add_subscriber calls, the IDs in their bodies (all and distinct), and entries with Result 1 (added). */
	addCalls: number;
	addIdsSent: number;
	distinctAddIdsSent: number;
	idsAdded: number;
	/** get_subscriber_info calls (pages read). */
	pageCalls: number;
	/** Median time from arrival to reply at the emulator (its latency plus its own work). */
	medianResidenceMs: number | null;
	/** Per call, only for logs of up to 1000 calls. */
	residencesMs?: number[];
}

/** [arrival ms, reply ms | null, outcome or '60007', IDs in the body, official account or ''] of one call. */
export type TimelineEntry = [number, number | null, string, number, string];

function deletedIds(call: CallRecord): unknown[] | undefined {
	const ids = (call.body as { SubscriberToDel_Account?: unknown } | undefined)?.SubscriberToDel_Account;
	return Array.isArray(ids) ? ids : undefined;
}

function addedIds(call: CallRecord): unknown[] {
	const list = (call.body as { SubscriberList?: Array<{ Subscriber_Account?: unknown }> } | undefined)?.SubscriberList;
	return Array.isArray(list) ? list.map((entry) => entry?.Subscriber_Account) : [];
}

function resultOneCount(call: CallRecord): number {
	const list = (call.reply as { SubscriberList?: Array<{ Result?: unknown }> } | undefined)?.SubscriberList;
	return Array.isArray(list) ? list.filter((entry) => entry.Result === 1).length : 0;
}

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function callStats(calls: CallRecord[]): CallStats {
	const deletes = calls.filter((call) => call.command === DELETE_COMMAND);
	const adds = calls.filter((call) => call.command === ADD_COMMAND);
	const admitted = calls.filter((call) => call.outcome !== 'rateLimited');
	const first = calls[0]?.atMs;
	const last = calls.at(-1)?.atMs;
	const replied = calls.filter((call) => call.repliedAtMs !== undefined) as Array<CallRecord & { repliedAtMs: number }>;
	const residences = replied.map((call) => call.repliedAtMs - call.atMs);
	const outcomes: Record<string, number> = {};
	for (const call of calls) outcomes[call.outcome] = (outcomes[call.outcome] ?? 0) + 1;
	return {
		calls: calls.length,
		deleteCalls: deletes.length,
		idsSent: deletes.reduce((sum, call) => sum + (deletedIds(call)?.length ?? 0), 0),
		distinctIdsSent: new Set(deletes.flatMap((call) => deletedIds(call) ?? [])).size,
		idsRemoved: deletes.reduce((sum, call) => sum + resultOneCount(call), 0),
		rejected60007: calls.filter((call) => call.errorCode === 60007).length,
		outcomes,
		maxArrivalsIn1s: maxArrivalsInWindow(calls.map((call) => call.atMs), 1000),
		maxAdmittedIn1s: maxArrivalsInWindow(admitted.map((call) => call.atMs), 1000),
		arrivalSpanMs: first === undefined || last === undefined ? 0 : last - first,
		firstArrivalMs: first ?? null,
		lastArrivalMs: last ?? null,
		lastReplyMs: replied.reduce<number | null>((latest, call) => Math.max(latest ?? -Infinity, call.repliedAtMs), null),
		addCalls: adds.length,
		addIdsSent: adds.reduce((sum, call) => sum + addedIds(call).length, 0),
		distinctAddIdsSent: new Set(adds.flatMap(addedIds)).size,
		idsAdded: adds.reduce((sum, call) => sum + resultOneCount(call), 0),
		pageCalls: calls.filter((call) => call.command === PAGE_COMMAND).length,
		medianResidenceMs: median(residences),
		residencesMs: calls.length <= 1000 ? residences : undefined,
	};
}

/** The call log, compact enough to dump for offline analysis; times rounded to 0.1 ms. */
export function callTimeline(calls: CallRecord[]): TimelineEntry[] {
	const tenth = (ms: number) => Math.round(ms * 10) / 10;
	return calls.map((call) => [
		tenth(call.atMs),
		call.repliedAtMs === undefined ? null : tenth(call.repliedAtMs),
		call.errorCode === 60007 ? '60007' : call.outcome,
		deletedIds(call)?.length ?? 0,
		officialAccountOf(call),
	]);
}

/** Which official account a call was for: in the simulations, which process sent it. */
function officialAccountOf(call: CallRecord): string {
	const account = (call.body as { Official_Account?: unknown } | null)?.Official_Account;
	return typeof account === 'string' ? account : '';
}
