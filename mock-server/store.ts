/**
 * The mock's whole state: one plain, JSON-serialisable object, so the browser can persist it
 * (`localStorage['tfa-mock-state']`, demo only) and a test can start from a prepared state.
 * Times are milliseconds on the mock clock unless a field says otherwise.
 */
import type { MethodKind, MethodProduct, MethodSummary, PushStatus } from '../src/internal/contract.js';
import { randomId, randomToken } from './crypto.js';

export const STATE_VERSION = 1;

export interface PasswordHash { salt: string; hash: string; iterations: number }

export interface MethodRecord {
  id: string;
  kind: MethodKind;
  product: MethodProduct;
  createdAt: number;
  /** Email address or E.164 mobile number (email and sms). */
  target?: string;
  /** TOTP secret, base32. */
  secret?: string;
  /** TOTP time step last accepted (replay protection). */
  lastTotpStep?: number;
}

/** One code sent by email or SMS (sign-in, recovery, mobile change). */
export interface CodeRecord {
  /** Null when nothing was sent (identifier-first with an unknown username). */
  code: string | null;
  channel: 'email' | 'sms';
  to: string;
  expiresAt: number;
  resendAvailableAt: number;
}

export interface PendingMobileRecord {
  mobile: string;
  challenge: CodeRecord;
  wrongCodes: number;
}

export interface UserRecord {
  username: string;
  displayName: string;
  email: string;
  /** E.164, e.g. `+4520123456`. */
  mobile?: string;
  password: PasswordHash;
  /** Primary first. */
  methods: MethodRecord[];
  pendingMobile?: PendingMobileRecord;
}

export type StepRecord =
  | { name: 'verify-code'; method: MethodSummary; purpose: 'signin' | 'recovery'; challenge: CodeRecord }
  | { name: 'verify-totp'; methodId: string }
  | { name: 'push'; methodId: string; pushId: string }
  | { name: 'recovery-confirm' };

export interface TransactionRecord {
  token: string;
  /** How it started: password, identifier-first, or step-up of a session. */
  kind: 'password' | 'identify' | 'step-up';
  /** Null for an identifier-first transaction of an unknown username. */
  username: string | null;
  /** Step-up only: the session it refreshes. */
  sessionToken?: string;
  createdAt: number;
  expiresAt: number;
  firstFactorPassed: boolean;
  step: StepRecord;
  /** Wrong codes so far (all steps, resends included). */
  wrongCodes: number;
  /** Push requests created so far. */
  pushCount: number;
  /** `channel:address` → earliest time another code may go there (one code per address per cooldown). */
  sendCooldowns: Record<string, number>;
}

export interface PushRecord {
  id: string;
  username: string;
  methodId: string;
  product: MethodProduct;
  transactionToken: string;
  /** `cancelled` when replaced ("Retry mobile", Change Device) or the transaction closed. */
  status: PushStatus | 'cancelled';
  number?: number;
  choices?: number[];
  createdAt: number;
  expiresAt: number;
}

export interface SessionRecord {
  token: string;
  username: string;
  createdAt: number;
  expiresAt: number;
  authenticatedAt: number;
}

export interface EnrollmentRecord {
  id: string;
  username: string;
  product: 'google-authenticator' | 'microsoft-authenticator' | 'pingid' | 'entrust-soft-token';
  status: 'pending' | 'active' | 'cancelled' | 'expired';
  createdAt: number;
  expiresAt: number;
  qrUri: string;
  secret?: string;
  activationPassword?: string;
  methodId?: string;
  wrongCodes: number;
}

export interface OutboxItem {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  code?: string;
  text: string;
  /** ISO 8601 */
  sentAt: string;
}

export interface MockState {
  version: typeof STATE_VERSION;
  /** Key of the HMAC that derives fake masked addresses for unknown usernames. */
  serverSecret: string;
  clockOffsetMs: number;
  users: UserRecord[];
  transactions: TransactionRecord[];
  sessions: SessionRecord[];
  pushes: PushRecord[];
  enrollments: EnrollmentRecord[];
  outbox: OutboxItem[];
  /** `u:<lower-cased username>` → times of failed passwords (known and unknown names alike; see `lockout.ts`). */
  failures: Record<string, number[]>;
}

