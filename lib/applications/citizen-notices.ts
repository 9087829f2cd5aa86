import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { citizenAccounts, residents } from '@/db/schema';
import { pickupOfficeText, type PickupOffice } from '@/lib/delivery/pickup-office';
import { parseLocale, type Locale } from '@/lib/i18n/config';
import { readableText } from '@/lib/i18n/problem';
import { formatDateTime } from '@/lib/i18n/translate';
import { enqueueEmail, enqueueSms } from '@/lib/notifications/outbox';

// What the citizen is told at each step that matters to them, written in the language they use on the
// portal (citizen_accounts.preferred_locale). Queued in the caller's transaction; sent after commit.

export type CitizenNotice =
  | { kind: 'submitted'; serviceName: { zh: string; en: string }; deadline: string; deadlineWorkingDays: number }
  | { kind: 'needs_more_material'; reason: string }
  | { kind: 'resubmitted'; deadline: string }
  // With `pickup` when the citizen chose counter pickup: where, when and what to bring.
  | { kind: 'approved'; isCounterPickup: boolean; pickup?: PickupDetails }
  | { kind: 'rejected'; reason: string }
  | { kind: 'withdrawn' }
  // The certificate's way to the holder (lib/delivery): reasons may be message references, older "中文 / English"
  // texts or free text, and are shown in one language (readableText).
  | { kind: 'mailed'; courier: string; trackingNumber: string }
  | { kind: 'delivered'; signedBy: string | null }
  | { kind: 'returned'; reason: string }
  | { kind: 'held_for_pickup'; pickup: PickupDetails }
  | { kind: 'ready_for_collection'; pickup: PickupDetails }
  | { kind: 'pickup_reminder'; pickup: PickupDetails; readySince: Date }
  | { kind: 'collected'; at: Date }
  | { kind: 'delivery_cancelled'; reason: string; wasCounter: boolean }
  | { kind: 'certificate_revoked'; serialNumber: string; reason: string }
  | { kind: 'certificate_reissued'; serialNumber: string; newSerialNumber: string; isCounterPickup: boolean };

