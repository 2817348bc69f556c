//! Voices and the pair sweep shared by the cross-document checks (`disagreement`,
//! `attribution`, `trend`) and, without dates, by `inconsistency`.
//!
//! A *voice* is what one document says about one thing in one place and day: its
//! claim with the highest lower bound. Voices are grouped by key (concept, subject,
//! and an extra key such as the attribution), then by explicit event or by place, and
//! each group is swept in date order. A voice is compared only with the voices still
//! inside the window, and among those only with the extreme ones: the lowest upper
//! bounds below it and the highest lower bounds above it, stopping at the first that
//! agrees. That finds every disagreeing pair (up to [`MAX_PARTNERS`] per voice and
//! side) in near-linear time.

use super::MAX_PARTNERS;
use super::context::{Context, FastMap, Info, apart};
use crate::rules::{Scope, Tolerance};
use std::collections::BTreeSet;

/// Which day orders voices: the claim's or the document's.
pub(crate) type DayFn = fn(&Info) -> Option<i32>;

#[cfg(test)]
pub(crate) fn claim_day(f: &Info) -> Option<i32> {
    f.day
}

/// The day a claim's document is placed on when documents are grouped into events.
pub(crate) fn event_day(f: &Info) -> Option<i32> {
    f.event_day
}

pub(crate) fn report_day(f: &Info) -> Option<i32> {
    f.report_day
}

/// A further grouping key on top of concept and subject.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Extra {
    Nothing,
    /// The normalised attribution.
    Attribution,
    /// What a running tally counts from.
    Anchor,
}

impl Extra {
    fn of(self, f: &Info) -> u32 {
        match self {
            Extra::Nothing => 0,
            Extra::Attribution => f.attr,
            Extra::Anchor => f.anchor,
        }
    }
}

/// How a check sweeps its voices.
pub(crate) struct Sweep<'r> {
    pub scope: Scope,
    /// Days two voices may be apart and still be one event.
    pub window: i64,
    pub tol: Tolerance,
    pub extra: Extra,
    pub day: DayFn,
    /// Only an earlier voice above a strictly later one counts (a falling tally).
    pub falls_only: bool,
    /// Voices of one event with the same class and interval are one voice (an outlet
    /// or a primary source repeated); `None` keeps every voice apart.
    pub class: Option<&'r dyn Fn(&Info) -> u64>,
}

/// A disagreeing pair of voices: `earlier` comes first in date order (then in text
/// order); `*_also` are the voices merged into each.
pub(crate) struct Pair<'p> {
    pub earlier: u32,
    pub later: u32,
    pub earlier_also: &'p [u32],
    pub later_also: &'p [u32],
}

/// A check's pair handler: returns whether it used the pair (a pair it skips does not
/// count towards [`MAX_PARTNERS`]).
pub(crate) type Emit<'e> = dyn FnMut(Pair<'_>) -> bool + 'e;

/// One voice per document and key: among `eligible` claims, the headline's when the
/// headline gives one (it states the story's own figure; a body may go on to other
/// incidents), else the one with the highest lower bound (an update beats the toll it
/// updates), ties to the earliest in the text.
pub(crate) fn voices(
    ctx: &Context,
    eligible: impl Fn(&Info) -> bool,
    extra: Extra,
    day: DayFn,
) -> Vec<u32> {
    let mut out = Vec::new();
    // (concept, subject, extra, event, place, day) of one document
    type Key = (u32, u32, u32, u32, u32, Option<i32>);
    let mut buf: Vec<(Key, bool, u64, u32, u32)> = Vec::new();
    for range in &ctx.docs {
        buf.clear();
        for &i in &ctx.order[range.clone()] {
            let f = ctx.info(i);
            if eligible(f) {
                let key = (f.concept, f.subject, extra.of(f), f.event, f.place, day(f));
                let body = f.section != crate::corpus::Section::Title;
                buf.push((key, body, !ordered(f.lo), f.rank, i));
            }
        }
        buf.sort_unstable();
        let mut last = None;
        for &(key, _, _, _, i) in &buf {
            if last != Some(key) {
                out.push(i);
                last = Some(key);
            }
        }
    }
    out
}

