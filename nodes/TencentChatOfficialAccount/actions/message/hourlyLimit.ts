import type { IDataObject } from 'n8n-workflow';

import { listEntries } from '../../engine/pages';
import { unixSecondsToIso } from '../../helpers/unixTime';
import { COMMANDS, GET_MESSAGES, SEND_HOURLY_CHECK, SEND_MESSAGE } from '../../tencent/contract';
import { TencentCallError, type TencentClient } from '../../transport';

const LIMIT = SEND_MESSAGE.perAccountPerHour;
const HOUR_MS = SEND_HOURLY_CHECK.hourMs;

export interface HourlyRefusal {
	message: string;
	fix: string;
}

/** Where the hour that counts begins: 60 minutes ago, or the start of the clock hour (UNCERTAIN, one constant). */
export function hourStartMs(nowMs: number): number {
	return SEND_HOURLY_CHECK.window === 'rolling' ? nowMs - HOUR_MS : Math.floor(nowMs / HOUR_MS) * HOUR_MS;
}

/** When the send that needs `needed` slots could go out, given the hour's earlier sends (ascending, ms). */
export function slotOpensAtMs(sentMs: number[], needed: number, nowMs: number): number {
	if (SEND_HOURLY_CHECK.window === 'clockHour') return hourStartMs(nowMs) + HOUR_MS;
	const expiring = Math.min(sentMs.length, sentMs.length + needed - LIMIT);
	return expiring > 0 ? sentMs[expiring - 1] + HOUR_MS : nowMs;
}

/** The account's broadcasts of the hour that counts, oldest first (ms): the newest page of its history is enough. */
async function sentThisHour(client: TencentClient, officialAccount: string, nowMs: number): Promise<number[]> {
	const reply = await client.call(COMMANDS.getMessages, {
		[GET_MESSAGES.officialAccount]: officialAccount,
		[GET_MESSAGES.reqMsgNumber]: GET_MESSAGES.maxPageSize,
		...(SEND_HOURLY_CHECK.countRecalled ? { [GET_MESSAGES.withRecalled]: GET_MESSAGES.includeRecalled } : {}),
	});
	const start = hourStartMs(nowMs);
	return listEntries(reply, GET_MESSAGES.list)
		.map((entry: IDataObject) => Number(entry[GET_MESSAGES.msgTimeStamp]) * 1000)
		.filter((ms) => Number.isFinite(ms) && ms > start)
		.sort((a, b) => a - b);
}

function isoOf(ms: number): string {
	return unixSecondsToIso(Math.floor(ms / 1000)) ?? new Date(ms).toISOString();
}

/**
 * Reads each account's last hour and refuses the run, before anything is sent, when an account would go over
 * Tencent's 2 broadcasts per hour. `perAccount` holds the messages this run would send to each checked account.
 */
export async function checkLastHour(connect: () => Promise<TencentClient>, perAccount: Map<string, number>): Promise<HourlyRefusal | undefined> {
	if (perAccount.size === 0) return undefined;
	const client = await connect();
	const nowMs = Date.now();
	const over: string[] = [];
	let opensAt = 0;
	for (const [officialAccount, count] of perAccount) {
		const read = await sentThisHour(client, officialAccount, nowMs).then(
			(sent) => ({ sent, thrown: undefined }),
			(thrown: unknown) => ({ sent: undefined, thrown }),
		);
		if (!read.sent) {
			const error = read.thrown;
			// A cancelled execution, or a bug: let n8n see it as it is.
			if (!(error instanceof TencentCallError)) throw error;
			return {
				message: `Nothing was sent: the messages ${officialAccount} sent in the last hour could not be read (${error.reason})`,
				fix: `${error.advice} The node reads them to keep within Tencent Chat's ${LIMIT} broadcasts per hour; to send without this check, turn on the option "Allow More Than ${LIMIT} per Hour".`,
			};
		}
		const sent = read.sent;
		if (sent.length + count <= LIMIT) continue;
		const at = sent.map((ms) => isoOf(ms)).join(' and ');
		over.push(`${officialAccount} already sent ${sent.length} in the last hour${at ? ` (at ${at})` : ''} and this run would send ${count} more`);
		opensAt = Math.max(opensAt, slotOpensAtMs(sent, count, nowMs));
	}
	if (over.length === 0) return undefined;
	const when = isoOf(opensAt);
	return {
		message: `Nothing was sent: ${over.join('; ')}. Tencent Chat allows ${LIMIT} broadcasts per hour per official account; the next slot opens at ${when}`,
		fix: `Run the workflow again after ${when}, or combine the messages into one. If your Tencent Chat plan allows more, turn on the option "Allow More Than ${LIMIT} per Hour".`,
	};
}
