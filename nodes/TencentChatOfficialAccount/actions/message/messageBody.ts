import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameterReader } from '../../engine/itemParameters';
import { CUSTOM_CONTENT, IMAGE_FORMAT, MSG_ELEMENT, MSG_TYPE, TEXT_CONTENT } from '../../tencent/contract';
import { buildImageElement } from './imageElement';
import { checkMessageElements, parseMessageElements, type Built } from './messageElements';
import { checkMsgBodySize } from './msgBodySize';

const show = (messageType: string) => ({ displayOptions: { show: { messageType: [messageType] } } });

/** The Message part of Send: a type, then that type's fields. */
export const messageBodyProperties: INodeProperties[] = [
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Text', value: 'text', description: 'A plain text message' },
			{ name: 'Custom', value: 'custom', description: 'Custom data your app interprets, with a push text' },
			{ name: 'Image', value: 'image', description: 'An image by URL' },
			{ name: 'Elements (JSON)', value: 'elements', description: 'Any message elements as Tencent Chat MsgBody JSON' },
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The text every subscriber receives',
		...show('text'),
	},
	{ displayName: 'Data', name: 'customData', type: 'string', default: '', description: 'The custom payload (not shown to users; not in the iOS push)', ...show('custom') },
	{ displayName: 'Desc', name: 'customDesc', type: 'string', default: '', description: 'The text of the offline push notification', ...show('custom') },
	{ displayName: 'Ext', name: 'customExt', type: 'string', default: '', description: 'Extra data, delivered as Ext in the iOS push', ...show('custom') },
	{ displayName: 'Sound', name: 'customSound', type: 'string', default: '', description: 'Sound file name of the iOS push', ...show('custom') },
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/digest.png',
		...show('image'),
	},
	{ displayName: 'Image Width', name: 'imageWidth', type: 'number', required: true, typeOptions: { minValue: 1 }, default: 0, description: 'Width in pixels', ...show('image') },
	{ displayName: 'Image Height', name: 'imageHeight', type: 'number', required: true, typeOptions: { minValue: 1 }, default: 0, description: 'Height in pixels', ...show('image') },
	{ displayName: 'Image Size (Bytes)', name: 'imageSize', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'File size in bytes; 0 = not given', ...show('image') },
	{
		displayName: 'Image Format',
		name: 'imageFormat',
		type: 'options',
		options: [
			{ name: 'From the URL', value: 'auto', description: 'From the file extension (.jpg, .gif, .png, .bmp), else Other' },
			...Object.keys(IMAGE_FORMAT).map((format) => ({ name: format.toUpperCase().replace('OTHER', 'Other'), value: format })),
		],
		default: 'auto',
		...show('image'),
	},
	{
		displayName: 'Image UUID',
		name: 'imageUuid',
		type: 'string',
		default: '',
		description: 'A globally unique ID of the image; empty = the SHA-256 of the URL',
		...show('image'),
	},
	{
		displayName: 'Elements (JSON)',
		name: 'elements',
		type: 'json',
		required: true,
		default: '[{"MsgType": "TIMTextElem", "MsgContent": {"Text": "Hello"}}]',
		description:
			'The MsgBody: a list of elements {"MsgType", "MsgContent"} (TIMTextElem, TIMCustomElem, TIMImageElem, TIMFaceElem, TIMLocationElem, ...); at most one TIMCustomElem',
		...show('elements'),
	},
];

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/** One item's MsgBody, built from its message parameters and checked (elements, then size) before anything is sent. */
export function readMessageBody(reader: ItemParameterReader, itemIndex: number): Built<IDataObject[]> & { field?: string } {
	const built = buildMessageBody(reader, itemIndex);
	if (!built.ok) return built;
	const sized = checkMsgBodySize(built.value);
	return sized.ok ? sized : { ...sized, field: 'Message' };
}

function buildMessageBody(reader: ItemParameterReader, itemIndex: number): Built<IDataObject[]> & { field?: string } {
	const type = reader.read('messageType', itemIndex);
	if (type === 'text') {
		const value = text(reader.read('text', itemIndex));
		if (value.trim() === '') return { ok: false, field: 'Text', reason: 'Text is empty' };
		return checkMessageElements([{ [MSG_ELEMENT.msgType]: MSG_TYPE.text, [MSG_ELEMENT.msgContent]: { [TEXT_CONTENT.text]: value } }]);
	}
	if (type === 'custom') {
		const content: IDataObject = {};
		const fields = { [CUSTOM_CONTENT.data]: 'customData', [CUSTOM_CONTENT.desc]: 'customDesc', [CUSTOM_CONTENT.ext]: 'customExt', [CUSTOM_CONTENT.sound]: 'customSound' };
		for (const [field, parameter] of Object.entries(fields)) {
			const value = text(reader.read(parameter, itemIndex));
			if (value !== '') content[field] = value;
		}
		if (!content[CUSTOM_CONTENT.data] && !content[CUSTOM_CONTENT.desc] && !content[CUSTOM_CONTENT.ext]) {
			return { ok: false, field: 'Data', reason: 'The custom message is empty: Data, Desc and Ext are all empty' };
		}
		return checkMessageElements([{ [MSG_ELEMENT.msgType]: MSG_TYPE.custom, [MSG_ELEMENT.msgContent]: content }]);
	}
	if (type === 'image') {
		const image = buildImageElement({
			url: reader.read('imageUrl', itemIndex),
			width: reader.read('imageWidth', itemIndex),
			height: reader.read('imageHeight', itemIndex),
			size: reader.read('imageSize', itemIndex),
			format: reader.read('imageFormat', itemIndex),
			uuid: reader.read('imageUuid', itemIndex),
		});
		return image.ok ? checkMessageElements([image.value]) : { ...image, field: 'Image' };
	}
	if (type === 'elements') {
		const parsed = parseMessageElements(reader.read('elements', itemIndex));
		return parsed.ok ? parsed : { ...parsed, field: 'Elements (JSON)' };
	}
	return { ok: false, field: 'Message Type', reason: `Message Type "${String(type)}" is not one of Text, Custom, Image, Elements (JSON)` };
}
