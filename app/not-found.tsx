import Link from 'next/link';
import { getActor } from '@/lib/auth/session';

export const metadata = { title: '页面不存在 / Page not found' };

export default async function NotFound() {
  const actor = await getActor();
  const home =
    actor?.kind === 'citizen'
      ? { href: '/me', text: '我的办件 / My applications' }
      : actor?.kind === 'staff'
        ? { href: '/staff', text: '返回工作台 / Staff home' }
        : { href: '/', text: '返回首页 / Home page' };
  return (
    <main className="narrow status-page">
      <p className="code">404</p>
      <h1>
        页面不存在 <span className="en">Page not found</span>
      </h1>
      <div className="card">
        <p>
          您访问的页面不存在，或者您无权查看。请检查网址是否完整；如果是从短信或邮件中的链接进入，请先登录后再试。
        </p>
        <p className="en">
          The page does not exist, or you are not allowed to see it. Check that the address is complete; if you followed a link from a text
          message or e-mail, sign in first and try again.
        </p>
        <div className="actions">
          <Link className="button" href={home.href}>{home.text}</Link>
          {!actor && <Link className="button secondary" href="/sign-in">群众登录 / Citizen sign-in</Link>}
        </div>
      </div>
    </main>
  );
}