/// Order-preserving bits of a float (total order).
fn ordered(v: f64) -> u64 {
    let b = v.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

/// Call `emit` for every disagreeing pair of voices in one scope.
pub(crate) fn pairs(ctx: &Context, voices: &[u32], s: &Sweep, emit: &mut Emit<'_>) {
    let usable = |f: &Info| !s.falls_only || (s.day)(f).is_some();
    let mut runs = RunScratch::default();
    match s.scope {
        Scope::Document => {}
        Scope::Corpus => {
            let keyed = voices
                .iter()
                .map(|&v| (ctx.info(v), v))
                .filter(|(f, _)| usable(f))
                .map(|(f, v)| ((f.concept, f.subject, s.extra.of(f), 0), v));
            group_runs(ctx, keyed, s, None, false, &mut runs, emit);
        }
        Scope::Event => {
            let by_event = voices
                .iter()
                .map(|&v| (ctx.info(v), v))
                .filter(|(f, _)| f.event != 0 && usable(f))
                .map(|(f, v)| ((f.concept, f.subject, s.extra.of(f), f.event), v));
            group_runs(ctx, by_event, s, None, false, &mut runs, emit);
            let by_place = voices
                .iter()
                .map(|&v| (ctx.info(v), v))
                .filter(|(f, _)| f.place != 0 && (s.day)(f).is_some())
                .map(|(f, v)| ((f.concept, f.subject, s.extra.of(f), f.place), v));
            group_runs(
                ctx,
                by_place,
                s,
                Some(s.window.max(0)),
                true,
                &mut runs,
                emit,
            );
        }
    }
}

/// Buffers reused from run to run.
#[derive(Default)]
struct RunScratch {
    reps: Vec<u32>,
    also: Vec<Vec<u32>>,
    below: BTreeSet<(u64, u32, u32)>,
    above: BTreeSet<(u64, u32, u32)>,
}

/// (concept, subject, extra, event or place) of a run of comparable voices.
type RunKey = (u32, u32, u32, u32);

/// Sort keyed voices into runs of one key, each in date then text order, and sweep
/// each run.
fn group_runs(
    ctx: &Context,
    keyed: impl Iterator<Item = (RunKey, u32)>,
    s: &Sweep,
    window: Option<i64>,
    skip_both_events: bool,
    scratch: &mut RunScratch,
    emit: &mut Emit<'_>,
) {
    let mut all: Vec<(RunKey, i64, u32, u32)> = keyed
        .map(|(k, v)| {
            let f = ctx.info(v);
            let day = (s.day)(f).map_or(i64::MIN, i64::from);
            (k, day, f.rank, v)
        })
        .collect();
    all.sort_unstable();
    let mut run: Vec<u32> = Vec::new();
    let mut start = 0;
    while start < all.len() {
        let key = all[start].0;
        let mut end = start;
        run.clear();
        while end < all.len() && all[end].0 == key {
            run.push(all[end].3);
            end += 1;
        }
        if run.len() > 1 {
            sweep_run(ctx, &run, s, window, skip_both_events, scratch, emit);
        }
        start = end;
    }
}

/// Up to this many voices a run is compared pair by pair; the result is the same as
/// the sweep's because no voice can reach [`MAX_PARTNERS`].
const SMALL_RUN: usize = MAX_PARTNERS;

/// How many agreeing-but-skipped voices a scan passes before giving up.
const MAX_SCAN: usize = 8 * MAX_PARTNERS;

fn sweep_run(
    ctx: &Context,
    run: &[u32],
    s: &Sweep,
    window: Option<i64>,
    skip_both_events: bool,
    sc: &mut RunScratch,
    emit: &mut Emit<'_>,
) {
    let day = |v: u32| (s.day)(ctx.info(v)).map_or(i64::MIN, i64::from);
    collapse(ctx, run, s, window, sc);
    let reps = std::mem::take(&mut sc.reps);
    let also = std::mem::take(&mut sc.also);
    let also_of = |k: usize| also.get(k).map_or(&[][..], Vec::as_slice);
    // Whether (w earlier, v later) is a pair to report, and in which direction.
    let related = |w: u32, v: u32| -> bool {
        let (fw, fv) = (ctx.info(w), ctx.info(v));
        if skip_both_events && fw.event != 0 && fv.event != 0 {
            return false;
        }
        if s.falls_only && day(w) >= day(v) {
            return false;
        }
        let below = fw.hi < fv.lo;
        let above = fw.lo > fv.hi;
        (above || (below && !s.falls_only)) && apart(fw.interval(), fv.interval(), s.tol)
    };
    let within = |w: u32, v: u32| window.is_none_or(|win| day(v) - day(w) <= win);
    let pos: FastMap<u32, usize> = if reps.len() > SMALL_RUN {
        reps.iter().enumerate().map(|(k, &v)| (v, k)).collect()
    } else {
        FastMap::default()
    };

    if reps.len() <= SMALL_RUN {
        for k in 1..reps.len() {
            for j in 0..k {
                let (w, v) = (reps[j], reps[k]);
                if within(w, v) && related(w, v) {
                    emit(Pair {
                        earlier: w,
                        later: v,
                        earlier_also: also_of(j),
                        later_also: also_of(k),
                    });
                }
            }
        }
    } else {
        sc.below.clear();
        sc.above.clear();
        let mut tail = 0;
        for (k, &v) in reps.iter().enumerate() {
            while tail < k && !within(reps[tail], v) {
                let f = ctx.info(reps[tail]);
                sc.below.remove(&(ordered(f.hi), f.rank, reps[tail]));
                sc.above.remove(&(ordered(f.lo), f.rank, reps[tail]));
                tail += 1;
            }
            let fv = ctx.info(v);
            let mut report = |w: u32| {
                let j = pos.get(&w).copied().unwrap_or(usize::MAX);
                emit(Pair {
                    earlier: w,
                    later: v,
                    earlier_also: also_of(j),
                    later_also: also_of(k),
                })
            };
            if !s.falls_only {
                let (mut found, mut scanned) = (0, 0);
                for &(_, _, w) in sc.below.iter() {
                    let fw = ctx.info(w);
                    if fw.hi >= fv.lo || !apart(fw.interval(), fv.interval(), s.tol) {
                        break;
                    }
                    scanned += 1;
                    if related(w, v) && report(w) {
                        found += 1;
                    }
                    if found >= MAX_PARTNERS || scanned >= MAX_SCAN {
                        break;
                    }
                }
            }
            let (mut found, mut scanned) = (0, 0);
            for &(_, _, w) in sc.above.iter().rev() {
                let fw = ctx.info(w);
                if fw.lo <= fv.hi || !apart(fw.interval(), fv.interval(), s.tol) {
                    break;
                }
                scanned += 1;
                if related(w, v) && report(w) {
                    found += 1;
                }
                if found >= MAX_PARTNERS || scanned >= MAX_SCAN {
                    break;
                }
            }
            sc.below.insert((ordered(fv.hi), fv.rank, v));
            sc.above.insert((ordered(fv.lo), fv.rank, v));
        }
    }
    sc.reps = reps;
    sc.also = also;
}

/// Merge voices of one class and interval inside the window into the earliest of
/// them; fills `sc.reps` (representatives in run order) and `sc.also` (the voices
/// merged into each).
fn collapse(ctx: &Context, run: &[u32], s: &Sweep, window: Option<i64>, sc: &mut RunScratch) {
    sc.reps.clear();
    sc.also.clear();
    let Some(class) = s.class else {
        sc.reps.extend_from_slice(run);
        return;
    };
    let day = |v: u32| (s.day)(ctx.info(v)).map_or(i64::MIN, i64::from);
    let key = |v: u32| {
        let f = ctx.info(v);
        (class(f), ordered(f.lo), ordered(f.hi), f.event)
    };
    let mut open: FastMap<(u64, u64, u64, u32), usize> = FastMap::default();
    for &v in run {
        let k = key(v);
        match open.get(&k) {
            Some(&r) if window.is_none_or(|w| day(v) - day(sc.reps[r]) <= w) => {
                sc.also[r].push(v);
            }
            _ => {
                open.insert(k, sc.reps.len());
                sc.reps.push(v);
                sc.also.push(Vec::new());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    fn collect(ctx: &Context, voices: &[u32], s: &Sweep) -> Vec<(String, String)> {
        let mut got = Vec::new();
        pairs(ctx, voices, s, &mut |p: Pair<'_>| {
            got.push((
                ctx.claim(p.earlier).id.clone(),
                ctx.claim(p.later).id.clone(),
            ));
            true
        });
        got.sort();
        got
    }

    fn sweep_opts(window: i64) -> Sweep<'static> {
        Sweep {
            scope: Scope::Event,
            window,
            tol: Tolerance::default(),
            extra: Extra::Nothing,
            day: claim_day,
            falls_only: false,
            class: None,
        }
    }

    /// The sweep over a large run finds the same pairs as comparing every pair.
    #[test]
    fn big_runs_match_brute_force() {
        let mut claims = Vec::new();
        let mut seed = 99u64;
        for d in 0..100 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let v = 10 + (seed >> 40) % 7 * 5;
            let day = 1 + (seed >> 20) % 30;
            claims.push(
                claim(&format!("d{d:03}"), &v.to_string())
                    .date(&format!("2017-04-{day:02}"))
                    .id(&format!("d{d:03}#1")),
            );
        }
        let ctx = Context::new(&claims);
        let vs = voices(&ctx, |_| true, Extra::Nothing, claim_day);
        assert_eq!(vs.len(), 100);
        for window in [0, 1, 2] {
            let got = collect(&ctx, &vs, &sweep_opts(window));
            let mut want = Vec::new();
            for a in 0..claims.len() {
                for b in 0..claims.len() {
                    let (fa, fb) = (ctx.info(a as u32), ctx.info(b as u32));
                    let earlier = (fa.day, fa.rank) < (fb.day, fb.rank);
                    let near =
                        (i64::from(fb.day.unwrap()) - i64::from(fa.day.unwrap())).abs() <= window;
                    if earlier && near && apart(fa.interval(), fb.interval(), Tolerance::default())
                    {
                        want.push((claims[a].id.clone(), claims[b].id.clone()));
                    }
                }
            }
            want.sort();
            // no voice here has more disagreeing voices in its window than the cap
            assert!(
                got == want,
                "window {window}: {} pairs, {} expected",
                got.len(),
                want.len()
            );
            assert!(!got.is_empty());
        }
    }

    #[test]
    fn voice_is_highest_low_then_earliest() {
        let claims = vec![
            claim("a", "20").at(50),
            claim("a", "at least 43").at(90),
            claim("a", "43").at(10),
            claim("b", "7").at(0),
        ];
        let ctx = Context::new(&claims);
        let vs = voices(&ctx, |_| true, Extra::Nothing, claim_day);
        let texts: Vec<(usize, String)> = vs
            .iter()
            .map(|&v| (ctx.claim(v).start, ctx.claim(v).doc.clone()))
            .collect();
        assert_eq!(texts, vec![(10, "a".to_string()), (0, "b".to_string())]);
    }

    #[test]
    fn events_and_places() {
        let claims = vec![
            claim("a", "10").event("e1").place("x").id("a#1"),
            claim("b", "20")
                .event("e1")
                .place("y")
                .date("2010-01-01")
                .id("b#1"),
            claim("c", "30").event("e2").id("c#1"),
            claim("d", "40").id("d#1"),
        ];
        let ctx = Context::new(&claims);
        let vs = voices(&ctx, |_| true, Extra::Nothing, claim_day);
        let got = collect(&ctx, &vs, &sweep_opts(2));
        // a and b share an event (b is dated earlier); a and c have different events;
        // c (with an event) and d (without) share the place and the day.
        assert_eq!(
            got,
            vec![("b#1".into(), "a#1".into()), ("c#1".into(), "d#1".into())]
        );
    }
}
