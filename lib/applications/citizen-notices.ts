import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { citizenAccounts, residents } from '@/db/schema';
import { parseLocale, type Locale } from '@/lib/i18n/config';
import { enqueueEmail, enqueueSms } from '@/lib/notifications/outbox';

// What the citizen is told at each step that matters to them, written in the language they use on the
// portal (citizen_accounts.preferred_locale). Queued in the caller's transaction; sent after commit.

export type CitizenNotice =
  | { kind: 'submitted'; serviceName: { zh: string; en: string }; deadline: string; deadlineWorkingDays: number }
  | { kind: 'needs_more_material'; reason: string }
  | { kind: 'resubmitted'; deadline: string }
  | { kind: 'approved'; isCounterPickup: boolean }
  | { kind: 'rejected'; reason: string }
  | { kind: 'withdrawn' }
  | { kind: 'mailed'; courier: string; trackingNumber: string };

type Composed = { subject: string; text: string; sms: string };

function compose(locale: Locale, name: string, reference: string, notice: CitizenNotice): Composed {
  const zh = locale === 'zh-CN';
  const greet = zh ? `${name}，您好：` : `Dear ${name},`;
  const sign = zh ? '您可以登录武汉公安网上审批门户查看办理进度。' : 'You can follow your application on the Wuhan Public Security portal.';
  const subjectPrefix = zh ? '【武汉公安】' : '[Wuhan Public Security] ';
  const line = (zhText: string, enText: string) => (zh ? zhText : enText);
  let subject: string;
  let body: string;
  let sms: string;
  switch (notice.kind) {
    case 'submitted':
      subject = line(`申请已受理 ${reference}`, `Application received ${reference}`);
      body = line(
        `您的“${notice.serviceName.zh}”申请已提交，申请编号 ${reference}。\n承诺办结日期：${notice.deadline}（${notice.deadlineWorkingDays} 个工作日）。`,
        `Your application “${notice.serviceName.en}” was received. Reference: ${reference}.\nExpected decision by ${notice.deadline} (${notice.deadlineWorkingDays} working days).`,
      );
      sms = line(`您的${notice.serviceName.zh}申请已提交，编号 ${reference}。`, `Your application ${reference} (${notice.serviceName.en}) was received.`);
      break;
    case 'needs_more_material':
      subject = line(`申请 ${reference} 需要补正材料`, `More material needed for ${reference}`);
      body = line(`您的申请 ${reference} 需要补正材料：${notice.reason}\n办理时限在您补正前暂停。`, `Your application ${reference} needs more material: ${notice.reason}\nThe deadline is paused until you resubmit.`);
      sms = line(`您的申请 ${reference} 需要补正材料，请登录门户查看。`, `Application ${reference}: more material is needed; see the portal.`);
      break;
    case 'resubmitted':
      subject = line(`申请 ${reference} 已重新提交`, `Application ${reference} resubmitted`);
      body = line(`您补正后的申请 ${reference} 已回到审批队列，承诺办结日期：${notice.deadline}。`, `Your application ${reference} is back in the queue; expected decision by ${notice.deadline}.`);
      sms = line(`您的申请 ${reference} 已重新提交。`, `Application ${reference} resubmitted.`);
      break;
    case 'approved':
      subject = line(`申请 ${reference} 已批准`, `Application ${reference} approved`);
      body = notice.isCounterPickup
        ? line(`您的申请 ${reference} 已批准，请携带身份证到窗口领取证件。`, `Your application ${reference} was approved. Collect the certificate at the counter with your ID card.`)
        : line(`您的申请 ${reference} 已批准，证件将通过快递邮寄给您。`, `Your application ${reference} was approved. The certificate will be mailed to you.`);
      sms = line(`您的申请 ${reference} 已批准。`, `Application ${reference} approved.`);
      break;
    case 'rejected':
      subject = line(`申请 ${reference} 办理结果`, `Decision on application ${reference}`);
      body = line(`您的申请 ${reference} 不予批准，理由：${notice.reason}`, `Your application ${reference} was not approved. Reason: ${notice.reason}`);
      sms = line(`您的申请 ${reference} 不予批准，请登录门户查看理由。`, `Application ${reference} was not approved; see the portal for the reason.`);
      break;
    case 'withdrawn':
      subject = line(`申请 ${reference} 已撤回`, `Application ${reference} withdrawn`);
      body = line(`您已撤回申请 ${reference}。`, `You withdrew application ${reference}.`);
      sms = line(`您已撤回申请 ${reference}。`, `Application ${reference} withdrawn.`);
      break;
    case 'mailed':
      subject = line(`申请 ${reference} 的证件已寄出`, `Certificate for ${reference} mailed`);
      body = line(`您的证件已交 ${notice.courier} 寄出，运单号 ${notice.trackingNumber}。`, `Your certificate was handed to ${notice.courier}; tracking number ${notice.trackingNumber}.`);
      sms = line(`您的证件已寄出，${notice.courier} 运单号 ${notice.trackingNumber}。`, `Certificate mailed: ${notice.courier} ${notice.trackingNumber}.`);
      break;
  }
  return { subject: `${subjectPrefix}${subject}`, text: `${greet}\n${body}\n\n${sign}`, sms: `${subjectPrefix}${sms}` };
}

export { compose as composeCitizenNotice };

/** Queues the e-mail (when the account has an address) and the SMS, in the citizen's language. */
export async function queueCitizenNotice(tx: Executor, citizenAccountId: string, referenceNumber: string, notice: CitizenNotice): Promise<void> {
  const [row] = await tx
    .select({ email: citizenAccounts.email, locale: citizenAccounts.preferredLocale, phone: residents.phone, name: residents.name })
    .from(citizenAccounts)
    .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
    .where(eq(citizenAccounts.id, citizenAccountId));
  if (!row) return;
  const message = compose(parseLocale(row.locale), row.name, referenceNumber, notice);
  if (row.email) await enqueueEmail(tx, { to: row.email, subject: message.subject, text: message.text });
  await enqueueSms(tx, { to: row.phone, text: message.sms });
}

/** The language switcher, used by a signed-in citizen: their next messages are written in it. */
export async function savePreferredLocale(db: Executor, citizenAccountId: string, locale: Locale): Promise<void> {
  await db.update(citizenAccounts).set({ preferredLocale: locale }).where(eq(citizenAccounts.id, citizenAccountId));
}
