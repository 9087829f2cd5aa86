'use client';

import './globals.css';

/** Last resort when the layout itself fails (e.g. the database is unreachable): no header, no details. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body>
        <main className="narrow status-page">
          <h1>
            系统暂时无法访问 <span className="en">The service is temporarily unavailable</span>
          </h1>
          <div className="card">
            <p>请稍后重试。您已提交的申请和材料不会因此丢失。</p>
            <p className="en">Please try again in a moment. Applications and documents you have already submitted are not lost.</p>
            <div className="actions">
              <button type="button" onClick={() => reset()}>重试 / Try again</button>
              {/* A plain link: the client router may be what failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a className="button secondary" href="/">返回首页 / Home page</a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
