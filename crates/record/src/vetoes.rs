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
    pub no: u32,
    pub abstain: u32,
}

impl Store {
    /// The vetoed decisions in `filter` (the body is always the Council), oldest first; with
    /// `by`, only those that state's seat vetoed (RUS includes the USSR's). Who vetoed: the `decision_vetoes` rows where the
    /// record keeps them (a vote by show of hands has no rows), otherwise the permanent members
    /// on that date (Art. 23(1); `registry`) who voted no.
    pub async fn vetoes(&self, filter: &Filter, by: Option<StateCode>, registry: &Registry) -> Result<Vec<Veto>, StoreError> {
        let mut sql = String::from("SELECT d.id FROM decisions d WHERE d.body = 'SC' AND d.outcome = 'vetoed'");
        let mut vals = Vec::new();
        if let Some(from) = filter.from {
            vals.push(from.to_string());
            sql.push_str(&format!(" AND d.date >= ${}", vals.len()));
        }
        if let Some(to) = filter.to {
            vals.push(to.to_string());
            sql.push_str(&format!(" AND d.date <= ${}", vals.len()));
        }
        sql.push_str(" ORDER BY d.date, d.id");
        let mut q = sqlx::query(AssertSqlSafe(sql));
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
            out.push(Veto {
                decision_id: d.id,
                date: d.date,
                symbol: d.symbol.or(d.draft),
                meeting: d.meeting,
                kind: d.kind,
                title: d.title.or(d.description),
                vetoed_by,
                yes: d.yes,
                no: d.no,
                abstain: d.abstain,
            });
        }
        Ok(out)
    }
}
