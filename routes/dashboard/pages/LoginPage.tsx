import { Layout } from "../components/Layout.tsx";
import { Notice } from "../components/Notice.tsx";
import type { LoginReason } from "../session.ts";

/** Props of {@linkcode LoginPage}. */
export interface LoginPageProps {
  /** Where to go after signing in. */
  next: string;
  reason?: LoginReason;
  error?: string;
  username?: string;
}

const REASONS: Record<LoginReason, string> = {
  expired: "Your session has expired. Sign in again to continue.",
  signed_out: "You have signed out.",
};

/** The sign-in form. */
export function LoginPage({ next, reason, error, username }: LoginPageProps) {
  return (
    <Layout title="Sign in">
      <div class="login card">
        {reason ? <Notice>{REASONS[reason]}</Notice> : null}
        {error ? <Notice tone="error">{error}</Notice> : null}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="next" value={next} />
          <label>
            Username
            <input
              type="text"
              name="username"
              autocomplete="username"
              required
              autofocus
              value={username ?? ""}
            />
          </label>
          <label>
            Password
            <input
              type="password"
              name="password"
              autocomplete="current-password"
              required
            />
          </label>
          <div>
            <button type="submit">Sign in</button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
