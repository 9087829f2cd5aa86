import type { Locale } from './config';
import { dictionaryFor, type Dictionary } from './messages';
import type { MessageTree } from './define';

// Which messages each part of the site sends to the browser. Server components translate on the server
// (lib/i18n/server.ts) and send only HTML; a client component needs its messages in the page's payload,
// and only those: the root layout used to send the whole dictionary (every namespace, the staff one
// included) with every page. A scope lists message keys or whole subtrees ("wallet.qr"); the layout
// or page that renders the client components wraps them in <ClientMessages scope="…">
// (lib/i18n/client-messages.tsx). lib/i18n/client-scopes.test.ts follows every page's imports and
// fails when a client component uses a key its page does not send, or a page sends one it does not use.
export const CLIENT_MESSAGE_SCOPES = {
  // app/layout.tsx: the sign-out button in the header and the error boundary (app/error.tsx).
  root: ['common.signOut', 'errors.home', 'errors.errorTitle', 'errors.errorText', 'errors.tryAgain'],

  // ── citizens and the public ──
  signIn: [
    'signIn.step1', 'signIn.step2', 'signIn.detailsHeading', 'signIn.name', 'signIn.nameHint', 'signIn.idNumber', 'signIn.idNumberHint',
    'signIn.phone', 'signIn.phoneHint', 'signIn.sendCode', 'signIn.sendNewCode', 'signIn.checking', 'signIn.codeHeading', 'signIn.codeSent',
    'signIn.code', 'signIn.codeHint', 'signIn.codeFormat', 'signIn.codeWrong', 'signIn.submit', 'signIn.qr',
    'signIn.resent', 'signIn.noCode', 'signIn.changeDetails',
  ],
  staffSignIn: ['signIn.staff.username', 'signIn.staff.password', 'signIn.staff.submit', 'signIn.staff.codeHeading', 'signIn.staff.code', 'signIn.staff.codeHint', 'signIn.staff.codeWrong', 'signIn.staff.verify', 'signIn.staff.startOver'],
  terminal: [
    'terminal.keyHeading', 'terminal.keyLabel', 'terminal.keyHint', 'terminal.forget', 'terminal.scanHeading', 'terminal.cameraView',
    'terminal.startCamera', 'terminal.stopCamera', 'terminal.holdInView', 'terminal.noCamera', 'terminal.codeLabel', 'terminal.codeHint',
    'terminal.verify', 'terminal.clear', 'terminal.checkedAt', 'terminal.problems', 'terminal.refusals', 'terminal.photoAlt', 'terminal.noPhoto',
    'terminal.name', 'terminal.idNumber', 'terminal.age', 'terminal.adult', 'terminal.minor', 'terminal.minorWarning', 'terminal.checkPhoto',
    'terminal.ticket', 'terminal.ticketHolder', 'terminal.noTicket', 'terminal.noEvent', 'terminal.result',
  ],
  walletQr: ['wallet.qr'],
  walletStatus: ['wallet.status'],
  walletConfirmSignIn: [
    'wallet.confirm.confirmed', 'wallet.confirm.back', 'wallet.confirm.no', 'wallet.confirm.browser', 'wallet.confirm.unknownBrowser',
    'wallet.confirm.place', 'wallet.confirm.places', 'wallet.confirm.time', 'wallet.confirm.matchHeading', 'wallet.confirm.matchHint',
    'wallet.confirm.scanned', 'wallet.confirm.scannedHint', 'wallet.confirm.open',
  ],
  walletCafeCheckIn: ['cafe.checkIn.done', 'cafe.checkIn.doneHint', 'cafe.checkIn.back', 'cafe.checkIn.refused', 'cafe.checkIn.confirm', 'cafe.checkIn.confirming'],
  cafeTerminal: [
    'cafe.terminal.keyHeading', 'cafe.terminal.keyLabel', 'cafe.terminal.keyHint', 'cafe.terminal.seatLabel', 'cafe.terminal.seatHint',
    'cafe.terminal.start', 'cafe.terminal.qrImage', 'cafe.terminal.scanHint', 'cafe.terminal.expiresIn', 'cafe.terminal.waiting',
    'cafe.terminal.checkedIn', 'cafe.terminal.adult', 'cafe.terminal.minor', 'cafe.terminal.checkOut', 'cafe.terminal.checkedOut',
    'cafe.terminal.next', 'cafe.terminal.registerHeading', 'cafe.terminal.refresh', 'cafe.terminal.empty', 'cafe.terminal.columns',
    'cafe.terminal.stillIn', 'cafe.terminal.problems',
  ],
  staffCafeRegister: [
    'cafe.police.by', 'cafe.police.byPerson', 'cafe.police.byCafe', 'cafe.police.query', 'cafe.police.queryHint', 'cafe.police.search',
    'cafe.police.searching', 'cafe.police.results', 'cafe.police.none', 'cafe.police.columns', 'cafe.police.stillIn',
  ],
  enrolDefer: ['enrol.defer'],
  enrolQuestionnaire: ['enrol.questionnaire'],
  enrolFace: [
    'enrol.continue', 'enrol.face.counter', 'enrol.face.cameraDenied', 'enrol.face.cameraMissing', 'enrol.face.cameraUnsupported',
    'enrol.face.cameraNeedsHttps', 'enrol.face.noFace', 'enrol.face.severalFaces', 'enrol.face.openingCamera', 'enrol.face.loadingModels',
    'enrol.face.modelsFailed', 'enrol.face.couldNotStart', 'enrol.face.timedOut', 'enrol.face.checkFailed', 'enrol.face.networkError',
    'enrol.face.preview', 'enrol.face.progress', 'enrol.face.step', 'enrol.face.secondsLeft', 'enrol.face.uploading', 'enrol.face.intro1',
    'enrol.face.intro2', 'enrol.face.intro3', 'enrol.face.consent', 'enrol.face.start', 'enrol.face.startAgain', 'enrol.face.nowL3',
    'enrol.face.notPassed', 'enrol.face.tryAgain', 'enrol.face.otherWay', 'enrol.face.waitingFor', 'enrol.face.missedAction', 'enrol.face.why',
    'enrol.face.failedStep', 'enrol.face.instruction', 'enrol.face.action',
  ],
  applicationDetail: ['components.timeline', 'problems.applications.status', 'problems.applications.transition', 'myApplications.detail.resubmitHint', 'myApplications.detail.resubmit', 'myApplications.detail.withdrawConfirm', 'myApplications.detail.withdrawHint', 'myApplications.detail.withdraw'],
  applicationWizard: [
    'services.required', 'services.optional', 'services.deliveryMail', 'services.deliveryCounter', 'services.steps', 'services.stepOf',
    'services.applicant', 'services.fromRegistry', 'services.name', 'services.idNumber', 'services.address', 'services.household',
    'services.licence', 'services.licenceValue', 'services.noLicence', 'services.noRecords', 'services.choose', 'services.next', 'services.back',
    'services.submit', 'services.submitting', 'services.checking', 'services.draftSaved', 'services.draftSaving', 'services.fixErrors',
    'services.fileHint', 'services.noKeptFile', 'services.keptFileMeta', 'services.viewFile', 'services.removeFile', 'services.removeFileNamed',
    'services.fileRemoved', 'services.uploadProgressLabel', 'services.uploadPercent', 'services.uploadStarted', 'services.uploadDone',
    'services.uploadRefused', 'services.uploadCancelled', 'services.cancelUpload', 'services.cancelUploadNamed', 'services.refusal',
    'services.deliveryMethod', 'services.deliveryDistrict', 'services.deliveryStreet', 'services.deliveryStreetHint', 'services.contactPhone',
    'services.contactPhoneHint', 'services.notificationEmail', 'services.counterNote', 'services.reviewLead', 'services.edit',
    'services.documentsHeading', 'services.none', 'services.cancel', 'common.labelled', 'common.listSeparator', 'common.parenthetical',
  ],

  // ── staff ──
  staffCase: [
    'components.timeline', 'problems.applications.status', 'problems.applications.transition', 'staff.decision', 'staff.notes', 'staff.reveal', 'staff.shortcuts', 'staff.viewer', 'staff.copies',
    'problems.delivery.status', 'problems.certificates.revokeReason', 'problems.certificates.reissueReason',
  ],
  staffCounter: ['staff.deliveries.pickup'],
  staffCounterAssist: ['staff.counterAssist.form', 'services.choose', 'services.noRecords'],
  staffDeliveries: [
    'staff.deliveries.nothingToDo', 'staff.deliveries.reason', 'staff.deliveries.reasonPlaceholder', 'staff.deliveries.courierLabel',
    'staff.deliveries.trackingNumber', 'staff.deliveries.trackingPlaceholder', 'staff.deliveries.pickup', 'staff.deliveries.manifest', 'staff.deliveries.batch',
    'staff.deliveries.transition',
  ],
  staffEids: [
    'staff.eids.idNumber', 'staff.eids.idNumberHint', 'staff.eids.lookUp', 'staff.eids.forbidden', 'staff.eids.notFound', 'staff.eids.holder',
    'staff.eids.status', 'staff.eids.statuses', 'staff.eids.level', 'staff.eids.issued', 'staff.eids.reason', 'staff.eids.recentUse',
    'staff.eids.revoked', 'staff.eids.revokeConfirm', 'staff.eids.revokeReason', 'staff.eids.revokeReasonHint', 'staff.eids.revoke', 'wallet.uses', 'terminal.result',
  ],
  staffOutbox: ['staff.outbox.retry', 'staff.outbox.queued'],
  staffQueue: [
    'staff.queue.heading', 'staff.queue.selectAll', 'staff.queue.select', 'staff.queue.columns', 'staff.queue.overdue', 'staff.queue.dueToday',
    'staff.queue.daysLeft', 'staff.queue.unclaimed', 'staff.queue.you', 'staff.queue.savedViews', 'staff.queue.filterCases', 'staff.queue.statusOpen',
    'staff.queue.statusAll', 'staff.queue.allServices', 'staff.queue.allDistricts', 'staff.queue.any', 'staff.queue.dueSoon',
    'staff.queue.dueTodayOption', 'staff.queue.overdueOption', 'staff.queue.mine', 'staff.queue.unassigned', 'staff.queue.search',
    'staff.queue.searchHint', 'staff.queue.filter', 'staff.queue.clear', 'staff.queue.total', 'staff.queue.searchedFor', 'staff.queue.bulkActions',
    'staff.queue.selected', 'staff.queue.claimSelected', 'staff.queue.assignTo', 'staff.queue.assignToChoose', 'staff.queue.assign',
    'staff.queue.notDone', 'staff.queue.claimed', 'staff.queue.assigned', 'staff.queue.caption', 'staff.queue.noMatch', 'staff.queue.clearFilter', 'staff.queue.empty', 'staff.queue.pages',
    'staff.queue.previous', 'staff.queue.firstPage', 'staff.queue.next', 'problems.applications.status',
  ],
  staffTeam: ['staff.team.reset', 'staff.team.resetFor', 'staff.team.confirmReset', 'staff.team.resetDone'],
  staffTerminals: ['staff.terminals.sees', 'staff.terminals.kindName', 'staff.terminals.kindSees', 'staff.terminals.register', 'staff.terminals.deactivate'],
  staffEvents: ['staff.events.create', 'staff.events.upload'],
  staffCatalogue: ['staff.catalogue.designer', 'services.choose', 'services.noRecords'],
  staffTwoFactor: [
    'staff.twoFactor.done', 'staff.twoFactor.toPortal', 'staff.twoFactor.recoveryHeading', 'staff.twoFactor.recoveryOnce',
    'staff.twoFactor.regenerateHeading', 'staff.twoFactor.recoveryLeft', 'staff.twoFactor.regenerate', 'staff.twoFactor.showQr',
    'staff.twoFactor.qrAlt', 'staff.twoFactor.typeKey', 'staff.twoFactor.codeLabel', 'staff.twoFactor.turnOn',
  ],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessageScope = keyof typeof CLIENT_MESSAGE_SCOPES;

/** A partial dictionary: the same shape, only some branches. */
export type PartialMessages = { [namespace: string]: MessageTree };

function subtreeAt(tree: MessageTree, parts: readonly string[]): string | MessageTree | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of parts) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

