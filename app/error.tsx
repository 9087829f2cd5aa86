'use client';

import Link from 'next/link';

/** Any unexpected failure below the layout: a plain apology and a way on, never the error's details. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="narrow status-page">
      <h1>
        系统暂时无法处理您的请求 <span className="en">Something went wrong on our side</span>
      </h1>
      <div className="card">
        <p>请稍后重试。您已提交的申请和材料不会因此丢失。如果问题持续出现，请拨打 12345 政务服务便民热线。</p>
        <p className="en">
          Please try again in a moment. Applications and documents you have already submitted are not lost. If this keeps happening, call the
          12345 government service hotline.
        </p>
        <div className="actions">
          <button type="button" onClick={() => reset()}>重试 / Try again</button>
          <Link className="button secondary" href="/">返回首页 / Home page</Link>
        </div>
      </div>
    </main>
  );
}
