// One recovery verdict per fault applied on purpose (docs/faults.md), computed by the same pure
// analysis as the findings: the fault's marks say what the page was shown and when; the lineage
// says whether and how the app reconnected (reconnect-story.ts); the ids say where it resumed
// (resume-check.ts); the protocol decoders and the subscription-lost finding say whether it
// subscribed again. Injected events are fault marks, never traffic: nothing here counts them.

import type { LogVerdict } from '../../contracts/session-log-format';
import { activeAtEnd, keysOf } from '../kinds/subscription-lost';
import { protocolSpec } from '../../protocols/registry';
import { ref } from '../finding';
import { formatDuration, plural } from '../format';
import { decodedConnection } from '../protocol-messages';
import type { ConnView } from '../context';
import type { Shared } from '../shared-analysis';
import { RECOVERY_NOTICE_WINDOW_MS, RECOVERY_RECONNECT_GRACE_MS, RECOVERY_RESUME_WAIT_MS, RESUBSCRIBE_GRACE_MS } from '../thresholds';
import type { Finding } from '../types';
import { faultRuns, firstMark, marksOf, type FaultRun } from './fault-runs';
import { reconnectStory, type ReconnectStory } from './reconnect-story';
import { resumeCheck, type ResumeCheck } from './resume-check';

export type Verdict = LogVerdict;

export function recoveryVerdicts(shared: Shared, findings: readonly Finding[]): Verdict[] {
  const now = shared.ctx.options.verdictNow ?? shared.ctx.now;
  const out: Verdict[] = [];
  for (const run of faultRuns(shared.ctx.conns)) {
    const action = run.head.fault.action ?? run.head.fault.what;
    const base = {
      faultId: run.id,
      action,
      connectionId: run.view.conn.id,
      lineageId: run.view.lineageId,
      t: run.head.t,
    };
    const mode = run.head.fault.mode;
    const v: Verdict = { ...base, ...(mode ? { mode } : {}), status: 'info', defects: [], message: '', evidence: { fault: ref(run.head) } };
    const failed = firstMark(run, 'failed');
    if (failed) {
      v.message = `The fault was not applied: ${failed.fault.note ?? 'unknown reason'}.`;
    } else if (action === 'drop') dropVerdict(shared, findings, run, now, v);
    else if (action === 'messages') messageVerdict(shared, run, now, v);
    else otherVerdict(run, v);
    out.push(v);
  }
  return out;
}

