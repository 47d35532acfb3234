// The emulator in its own process. Tests that measure timing at the server (rate limits) use it, so the
// server stamps arrivals on an idle event loop instead of one shared with the n8n engine under test; the
// benchmark (scripts/bench.ts) uses it so that the CPU time and memory it measures are the node's alone.
import { fork } from 'node:child_process';
import { join } from 'node:path';

import { maxArrivalsInWindow } from '../callLog';
import type { CallRecord, MessageLimits, MessageSnapshot, OfficialAccountSnapshot, ScriptedFault, SubscriberSnapshot } from '../types';
import type { CallStats, TimelineEntry } from './callStats';
import type { ProcessAccountSeed, ProcessEmulatorOptions, ProcessRequest, ProcessResponse } from './protocol';

export type { CallStats, TimelineEntry } from './callStats';
export { generatedSubscriberIds } from './protocol';
export type { GeneratedSubscribers, ProcessAccountSeed, ProcessEmulatorOptions } from './protocol';

export interface EmulatorProcess {
	url: string;
	/** The child's process id. */
	pid: number;
	calls(): Promise<CallRecord[]>;
	subscribers(sdkAppId: number, officialAccount: string): Promise<string[]>;
	script(command: string, faults: ScriptedFault[]): Promise<void>;
	setLatency(latencyMs: number): Promise<void>;
	resetCalls(): Promise<void>;
	/** Adds (or extends) an account; resolves to its number of subscribers. */
	addAccount(seed: ProcessAccountSeed): Promise<number>;
	/** The number of subscribers, without sending the IDs over. */
	subscriberCount(sdkAppId: number, officialAccount: string): Promise<number>;
	/** Summary of the call log, computed in the child. */
	callStats(): Promise<CallStats>;
	/** The call log in compact form (for dumps). */
	callTimeline(): Promise<TimelineEntry[]>;
	/** Max arrivals in any half-open window [t, t + windowMs), as the emulator recorded them. */
	maxCallsInWindow(windowMs?: number): Promise<number>;
	/** As TencentChatEmulator.account (null instead of undefined: it crossed IPC). */
	account(sdkAppId: number, officialAccount: string): Promise<OfficialAccountSnapshot | null>;
	subscriberDetails(sdkAppId: number, officialAccount: string): Promise<SubscriberSnapshot[]>;
	messages(sdkAppId: number, officialAccount: string): Promise<MessageSnapshot[]>;
	deliveryCount(sdkAppId: number, officialAccount?: string): Promise<number>;
	setMessageLimits(limits: MessageLimits): Promise<void>;
	stop(): Promise<void>;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export async function startEmulatorProcess(options: ProcessEmulatorOptions = {}, startTimeoutMs = 20000): Promise<EmulatorProcess> {
	// Accounts (subscriber lists can be long) go over IPC once the child is up, the rest on its command line.
	const { accounts = [], ...startOptions } = options;
	// tsx's CommonJS hook lets the child run the TypeScript emulator under plain node, jest or tsx alike. Its
	// own execArgv also keeps the parent's flags (node --cpu-prof, --inspect …) away from the child.
	const child = fork(join(__dirname, 'child.ts'), [JSON.stringify(startOptions)], {
		execArgv: ['--require', require.resolve('tsx/cjs')],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const kill = () => child.kill('SIGKILL');
	process.once('exit', kill);
	const pending = new Map<number, (message: ProcessResponse) => void>();
	child.on('message', (message: ProcessResponse) => {
		pending.get(message.id)?.(message);
		pending.delete(message.id);
	});
	child.on('exit', () => {
		process.off('exit', kill);
		for (const settle of pending.values()) settle({ id: -1, ok: false, error: 'emulator process exited' });
		pending.clear();
	});

	let nextId = 1;
	const request = async <T>(command: Distribute<ProcessRequest>): Promise<T> =>
		await new Promise<T>((resolve, reject) => {
			if (!child.connected) return reject(new Error('emulator process exited'));
			const id = nextId++;
			pending.set(id, (message) => (message.ok ? resolve(message.result as T) : reject(new Error(message.error))));
			child.send({ ...command, id });
		});

	const started = new Promise<{ url: string }>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('emulator process did not start in time')), startTimeoutMs);
		pending.set(0, (message) => {
			clearTimeout(timer);
			if (message.ok) resolve(message.result as { url: string });
			else reject(new Error(message.error));
		});
	});

	let url: string;
	try {
		({ url } = await started);
		for (const account of accounts) await request({ op: 'addAccount', seed: account });
	} catch (error) {
		kill();
		throw error;
	}

	return {
		url,
		pid: child.pid ?? -1,
		calls: async () => await request<CallRecord[]>({ op: 'calls' }),
		subscribers: async (sdkAppId, officialAccount) => await request<string[]>({ op: 'subscribers', sdkAppId, officialAccount }),
		script: async (command, faults) => void (await request({ op: 'script', command, faults })),
		setLatency: async (latencyMs) => void (await request({ op: 'setLatency', latencyMs })),
		resetCalls: async () => void (await request({ op: 'resetCalls' })),
		addAccount: async (seed) => await request<number>({ op: 'addAccount', seed }),
		subscriberCount: async (sdkAppId, officialAccount) => await request<number>({ op: 'subscriberCount', sdkAppId, officialAccount }),
		callStats: async () => await request<CallStats>({ op: 'callStats' }),
		callTimeline: async () => await request<TimelineEntry[]>({ op: 'callTimeline' }),
		maxCallsInWindow: async (windowMs = 1000) =>
			maxArrivalsInWindow((await request<CallRecord[]>({ op: 'calls' })).map((call) => call.atMs), windowMs),
		account: async (sdkAppId, officialAccount) => await request<OfficialAccountSnapshot | null>({ op: 'account', sdkAppId, officialAccount }),
		subscriberDetails: async (sdkAppId, officialAccount) => await request<SubscriberSnapshot[]>({ op: 'subscriberDetails', sdkAppId, officialAccount }),
		messages: async (sdkAppId, officialAccount) => await request<MessageSnapshot[]>({ op: 'messages', sdkAppId, officialAccount }),
		deliveryCount: async (sdkAppId, officialAccount) => await request<number>({ op: 'deliveryCount', sdkAppId, officialAccount }),
		setMessageLimits: async (limits) => void (await request({ op: 'setMessageLimits', limits })),
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			await request({ op: 'stop' }).catch(() => undefined);
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
			kill();
		},
	};
}
