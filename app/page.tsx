import Link from 'next/link';

export default function HomePage() {
  return (
    <main>
      <section className="hero">
        <h1>
          数据多跑路，群众少跑腿 <span className="en">Let the data travel, not the people</span>
        </h1>
        <p>
          用电子身份证证明“我是我”，在家即可办理户籍、交管业务：网上提交材料，民警网上审批，证件快递到家。
        </p>
        <p className="en">
          Prove who you are once with the e-ID, then do household-registration and traffic business from home: upload your
          documents, a clerk approves online, and the certificate arrives by express mail.
        </p>
        <div className="actions">
          <Link className="button" href="/sign-in">群众登录 / Citizen sign-in</Link>
          <Link className="button secondary" href="/staff/sign-in">工作人员登录 / Staff sign-in</Link>
        </div>
      </section>
      <section className="card" style={{ marginTop: 16 }}>
        <h2>核验证件真伪 <span className="en">Check a certificate</span></h2>
        <p>扫描证件上的二维码即可核验其是否真实有效。<span className="en">Scan the QR code printed on a certificate to check that it is genuine and valid.</span></p>
      </section>
    </main>
  );
}
