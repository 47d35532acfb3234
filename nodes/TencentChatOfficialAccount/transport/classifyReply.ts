import { REPLY, type TencentReplyEnvelope } from '../tencent/contract';
import type { CallFailure } from './callFailure';
import { redactSecrets } from './redact';

/** A Tencent reply is a success only when ActionStatus is OK and ErrorCode is 0 (or absent). */
export function classifyReply(reply: unknown): { ok: true; reply: TencentReplyEnvelope } | { ok: false; failure: CallFailure } {
	if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
		return { ok: false, failure: { kind: 'badReply', info: 'The reply was not a JSON object' } };
	}
	const envelope = reply as TencentReplyEnvelope;
	const code = Number(envelope[REPLY.errorCode] ?? 0);
	const status = envelope[REPLY.actionStatus];
	if (status === REPLY.ok && code === 0) return { ok: true, reply: envelope };
	if (status === undefined && envelope[REPLY.errorCode] === undefined) {
		return { ok: false, failure: { kind: 'badReply', info: 'The reply had no ActionStatus or ErrorCode' } };
	}
	return {
		ok: false,
		failure: {
			kind: 'api',
			code: Number.isFinite(code) && code !== 0 ? code : -1,
			info: redactSecrets(String(envelope[REPLY.errorInfo] ?? '')),
		},
	};
}

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	httpCode?: unknown;
	response?: { status?: unknown };
	cause?: unknown;
}

/** Walks an error and its causes (n8n wraps the HTTP client's error in a NodeApiError). */
function errorChain(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current: unknown = error;
	while (typeof current === 'object' && current !== null && chain.length < 5 && !chain.includes(current as ErrorLike)) {
		chain.push(current as ErrorLike);
		current = (current as ErrorLike).cause;
	}
	return chain;
}

/** Turns what the HTTP helper threw into a failure; `cancelled` when the execution was aborted. */
export function classifyThrown(error: unknown): CallFailure | 'cancelled' {
	const chain = errorChain(error);
	for (const link of chain) {
		if (link.code === 'ERR_CANCELED') return 'cancelled';
	}
	for (const link of chain) {
		const status = Number(link.response?.status);
		if (Number.isInteger(status) && status > 0) {
			return { kind: 'http', httpStatus: status, info: `HTTP ${status}` };
		}
	}
	for (const link of chain) {
		if (typeof link.code !== 'string') continue;
		const message = typeof link.message === 'string' ? link.message : '';
		if (link.code === 'ETIMEDOUT' || (link.code === 'ECONNABORTED' && /timeout/i.test(message))) {
			return { kind: 'timeout', info: redactSecrets(message) };
		}
		return { kind: 'network', networkCode: link.code, info: redactSecrets(message) };
	}
	for (const link of chain) {
		const status = Number(link.httpCode);
		if (Number.isInteger(status) && status >= 100) {
			return { kind: 'http', httpStatus: status, info: `HTTP ${status}` };
		}
	}
	const first = chain[0];
	const message = first && typeof first.message === 'string' ? first.message : String(error);
	return { kind: 'network', networkCode: 'UNKNOWN', info: redactSecrets(message) };
}
