//! Verb forms: the lexicon lists predicate verbs as lemmas ("kill", "claim the lives
//! of"); news text writes them inflected ("killed", "killing", "claimed the lives of").
//! [`inflections`] generates the forms of a lemma so lookups stay exact hash hits.

const IRREGULAR: &[(&str, &[&str])] = &[
    ("die", &["died", "dies", "dying"]),
    ("lie", &["lay", "lain", "lies", "lying"]),
    ("flee", &["fled", "flees", "fleeing"]),
    ("leave", &["left", "leaves", "leaving"]),
    ("strike", &["struck", "strikes", "striking", "stricken"]),
    ("hit", &["hit", "hits", "hitting"]),
    ("shoot", &["shot", "shoots", "shooting"]),
    ("slay", &["slew", "slain", "slays", "slaying"]),
    ("take", &["took", "taken", "takes", "taking"]),
    ("give", &["gave", "given", "gives", "giving"]),
    ("lay", &["laid", "lays", "laying"]),
    ("go", &["went", "gone", "goes", "going"]),
    ("lose", &["lost", "loses", "losing"]),
    ("bring", &["brought", "brings", "bringing"]),
    ("drive", &["drove", "driven", "drives", "driving"]),
    ("fall", &["fell", "fallen", "falls", "falling"]),
    ("tear", &["tore", "torn", "tears", "tearing"]),
    ("beat", &["beat", "beaten", "beats", "beating"]),
    ("hold", &["held", "holds", "holding"]),
    ("put", &["put", "puts", "putting"]),
    ("run", &["ran", "run", "runs", "running"]),
    ("throw", &["threw", "thrown", "throws", "throwing"]),
    ("fight", &["fought", "fights", "fighting"]),
    ("break", &["broke", "broken", "breaks", "breaking"]),
    ("seek", &["sought", "seeks", "seeking"]),
    ("catch", &["caught", "catches", "catching"]),
    ("send", &["sent", "sends", "sending"]),
    ("build", &["built", "builds", "building"]),
    ("begin", &["began", "begun", "begins", "beginning"]),
    ("blow", &["blew", "blown", "blows", "blowing"]),
    ("fly", &["flew", "flown", "flies", "flying"]),
    ("get", &["got", "gotten", "gets", "getting"]),
    ("find", &["found", "finds", "finding"]),
    ("bury", &["buried", "buries", "burying"]),
    ("carry", &["carried", "carries", "carrying"]),
];

/// Verbs whose final consonant doubles before -ed and -ing.
const DOUBLING: &[&str] = &[
    "kidnap", "drop", "stop", "ship", "plan", "shop", "trap", "grab", "strip", "nab", "bus", "ban",
    "jail", "shell", "pin", "rob",
];

/// Every form of a one-word lemma, the lemma included.
pub fn inflections(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    if let Some((_, forms)) = IRREGULAR.iter().find(|(l, _)| *l == lemma) {
        out.extend(forms.iter().map(|s| s.to_string()));
        return out;
    }
    let n = lemma.len();
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'x');
    let before_last = if n >= 2 { b[n - 2] } else { b'x' };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    // third person singular
    if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with('o')
    {
        out.push(format!("{lemma}es"));
    } else if last == b'y' && !vowel(before_last) {
        out.push(format!("{}ies", &lemma[..n - 1]));
    } else {
        out.push(format!("{lemma}s"));
    }
    // past and participle
    if DOUBLING.contains(&lemma) && !lemma.ends_with("ll") {
        let c = last as char;
        out.push(format!("{lemma}{c}ed"));
        out.push(format!("{lemma}{c}ing"));
        return out;
    }
    if last == b'e' {
        out.push(format!("{lemma}d"));
    } else if last == b'y' && !vowel(before_last) {
        out.push(format!("{}ied", &lemma[..n - 1]));
    } else {
        out.push(format!("{lemma}ed"));
    }
    // gerund
    if lemma.ends_with("ie") {
        out.push(format!("{}ying", &lemma[..n - 2]));
    } else if last == b'e' && before_last != b'e' {
        out.push(format!("{}ing", &lemma[..n - 1]));
    } else {
        out.push(format!("{lemma}ing"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inflections;

    #[test]
    fn forms() {
        let cases: &[(&str, &[&str])] = &[
            ("kill", &["kill", "kills", "killed", "killing"]),
            ("injure", &["injure", "injures", "injured", "injuring"]),
            ("die", &["die", "died", "dies", "dying"]),
            ("flee", &["flee", "fled", "flees", "fleeing"]),
            ("carry", &["carry", "carried", "carries", "carrying"]),
            (
                "destroy",
                &["destroy", "destroys", "destroyed", "destroying"],
            ),
            ("raze", &["raze", "razes", "razed", "razing"]),
            ("kidnap", &["kidnap", "kidnaps", "kidnapped", "kidnapping"]),
            (
                "massacre",
                &["massacre", "massacres", "massacred", "massacring"],
            ),
        ];
        for (lemma, want) in cases {
            let got = inflections(lemma);
            for w in *want {
                assert!(
                    got.iter().any(|g| g == w),
                    "{lemma}: missing {w} in {got:?}"
                );
            }
        }
    }
}