function dropVerdict(shared: Shared, findings: readonly Finding[], run: FaultRun, now: number, v: Verdict): void {
  const lost = run.view;
  const shown = firstMark(run, 'shown-close') ?? firstMark(run, 'shown-error') ?? run.head;
  const droppedAt = shown.t;
  const outageMs = run.head.fault.outageMs ?? 0;
  const lineage = shared.ctx.lineages.find((l) => l.id === lost.lineageId)?.conns ?? [lost];
  const story = reconnectStory(lost, lineage, droppedAt);
  const ev = v.evidence;
  ev.droppedAt = ref(shown);
  ev.shown = lost.conn.kind === 'websocket' ? 'error, then close 1006 (not clean)' : 'error, readyState CLOSED';
  if (outageMs > 0) ev.refusedMs = outageMs;
  ev.attempts = story.attempts.length;
  ev.delaysMs = story.delaysMs.slice(0, 20);
  ev.backoff = story.backoff;
  if (story.browserRetries > 0) ev.browserRetries = story.browserRetries;
  if (story.attempts.length > 0) ev.attemptIds = story.attempts.slice(0, 20).map((a) => a.conn.id);

  if (!story.reopened) {
    const deadline = droppedAt + outageMs + RECOVERY_RECONNECT_GRACE_MS;
    if (now < deadline && !story.tightLoop) {
      v.status = 'waiting';
      v.message = `Not reconnected yet (${plural(story.attempts.length, 'attempt')} in ${formatDuration(now - droppedAt)}).`;
      return;
    }
    v.status = 'defect';
    if (story.tightLoop) v.defects.push('tight-loop');
    v.defects.push('not-reconnected');
    v.message =
      story.attempts.length === 0
        ? `Never reconnected: no new connection in ${formatDuration(now - droppedAt)} after the drop.`
        : `Never got back: ${plural(story.attempts.length, 'attempt')} in ${formatDuration(now - droppedAt)}, none opened${story.tightLoop ? `, in a tight loop (${loopText(story)})` : ''}.`;
    return;
  }
  const { view: back, open } = story.reopened;
  const recoveredMs = open.t - droppedAt;
  ev.reopened = ref(open);
  ev.recoveredMs = Math.round(recoveredMs);
  const parts: string[] = [];
  const problems: string[] = [];
  if (story.tightLoop) {
    v.defects.push('tight-loop');
    problems.push(`it reconnected in a tight loop (${loopText(story)})`);
  }
  const backoff = backoffText(story);

  // Where the stream resumed.
  const fields = shared.fields.get(lost.lineageId);
  const check = fields ? resumeCheck(lost, back, fields, droppedAt) : undefined;
  let resume: string | undefined;
  let waiting = false;
  /** Nothing sequenced came back on the new connection: not a recovery, unless lost subscriptions explain it. */
  let noDataAfter = false;
  if (!check) resume = 'resume not checked: no event id or sequence field was detected';
  else {
    ev.resume = resumeEvidence(check);
    if (!check.lastBefore) resume = `resume not checked: no ${check.field} before the drop`;
    else if (!check.firstAfter) {
      if (now - open.t < RECOVERY_RESUME_WAIT_MS) waiting = true;
      else noDataAfter = true;
    } else if (check.restarted) {
      v.defects.push('not-resumed');
      problems.push(`the stream started over at ${check.field} ${check.firstAfter.value} (the last before the drop was ${check.lastBefore.value})`);
    } else {
      if (check.missed) {
        v.defects.push(check.firstAfter.value > check.lastBefore.value + 1 && check.duplicated === 0 ? 'not-resumed' : 'missed-events');
        problems.push(`${plural(check.missed.count, 'event')} between ${check.field} ${check.missed.from} and ${check.missed.to} never arrived`);
      }
      if (check.duplicated > 0) {
        v.defects.push('duplicated-events');
        problems.push(`${plural(check.duplicated, 'event')} up to ${check.field} ${check.lastBefore.value} arrived again`);
      }
      if (!check.missed && check.duplicated === 0) resume = `resumed from ${check.field} ${check.lastBefore.value}; 0 events missed`;
      else if (!check.missed) resume = `resumed from ${check.field} ${check.lastBefore.value}`;
    }
  }

  // Subscriptions (protocols with a decoder that knows them): what was active when the drop came,
  // made again on the new connection within the grace period (as subscription-lost.ts judges).
  const subs = resubscriptions(shared, lost, back, now);
  if (subs) {
    ev.subscriptions = subs.active.slice(0, 20);
    if (subs.lost.length > 0) {
      v.defects.push('not-resubscribed');
      problems.push(`${plural(subs.lost.length, `${subs.protocol} subscription`)} active before the drop ${subs.lost.length === 1 ? 'was' : 'were'} not made again: ${subs.lost.slice(0, 5).join(', ')}`);
      ev.notResubscribed = subs.lost.slice(0, 20);
    } else if (subs.pending.length > 0) waiting = true;
    else parts.push(`re-subscribed to ${plural(subs.active.length, 'subscription')}`);
  }
  const lostSubs = findings.find((f) => f.kind === 'subscription-lost' && f.connectionIds.includes(back.conn.id));
  if (lostSubs) ev.subscriptionFinding = lostSubs.id;
  if (subs && subs.pending.length > 0) {
    v.status = 'waiting';
    v.message = `Reconnected in ${formatDuration(recoveredMs)}${backoff}; waiting for its subscriptions (${subs.pending.slice(0, 5).join(', ')}) to judge the recovery.`;
    return;
  }
  if (noDataAfter && !(subs && subs.lost.length > 0)) {
    v.defects.push('not-resumed');
    problems.push(`no ${check!.field} arrived since the reconnect`);
  }

  if (waiting && problems.length === 0) {
    v.status = 'waiting';
    v.message = `Reconnected in ${formatDuration(recoveredMs)}${backoff}; waiting for the first ${check?.field ?? 'message'} to judge the resume.`;
    return;
  }
  if (problems.length > 0) {
    v.status = 'defect';
    v.message = `Reconnected in ${formatDuration(recoveredMs)}${backoff}, but ${problems.join('; ')}.`;
    return;
  }
  v.status = 'recovered';
  v.message = [`Recovered in ${formatDuration(recoveredMs)}${backoff}`, resume, ...parts].filter(Boolean).join('; ') + '.';
}

