import Link from 'next/link';

export default function HomePage() {
  return (
    <main>
      <section className="hero" aria-labelledby="hero-heading">
        <h1 id="hero-heading">
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
          <Link className="button" href="/sign-in">群众登录办事 / Citizen sign-in</Link>
        </div>
      </section>

      <h2>
        办理流程 <span className="en">How it works</span>
      </h2>
      <ol className="steps">
        <li>
          <strong>电子身份证登录</strong>
          <span className="hint">姓名、身份证号码、手机验证码 · Sign in with your name, ID number and a code sent to your phone</span>
        </li>
        <li>
          <strong>网上提交申请和材料</strong>
          <span className="hint">如毕业证书、劳动合同 · Apply online and upload documents such as your diploma</span>
        </li>
        <li>
          <strong>民警网上审批</strong>
          <span className="hint">随时查看办理进度 · A clerk decides online; follow each step</span>
        </li>
        <li>
          <strong>证件快递到家</strong>
          <span className="hint">凭运单号跟踪 · The certificate comes by express mail, with a tracking number</span>
        </li>
      </ol>

      <div className="grid-2" style={{ marginTop: 16 }}>
        <section className="card" aria-labelledby="verify-heading">
          <h2 id="verify-heading">
            核验证件真伪 <span className="en">Check a certificate</span>
          </h2>
          <p>
            用手机扫描证件上的二维码，即可核验其是否由武汉市公安局签发、是否仍然有效。
            <span className="en"> Scan the QR code printed on a certificate with your phone to check that the Wuhan Public Security Bureau issued it and that it is still valid.</span>
          </p>
        </section>
        <section className="card" aria-labelledby="staff-heading">
          <h2 id="staff-heading">
            工作人员入口 <span className="en">For staff</span>
          </h2>
          <p>
            审批民警、审批处负责人请使用工作账号登录。<span className="en">Clerks and supervisors sign in with their work account.</span>
          </p>
          <p>
            <Link href="/staff/sign-in">工作人员登录 / Staff sign-in</Link>
          </p>
        </section>
      </div>
    </main>
  );
}
