import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameterReader } from '../../engine/itemParameters';
import { CUSTOM_CONTENT, IMAGE_FORMAT, MSG_ELEMENT, MSG_TYPE, TEXT_CONTENT } from '../../tencent/contract';
import { FROM_VERSION_2, VERSION_1 } from '../shared/versionedDefaults';
import { buildImageElement } from './imageElement';
import { checkMessageElements, parseMessageElements, type Built } from './messageElements';
import { checkMsgBodySize } from './msgBodySize';

const show = (messageType: string) => ({ displayOptions: { show: { messageType: [messageType] } } });

/** A saved version-1 node that left the size at 0 was refused before sending; it stays so (0 is below the minimum). */
const IMAGE_SIZE_DEFAULT = { version1: 0, fromVersion2: 1 };

/** Image Width or Height: its default is 1 from node version 2 on, within the minimum of 1 that Tencent needs. */
function imageSizeProperty(name: string, displayName: string, description: string): INodeProperties[] {
	const property = (defaultValue: number, version: typeof VERSION_1): INodeProperties => ({
		displayName,
		name,
		type: 'number',
		required: true,
		typeOptions: { minValue: 1 },
		default: defaultValue,
		description,
		displayOptions: { show: { messageType: ['image'], '@version': version } },
	});
	return [property(IMAGE_SIZE_DEFAULT.version1, VERSION_1), property(IMAGE_SIZE_DEFAULT.fromVersion2, FROM_VERSION_2)];
}

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
	{ displayName: 'Data', name: 'customData', type: 'string', default: '', description: "The custom payload your app reads; not shown to users and not in the iOS push (Tencent's Data)", ...show('custom') },
	{ displayName: 'Description', name: 'customDesc', type: 'string', default: '', description: "A short text about the data; offline iOS subscribers get it as the push text (Tencent's Desc)", ...show('custom') },
	{ displayName: 'Push Extra Data', name: 'customExt', type: 'string', default: '', description: "Extra data carried in the iOS push for your app (Tencent's Ext)", ...show('custom') },
	{ displayName: 'Push Sound', name: 'customSound', type: 'string', default: '', description: "Sound file name of the iOS push (Tencent's Sound)", ...show('custom') },
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/digest.png',
		...show('image'),
	},
	...imageSizeProperty('imageWidth', 'Image Width', "Width of the image in pixels; clients lay it out with this before it loads (Tencent's Width)"),
	...imageSizeProperty('imageHeight', 'Image Height', "Height of the image in pixels (Tencent's Height)"),
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
			return { ok: false, field: 'Data', reason: 'The custom message is empty: Data, Description and Push Extra Data are all empty' };
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