/**
 * Subscriptions active on the dropped connection and whether the new one made each again within
 * RESUBSCRIBE_GRACE_MS of opening; `pending` while that time has not passed (by the wall clock).
 */
function resubscriptions(shared: Shared, lost: ConnView, back: ConnView, now: number): { protocol: string; active: string[]; lost: string[]; pending: string[] } | undefined {
  const overrides = shared.ctx.options.protocolOverrides;
  const before = decodedConnection(lost, overrides);
  if (!before) return undefined;
  const active = [...activeAtEnd(before).keys()];
  if (active.length === 0) return undefined;
  const after = decodedConnection(back, overrides);
  const start = back.conn.openedAt ?? back.conn.createdAt;
  const until = start + RESUBSCRIBE_GRACE_MS;
  const again = new Set<string>();
  for (const m of after?.messages ?? []) if (m.dir === 'out' && m.msg.kind === 'subscribe' && m.ev.t <= until) for (const k of keysOf(before.protocol, m.msg.name)) again.add(k);
  const missing = active.filter((k) => !again.has(k));
  const over = now >= until || back.end.t !== undefined;
  const protocol = protocolSpec(before.protocol)?.label ?? before.protocol;
  return { protocol, active, lost: over ? missing : [], pending: over ? [] : missing };
}

function loopText(story: ReconnectStory): string {
  const d = [...story.delaysMs].sort((a, b) => a - b);
  return `${plural(story.attempts.length, 'attempt')}, ${formatDuration(d[Math.floor((d.length - 1) / 2)] ?? 0)} apart (median)`;
}

function backoffText(story: ReconnectStory): string {
  const retried = story.browserRetries > 0 ? `; the browser retried it ${story.browserRetries}× by itself` : '';
  if (story.attempts.length <= 1 || story.tightLoop) return story.attempts.length === 1 ? ` (1 attempt, after ${formatDuration(story.delaysMs[0] ?? 0)}${retried})` : '';
  const shown = story.delaysMs.slice(0, 5).map((d) => formatDuration(d)).join(', ');
  const how = story.backoff === 'growing' ? 'growing backoff' : story.backoff === 'immediate' ? 'no backoff' : 'constant waits';
  return ` (${plural(story.attempts.length, 'attempt')}, ${how}: ${shown}${story.delaysMs.length > 5 ? ', …' : ''}${retried})`;
}

function resumeEvidence(c: ResumeCheck): Record<string, unknown> {
  const e: Record<string, unknown> = { field: c.field, duplicated: c.duplicated, restarted: c.restarted };
  if (c.lastBefore) e.lastBefore = c.lastBefore;
  if (c.firstAfter) e.firstAfter = c.firstAfter;
  if (c.missed) e.missed = c.missed;
  return e;
}

