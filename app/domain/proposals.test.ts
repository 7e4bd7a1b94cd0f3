import { describe, expect, it } from "vitest";
import {
  canReadProposal, checkProposalAction, COUNTED_STATUSES, isConsidered, isOpen, LIVE_STATUSES, PROPOSAL_STATUSES,
  type ProposalAction, type ProposalContext, type ProposalStatus, type Viewer,
} from "./proposals";

const DEADLINE = "2026-12-31T09:00:00.000Z";
const BEFORE = new Date("2026-12-31T08:59:59.000Z");
const AT = new Date(DEADLINE);
const AFTER = new Date("2026-12-31T09:00:01.000Z");

const ctx = (status: ProposalStatus, over: Partial<ProposalContext> = {}): ProposalContext => ({
  status, scenarioStatus: "published", deadline: DEADLINE, needsReconfirmation: false, now: BEFORE, ...over,
});

// Which statuses allow each action: everything else is refused as illegal.
const ALLOWED: Record<ProposalAction, ProposalStatus[]> = {
  submit: ["draft"],
  edit: ["draft", "submitted"],
  withdraw: ["draft", "submitted"],
  reconfirm: ["submitted"],
  shortlist: ["submitted"],
  select: ["submitted", "shortlisted"],
  decline: ["submitted", "shortlisted"],
};
const VENDOR: ProposalAction[] = ["submit", "edit", "withdraw", "reconfirm"];
const DEMAND: ProposalAction[] = ["shortlist", "select", "decline"];

describe("isOpen", () => {
  it("is open strictly before the deadline, and never without one", () => {
    expect(isOpen(DEADLINE, BEFORE)).toBe(true);
    expect(isOpen(DEADLINE, AT)).toBe(false);
    expect(isOpen(DEADLINE, AFTER)).toBe(false);
    expect(isOpen(null, BEFORE)).toBe(false);
  });
});

describe("vendor actions", () => {
  for (const action of VENDOR) {
    for (const status of PROPOSAL_STATUSES) {
      const allowed = ALLOWED[action].includes(status);
      it(`${action} on a ${status} proposal before the deadline is ${allowed ? "allowed" : "illegal"}`, () => {
        expect(checkProposalAction(action, ctx(status))).toEqual(allowed ? { ok: true } : { ok: false, refusal: { code: "illegal", status, action } });
      });
    }

    it(`${action} a second after the deadline is refused, naming the deadline`, () => {
      expect(checkProposalAction(action, ctx(ALLOWED[action][0]!, { now: AFTER }))).toEqual({ ok: false, refusal: { code: "deadline_passed", deadline: DEADLINE } });
      expect(checkProposalAction(action, ctx(ALLOWED[action][0]!, { now: AT }))).toMatchObject({ ok: false, refusal: { code: "deadline_passed" } });
    });

    it(`${action} without a deadline is refused as closed`, () => {
      expect(checkProposalAction(action, ctx(ALLOWED[action][0]!, { deadline: null }))).toEqual({ ok: false, refusal: { code: "deadline_passed", deadline: "" } });
    });

    it(`${action} on a scenario that is not published is refused before anything else`, () => {
      for (const scenarioStatus of ["approved", "matched", "closed", "withdrawn"]) {
        expect(checkProposalAction(action, ctx("shortlisted", { scenarioStatus, now: AFTER }))).toEqual({ ok: false, refusal: { code: "scenario_not_open" } });
      }
    });
  }

  it("does not mind re-confirmation for the vendor's own actions", () => {
    expect(checkProposalAction("edit", ctx("submitted", { needsReconfirmation: true }))).toEqual({ ok: true });
    expect(checkProposalAction("reconfirm", ctx("submitted", { needsReconfirmation: true }))).toEqual({ ok: true });
  });
});

