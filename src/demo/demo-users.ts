import type { MethodProduct } from '../internal/contract.js';

/** The mock's seed users (docs: README "Demo users"); all have the password below. */
export const DEMO_PASSWORD = 'demo1234';

export interface DemoUser {
  username: string;
  /** Methods, primary first. */
  methods: MethodProduct[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'anna', methods: ['email'] },
  { username: 'bo', methods: ['sms', 'email'] },
  { username: 'carl', methods: ['google-authenticator', 'email'] },
  { username: 'dorte', methods: ['pingid', 'email'] },
  { username: 'erik', methods: ['entrust-soft-token', 'sms', 'email'] },
];