/** Where a counter-pickup certificate waits (lib/delivery/pickup-office.ts), written in the recipient's language. */
export type PickupDetails = PickupOffice;

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
    case 'approved': {
      // The counter where the certificate waits, in the recipient's language.
      const office = notice.pickup ? pickupOfficeText(notice.pickup, locale) : undefined;
      subject = line(`申请 ${reference} 已批准`, `Application ${reference} approved`);
      body = notice.pickup
        ? `${line(`您的申请 ${reference} 已批准，证件已可领取。`, `Your application ${reference} was approved and the certificate is ready for collection.`)}\n${pickupLines(notice.pickup)}`
        : notice.isCounterPickup
          ? line(`您的申请 ${reference} 已批准，请携带身份证到窗口领取证件。`, `Your application ${reference} was approved. Collect the certificate at the counter with your ID card.`)
          : line(`您的申请 ${reference} 已批准，证件将通过快递邮寄给您。`, `Your application ${reference} was approved. The certificate will be mailed to you.`);
      sms = office
        ? line(`您的申请 ${reference} 已批准，请到${office.name}领取证件（${office.hours}），${office.bring}。`, `Application ${reference} approved. Collect it at the ${office.name} (${office.hours}); ${office.bring}.`)
        : line(`您的申请 ${reference} 已批准。`, `Application ${reference} approved.`);
      break;
    }
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
      sms = line(`您的申请 ${reference} 的证件已寄出，${notice.courier} 运单号 ${notice.trackingNumber}。`, `Certificate for ${reference} mailed: ${notice.courier} ${notice.trackingNumber}.`);
      break;
    case 'delivered':
      subject = line(`申请 ${reference} 的证件已签收`, `Certificate for ${reference} delivered`);
      body = line(`您的申请 ${reference} 的证件已签收${notice.signedBy ? `，签收人：${notice.signedBy}` : ''}。`, `Your certificate was delivered${notice.signedBy ? `; signed for by ${notice.signedBy}` : ''}.`);
      sms = line(`您的申请 ${reference} 的证件已签收。`, `Certificate for ${reference} delivered.`);
      break;
    case 'returned':
      subject = line(`申请 ${reference} 的证件被退回`, `Certificate for ${reference} came back`);
      body = line(
        `您的证件邮件被快递退回，原因：${readableText(notice.reason, locale)}。我们会重新寄送或通知您到窗口领取。`,
        `The courier brought your certificate back. Reason: ${readableText(notice.reason, locale)}. We will send it again or ask you to collect it at the counter.`,
      );
      sms = line(`您的申请 ${reference} 的证件邮件已退回，请留意后续通知。`, `Certificate for ${reference} came back to us; watch for our next message.`);
      break;
    case 'held_for_pickup': {
      // The counter where the certificate waits, in the recipient's language.
      const office = pickupOfficeText(notice.pickup, locale);
      subject = line(`申请 ${reference} 的证件请到窗口领取`, `Collect your certificate for ${reference} at the counter`);
      body = `${line('退回的证件现存放在窗口，请本人领取。', 'Your returned certificate is now kept at the counter for you to collect.')}\n${pickupLines(notice.pickup)}`;
      sms = line(`您的申请 ${reference} 的证件请到${office.name}领取，${office.bring}。`, `Collect your certificate for ${reference} at the ${office.name}; ${office.bring}.`);
      break;
    }
    case 'ready_for_collection': {
      // The counter where the certificate waits, in the recipient's language.
      const office = pickupOfficeText(notice.pickup, locale);
      subject = line(`申请 ${reference} 的证件可以领取`, `Certificate for ${reference} ready for collection`);
      body = `${line('您的证件已可在窗口领取。', 'Your certificate is ready for collection at the counter.')}\n${pickupLines(notice.pickup)}`;
      sms = line(`您的申请 ${reference} 的证件可到${office.name}领取（${office.hours}），${office.bring}。`, `Certificate for ${reference} ready at the ${office.name} (${office.hours}); ${office.bring}.`);
      break;
    }
    case 'pickup_reminder': {
      // The counter where the certificate waits, in the recipient's language.
      const office = pickupOfficeText(notice.pickup, locale);
      subject = line(`提醒：申请 ${reference} 的证件尚未领取`, `Reminder: your certificate for ${reference} is waiting`);
      body = `${line(`您的证件自 ${formatDateTime(notice.readySince, locale)} 起在窗口等候领取，至今尚未领取。`, `Your certificate has been waiting at the counter since ${formatDateTime(notice.readySince, locale)} and has not been collected.`)}\n${pickupLines(notice.pickup)}`;
      sms = line(`提醒：您的申请 ${reference} 的证件尚未领取，请到${office.name}领取。`, `Reminder: your certificate for ${reference} is waiting at the ${office.name}.`);
      break;
    }
    case 'collected':
      subject = line(`申请 ${reference} 的证件已领取`, `Certificate for ${reference} collected`);
      body = line(`您已于 ${formatDateTime(notice.at, locale)} 在窗口领取证件（已核验身份）。如非本人领取，请立即联系我们。`, `You collected your certificate at the counter on ${formatDateTime(notice.at, locale)} (identity checked). If this was not you, contact us at once.`);
      sms = line(`您的申请 ${reference} 的证件已于 ${formatDateTime(notice.at, locale)} 领取。`, `Certificate for ${reference} collected on ${formatDateTime(notice.at, locale)}.`);
      break;
    case 'delivery_cancelled':
      subject = notice.wasCounter ? line(`申请 ${reference} 的证件已停止领取`, `Certificate for ${reference} withdrawn from the counter`) : line(`申请 ${reference} 的证件已停止邮寄`, `Mailing of the certificate for ${reference} stopped`);
      body = notice.wasCounter
        ? line(`窗口已停止发放您的证件，原因：${readableText(notice.reason, locale)}。`, `The counter will no longer hand out this certificate. Reason: ${readableText(notice.reason, locale)}.`)
        : line(`您的证件已停止邮寄，原因：${readableText(notice.reason, locale)}。`, `Your certificate will not be mailed. Reason: ${readableText(notice.reason, locale)}.`);
      sms = line(`您的申请 ${reference} 的证件已停止${notice.wasCounter ? '领取' : '邮寄'}，请登录门户查看。`, `Certificate for ${reference}: ${notice.wasCounter ? 'counter pickup' : 'mailing'} stopped; see the portal.`);
      break;
    case 'certificate_revoked':
      subject = line(`证件 ${notice.serialNumber} 已撤销`, `Certificate ${notice.serialNumber} revoked`);
      body = line(`您的申请 ${reference} 的证件（编号 ${notice.serialNumber}）已撤销，不再有效。原因：${readableText(notice.reason, locale)}。`, `Your certificate ${notice.serialNumber} (application ${reference}) was revoked and is no longer valid. Reason: ${readableText(notice.reason, locale)}.`);
      sms = line(`您的申请 ${reference} 的证件 ${notice.serialNumber} 已撤销，请登录门户查看。`, `Certificate ${notice.serialNumber} (${reference}) revoked; see the portal.`);
      break;
    case 'certificate_reissued':
      subject = line(`申请 ${reference} 的证件已补发`, `Certificate for ${reference} reissued`);
      body = line(
        `已为您补发新证（编号 ${notice.newSerialNumber}），原证 ${notice.serialNumber} 作废。${notice.isCounterPickup ? '新证可在窗口领取，另行通知。' : '新证将邮寄给您。'}`,
        `A new certificate (${notice.newSerialNumber}) replaces ${notice.serialNumber}, which is no longer valid. ${notice.isCounterPickup ? 'You can collect it at the counter; a separate message says where.' : 'It will be mailed to you.'}`,
      );
      sms = line(`您的申请 ${reference} 的证件已补发，新证编号 ${notice.newSerialNumber}。`, `Certificate for ${reference} reissued: ${notice.newSerialNumber}.`);
      break;
  }
  return { subject: `${subjectPrefix}${subject}`, text: `${greet}\n${body}\n\n${sign}`, sms: `${subjectPrefix}${sms}` };

  function pickupLines(pickup: PickupDetails): string {
    const office = pickupOfficeText(pickup, locale);
    return zh ? `领取地点：${office.name}\n办公时间：${office.hours}\n请携带：${office.bring}。` : `Where: ${office.name}\nWhen: ${office.hours}\nBring: ${office.bring}.`;
  }
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