function setAt(target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

/** The branches of a dictionary the paths name (a key or a whole subtree each), nothing else. */
export function pickMessages(dictionary: Dictionary, paths: readonly string[]): PartialMessages {
  const picked: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split('.');
    const value = subtreeAt(dictionary as unknown as MessageTree, parts);
    // A path that names nothing: the page shows the key (as for any missing message) and client-scopes.test.ts fails.
    if (value === undefined) {
      console.error(`[i18n] client scope names a missing message: ${path}`);
      continue;
    }
    setAt(picked, parts, value);
  }
  return picked as PartialMessages;
}

const picked = new Map<string, PartialMessages>();

/** What one scope sends to the browser in the reader's language (picked once per scope and language, then frozen). */
export function clientMessagesFor(locale: Locale, scope: ClientMessageScope): PartialMessages {
  const key = `${locale}\u0000${scope}`;
  let messages = picked.get(key);
  if (!messages) {
    messages = Object.freeze(pickMessages(dictionaryFor(locale), CLIENT_MESSAGE_SCOPES[scope]));
    picked.set(key, messages);
  }
  return messages;
}

/** Two partial dictionaries as one (a nested provider adds its branches to its parent's). */
export function mergeMessages(base: PartialMessages, extra: PartialMessages): PartialMessages {
  const merge = (a: MessageTree, b: MessageTree): MessageTree => {
    const out: Record<string, string | MessageTree> = { ...a };
    for (const [key, value] of Object.entries(b)) {
      const existing = out[key];
      out[key] = typeof value === 'object' && typeof existing === 'object' ? merge(existing, value) : value;
    }
    return out;
  };
  return merge(base, extra) as PartialMessages;
}
