import type { CallRecord, EmulatorAccountSeed, EmulatorOptions, MessageLimits, ScriptedFault } from '../types';

/** Options that survive the trip to the child process (no functions). */
export type ProcessEmulatorOptions = Omit<EmulatorOptions, 'nowMs' | 'onCallComplete' | 'callbacks'>;

/** `count` subscriber IDs made up in the child, the same as generatedSubscriberIds(count, offset) in the parent. */
export interface GeneratedSubscribers {
	generate: number;
	offset?: number;
}

/** An account to add over IPC: its subscribers listed, or generated in the child (nothing big crosses argv). */
export type ProcessAccountSeed = Omit<EmulatorAccountSeed, 'subscribers'> & { subscribers?: string[] | GeneratedSubscribers };

/** Deterministic subscriber IDs s0000000, s0000001 …, known to parent and child alike. */
export function generatedSubscriberIds(count: number, offset = 0): string[] {
	return Array.from({ length: count }, (_, index) => `s${String(index + offset).padStart(7, '0')}`);
}

export type ProcessRequest =
	| { id: number; op: 'calls' }
	| { id: number; op: 'subscribers'; sdkAppId: number; officialAccount: string }
	| { id: number; op: 'script'; command: string; faults: ScriptedFault[] }
	| { id: number; op: 'setLatency'; latencyMs: number }
	| { id: number; op: 'resetCalls' }
	| { id: number; op: 'stop' }
	| { id: number; op: 'addAccount'; seed: ProcessAccountSeed }
	| { id: number; op: 'subscriberCount'; sdkAppId: number; officialAccount: string }
	| { id: number; op: 'callStats' }
	| { id: number; op: 'callTimeline' }
	| { id: number; op: 'account'; sdkAppId: number; officialAccount: string }
	| { id: number; op: 'subscriberDetails'; sdkAppId: number; officialAccount: string }
	| { id: number; op: 'messages'; sdkAppId: number; officialAccount: string }
	| { id: number; op: 'deliveryCount'; sdkAppId: number; officialAccount?: string }
	| { id: number; op: 'setMessageLimits'; limits: MessageLimits };

export type ProcessResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type CallLog = CallRecord[];
