import Link from 'next/link';
import { getDb } from '@/db/client';
import { requireCitizenPage } from '@/lib/auth/session';
import { getFaceConfig } from '@/lib/face/config';
import { getFaceCheckState } from '@/lib/face/face-check';
import { safeLocalPath } from '@/lib/safe-redirect';
import { FaceCapture } from './face-capture';

export const metadata = { title: '实人核验 / Real-person check' };

export default async function FaceCheckPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const actor = await requireCitizenPage();
  const next = safeLocalPath((await searchParams).next, '/wallet');
  const state = await getFaceCheckState(await getDb(), actor);
  const { minTurnYawDelta, minNodPitchDelta, maxClosedEyeOpenness, minOpenEyeOpenness, minMouthOpenDelta } = getFaceConfig();
  const back = `/enrol?next=${encodeURIComponent(next)}`;
  return (
    <main className="narrow">
      <p className="breadcrumb">
        <Link href={back}>← 电子身份证申领 / Get your e-ID</Link>
      </p>
      <h1>
        第二道门：实人核验 <span className="en">Gate 2: real-person check</span>
      </h1>
      <p className="lead">
        通过摄像头完成随机动作，系统在服务器上与您的户籍登记照片比对，防止他人冒用您的身份信息、照片或视频。
        <span className="en"> Do a few random actions in front of your camera; our server compares you with your registry photo, so nobody can pass with your details, a photo or a video of you.</span>
      </p>
      {state.sessionPassed ? (
        <div className="alert success" role="status">
          本次登录已通过实人核验。 <span className="en">You passed the real-person check in this session.</span> <Link href={back}>继续 / Continue</Link>
        </div>
      ) : !state.hasRegistryPhoto ? (
        <div className="alert error" role="alert">
          户籍档案中没有您的登记照片，无法在线核验，请携带身份证到任一公安服务窗口办理。
          <span className="en"> There is no registry photo on file to compare with: please visit any police service counter with your ID card.</span>
        </div>
      ) : (
        <FaceCapture next={next} thresholds={{ minTurnYawDelta, minNodPitchDelta, maxClosedEyeOpenness, minOpenEyeOpenness, minMouthOpenDelta }} blockedMessage={state.waitMessage} />
      )}
      {!state.sessionPassed && (
      <p className="hint">
        没有摄像头或不便拍摄？可以 <Link href={back}>暂不进行</Link>（需要 L3 的事项将无法在线办理），或到公安服务窗口现场核验。
        <span className="en"> No camera? You may <Link href={back}>skip this for now</Link> (services that need L3 then stay closed online) or have your identity checked at a police service counter.</span>
      </p>
      )}
    </main>
  );
}
