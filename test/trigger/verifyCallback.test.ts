import { callbackSign, REJECTION_REASONS, verifyCallback, type VerifyCallbackInput } from '../../nodes/TencentChatOfficialAccountTrigger/verifyCallback';

// Tencent's published example (cloud.tencent.com/document/product/269/32431).
const TOKEN = 'xxxxyyyy';
const REQUEST_TIME = '1669872112';
const SIGN = '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061';
const APP = 1400000001;

function input(overrides: Partial<VerifyCallbackInput> = {}, query: Record<string, unknown> = {}): VerifyCallbackInput {
  return {
    query: { SdkAppid: String(APP), CallbackCommand: 'OfficialAccount.CallbackAfterDeleteSubscriber', RequestTime: REQUEST_TIME, Sign: SIGN, ...query },
    sdkAppId: APP,
    token: TOKEN,
    verifySignature: true,
    nowSeconds: Number(REQUEST_TIME),
    ...overrides,
  };
}

describe('callbackSign', () => {
  it("reproduces Tencent's published vector", () => {
    expect(callbackSign(TOKEN, REQUEST_TIME)).toBe(SIGN);
  });
});

describe('verifyCallback', () => {
  it('accepts the published vector at its own time', () => {
    expect(verifyCallback(input())).toBeUndefined();
  });

  it.each([
    [-60, undefined],
    [60, undefined],
    [-61, 'staleRequestTime'],
    [61, 'staleRequestTime'],
  ])('clock %i s away from RequestTime -> %s', (offset, expected) => {
    expect(verifyCallback(input({ nowSeconds: Number(REQUEST_TIME) + offset }))).toBe(expected);
  });

  it('rejects a Sign of the wrong length (a truncated digest)', () => {
    expect(verifyCallback(input({}, { Sign: SIGN.slice(0, 63) }))).toBe('badSign');
    expect(verifyCallback(input({}, { Sign: `${SIGN}0` }))).toBe('badSign');
  });

  it('rejects an upper-case Sign: Tencent sends lower-case hex', () => {
    expect(verifyCallback(input({}, { Sign: SIGN.toUpperCase() }))).toBe('badSign');
  });

  it('rejects a Sign made with another token', () => {
    expect(verifyCallback(input({}, { Sign: callbackSign('another', REQUEST_TIME) }))).toBe('badSign');
  });

  it('rejects a missing Sign', () => {
    expect(verifyCallback(input({}, { Sign: undefined }))).toBe('missingSign');
  });

  it.each(['', '16698721l2', '-1669872112', '1669872112.0', ' 1669872112', '0x63886330'])('rejects the non-digit RequestTime %j', (time) => {
    expect(verifyCallback(input({}, { RequestTime: time }))).toBe('badRequestTime');
  });

  it('rejects a repeated RequestTime (n8n parses it to an array)', () => {
    expect(verifyCallback(input({}, { RequestTime: [REQUEST_TIME, REQUEST_TIME] }))).toBe('badRequestTime');
  });

  it("rejects another app's callback, before any other check", () => {
    expect(verifyCallback(input({}, { SdkAppid: '1400000002' }))).toBe('appMismatch');
    expect(verifyCallback(input({ nowSeconds: 0 }, { SdkAppid: undefined, Sign: 'x' }))).toBe('appMismatch');
  });

  it('checks the time before the Sign', () => {
    expect(verifyCallback(input({ nowSeconds: 0 }, { Sign: 'wrong' }))).toBe('staleRequestTime');
  });

  it('rejects every call when the token is empty, even one signed with the empty token', () => {
    expect(verifyCallback(input({ token: '' }, { Sign: callbackSign('', REQUEST_TIME) }))).toBe('noToken');
  });

  it('with Verify Signature off, checks only the app', () => {
    const off = { verifySignature: false, token: '' };
    expect(verifyCallback(input(off, { Sign: undefined, RequestTime: undefined }))).toBeUndefined();
    expect(verifyCallback(input(off, { SdkAppid: '1' }))).toBe('appMismatch');
  });

  it('never names the token or the Sign in its reasons', () => {
    for (const reason of Object.values(REJECTION_REASONS)) {
      expect(reason).not.toContain(TOKEN);
      expect(reason).not.toContain(SIGN);
    }
  });
});
