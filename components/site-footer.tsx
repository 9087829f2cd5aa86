export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="inner">
        <p>主办：武汉市公安局 <span className="en">Run by the Wuhan Public Security Bureau</span></p>
        <p>
          依托国家“互联网+”可信身份认证平台 · 数据多跑路，群众少跑腿{' '}
          <span className="en">Built on the national “Internet + trusted identity” platform</span>
        </p>
      </div>
    </footer>
  );
}
