import type { IDataObject } from 'n8n-workflow';

import {
	CALLBACK_ACK,
	CALLBACK_REFUSE_ALL_ERROR_CODE,
	CALLBACK_REPLY,
	REFUSE_SOME_REPLY_FIELD,
} from '../../tencent/callbacks';

export const DECISIONS = {
	allow: 'allow',
	refuseSubscribers: 'refuseSubscribers',
	refuseAll: 'refuseAll',
	customReply: 'customReply',
} as const;

export type Decision =
	| { kind: typeof DECISIONS.allow }
	| { kind: typeof DECISIONS.refuseSubscribers; subscribers: string[] }
	| { kind: typeof DECISIONS.refuseAll; errorInfo: string }
	| { kind: typeof DECISIONS.customReply; reply: IDataObject };

export type ReplyResult = { ok: true; reply: IDataObject } | { ok: false; reason: string; fix: string };

/** The JSON Tencent receives for a decision about the callback `command` (undefined when the item lost it). */
export function callbackReply(decision: Decision, command: string | undefined): ReplyResult {
	switch (decision.kind) {
		case DECISIONS.allow:
			return { ok: true, reply: { ...CALLBACK_ACK } };
		case DECISIONS.refuseAll:
			return {
				ok: true,
				reply: { ...CALLBACK_ACK, [CALLBACK_REPLY.errorInfo]: decision.errorInfo, [CALLBACK_REPLY.errorCode]: CALLBACK_REFUSE_ALL_ERROR_CODE },
			};
		case DECISIONS.customReply:
			return { ok: true, reply: decision.reply };
		case DECISIONS.refuseSubscribers: {
			const field = command === undefined ? undefined : REFUSE_SOME_REPLY_FIELD[command];
			if (field === undefined) {
				return {
					ok: false,
					reason: `Refuse Subscribers applies to Before Add Subscriber only, but this callback is ${command ?? 'of an unknown command'}`,
					fix: 'Choose Refuse All to refuse the whole request, or Custom Reply for the reply this callback takes.',
				};
			}
			return { ok: true, reply: { ...CALLBACK_ACK, [field]: decision.subscribers } };
		}
	}
}