/** drop / delay / duplicate / reorder of incoming messages: what the page was not shown, and whether it reacted. */
function messageVerdict(shared: Shared, run: FaultRun, now: number, v: Verdict): void {
  const mode = run.head.fault.mode;
  const view = run.view;
  const affected = run.marks.filter((m) => m.fault.what === 'suppressed' || m.fault.what === 'delayed' || m.fault.what === 'duplicated' || m.fault.what === 'reordered');
  v.evidence.affected = affected.slice(0, 50).map((m) => ({ connectionId: view.conn.id, seq: m.fault.ref ?? m.seq }));
  v.evidence.count = affected.length;
  if (affected.length === 0) {
    v.status = 'waiting';
    v.message = `Armed: no matching message has arrived yet.`;
    return;
  }
  const last = affected[affected.length - 1]!;
  const n = plural(affected.length, 'message');
  if (mode !== 'drop') {
    const shown = marksOf(run, 'shown-message').length;
    v.evidence.shown = shown;
    v.message =
      mode === 'delay'
        ? `${n} shown to the page ${formatDuration(run.head.fault.delayMs ?? 0)} late (${shown} so far).`
        : mode === 'duplicate'
          ? `${n} shown to the page twice (the copies are not trusted events).`
          : `${n} shown to the page after the message that followed ${affected.length === 1 ? 'it' : 'each'}.`;
    return;
  }
  // Noticed: within the window after the last suppressed message the app reconnected, closed, or sent something.
  const until = last.t + RECOVERY_NOTICE_WINDOW_MS;
  const sent = view.outs.find((e) => e.t > last.t && e.t <= until);
  const closed = view.conn.closeCall && view.conn.closeCall.t > last.t && view.conn.closeCall.t <= until;
  const next = view.next && view.next.conn.createdAt > last.t && view.next.conn.createdAt <= until ? view.next : undefined;
  if (sent || closed || next) {
    v.status = 'recovered';
    const how = next ? 'it reconnected' : closed ? 'it closed the connection' : 'it sent a message';
    const at = next ? next.conn.createdAt : closed ? view.conn.closeCall!.t : sent!.t;
    v.evidence.reaction = next ? { connectionId: next.conn.id } : sent ? ref(sent) : { closeCall: view.conn.closeCall!.t };
    const again = arrivedAgain(shared, view, affected.map((m) => m.fault.ref ?? -1), last.t);
    let tail = '';
    if (again) {
      v.evidence.arrivedAgain = again;
      if (again.missing.length === 0) tail = `; all ${again.values.length} arrived again (seq ${again.values[0]}${again.values.length > 1 ? `–${again.values[again.values.length - 1]}` : ''})`;
      else {
        v.status = 'defect';
        v.defects.push('missed-events');
        tail = `, but seq ${again.missing.slice(0, 10).join(', ')} never arrived again`;
      }
    }
    v.message = `The page was not shown ${n}; ${how} ${formatDuration(at - last.t)} later${tail}.`;
    return;
  }
  if (now < until) {
    v.status = 'waiting';
    v.message = `The page was not shown ${n}; watching for a reaction.`;
    return;
  }
  v.status = 'defect';
  v.defects.push('not-noticed');
  v.message = `The page was not shown ${n} and did not react within ${formatDuration(RECOVERY_NOTICE_WINDOW_MS)} (no resync, no reconnect).`;
}

/**
 * The sequence values of the suppressed messages (by the seq of their real events), and which of
 * them came again in a later real message of the lineage (a resync, or a replay after a
 * reconnect). Undefined without a sequence field.
 */
function arrivedAgain(shared: Shared, view: ConnView, refs: number[], after: number): { values: number[]; missing: number[] } | undefined {
  const fields = shared.fields.get(view.lineageId);
  if (!fields?.sequenceField) return undefined;
  const values: number[] = [];
  const seqs = fields.seq.get(view.conn.id);
  const bySeq = new Map(view.events.map((e, i) => [e.seq, i]));
  for (const r of refs) {
    const i = bySeq.get(r);
    const x = i !== undefined && seqs ? seqs[i]! : Number.NaN;
    if (!Number.isNaN(x)) values.push(x);
  }
  if (values.length === 0) return undefined;
  const later = new Set<number>();
  const lineage = shared.ctx.lineages.find((l) => l.id === view.lineageId)?.conns ?? [view];
  for (const v of lineage) {
    const s = fields.seq.get(v.conn.id);
    v.events.forEach((e, i) => {
      if (e.t > after && e.type === 'message' && e.direction !== 'out' && s && !Number.isNaN(s[i]!)) later.add(s[i]!);
    });
  }
  return { values, missing: values.filter((x) => !later.has(x)) };
}

function otherVerdict(run: FaultRun, v: Verdict): void {
  const what = run.head.fault.action ?? run.head.fault.what;
  if (what === 'hold-sends') {
    const held = marksOf(run, 'held').length;
    const released = marksOf(run, 'released')[0]?.fault.count;
    const discarded = marksOf(run, 'discarded').reduce((n, m) => n + (m.fault.count ?? 0), 0);
    v.evidence.held = held;
    v.message = `${plural(held, 'send')} held${released !== undefined ? `, ${released} released` : ' (still holding)'}${discarded > 0 ? `, ${discarded} discarded when the connection closed` : ''}.`;
  } else if (what === 'inject') v.message = 'A message was shown to the page as if from the server (isTrusted false).';
  else if (what === 'send') v.message = 'A message was sent to the server as if by the page.';
  else v.message = `Fault ${what}.`;
}
