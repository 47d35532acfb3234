// MsgBody checks (doc section 3): known element types only, at most one TIMCustomElem, the fields REST senders must
// fill (image: UUID, and URL/Width/Height per ImageInfoArray entry). Wrong JSON types and missing fields are 20001,
// unknown types or values 6017.
import { isRecord } from './context';
import { INVALID_VALUE_ERROR, MALFORMED_PACKET_ERROR, UNKNOWN_FIELD_ERROR, reject } from './validate';

type FieldKind = 'string' | 'integer' | 'number';

interface ContentSpec {
  required: Record<string, FieldKind>;
  optional: Record<string, FieldKind>;
}

const CONTENT_SPECS: Record<string, ContentSpec> = {
  TIMTextElem: { required: { Text: 'string' }, optional: {} },
  TIMCustomElem: { required: {}, optional: { Data: 'string', Desc: 'string', Ext: 'string', Sound: 'string' } },
  TIMFaceElem: { required: { Index: 'integer' }, optional: { Data: 'string' } },
  TIMLocationElem: { required: { Desc: 'string', Latitude: 'number', Longitude: 'number' }, optional: {} },
  // ImageInfoArray is checked on its own below.
  TIMImageElem: { required: { UUID: 'string' }, optional: { ImageFormat: 'integer' } },
  TIMSoundElem: { required: { Url: 'string' }, optional: { UUID: 'string', Size: 'integer', Second: 'integer', Download_Flag: 'integer' } },
  TIMFileElem: { required: { Url: 'string' }, optional: { UUID: 'string', FileSize: 'integer', FileName: 'string', Download_Flag: 'integer' } },
  TIMVideoFileElem: {
    required: { VideoUrl: 'string', ThumbUrl: 'string' },
    optional: {
      VideoUUID: 'string',
      VideoSize: 'integer',
      VideoSecond: 'integer',
      VideoFormat: 'string',
      VideoDownloadFlag: 'integer',
      ThumbUUID: 'string',
      ThumbSize: 'integer',
      ThumbWidth: 'integer',
      ThumbHeight: 'integer',
      ThumbFormat: 'string',
      ThumbDownloadFlag: 'integer',
    },
  },
};
export const MSG_TYPES = Object.keys(CONTENT_SPECS);
/** ImageFormat: JPG 1, GIF 2, PNG 3, BMP 4, other 255. */
const IMAGE_FORMATS = [1, 2, 3, 4, 255];
/** ImageInfoArray Type: 1 original, 2 large, 3 thumbnail. */
const IMAGE_INFO_TYPES = [1, 2, 3];
const IMAGE_INFO_SPEC: ContentSpec = { required: { Type: 'integer', URL: 'string', Width: 'integer', Height: 'integer' }, optional: { Size: 'integer' } };

function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'integer') return typeof value === 'number' && Number.isInteger(value);
  return typeof value === 'number' && Number.isFinite(value);
}

function checkObject(value: unknown, spec: ContentSpec, where: string, extraKeys: string[] = []): Record<string, unknown> {
  if (!isRecord(value)) reject(MALFORMED_PACKET_ERROR, `${where} must be an object.`);
  const allowed = [...Object.keys(spec.required), ...Object.keys(spec.optional), ...extraKeys];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) reject(UNKNOWN_FIELD_ERROR, `${where} has an unknown field ${JSON.stringify(key)}; allowed: ${allowed.join(', ')}.`);
  }
  for (const key of Object.keys(spec.required)) {
    if (value[key] === undefined) reject(MALFORMED_PACKET_ERROR, `${where}.${key} is required.`);
  }
  for (const [key, kind] of [...Object.entries(spec.required), ...Object.entries(spec.optional)]) {
    if (value[key] !== undefined && !hasKind(value[key], kind)) reject(MALFORMED_PACKET_ERROR, `${where}.${key} must be a ${kind}.`);
  }
  return value;
}

function checkImage(content: Record<string, unknown>, where: string): void {
  if (content.UUID === '') reject(INVALID_VALUE_ERROR, `${where}.UUID must not be empty.`);
  if (content.ImageFormat !== undefined && !IMAGE_FORMATS.includes(content.ImageFormat as number)) {
    reject(INVALID_VALUE_ERROR, `${where}.ImageFormat must be one of ${IMAGE_FORMATS.join(', ')}.`);
  }
  const infos = content.ImageInfoArray;
  if (infos === undefined) reject(MALFORMED_PACKET_ERROR, `${where}.ImageInfoArray is required.`);
  if (!Array.isArray(infos)) reject(MALFORMED_PACKET_ERROR, `${where}.ImageInfoArray must be an array.`);
  if (infos.length === 0) reject(INVALID_VALUE_ERROR, `${where}.ImageInfoArray is empty.`);
  infos.forEach((info, index) => {
    const entry = checkObject(info, IMAGE_INFO_SPEC, `${where}.ImageInfoArray[${index}]`);
    if (!IMAGE_INFO_TYPES.includes(entry.Type as number)) reject(INVALID_VALUE_ERROR, `${where}.ImageInfoArray[${index}].Type must be 1, 2 or 3.`);
    if (entry.URL === '') reject(INVALID_VALUE_ERROR, `${where}.ImageInfoArray[${index}].URL must not be empty.`);
  });
}

/** The MsgBody array, checked; throws RequestRejected otherwise. */
export function checkMsgBody(value: unknown, field = 'MsgBody'): unknown[] {
  if (value === undefined) reject(MALFORMED_PACKET_ERROR, `${field} is required.`);
  if (!Array.isArray(value)) reject(MALFORMED_PACKET_ERROR, `${field} must be an array of message elements.`);
  if (value.length === 0) reject(INVALID_VALUE_ERROR, `${field} is empty.`);
  let customElements = 0;
  value.forEach((element, index) => {
    const where = `${field}[${index}]`;
    if (!isRecord(element)) reject(MALFORMED_PACKET_ERROR, `${where} must be an object.`);
    for (const key of Object.keys(element)) {
      if (key !== 'MsgType' && key !== 'MsgContent') reject(UNKNOWN_FIELD_ERROR, `${where} has an unknown field ${JSON.stringify(key)}.`);
    }
    if (typeof element.MsgType !== 'string') reject(MALFORMED_PACKET_ERROR, `${where}.MsgType must be a string.`);
    const spec = CONTENT_SPECS[element.MsgType];
    if (!spec) reject(INVALID_VALUE_ERROR, `${where}.MsgType ${JSON.stringify(element.MsgType)} is not one of ${MSG_TYPES.join(', ')}.`);
    const isImage = element.MsgType === 'TIMImageElem';
    const content = checkObject(element.MsgContent, spec, `${where}.MsgContent`, isImage ? ['ImageInfoArray'] : []);
    if (isImage) checkImage(content, `${where}.MsgContent`);
    if (element.MsgType === 'TIMCustomElem') customElements++;
  });
  if (customElements > 1) reject(INVALID_VALUE_ERROR, `${field} holds ${customElements} TIMCustomElem elements; at most 1 is allowed per message.`);
  return value;
}