export const PBKDF2_ITERATIONS = 20_000;

/** Hash compared against when the username is unknown, so both paths cost the same. */
export const DUMMY_PASSWORD: PasswordHash = {
  salt: '8098e2469224f9c99bf1b62fae548499',
  hash: '133c96893def5039e3426958e516de6e2202b96c7446615c6f7cc714168c28ee',
  iterations: PBKDF2_ITERATIONS,
};

/** PBKDF2-SHA-256 of `demo1234` with each user's own salt. */
const DEMO_PASSWORDS: Record<string, [salt: string, hash: string]> = {
  anna: ['bd06f6f078c5e689305e2e08d009356c', 'f51efa09b0898e8782c3433053fa6dc1f29cf9ef974ad24878f87bf6f12385d1'],
  bo: ['73f756c788d2b9e23783be13c45ee13b', 'd11476d068dfe89248f8249f246c5076fc7bbc6458f2e12067b4ec9f4070177d'],
  carl: ['eeca57296a8353827e616dbc2c339763', '34e0be590d3a2b56a6c20b0bdf3d85615efed3ac146cd91a802b0e5b93f98ce0'],
  dorte: ['cf221f3f0f9cf41d94efeaae481e5e43', '2a8868f9f2f800933733b33c372509f3a748a5d8cd3220ffc3e1644ebbaa7f20'],
  erik: ['ec8b91d070c3971f115946b876c8248f', 'b0c68450cd9c7fb9f6d282f48667b761a329b6dd9aafb609eefd303b606ece12'],
};

/** The public demo TOTP secret of carl (also in FLOWS.md). */
export const CARL_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

type SeedMethod = Omit<MethodRecord, 'id' | 'createdAt'>;

function seedUser(username: string, displayName: string, mobile: string | undefined, methods: SeedMethod[], now: number): UserRecord {
  const [salt, hash] = DEMO_PASSWORDS[username]!;
  const email = `${username}@example.dk`;
  return {
    username,
    displayName,
    email,
    ...(mobile && { mobile }),
    password: { salt, hash, iterations: PBKDF2_ITERATIONS },
    methods: [...methods, { kind: 'email' as const, product: 'email' as const, target: email }].map((m) => ({
      ...m,
      id: randomId('m'),
      createdAt: now,
    })),
  };
}

/** The demo users of FLOWS.md (password `demo1234`), primary method first. */
export function seedUsers(now: number): UserRecord[] {
  return [
    seedUser('anna', 'Anna Andersen', undefined, [], now),
    seedUser('bo', 'Bo Bertelsen', '+4520123456', [{ kind: 'sms', product: 'sms', target: '+4520123456' }], now),
    seedUser('carl', 'Carl Christensen', undefined, [{ kind: 'totp', product: 'google-authenticator', secret: CARL_TOTP_SECRET }], now),
    seedUser('dorte', 'Dorte Damgaard', undefined, [{ kind: 'push', product: 'pingid' }], now),
    seedUser('erik', 'Erik Eriksen', '+4531234567', [
      { kind: 'push', product: 'entrust-soft-token' },
      { kind: 'sms', product: 'sms', target: '+4531234567' },
    ], now),
  ];
}

export function initialState(now: number, serverSecret: string = randomToken()): MockState {
  return {
    version: STATE_VERSION,
    serverSecret,
    clockOffsetMs: 0,
    users: seedUsers(now),
    transactions: [],
    sessions: [],
    pushes: [],
    enrollments: [],
    outbox: [],
    failures: {},
  };
}

/** A loose check that a persisted value is a state of this version (else the caller re-seeds). */
export function isMockState(value: unknown): value is MockState {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<MockState>;
  return (
    s.version === STATE_VERSION &&
    typeof s.serverSecret === 'string' &&
    typeof s.clockOffsetMs === 'number' &&
    [s.users, s.transactions, s.sessions, s.pushes, s.enrollments, s.outbox].every(Array.isArray) &&
    typeof s.failures === 'object' && s.failures !== null
  );
}
