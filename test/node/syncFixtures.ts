import type { IDataObject } from 'n8n-workflow';

import type { CallRecord, EmulatorOptions, TencentChatEmulator } from '../emulator';
import { callsOf, COMMAND, DELETE_COMMAND, emulatorWith, operationRunner, sentAddIds, sentIds } from './fixtures';

/** Subscriber → Sync with the account and IDs taken from each item's `account` and `ids` unless overridden. */
export const runSync = operationRunner('subscriber', 'sync', { officialAccount: '={{ $json.account }}', subscriberIds: '={{ $json.ids }}' });

const HOUR_MS = 3_600_000;

/**
 * An emulator whose seeded subscribers joined an hour ago (its clock runs an hour behind while it seeds, then
 * shows the real time): only subscribers added during a test count as having joined while a sync ran.
 */
export async function emulatorSeededEarlier(
	accounts: Record<string, string[]>,
	options: EmulatorOptions & { onCall?: (call: CallRecord) => void } = {},
): Promise<TencentChatEmulator> {
	let offsetMs = -HOUR_MS;
	const { onCall, ...rest } = options;
	const emulator = await emulatorWith(accounts, { ...rest, nowMs: () => Date.now() + offsetMs, onCallComplete: (call) => onCall?.(call) });
	offsetMs = 0;
	return emulator;
}

/** Every ID the add calls carried, in call order (a repeat shows up twice). */
export function addedIds(emulator: TencentChatEmulator): string[] {
	return callsOf(emulator, COMMAND.addSubscriber).flatMap(sentAddIds);
}

/** Every ID the delete calls carried, in call order. */
export function removedIds(emulator: TencentChatEmulator): string[] {
	return callsOf(emulator, DELETE_COMMAND).flatMap(sentIds);
}

export function pageCalls(emulator: TencentChatEmulator) {
	return callsOf(emulator, COMMAND.getSubscriberInfo);
}

/** `[subscriberId, action, status]` of each output item. */
export function changes(items: Array<{ json: IDataObject }>): Array<[unknown, unknown, unknown]> {
	return items.map(({ json }) => [json.subscriberId, json.action, json.status]);
}

export function sorted(values: string[]): string[] {
	return [...values].sort();
}
