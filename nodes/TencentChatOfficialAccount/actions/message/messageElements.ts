import type { IDataObject } from 'n8n-workflow';

import { describeType } from '../../helpers/identifiers';
import { IMAGE_CONTENT, IMAGE_INFO_REQUIRED, MSG_CONTENT_REQUIRED, MSG_ELEMENT, MSG_TYPE } from '../../tencent/contract';

export type Built<T> = { ok: true; value: T } | { ok: false; reason: string };

const KNOWN_TYPES: readonly string[] = Object.values(MSG_TYPE);

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The image's ImageInfoArray entries, each with the fields REST senders must fill. */
function checkImageInfos(infos: unknown, where: string): string | undefined {
	if (!Array.isArray(infos) || infos.length === 0) return `${where}.${IMAGE_CONTENT.infoArray} must be a non-empty list of image sizes`;
	for (const [index, info] of infos.entries()) {
		if (!isObject(info)) return `${where}.${IMAGE_CONTENT.infoArray}[${index}] must be an object`;
		const missing = IMAGE_INFO_REQUIRED.filter((field) => info[field] === undefined || info[field] === '');
		if (missing.length > 0) return `${where}.${IMAGE_CONTENT.infoArray}[${index}] lacks ${missing.join(', ')}`;
	}
	return undefined;
}

/**
 * Checks a message body against Tencent's rules (doc section 3) before anything is sent: a non-empty list of
 * { MsgType, MsgContent } with known types, the fields each type needs, and at most one custom element.
 */
export function checkMessageElements(elements: unknown[]): Built<IDataObject[]> {
	if (elements.length === 0) return { ok: false, reason: 'The message has no elements' };
	let customElements = 0;
	for (const [index, element] of elements.entries()) {
		const where = `Element ${index + 1}`;
		if (!isObject(element)) return { ok: false, reason: `${where} must be an object like {"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}, not ${describeType(element)}` };
		const extra = Object.keys(element).filter((key) => key !== MSG_ELEMENT.msgType && key !== MSG_ELEMENT.msgContent);
		if (extra.length > 0) return { ok: false, reason: `${where} has fields other than ${MSG_ELEMENT.msgType} and ${MSG_ELEMENT.msgContent}: ${extra.join(', ')}` };
		const type = element[MSG_ELEMENT.msgType];
		if (typeof type !== 'string' || !KNOWN_TYPES.includes(type)) {
			return { ok: false, reason: `${where} has ${MSG_ELEMENT.msgType} ${JSON.stringify(type ?? null)}; Tencent Chat knows ${KNOWN_TYPES.join(', ')}` };
		}
		const content = element[MSG_ELEMENT.msgContent];
		if (!isObject(content)) return { ok: false, reason: `${where} (${type}) needs ${MSG_ELEMENT.msgContent} as an object` };
		const missing = (MSG_CONTENT_REQUIRED[type] ?? []).filter((field) => content[field] === undefined || content[field] === '');
		if (missing.length > 0) return { ok: false, reason: `${where} (${type}) lacks ${missing.join(', ')} in ${MSG_ELEMENT.msgContent}` };
		if (type === MSG_TYPE.image) {
			const problem = checkImageInfos(content[IMAGE_CONTENT.infoArray], `${where} (${type})`);
			if (problem) return { ok: false, reason: problem };
		}
		if (type === MSG_TYPE.custom) customElements++;
	}
	if (customElements > MSG_ELEMENT.maxCustomElements) {
		return { ok: false, reason: `The message has ${customElements} ${MSG_TYPE.custom} elements; Tencent Chat allows at most ${MSG_ELEMENT.maxCustomElements} per message` };
	}
	return { ok: true, value: elements as IDataObject[] };
}

/** Elements (JSON): a JSON text or a value from an expression; one element or a list of them. */
export function parseMessageElements(raw: unknown): Built<IDataObject[]> {
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return { ok: false, reason: 'Elements (JSON) is empty' };
		try {
			value = JSON.parse(raw) as unknown;
		} catch (error) {
			return { ok: false, reason: `Elements (JSON) is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
		}
	}
	if (isObject(value)) value = [value];
	if (!Array.isArray(value)) return { ok: false, reason: `Elements (JSON) must be a list of message elements, not ${describeType(value)}` };
	return checkMessageElements(value);
}
