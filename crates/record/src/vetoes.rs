//! The vetoes in the record: Security Council drafts and amendments not adopted owing to the
//! negative vote of a permanent member (Charter Art. 27(3)). "A negative vote by a permanent
//! member which prevents the adoption of a decision which received at least nine affirmative
//! votes" (scprocedure.org; data/rules.md): with fewer votes in favour a draft fails for want
//! of votes whatever the permanent members did, and the rules engine has already said which
//! it was in each decision's `outcome`.
//!
//! The record holds the vetoes its sources hold: the SC archive has only adopted resolutions,
//! so before the verified fixtures (2014-2025) and the meetings run live, the list is empty.

use plenary_rules::states::Registry;
use plenary_rules::{Date, StateCode};
use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};

use crate::query::Filter;
use crate::{Store, StoreError};

/// One vetoed decision and who vetoed it.
#[derive(Clone, Debug, Serialize)]
pub struct Veto {
    pub decision_id: i64,
    pub date: String,
    /// The draft's symbol where the source gives one (S/2022/155), else the decision's symbol.
    pub symbol: Option<String>,
    pub meeting: Option<String>,
    pub kind: String,
    pub title: Option<String>,
    /// The permanent members whose negative vote it was, by ISO3 code, sorted.
    pub vetoed_by: Vec<String>,
    pub yes: u32,
    /// `None` where the record has neither a published figure nor the states' votes (the
    /// European amendment of 24 February 2025 is known by its 9 votes in favour only).
    pub no: Option<u32>,
    pub abstain: Option<u32>,
}

impl Store {
    /// The vetoed decisions in `filter` (the body is always the Council), oldest first; with
    /// `by`, only those that state's seat vetoed (RUS includes the USSR's). Who vetoed: the
    /// `decision_vetoes` rows where the record keeps them (a vote by show of hands, a vote known
    /// only by its totals), otherwise the permanent members on that date (Art. 23(1);
    /// `registry`) who voted no.
    pub async fn vetoes(&self, filter: &Filter, by: Option<StateCode>, registry: &Registry) -> Result<Vec<Veto>, StoreError> {
        // The filter's dates (and issue, if any) as every query of the record reads them; the
        // body is always the Council.
        let filter = Filter { body: Some("SC".into()), kinds: Vec::new(), ..filter.clone() };
        let (w, vals) = crate::query::where_clause(&filter, 1);
        let mut q = sqlx::query(AssertSqlSafe(format!("SELECT d.id FROM decisions d{w} AND d.outcome = 'vetoed' ORDER BY d.date, d.id")));
        for v in vals {
            q = q.bind(v);
        }
        let ids: Vec<i64> = q.fetch_all(&self.pool).await?.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(d) = self.decision(id).await? else { continue };
            let vetoed_by = if d.vetoed_by.is_empty() {
                let date = Date::parse_from_str(&d.date, "%Y-%m-%d").ok();
                d.votes
                    .iter()
                    .filter(|(_, v)| v.as_str() == "N")
                    .filter(|(code, _)| match (StateCode::parse(code), date) {
                        (Some(c), Some(date)) => registry.is_sc_permanent(c, date),
                        _ => false,
                    })
                    .map(|(code, _)| code.clone())
                    .collect()
            } else {
                d.vetoed_by.clone()
            };
            // The seat, not the code: the USSR's vetoes are the Russian Federation's seat's.
            let seat = |code: &str| StateCode::parse(code).map(|c| registry.seat(c));
            if let Some(by) = by
                && !vetoed_by.iter().any(|c| seat(c) == Some(registry.seat(by)))
            {
                continue;
            }
            let published = d.sources.first();
            let counted = !d.votes.is_empty();
            let known = |published: Option<i64>, n: u32| (published.is_some() || counted).then_some(n);
            out.push(Veto {
                decision_id: d.id,
                date: d.date,
                symbol: d.symbol.or(d.draft),
                meeting: d.meeting,
                kind: d.kind,
                title: d.title.or(d.description),
                vetoed_by,
                yes: d.yes,
                no: known(published.and_then(|p| p.no), d.no),
                abstain: known(published.and_then(|p| p.abstain), d.abstain),
            });
        }
        Ok(out)
    }
}
