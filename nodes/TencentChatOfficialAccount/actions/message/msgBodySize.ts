import type { IDataObject } from 'n8n-workflow';

import { MSG_BODY_MAX_BYTES, MSG_BODY_TOO_LONG_ERROR_CODE } from '../../tencent/contract';
import type { Built } from './messageElements';

/** The size Tencent's message body limit is checked against: the UTF-8 JSON of MsgBody, in bytes. */
export function msgBodyBytes(msgBody: IDataObject[]): number {
	return Buffer.byteLength(JSON.stringify(msgBody), 'utf8');
}

/**
 * Tencent refuses a message body over 8 KB (80002, contract.ts MSG_BODY_MAX_BYTES); checked before sending, so
 * such an item fails on its own with its size, and nothing is sent for it.
 */
export function checkMsgBodySize(msgBody: IDataObject[]): Built<IDataObject[]> {
	const bytes = msgBodyBytes(msgBody);
	if (bytes <= MSG_BODY_MAX_BYTES) return { ok: true, value: msgBody };
	return {
		ok: false,
		reason: `The message is ${bytes} bytes (the UTF-8 JSON of its MsgBody), more than Tencent Chat's limit of ${MSG_BODY_MAX_BYTES} bytes (8 KB; Tencent would refuse it with ${MSG_BODY_TOO_LONG_ERROR_CODE}): shorten it by ${bytes - MSG_BODY_MAX_BYTES} bytes or more`,
	};
}
