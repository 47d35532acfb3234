import type { IDataObject } from 'n8n-workflow';

import {
	CUSTOM_CONTENT,
	FACE_CONTENT,
	FILE_CONTENT,
	GET_MESSAGES,
	IMAGE_CONTENT,
	IMAGE_FORMAT,
	IMAGE_INFO_TYPE,
	LOCATION_CONTENT,
	MSG_ELEMENT,
	MSG_TYPE,
	SOUND_CONTENT,
	TEXT_CONTENT,
	VIDEO_CONTENT,
} from '../../tencent/contract';
import { msgTimeFields } from './msgTime';

const asObject = (value: unknown): IDataObject => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {});
const orNull = (value: unknown) => (value === undefined ? null : value);

const FORMAT_NAMES: Record<number, string> = Object.fromEntries(Object.entries(IMAGE_FORMAT).map(([name, value]) => [value, name]));

/** Each element type as readable fields; unknown types keep Tencent's content as it is. */
function decodeElement(element: unknown): IDataObject {
	const type = String(asObject(element)[MSG_ELEMENT.msgType] ?? '');
	const content = asObject(asObject(element)[MSG_ELEMENT.msgContent]);
	switch (type) {
		case MSG_TYPE.text:
			return { type: 'text', text: orNull(content[TEXT_CONTENT.text]) };
		case MSG_TYPE.custom:
			return {
				type: 'custom',
				data: orNull(content[CUSTOM_CONTENT.data]),
				desc: orNull(content[CUSTOM_CONTENT.desc]),
				ext: orNull(content[CUSTOM_CONTENT.ext]),
				sound: orNull(content[CUSTOM_CONTENT.sound]),
			};
		case MSG_TYPE.image: {
			const infos = Array.isArray(content[IMAGE_CONTENT.infoArray]) ? (content[IMAGE_CONTENT.infoArray] as unknown[]).map(asObject) : [];
			const original = infos.find((info) => info[IMAGE_CONTENT.type] === IMAGE_INFO_TYPE.original) ?? infos[0] ?? {};
			return {
				type: 'image',
				url: orNull(original[IMAGE_CONTENT.url]),
				width: orNull(original[IMAGE_CONTENT.width]),
				height: orNull(original[IMAGE_CONTENT.height]),
				size: orNull(original[IMAGE_CONTENT.size]),
				format: FORMAT_NAMES[Number(content[IMAGE_CONTENT.imageFormat])] ?? null,
				uuid: orNull(content[IMAGE_CONTENT.uuid]),
			};
		}
		case MSG_TYPE.face:
			return { type: 'face', index: orNull(content[FACE_CONTENT.index]), data: orNull(content[FACE_CONTENT.data]) };
		case MSG_TYPE.location:
			return {
				type: 'location',
				description: orNull(content[LOCATION_CONTENT.desc]),
				latitude: orNull(content[LOCATION_CONTENT.latitude]),
				longitude: orNull(content[LOCATION_CONTENT.longitude]),
			};
		case MSG_TYPE.sound:
			return { type: 'sound', url: orNull(content[SOUND_CONTENT.url]), size: orNull(content[SOUND_CONTENT.size]), seconds: orNull(content[SOUND_CONTENT.second]) };
		case MSG_TYPE.file:
			return { type: 'file', url: orNull(content[FILE_CONTENT.url]), fileName: orNull(content[FILE_CONTENT.fileName]), fileSize: orNull(content[FILE_CONTENT.fileSize]) };
		case MSG_TYPE.video:
			return {
				type: 'video',
				url: orNull(content[VIDEO_CONTENT.videoUrl]),
				size: orNull(content[VIDEO_CONTENT.videoSize]),
				seconds: orNull(content[VIDEO_CONTENT.videoSecond]),
				format: orNull(content[VIDEO_CONTENT.videoFormat]),
				thumbUrl: orNull(content[VIDEO_CONTENT.thumbUrl]),
				thumbWidth: orNull(content[VIDEO_CONTENT.thumbWidth]),
				thumbHeight: orNull(content[VIDEO_CONTENT.thumbHeight]),
			};
		default:
			return { type: type || 'unknown', content };
	}
}

/** One history entry of get_simple as an output item: the message's texts first, its elements after. */
export function decodeMessage(officialAccount: string, entry: IDataObject): IDataObject {
	const body = Array.isArray(entry[GET_MESSAGES.msgBody]) ? (entry[GET_MESSAGES.msgBody] as unknown[]) : [];
	const elements = body.map(decodeElement);
	const texts = elements.filter((element) => element.type === 'text').map((element) => String(element.text ?? ''));
	const place = Number(entry[GET_MESSAGES.isPlaceMsg] ?? 0);
	return {
		officialAccount,
		msgKey: orNull(entry[GET_MESSAGES.msgKey]),
		msgSeq: orNull(entry[GET_MESSAGES.msgSeq]),
		...msgTimeFields(entry[GET_MESSAGES.msgTimeStamp]),
		text: texts.length > 0 ? texts.join('\n') : null,
		recalled: place === GET_MESSAGES.placeRecalled,
		// Expired, not stored or deleted: Tencent keeps the entry but not its content.
		contentGone: place === GET_MESSAGES.placeExpired,
		elements,
	};
}
