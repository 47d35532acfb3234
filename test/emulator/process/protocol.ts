import type { CallRecord, EmulatorOptions, ScriptedFault } from '../types';

/** Options that survive the trip to the child process (no functions). */
export type ProcessEmulatorOptions = Omit<EmulatorOptions, 'nowMs' | 'onCallComplete'>;

export type ProcessRequest =
	| { id: number; op: 'calls' }
	| { id: number; op: 'subscribers'; sdkAppId: number; officialAccount: string }
	| { id: number; op: 'script'; command: string; faults: ScriptedFault[] }
	| { id: number; op: 'setLatency'; latencyMs: number }
	| { id: number; op: 'resetCalls' }
	| { id: number; op: 'stop' };

export type ProcessResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type CallLog = CallRecord[];
