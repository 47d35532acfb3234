import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { IMAGE_CONTENT, IMAGE_FORMAT, IMAGE_INFO_TYPE, MSG_ELEMENT, MSG_TYPE } from '../../tencent/contract';
import type { Built } from './messageElements';

export type ImageFormatChoice = keyof typeof IMAGE_FORMAT | 'auto';

export interface ImageInput {
	url: unknown;
	width: unknown;
	height: unknown;
	size: unknown;
	format: unknown;
	uuid: unknown;
}

const FORMAT_BY_EXTENSION: Record<string, number> = {
	jpg: IMAGE_FORMAT.jpg,
	jpeg: IMAGE_FORMAT.jpg,
	gif: IMAGE_FORMAT.gif,
	png: IMAGE_FORMAT.png,
	bmp: IMAGE_FORMAT.bmp,
};

function formatOf(choice: unknown, url: string): number {
	if (typeof choice === 'string' && choice in IMAGE_FORMAT) return IMAGE_FORMAT[choice as keyof typeof IMAGE_FORMAT];
	const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase() ?? '';
	return FORMAT_BY_EXTENSION[extension] ?? IMAGE_FORMAT.other;
}

function wholeNumber(label: string, value: unknown, min: number): Built<number> {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
		return { ok: false, reason: `${label} must be a whole number of at least ${min}, not ${JSON.stringify(value ?? null)}` };
	}
	return { ok: true, value: number };
}

/**
 * A TIMImageElem from a URL and its size. Tencent needs a globally unique UUID; without one we use the SHA-256
 * of the URL, so the same image always gets the same UUID. The one URL is given as original, large and
 * thumbnail alike, so every client finds the size it shows.
 */
export function buildImageElement(input: ImageInput): Built<IDataObject> {
	const url = typeof input.url === 'string' ? input.url.trim() : '';
	if (url === '') return { ok: false, reason: 'Image URL is empty' };
	if (!/^https?:\/\/\S+$/i.test(url)) return { ok: false, reason: `Image URL "${url}" is not an http(s) URL` };
	const width = wholeNumber('Image Width', input.width, 1);
	if (!width.ok) return width;
	const height = wholeNumber('Image Height', input.height, 1);
	if (!height.ok) return height;
	const size = input.size === undefined || input.size === '' || input.size === 0 ? undefined : wholeNumber('Image Size (Bytes)', input.size, 1);
	if (size && !size.ok) return size;
	const givenUuid = typeof input.uuid === 'string' ? input.uuid.trim() : '';
	const uuid = givenUuid !== '' ? givenUuid : createHash('sha256').update(url).digest('hex');
	const info = (type: number): IDataObject => ({
		[IMAGE_CONTENT.type]: type,
		...(size ? { [IMAGE_CONTENT.size]: size.value } : {}),
		[IMAGE_CONTENT.width]: width.value,
		[IMAGE_CONTENT.height]: height.value,
		[IMAGE_CONTENT.url]: url,
	});
	return {
		ok: true,
		value: {
			[MSG_ELEMENT.msgType]: MSG_TYPE.image,
			[MSG_ELEMENT.msgContent]: {
				[IMAGE_CONTENT.uuid]: uuid,
				[IMAGE_CONTENT.imageFormat]: formatOf(input.format, url),
				[IMAGE_CONTENT.infoArray]: [info(IMAGE_INFO_TYPE.original), info(IMAGE_INFO_TYPE.large), info(IMAGE_INFO_TYPE.thumbnail)],
			},
		},
	};
}
