import { TerminalScanner } from './terminal-scanner';

export const metadata = { title: '身份核验终端 / Verifier terminal' };

// Public on purpose: the terminal proves itself with its API key on every scan, not with a session.
export default function TerminalPage() {
  return (
    <main className="terminal-page">
      <h1>
        电子身份证核验终端 <span className="en">e-ID verifier terminal</span>
      </h1>
      <p className="hint">
        扫描群众电子身份证上的身份码，确认持证人身份。终端只能看到其类型允许的信息；每次核验都会记入持证人的身份使用记录。
        <span lang="en"> Scan the identity QR on the citizen’s e-ID to confirm who is there. A terminal sees only what its kind allows; every check is shown in the holder’s history.</span>
      </p>
      <TerminalScanner />
    </main>
  );
}
