import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { getAuthSecret, getTotpSealing, getTwoFactorRequirement } from './secret';
import { verifySignInCode } from './citizen-sign-in';
import { completeStaffSignIn } from './staff-sign-in';
import { completeQrSignIn } from './qr-sign-in';
import { clientAddressFrom } from '@/lib/http/client-address';
import { requestLocale } from '@/lib/i18n/localize';
import { readableText } from '@/lib/i18n/problem';

import { loadActor, type SessionIdentity } from './actor';
import { endCitizenSession } from './citizen-session';
import { endStaffSession } from './staff-session';
import { usesSecureCookies } from './session-cookie';

declare module 'next-auth' {
  interface User {
    identity: SessionIdentity;
  }
  interface Session {
    identity: SessionIdentity;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    identity?: SessionIdentity;
  }
}

/**
 * A refusal's message reference in the reader's language: NextAuth hands the thrown error's text to the
 * sign-in form as it is, and the browser has no `problems` messages to translate it with.
 */
async function refusalText(message: string): Promise<string> {
  return readableText(message, await requestLocale());
}

// The token carries only who it is; role, districts and status are re-read from the
// database on every request (lib/auth/session.ts), so a disabled account stops at once. These options
// serve /api/auth (sign-in, sign-out, what the browser's useSession reads); the server reads the
// session cookie itself (lib/auth/session-cookie.ts).
export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  // The same rule the server's own read of the cookie names it by (lib/auth/session-cookie.ts).
  useSecureCookies: usesSecureCookies(),
  // The token may live as long as the longest server session; the server session decides (session-policy.ts).
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      id: 'citizen',
      name: 'e-ID one-time code',
      credentials: { challengeId: { type: 'text' }, code: { type: 'text' } },
      async authorize(credentials, request) {
        const result = await verifySignInCode(await getDb(), credentials ?? {}, getAuthSecret(), new Date(), clientAddressFrom(request?.headers));
        // The message (wrong code with attempts left, or the wait) reaches the sign-in form as the error.
        if (result.status !== 'ok') throw new Error(await refusalText(result.message));
        return {
          id: result.data.accountId,
          name: result.data.name,
          identity: { kind: 'citizen', accountId: result.data.accountId, sessionId: result.data.sessionId },
        };
      },
    }),
    CredentialsProvider({
      id: 'qr',
      name: 'Wallet confirmation',
      credentials: { requestId: { type: 'text' }, pollSecret: { type: 'text' } },
      async authorize(credentials) {
        const result = await completeQrSignIn(await getDb(), credentials?.requestId, credentials?.pollSecret);
        if (result.status !== 'ok') return null;
        return { id: result.data.accountId, identity: { kind: 'citizen', accountId: result.data.accountId, sessionId: result.data.sessionId } };
      },
    }),
    CredentialsProvider({
      // The second step of staff sign-in: the attempt the password step made (app/(public)/staff/sign-in
      // actions), with the authenticator or recovery code. The password itself never comes here.
      id: 'staff',
      name: 'Staff second step',
      credentials: { attempt: { type: 'text' }, code: { type: 'text' } },
      async authorize(credentials) {
        const result = await completeStaffSignIn(await getDb(), credentials ?? {}, getTotpSealing(), getTwoFactorRequirement(), new Date());
        // The message (wrong code, timed out, or the wait) reaches the form as the error.
        if (result.status !== 'ok') throw new Error(await refusalText(result.message));
        return { id: result.data.staffId, identity: { kind: 'staff', staffId: result.data.staffId, sessionId: result.data.sessionId } };
      },
    }),
  ],
  events: {
    // Signing out ends the server-side session too, so a copied cookie is worthless afterwards.
    async signOut({ token }) {
      const identity = token?.identity;
      if (identity?.kind === 'citizen') await endCitizenSession(await getDb(), identity.sessionId);
      if (identity?.kind === 'staff' && identity.sessionId) await endStaffSession(await getDb(), identity.sessionId);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) token.identity = user.identity;
      return token;
    },
    // What /api/auth/session (and useSession) answers: nothing at all once the server session has
    // ended, idled out or expired, whatever the still-signed JWT says — not the ids it names.
    async session({ session, token }) {
      if (!token.identity) return session;
      const actor = await loadActor(await getDb(), token.identity, new Date(), { allowSecondFactorPending: true });
      if (!actor) return {} as typeof session;
      session.identity = token.identity;
      return session;
    },
  },
};