describe("demand actions", () => {
  for (const action of DEMAND) {
    for (const status of PROPOSAL_STATUSES) {
      const allowed = ALLOWED[action].includes(status);
      it(`${action} on a ${status} proposal after the deadline is ${allowed ? "allowed" : "illegal"}`, () => {
        expect(checkProposalAction(action, ctx(status, { now: AFTER }))).toEqual(allowed ? { ok: true } : { ok: false, refusal: { code: "illegal", status, action } });
      });
    }

    it(`${action} before the deadline is refused: proposals are sealed until then`, () => {
      expect(checkProposalAction(action, ctx("submitted", { now: BEFORE }))).toEqual({ ok: false, refusal: { code: "before_deadline", deadline: DEADLINE } });
    });

    it(`${action} on a scenario that is not published is refused`, () => {
      expect(checkProposalAction(action, ctx("submitted", { scenarioStatus: "matched", now: AFTER }))).toEqual({ ok: false, refusal: { code: "scenario_not_open" } });
    });
  }

  it("treats a scenario without a deadline as closed, so selection can go ahead", () => {
    expect(checkProposalAction("select", ctx("submitted", { deadline: null }))).toEqual({ ok: true });
  });

  it("only declines a proposal that still needs re-confirmation", () => {
    const pending = { now: AFTER, needsReconfirmation: true };
    expect(checkProposalAction("shortlist", ctx("submitted", pending))).toEqual({ ok: false, refusal: { code: "needs_reconfirmation" } });
    expect(checkProposalAction("select", ctx("shortlisted", pending))).toEqual({ ok: false, refusal: { code: "needs_reconfirmation" } });
    expect(checkProposalAction("decline", ctx("submitted", pending))).toEqual({ ok: true });
  });

  it("reports an illegal status before a pending re-confirmation", () => {
    expect(checkProposalAction("select", ctx("draft", { now: AFTER, needsReconfirmation: true }))).toEqual({ ok: false, refusal: { code: "illegal", status: "draft", action: "select" } });
  });
});

describe("canReadProposal (sealed proposals)", () => {
  const proposal = { vendorId: 7, scenarioOrganisationId: 3, deadline: DEADLINE };
  const cases: [string, Viewer, boolean, boolean][] = [
    // who, viewer, before the deadline, after it
    ["the proposal's own vendor", { kind: "vendor", organisationId: 7 }, true, true],
    ["another vendor", { kind: "vendor", organisationId: 8 }, false, false],
    ["the vendor whose id is the scenario owner's", { kind: "vendor", organisationId: 3 }, false, false],
    ["the scenario's organisation", { kind: "demand", organisationId: 3 }, false, true],
    ["another demand organisation", { kind: "demand", organisationId: 4 }, false, false],
    ["a demand organisation whose id is the vendor's", { kind: "demand", organisationId: 7 }, false, false],
    ["the office", { kind: "admin" }, false, true],
    ["anyone else (reviewers, the public)", { kind: "other" }, false, false],
  ];
  for (const [who, viewer, before, after] of cases) {
    it(`${who}: ${before ? "reads" : "does not read"} before the deadline, ${after ? "reads" : "does not read"} after`, () => {
      expect(canReadProposal(viewer, proposal, BEFORE)).toBe(before);
      expect(canReadProposal(viewer, proposal, AT)).toBe(after);
      expect(canReadProposal(viewer, proposal, AFTER)).toBe(after);
    });
  }

  it("opens a proposal without a deadline to its scenario's organisation and the office", () => {
    const open = { ...proposal, deadline: null };
    expect(canReadProposal({ kind: "demand", organisationId: 3 }, open, BEFORE)).toBe(true);
    expect(canReadProposal({ kind: "admin" }, open, BEFORE)).toBe(true);
    expect(canReadProposal({ kind: "other" }, open, BEFORE)).toBe(false);
  });
});

describe("isConsidered and the status lists", () => {
  it("considers submitted, shortlisted and selected proposals unless they await re-confirmation", () => {
    for (const status of PROPOSAL_STATUSES) {
      const expected = status === "submitted" || status === "shortlisted" || status === "selected";
      expect(isConsidered({ status, needsReconfirmation: false })).toBe(expected);
      expect(isConsidered({ status, needsReconfirmation: true })).toBe(false);
    }
  });

  it("counts bids that were made and not taken back; drafts and withdrawn ones are not counted", () => {
    expect([...COUNTED_STATUSES].sort()).toEqual(["declined", "selected", "shortlisted", "submitted"]);
    expect([...LIVE_STATUSES].sort()).toEqual(["draft", "selected", "shortlisted", "submitted"]);
  });
});
